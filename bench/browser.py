"""Headless Chromium from Debian's `chromium` package, driven by Playwright, and paint timing.

Shared by the end-to-end tests (tests/test_ui_browser.py) and bench/ui_paint.py so both measure with
the same browser the same way. Playwright's own browser downloads are never used (`playwright install`
cannot reach its CDN here): `executable_path` points at the system Chromium, and every run gets a
fresh profile directory.
"""

from __future__ import annotations

import statistics
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from playwright.sync_api import BrowserContext, Page, sync_playwright

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
VIEWPORT = {"width": 1366, "height": 768}  # an ordinary office screen

FCP_SCRIPT = """() => {
  const entry = performance.getEntriesByName('first-contentful-paint')[0];
  return entry ? entry.startTime : null;
}"""
RESPONSE_END_SCRIPT = """() => {
  const nav = performance.getEntriesByType('navigation')[0];
  return nav ? nav.responseEnd - nav.startTime : null;
}"""


@contextmanager
def chromium(locale: str = "vi-VN") -> Iterator[BrowserContext]:
    """A browser context at 1366×768 with a throw-away profile; closed (and the browser with it) on exit."""
    if not CHROMIUM.exists():
        raise RuntimeError(f"{CHROMIUM} is missing: `make test` installs Debian's chromium package")
    with sync_playwright() as pw, tempfile.TemporaryDirectory(prefix="eg-chromium-") as profile:
        context = pw.chromium.launch_persistent_context(
            profile,
            executable_path=str(CHROMIUM),
            headless=True,
            args=CHROMIUM_ARGS,
            viewport={"width": VIEWPORT["width"], "height": VIEWPORT["height"]},
            locale=locale,
        )
        try:
            yield context
        finally:
            context.close()


def first_contentful_paint(page: Page, url: str, *, cold: bool) -> float:
    """Milliseconds from navigation start to the first contentful paint of `url`.

    `cold` clears the browser's HTTP cache first, so the page, its stylesheet and script all come
    from the server; otherwise they may come from the cache of earlier loads.
    """
    if cold:
        cdp = page.context.new_cdp_session(page)
        cdp.send("Network.clearBrowserCache")
        cdp.detach()
    page.goto(url, wait_until="load")
    page.wait_for_function(FCP_SCRIPT, timeout=10_000)
    value = page.evaluate(FCP_SCRIPT)
    return float(value)


def response_time(page: Page, url: str) -> float:
    """Milliseconds from navigation start to the last byte of `url` (e.g. a JSON API answer)."""
    page.goto(url, wait_until="load")
    return float(page.evaluate(RESPONSE_END_SCRIPT))


@dataclass(frozen=True)
class Samples:
    name: str
    values: list[float]

    @property
    def median(self) -> float:
        return statistics.median(self.values)

    def line(self) -> str:
        return (
            f"{self.name}: median {self.median:.0f} ms "
            f"(n={len(self.values)}, min {min(self.values):.0f}, max {max(self.values):.0f})"
        )


def measure(page: Page, name: str, url: str, repeats: int, *, cold: bool) -> Samples:
    return Samples(name, [first_contentful_paint(page, url, cold=cold) for _ in range(repeats)])


def measure_response(page: Page, name: str, url: str, repeats: int) -> Samples:
    return Samples(name, [response_time(page, url) for _ in range(repeats)])
