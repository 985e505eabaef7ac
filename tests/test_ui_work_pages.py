"""Commissioning and council pages on the demo data: who may open them, CSRF, form errors in
Vietnamese, assignment history, council composition and its Excel export, proposals from a sheet."""

from __future__ import annotations

import html
import io
import re
from collections.abc import Iterator
from datetime import date

import pytest
from fastapi.testclient import TestClient
from openpyxl import Workbook, load_workbook

from api.app import create_app
from api.explain import reason
from graph.connection import Graph
from graph.settings import get_conflict_rules
from queries import audit
from queries.assign import assign_reviewers
from queries.search import search_experts
from tests.conftest import TEST_PASSWORD, ensure_user

ORDERING_ORG = "LC-SNNPTNT"  # the agriculture department: 30 of the demo's agriculture experts work there
TASK_TITLE = "Nhân giống sâm Lai Châu bằng nuôi cấy mô"
CSRF = re.compile(r'name="csrf" value="([0-9a-f]{64})"')


def signed_in(graph: Graph, role: str) -> TestClient:
    """A browser-like client: signed in through /login, so the session is the HttpOnly cookie."""
    client = TestClient(create_app(graph), follow_redirects=False)
    response = client.post("/login", data={"username": ensure_user(graph, role), "password": TEST_PASSWORD})
    assert response.status_code == 303, response.text
    return client


@pytest.fixture
def editor(demo_graph: Graph) -> Iterator[TestClient]:
    with signed_in(demo_graph, "editor") as client:
        yield client


def csrf_of(client: TestClient, url: str) -> str:
    found = CSRF.search(client.get(url).text)
    assert found, url
    return found.group(1)


def task_form(csrf: str, **changes: object) -> dict[str, object]:
    form: dict[str, object] = {
        "csrf": csrf,
        "kind": "consultancy",
        "title": TASK_TITLE,
        "description": "Hướng dẫn hộ dân nhân giống và trồng sâm dưới tán rừng.",
        "required_fields": ["401"],
        "sector": "AGRI_FOREST",
        "org_id": ORDERING_ORG,
        "team_size": "2",
        "deadline": date(date.today().year + 1, 6, 30).isoformat(),
    }
    form.update(changes)
    return form


def test_viewers_get_a_403_page_and_strangers_the_sign_in_page(demo_graph: Graph) -> None:
    with signed_in(demo_graph, "viewer") as viewer:
        for url in ("/tasks", "/tasks/new", "/proposals", "/proposals/new", "/reviews/assign"):
            response = viewer.get(url)
            assert response.status_code == 403, url
            assert "text/html" in response.headers["content-type"]
            assert "Không có quyền truy cập" in response.text
        home = viewer.get("/").text
        assert 'href="/tasks"' not in home and 'href="/proposals"' not in home
    with TestClient(create_app(demo_graph), follow_redirects=False) as stranger:
        response = stranger.get("/tasks/new")
        assert response.status_code == 303 and response.headers["location"] == "/login?next=/tasks/new"


def test_editors_see_the_pages_in_the_navigation(editor: TestClient) -> None:
    home = editor.get("/").text
    for path in ("/tasks", "/proposals", "/reviews/assign"):
        assert f'href="{path}"' in home
    assert editor.get("/tasks", params={"lang": "en"}).text.count("Commissioned and consultancy tasks") >= 1


def test_a_forged_post_is_refused_and_writes_nothing(editor: TestClient, demo_graph: Graph) -> None:
    count = "MATCH (t:Task {title: $title}) RETURN count(t) AS n"
    title = "Nhiệm vụ giả mạo CSRF"
    before = demo_graph.read(count, {"title": title})[0]["n"]
    token = csrf_of(editor, "/tasks/new")
    for forged in (
        {"csrf": ""},
        {"csrf": "0" * 64},
        {"csrf": token[::-1]},
    ):
        response = editor.post("/tasks/new", data=task_form(**forged, title=title))  # type: ignore[arg-type]
        assert response.status_code == 403
        assert "Biểu mẫu đã hết hạn" in response.text
    cross_site = editor.post(
        "/tasks/new", data=task_form(token, title=title), headers={"Origin": "https://evil.example"}
    )
    assert cross_site.status_code == 403
    assert demo_graph.read(count, {"title": title})[0]["n"] == before
    # Another session's token is not this session's token.
    with signed_in(demo_graph, "admin") as other:
        assert csrf_of(other, "/tasks/new") != token


def test_task_form_mistakes_come_back_in_vietnamese_all_at_once(editor: TestClient) -> None:
    token = csrf_of(editor, "/tasks/new")
    data = task_form(token, kind="", title="  ", team_size="9", deadline="2020-01-01", org_id="")
    response = editor.post("/tasks/new", data=data)
    assert response.status_code == 422
    text = html.unescape(response.text)
    assert "Biểu mẫu còn lỗi" in text
    for message in (
        "Loại nhiệm vụ: hãy chọn một giá trị trong danh sách",
        "Tên nhiệm vụ: không được để trống",
        "Số người cần: số người phải từ 1 đến 5",
        "Hạn hoàn thành: hạn hoàn thành đã qua",
        "Cơ quan đặt hàng: không được để trống",
    ):
        assert message in text
    assert 'aria-invalid="true"' in text
    assert 'value="9"' in text  # what was typed stays in the form
    unknown = editor.post("/tasks/new", data=task_form(token, org_id="KHONG-CO"))
    assert unknown.status_code == 422 and "không có trong cơ sở dữ liệu" in unknown.text


def test_create_a_task_see_candidates_and_conflicts_then_assign_with_history(
    editor: TestClient, demo_graph: Graph
) -> None:
    token = csrf_of(editor, "/tasks/new")
    created = editor.post("/tasks/new", data=task_form(token))
    assert created.status_code == 303
    url = created.headers["location"]
    task_id = url.rsplit("/", 1)[1]
    page = editor.get(url).text
    assert TASK_TITLE in page
    team = re.findall(r'<ol class="results team">(.*?)</ol>', page, re.S)[0]
    team_ids = re.findall(r'data-expert-id="([^"]+)"', team)
    assert 1 <= len(team_ids) <= 2
    assert page.count("Vì sao phù hợp:") >= len(team_ids)
    # The ordering organization's own experts are left out, with the reason.
    assert "Cùng cơ quan đặt hàng" in page
    excluded = re.findall(r'<table class="excluded">(.*?)</table>', page, re.S)[0]
    excluded_ids = set(re.findall(r'data-expert-id="([^"]+)"', excluded))
    assert excluded_ids and not excluded_ids & set(team_ids)

    expert = team_ids[0]
    for status in ("proposed", "active"):
        done = editor.post(
            url + "/assignments",
            data={"csrf": token, "expert_id": expert, "role": "lead", "status": status},
        )
        assert done.status_code == 303
    page = editor.get(url).text
    assignments = re.findall(r'data-assigned="([^"]+)"', page)
    assert assignments == [expert]
    history = re.findall(r'<ol class="history" reversed>(.*?)</ol>', page, re.S)[0]
    assert history.count("<li>") == 3  # two changes and the creation
    assert history.index("đang thực hiện") < history.index("đề xuất")  # newest first
    events = demo_graph.read(
        "MATCH (ev:TaskEvent {task_id: $id}) RETURN ev.status AS status, ev.by AS by ORDER BY ev.at",
        {"id": task_id},
    )
    assert [e["status"] for e in events] == ["proposed", "active"]
    assert {e["by"] for e in events} == {"test-editor"}
    bad = editor.post(url + "/assignments", data={"csrf": token, "expert_id": "KHONG-CO", "role": "lead"})
    assert bad.status_code == 422 and "Không có chuyên gia với mã này" in bad.text
    assert any(e.action == "assign_task" and e.target == task_id for e in audit.entries(demo_graph, limit=20))
    assert task_id in editor.get("/tasks").text
    english = editor.get(url, params={"lang": "en"}).text
    assert "Works at the ordering organization" in english and "Cùng cơ quan đặt hàng" not in english
    editor.get(url, params={"lang": "vi"})


def _proposal(editor: TestClient, token: str, code: str, **changes: str) -> dict[str, object]:
    form: dict[str, object] = {
        "csrf": token,
        "code": code,
        "title": "Nhân giống sâm Lai Châu",
        "abstract": "Nhân giống sâm Lai Châu bằng nuôi cấy mô và trồng dưới tán rừng tự nhiên.",
        "fields": ["401"],
        "host_org_id": "LC-TTKN",
        "lead": "LC-01383",
        "members": "LC-00077, LC-01143",
        "level": "provincial",
        "program": "Chương trình thử giao diện",
        "year": "2025",
    }
    form.update(changes)
    return form


def test_proposal_form_names_the_unknown_ids(editor: TestClient) -> None:
    token = csrf_of(editor, "/proposals/new")
    response = editor.post(
        "/proposals/new", data=_proposal(editor, token, "UI-LOI-1", lead="KHONG-CO-1", year="20x5")
    )
    assert response.status_code == 422 and "năm phải từ 1900 đến 2100" in response.text
    response = editor.post("/proposals/new", data=_proposal(editor, token, "UI-LOI-1", lead="KHONG-CO-1"))
    assert response.status_code == 422
    text = html.unescape(response.text)
    assert "Chủ nhiệm (mã chuyên gia): không có trong cơ sở dữ liệu" in text
    assert "Không tìm thấy các mã: KHONG-CO-1" in text


def test_compose_save_and_export_a_council_with_formula_safe_cells(
    editor: TestClient, demo_graph: Graph
) -> None:
    token = csrf_of(editor, "/proposals/new")
    code = "UI-HD-01"
    title = '=HYPERLINK("http://example.com") Nhân giống sâm Lai Châu'
    saved = editor.post("/proposals/new", data=_proposal(editor, token, code, title=title))
    assert saved.status_code == 303 and saved.headers["location"] == f"/proposals/{code}"
    page = editor.get(f"/proposals/{code}/council", params={"size": 7, "reviewers": 2}).text
    seats = re.findall(r'class="result seat" data-expert-id="([^"]+)" data-role="([^"]+)"', page)
    assert len(seats) == 7
    roles = [r for _, r in seats]
    assert roles.count("chair") == 1 and roles.count("secretary") == 1 and roles.count("reviewer") == 2
    assert page.count("Vì sao phù hợp:") >= 7
    assert "data-alternate=" in page
    exclusions = re.findall(
        r'<section aria-labelledby="excluded-h" id="exclusions">(.*?)</section>', page, re.S
    )[0]
    assert "LC-01383" in exclusions and "là người đề xuất" in exclusions  # the lead matches best
    assert not {"LC-01383", "LC-00077", "LC-01143"} & {e for e, _ in seats}
    # Saving stores what was shown: the same request composes the same council.
    done = editor.post(f"/proposals/{code}/council", data={"csrf": token, "size": "7", "reviewers": "2"})
    assert done.status_code == 303
    stored = demo_graph.read(
        "MATCH (e:Expert)-[r:SERVES_ON]->(:Council)-[:REVIEWS]->(:Proposal {code: $code}) "
        "RETURN e.id AS id, r.role AS role",
        {"code": code},
    )
    assert sorted((r["id"], r["role"]) for r in stored) == sorted(seats)
    assert "Tải quyết định hội đồng (.xlsx)" in editor.get(f"/proposals/{code}").text

    response = editor.get(f"/proposals/{code}/council.xlsx")
    assert response.status_code == 200 and response.headers["content-disposition"].startswith("attachment;")
    book = load_workbook(io.BytesIO(response.content))
    rows = list(book["Thành viên hội đồng"].iter_rows(values_only=True))
    assert rows[0][:2] == ("STT", "Họ và tên") and "Nhiệm vụ trong hội đồng" in rows[0]
    assert len(rows) == 8 and {r[4] for r in rows[1:]} == {"Chủ tịch", "Thư ký", "Phản biện", "Ủy viên"}
    assert all(r[6] for r in rows[1:])  # each member's reason
    info = dict(book["Thông tin"].iter_rows(values_only=True))
    assert info["Mã hồ sơ"] == code and info["Tên đề xuất"] == "'" + title  # shown as text, never run
    entries = audit.entries(demo_graph, action="export_council", limit=5)
    assert entries and entries[0].user == "test-editor" and code in (entries[0].detail or "")


def test_an_impossible_council_says_which_constraint_fails(editor: TestClient) -> None:
    token = csrf_of(editor, "/proposals/new")
    code = "UI-HD-02"
    assert editor.post("/proposals/new", data=_proposal(editor, token, code)).status_code == 303
    page = editor.get(f"/proposals/{code}/council", params={"size": 3, "reviewers": 5})
    assert page.status_code == 422
    assert "Không xếp được số ghế yêu cầu" in html.unescape(page.text) and "<code>size</code>" in page.text


def _sheet(rows: dict[str, list[list[object]]]) -> bytes:
    book = Workbook()
    book.remove(book.active)  # type: ignore[arg-type]
    for name, values in rows.items():
        sheet = book.create_sheet(name)
        for row in values:
            sheet.append(row)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def test_proposals_import_from_a_sheet_lists_every_problem_then_imports(
    editor: TestClient, demo_graph: Graph
) -> None:
    token = csrf_of(editor, "/proposals/new")
    header = ["proposal_code", "title", "fields", "host_org_id", "level", "program", "year"]
    bad = _sheet(
        {
            "proposals": [
                header,
                ["UI-NK-01", "Chè Shan tuyết", "40105", "LC-TTKN", "cấp xã lạ", "Đợt thử", 2025],
                ["UI-NK-02", "", "40105", "LC-TTKN", "provincial", "Đợt thử", 2025],
            ]
        }
    )
    files = {"file": ("de_xuat.xlsx", bad, "application/octet-stream")}
    response = editor.post("/proposals/import", data={"csrf": token}, files=files)
    assert response.status_code == 422
    problems = re.findall(r'<table class="import-errors">(.*?)</table>', response.text, re.S)[0]
    assert problems.count("<tr>") == 3  # the header row and one per problem
    assert "<td>2</td>" in problems and "<td>3</td>" in problems
    assert not demo_graph.read("MATCH (p:Proposal {code: 'UI-NK-01', title: 'Chè Shan tuyết'}) RETURN p")

    good = _sheet(
        {
            "proposals": [
                header,
                ["UI-NK-01", "Chè Shan tuyết Lai Châu", "40105", "LC-TTKN", "provincial", "Đợt thử", 2025],
                [
                    "UI-NK-02",
                    "Cây dược liệu dưới tán rừng",
                    "40105",
                    "LC-TTKN",
                    "provincial",
                    "Đợt thử",
                    2025,
                ],
            ],
            "proposal_members": [["proposal_code", "expert_id", "role"], ["UI-NK-01", "LC-01203", "lead"]],
        }
    )
    files = {"file": ("de_xuat.xlsx", good, "application/octet-stream")}
    response = editor.post("/proposals/import", data={"csrf": token}, files=files)
    assert response.status_code == 200 and "Đã nhập:" in response.text
    listing = editor.get("/proposals", params={"program": "dot thu"}).text  # diacritics optional
    assert "UI-NK-01" in listing and "UI-NK-02" in listing and "UI-HD-01" not in listing


def test_batch_assignment_page_shows_the_optimum_and_the_greedy_shortfall(
    editor: TestClient, demo_graph: Graph
) -> None:
    token = csrf_of(editor, "/proposals/new")
    codes = ["UI-PB-01", "UI-PB-02", "UI-PB-03"]
    topics = ("Nhân giống sâm Lai Châu", "Phòng chống sạt lở đất vùng cao", "Y tế dự phòng cho bản vùng sâu")
    for code, topic in zip(codes, topics, strict=True):
        form = _proposal(editor, token, code, title=topic, abstract=topic, program="Đợt phản biện thử")
        form["fields"] = []
        assert editor.post("/proposals/new", data=form).status_code == 303
    page = editor.get("/reviews/assign", params={"program": "Đợt phản biện thử"}).text
    assert all(f'value="{c}"' in page for c in codes)
    empty = editor.post("/reviews/assign", data={"csrf": token, "k": "0", "max_per_reviewer": "1"})
    assert empty.status_code == 422
    assert "hãy chọn ít nhất một hồ sơ" in empty.text and "k phải từ 1 đến 10" in empty.text
    data = {"csrf": token, "proposals": codes, "k": "2", "max_per_reviewer": "1", "period": "2031"}
    response = editor.post("/reviews/assign", data=data)
    assert response.status_code == 200
    expected = assign_reviewers(
        demo_graph,
        codes,
        None,
        k=2,
        max_per_reviewer=1,
        objective="total",
        rules=get_conflict_rules(),
        period="2031",
    )
    shown = re.search(r'id="total-affinity">([\d.]+)<', response.text)
    assert shown and float(shown.group(1)) == pytest.approx(expected.solution.total, abs=1e-3)
    assert 'id="greedy-shortfall"' in response.text
    assert f"Phản biện yếu nhất</dt><dd>{expected.solution.weakest:.3f}" in response.text
    table = re.findall(r'<table class="assignment">(.*?)</table>', response.text, re.S)[0]
    reviewers = re.findall(r'<li data-expert-id="([^"]+)"', table)
    assert len(reviewers) == 6 and len(set(reviewers)) == 6  # L = 1: nobody twice
    fair = editor.post("/reviews/assign", data={**data, "fair": "1"})
    assert fair.status_code == 200 and "công bằng (hồ sơ kém nhất trước)" in fair.text
    best = assign_reviewers(
        demo_graph,
        codes,
        None,
        k=2,
        max_per_reviewer=1,
        objective="worst_proposal",
        rules=get_conflict_rules(),
        period="2031",
    )
    assert f"Hồ sơ kém nhất</dt><dd>{best.solution.worst:.3f}" in fair.text
    assert best.solution.worst >= expected.solution.worst - 1e-9


def test_pages_and_the_api_explain_a_match_with_the_same_sentence(demo_graph: Graph) -> None:
    """One source of evidence text (api/explain.py): the API's reason is the page's, in Vietnamese."""
    with signed_in(demo_graph, "editor") as client:
        api = client.get("/api/v1/experts/search", params={"q": "sâm Lai Châu", "limit": 3}).json()
        page = html.unescape(client.get("/", params={"q": "sâm Lai Châu"}).text)
    top = search_experts(demo_graph, "sâm Lai Châu", limit=1).hits[0]
    assert api["results"][0]["reason"] == reason("vi", top.evidence)
    assert f"Vì sao phù hợp:</strong> {api['results'][0]['reason']}" in page
