"""The import API on a real Neo4j: templates, uploads, dry runs, every error at once, the run history."""

from __future__ import annotations

import io
from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from openpyxl import Workbook, load_workbook

from graph.connection import Graph
from graph.settings import Settings, get_settings
from ingest.columns import COLUMNS, Kind, match_header
from ingest.readers import parse_csv, read_xlsx
from ingest.reference import load_reference
from ingest.rows import parse_row
from ingest.template_text import CHOICES, SHEET_TITLES, TEXTS
from tests.conftest import api_client

ORGS_CSV = (
    "Mã tổ chức;Tên;Loại;Tỉnh\n"
    "LC-SKHCN;Sở Khoa học và Công nghệ;Cơ quan nhà nước;Lai Châu\n"
    "LC-BV;Bệnh viện Đa khoa tỉnh;benh vien;Lai Châu\n"
).encode()
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


@pytest.fixture
def graph(empty_graph: Graph) -> Graph:
    load_reference(empty_graph, Settings().shared_data)
    return empty_graph


@pytest.fixture
def client(graph: Graph) -> Iterator[TestClient]:
    with api_client(graph, "admin") as c:
        yield c


def _count(graph: Graph, label: str = "Organization") -> int:
    rows = graph.read("MATCH (n) WHERE $label IN labels(n) RETURN count(n) AS n", {"label": label})
    return int(rows[0]["n"])


def _upload(client: TestClient, url: str, name: str, data: bytes, **params: str) -> dict[str, object]:
    response = client.post(
        url, files={"file": (name, data)}, data={"user": "chuyenvien.skhcn"}, params=params
    )
    body: dict[str, object] = response.json()
    body["status_code"] = response.status_code
    return body


def test_a_csv_upload_is_imported_reported_and_recorded(client: TestClient, graph: Graph) -> None:
    body = _upload(client, "/api/v1/import/organizations", "to_chuc.csv", ORGS_CSV)
    assert body["status_code"] == 200, body
    assert (body["created"], body["updated"], body["unchanged"], body["rejected"]) == (2, 0, 0, 0)
    assert body["dry_run"] is False and body["atomic"] is True
    assert _count(graph) == 2
    again = _upload(client, "/api/v1/import/organizations", "to_chuc.csv", ORGS_CSV)
    assert (again["created"], again["unchanged"]) == (0, 2)
    runs = client.get("/api/v1/import/runs").json()
    assert runs["total"] == 2
    newest = runs["runs"][0]
    assert newest["id"] == again["run_id"]
    assert (newest["kind"], newest["file"], newest["user"], newest["status"]) == (
        "organizations",
        "to_chuc.csv",
        "test-admin (chuyenvien.skhcn)",  # the signed-in account, and the name typed in the form
        "done",
    )
    assert len(newest["sha256"]) == 64
    assert newest["counts"]["organizations"]["unchanged"] == 2
    assert runs["runs"][1]["created"] == 2


def test_a_dry_run_counts_what_would_change_and_writes_nothing(client: TestClient, graph: Graph) -> None:
    body = _upload(client, "/api/v1/import/organizations", "to_chuc.csv", ORGS_CSV, dry_run="true")
    assert (body["status_code"], body["dry_run"], body["created"], body["run_id"]) == (200, True, 2, None)
    assert _count(graph) == 0
    assert _count(graph, "ImportRun") == 0
    _upload(client, "/api/v1/import/organizations", "to_chuc.csv", ORGS_CSV)
    changed = ORGS_CSV.replace("Đa khoa tỉnh".encode(), "tỉnh Lai Châu".encode())
    body = _upload(client, "/api/v1/import/organizations", "to_chuc.csv", changed, dry_run="1")
    assert (body["created"], body["updated"], body["unchanged"]) == (0, 1, 1)
    names = graph.read("MATCH (o:Organization {id: 'LC-BV'}) RETURN o.name AS name")
    assert names == [{"name": "Bệnh viện Đa khoa tỉnh"}]  # still the stored name


def test_every_error_comes_back_at_once_and_the_run_is_recorded_as_rejected(
    client: TestClient, graph: Graph
) -> None:
    bad = "ma_to_chuc,ten,loai\nA,,benh_vien\nB,Beta,tàu vũ trụ\nC,Gamma,hoi\n".encode()
    body = _upload(client, "/api/v1/import/organizations", "orgs.csv", bad)
    assert body["status_code"] == 422
    errors = body["errors"]
    assert isinstance(errors, list)
    assert [(e["file"], e["row"], e["field"], e["value"]) for e in errors] == [
        ("orgs.csv", 2, "name", ""),
        ("orgs.csv", 3, "kind", "tàu vũ trụ"),
    ]
    assert errors[1]["reason"].startswith("is not one of: university")
    assert _count(graph) == 0
    (run,) = client.get("/api/v1/import/runs", params={"status": "rejected"}).json()["runs"]
    assert (run["rejected"], run["errors"], run["created"]) == (2, 2, 0)


def test_a_workbook_with_a_sheet_per_kind_imports_together(client: TestClient, graph: Graph) -> None:
    workbook = Workbook()
    orgs = workbook.active
    assert orgs is not None
    orgs.title = "Tổ chức"
    orgs.append(["Mã tổ chức", "Tên", "Loại"])
    orgs.append(["LC-BV", "Bệnh viện tỉnh", "Bệnh viện"])
    people = workbook.create_sheet("Tri thuc")
    people.append(["Ma tri thuc", "Ho ten", "Ma to chuc"])
    people.append(["LC-1", "BS.CKII Vàng Thị Mai", "LC-BV"])
    workbook.create_sheet("Hướng dẫn").append(["ghi chú"])
    out = io.BytesIO()
    workbook.save(out)
    body = _upload(client, "/api/v1/import", "du_lieu.xlsx", out.getvalue())
    assert body["status_code"] == 200, body
    assert {k["kind"]: k["created"] for k in body["kinds"]} == {"organizations": 1, "experts": 1}  # type: ignore[union-attr]
    run = client.get("/api/v1/import/runs").json()["runs"][0]
    assert run["kind"] == "organizations, experts"


def test_a_file_over_the_size_limit_is_refused_with_413(
    client: TestClient, graph: Graph, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(get_settings(), "import_max_bytes", 1000)
    body = _upload(client, "/api/v1/import/organizations", "to_chuc.csv", ORGS_CSV + b"x" * 1000)
    assert body["status_code"] == 413
    assert "Tệp quá lớn" in str(body["detail"])
    assert _count(graph) == 0 and _count(graph, "ImportRun") == 0


@pytest.mark.parametrize(
    ("name", "data", "reason"),
    [
        ("to_chuc.csv", b"", "is empty"),
        ("to_chuc.pdf", b"%PDF-1.4", "neither a .csv nor an .xlsx"),
        ("to_chuc.xlsx", b"PK\x03\x04 not really a zip", "is not a readable .xlsx"),
    ],
)
def test_unreadable_uploads_are_422_naming_the_file(
    client: TestClient, graph: Graph, name: str, data: bytes, reason: str
) -> None:
    body = _upload(client, "/api/v1/import/organizations", name, data)
    assert body["status_code"] == 422
    (error,) = body["errors"]  # type: ignore[misc]
    assert error["file"] == name and reason in error["reason"]
    assert _count(graph) == 0
    (run,) = client.get("/api/v1/import/runs").json()["runs"]  # the attempt is recorded too
    assert (run["file"], run["status"], run["errors"]) == (name, "rejected", 1)


@pytest.mark.parametrize("kind", list(Kind))
def test_templates_read_back_as_their_kind_with_lists_of_accepted_values(
    client: TestClient, kind: Kind, tmp_path: Path
) -> None:
    response = client.get(f"/api/v1/import/templates/{kind.value}.xlsx")
    assert response.status_code == 200
    assert response.headers["content-type"] == XLSX
    path = tmp_path / f"{kind.value}.xlsx"
    path.write_bytes(response.content)
    workbook = load_workbook(path)
    assert workbook.sheetnames == [SHEET_TITLES[kind], "Hướng dẫn"]
    sheet = workbook[SHEET_TITLES[kind]]
    assert sheet["A1"].comment is not None and sheet["A1"].comment.text.startswith(COLUMNS[kind][0].name)
    lists = [dv.formula1 for dv in sheet.data_validations.dataValidation]
    assert len(lists) == sum(1 for (k, _) in CHOICES if k is kind)
    (table, _guide) = read_xlsx(path)
    names, errors = match_header(table, kind)
    assert errors == [] and names == [c.name for c in COLUMNS[kind]]
    assert any("Dòng ví dụ" in str(cell.value) for row in workbook["Hướng dẫn"].iter_rows() for cell in row)
    csv_response = client.get(f"/api/v1/import/templates/{kind.value}.csv")
    assert csv_response.content.startswith(b"\xef\xbb\xbf")
    csv_names, csv_errors = match_header(parse_csv(csv_response.content + b"\n", f"{kind}.csv"), kind)
    assert csv_errors == [] and csv_names == names


def test_every_drop_down_choice_is_a_spelling_the_validator_accepts() -> None:
    for (kind, column), choices in CHOICES.items():
        required = {c.name: TEXTS[kind][c.name].example for c in COLUMNS[kind] if c.required}
        if kind is Kind.EXPERTS:
            required["full_name"] = "Nguyễn Văn An"  # the example's "PGS.TS." would overrule the title
        parsed = {getattr(parse_row(kind, required | {column: choice}), column) for choice in choices}
        assert len(parsed) == len(choices), (kind, column, parsed)  # each choice names its own code


def test_the_example_rows_of_the_guide_import(client: TestClient, graph: Graph) -> None:
    """The examples users copy from "Hướng dẫn" are valid, references included, in one workbook."""
    response = client.get("/api/v1/import/templates.xlsx")
    workbook = load_workbook(io.BytesIO(response.content))
    guide = [list(row) for row in workbook["Hướng dẫn"].iter_rows(values_only=True)]
    for kind in Kind:
        sheet = workbook[SHEET_TITLES[kind]]
        headers = [c.value for c in sheet[1]]
        at = next(i for i, row in enumerate(guide) if row[: len(headers)] == headers)
        sheet.append(guide[at + 1][: len(headers)])
    # The example organization's parent must exist too, and so must the example membership's association.
    parent = {"org_id": "LC-UBND", "name": "Ủy ban nhân dân tỉnh Lai Châu", "kind": "Cơ quan nhà nước"}
    union = {
        "org_id": "LC-LHH",
        "name": "Liên hiệp các Hội Khoa học và Kỹ thuật tỉnh Lai Châu",
        "kind": "Hội",
    }
    for extra in (parent, union):
        workbook[SHEET_TITLES[Kind.ORGANIZATIONS]].append(
            [extra.get(c.name) for c in COLUMNS[Kind.ORGANIZATIONS]]
        )
    out = io.BytesIO()
    workbook.save(out)
    body = _upload(client, "/api/v1/import", "mau.xlsx", out.getvalue())
    assert body["status_code"] == 200, body
    assert body["created"] == len(Kind) + 2


def test_errors_come_in_the_callers_language_with_the_english_kept(client: TestClient, graph: Graph) -> None:
    """Accept-Language or `lang=` picks the language of `localized`; `reason` and `message` stay
    English, and `reason_vi`/`message_vi` are always there for the import page."""
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = "Tổ chức"
    sheet.append(["Mã tổ chức", "Tên", "Loại"])
    sheet.append(["LC-X", "Sở Nội vụ", "tàu vũ trụ"])
    data = io.BytesIO()
    book.save(data)
    url = "/api/v1/import/organizations"
    files = {"file": ("to_chuc.xlsx", data.getvalue(), XLSX)}
    vi = client.post(url, files=files, headers={"Accept-Language": "vi-VN,vi;q=0.9,en;q=0.5"}).json()
    en = client.post(url, files=files, headers={"Accept-Language": "vi"}, params={"lang": "en"}).json()
    plain = client.post(url, files=files).json()
    (error,) = vi["errors"]
    assert (vi["lang"], en["lang"], plain["lang"]) == ("vi", "en", "vi")
    assert error["localized"] == error["message_vi"] == plain["errors"][0]["localized"]
    assert error["localized"].startswith(
        'Tệp to_chuc.xlsx, trang tính "Tổ chức", dòng 2, cột "kind": giá trị "tàu vũ trụ" '
        "không thuộc các giá trị cho phép: university"
    )
    assert error["reason"].startswith("is not one of: university")
    assert en["errors"][0]["localized"] == error["message"]
    assert error["message"].startswith("to_chuc.xlsx, sheet 'Tổ chức', row 2, field \"kind\"")
    assert _count(graph) == 0
