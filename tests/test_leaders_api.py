"""Leading experts per field and sector, and the program's gaps, on the demo."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from fastapi.testclient import TestClient

from graph.connection import Graph
from tests.conftest import api_client


@pytest.fixture
def client(demo_graph: Graph) -> Iterator[TestClient]:
    with api_client(demo_graph, "admin") as c:
        yield c


def test_field_leaders_are_ranked_with_evidence_from_the_field(client: TestClient, demo_graph: Graph) -> None:
    body = client.get("/api/v1/fields/401/leaders", params={"limit": 10}).json()
    assert body["kind"] == "field" and body["name_vi"] == "Trồng trọt"
    scores = [x["score"] for x in body["leaders"]]
    assert scores and scores == sorted(scores, reverse=True)
    projects = [ev["ref"] for x in body["leaders"] for ev in x["evidence"] if ev["kind"] == "project"]
    assert projects
    rows = demo_graph.read(
        "UNWIND $codes AS c MATCH (p:Project {code: c})-[:ABOUT]->(f:Field) RETURN c, collect(f.code) AS f",
        {"codes": projects},
    )
    assert all(any(code.startswith("401") for code in r["f"]) for r in rows)
    assert all(x["above_bar"] == (x["score"] >= body["bar"]) for x in body["leaders"])


def test_sector_leaders_and_unknown_codes(client: TestClient) -> None:
    body = client.get("/api/v1/sectors/HEALTH/leaders").json()
    assert body["leaders"] and body["name_vi"] == "Y tế"
    assert client.get("/api/v1/sectors/SPACE/leaders").status_code == 404
    assert client.get("/api/v1/fields/99999/leaders").status_code == 404


def test_gaps_list_program_fields_without_a_leader(client: TestClient) -> None:
    body = client.get("/api/v1/fields/gaps").json()
    assert body["bar"] > 0 and body["bar_meaning"]
    kinds = {g["kind"] for g in body["all"]}
    assert kinds == {"field", "sector"}
    assert len([g for g in body["all"] if g["kind"] == "sector"]) == 8
    assert all(g["leaders"] == 0 for g in body["gaps"])
    assert {(g["kind"], g["code"]) for g in body["gaps"]} == {
        (g["kind"], g["code"]) for g in body["all"] if g["leaders"] == 0
    }
