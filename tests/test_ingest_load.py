"""The import path end to end, on a real Neo4j: validate everything, write all or nothing, idempotently."""

from __future__ import annotations

import csv
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from openpyxl import Workbook

from graph.connection import Graph
from graph.errors import ImportRejected, RowError
from graph.settings import Settings
from ingest.columns import Kind
from ingest.load import ImportReport, import_directory, import_paths
from ingest.reference import load_reference

ORGS = [
    {"org_id": "LC-UBND", "name": "Ủy ban nhân dân tỉnh Lai Châu", "kind": "co_quan_nha_nuoc",
     "province": "Lai Châu"},
    {"org_id": "LC-SKHCN", "name": "Sở Khoa học và Công nghệ", "short_name": "SKHCN",
     "kind": "government_agency", "province": "Tỉnh Lai Châu", "parent_org_id": "LC-UBND"},
    {"org_id": "HN-VAAS", "name": "Viện Khoa học Nông nghiệp Việt Nam", "kind": "vien_nghien_cuu",
     "province": "Hà Nội"},
]  # fmt: skip
EXPERTS = [
    {"expert_id": "LC-1", "full_name": "PGS.TS. Nguyễn Văn Hoà", "gender": "nam",
     "birth_year": "1970", "ethnicity": "Kinh", "email": "hoa@laichau.gov.vn",
     "org_id": "LC-SKHCN", "position": "Giám đốc", "employed_since": "2015",
     "sector": "AGRI_FOREST", "fields": "40101; 401", "topics": "sâm Lai Châu; nhân giống"},
    {"expert_id": "LC-2", "full_name": "ThS. Lò Thị Ba", "gender": "nữ", "ethnicity": "Thái",
     "org_id": "HN-VAAS", "sector": "nông nghiệp", "fields": "404", "topics": "chè Shan tuyết"},
]  # fmt: skip
PROJECTS = [
    {"project_code": "ĐTKHCN.LC.2021-03", "title": "Nhân giống sâm Lai Châu", "level": "tinh",
     "kind": "de_tai", "start_year": "2021", "end_year": "2023", "budget_million_vnd": "1.200,5",
     "status": "completed", "sector": "AGRI_FOREST", "fields": "406"},
]  # fmt: skip
MEMBERS = [
    {"project_code": "ĐTKHCN.LC.2021-03", "expert_id": "LC-1", "role": "chủ nhiệm"},
    {"project_code": "ĐTKHCN.LC.2021-03", "expert_id": "LC-2", "role": "thành viên"},
]
PARTNERS = [{"project_code": "ĐTKHCN.LC.2021-03", "org_id": "LC-SKHCN", "role": "chủ trì"}]
PUBLICATIONS = [
    {"pub_id": "W1", "title": "Nhân giống vô tính sâm Lai Châu", "year": "2022",
     "doi": "10.1234/sam.2022", "citations": "3", "fields": "406"},
]  # fmt: skip
AUTHORS = [{"pub_id": "W1", "expert_id": "LC-1", "position": "1"}]
ALL = {
    "organizations": ORGS,
    "experts": EXPERTS,
    "projects": PROJECTS,
    "project_members": MEMBERS,
    "project_partners": PARTNERS,
    "publications": PUBLICATIONS,
    "publication_authors": AUTHORS,
}


def write_csv(path: Path, rows: list[dict[str, str]], delimiter: str = ",") -> Path:
    columns = list(dict.fromkeys(column for row in rows for column in row))
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, columns, delimiter=delimiter)
        writer.writeheader()
        writer.writerows(rows)
    return path


def write_all(directory: Path, tables: dict[str, list[dict[str, str]]]) -> list[Path]:
    directory.mkdir(parents=True, exist_ok=True)
    return [write_csv(directory / f"{name}.csv", rows) for name, rows in tables.items()]


def counts(graph: Graph) -> dict[str, int]:
    nodes = graph.read("MATCH (n) RETURN labels(n)[0] AS name, count(*) AS n")
    rels = graph.read("MATCH ()-[r]->() RETURN type(r) AS name, count(*) AS n")
    return {row["name"]: row["n"] for row in nodes + rels}


def rejected(graph: Graph, paths: list[Path]) -> list[RowError]:
    with pytest.raises(ImportRejected) as info:
        import_paths(graph, paths)
    return info.value.errors


@pytest.fixture
def graph(empty_graph: Graph) -> Graph:
    """An empty graph with the field taxonomy, which every field code is checked against."""
    load_reference(empty_graph, Settings().shared_data)
    return empty_graph


def test_everything_lands_with_its_search_keys_and_links(graph: Graph, tmp_path: Path) -> None:
    write_all(tmp_path, ALL)
    (tmp_path / "notes.txt").write_text("not a table")
    report = import_directory(graph, tmp_path)
    assert {k: (r.read, r.created) for k, r in report.kinds.items()} == {
        Kind(name): (len(rows), len(rows)) for name, rows in ALL.items()
    }
    assert report.encodings == {f"{name}.csv": "utf-8-sig" for name in ALL}
    (expert,) = graph.read("MATCH (e:Expert {id: 'LC-1'}) RETURN e {.*} AS e")
    assert expert["e"] | {"row_hash": None} == {
        "id": "LC-1", "name": "Nguyễn Văn Hòa", "name_key": "nguyen van hoa",
        "initials_key": "n v hoa", "academic_title": "PGS", "degree": "TS", "gender": "M",
        "birth_year": 1970, "ethnicity": "Kinh", "ethnic_minority": False,
        "email": "hoa@laichau.gov.vn", "position": "Giám đốc",
        "topics_text": "sâm Lai Châu; nhân giống", "topics_key": "sam lai chau nhan giong",
        "row_hash": None,
    }  # fmt: skip
    links = graph.read(
        "MATCH (e:Expert {id: 'LC-1'})-[r]->(x) "
        "RETURN type(r) AS type, coalesce(x.code, x.key, x.id) AS target, r.source AS source"
    )
    assert {(r["type"], r["target"], r["source"]) for r in links} == {
        ("WORKS_AT", "LC-SKHCN", None),
        ("IN_SECTOR", "AGRI_FOREST", "import"),
        ("HAS_EXPERTISE", "40101", "import"),
        ("HAS_EXPERTISE", "401", "import"),
        ("HAS_EXPERTISE", "sam lai chau", "import"),
        ("HAS_EXPERTISE", "nhan giong", "import"),
        ("MEMBER_OF", "ĐTKHCN.LC.2021-03", None),
        ("AUTHORED", "W1", None),
    }
    orgs = graph.read("MATCH (o:Organization) RETURN o.id AS id, o.in_province AS inside, o.country AS c")
    assert {(o["id"], o["inside"], o["c"]) for o in orgs} == {
        ("LC-UBND", True, "VN"), ("LC-SKHCN", True, "VN"), ("HN-VAAS", False, "VN"),
    }  # fmt: skip
    (project,) = graph.read("MATCH (p:Project) RETURN p.budget_million_vnd AS b, p.level AS l")
    assert (project["b"], project["l"]) == (1200.5, "provincial")
    assert counts(graph)["PART_OF"] == 1


def test_importing_the_same_files_twice_changes_nothing(graph: Graph, tmp_path: Path) -> None:
    paths = write_all(tmp_path, ALL)
    import_paths(graph, paths)
    before = counts(graph)
    again: ImportReport = import_paths(graph, paths)
    assert counts(graph) == before
    assert again.written == 0
    assert all(r.unchanged == r.read for r in again.kinds.values())


def test_all_errors_of_a_file_are_reported_with_row_and_field(graph: Graph, tmp_path: Path) -> None:
    bad = [
        {"expert_id": "A", "full_name": "Lò Văn A", "email": "not-an-email", "gender": "nam"},
        {"expert_id": "B", "full_name": "", "email": "b@x.vn", "gender": "?"},
        {"expert_id": "C", "full_name": "Giàng A C", "birth_year": "1850", "fields": "999"},
    ]
    errors = rejected(graph, [write_csv(tmp_path / "experts.csv", bad)])
    assert [(e.row, e.field) for e in errors] == [
        (2, "email"),
        (3, "full_name"),
        (3, "gender"),
        (4, "birth_year"),
        (4, "fields"),
    ]
    assert all(e.file == "experts.csv" for e in errors)


def test_a_file_with_one_bad_row_writes_nothing(graph: Graph, tmp_path: Path) -> None:
    before = counts(graph)
    orgs = [*ORGS, {"org_id": "X", "name": "Bad", "kind": "spaceship"}]
    paths = write_all(tmp_path, {**ALL, "organizations": orgs})
    (error,) = rejected(graph, paths)
    assert (error.file, error.row, error.field) == ("organizations.csv", 5, "kind")
    assert counts(graph) == before


def test_identical_duplicates_collapse_and_conflicting_ones_name_both_rows(
    graph: Graph, tmp_path: Path
) -> None:
    orgs = [ORGS[0], ORGS[0]]
    report = import_paths(graph, [write_csv(tmp_path / "organizations.csv", orgs)])
    assert (report.kinds[Kind.ORGANIZATIONS].duplicates, report.written) == (1, 1)
    clash = [ORGS[2], {**ORGS[0]}, {**ORGS[2], "name": "Viện khác"}]
    (error,) = rejected(graph, [write_csv(tmp_path / "organizations.csv", clash)])
    assert (error.row, error.field, error.value) == (4, "org_id", "HN-VAAS")
    assert error.reason == "repeats the key of row 2 with a different name"


def test_a_member_must_point_at_a_known_expert(graph: Graph, tmp_path: Path) -> None:
    paths = write_all(tmp_path / "a", {**ALL, "project_members": [*MEMBERS, {
        "project_code": "ĐTKHCN.LC.2021-03", "expert_id": "LC-404", "role": "member"}]})  # fmt: skip
    (error,) = rejected(graph, paths)
    assert (error.file, error.row, error.field, error.value) == (
        "project_members.csv",
        4,
        "expert_id",
        "LC-404",
    )
    assert error.reason == "is not the expert_id of any expert in this import or in the graph"
    import_paths(graph, write_all(tmp_path / "b", ALL))
    # Later batches may point at experts the graph already holds.
    more = [{"project_code": "ĐTKHCN.LC.2021-03", "expert_id": "LC-2", "role": "thư ký"}]
    report = import_paths(graph, [write_csv(tmp_path / "project_members.csv", more)])
    assert report.kinds[Kind.PROJECT_MEMBERS].updated == 1
    roles = graph.read("MATCH (:Expert {id: 'LC-2'})-[m:MEMBER_OF]->() RETURN m.role AS role")
    assert roles == [{"role": "secretary"}]


def test_an_empty_cell_does_not_erase_a_stored_value(graph: Graph, tmp_path: Path) -> None:
    import_paths(graph, write_all(tmp_path, ALL))
    thinner = [{"expert_id": "LC-1", "full_name": "Nguyễn Văn Hoà", "email": "", "fields": "",
                "topics": "", "gender": "", "phone": "0912 345 678"}]  # fmt: skip
    report = import_paths(graph, [write_csv(tmp_path / "experts.csv", thinner)])
    assert report.kinds[Kind.EXPERTS].updated == 1
    (row,) = graph.read(
        "MATCH (e:Expert {id: 'LC-1'}) RETURN e.email AS email, e.gender AS gender, "
        "e.phone AS phone, e.academic_title AS title, "
        "[(e)-[:HAS_EXPERTISE]->(f:Field) | f.code] AS fields"
    )
    assert row["email"] == "hoa@laichau.gov.vn"
    assert (row["gender"], row["phone"], row["title"]) == ("M", "0912 345 678", "PGS")
    assert sorted(row["fields"]) == ["401", "40101"]


def test_a_new_employer_closes_the_old_job(graph: Graph, tmp_path: Path) -> None:
    import_paths(graph, write_all(tmp_path, ALL))
    moved = [{"expert_id": "LC-1", "full_name": "Nguyễn Văn Hoà", "org_id": "HN-VAAS",
              "employed_since": str(date.today().year)}]  # fmt: skip
    import_paths(graph, [write_csv(tmp_path / "experts.csv", moved)])
    jobs = graph.read(
        "MATCH (:Expert {id: 'LC-1'})-[w:WORKS_AT]->(o) "
        "RETURN o.id AS org, w.current AS current, w.since AS since, w.until AS until"
    )
    year = date.today().year
    assert sorted((j["org"], j["current"], j["since"], j["until"]) for j in jobs) == [
        ("HN-VAAS", True, year, None),
        ("LC-SKHCN", False, 2015, year),
    ]


def test_reimport_replaces_import_links_but_never_manual_ones(graph: Graph, tmp_path: Path) -> None:
    import_paths(graph, write_all(tmp_path, ALL))
    graph.write(
        "MATCH (e:Expert {id: 'LC-1'}), (f:Field {code: '304'}) "
        "CREATE (e)-[:HAS_EXPERTISE {source: 'manual', confidence: 0.9}]->(f)"
    )
    changed = [{**EXPERTS[0], "fields": "402", "topics": "chăn nuôi", "sector": "HEALTH"}]
    import_paths(graph, [write_csv(tmp_path / "experts.csv", changed)])
    links = graph.read(
        "MATCH (:Expert {id: 'LC-1'})-[r:HAS_EXPERTISE|IN_SECTOR]->(x) "
        "RETURN coalesce(x.code, x.key) AS target, r.source AS source"
    )
    assert sorted((r["target"], r["source"]) for r in links) == [
        ("304", "manual"),
        ("402", "import"),
        ("HEALTH", "import"),
        ("chan nuoi", "import"),
    ]


def test_an_email_held_by_another_expert_is_refused(graph: Graph, tmp_path: Path) -> None:
    import_paths(graph, write_all(tmp_path, ALL))
    twins = [
        {"expert_id": "LC-3", "full_name": "Lò Văn C", "email": "HOA@laichau.gov.vn"},
        {"expert_id": "LC-4", "full_name": "Lò Văn D", "orcid": "0000-0002-1825-0097"},
        {"expert_id": "LC-5", "full_name": "Lò Văn E", "orcid": "0000-0002-1825-0097"},
    ]
    errors = rejected(graph, [write_csv(tmp_path / "experts.csv", twins)])
    assert [(e.row, e.field, e.reason) for e in errors] == [
        (2, "email", "is already the email of expert LC-1 in the graph"),
        (4, "orcid", "is also the orcid of LC-4 (row 3)"),
    ]


def test_a_workbook_with_a_sheet_per_kind_and_vietnamese_headers(graph: Graph, tmp_path: Path) -> None:
    workbook = Workbook()
    guide = workbook.active
    assert guide is not None
    guide.title = "Hướng dẫn"
    guide.append(["Mỗi trang một bảng"])
    orgs = workbook.create_sheet("to_chuc")
    orgs.append(["Mã tổ chức", "Tên", "Loại", "Tỉnh"])
    orgs.append(["LC-BV", "Bệnh viện Đa khoa tỉnh Lai Châu", "Bệnh viện", "Lai Châu"])
    experts = workbook.create_sheet("Trí thức")
    experts.append(["Mã trí thức", "Họ và tên", "Năm sinh", "Mã tổ chức", "Điện thoại"])
    experts.append(["LC-9", "BS.CKII Vàng Thị Mai", 1980, "LC-BV", 912345678])
    path = tmp_path / "du_lieu.xlsx"
    workbook.save(path)
    report = import_paths(graph, [path])
    assert report.kinds[Kind.EXPERTS].files == ["du_lieu.xlsx:Trí thức"]
    (row,) = graph.read(
        "MATCH (e:Expert {id: 'LC-9'})-[:WORKS_AT {current: true}]->(o) "
        "RETURN e.name AS name, e.degree AS degree, e.phone AS phone, e.birth_year AS born, o.id AS org"
    )
    assert row == {"name": "Vàng Thị Mai", "degree": "CKII", "phone": "0912345678", "born": 1980,
                   "org": "LC-BV"}  # fmt: skip


def test_a_file_whose_name_names_no_table_is_refused(graph: Graph, tmp_path: Path) -> None:
    (error,) = rejected(graph, [write_csv(tmp_path / "danh_sach.csv", EXPERTS)])
    assert error.file == "danh_sach.csv"
    assert "does not say which table it holds" in error.reason


def test_many_rows_in_small_chunks_give_the_same_graph(graph: Graph, tmp_path: Path) -> None:
    people: list[dict[str, Any]] = [
        {"expert_id": f"LC-{i:05d}", "full_name": f"Lò Văn {i}", "org_id": "HN-VAAS",
         "fields": "401", "topics": f"chủ đề {i % 7}"}
        for i in range(250)
    ]  # fmt: skip
    paths = write_all(tmp_path, {"organizations": ORGS, "experts": people})
    report = import_paths(graph, paths, batch_size=40, atomic_limit=100)
    assert not report.atomic  # 250 experts with 4 writes each: one transaction per chunk
    assert report.kinds[Kind.EXPERTS].created == 250
    found = counts(graph)
    assert (found["Expert"], found["WORKS_AT"], found["Topic"]) == (250, 250, 7)
    assert found["HAS_EXPERTISE"] == 500
    again = import_paths(graph, paths, batch_size=40, atomic_limit=100)
    assert again.kinds[Kind.EXPERTS].unchanged == 250
    assert counts(graph) == found


def test_a_bad_row_is_reported_once_not_again_by_rows_pointing_at_it(graph: Graph, tmp_path: Path) -> None:
    bad_expert = [{**EXPERTS[1], "email": "nope"}, EXPERTS[0]]
    errors = rejected(graph, write_all(tmp_path, {**ALL, "experts": bad_expert}))
    assert [(e.file, e.field) for e in errors] == [("experts.csv", "email")]


@pytest.mark.parametrize("atomic_limit", [100_000, 0], ids=["one transaction", "a transaction per chunk"])
def test_links_to_new_nodes_count_as_created_and_links_between_stored_ones_are_compared(
    graph: Graph, tmp_path: Path, atomic_limit: int
) -> None:
    """Links to a node this import creates skip the stored-hash read; the counts must not change."""
    import_paths(graph, write_all(tmp_path / "first", ALL), batch_size=2, atomic_limit=atomic_limit)
    new_org = {
        "org_id": "HN-NEW",
        "name": "Công ty Giống cây trồng",
        "kind": "enterprise",
        "province": "Hà Nội",
    }
    partners = [
        {"project_code": "ĐTKHCN.LC.2021-03", "org_id": "LC-SKHCN", "role": "phối hợp"},  # stored, changed
        {"project_code": "ĐTKHCN.LC.2021-03", "org_id": "HN-NEW", "role": "phối hợp"},  # to a new node
        {"project_code": "ĐTKHCN.LC.2021-03", "org_id": "HN-VAAS", "role": "phối hợp"},  # between stored
    ]
    second = {"organizations": [*ORGS, new_org], "project_partners": partners}
    paths = write_all(tmp_path / "second", second)
    report = import_paths(graph, paths, batch_size=2, atomic_limit=atomic_limit)
    found = report.kinds[Kind.PROJECT_PARTNERS]
    assert (found.created, found.updated, found.unchanged) == (2, 1, 0)
    roles = graph.read("MATCH (o:Organization)-[r:PARTNER_IN]->(:Project) RETURN o.id AS id, r.role AS role")
    assert {r["id"]: r["role"] for r in roles} == {
        "LC-SKHCN": "partner",
        "HN-NEW": "partner",
        "HN-VAAS": "partner",
    }
    again = import_paths(graph, paths, batch_size=2, atomic_limit=atomic_limit)
    assert again.written == 0
