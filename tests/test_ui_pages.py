"""The web pages' server side: message catalogues, HTML errors, bad input, the network layout."""

from __future__ import annotations

import re
import string
from collections.abc import Iterator
from io import BytesIO
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from openpyxl import load_workbook

from api.i18n import EN, VI, pick_lang, translate
from api.pages.ego_layout import layout
from api.pages.render import NAV, TEMPLATES_DIR, ref_path
from graph.connection import Graph
from queries.ego_network import Tie, ties_among
from tests.conftest import api_client

TITLE = "Đề tài thử nghiệm giao diện"
KEY_IN_TEMPLATE = re.compile(r"""\bt\(\s*["']([a-z_.]+)["']""")


@pytest.fixture
def client(demo_graph: Graph) -> Iterator[TestClient]:
    with api_client(demo_graph, "admin") as c:
        yield c


def _placeholders(text: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(text) if name}


def test_both_catalogues_hold_the_same_keys_and_placeholders() -> None:
    assert VI.keys() == EN.keys()
    assert [k for k in VI if _placeholders(VI[k]) != _placeholders(EN[k])] == []


def test_every_key_a_template_uses_is_in_the_catalogue() -> None:
    used = {key for path in TEMPLATES_DIR.glob("*.html") for key in KEY_IN_TEMPLATE.findall(path.read_text())}
    used |= {entry.key for entry in NAV}
    prefixes = {key for key in used if key.endswith(".")}  # t("kind." ~ ev.kind): a family of keys
    assert used and sorted(used - prefixes - VI.keys()) == []
    assert all(any(k.startswith(prefix) for k in VI) for prefix in prefixes)


def test_language_comes_from_the_query_then_the_cookie_else_vietnamese() -> None:
    assert pick_lang("en", "vi") == "en"
    assert pick_lang("fr", "en") == "en"
    assert pick_lang(None, None) == "vi"
    assert translate("vi", "search.total", total=3) == "Tìm thấy 3 chuyên gia, xếp theo mức phù hợp."


def test_pages_are_vietnamese_by_default_and_english_on_request(client: TestClient) -> None:
    vi = client.get("/")
    assert vi.status_code == 200 and '<html lang="vi">' in vi.text and "Tìm chuyên gia" in vi.text
    en = client.get("/", params={"lang": "en"})
    assert '<html lang="en">' in en.text and "Find experts" in en.text
    assert "lang=en" in en.headers["set-cookie"]
    assert '<html lang="en">' in client.get("/").text  # remembered by the cookie


def test_unknown_records_are_a_404_page_in_vietnamese(client: TestClient) -> None:
    for url in ("/experts/KHONG-CO", "/projects/KHONG-CO", "/publications/KHONG-CO", "/fields/99999"):
        response = client.get(url)
        assert response.status_code == 404, url
        assert "text/html" in response.headers["content-type"]
        assert "Không tìm thấy" in response.text
        assert url.rsplit("/", 1)[1] in response.text


def test_tampered_filters_are_ignored_not_sent_to_the_graph(client: TestClient) -> None:
    response = client.get("/", params={"q": "lúa", "sector": "NOPE' OR 1=1", "field": "abc"})
    assert response.status_code == 200
    plain = client.get("/", params={"q": "lúa"})
    ids = re.findall(r'data-expert-id="([^"]+)"', response.text)
    assert ids and ids == re.findall(r'data-expert-id="([^"]+)"', plain.text)


def test_search_page_escapes_what_the_user_typed(client: TestClient) -> None:
    response = client.get("/", params={"q": "<script>alert(1)</script>"})
    assert "<script>alert(1)</script>" not in response.text
    assert "&lt;script&gt;" in response.text


def test_field_filter_page_lists_experts_without_a_query(client: TestClient) -> None:
    response = client.get("/", params={"field": "4"})
    assert "xếp theo tên" in response.text
    assert len(re.findall(r'data-expert-id="', response.text)) == 20


def test_export_has_one_row_per_result_with_vietnamese_headers(client: TestClient) -> None:
    page = client.get("/", params={"q": "sâm Lai Châu", "sector": "AGRI_FOREST"}).text
    total = int(re.search(r"Tìm thấy ([\d.]+) chuyên gia", page).group(1))  # type: ignore[union-attr]
    response = client.get("/export/experts.xlsx", params={"q": "sâm Lai Châu", "sector": "AGRI_FOREST"})
    assert response.headers["content-disposition"].startswith("attachment;")
    book = load_workbook(BytesIO(response.content))
    rows = list(book["Kết quả"].iter_rows(values_only=True))
    assert rows[0] == (
        "STT",
        "Họ và tên",
        "Học hàm",
        "Học vị",
        "Cơ quan công tác",
        "Ngành",
        "Mức phù hợp (0–1)",
        "Lý do phù hợp",
        "Đường dẫn hồ sơ",
    )
    assert len(rows) - 1 == total
    assert {r[5] for r in rows[1:]} == {"Nông nghiệp và lâm nghiệp"}
    assert all(str(r[8]).startswith("http://testserver/experts/") for r in rows[1:])
    info = dict(book["Thông tin"].iter_rows(values_only=True))
    assert info["Từ khoá"] == "sâm Lai Châu" and info["Số chuyên gia tìm thấy"] == total


def test_ego_network_ties_are_the_coworkers_shared_work(client: TestClient, demo_graph: Graph) -> None:
    ids = [
        r["id"]
        for r in demo_graph.read(
            "MATCH (a:Expert)-[:MEMBER_OF]->(p:Project)<-[:MEMBER_OF]-(b:Expert) WITH p LIMIT 1 "
            "MATCH (e:Expert)-[:MEMBER_OF]->(p) RETURN e.id AS id ORDER BY id"
        )
    ]
    ties = ties_among(demo_graph, ids)
    n = len(ids)
    assert len(ties) == n * (n - 1) // 2  # one shared project: everyone is tied to everyone
    assert all(t.a < t.b and t.weight >= 1 for t in ties)


def test_ego_layout_is_deterministic_and_inside_the_picture() -> None:
    coworkers = [
        {"id": f"X{i}", "name": f"Người {i}", "shared_projects": i % 3, "shared_publications": 1}
        for i in range(12)
    ]
    ties = [Tie("X1", "X2", 2), Tie("X2", "X3", 1), Tie("X1", "X9", 1)]
    first = layout("E", "Chuyên gia", coworkers, ties)
    assert first == layout("E", "Chuyên gia", coworkers, ties)
    assert len(first.nodes) == 13 and first.nodes[0].ego
    assert len(first.edges) == 12 + 3
    for node in first.nodes:
        assert 0 < node.x < first.width and 0 < node.y < first.height
    assert sum(node.labelled for node in first.nodes if not node.ego) == 8
    alone = layout("E", "Chuyên gia", [], [])
    assert [(n.x, n.y) for n in alone.nodes] == [(alone.width / 2, alone.height / 2)]


def test_record_keys_with_slashes_link_and_resolve(client: TestClient, demo_graph: Graph) -> None:
    code = "TEST-UI/2024-01"
    demo_graph.write(
        "MERGE (p:Project {code: $code}) SET p.title = 'Đề tài thử nghiệm giao diện'", {"code": code}
    )
    try:
        url = ref_path("/projects", code)
        assert url == "/projects/TEST-UI%2F2024-01"
        response = client.get(url)
        assert response.status_code == 200 and TITLE in response.text
    finally:
        demo_graph.write("MATCH (p:Project {code: $code}) DETACH DELETE p", {"code": code})


def test_static_assets_are_served_from_the_package(client: TestClient) -> None:
    for name in ("app.css", "app.js", "favicon.svg"):
        response = client.get(f"/static/{name}")
        assert response.status_code == 200
        assert response.content == (TEMPLATES_DIR.parent / "static" / name).read_bytes()
    html = client.get("/").text
    assert not re.search(r"""(src|href)=["']https?://""", html)


def test_docs_describe_how_a_page_plugs_in() -> None:
    doc = (Path(__file__).resolve().parent.parent / "docs" / "ui.md").read_text()
    for part in ("api/pages/", "api/templates/", "api/i18n.py", "NavEntry", "tests/test_ui_browser.py"):
        assert part in doc
