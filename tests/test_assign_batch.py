"""Batched affinities and conflicts give the per-proposal answers on the demo, only faster."""

from __future__ import annotations

from collections.abc import Iterator
from typing import LiteralString

import pytest
from fastapi.testclient import TestClient

from graph.connection import Graph
from graph.settings import ConflictRules
from queries.affinity import affinity
from queries.affinity_matrix import Request, affinity_matrix
from queries.conflict_matrix import conflict_matrix
from queries.proposals import get_proposal
from tests.conftest import api_client

# Projects with a host, at least one partner or three members, and fields: proposals that make most
# rules fire (host and partner staff, co-members, co-authors, colleagues).
DEMO_PROJECTS: LiteralString = """
MATCH (o:Organization)-[:PARTNER_IN {role: 'host'}]->(p:Project)<-[:MEMBER_OF]-(e:Expert)
WITH p, o, collect(e.id) AS team
WHERE size(team) >= 3 AND EXISTS { (p)-[:ABOUT]->(:Field) }
WITH p, o, team ORDER BY p.code SKIP 5 LIMIT 4
OPTIONAL MATCH (x:Organization)-[:PARTNER_IN {role: 'partner'}]->(p)
MATCH (p)-[:ABOUT]->(f:Field)
RETURN p.code AS code, p.title AS title, p.abstract AS abstract, o.id AS host, team,
       collect(DISTINCT x.id) AS partners, collect(DISTINCT f.code) AS fields, p.start_year AS year
"""
EXPERT_IDS: LiteralString = "MATCH (e:Expert) RETURN e.id AS id ORDER BY id"
CLEAN_UP: LiteralString = """
MATCH (p:Proposal) WHERE p.code STARTS WITH 'T7-' DETACH DELETE p
WITH count(*) AS done
MATCH (:Expert {id: $a})-[c:CONFLICT_WITH]-(:Expert {id: $b}) DELETE c
"""


@pytest.fixture
def client(demo_graph: Graph) -> Iterator[TestClient]:
    with api_client(demo_graph, "admin") as c:
        yield c


def test_batched_affinities_equal_the_per_proposal_ones(demo_graph: Graph) -> None:
    requests = [
        Request(f"{r['title']}. {r['abstract'] or ''}".strip(), sorted(r["fields"]))
        for r in demo_graph.read(DEMO_PROJECTS)
    ]
    requests += [
        Request("Trồng và chế biến sâm Lai Châu"),  # text alone
        Request("nuoi trong thuy san nuoc lanh", ["40501"]),  # unaccented, with a field
        Request("landslide risk mapping in mountain districts"),  # English
        Request("và của", ["10101"]),  # stop words only: field coverage alone
    ]
    batched = affinity_matrix(demo_graph, requests)
    for request, answer in zip(requests, batched, strict=True):
        expected = affinity(demo_graph, request.text, list(request.fields))
        assert answer == expected, request.text
        assert list(answer) == list(expected)  # the same order too
    assert sum(len(a) for a in batched) > 1000  # real answers, not empty ones
    some = sorted(r["id"] for r in demo_graph.read(EXPERT_IDS))[::7]
    restricted = affinity_matrix(demo_graph, requests[:3], some)
    for request, answer in zip(requests[:3], restricted, strict=True):
        assert answer == affinity(demo_graph, request.text, list(request.fields), some)


def test_batched_conflicts_equal_the_conflicts_api(client: TestClient, demo_graph: Graph) -> None:
    rows = demo_graph.read(DEMO_PROJECTS)
    # A declared lifelong tie between a proposer and an outsider, so that rule fires too.
    lead, outsider = sorted(rows[0]["team"])[0], "LC-01234"
    declared = {"a": lead, "b": outsider}
    demo_graph.write(CLEAN_UP, declared)
    try:
        codes = []
        for r in rows:
            body = {
                "code": f"T7-{r['code']}",
                "title": r["title"],
                "fields": r["fields"],
                "host_org_id": r["host"],
                "partner_org_ids": r["partners"],
                "proposers": [
                    {"expert_id": e, "role": "lead" if i == 0 else "member"}
                    for i, e in enumerate(sorted(r["team"]))
                ],
                "year": r["year"] + 3,  # windows count from different years
            }
            made = client.post("/api/v1/proposals", json=body)
            assert made.status_code == 201, made.text
            codes.append(body["code"])
        tie = {"other_id": outsider, "kind": "supervisor", "since": 1999}
        assert client.post(f"/api/v1/experts/{lead}/conflicts", json=tie).status_code == 201
        subjects = [get_proposal(demo_graph, code).subject() for code in codes]
        batched = conflict_matrix(demo_graph, subjects, ConflictRules())
        fired_rules: set[str] = set()
        for code, answer in zip(codes, batched, strict=True):
            every = client.get("/api/v1/conflicts", params={"proposal": code}).json()["experts"]
            assert {e["expert_id"]: set(e["rules"]) for e in every} == answer
            fired_rules |= {rule for rules in answer.values() for rule in rules}
        assert fired_rules >= {"proposer", "employer", "host_organization", "co_project", "declared_lifelong"}
        # One pair at a time, as a secretary asks: every conflicted expert of the first two
        # proposals, and experts the batch leaves free.
        experts = [r["id"] for r in demo_graph.read(EXPERT_IDS)]
        for code, answer in list(zip(codes, batched, strict=True))[:2]:
            free = [e for e in experts if e not in answer][::97]
            for expert in sorted(answer)[:80] + free:
                one = client.get("/api/v1/conflicts", params={"proposal": code, "expert": expert}).json()
                assert set(one["experts"][0]["rules"]) == answer.get(expert, set()), (code, expert)
    finally:
        demo_graph.write(CLEAN_UP, declared)
