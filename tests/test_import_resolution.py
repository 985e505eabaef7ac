"""Entity resolution through the real import path and the review API, on a real Neo4j."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from graph.connection import Graph
from graph.errors import ImportRejected
from graph.settings import Settings
from ingest.columns import Kind
from ingest.load import import_paths
from ingest.reference import load_reference
from ingest.resolve_people import new_person_id
from tests.conftest import api_client
from tests.test_ingest_load import counts, write_all, write_csv

ORGS = [
    {"org_id": "LC-SKHCN", "name": "Sở Khoa học và Công nghệ tỉnh Lai Châu", "kind": "government_agency",
     "province": "Lai Châu"},
    {"org_id": "TNU-NL", "name": "Đại học Nông Lâm - ĐH Thái Nguyên", "kind": "university",
     "province": "Thái Nguyên"},
]  # fmt: skip
EXPERTS = [
    {"expert_id": "LC-1", "full_name": "PGS.TS. Nguyễn Văn Hòa", "gender": "nam", "birth_year": "1970",
     "email": "hoa@laichau.gov.vn", "org_id": "LC-SKHCN", "fields": "401", "topics": "sâm Lai Châu"},
    {"expert_id": "LC-2", "full_name": "ThS. Lò Thị Ba", "gender": "nữ", "birth_year": "1985",
     "org_id": "TNU-NL", "ethnicity": "Thái", "staff_code": "CB-77"},
]  # fmt: skip
PANG = {"expert_id": "LC-3", "full_name": "Lò Văn Pấng", "org_id": "LC-SKHCN"}
# Another agency's file: no ids, other spellings.
INCOMING = [
    # a sure match by score: initials, old tone mark, same birth year and employer; brings a phone
    {"full_name": "N. V. Hoà", "birth_year": "1970", "gender": "nam", "org_id": "LC-SKHCN",
     "phone": "0912345678", "topics": "nhân giống"},
    # a strong key under a spelling without diacritics
    {"full_name": "Lo Thi Ba", "email": "ba.lo@tnu.edu.vn", "staff_code": "cb-77"},
    # the same name and nothing else: unsure, held for review
    {"full_name": "Nguyen Van Hoa"},
    # a namesake born 20 years later at another body: a new person
    {"full_name": "Nguyễn Văn Hòa", "birth_year": "1990", "org_id": "TNU-NL", "gender": "nam"},
]  # fmt: skip


@pytest.fixture
def graph(empty_graph: Graph, tmp_path: Path) -> Graph:
    load_reference(empty_graph, Settings().shared_data)
    import_paths(empty_graph, write_all(tmp_path / "base", {"organizations": ORGS, "experts": EXPERTS}))
    return empty_graph


def _import(graph: Graph, path: Path, rows: list[dict[str, str]]) -> dict[Kind, object]:
    report = import_paths(graph, [write_csv(path / "experts.csv", rows)], resolve=True)
    return {k: (r.merged, r.queued, r.resolved_new, r.created, r.unchanged) for k, r in report.kinds.items()}


def _expert(graph: Graph, expert_id: str) -> dict[str, object]:
    rows = graph.read("MATCH (e:Expert {id: $id}) RETURN e {.*} AS e", {"id": expert_id})
    return rows[0]["e"] if rows else {}


def test_rows_without_ids_need_resolution(graph: Graph, tmp_path: Path) -> None:
    with pytest.raises(ImportRejected) as info:
        import_paths(graph, [write_csv(tmp_path / "experts.csv", INCOMING)])
    assert any(e.field == "expert_id" for e in info.value.errors)


def test_sure_matches_fill_gaps_unsure_wait_and_namesakes_are_new(graph: Graph, tmp_path: Path) -> None:
    report = _import(graph, tmp_path, INCOMING)
    # merged 2, queued 1, new 1 (created 1)
    assert report[Kind.EXPERTS] == (2, 1, 1, 1, 0)
    hoa = _expert(graph, "LC-1")
    assert hoa["name"] == "Nguyễn Văn Hòa" and hoa["phone"] == "0912345678"  # gap filled, name kept
    ba = _expert(graph, "LC-2")
    assert ba["staff_code"] == "CB-77" and ba["email"] == "ba.lo@tnu.edu.vn"
    topics = graph.read(
        "MATCH (:Expert {id: 'LC-1'})-[:HAS_EXPERTISE]->(t:Topic) RETURN t.key AS k ORDER BY k"
    )
    assert [t["k"] for t in topics] == ["nhan giong", "sam lai chau"]  # added, none replaced
    namesake_id = new_person_id("Nguyễn Văn Hòa", 1990)
    assert _expert(graph, namesake_id)["birth_year"] == 1990
    assert counts(graph)["Expert"] == 3  # the unsure row is held, not loaded
    (item,) = graph.read("MATCH (r:ReviewItem) RETURN r {.*} AS r")
    assert item["r"]["status"] == "open" and item["r"]["candidate_id"] == "LC-1"


def test_reimport_after_resolution_changes_nothing(graph: Graph, tmp_path: Path) -> None:
    _import(graph, tmp_path, INCOMING)
    before = counts(graph)
    hashes = graph.read("MATCH (e:Expert) RETURN e.id AS id, e.row_hash AS h, properties(e) AS p ORDER BY id")
    report = _import(graph, tmp_path, INCOMING)
    assert report[Kind.EXPERTS][3] == 0  # nothing created
    assert counts(graph) == before
    assert (
        graph.read("MATCH (e:Expert) RETURN e.id AS id, e.row_hash AS h, properties(e) AS p ORDER BY id")
        == hashes
    )


@pytest.fixture
def client(graph: Graph) -> Iterator[TestClient]:
    with api_client(graph, "admin") as c:
        yield c


def test_review_lists_both_records_and_the_features(graph: Graph, tmp_path: Path, client: TestClient) -> None:
    _import(graph, tmp_path, INCOMING)
    page = client.get("/api/v1/import/review").json()
    assert page["total"] == 1
    (item,) = page["items"]
    assert item["incoming"]["full_name"] == "Nguyen Van Hoa"
    assert item["candidate"]["name"] == "Nguyễn Văn Hòa" and item["candidate_id"] == "LC-1"
    assert item["features"]["name"] == 1.0 and item["features"]["birth_year"] is None
    assert 0 < item["score"] < 0.9
    assert client.get("/api/v1/import/review", params={"status": "accepted"}).json()["total"] == 0


def test_review_hides_the_stored_persons_embedding(graph: Graph, tmp_path: Path, client: TestClient) -> None:
    """A stored person's 384-number vector is bookkeeping, not something a reviewer compares."""
    _import(graph, tmp_path, INCOMING)
    graph.write("MATCH (e:Expert {id: 'LC-1'}) SET e.embedding = [0.1, 0.2], e.embedding_hash = 'h'")
    (item,) = client.get("/api/v1/import/review").json()["items"]
    assert item["candidate"]["name"] == "Nguyễn Văn Hòa"
    assert not [k for k in item["candidate"] if k.startswith("embedding")]


def test_accept_merges_the_held_row_and_is_remembered(
    graph: Graph, tmp_path: Path, client: TestClient
) -> None:
    _import(graph, tmp_path, INCOMING)
    (item,) = client.get("/api/v1/import/review").json()["items"]
    response = client.post(f"/api/v1/import/review/{item['id']}/accept", json={"decided_by": "cb.skhcn"})
    assert response.status_code == 200, response.text
    assert response.json() == {"id": item["id"], "status": "accepted", "record_id": "LC-1"}
    assert counts(graph)["Expert"] == 3
    again = client.post(f"/api/v1/import/review/{item['id']}/accept")
    assert again.status_code == 409
    before = counts(graph)
    report = _import(graph, tmp_path, INCOMING)
    assert report[Kind.EXPERTS][1] == 0 and counts(graph) == before  # followed, not queued again
    decided = client.get("/api/v1/import/review", params={"status": "accepted"}).json()["items"]
    assert decided[0]["candidate_id"] == "LC-1"


def test_reject_loads_the_held_row_as_a_new_person(graph: Graph, tmp_path: Path, client: TestClient) -> None:
    _import(graph, tmp_path, INCOMING)
    (item,) = client.get("/api/v1/import/review").json()["items"]
    response = client.post(f"/api/v1/import/review/{item['id']}/reject")
    assert response.status_code == 200, response.text
    new_id = response.json()["record_id"]
    assert new_id == new_person_id("Nguyen Van Hoa", None)
    assert _expert(graph, new_id)["name"] == "Nguyen Van Hoa"
    before = counts(graph)
    report = _import(graph, tmp_path, INCOMING)
    assert report[Kind.EXPERTS][1] == 0 and counts(graph) == before


def test_unknown_review_items_are_404(client: TestClient) -> None:
    assert client.post("/api/v1/import/review/RV-0000/accept").status_code == 404


def test_organizations_without_ids_resolve_by_expanded_name(graph: Graph, tmp_path: Path) -> None:
    rows = [
        {"name": "Trường ĐH Nông Lâm Thái Nguyên", "kind": "university", "province": "Thái Nguyên",
         "short_name": "TUAF"},
        {"name": "Sở Tài chính tỉnh Lai Châu", "kind": "government_agency", "province": "Lai Châu"},
    ]  # fmt: skip
    report = import_paths(graph, [write_csv(tmp_path / "organizations.csv", rows)], resolve=True)
    orgs = report.kinds[Kind.ORGANIZATIONS]
    assert (orgs.merged, orgs.queued, orgs.resolved_new) == (1, 0, 1)
    stored = graph.read("MATCH (o:Organization {id: 'TNU-NL'}) RETURN o.short_name AS s, o.name AS n")
    assert stored == [{"s": "TUAF", "n": "Đại học Nông Lâm - ĐH Thái Nguyên"}]
    before = counts(graph)
    import_paths(graph, [write_csv(tmp_path / "organizations.csv", rows)], resolve=True)
    assert counts(graph) == before


def test_a_second_person_with_their_own_orcid_in_the_file_makes_the_name_common(
    graph: Graph, tmp_path: Path
) -> None:
    """One stored "Lò Văn Pấng" at LC-SKHCN: a row with his name and employer merges (a rare name,
    +1). When the same file also brings a Lò Văn Pấng with an ORCID iD nobody holds, two people hold
    the name, and the row waits for a person instead."""
    import_paths(graph, write_all(tmp_path / "pang", {"experts": [PANG]}))
    row = {"full_name": "Lo Van Pang", "org_id": "LC-SKHCN"}
    other = {"full_name": "Lò Văn Pấng", "orcid": "0000-0002-1825-0097", "birth_year": "1990",
             "org_id": "TNU-NL"}  # fmt: skip
    for folder in ("alone", "both"):
        (tmp_path / folder).mkdir()
    assert _import(graph, tmp_path / "alone", [row])[Kind.EXPERTS] == (1, 0, 0, 0, 0)
    # Both rows wait: "Lo Van Pang" for LC-3, and the newcomer, whose employer differs, too.
    assert _import(graph, tmp_path / "both", [row, other])[Kind.EXPERTS] == (0, 2, 0, 0, 0)
    items = graph.read("MATCH (r:ReviewItem) RETURN r.candidate_id AS c, r.incoming AS i ORDER BY i")
    assert [i["c"] for i in items] == ["LC-3", "LC-3"]
