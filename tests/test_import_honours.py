"""Patents, awards and association memberships through the real import path, on a real Neo4j."""

from __future__ import annotations

from pathlib import Path

import pytest
from openpyxl import Workbook

from graph.connection import Graph
from graph.errors import ImportRejected, RowError
from graph.honour_keys import award_id, patent_id
from graph.row_messages import FALLBACK_VI, reason_vi
from graph.settings import Settings
from ingest.columns import Kind
from ingest.extract.apply import extract_fields
from ingest.load import import_directory, import_paths, import_tables, tables_of_paths
from ingest.reference import load_reference
from ingest.rows import parse_row
from tests.conftest import Demo, api_client
from tests.test_ingest_load import counts, write_all, write_csv

ORGS = [
    {"org_id": "LC-SKHCN", "name": "Sở Khoa học và Công nghệ tỉnh Lai Châu", "kind": "co_quan_nha_nuoc",
     "province": "Lai Châu"},
    {"org_id": "LC-LHH", "name": "Liên hiệp các Hội Khoa học và Kỹ thuật tỉnh Lai Châu", "kind": "hoi",
     "province": "Lai Châu"},
    {"org_id": "VN-HGCT", "name": "Hội Giống cây trồng Việt Nam", "kind": "association",
     "province": "Hà Nội"},
]  # fmt: skip
EXPERTS = [
    {"expert_id": "LC-1", "full_name": "TS. Nguyễn Văn Hoà", "org_id": "LC-SKHCN"},
    {"expert_id": "LC-2", "full_name": "ThS. Lò Thị Ba", "org_id": "LC-SKHCN"},
    {"expert_id": "LC-3", "full_name": "KS. Giàng A Chư"},
]
PATENTS = [
    {"number": "Số 1-0034567", "title": "Quy trình nhân giống sâm Lai Châu bằng nuôi cấy mô",
     "kind": "Bằng độc quyền sáng chế", "filing_year": "2018", "grant_year": "2021",
     "inventors": "LC-2; LC-1", "owner_org_ids": "LC-SKHCN", "fields": "40101",
     "topics": "sâm Lai Châu; nuôi cấy mô"},
    {"title": "Thiết bị sấy chè Shan tuyết dùng năng lượng mặt trời", "kind": "giải pháp hữu ích",
     "status": "đã nộp đơn", "filing_year": "2023", "inventors": "LC-3"},
]  # fmt: skip
AWARDS = [
    {"name": "Giải thưởng Sáng tạo Khoa học Công nghệ Việt Nam", "level": "quốc gia", "year": "2022",
     "expert_id": "LC-1", "issuer": "Liên hiệp các Hội Khoa học và Kỹ thuật Việt Nam",
     "work": "Quy trình nhân giống sâm Lai Châu", "fields": "40101"},
    {"name": "Giải thưởng Sáng tạo Khoa học Công nghệ Việt Nam", "level": "quốc gia", "year": "2022",
     "expert_id": "LC-2", "issuer": "Liên hiệp các Hội Khoa học và Kỹ thuật Việt Nam",
     "work": "Quy trình nhân giống sâm Lai Châu", "fields": "40101"},
    {"name": "Bằng khen của Ủy ban nhân dân tỉnh", "level": "cấp tỉnh", "year": "2020",
     "expert_id": "LC-3"},
]  # fmt: skip
MEMBERSHIPS = [
    {"expert_id": "LC-1", "org_id": "LC-LHH", "role": "Ủy viên Ban Chấp hành", "since": "2016"},
    {"expert_id": "LC-1", "org_id": "VN-HGCT", "role": "", "since": "2010", "until": "2020"},
    {"expert_id": "LC-2", "org_id": "LC-LHH", "role": "hội viên"},
]
ALL = {
    "organizations": ORGS,
    "experts": EXPERTS,
    "patents": PATENTS,
    "awards": AWARDS,
    "memberships": MEMBERSHIPS,
}


@pytest.fixture
def graph(empty_graph: Graph) -> Graph:
    load_reference(empty_graph, Settings().shared_data)
    return empty_graph


def rejected(graph: Graph, paths: list[Path]) -> list[RowError]:
    with pytest.raises(ImportRejected) as info:
        import_paths(graph, paths)
    return info.value.errors


def test_patents_awards_and_memberships_land_on_the_agreed_model(graph: Graph, tmp_path: Path) -> None:
    report = import_paths(graph, write_all(tmp_path, ALL))
    assert {k: r.created for k, r in report.kinds.items()} == {Kind(k): len(v) for k, v in ALL.items()}
    patents = graph.read("MATCH (p:Patent) RETURN p {.*} AS p ORDER BY p.id")
    by_id = {row["p"]["id"]: row["p"] for row in patents}
    granted = by_id["VN:1-0034567"]
    assert {k: granted[k] for k in ("number", "kind", "status", "year", "filing_year", "grant_year")} == {
        "number": "1-0034567",
        "kind": "invention",
        "status": "granted",
        "year": 2021,
        "filing_year": 2018,
        "grant_year": 2021,
    }
    assert granted["title_folded"] == "quy trinh nhan giong sam lai chau bang nuoi cay mo"
    (filed_id,) = [i for i in by_id if i.startswith("PAT-")]
    filed = by_id[filed_id]
    assert (filed["kind"], filed["status"], filed["year"], filed.get("number")) == (
        "utility_solution",
        "filed",
        2023,
        None,
    )
    inventors = graph.read(
        "MATCH (e:Expert)-[i:INVENTED]->(:Patent {id: 'VN:1-0034567'}) RETURN e.id AS id, i.position AS k"
    )
    assert sorted((r["k"], r["id"]) for r in inventors) == [(1, "LC-2"), (2, "LC-1")]
    owners = graph.read("MATCH (o:Organization)-[:OWNS]->(:Patent) RETURN o.id AS id")
    assert owners == [{"id": "LC-SKHCN"}]
    about = graph.read(
        "MATCH (:Patent {id: 'VN:1-0034567'})-[r:ABOUT]->(x) "
        "RETURN coalesce(x.code, x.key) AS t, r.source AS s"
    )
    assert {(r["t"], r["s"]) for r in about} == {
        ("40101", "import"),
        ("sam lai chau", "import"),
        ("nuoi cay mo", "import"),
    }
    # Two co-recipients share one award node; the provincial one stands alone.
    awards = graph.read(
        "MATCH (a:Award) OPTIONAL MATCH (e:Expert)-[:RECEIVED]->(a) "
        "RETURN a.name AS name, a.level AS level, a.year AS year, a.name_folded AS folded, "
        "collect(e.id) AS who ORDER BY year"
    )
    assert [(a["level"], a["year"], sorted(a["who"])) for a in awards] == [
        ("provincial", 2020, ["LC-3"]),
        ("national", 2022, ["LC-1", "LC-2"]),
    ]
    assert awards[1]["folded"] == "giai thuong sang tao khoa hoc cong nghe viet nam"
    assert graph.read("MATCH (:Award)-[r:ABOUT]->(f:Field) RETURN f.code AS c, r.source AS s") == [
        {"c": "40101", "s": "import"}
    ]
    belongs = graph.read(
        "MATCH (e:Expert)-[b:BELONGS_TO]->(o:Organization) "
        "RETURN e.id AS e, o.id AS o, o.kind AS kind, b.role AS role, b.since AS since, b.until AS until "
        "ORDER BY e, o"
    )
    assert [tuple(r.values()) for r in belongs] == [
        ("LC-1", "LC-LHH", "association", "executive", 2016, None),
        ("LC-1", "VN-HGCT", "association", "member", 2010, 2020),
        ("LC-2", "LC-LHH", "association", "member", None, None),
    ]


def test_a_second_run_finds_everything_unchanged(graph: Graph, tmp_path: Path) -> None:
    paths = write_all(tmp_path, ALL)
    import_paths(graph, paths)
    before = counts(graph)
    again = import_paths(graph, paths)
    assert counts(graph) == before
    assert again.written == 0
    assert all(r.unchanged == r.read for r in again.kinds.values())


def test_a_changed_row_is_updated_and_a_given_inventor_list_replaces_the_stored_one(
    graph: Graph, tmp_path: Path
) -> None:
    import_paths(graph, write_all(tmp_path / "a", ALL))
    patents = [{**PATENTS[0], "inventors": "LC-1", "number": "VN 1-0034567"}]
    awards = [{**AWARDS[2], "issuer": "UBND tỉnh Lai Châu"}]
    report = import_paths(graph, write_all(tmp_path / "b", {"patents": patents, "awards": awards}))
    assert (report.kinds[Kind.PATENTS].updated, report.kinds[Kind.AWARDS].updated) == (1, 1)
    inventors = graph.read("MATCH (e:Expert)-[:INVENTED]->(:Patent {id: 'VN:1-0034567'}) RETURN e.id AS id")
    assert inventors == [{"id": "LC-1"}]
    assert graph.read("MATCH (p:Patent) RETURN count(p) AS n") == [{"n": 2}]
    issuers = graph.read("MATCH (a:Award {level: 'provincial'}) RETURN a.issuer AS issuer")
    assert issuers == [{"issuer": "UBND tỉnh Lai Châu"}]


def test_every_kind_of_error_is_reported_and_nothing_is_written(graph: Graph, tmp_path: Path) -> None:
    import_paths(graph, write_all(tmp_path / "base", {"organizations": ORGS, "experts": EXPERTS}))
    before = counts(graph)
    patents = [
        *PATENTS,
        {"title": "Máy thái chè", "kind": "tàu vũ trụ", "filing_year": "20x9", "inventors": "LC-404"},
        {"title": "Giống lúa Séng Cù LC-01", "kind": "giống cây trồng", "filing_year": "2020",
         "grant_year": "2018"},
        {"title": "Bộ lọc nước", "kind": "sáng chế", "status": "đã nộp đơn", "filing_year": "2020",
         "grant_year": "2022"},
    ]  # fmt: skip
    awards = [
        *AWARDS,
        {"name": "Giải Nhất Hội thi Sáng tạo kỹ thuật", "level": "cấp xã hội", "year": "năm ngoái",
         "expert_id": "LC-404"},
        {**AWARDS[0], "expert_id": "LC-3", "level": "bộ"},  # co-recipient disagreeing on the level
        {**AWARDS[2], "issuer": "Sở Nội vụ"},  # the same recipient twice, different issuer
    ]  # fmt: skip
    memberships = [
        *MEMBERSHIPS,
        {"expert_id": "LC-2", "org_id": "LC-SKHCN"},  # a department, not an association
        {"expert_id": "LC-3", "org_id": "LC-LHH", "role": "bác sĩ"},
        {"expert_id": "LC-3", "org_id": "VN-HGCT", "since": "2020", "until": "2019"},
    ]
    tables = {"patents": patents, "awards": awards, "memberships": memberships}
    errors = rejected(graph, write_all(tmp_path / "bad", tables))
    found = {(e.file, e.row, e.field, e.value) for e in errors}
    assert found == {
        ("patents.csv", 4, "kind", "tàu vũ trụ"),
        ("patents.csv", 4, "filing_year", "20x9"),
        ("patents.csv", 5, "grant_year", "2018"),
        ("patents.csv", 6, "grant_year", "2022"),
        ("awards.csv", 5, "level", "cấp xã hội"),
        ("awards.csv", 5, "year", "năm ngoái"),
        ("awards.csv", 6, "level", "ministerial"),
        ("awards.csv", 7, "name, year, work, expert_id", "Bằng khen của Ủy ban nhân dân tỉnh / 2020 / LC-3"),
        ("memberships.csv", 5, "org_id", "LC-SKHCN"),
        ("memberships.csv", 6, "role", "bác sĩ"),
        ("memberships.csv", 7, "until", "2019"),
    }
    (duplicate,) = [e for e in errors if (e.file, e.row) == ("awards.csv", 7)]
    assert duplicate.reason == "repeats the key of row 4 with a different issuer"
    assert counts(graph) == before
    # The unknown expert of a row whose other cells are valid is a reference error, not a silent drop.
    unknown = [{**AWARDS[2], "expert_id": "LC-404"}]
    inventors = [{**PATENTS[1], "inventors": "LC-3; LC-405"}]
    members = [{"expert_id": "LC-406", "org_id": "LC-LHH"}]
    tables = {"patents": inventors, "awards": unknown, "memberships": members}
    errors = rejected(graph, write_all(tmp_path / "refs", tables))
    assert {(e.file, e.field, e.value, e.reason) for e in errors} == {
        (f, c, v, "is not the expert_id of any expert in this import or in the graph")
        for f, c, v in (
            ("patents.csv", "inventors", "LC-405"),
            ("awards.csv", "expert_id", "LC-404"),
            ("memberships.csv", "expert_id", "LC-406"),
        )
    }
    assert counts(graph) == before


def test_the_new_reasons_read_in_vietnamese(graph: Graph, tmp_path: Path) -> None:
    import_paths(graph, write_all(tmp_path / "base", {"organizations": ORGS, "experts": EXPERTS}))
    tables = {
        "patents": [{"title": "Giống lúa", "kind": "giống cây trồng", "filing_year": "2020",
                     "grant_year": "2018"},
                    {"title": "Bộ lọc", "kind": "sáng chế", "status": "filed", "grant_year": "2022"}],
        "awards": [AWARDS[0], {**AWARDS[1], "issuer": "Bộ KH&CN"}],
        "memberships": [{"expert_id": "LC-1", "org_id": "LC-SKHCN"},
                        {"expert_id": "LC-2", "org_id": "LC-LHH", "since": "2020", "until": "2010"}],
    }  # fmt: skip
    errors = rejected(graph, write_all(tmp_path / "bad", tables))
    assert len(errors) == 5
    assert not [e.reason for e in errors if reason_vi(e.reason).startswith(FALLBACK_VI)]
    (kind_error,) = [e for e in errors if e.field == "org_id"]
    assert reason_vi(kind_error.reason) == "là tổ chức loại cơ quan nhà nước, không phải là hội (loại Hội)"


def test_xlsx_and_csv_with_vietnamese_headers_and_sheet_names(graph: Graph, tmp_path: Path) -> None:
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = "Tổ chức"
    sheet.append(["Mã tổ chức", "Tên", "Loại"])
    sheet.append(["LC-LHH", "Liên hiệp các Hội Khoa học và Kỹ thuật tỉnh Lai Châu", "Hội"])
    sheet = book.create_sheet("Trí thức")
    sheet.append(["Mã trí thức", "Họ và tên"])
    sheet.append(["LC-1", "Nguyễn Văn Hòa"])
    sheet = book.create_sheet("Bằng sáng chế")
    sheet.append(["Số bằng", "Tên sáng chế", "Loại", "Năm nộp đơn", "Năm cấp bằng", "Tác giả"])
    sheet.append(["2-0001234", "Máy sấy chè", "Giải pháp hữu ích", 2019, 2021, "LC-1"])
    sheet = book.create_sheet("Giải thưởng")
    sheet.append(["Tên giải thưởng", "Cấp", "Năm", "Mã trí thức", "Cơ quan trao tặng"])
    sheet.append(["Bằng khen", "Tỉnh", 2021, "LC-1", "UBND tỉnh Lai Châu"])
    sheet = book.create_sheet("Thành viên hội")
    sheet.append(["Mã trí thức", "Mã hội", "Vai trò", "Từ năm"])
    sheet.append(["LC-1", "LC-LHH", "Phó Chủ tịch", 2018])
    path = tmp_path / "ho_so.xlsx"
    book.save(path)
    report = import_paths(graph, [path])
    assert {k.value: r.created for k, r in report.kinds.items()} == {
        "organizations": 1,
        "experts": 1,
        "patents": 1,
        "awards": 1,
        "memberships": 1,
    }
    # The same tables as semicolon-separated CSV files named in Vietnamese, headers without diacritics.
    patents = [{"so_bang": "VN2-0001234", "ten_sang_che": "Máy sấy chè", "loai": "giai phap huu ich",
                "nam_nop_don": "2019", "nam_cap_bang": "2021", "tac_gia": "LC-1"}]  # fmt: skip
    awards = [{"ten_giai_thuong": "Bằng khen", "cap": "tinh", "nam": "2021", "ma_tri_thuc": "LC-1",
               "co_quan_trao_tang": "UBND tỉnh Lai Châu"}]  # fmt: skip
    members = [{"ma_tri_thuc": "LC-1", "ma_hoi": "LC-LHH", "vai_tro": "pho chu tich", "tu_nam": "2018"}]
    paths = [
        write_csv(tmp_path / "sang_che.csv", patents, ";"),
        write_csv(tmp_path / "giai_thuong.csv", awards, ";"),
        write_csv(tmp_path / "hoi_vien.csv", members, ";"),
    ]
    again = import_paths(graph, paths)
    assert {k.value: r.unchanged for k, r in again.kinds.items()} == {
        "patents": 1,
        "awards": 1,
        "memberships": 1,
    }


def test_patent_titles_without_fields_get_extracted_fields(graph: Graph, tmp_path: Path) -> None:
    import_paths(graph, write_all(tmp_path, ALL))
    report = extract_fields(graph, use_embedding=False)
    assert report.items == 2
    links = graph.read(
        "MATCH (p:Patent)-[r:ABOUT]->(f:Field) RETURN p.id AS id, f.code AS code, r.source AS source"
    )
    extracted = {(r["code"], r["source"]) for r in links if r["id"].startswith("PAT-")}
    assert extracted and all(source == "gazetteer" for _, source in extracted)
    # The labelled patent keeps its file's field and gets no extracted one beside it.
    labelled = {(r["code"], r["source"]) for r in links if r["id"] == "VN:1-0034567"}
    assert labelled == {("40101", "import")}


def test_the_profile_lists_patents_awards_and_memberships(graph: Graph, tmp_path: Path) -> None:
    import_paths(graph, write_all(tmp_path, ALL))
    with api_client(graph, "viewer") as client:
        body = client.get("/api/v1/experts/LC-1").json()
        page = client.get("/experts/LC-1").text
    assert [(p["id"], p["position"], p["owners"]) for p in body["patents"]] == [
        ("VN:1-0034567", 2, ["Sở Khoa học và Công nghệ tỉnh Lai Châu"])
    ]
    (award,) = body["awards"]
    assert (award["level"], award["year"], award["co_recipients"]) == (
        "national",
        2022,
        [{"id": "LC-2", "name": "Lò Thị Ba"}],
    )
    assert [(m["id"], m["role"], m["since"], m["until"]) for m in body["memberships"]] == [
        ("VN-HGCT", "member", 2010, 2020),
        ("LC-LHH", "executive", 2016, None),
    ]
    assert "Quy trình nhân giống sâm Lai Châu bằng nuôi cấy mô" in page
    assert "Giải thưởng Sáng tạo Khoa học Công nghệ Việt Nam" in page
    assert "Hội Giống cây trồng Việt Nam" in page and "ủy viên Ban Chấp hành" in page


def test_the_demo_loads_its_patents_awards_and_memberships_through_the_import(demo: Demo) -> None:
    graph = demo.runtime.graph
    totals = demo.loaded.totals
    report = demo.loaded.report.kinds
    assert (report[Kind.PATENTS].read, report[Kind.AWARDS].read, report[Kind.MEMBERSHIPS].read) == (
        totals.patents,
        totals.awards,
        totals.memberships,
    )
    found = graph.read(
        "MATCH (p:Patent) WITH count(p) AS patents "
        "MATCH ()-[r:RECEIVED]->() WITH patents, count(r) AS received "
        "MATCH ()-[b:BELONGS_TO]->(o:Organization) "
        "RETURN patents, received, count(b) AS memberships, collect(DISTINCT o.kind) AS kinds"
    )[0]
    assert (found["patents"], found["received"], found["memberships"]) == (
        totals.patents,
        totals.awards,
        totals.memberships,
    )
    assert found["kinds"] == ["association"]
    # Every demo patent carries a field from its file and topics from extraction or the file.
    unlinked = graph.read("MATCH (p:Patent) WHERE NOT (p)-[:ABOUT]->(:Field) RETURN count(p) AS n")
    assert unlinked == [{"n": 0}]
    again = import_directory(graph, demo.dir)
    for kind in (Kind.PATENTS, Kind.AWARDS, Kind.MEMBERSHIPS):
        assert again.kinds[kind].unchanged == again.kinds[kind].read, kind
    (inventor,) = graph.read(
        "MATCH (e:Expert)-[:INVENTED]->(p:Patent) RETURN e.id AS id ORDER BY p.year DESC, e.id LIMIT 1"
    )
    with api_client(graph, "viewer") as client:
        body = client.get(f"/api/v1/experts/{inventor['id']}").json()
    assert body["patents"]


def test_an_agencys_association_code_lands_on_the_organization_its_external_id_names(
    graph: Graph, tmp_path: Path
) -> None:
    """With entity resolution, memberships and patent holders follow the rewrite of an agency's
    own org_id to the stored organization that holds the same external id."""
    union = {**ORGS[1], "external_ids": "bkhcn:LHH-LC"}
    import_paths(graph, write_all(tmp_path / "a", {"organizations": [union, ORGS[0]], "experts": EXPERTS}))
    agency = {"org_id": "SO-NV-0007", "name": "Liên hiệp các Hội KH&KT Lai Châu", "kind": "hội",
              "external_ids": "bkhcn:LHH-LC"}  # fmt: skip
    tables = {
        "organizations": [agency],
        "memberships": [{"expert_id": "LC-3", "org_id": "SO-NV-0007", "role": "chủ tịch"}],
        "patents": [{**PATENTS[1], "owner_org_ids": "SO-NV-0007"}],
    }
    import_paths(graph, write_all(tmp_path / "b", tables), resolve=True)
    assert graph.read("MATCH (o:Organization {id: 'SO-NV-0007'}) RETURN o") == []
    belongs = graph.read("MATCH (:Expert {id: 'LC-3'})-[b:BELONGS_TO]->(o) RETURN o.id AS id, b.role AS role")
    assert belongs == [{"id": "LC-LHH", "role": "chair"}]
    assert graph.read("MATCH (o)-[:OWNS]->(:Patent) RETURN o.id AS id") == [{"id": "LC-LHH"}]


@pytest.mark.parametrize(
    ("number", "country", "key"),
    [
        ("1-0034567", None, "VN:1-0034567"),
        ("VN 1-0034567", "VN", "VN:1-0034567"),
        ("vn:1-0034567", None, "VN:1-0034567"),
        ("Số 1-0034567", None, "VN:1-0034567"),
        ("Bằng số: 2-0001234", None, "VN:2-0001234"),
        ("No. 1-0034567", None, "VN:1-0034567"),
        ("123.VN.2020", None, "VN:123.VN.2020"),
        ("US 10,123,456", "US", "US:10,123,456"),
    ],
)
def test_one_patent_number_written_many_ways_is_one_key(number: str, country: str | None, key: str) -> None:
    assert patent_id(number, country, "any title", 2020) == key


def test_a_patent_without_a_number_is_keyed_by_its_folded_title_and_filing_year() -> None:
    key = patent_id(None, None, "Máy sấy chè Shan tuyết", 2019)
    assert key.startswith("PAT-") and len(key) == 14
    assert patent_id("", "VN", "MAY SAY CHE SHAN TUYET", 2019) == key
    assert patent_id(None, None, "Máy sấy chè Shan tuyết", 2020) != key
    assert award_id("Giải thưởng A", 2020, "Công trình B") == award_id("giai thuong a", 2020, "CONG TRINH B")
    assert award_id("Giải thưởng A", 2020, None) != award_id("Giải thưởng A", 2021, None)


@pytest.mark.parametrize(
    ("kind", "column", "given", "code"),
    [
        (Kind.PATENTS, "kind", "Bằng độc quyền sáng chế", "invention"),
        (Kind.PATENTS, "kind", "giai phap huu ich", "utility_solution"),
        (Kind.PATENTS, "kind", "Kiểu dáng công nghiệp", "industrial_design"),
        (Kind.PATENTS, "kind", "Bằng bảo hộ giống cây trồng", "plant_variety"),
        (Kind.PATENTS, "status", "đang thẩm định", "filed"),
        (Kind.PATENTS, "status", "Đã cấp bằng", "granted"),
        (Kind.AWARDS, "level", "Nhà nước", "national"),
        (Kind.AWARDS, "level", "cấp bộ", "ministerial"),
        (Kind.AWARDS, "level", "Quốc tế", "international"),
        (Kind.AWARDS, "level", "cơ sở", "grassroots"),
        (Kind.MEMBERSHIPS, "role", "Ủy viên Ban Thường vụ", "executive"),
        (Kind.MEMBERSHIPS, "role", "Tổng thư ký", "secretary"),
        (Kind.MEMBERSHIPS, "role", "Phó Chủ tịch", "vice_chair"),
        (Kind.MEMBERSHIPS, "role", "thành viên", "member"),
    ],
)
def test_codes_accept_english_and_vietnamese(kind: Kind, column: str, given: str, code: str) -> None:
    base = {
        Kind.PATENTS: {"title": "T", "kind": "invention"},
        Kind.AWARDS: {"name": "A", "level": "national", "year": "2020", "expert_id": "E"},
        Kind.MEMBERSHIPS: {"expert_id": "E", "org_id": "O"},
    }[kind]
    assert getattr(parse_row(kind, {**base, column: given}), column) == code


def test_one_bad_row_leaves_the_whole_batch_unwritten_and_a_dry_run_writes_nothing(
    graph: Graph, tmp_path: Path
) -> None:
    before = counts(graph)
    bad = {**ALL, "memberships": [*MEMBERSHIPS, {"expert_id": "LC-3", "org_id": "LC-LHH", "since": "1850"}]}
    (error,) = rejected(graph, write_all(tmp_path / "bad", bad))
    assert (error.file, error.row, error.field) == ("memberships.csv", 5, "since")
    assert counts(graph) == before  # not even the valid organizations, experts, patents and awards
    dry = import_tables(graph, tables_of_paths(write_all(tmp_path / "good", ALL)), dry_run=True)
    assert counts(graph) == before
    assert {
        k.value: r.created for k, r in dry.kinds.items() if k.value in ("patents", "awards", "memberships")
    } == {
        "patents": 2,
        "awards": 3,
        "memberships": 3,
    }
