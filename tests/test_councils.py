"""Councils and batch assignment on the Lai Châu demo: constraints hold, answers repeat, failures explain."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator
from typing import Any, LiteralString

import pytest
from fastapi.testclient import TestClient

from graph.connection import Graph
from graph.settings import ConflictRules
from queries.conflicts import find_conflicts, pair_conflicts
from queries.proposals import get_proposal
from tests.conftest import api_client

PROJECT_WITH_TEAM: LiteralString = """
MATCH (o:Organization)-[:PARTNER_IN {role: 'host'}]->(p:Project)<-[m:MEMBER_OF]-(e:Expert)
WITH p, o, collect(e.id) AS team
WHERE size(team) >= 3 AND EXISTS { (p)-[:ABOUT]->(:Field) }
WITH p, o, team ORDER BY p.code LIMIT 3
MATCH (p)-[:ABOUT]->(f:Field)
RETURN p.code AS code, p.title AS title, p.abstract AS abstract, o.id AS host, team,
       collect(f.code)[..1] AS fields
"""
CLEAN_UP: LiteralString = """
OPTIONAL MATCH (k:Council) WHERE k.id STARTS WITH 'T6-' OR k.period = 'T6' OR k.id STARTS WITH 'PB-T6-'
DETACH DELETE k
WITH count(*) AS done
OPTIONAL MATCH (p:Proposal) WHERE p.code STARTS WITH 'T6-'
DETACH DELETE p
"""


@pytest.fixture
def client(demo_graph: Graph) -> Iterator[TestClient]:
    demo_graph.write(CLEAN_UP)
    with api_client(demo_graph, "admin") as c:
        yield c
    demo_graph.write(CLEAN_UP)


def _proposals(client: TestClient, graph: Graph) -> list[str]:
    codes = []
    for row in graph.read(PROJECT_WITH_TEAM):
        code = f"T6-{row['code']}"
        body = {
            "code": code,
            "title": row["title"],
            "abstract": row["abstract"],
            "fields": row["fields"],
            "host_org_id": row["host"],
            "proposers": [
                {"expert_id": e, "role": "lead" if i == 0 else "member"}
                for i, e in enumerate(sorted(row["team"]))
            ],
            "program": "Chương trình thử nghiệm T6",
            "year": 2025,
        }
        response = client.post("/api/v1/proposals", json=body)
        assert response.status_code == 201, response.text
        codes.append(code)
    return codes


def _compose(client: TestClient, **body: Any) -> Any:
    response = client.post("/api/v1/councils/compose", json={"period": "T6", **body})
    return response


def test_council_meets_every_constraint_and_repeats(client: TestClient, demo_graph: Graph) -> None:
    code = _proposals(client, demo_graph)[0]
    first = _compose(client, proposal=code, size=9)
    assert first.status_code == 200, first.text
    council = first.json()
    roles = Counter(m["role"] for m in council["members"])
    assert roles == {"chair": 1, "reviewer": 2, "secretary": 1, "member": 5}
    ids = [m["expert_id"] for m in council["members"]]
    assert len(set(ids)) == 9
    subject = get_proposal(demo_graph, code).subject()
    assert find_conflicts(demo_graph, subject, ConflictRules(), ids).hits == {}
    assert pair_conflicts(demo_graph, ids, ConflictRules(), subject.year) == {}
    fields = get_proposal(demo_graph, code).fields
    assert all(any(f in m["covers"] for m in council["members"]) for f in fields)
    assert council["outside_host"] >= 5
    assert set(council["alternates"]) == set(ids)
    proposers = {p.id for p in get_proposal(demo_graph, code).proposers}
    assert all(x["rules"] for x in council["excluded"])
    assert all(x["expert_id"] not in ids for x in council["excluded"])
    assert proposers & {x["expert_id"] for x in council["excluded"]} or not council["excluded"]
    assert _compose(client, proposal=code, size=9).json() == council  # deterministic


def test_task_council_and_unmeetable_requests(client: TestClient) -> None:
    task = {"title": "nông nghiệp giống cây trồng", "fields": []}
    ok = _compose(client, task=task, size=7, program="T6 task")
    assert ok.status_code == 200, ok.text
    assert len(ok.json()["members"]) == 7
    impossible = _compose(client, task=task, size=15, outside_province_share=1.0)
    assert impossible.status_code == 422
    assert "outside_province_share" in impossible.json()["constraint"]
    no_field = _compose(client, task={"title": "nông nghiệp", "fields": ["60399"]}, size=7)
    assert no_field.status_code == 422 and no_field.json()["constraint"].startswith("field_coverage")
    both = _compose(client, task=task, proposal="X")
    assert both.status_code == 422


def test_saved_council_counts_for_rotation_cap_and_profile(client: TestClient, demo_graph: Graph) -> None:
    code = _proposals(client, demo_graph)[0]
    saved = _compose(client, proposal=code, save=True, council_id="T6-HD-1").json()
    first_ids = {m["expert_id"] for m in saved["members"]}
    chair = saved["members"][0]["expert_id"]
    profile = client.get(f"/api/v1/experts/{chair}").json()
    assert {"council_id": "T6-HD-1", "role": "chair", "period": "T6"}.items() <= profile["councils"][
        0
    ].items()
    rotated = _compose(client, proposal=code, rotation_last_n=1, council_id="T6-HD-2").json()
    assert not first_ids & {m["expert_id"] for m in rotated["members"]}
    capped = _compose(client, proposal=code, cap_per_period=1, council_id="T6-HD-3").json()
    assert not first_ids & {m["expert_id"] for m in capped["members"]}
    reasons = {r for x in capped["excluded"] for r in x["rules"]}
    assert "council_cap" in reasons or not capped["excluded"]


def test_batch_assignment_beats_or_equals_greedy(client: TestClient, demo_graph: Graph) -> None:
    codes = _proposals(client, demo_graph)
    body = {"proposals": codes, "k": 2, "max_per_reviewer": 1, "period": "T6", "save": True}
    result = client.post("/api/v1/reviews/assign", json=body)
    assert result.status_code == 200, result.text
    out = result.json()
    assert out["optimal"] and out["total_affinity"] >= out["greedy_total_affinity"] - 1e-9
    seen = [r["expert_id"] for a in out["assignments"] for r in a["reviewers"]]
    assert len(seen) == len(set(seen)) == 2 * len(codes)
    for a in out["assignments"]:
        subject = get_proposal(demo_graph, a["proposal"]).subject()
        ids = [r["expert_id"] for r in a["reviewers"]]
        assert find_conflicts(demo_graph, subject, ConflictRules(), ids).hits == {}
    assert out["objective"] == "total" and out["worst_proposal_gap"] is None
    fair = client.post("/api/v1/reviews/assign", json={**body, "fair": True, "save": False}).json()
    assert fair["optimal"] and fair["objective"] == "worst_proposal"
    assert fair["worst_proposal_gap"] == 0 and fair["total_gap"] == 0
    assert fair["worst_proposal_affinity"] >= out["worst_proposal_affinity"]
    assert fair["total_affinity"] <= out["total_affinity"] + 1e-9
    sums = [a["total_affinity"] for a in fair["assignments"]]
    assert min(sums) == pytest.approx(fair["worst_proposal_affinity"], abs=1e-4)
    weakest = {**body, "objective": "weakest_reviewer", "save": False}
    floor = client.post("/api/v1/reviews/assign", json=weakest).json()
    assert floor["optimal"] and floor["objective"] == "weakest_reviewer"
    assert floor["weakest_reviewer_affinity"] >= out["weakest_reviewer_affinity"]
    assert floor["worst_proposal_affinity"] <= fair["worst_proposal_affinity"] + 1e-9
    profile = client.get(f"/api/v1/experts/{seen[0]}").json()
    assert any(c["role"] == "reviewer" and c["kind"] == "review" for c in profile["councils"])
