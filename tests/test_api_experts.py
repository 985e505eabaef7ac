"""The foundation's API on the demo data: search, profile, health."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from graph.connection import Graph
from graph.migrations import LATEST_VERSION, migrate
from graph.runtime import open_runtime
from graph.settings import Settings
from ingest.demo_load import load_demo
from tests.conftest import Demo, api_client


@pytest.fixture
def client(demo_graph: Graph) -> Iterator[TestClient]:
    with api_client(demo_graph, "admin") as c:
        yield c


def _ids(client: TestClient, q: str, **params: str | int) -> list[str]:
    response = client.get("/api/v1/experts/search", params={"q": q, "limit": 20, **params})
    assert response.status_code == 200, response.text
    return [r["id"] for r in response.json()["results"]]


def test_search_is_the_same_with_and_without_diacritics(client: TestClient) -> None:
    # Lexical and field relevance fold the query; semantic relevance (issue 5) reads the marks, which
    # carry meaning, so unaccented text finds the same experts but may order them a little apart.
    marked = _ids(client, "nông nghiệp")
    assert marked == _ids(client, "NÔNG NGHIỆP")
    plain = client.get("/api/v1/experts/search", params={"q": "nong nghiep", "limit": 20}).json()
    assert len(set(marked) & {r["id"] for r in plain["results"]}) >= 10
    assert Counter(r["sector"] for r in plain["results"])["AGRI_FOREST"] >= 12


def test_agriculture_query_ranks_agriculture_experts_first(client: TestClient) -> None:
    body = client.get("/api/v1/experts/search", params={"q": "nông nghiệp", "limit": 10}).json()
    sectors = Counter(r["sector"] for r in body["results"])
    assert sectors["AGRI_FOREST"] >= 6, sectors
    assert body["total"] >= 10
    scores = [r["score"] for r in body["results"]]
    assert scores == sorted(scores, reverse=True)


def test_every_result_says_why_it_matched(client: TestClient) -> None:
    body = client.get("/api/v1/experts/search", params={"q": "sâm Lai Châu", "limit": 5}).json()
    for result in body["results"]:
        assert result["reason"]
        assert result["evidence"], result
        assert all(0 <= ev["contribution"] <= 1 for ev in result["evidence"])
        assert sum(ev["contribution"] for ev in result["evidence"]) <= result["score"] + 1e-3
    kinds = {ev["kind"] for r in body["results"] for ev in r["evidence"]}
    assert "project" in kinds or "publication" in kinds


def test_sector_filter_keeps_only_that_sector(client: TestClient) -> None:
    body = client.get("/api/v1/experts/search", params={"q": "nghiên cứu", "sector": "HEALTH"}).json()
    assert body["results"]
    assert {r["sector"] for r in body["results"]} == {"HEALTH"}


def test_field_filter_includes_subfields(client: TestClient, demo_graph: Graph) -> None:
    ids = _ids(client, "", field="4")  # agricultural sciences, level 1: experts hold level-2/3 codes
    assert ids
    rows = demo_graph.read(
        "UNWIND $ids AS id MATCH (e:Expert {id: id})-[:HAS_EXPERTISE]->(f:Field) "
        "RETURN id, collect(f.code) AS codes",
        {"ids": ids},
    )
    assert all(any(code.startswith("4") for code in r["codes"]) for r in rows)


def test_paging_is_stable_and_disjoint(client: TestClient) -> None:
    first = _ids(client, "giáo dục", limit=10, offset=0)
    second = _ids(client, "giáo dục", limit=10, offset=10)
    assert first == _ids(client, "giáo dục", limit=10, offset=0)
    assert not set(first) & set(second)


def test_profile_lists_projects_with_roles_and_partners(client: TestClient, demo_graph: Graph) -> None:
    lead = demo_graph.read(
        "MATCH (e:Expert)-[:MEMBER_OF {role: 'lead'}]->(p:Project) RETURN e.id AS id, p.code AS code LIMIT 1"
    )[0]
    body = client.get(f"/api/v1/experts/{lead['id']}").json()
    roles = {p["code"]: p["role"] for p in body["projects"]}
    assert roles[lead["code"]] == "lead"
    assert set(roles.values()) <= {"lead", "secretary", "member"}
    project = next(p for p in body["projects"] if p["code"] == lead["code"])
    assert any(partner["role"] == "host" for partner in project["partners"])
    assert body["sectors"] and body["fields"] and body["organizations"]
    assert body["coworkers"]


def test_unknown_expert_is_a_clear_404(client: TestClient) -> None:
    response = client.get("/api/v1/experts/NO-SUCH-ID")
    assert response.status_code == 404
    assert "NO-SUCH-ID" in response.json()["detail"]


@pytest.mark.parametrize(
    "params", [{"limit": 0}, {"limit": 1000}, {"offset": -1}, {"sector": "NOPE"}, {"field": "abc"}]
)
def test_bad_parameters_are_422(client: TestClient, params: dict[str, object]) -> None:
    assert client.get("/api/v1/experts/search", params={"q": "a", **params}).status_code == 422


def test_health_reports_the_schema_version(client: TestClient) -> None:
    body = client.get("/health").json()
    assert body == {
        "status": "ok",
        "neo4j": True,
        "schema_version": LATEST_VERSION,
        "latest_schema_version": LATEST_VERSION,
    }


def test_demo_import_twice_gives_identical_counts(demo: Demo) -> None:
    graph = demo.runtime.graph
    count = "MATCH (n) WITH count(n) AS nodes MATCH ()-[r]->() RETURN nodes, count(r) AS rels"
    before = graph.read(count)[0]
    again = load_demo(graph, demo.settings)
    assert graph.read(count)[0] == before
    assert all(k.created == k.updated == 0 for k in again.report.kinds.values())
    assert again.report.kinds  # the second import did read every file


def test_health_is_503_while_neo4j_is_down_and_200_again_after(tmp_path: Path, settings: Settings) -> None:
    runtime = open_runtime(settings, home=tmp_path / "neo4j", port=0)
    assert runtime.server is not None
    migrate(runtime.graph)
    try:
        with api_client(runtime.graph, "viewer") as client:
            assert client.get("/health").status_code == 200
            runtime.server.stop()
            down = client.get("/health")
            assert down.status_code == 503
            assert down.json()["status"] == "unavailable"
            assert client.get("/api/v1/experts/search", params={"q": "lúa"}).status_code == 503
            runtime.server.start()
            assert client.get("/health").status_code == 200
    finally:
        runtime.close()


def test_every_evidence_link_resolves(client: TestClient) -> None:
    urls: set[str] = set()
    for q in ("sâm Lai Châu", "lúa", "landslide"):
        body = client.get("/api/v1/experts/search", params={"q": q, "limit": 10}).json()
        urls |= {ev["url"] for r in body["results"] for ev in r["evidence"]}
    for kind in ("/experts/", "/projects/", "/publications/", "/fields/"):
        assert any(kind in u for u in urls), kind
    for url in sorted(urls):
        assert client.get(url).status_code == 200, url


def test_project_page_lists_members_by_role(client: TestClient, demo_graph: Graph) -> None:
    code = demo_graph.read(
        "MATCH (p:Project {level: 'provincial'}) RETURN p.code AS code ORDER BY code LIMIT 1"
    )[0]
    body = client.get(f"/api/v1/projects/{code['code']}").json()
    roles = [m["role"] for m in body["members"]]
    assert roles[0] == "lead" and roles.count("lead") == 1
    assert body["partners"] and body["project"]["title"]
    assert client.get("/api/v1/projects/NO-SUCH").status_code == 404
