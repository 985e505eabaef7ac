"""Commissioning and council pages driven in headless Chromium (Debian's package), as an editor would.

Compose a council (enter a proposal, compose, see seats, alternates and exclusions, save, export) and
commission a task (a form with mistakes, then a task, then assign an expert). Screenshots at 1366×768
go to test-output/screenshots/ like tests/test_ui_browser.py's.
"""

from __future__ import annotations

import time
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest
from openpyxl import load_workbook
from playwright.sync_api import BrowserContext, Page, expect

from api.app import create_app
from bench.browser import VIEWPORT, chromium
from graph.connection import Graph
from queries.proposals import OrgLink, Proposal, save_proposal
from tests.conftest import Demo, ensure_user
from tests.test_ui_browser import shot, sign_in
from tests.ui_live import serving

UNLABELLED = """() => [...document.querySelectorAll('input, select, textarea')]
  .filter(c => c.type !== 'hidden' && c.labels.length === 0 && !c.getAttribute('aria-label'))
  .map(c => c.outerHTML)"""
WIDER_THAN_SCREEN = "() => document.documentElement.scrollWidth > window.innerWidth"


@pytest.fixture(scope="module")
def site(demo: Demo) -> Iterator[str]:
    with serving(create_app(demo.runtime.graph)) as base_url:
        yield base_url


@pytest.fixture(scope="module")
def browser() -> Iterator[BrowserContext]:
    with chromium() as context:
        yield context


@pytest.fixture
def editor_page(browser: BrowserContext, demo_graph: Graph, site: str) -> Iterator[Page]:
    browser.clear_cookies()
    tab = browser.new_page()
    sign_in(tab, site, ensure_user(demo_graph, "editor"))
    yield tab
    tab.close()


def readable(page: Page) -> None:
    """Every control has a label, and nothing spills sideways at 1366×768."""
    assert page.evaluate(UNLABELLED) == []
    assert page.viewport_size == VIEWPORT
    assert not page.evaluate(WIDER_THAN_SCREEN)


def test_compose_a_council_for_a_new_proposal_and_export_it(
    editor_page: Page, site: str, tmp_path: Path
) -> None:
    page = editor_page
    code = f"UI-BR-{int(time.time())}"
    page.goto(site + "/")
    page.get_by_role("navigation", name="Điều hướng chính").get_by_role(
        "link", name="Hồ sơ, hội đồng"
    ).click()
    page.get_by_role("link", name="Thêm hồ sơ").click()
    readable(page)
    page.get_by_label("Mã hồ sơ", exact=True).fill(code)
    page.get_by_label("Năm", exact=True).fill("2025")
    page.get_by_label("Tên đề xuất", exact=True).fill("Nhân giống sâm Lai Châu bằng nuôi cấy mô")
    page.get_by_label("Tóm tắt", exact=True).fill("Nhân giống và trồng sâm Lai Châu dưới tán rừng tự nhiên.")
    page.get_by_label("Lĩnh vực cần có", exact=True).select_option(["401"])
    page.get_by_label("Tổ chức chủ trì", exact=True).select_option("LC-TTKN")
    page.get_by_label("Chủ nhiệm (mã chuyên gia)", exact=True).fill("LC-01383")
    page.get_by_label("Thành viên (mã chuyên gia)", exact=True).fill("LC-00077, LC-01143")
    page.get_by_label("Cấp đề nghị", exact=True).select_option("provincial")
    shot(page, "proposal-new")
    page.get_by_role("button", name="Lưu hồ sơ").click()
    page.wait_for_url(f"**/proposals/{code}")
    expect(page.get_by_role("heading", level=1)).to_have_text("Nhân giống sâm Lai Châu bằng nuôi cấy mô")

    page.get_by_label("Số thành viên", exact=True).fill("7")
    page.get_by_label("Số phản biện", exact=True).fill("2")
    page.get_by_role("button", name="Lập hội đồng").click()
    page.wait_for_selector("#composition")
    readable(page)
    seats = page.locator("li.seat")
    expect(seats).to_have_count(7)
    roles = seats.evaluate_all("els => els.map(e => e.dataset.role)")
    assert sorted(roles) == sorted(
        ["chair", "secretary", "reviewer", "reviewer", "member", "member", "member"]
    )
    assert all(r.startswith("Vì sao phù hợp:") for r in page.locator("li.seat .reason").all_inner_texts())
    assert page.locator("li.seat [data-alternate]").count() >= 1
    excluded = page.locator("#exclusions table.excluded tbody tr")
    assert excluded.count() >= 1
    expect(page.locator("#exclusions")).to_contain_text("là người đề xuất")
    shot(page, "council")

    page.get_by_role("button", name="Lưu hội đồng này").click()
    page.wait_for_url(f"**/proposals/{code}#saved-council")
    expect(page.locator("table.saved-council tbody tr")).to_have_count(7)
    shot(page, "council-saved")
    with page.expect_download() as download_info:
        page.get_by_role("link", name="Tải quyết định hội đồng (.xlsx)").click()
    path = tmp_path / "hoi-dong.xlsx"
    download_info.value.save_as(path)
    rows = list(load_workbook(path)["Thành viên hội đồng"].iter_rows(values_only=True))
    assert len(rows) == 8 and rows[0][1] == "Họ và tên"


def test_commission_a_task_and_assign_an_expert(editor_page: Page, site: str) -> None:
    page = editor_page
    page.goto(site + "/")
    page.get_by_role("link", name="Đặt hàng, giao nhiệm vụ").click()
    page.get_by_role("link", name="Tạo nhiệm vụ mới").click()
    readable(page)
    page.get_by_role("button", name="Tạo nhiệm vụ").click()  # empty: every mistake, in Vietnamese
    summary = page.get_by_role("alert")
    expect(summary).to_contain_text("Tên nhiệm vụ: không được để trống")
    expect(summary).to_contain_text("Cơ quan đặt hàng: không được để trống")
    shot(page, "task-errors")

    title = f"Tư vấn trồng sâm Lai Châu dưới tán rừng {int(time.time())}"
    page.get_by_label("Loại nhiệm vụ", exact=True).select_option("consultancy")
    page.get_by_label("Tên nhiệm vụ", exact=True).fill(title)
    page.get_by_label("Mô tả", exact=True).fill("Hướng dẫn hộ dân nhân giống và trồng sâm.")
    page.get_by_label("Lĩnh vực cần có", exact=True).select_option(["401"])
    page.get_by_label("Ngành", exact=True).select_option("AGRI_FOREST")
    page.get_by_label("Cơ quan đặt hàng", exact=True).select_option("LC-SNNPTNT")
    page.get_by_label("Số người cần", exact=True).fill("2")
    page.get_by_label("Hạn hoàn thành", exact=True).fill(date(date.today().year + 1, 6, 30).isoformat())
    page.get_by_role("button", name="Tạo nhiệm vụ").click()
    page.wait_for_url("**/tasks/NV-*")
    expect(page.get_by_role("heading", level=1)).to_have_text(title)
    readable(page)
    team = page.locator("ol.team > li")
    assert team.count() >= 1
    expect(page.locator("table.excluded")).to_contain_text("Cùng cơ quan đặt hàng")
    shot(page, "task")

    first = team.first
    expert_id = first.get_attribute("data-expert-id")
    name = first.locator("h3 a").inner_text()
    first.get_by_label("Vai trò", exact=True).select_option("lead")
    first.get_by_role("button", name="Giao nhiệm vụ").click()
    page.wait_for_url("**#assignments")
    expect(page.locator(f'tr[data-assigned="{expert_id}"]')).to_contain_text("chủ trì")
    expect(page.locator("ol.history")).to_contain_text(name.split(".")[-1].strip())
    shot(page, "task-assigned")


def test_a_viewer_sees_no_commissioning_pages(browser: BrowserContext, demo_graph: Graph, site: str) -> None:
    browser.clear_cookies()
    tab = browser.new_page()
    try:
        sign_in(tab, site, ensure_user(demo_graph, "viewer"))
        nav = tab.get_by_role("navigation", name="Điều hướng chính")
        expect(nav.get_by_role("link")).to_have_count(1)
        response = tab.goto(site + "/proposals")
        assert response is not None and response.status == 403
        expect(tab.get_by_role("heading", level=1)).to_have_text("Không có quyền truy cập")
    finally:
        tab.close()


def _tab_to(page: Page, predicate: str, limit: int = 80) -> None:
    for _ in range(limit):
        page.keyboard.press("Tab")
        if page.evaluate(predicate):
            return
    raise AssertionError(f"Tab never reached: {predicate}")


def test_a_council_is_composed_and_saved_with_the_keyboard_alone(
    editor_page: Page, site: str, demo_graph: Graph
) -> None:
    page = editor_page
    code = f"UI-KB-{int(time.time())}"
    proposal = Proposal(
        code=code,
        title="Phòng chống sạt lở đất vùng cao",
        abstract="Cảnh báo sớm sạt lở đất và lũ quét cho các bản vùng cao Lai Châu.",
        orgs=[OrgLink("LC-UBND", None, "host")],
        year=2025,
    )
    save_proposal(demo_graph, proposal)
    page.goto(f"{site}/proposals/{code}")
    _tab_to(page, "() => document.activeElement.id === 'size'")
    page.keyboard.press("Control+A")
    page.keyboard.type("5")
    page.keyboard.press("Enter")  # submits the compose form
    page.wait_for_selector("#composition")
    expect(page.locator("li.seat")).to_have_count(5)
    _tab_to(page, "() => document.activeElement.textContent.trim() === 'Lưu hội đồng này'", limit=300)
    shot(page, "council-keyboard")
    page.keyboard.press("Enter")
    page.wait_for_url(f"**/proposals/{code}#saved-council")
    expect(page.locator("table.saved-council tbody tr")).to_have_count(5)
