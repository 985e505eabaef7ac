"""The network, dashboard and import pages on the server side: who may open them, the same-origin
check on their forms, the import error table and report, the review queue, and small-group suppression.

Pages are driven with a session cookie from the real /login form, as a browser holds it, and every
POST carries the Origin header a browser sends; the CSRF tests leave it out or forge it.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from api.app import create_app
from api.pages import staging
from graph.connection import Graph
from graph.settings import Settings, get_settings
from ingest.columns import Kind
from ingest.reference import load_reference
from ingest.template_text import TEXTS
from queries.workforce import workforce
from tests.conftest import TEST_PASSWORD, ensure_user
from tests.test_import_resolution import EXPERTS, INCOMING, ORGS

SITE = "http://testserver"


def page_client(graph: Graph, role: str, settings: Settings | None = None) -> TestClient:
    """Signed in through the /login form (cookie session); POSTs carry this site's Origin."""
    app = create_app(graph)
    if settings is not None:
        app.dependency_overrides[get_settings] = lambda: settings
    client = TestClient(app, headers={"Origin": SITE})
    response = client.post(
        "/login",
        data={"username": ensure_user(graph, role), "password": TEST_PASSWORD},
        follow_redirects=False,
    )
    assert response.status_code == 303, response.text
    return client


def csv_bytes(rows: list[dict[str, str]]) -> bytes:
    out = io.StringIO()
    writer = csv.DictWriter(out, list(dict.fromkeys(c for row in rows for c in row)))
    writer.writeheader()
    writer.writerows(rows)
    return out.getvalue().encode("utf-8")


def nav_links(html: str) -> list[str]:
    nav = re.search(r'<nav aria-label="[^"]*" class="main-nav[^"]*">(.*?)</nav>', html, re.S)
    assert nav is not None
    return re.findall(r'<a href="([^"]+)"', nav.group(1))


def cells(html: str, table_id: str) -> list[list[str]]:
    """The body rows of the table with `table_id`, as text cells."""
    table = re.search(rf'<table[^>]*id="{table_id}".*?<tbody>(.*?)</tbody>', html, re.S)
    assert table is not None, table_id
    rows = re.findall(r"<tr[^>]*>(.*?)</tr>", table.group(1), re.S)
    strip = re.compile(r"<[^>]+>")
    return [
        [
            re.sub(r"\s+", " ", strip.sub("", c)).strip()
            for c in re.findall(r"<t[dh][^>]*>(.*?)</t[dh]>", r, re.S)
        ]
        for r in rows
    ]


# --- who may open what -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("role", "allowed"),
    [
        ("viewer", set()),
        ("analyst", {"/network", "/dashboard"}),
        ("editor", {"/network", "/dashboard", "/import", "/import/review"}),
    ],
)
def test_pages_open_only_for_roles_that_may_use_them(demo_graph: Graph, role: str, allowed: set[str]) -> None:
    with page_client(demo_graph, role) as client:
        for path in ("/network", "/dashboard", "/import", "/import/review"):
            response = client.get(path)
            assert response.status_code == (200 if path in allowed else 403), (role, path)
        links = nav_links(client.get("/").text)
        assert links[0] == "/" and set(links) & {"/network", "/dashboard", "/import"} == allowed - {
            "/import/review"
        }


def test_signed_out_readers_are_sent_to_sign_in(demo_graph: Graph) -> None:
    with TestClient(create_app(demo_graph)) as client:
        for path in ("/network", "/dashboard", "/import"):
            response = client.get(path, follow_redirects=False)
            assert response.status_code == 303 and response.headers["location"] == f"/login?next={path}"


# --- CSRF (the scheme of api/pages/csrf.py, shared with the task and council pages) ---------------


def csrf_of(client: TestClient) -> str:
    """The session's CSRF token, as the import page's forms carry it."""
    found = re.search(r'name="csrf" value="([0-9a-f]+)"', client.get("/import").text)
    assert found is not None
    return found.group(1)


@pytest.mark.parametrize(
    ("token", "headers"),
    [
        (None, {}),  # no token: a form another site built
        ("0" * 64, {}),  # a guessed token
        ("session", {"Origin": "https://evil.example"}),  # the right token, sent from another site
        ("session", {"Origin": "null"}),  # a sandboxed frame or a stripped cross-site form
    ],
)
def test_a_forged_post_with_the_session_cookie_is_refused(
    demo_graph: Graph, token: str | None, headers: dict[str, str]
) -> None:
    with page_client(demo_graph, "editor") as client:
        sent = {} if token is None else {"csrf": csrf_of(client) if token == "session" else token}
        client.headers.pop("Origin")
        before = demo_graph.read("MATCH (r:ImportRun) RETURN count(r) AS n")[0]["n"]
        for url in ("/import/confirm", "/import/cancel", "/import/review/RV-1/reject"):
            response = client.post(url, data={**sent, "token": "x"}, headers=headers, follow_redirects=False)
            assert response.status_code == 403, (url, token, headers)
        upload = client.post(
            "/import", data=sent, files={"file": ("experts.csv", b"expert_id\n")}, headers=headers
        )
        assert upload.status_code == 403
        assert demo_graph.read("MATCH (r:ImportRun) RETURN count(r) AS n")[0]["n"] == before


def test_the_sites_own_form_passes_with_or_without_an_origin_header(demo_graph: Graph) -> None:
    with page_client(demo_graph, "editor") as client:
        token = csrf_of(client)
        client.headers.pop("Origin")
        for headers in ({"Origin": SITE}, {}):  # some office proxies strip Origin
            response = client.post(
                "/import/cancel",
                data={"csrf": token, "token": "unknown"},
                headers=headers,
                follow_redirects=False,
            )
            assert response.status_code == 303 and response.headers["location"] == "/import"


# --- import ----------------------------------------------------------------------------------------


@pytest.fixture
def reference_graph(empty_graph: Graph, tmp_path: Path) -> Graph:
    load_reference(empty_graph, Settings().shared_data)
    return empty_graph


@pytest.fixture
def editor(reference_graph: Graph, tmp_path: Path) -> Iterator[TestClient]:
    settings = get_settings().model_copy(update={"import_staging_dir": tmp_path / "staged"})
    with page_client(reference_graph, "editor", settings) as client:
        yield client


BAD_EXPERTS = [
    {"expert_id": "T-1", "full_name": "Nguyễn Văn An", "gender": "nam", "birth_year": "1980",
     "email": "an@example.vn"},
    {"expert_id": "T-2", "full_name": "Lò Thị Bình", "gender": "nữ", "birth_year": "năm ngoái",
     "email": "binh@example.vn"},
    {"expert_id": "T-3", "full_name": "Đỗ Văn Công", "gender": "nam", "birth_year": "1975",
     "email": "không-phải-email"},
]  # fmt: skip


def count_experts(graph: Graph) -> int:
    return int(graph.read("MATCH (e:Expert) RETURN count(e) AS n")[0]["n"])


def test_upload_with_errors_lists_each_by_row_and_column_and_writes_nothing(
    editor: TestClient, reference_graph: Graph
) -> None:
    response = editor.post(
        "/import",
        data={"kind": "experts", "csrf": csrf_of(editor)},
        files={"file": ("chuyen-gia.csv", csv_bytes(BAD_EXPERTS))},
    )
    assert response.status_code == 422
    rows = cells(response.text, "import-errors")
    by_column = {r[3]: r for r in rows}
    birth_year, email = (f"{TEXTS[Kind.EXPERTS][c].header} ({c})" for c in ("birth_year", "email"))
    assert set(by_column) >= {birth_year, email}  # the template's header and the column's name
    by_column["birth_year"], by_column["email"] = by_column[birth_year], by_column[email]
    assert by_column["birth_year"][0] == "chuyen-gia.csv" and by_column["birth_year"][2] == "3"
    assert by_column["birth_year"][4] == "năm ngoái" and by_column["birth_year"][5]
    assert by_column["email"][2] == "4" and by_column["email"][4] == "không-phải-email"
    assert by_column["email"][5] == "không phải là địa chỉ email"  # the reason in the reader's language
    assert by_column["birth_year"][5].startswith("không phải là")
    assert "chưa ghi gì" in response.text and 'name="token"' not in response.text
    assert count_experts(reference_graph) == 0


def test_good_upload_is_checked_then_confirmed_and_reported(
    editor: TestClient, reference_graph: Graph
) -> None:
    good = csv_bytes(
        [{**r, "birth_year": "1980", "email": f"{r['expert_id'].lower()}@example.vn"} for r in BAD_EXPERTS]
    )
    csrf = csrf_of(editor)
    checked = editor.post(
        "/import", data={"kind": "experts", "csrf": csrf}, files={"file": ("chuyen-gia.csv", good)}
    )
    assert checked.status_code == 200
    assert cells(checked.text, "dry-run")[0][:3] == ["Trí thức, chuyên gia", "3", "3"]
    assert count_experts(reference_graph) == 0  # the dry run wrote nothing
    token = re.search(r'name="token" value="([^"]+)"', checked.text).group(1)  # type: ignore[union-attr]

    done = editor.post("/import/confirm", data={"token": token, "csrf": csrf}, follow_redirects=False)
    assert done.status_code == 303 and done.headers["location"].startswith("/import/runs/")
    report = editor.get(done.headers["location"])
    assert report.status_code == 200 and "Đã nhập xong tệp chuyen-gia.csv" in report.text
    assert re.search(r'id="report-created">3<', report.text)
    assert count_experts(reference_graph) == 3
    assert "chuyen-gia.csv" in editor.get("/import").text  # listed among past runs

    again = editor.post("/import/confirm", data={"token": token, "csrf": csrf}, follow_redirects=False)
    assert again.status_code == 410 and count_experts(reference_graph) == 3  # never imported twice


def test_another_user_cannot_confirm_a_staged_upload(reference_graph: Graph, tmp_path: Path) -> None:
    settings = get_settings().model_copy(update={"import_staging_dir": tmp_path / "staged"})
    good = csv_bytes([{"expert_id": "T-9", "full_name": "Vũ Thị Hạnh", "gender": "nữ"}])
    with page_client(reference_graph, "editor", settings) as first:
        data = {"kind": "experts", "csrf": csrf_of(first)}
        checked = first.post("/import", data=data, files={"file": ("a.csv", good)})
        token = re.search(r'name="token" value="([^"]+)"', checked.text).group(1)  # type: ignore[union-attr]
    with page_client(reference_graph, "admin", settings) as other:
        sent = {"token": token, "csrf": csrf_of(other)}
        response = other.post("/import/confirm", data=sent, follow_redirects=False)
    assert response.status_code == 410 and count_experts(reference_graph) == 0


def _upload(
    client: TestClient, name: str, rows: list[dict[str, str]], kind: str, resolve: bool = True
) -> str:
    csrf = csrf_of(client)
    data = {"kind": kind, "csrf": csrf, **({"resolve": "true"} if resolve else {})}
    checked = client.post("/import", data=data, files={"file": (name, csv_bytes(rows))})
    assert checked.status_code == 200, cells(checked.text, "import-errors")
    token = re.search(r'name="token" value="([^"]+)"', checked.text).group(1)  # type: ignore[union-attr]
    done = client.post("/import/confirm", data={"token": token, "csrf": csrf}, follow_redirects=False)
    assert done.status_code == 303
    return str(done.headers["location"])


def test_review_queue_shows_the_pair_side_by_side_and_decides(
    editor: TestClient, reference_graph: Graph
) -> None:
    _upload(editor, "organizations.csv", ORGS, "organizations")
    _upload(editor, "experts.csv", EXPERTS, "experts")
    report = editor.get(_upload(editor, "incoming.csv", INCOMING, "experts"))
    assert "1 cặp bản ghi có thể trùng" in report.text
    page = editor.get("/import/review")
    assert page.status_code == 200 and "1 mục đang chờ." in page.text
    (item_id,) = re.findall(r'data-item="(RV-[0-9A-F]+)"', page.text)
    section = page.text.split(f'data-item="{item_id}"')[1]
    assert "Nguyen Van Hoa" in section and "Nguyễn Văn Hòa" in section and "LC-1" in section
    assert "embedding" not in section and "name_key" not in section  # no machine bookkeeping
    before = count_experts(reference_graph)
    csrf = re.search(r'name="csrf" value="([0-9a-f]+)"', page.text).group(1)  # type: ignore[union-attr]
    decided = editor.post(f"/import/review/{item_id}/reject", data={"csrf": csrf}, follow_redirects=False)
    assert decided.status_code == 303
    after = editor.get(decided.headers["location"])
    assert "thành hồ sơ mới" in after.text and "0 mục đang chờ." in after.text
    assert count_experts(reference_graph) == before + 1
    twice = editor.post(f"/import/review/{item_id}/accept", data={"csrf": csrf}, follow_redirects=False)
    assert "outcome=decided" in twice.headers["location"]


# --- dashboard ---------------------------------------------------------------------------------------


def panel_rows(html: str, dimension: str) -> list[tuple[str, int]]:
    section = html.split(f'id="panel-{dimension}"')[1].split("</section>")[0]
    rows = re.findall(r'<tr[^>]*><td>([^<]*)</td><td class="num">(\d+)</td>', section)
    return [(label, int(n)) for label, n in rows]


def test_dashboard_shows_figures_targets_forecasts_and_shortages(demo_graph: Graph) -> None:
    with page_client(demo_graph, "analyst") as client:
        html = client.get("/dashboard").text
    total = workforce(demo_graph, get_settings(), [], {}).total
    assert f"{total} người" in html
    assert sum(n for _, n in panel_rows(html, "degree_level")) == total
    assert {label for label, _ in panel_rows(html, "gender")} >= {"Nam", "Nữ"}
    targets = cells(html, "targets")
    assert any(r[0].startswith("Số người có học vị tiến sĩ") or "tiến sĩ" in r[0].lower() for r in targets)
    assert any("dự báo 2030" in r[6] for r in targets)
    assert "<progress" in html and html.count("<svg") == 3
    assert any(r[0].startswith("Tiến sĩ") for r in cells(html, "forecast"))
    assert cells(html, "shortages")
    assert "/api/v1/stats/targets?format=xlsx" in html


def test_dashboard_suppresses_small_ethnic_groups_as_the_stats_api_does(demo_graph: Graph) -> None:
    strict = get_settings().model_copy(update={"stats_min_group_size": 40})
    expected = workforce(demo_graph, strict, ["ethnicity"], {})
    assert expected.suppressed_groups >= 2  # the demo has small groups: the test would prove nothing
    with page_client(demo_graph, "analyst", strict) as client:
        html = client.get("/dashboard").text
    rows = panel_rows(html, "ethnicity")
    assert [n for _, n in rows] == [g.count for g in expected.groups]
    assert all(n >= 40 for label, n in rows if label != "Các nhóm nhỏ (gộp lại)")
    assert rows[-1] == ("Các nhóm nhỏ (gộp lại)", expected.groups[-1].count)
    visible = {label for label, _ in rows}
    small = [g for g in workforce(demo_graph, get_settings().model_copy(update={"stats_min_group_size": 1}),
                                  ["ethnicity"], {}).groups if g.count < 40]  # fmt: skip
    assert small and not visible & {g.labels["ethnicity"] for g in small}


# --- network -----------------------------------------------------------------------------------------


def test_network_page_shows_communities_brokers_gaps_and_reasoned_suggestions(demo_graph: Graph) -> None:
    with page_client(demo_graph, "analyst") as client:
        html = client.get("/network").text
        communities = cells(html, "communities")
        assert len(communities) >= 2 and all(int(r[1]) >= 2 for r in communities)
        assert communities[0][2]  # main fields named
        assert cells(html, "brokers")
        suggestions = cells(html, "suggestions")
        assert suggestions and all("đối tác chung" in r[2] for r in suggestions)
        assert "Doanh nghiệp chưa có đối tác nghiên cứu" in html and "Trí thức chưa hợp tác với ai" in html
        assert html.count("<svg") == 1  # the community picture, inline
        for href in re.findall(r'href="(/api/v1/network/export[^"]+)"', html):
            assert client.get(href.replace("&amp;", "&")).status_code == 200, href
        english = client.get("/network", params={"lang": "en"}).text
        assert all("partner(s) in common" in r[2] for r in cells(english, "suggestions"))


def test_network_filters_narrow_the_network_and_a_bad_period_is_explained(demo_graph: Graph) -> None:
    with page_client(demo_graph, "analyst") as client:
        everything = client.get("/network").text
        narrowed = client.get("/network", params={"sector": "HEALTH", "year_from": "2018", "year_to": "2022"})
        assert narrowed.status_code == 200
        assert 'value="HEALTH" selected' in narrowed.text and 'value="2018"' in narrowed.text

        def ties(html: str) -> int:
            return int(re.search(r"<dt>Số liên kết</dt><dd>(\d+)</dd>", html).group(1))  # type: ignore[union-attr]

        assert ties(narrowed.text) < ties(everything)
        assert "sector=HEALTH" in narrowed.text  # the exports carry the filters
        backwards = client.get("/network", params={"year_from": "2022", "year_to": "2018"})
        assert backwards.status_code == 422 and 'role="alert"' in backwards.text
        tampered = client.get("/network", params={"sector": "NOPE' OR 1=1", "projection": "x"})
        assert tampered.status_code == 200 and ties(tampered.text) == ties(everything)


def test_a_staged_upload_is_claimed_once_by_its_owner_and_expires(tmp_path: Path) -> None:
    settings = get_settings().model_copy(update={"import_staging_dir": tmp_path, "import_staging_minutes": 1})
    held = staging.stage(
        settings, b"expert_id\n", user="an", name="a.csv", kind="experts", resolve=False, sha256="x"
    )
    assert staging.load(settings, held.token, "binh") is None  # someone else's upload
    assert staging.load(settings, "../" + held.token, "an") is None
    assert staging.claim(settings, held.token, "an") == (held, b"expert_id\n")
    assert staging.claim(settings, held.token, "an") is None  # a double click imports once
    staging.discard(settings, held.token)
    assert list(tmp_path.iterdir()) == []
    old = staging.stage(settings, b"x", user="an", name="b.csv", kind="experts", resolve=False, sha256="y")
    assert staging.purge_expired(settings, now=old.created + 61) == 1
    assert staging.load(settings, old.token, "an") is None and list(tmp_path.iterdir()) == []
