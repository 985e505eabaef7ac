"""The network, dashboard and import pages driven in headless Chromium over the demo data.

As tests/test_ui_browser.py: real HTTP, Debian's chromium, 1366×768, controls found by their labels,
and a screenshot of each page under test-output/screenshots/. Imports add records with ids of their
own (UI-…) to the demo graph and never delete any.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from openpyxl import load_workbook
from playwright.sync_api import BrowserContext, Page, expect

from graph.connection import Graph
from graph.text import fold
from tests.conftest import ensure_user
from tests.test_ui_browser import browser, shot, sign_in, site

__all__ = ["browser", "site"]  # fixtures shared with tests/test_ui_browser.py


def signed_in(context: BrowserContext, graph: Graph, site_url: str, role: str) -> Page:
    """A fresh tab signed in as `role` (one role per test: the tabs of a context share its cookies)."""
    context.clear_cookies()
    tab = context.new_page()
    sign_in(tab, site_url, ensure_user(graph, role))
    return tab


@pytest.fixture
def analyst(browser: BrowserContext, demo_graph: Graph, site: str) -> Iterator[Page]:
    tab = signed_in(browser, demo_graph, site, "analyst")
    yield tab
    tab.close()


@pytest.fixture
def editor(browser: BrowserContext, demo_graph: Graph, site: str) -> Iterator[Page]:
    tab = signed_in(browser, demo_graph, site, "editor")
    yield tab
    tab.close()


def fill_template(path: Path, rows: list[dict[str, object]]) -> None:
    """Write `rows` under the template's own header row, finding columns by the English name each
    header cell carries in its comment (as a user would read the guide)."""
    book = load_workbook(path)
    sheet = book.worksheets[0]
    columns = {
        str(cell.comment.text).split(" — ")[0]: cell.column for cell in sheet[1] if cell.comment is not None
    }
    for offset, row in enumerate(rows, start=2):
        for name, value in row.items():
            sheet.cell(row=offset, column=columns[name], value=value)
    book.save(path)


def test_upload_with_errors_shows_them_then_a_good_file_is_imported(
    editor: Page, site: str, tmp_path: Path, demo_graph: Graph
) -> None:
    editor.get_by_role("navigation", name="Điều hướng chính").get_by_role("link", name="Nhập dữ liệu").click()
    expect(editor.get_by_role("heading", level=1)).to_have_text("Nhập dữ liệu từ Excel, CSV")
    with editor.expect_download() as download_info:
        editor.locator("#template-links").get_by_role("link", name="Trí thức, chuyên gia (.xlsx)").click()
    template = tmp_path / "tri-thuc.xlsx"
    download_info.value.save_as(template)
    shot(editor, "import")

    people = [
        {"expert_id": "UI-0001", "full_name": "Giàng A Páo", "gender": "nam", "birth_year": 1986},
        {"expert_id": "UI-0002", "full_name": "Lò Thị Xuân", "gender": "nữ", "birth_year": "198x"},
        {"expert_id": "UI-0003", "full_name": "Tòng Văn Hặc", "gender": "nam", "email": "hac-at-laichau"},
    ]
    fill_template(template, people)
    editor.get_by_label("Loại dữ liệu").select_option("experts")
    editor.get_by_label("Tệp Excel hoặc CSV").set_input_files(template)
    editor.get_by_role("button", name="Kiểm tra tệp").click()
    errors = editor.locator("#import-errors tbody tr")
    expect(errors.first).to_be_visible()
    rows = [line.split("\t") for line in errors.evaluate_all("rs => rs.map(r => r.innerText)")]
    by_row = {r[2].strip(): r for r in rows}
    assert "(birth_year)" in by_row["3"][3] and by_row["3"][4].strip() == "198x"
    assert "(email)" in by_row["4"][3] and by_row["4"][4].strip() == "hac-at-laichau"
    assert all(r[0].strip() == "tri-thuc.xlsx" and r[1].strip() == "Trí thức" for r in rows)
    expect(editor.get_by_role("heading", name="chưa ghi gì", exact=False)).to_be_visible()
    shot(editor, "import-errors")
    assert not demo_graph.read("MATCH (e:Expert) WHERE e.id STARTS WITH 'UI-' RETURN e.id")

    people[1]["birth_year"], people[2]["email"] = 1980, "hac@laichau.gov.vn"
    fill_template(template, people)
    editor.get_by_label("Tệp Excel hoặc CSV").set_input_files(template)
    editor.get_by_role("button", name="Kiểm tra tệp").click()
    expect(editor.get_by_role("heading", name="hợp lệ", exact=False)).to_be_visible()
    shot(editor, "import-checked")
    editor.get_by_role("button", name="Xác nhận nhập dữ liệu").click()
    editor.wait_for_url("**/import/runs/*")
    expect(editor.locator("#run-status")).to_contain_text("Đã nhập xong tệp tri-thuc.xlsx")
    created = int(editor.locator("#report-created").inner_text())
    unchanged = int(editor.locator("#report-unchanged").inner_text())
    assert created + unchanged == 3  # unchanged when this test ran before on the same server
    shot(editor, "import-report")
    stored = demo_graph.read("MATCH (e:Expert) WHERE e.id STARTS WITH 'UI-' RETURN e.id AS id ORDER BY id")
    assert [r["id"] for r in stored] == ["UI-0001", "UI-0002", "UI-0003"]
    editor.get_by_role("link", name="Quay lại trang nhập dữ liệu").click()
    expect(editor.locator("#import-runs tbody tr").first).to_contain_text("tri-thuc.xlsx")


def test_dashboard_shows_figures_targets_forecasts_and_exports(
    analyst: Page, site: str, tmp_path: Path
) -> None:
    analyst.get_by_role("navigation", name="Điều hướng chính").get_by_role(
        "link", name="Thống kê, chỉ tiêu"
    ).click()
    expect(analyst.get_by_role("heading", level=1)).to_have_text(
        "Thống kê đội ngũ trí thức, chỉ tiêu và dự báo"
    )
    expect(analyst.locator("#workforce-total")).to_contain_text("người")
    expect(analyst.get_by_role("heading", name="Chỉ tiêu đến năm 2030")).to_be_visible()
    assert analyst.locator("#targets progress").count() >= 2
    assert analyst.locator("#forecast tbody tr").count() >= 3
    assert analyst.locator("figure.chart svg").count() == 3
    shot(analyst, "dashboard")
    analyst.get_by_role("link", name="Chỉ tiêu đến năm 2030").click()  # the page's own table of contents
    shot(analyst, "dashboard-targets")
    with analyst.expect_download() as download_info:
        analyst.get_by_role("link", name="Tải bảng chỉ tiêu (.xlsx)").click()
    path = tmp_path / "chi-tieu.xlsx"
    download_info.value.save_as(path)
    rows = list(load_workbook(path).worksheets[0].iter_rows(values_only=True))
    assert any("Chỉ tiêu" in row and "Hiện nay" in row for row in rows)  # the Vietnamese header row
    analyst.get_by_role("link", name="English").click()
    expect(analyst.get_by_role("heading", level=1)).to_have_text(
        "Workforce statistics, targets and forecasts"
    )
    shot(analyst, "dashboard-en")


def test_network_page_filters_and_shows_communities(analyst: Page, site: str) -> None:
    analyst.get_by_role("navigation", name="Điều hướng chính").get_by_role(
        "link", name="Mạng lưới hợp tác"
    ).click()
    expect(analyst.get_by_role("heading", level=1)).to_have_text("Mạng lưới hợp tác đổi mới sáng tạo")
    assert analyst.locator("#communities tbody tr").count() >= 2
    expect(analyst.locator(".network-figure svg")).to_be_visible()
    assert analyst.locator("#suggestions tbody tr").count() >= 1
    shot(analyst, "network")
    analyst.get_by_role("heading", name="Những chỗ còn thiếu liên kết").scroll_into_view_if_needed()
    shot(analyst, "network-gaps")
    analyst.get_by_label("Ngành").select_option("AGRI_FOREST")
    analyst.get_by_label("Từ năm").fill("2015")
    analyst.get_by_role("button", name="Xem mạng lưới").click()
    analyst.wait_for_url("**sector=AGRI_FOREST**")
    assert analyst.get_by_label("Ngành").input_value() == "AGRI_FOREST"
    assert analyst.get_by_label("Từ năm").input_value() == "2015"
    graphml = analyst.get_by_role("link", name="GraphML (Gephi, yEd)").get_attribute("href")
    assert graphml and "sector=AGRI_FOREST" in graphml and "year_from=2015" in graphml
    shot(analyst, "network-filtered")


UNLABELLED = """() => [...document.querySelectorAll('input, select, textarea')]
    .filter(c => c.type !== 'hidden' && c.labels.length === 0 && !c.getAttribute('aria-label'))
    .map(c => c.outerHTML)"""
PAGE_WIDTH = "() => document.documentElement.scrollWidth"


def test_analyst_pages_are_labelled_fit_the_screen_and_the_nav_matches_the_role(
    analyst: Page, site: str
) -> None:
    for path in ("/network", "/dashboard"):
        analyst.goto(site + path)
        assert analyst.evaluate(UNLABELLED) == [], path
        assert analyst.evaluate(PAGE_WIDTH) <= 1366, path  # no sideways scrolling at 1366×768
    nav = analyst.get_by_role("navigation", name="Điều hướng chính").get_by_role("link")
    assert nav.all_inner_texts() == ["Tìm chuyên gia", "Mạng lưới hợp tác", "Thống kê, chỉ tiêu"]


def test_import_form_works_from_the_keyboard(editor: Page, site: str) -> None:
    for path in ("/import", "/import/review"):
        editor.goto(site + path)
        assert editor.evaluate(UNLABELLED) == [], path
        assert editor.evaluate(PAGE_WIDTH) <= 1366, path
    shot(editor, "import-review")
    editor.goto(site + "/import")
    editor.get_by_label("Loại dữ liệu").focus()
    order = []
    for _ in range(3):
        editor.keyboard.press("Tab")
        order.append(
            editor.evaluate("() => document.activeElement.id || document.activeElement.textContent.trim()")
        )
    assert order == ["file", "resolve", "Kiểm tra tệp"]
    outline = editor.evaluate("() => getComputedStyle(document.activeElement).outlineStyle")
    assert outline != "none"
    nav = editor.get_by_role("navigation", name="Điều hướng chính").get_by_role("link")
    entries = nav.all_inner_texts()  # editors also see the commissioning and council pages
    assert entries[:3] == ["Tìm chuyên gia", "Mạng lưới hợp tác", "Thống kê, chỉ tiêu"]
    assert entries[-1] == "Nhập dữ liệu"


UNIQUE_NAME = """
MATCH (e:Expert) WHERE e.birth_year IS NOT NULL
WITH e.name AS name, count(*) AS n WHERE n = 1
RETURN name ORDER BY name LIMIT 1
"""


def test_an_unsure_match_waits_in_the_review_queue_and_is_decided(
    editor: Page, site: str, tmp_path: Path, demo_graph: Graph
) -> None:
    """Another agency's row: a demo expert's name without diacritics and nothing else, so resolution
    cannot be sure and holds it for a person (as in tests/test_import_resolution.py)."""
    name = demo_graph.read(UNIQUE_NAME)[0]["name"]
    folded = fold(name).title()
    upload = tmp_path / "so-noi-vu.csv"
    upload.write_text(f"full_name\n{folded}\n", encoding="utf-8")
    editor.goto(site + "/import")
    editor.get_by_label("Loại dữ liệu").select_option("experts")
    editor.get_by_label("Tệp Excel hoặc CSV").set_input_files(upload)
    expect(editor.get_by_label("Đối chiếu những dòng không ghi mã", exact=False)).to_be_checked()
    editor.get_by_role("button", name="Kiểm tra tệp").click()
    assert editor.locator("#dry-run tbody tr td").nth(6).inner_text() == "1"  # one row for review
    editor.get_by_role("button", name="Xác nhận nhập dữ liệu").click()
    editor.wait_for_url("**/import/runs/*")
    editor.get_by_role("link", name="Mở hàng chờ xem xét").first.click()
    item = editor.locator("section.review-item").filter(has_text=folded)
    expect(item).to_contain_text(name)  # the stored record beside the incoming row
    expect(item.locator("meter")).to_have_count(1)
    expect(item).not_to_contain_text("embedding")
    item.scroll_into_view_if_needed()
    shot(editor, "import-review-item")
    item.get_by_role("button", name="Khác nhau — thêm mới").click()
    expect(editor.locator("#review-notice")).to_contain_text("thành hồ sơ mới")
    assert editor.locator("section.review-item").filter(has_text=folded).count() == 0
