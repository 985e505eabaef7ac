"""How fast the network, dashboard and import pages paint in a real browser, on the Lai Châu demo.

    python -m bench.ui_data_paint [--repeats 7]

Starts the demo app as bench/ui_paint.py does (`python -m api serve --demo`, throw-away store, free
ports) without holding any lock, then takes the exclusive CPU lock (/tmp/eg-cpu.lock) for the timed
part only. Each page's first contentful paint comes from the Performance API in headless Chromium
(bench/browser.py). Baseline in the same run: the search page `/`, whose paint is the issue's 1 s
target. The network page's first load computes the analyses (expert and sector projections, Leiden,
betweenness) and the dashboard's first load the forecast; later loads hit the analysis cache, so the
first load is reported on its own (one sample: it cannot be repeated without changing the data).
"""

from __future__ import annotations

import argparse
import fcntl
import os
from collections.abc import Iterator
from contextlib import contextmanager

from playwright.sync_api import Page

from bench.browser import Samples, chromium, first_contentful_paint, measure
from bench.ui_paint import demo_site
from graph.settings import Settings

LOCK = "/tmp/eg-cpu.lock"


@contextmanager
def exclusive_cpu() -> Iterator[None]:
    """Hold the machine's shared benchmark lock exclusively: no test runs beside the timing."""
    with open(LOCK, "a") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


def sign_in(page: Page, base: str, username: str) -> None:
    page.context.clear_cookies()
    page.goto(base + "/login")
    page.fill("#username", username)
    page.fill("#password", Settings().demo_password.get_secret_value())
    page.click("button[type=submit]")
    page.wait_for_url(base + "/")


def run(repeats: int) -> tuple[list[Samples], float, float]:
    with demo_site() as base, chromium() as context:
        page = context.new_page()
        with exclusive_cpu():
            load_before = os.getloadavg()[0]
            sign_in(page, base, "demo-analyst")
            first_network = first_contentful_paint(page, base + "/network", cold=True)
            samples = [
                measure(page, "baseline: search page (/), cold cache", base + "/", repeats, cold=True),
                measure(
                    page, "network page (/network), analyses cached", base + "/network", repeats, cold=True
                ),
                measure(page, "dashboard (/dashboard)", base + "/dashboard", repeats, cold=True),
            ]
            sign_in(page, base, "demo-editor")
            samples.append(measure(page, "import page (/import)", base + "/import", repeats, cold=True))
            samples.append(
                measure(page, "review queue (/import/review)", base + "/import/review", repeats, cold=True)
            )
        page.close()
    return samples, first_network, load_before


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--repeats", type=int, default=7)
    args = parser.parse_args()
    samples, first_network, load_before = run(max(5, args.repeats))
    for s in samples:
        print(s.line())
    print(f"network page, first load (computes the analyses; n=1): {first_network:.0f} ms")
    search = samples[0].median
    for s in samples[1:]:
        print(f"{s.name} / search page: {s.median / search:.2f}x")
    load_after = os.getloadavg()[0]
    print(
        f"load average (1 min) at start and end of the timing: {load_before:.1f}, {load_after:.1f} "
        f"on {os.cpu_count()} cores"
    )


if __name__ == "__main__":
    main()
