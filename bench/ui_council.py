"""What the council page costs on top of the council API, on the Lai Châu demo, in a real browser.

    python -m bench.ui_council [--repeats 7] [--base-url http://127.0.0.1:8000]

The page composes the same council as `POST /api/v1/councils/compose` and then ranks the seat holders
and alternates once more (`match_experts` over those ids) to show each one's evidence sentences. The
baseline, in the same run, is the JSON API's compose for the same proposal; the figures are the
page's response end and first contentful paint in headless Chromium (bench/browser.py). Without
`--base-url` the demo is started as `make run` starts it (bench/ui_paint.py); with it, an already
running server with the demo is used, so the slow demo load can happen outside the timing lock.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import time
import urllib.request
from contextlib import AbstractContextManager, nullcontext
from urllib.parse import quote, urlencode

from bench.browser import Samples, chromium, measure, measure_response
from bench.ui_paint import demo_site
from graph.settings import Settings

PROPOSAL = {
    "code": "BENCH-UI-HD-01",
    "title": "Nhân giống sâm Lai Châu bằng nuôi cấy mô",
    "abstract": "Nhân giống và trồng sâm Lai Châu dưới tán rừng tự nhiên, bảo tồn nguồn gen dược liệu quý.",
    "fields": ["401"],
    "host_org_id": "LC-TTKN",
    "proposers": [{"expert_id": "LC-01383", "role": "lead"}],
    "year": 2025,
}
EDITOR = "demo-editor"


def _call(url: str, token: str | None, body: dict[str, object] | None = None, form: bool = False) -> bytes:
    headers = {"Authorization": f"Bearer {token}"} if token else {}
    data = None
    if body is not None:
        if form:
            data = urlencode(body).encode()
            headers["Content-Type"] = "application/x-www-form-urlencoded"
        else:
            data = json.dumps(body).encode()
            headers["Content-Type"] = "application/json"
    request = urllib.request.Request(url, data=data, headers=headers, method="POST" if data else "GET")
    with urllib.request.urlopen(request, timeout=120) as response:
        return bytes(response.read())


def api_compose(base: str, token: str, repeats: int) -> Samples:
    """Wall time of the JSON compose, as a client sees it (one warm-up call first)."""
    url = f"{base}/api/v1/councils/compose"
    body = {"proposal": PROPOSAL["code"], "size": 7, "reviewers": 2}
    _call(url, token, body)
    values = []
    for _ in range(repeats):
        start = time.perf_counter()
        _call(url, token, body)
        values.append((time.perf_counter() - start) * 1000)
    return Samples("baseline: JSON API POST /councils/compose", values)


def run(repeats: int, base_url: str | None) -> list[Samples]:
    site: AbstractContextManager[str] = nullcontext(base_url) if base_url else demo_site()
    password = Settings().demo_password.get_secret_value()
    with site as base, chromium() as context:
        token = json.loads(
            _call(f"{base}/api/v1/auth/token", None, {"username": EDITOR, "password": password}, form=True)
        )["access_token"]
        _call(f"{base}/api/v1/proposals", token, PROPOSAL)
        page = context.new_page()
        page.goto(base + "/login")
        page.fill("#username", EDITOR)
        page.fill("#password", password)
        page.click("button[type=submit]")
        page.wait_for_url(base + "/")
        council_url = f"{base}/proposals/{quote(str(PROPOSAL['code']), safe='')}/council?size=7&reviewers=2"
        page.goto(council_url)  # warm-up
        samples = [
            api_compose(base, token, repeats),
            measure_response(page, "council page: response end", council_url, repeats),
            measure(
                page, "council page: first contentful paint, cold cache", council_url, repeats, cold=True
            ),
        ]
        page.close()
    return samples


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--repeats", type=int, default=7)
    parser.add_argument("--base-url", default=None, help="a running server with the demo loaded")
    args = parser.parse_args()
    before = os.getloadavg()
    samples = run(max(5, args.repeats), args.base_url)
    after = os.getloadavg()
    for s in samples:
        print(s.line())
    api, page, paint = (statistics.median(s.values) for s in samples)
    print(f"council page response / JSON compose: {page / api:.2f}x ({page - api:+.0f} ms)")
    print(f"council page first paint / JSON compose: {paint / api:.2f}x")
    print(f"load average (1 min) before {before[0]:.1f}, after {after[0]:.1f}, on {os.cpu_count()} cores")


if __name__ == "__main__":
    main()
