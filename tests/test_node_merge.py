"""Accepting a cross-source review item merges the two organization nodes for real, on a real Neo4j.

RWTH Aachen is PIC 999983962 in CORDIS ("RHEINISCH-WESTFAELISCHE TECHNISCHE HOCHSCHULE AACHEN") and
I887968799 in OpenAlex ("RWTH Aachen University"): the matcher is unsure (an acronym) and queues a
review item, so after both loads the graph holds two nodes for it, each with its own links.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from neo4j import ManagedTransaction

from graph.connection import Graph
from graph.errors import MergeRefused, ReviewAlreadyDecided
from graph.node_merge import merge_nodes
from graph.schema import Label
from graph.settings import Settings
from ingest.load import import_paths
from ingest.review import accept, reject
from tests.conftest import api_client
from tests.test_cross_source_orgs import cordis_orgs, openalex_orgs
from tests.test_ingest_load import counts, write_all

PIC, OA = "EU-PIC-999983962", "OA-I887968799"
P1, P2 = "H2020-RCN-700001", "H2020-RCN-700002"


@pytest.fixture
def shared(settings: Settings) -> Path:
    return settings.shared_data


def _cordis(shared: Path) -> dict[str, list[dict[str, str]]]:
    return {
        "organizations": [r for r in cordis_orgs(shared) if r["org_id"] == PIC],
        "projects": [
            {"project_code": P1, "title": "Dự án H2020 một", "level": "international"},
            {"project_code": P2, "title": "Dự án H2020 hai", "level": "international"},
        ],
        "project_partners": [
            {"project_code": P1, "org_id": PIC, "role": "partner", "contribution_eur": "1000.00"},
            {"project_code": P2, "org_id": PIC, "role": "partner", "contribution_eur": "500.00"},
        ],
    }


def _openalex(shared: Path) -> dict[str, list[dict[str, str]]]:
    rwth = [r for r in openalex_orgs(shared) if r["org_id"] == OA]
    unit = {"org_id": "OA-UNIT-1", "name": "Institut für Kraftfahrzeuge", "kind": "research_institute",
            "country": "DE", "parent_org_id": OA}  # fmt: skip
    return {
        "organizations": [*rwth, unit],
        "experts": [
            {"expert_id": "OA-A5000000003", "full_name": "Trần Văn Cường", "org_id": OA},
            {"expert_id": "OA-A5000000004", "full_name": "Lê Thị Dung", "org_id": OA},
        ],
        # OpenAlex's node hosts P1, where the CORDIS node is a partner: one link, host, after the merge.
        "project_partners": [{"project_code": P1, "org_id": OA, "role": "host"}],
        "patents": [
            {"number": "DE-102019000001", "title": "Bộ truyền động", "kind": "invention", "country": "DE",
             "inventors": "OA-A5000000003", "owner_org_ids": OA},
        ],
    }  # fmt: skip


def _load(graph: Graph, shared: Path, tmp_path: Path) -> tuple[list[Path], list[Path], str]:
    cordis = write_all(tmp_path / "cordis", _cordis(shared))
    openalex = write_all(tmp_path / "openalex", _openalex(shared))
    import_paths(graph, cordis)
    import_paths(graph, openalex)
    (item,) = graph.read("MATCH (r:ReviewItem {status: 'open'}) RETURN r.id AS id, r.candidate_id AS c")
    assert item["c"] == PIC
    return cordis, openalex, item["id"]


def _links(graph: Graph) -> list[tuple[Any, ...]]:
    """Every relationship as (type, start, end, properties): the graph's whole link state, sorted
    with the properties too, since two links may differ only there (the server's order is not)."""
    rows = graph.read(
        "MATCH (a)-[r]->(b) RETURN type(r) AS t, coalesce(a.id, a.code, a.key) AS a, "
        "coalesce(b.id, b.code, b.key) AS b, properties(r) AS p"
    )
    return sorted(((r["t"], r["a"], r["b"], sorted(r["p"].items())) for r in rows), key=repr)


def _org_ids(graph: Graph) -> list[str]:
    return [r["id"] for r in graph.read("MATCH (o:Organization) RETURN o.id AS id ORDER BY id")]


def test_accept_merges_the_openalex_node_into_the_cordis_one_with_every_link(
    empty_graph: Graph, shared: Path, tmp_path: Path
) -> None:
    cordis, openalex, item_id = _load(empty_graph, shared, tmp_path)
    assert _org_ids(empty_graph) == [PIC, OA, "OA-UNIT-1"]
    before = counts(empty_graph)
    outcome = accept(empty_graph, item_id, "editor")
    assert outcome.record_id == PIC and outcome.merge is not None
    assert (outcome.merge.moved, outcome.merge.combined) == (5, 1)  # 2 jobs, unit, patent, ROR; P1
    after = counts(empty_graph)
    assert _org_ids(empty_graph) == [PIC, "OA-UNIT-1"]
    assert after["Organization"] == before["Organization"] - 1
    assert after["PARTNER_IN"] == before["PARTNER_IN"] - 1  # P1 once, not twice
    for kind in ("WORKS_AT", "OWNS", "PART_OF", "Expert", "Project", "Patent"):
        assert after[kind] == before[kind]
    assert after["IDENTIFIED_BY"] == before["IDENTIFIED_BY"] + 1  # its own OpenAlex id, besides ROR
    links = _links(empty_graph)
    assert len({link[:3] for link in links}) == len(links)  # no two links of one type between two nodes
    partners = empty_graph.read(
        "MATCH (o:Organization)-[r:PARTNER_IN]->(p:Project) RETURN p.code AS p, o.id AS o, "
        "r.role AS role, r.contribution_eur AS eur ORDER BY p"
    )
    assert partners == [
        {"p": P1, "o": PIC, "role": "host", "eur": 1000.0},  # the stronger role; CORDIS's euros kept
        {"p": P2, "o": PIC, "role": "partner", "eur": 500.0},
    ]
    works = empty_graph.read("MATCH (e:Expert)-[w:WORKS_AT {current: true}]->(o) RETURN DISTINCT o.id AS o")
    assert works == [{"o": PIC}]
    (node,) = empty_graph.read(
        f"MATCH (o:Organization {{id: '{PIC}'}}) RETURN o.name AS name, o.aliases AS aliases, "
        "o.merged_ids AS ids, [(o)-[:IDENTIFIED_BY]->(x) | x.key] AS keys"
    )
    assert node["name"] == "RHEINISCH-WESTFAELISCHE TECHNISCHE HOCHSCHULE AACHEN"
    assert node["aliases"] == ["RWTH Aachen University"] and node["ids"] == [OA]
    assert sorted(node["keys"]) == ["openalex:I887968799", "ror:04xfq0f34"]
    # Accepting again is refused and changes nothing; so does the merge itself, run again.
    state = _links(empty_graph)
    with pytest.raises(ReviewAlreadyDecided):
        accept(empty_graph, item_id, "editor")
    again = empty_graph.write_tx(lambda tx: merge_nodes(tx, Label.ORGANIZATION, PIC, OA))
    assert not again.merged and _links(empty_graph) == state
    # Later imports of either source land on the kept node: no new node or link, no second RWTH.
    merged = counts(empty_graph)
    import_paths(empty_graph, openalex)
    import_paths(empty_graph, cordis)
    assert _org_ids(empty_graph) == [PIC, "OA-UNIT-1"] and counts(empty_graph) == merged
    assert empty_graph.read("MATCH (r:ReviewItem {status: 'open'}) RETURN r.id AS id") == []
    works = empty_graph.read("MATCH (e:Expert)-[w:WORKS_AT {current: true}]->(o) RETURN DISTINCT o.id AS o")
    assert works == [{"o": PIC}]


def test_a_file_naming_the_merged_id_lands_on_the_kept_node(
    empty_graph: Graph, shared: Path, tmp_path: Path
) -> None:
    """A template row that still names the OpenAlex id, with no organization row for it."""
    _, _, item_id = _load(empty_graph, shared, tmp_path)
    accept(empty_graph, item_id, "editor")
    rows = [{"expert_id": "LC-9", "full_name": "Vàng A Páo", "org_id": OA}]
    import_paths(empty_graph, write_all(tmp_path / "later", {"experts": rows}))
    works = empty_graph.read("MATCH (:Expert {id: 'LC-9'})-[:WORKS_AT]->(o) RETURN o.id AS o")
    assert works == [{"o": PIC}] and OA not in _org_ids(empty_graph)


def test_reject_leaves_both_nodes_and_their_links(empty_graph: Graph, shared: Path, tmp_path: Path) -> None:
    _, _, item_id = _load(empty_graph, shared, tmp_path)
    state = _links(empty_graph)
    assert reject(empty_graph, item_id, "editor").record_id == OA
    assert _org_ids(empty_graph) == [PIC, OA, "OA-UNIT-1"] and _links(empty_graph) == state


def test_a_merge_that_fails_midway_changes_nothing(empty_graph: Graph, shared: Path, tmp_path: Path) -> None:
    """A link of a type outside the schema is found after the others moved: all of it rolls back."""
    _, _, item_id = _load(empty_graph, shared, tmp_path)
    empty_graph.write(f"MATCH (o:Organization {{id: '{OA}'}}) CREATE (o)-[:NOT_IN_SCHEMA]->(:Stray)")
    state, nodes = _links(empty_graph), counts(empty_graph)
    with pytest.raises(MergeRefused, match="NOT_IN_SCHEMA"):
        accept(empty_graph, item_id, "editor")
    assert _links(empty_graph) == state and counts(empty_graph) == nodes
    (status,) = empty_graph.read(f"MATCH (r:ReviewItem {{id: '{item_id}'}}) RETURN r.status AS s")
    assert status["s"] == "open"
    with api_client(empty_graph, "editor") as client:
        response = client.post(f"/api/v1/import/review/{item_id}/accept")
    assert response.status_code == 409 and "NOT_IN_SCHEMA" in response.json()["detail"]


def test_the_api_accept_merges_and_the_audit_log_names_both_nodes(
    empty_graph: Graph, shared: Path, tmp_path: Path
) -> None:
    _, _, item_id = _load(empty_graph, shared, tmp_path)
    with api_client(empty_graph, "editor") as client:
        response = client.post(f"/api/v1/import/review/{item_id}/accept", json={"decided_by": "cb.skhcn"})
        assert response.status_code == 200, response.text
        assert response.json() == {"id": item_id, "status": "accepted", "record_id": PIC}
        assert client.post(f"/api/v1/import/review/{item_id}/accept").status_code == 409
    assert OA not in _org_ids(empty_graph)
    (entry,) = empty_graph.read(
        "MATCH (a:AuditEntry {action: 'review_accept'}) RETURN a.target AS target, a.detail AS detail"
    )
    assert entry == {
        "target": item_id,
        "detail": f"{PIC}; {OA} merged into {PIC}: 5 links moved, 1 combined, 0 dropped",
    }


def _merge(graph: Graph, label: Label, keep: str, dup: str) -> None:
    def work(tx: ManagedTransaction) -> None:
        merge_nodes(tx, label, keep, dup)

    graph.write_tx(work)


def test_the_merge_is_generic_over_experts_and_memberships(empty_graph: Graph) -> None:
    """Two experts: roles combine to the stronger, a link between the two goes, sources stay apart."""
    empty_graph.write(
        """
        CREATE (a:Expert {id: 'E-A', name: 'Nguyễn Văn An'}), (b:Expert {id: 'E-B', name: 'Nguyen Van An',
                email: 'an@example.vn'}),
               (p:Project {code: 'P'}), (f:Field {code: 'F'}), (h:Organization {id: 'HOI', name: 'Hội'}),
               (o:Organization {id: 'O1'}), (o2:Organization {id: 'O2'})
        CREATE (a)-[:MEMBER_OF {role: 'member'}]->(p), (b)-[:MEMBER_OF {role: 'lead'}]->(p),
               (a)-[:HAS_EXPERTISE {source: 'import', confidence: 1.0}]->(f),
               (b)-[:HAS_EXPERTISE {source: 'manual', confidence: 1.0}]->(f),
               (a)-[:BELONGS_TO {role: 'member', since: 2015}]->(h),
               (b)-[:BELONGS_TO {role: 'chair', since: 2010}]->(h),
               (a)-[:WORKS_AT {current: true, since: 2019}]->(o),
               (b)-[:WORKS_AT {current: false, since: 2001, until: 2018}]->(o2),
               (a)-[:CONFLICT_WITH {kind: 'colleague'}]->(b)
        """
    )
    _merge(empty_graph, Label.EXPERT, "E-A", "E-B")
    links = [link for link in _links(empty_graph) if link[1] == "E-A"]
    assert links == [
        ("BELONGS_TO", "E-A", "HOI", [("role", "chair"), ("since", 2010)]),
        ("HAS_EXPERTISE", "E-A", "F", [("confidence", 1.0), ("source", "import")]),
        ("HAS_EXPERTISE", "E-A", "F", [("confidence", 1.0), ("source", "manual")]),
        ("MEMBER_OF", "E-A", "P", [("role", "lead")]),
        ("WORKS_AT", "E-A", "O1", [("current", True), ("since", 2019)]),
        ("WORKS_AT", "E-A", "O2", [("current", False), ("since", 2001), ("until", 2018)]),
    ]
    (person,) = empty_graph.read("MATCH (e:Expert) RETURN e {.*} AS e")
    assert person["e"] == {
        "id": "E-A", "name": "Nguyễn Văn An", "email": "an@example.vn",
        "aliases": ["Nguyen Van An"], "merged_ids": ["E-B"],
    }  # fmt: skip


def test_a_second_parent_body_is_not_moved(empty_graph: Graph) -> None:
    empty_graph.write(
        """
        CREATE (a:Organization {id: 'A'})-[:PART_OF]->(:Organization {id: 'PA'}),
               (b:Organization {id: 'B'})-[:PART_OF]->(:Organization {id: 'PB'}),
               (:Organization {id: 'C'})-[:PART_OF]->(b), (b)-[:PART_OF]->(a)
        """
    )
    _merge(empty_graph, Label.ORGANIZATION, "A", "B")
    assert [link[:3] for link in _links(empty_graph)] == [("PART_OF", "A", "PA"), ("PART_OF", "C", "A")]


def test_the_other_direction_keeps_the_openalex_node(
    empty_graph: Graph, shared: Path, tmp_path: Path
) -> None:
    """OpenAlex first, then CORDIS: the item proposes the OpenAlex node, which keeps the participations."""
    cordis = write_all(tmp_path / "cordis", _cordis(shared))
    openalex = _openalex(shared)
    openalex.pop("project_partners")  # its projects come with CORDIS
    import_paths(empty_graph, write_all(tmp_path / "openalex", openalex))
    import_paths(empty_graph, cordis)
    (item,) = empty_graph.read("MATCH (r:ReviewItem {status: 'open'}) RETURN r.id AS id, r.candidate_id AS c")
    assert item["c"] == OA
    assert accept(empty_graph, item["id"], "editor").record_id == OA
    assert _org_ids(empty_graph) == [OA, "OA-UNIT-1"]
    partners = empty_graph.read("MATCH (o)-[r:PARTNER_IN]->(p) RETURN o.id AS o, p.code AS p ORDER BY p")
    assert partners == [{"o": OA, "p": P1}, {"o": OA, "p": P2}]
    merged = counts(empty_graph)
    import_paths(empty_graph, cordis)
    assert _org_ids(empty_graph) == [OA, "OA-UNIT-1"] and counts(empty_graph) == merged
