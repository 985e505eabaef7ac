"""Each conflict-of-interest rule fires inside its window and stays silent outside it."""

from __future__ import annotations

from pathlib import Path

import pytest

from graph.connection import Graph
from graph.settings import ConflictRules
from ingest.load import import_directory
from queries.conflict_matrix import conflict_matrix
from queries.conflicts import Subject, find_conflicts, pair_conflicts
from queries.proposals import get_proposal
from tests.conftest import api_client
from tests.review_world import load_world


@pytest.fixture
def world(empty_graph: Graph, tmp_path: Path) -> Graph:
    load_world(empty_graph, tmp_path)
    return empty_graph


def _rules(graph: Graph, rules: ConflictRules | None = None) -> dict[str, list[str]]:
    subject = get_proposal(graph, "DX-1").subject()
    report = find_conflicts(graph, subject, rules or ConflictRules())
    return {e: report.rules_of(e) for e in report.hits}


def test_proposal_import_keeps_proposers_orgs_and_year(world: Graph, tmp_path: Path) -> None:
    p = get_proposal(world, "DX-1")
    assert [(x.id, x.role) for x in p.proposers] == [("P1", "lead"), ("P2", "member")]
    assert [(o.id, o.role) for o in p.orgs] == [("HOST", "host"), ("PART", "partner")]
    assert p.year == 2025 and p.program == "Chương trình nông nghiệp"
    again = import_directory(world, tmp_path)  # re-import changes nothing
    assert again.written == 0


def test_each_rule_fires_inside_its_window_only(world: Graph) -> None:
    fired = _rules(world)
    assert "proposer" in fired["P1"] and "proposer" in fired["P2"]
    assert {"employer", "same_institution"} <= set(fired["A"])
    assert "A2" not in fired  # left the proposer's employer in 2018: outside 5 years
    assert fired["A3"] == ["employer"]  # left in 2022
    assert fired["B"] == ["same_institution"]  # the university of P2's faculty
    assert fired["C"] == ["host_organization"] and fired["C2"] == ["host_organization"]
    assert fired["D"] == ["coauthor"]
    assert "D2" not in fired  # paper of 2015
    assert "D3" not in fired and "F1" not in fired  # a 9-author paper
    assert fired["G"] == ["co_project"]
    assert "G2" not in fired  # project ended 2012
    assert fired["H"] == ["declared_lifelong"]  # a supervisor, for life
    assert "H2" not in fired  # a colleague tie that ended in 2010
    assert fired["H3"] == ["declared"]


def test_windows_and_author_cap_are_configurable(world: Graph) -> None:
    fired = _rules(world, ConflictRules(coauthor_years=12, coauthor_max_authors=None, employer_years=10))
    assert fired["D2"] == ["coauthor"]
    assert fired["D3"] == ["coauthor"] and fired["F1"] == ["coauthor"]
    assert fired["A2"] == ["employer"]
    narrow = _rules(world, ConflictRules(project_years=2, disabled=("same_institution",)))
    assert "G" not in narrow
    assert "B" not in narrow


ALL_EXPERT_IDS = "MATCH (e:Expert) RETURN e.id AS id ORDER BY id"


@pytest.mark.parametrize(
    "rules",
    [
        ConflictRules(),
        ConflictRules(coauthor_years=12, coauthor_max_authors=None, employer_years=10),
        ConflictRules(project_years=2, declared_years=20, disabled=("same_institution", "host_organization")),
    ],
)
def test_batched_conflicts_match_the_per_pair_answers(world: Graph, rules: ConflictRules) -> None:
    subjects = [get_proposal(world, "DX-1").subject()]
    subjects.append(Subject(key="older", year=2016, proposers=("P1", "D"), orgs=(("OUT", "partner"),)))
    batched = conflict_matrix(world, subjects, rules)
    experts = [r["id"] for r in world.read(ALL_EXPERT_IDS)]
    for subject, answer in zip(subjects, batched, strict=True):
        for expert in experts:  # one expert at a time, as GET /conflicts?expert= asks
            report = find_conflicts(world, subject, rules, [expert])
            assert sorted(answer.get(expert, set())) == report.rules_of(expert), (subject.key, expert)
    assert batched[0] == {e: set(r) for e, r in _rules(world, rules).items()}
    restricted = conflict_matrix(world, subjects, rules, ["D", "G", "nobody"])
    assert restricted == [{e: r for e, r in a.items() if e in {"D", "G"}} for a in batched]


def test_evidence_names_the_paper_project_and_year(world: Graph) -> None:
    subject = get_proposal(world, "DX-1").subject()
    report = find_conflicts(world, subject, ConflictRules(), ["D", "G", "A3"])
    assert [(h.rule, h.ref, h.year, h.proposer_id) for h in report.hits["D"]] == [
        ("coauthor", "W22", 2022, "P1")
    ]
    assert [(h.ref, h.year) for h in report.hits["G"]] == [("PJ21", 2021)]
    assert [(h.ref, h.year) for h in report.hits["A3"]] == [("SO", 2022)]


def test_pairs_of_members_in_conflict(world: Graph) -> None:
    pairs = pair_conflicts(world, ["P1", "D", "G", "H", "C"], ConflictRules(), 2025)
    # P1 wrote with D, ran a project with G and supervised H; D, G and H all work at OUT now.
    expected = {("P1", "D"), ("P1", "G"), ("P1", "H"), ("D", "G"), ("D", "H"), ("G", "H")}
    assert set(pairs) == {frozenset(p) for p in expected}
    assert {h.rule for h in pairs[frozenset(("D", "G"))]} == {"employer"}


def test_conflicts_api_and_declared_conflicts(world: Graph) -> None:
    with api_client(world, "admin") as client:
        body = client.get("/api/v1/conflicts", params={"proposal": "DX-1", "expert": "D"}).json()
        assert body["experts"][0]["rules"] == ["coauthor"]
        assert body["experts"][0]["evidence"][0]["ref"] == "W22"
        free = client.get("/api/v1/conflicts", params={"proposal": "DX-1", "expert": "F1"}).json()
        assert free["experts"][0]["conflicted"] is False
        made = client.post(
            "/api/v1/experts/F1/conflicts",
            json={"other_id": "P2", "kind": "family", "reason": "Vợ chồng", "since": 2000},
        )
        assert made.status_code == 201, made.text
        assert [t["other_id"] for t in client.get("/api/v1/experts/P2/conflicts").json()] == ["F1"]
        now = client.get("/api/v1/conflicts", params={"proposal": "DX-1", "expert": "F1"}).json()
        assert now["experts"][0]["rules"] == ["declared_lifelong"]
        assert client.get("/api/v1/conflicts", params={"proposal": "NOPE"}).status_code == 404
        bad = client.post("/api/v1/experts/F1/conflicts", json={"other_id": "ZZZ", "kind": "family"})
        assert bad.status_code == 422 and "ZZZ" in bad.json()["detail"]


def test_post_proposal_checks_references_and_replaces(world: Graph) -> None:
    with api_client(world, "admin") as client:
        body = {
            "code": "DX-2",
            "title": "Giong lua",
            "proposers": [{"expert_id": "D", "role": "lead"}],
            "host_org_id": "OUT",
            "partner_org_ids": ["X"],
            "year": 2024,
        }
        made = client.post("/api/v1/proposals", json=body)
        assert made.status_code == 201, made.text
        assert made.json()["proposers"] == [{"id": "D", "name": "Đỗ Văn Hải", "role": "lead"}]
        body["proposers"] = [{"expert_id": "G", "role": "lead"}]
        again = client.post("/api/v1/proposals", json=body).json()
        assert [p["id"] for p in again["proposers"]] == ["G"]
        body["proposers"] = [{"expert_id": "NOBODY"}]
        bad = client.post("/api/v1/proposals", json=body)
        assert bad.status_code == 422 and "NOBODY" in bad.json()["detail"]
