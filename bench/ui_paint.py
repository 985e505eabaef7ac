"""How fast the web pages paint in a real browser, on the Lai Châu demo, served as `make run` serves it.

    python -m bench.ui_paint [--repeats 7]

Starts `python -m api --demo` on free ports with a throw-away Neo4j store, then loads each page in
headless Chromium (bench/browser.py, the same setup as the end-to-end tests) and reads the first
contentful paint from the Performance API. Baselines in the same run: the JSON API's own response time
for the same search (what any page showing it must at least wait for), and the same pages with a warm
browser cache against a cold one.
"""

from __future__ import annotations

import argparse
import os
import signal
import subprocess
import sys
import tempfile
import time
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from urllib.parse import quote

from bench.browser import Samples, chromium, measure, measure_response
from graph.server import free_port
from graph.settings import PROJECT_ROOT, Settings

QUERY = "nông nghiệp"


def _wait_for(url: str, proc: subprocess.Popen[bytes], timeout_s: float = 900) -> None:
    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise RuntimeError(f"python -m api exited with {proc.returncode}")
        try:
            with urllib.request.urlopen(url, timeout=5) as response:
                if response.status == 200:
                    return
        except OSError:
            time.sleep(1)
    raise TimeoutError(url)


@contextmanager
def demo_site() -> Iterator[str]:
    """The app with the demo loaded, as `make run` starts it, on free ports; stopped on exit."""
    with tempfile.TemporaryDirectory(prefix="eg-ui-paint-") as tmp:
        port = free_port()
        env = {
            **os.environ,
            "API_PORT": str(port),
            "LOCAL_BOLT_PORT": str(free_port()),
            "LOCAL_HOME": str(Path(tmp) / "neo4j"),
            "DEMO_DIR": str(Path(tmp) / "demo"),
        }
        proc = subprocess.Popen(
            [sys.executable, "-m", "api", "serve", "--demo"],
            cwd=PROJECT_ROOT,
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            start_new_session=True,
        )
        try:
            base = f"http://127.0.0.1:{port}"
            _wait_for(f"{base}/health", proc)
            yield base
        finally:
            os.killpg(proc.pid, signal.SIGINT)
            try:
                proc.wait(90)
            except subprocess.TimeoutExpired:
                os.killpg(proc.pid, signal.SIGKILL)


def run(repeats: int) -> list[Samples]:
    with demo_site() as base, chromium() as context:
        page = context.new_page()
        page.goto(base + "/login")  # the demo's viewer account (make run creates it)
        page.fill("#username", "demo-viewer")
        page.fill("#password", Settings().demo_password.get_secret_value())
        page.click("button[type=submit]")
        page.wait_for_url(base + "/")
        q = quote(QUERY)
        results_url = f"{base}/?q={q}"
        page.goto(results_url)
        first_expert = page.locator("li.result h3 a").first.get_attribute("href")
        samples = [
            measure_response(
                page, "baseline: JSON API search response", f"{base}/api/v1/experts/search?q={q}", repeats
            ),
            measure(page, "search page (/), cold cache", base + "/", repeats, cold=True),
            measure(page, "search page (/), warm cache", base + "/", repeats, cold=False),
            measure(page, f"result page (/?q={QUERY}), cold cache", results_url, repeats, cold=True),
            measure(page, f"result page (/?q={QUERY}), warm cache", results_url, repeats, cold=False),
            measure(page, "expert profile page, cold cache", f"{base}{first_expert}", repeats, cold=True),
        ]
        page.close()
    return samples


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--repeats", type=int, default=7)
    args = parser.parse_args()
    samples = run(max(5, args.repeats))
    for s in samples:
        print(s.line())
    api, search_cold, search_warm, results_cold, results_warm = (s.median for s in samples[:5])
    print(f"result page FCP / JSON API response: {results_cold / api:.2f}x")
    print(f"search page cold / warm cache: {search_cold / search_warm:.2f}x")
    print(f"result page cold / warm cache: {results_cold / results_warm:.2f}x")
    print(f"search page median first contentful paint under 1 s: {search_cold < 1000}")
    print(f"load average while measuring: {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores")


if __name__ == "__main__":
    main()
