"""Commissioning tasks on the demo: candidates without conflicts, teams, assignments and load."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient

from graph.connection import Graph
from graph.settings import get_ranking
from ingest.load import import_paths
from tests.conftest import api_client
from tests.test_ingest_load import write_all

TEA_TASK = {
    "kind": "consultancy",
    "title": "Tư vấn cải tạo nương chè cổ thụ và quy trình sao sấy chè đặc sản",
    "description": "Hợp tác xã muốn phục hồi các nương chè lâu năm, chuẩn hóa khâu sao, sấy và đóng gói.",
    "required_fields": ["40105", "21102"],
    "sector": "AGRI_FOREST",
    "team_size": 2,
    "deadline": "2026-12-31",
}


NEUTRAL_ORG = "TEST-ORG-NEUTRAL"


@pytest.fixture
def client(demo_graph: Graph, tmp_path: Path) -> Iterator[TestClient]:
    """The demo API and an ordering organization nobody works at, imported like a user's file; the
    tasks a test creates (with their assignments) and that organization are removed afterwards."""
    org = {"org_id": NEUTRAL_ORG, "name": "Ban Quản lý dự án thử nghiệm", "kind": "government_agency"}
    import_paths(demo_graph, write_all(tmp_path, {"organizations": [org]}))
    with api_client(demo_graph, "admin") as c:
        yield c
    demo_graph.write(
        "MATCH (t:Task) WHERE t.title STARTS WITH 'TEST ' OR t.title = $t DETACH DELETE t",
        {"t": TEA_TASK["title"]},
    )
    demo_graph.write("MATCH (o:Organization {id: $id}) DETACH DELETE o", {"id": NEUTRAL_ORG})


def _create(client: TestClient, **changes: Any) -> dict[str, Any]:
    response = client.post("/api/v1/tasks", json={**TEA_TASK, **changes})
    assert response.status_code == 201, response.text
    body: dict[str, Any] = response.json()
    return body


def _candidates(client: TestClient, task_id: str) -> dict[str, Any]:
    response = client.get(f"/api/v1/tasks/{task_id}/candidates")
    assert response.status_code == 200, response.text
    body: dict[str, Any] = response.json()
    return body


def _neutral_org(graph: Graph) -> str:
    """The test's own organization: nobody works there and it partnered on no project."""
    return NEUTRAL_ORG


def test_task_is_stored_and_read_back(client: TestClient, demo_graph: Graph) -> None:
    task = _create(client, org_id=_neutral_org(demo_graph))
    assert task["id"].startswith("NV-")
    assert {f["code"] for f in task["fields"]} == {"40105", "21102"}
    again = client.get(f"/api/v1/tasks/{task['id']}").json()
    assert again["title"] == TEA_TASK["title"] and again["org"]["id"] == task["org"]["id"]


def test_bad_task_references_name_the_field(client: TestClient) -> None:
    response = client.post("/api/v1/tasks", json={**TEA_TASK, "org_id": "NO-SUCH-ORG"})
    assert response.status_code == 422 and "org_id" in response.text
    response = client.post("/api/v1/tasks", json={**TEA_TASK, "org_id": "x", "kind": "lecture"})
    assert response.status_code == 422 and "kind" in response.text
    assert client.get("/api/v1/tasks/NV-NOPE/candidates").status_code == 404


def test_team_covers_the_required_fields(client: TestClient, demo_graph: Graph) -> None:
    task = _create(client, org_id=_neutral_org(demo_graph))
    body = _candidates(client, task["id"])
    assert body["candidates"] and not body["excluded"]
    assert 1 <= len(body["team"]) <= 2
    covered = {code for member in body["team"] for code in member["covers"]}
    assert covered | set(body["uncovered_fields"]) == {"40105", "21102"}
    assert covered, body["team"]
    top = body["candidates"][0]["expert"]
    assert top["evidence"] and top["reason"]


def test_experts_of_the_ordering_organization_are_excluded_with_the_reason(client: TestClient) -> None:
    probe = client.post("/api/v1/experts/match", json={"title": TEA_TASK["title"], "limit": 1}).json()
    top = probe["results"][0]
    task = _create(client, org_id=top["org_id"])
    body = _candidates(client, task["id"])
    excluded = {x["expert"]["id"]: x["reasons"] for x in body["excluded"]}
    assert top["id"] in excluded
    assert any(r.startswith("Cùng cơ quan đặt hàng") for r in excluded[top["id"]])
    assert top["id"] not in {c["expert"]["id"] for c in body["candidates"]}
    assert all(c["expert"]["org_id"] != top["org_id"] for c in body["candidates"])


def test_experts_at_partner_organizations_are_excluded(client: TestClient, demo_graph: Graph) -> None:
    probe = client.post("/api/v1/experts/match", json={"title": TEA_TASK["title"], "limit": 30}).json()
    for hit in probe["results"]:
        partner = demo_graph.read(
            "MATCH (:Organization {id: $org})-[:PARTNER_IN]->(p:Project)"
            "<-[:PARTNER_IN]-(other:Organization) WHERE other.id <> $org "
            "RETURN other.id AS id, p.code AS project ORDER BY id LIMIT 1",
            {"org": hit["org_id"]},
        )
        if partner:
            break
    else:
        pytest.fail("no top candidate works at an organization with project partners")
    task = _create(client, org_id=partner[0]["id"])
    body = _candidates(client, task["id"])
    excluded = {x["expert"]["id"]: x["reasons"] for x in body["excluded"]}
    assert hit["id"] in excluded, (hit["id"], list(excluded))
    assert any("đối tác của cơ quan đặt hàng" in r for r in excluded[hit["id"]])


def test_overloaded_experts_are_excluded_and_profiles_show_the_load(
    client: TestClient, demo_graph: Graph
) -> None:
    org = _neutral_org(demo_graph)
    task = _create(client, org_id=org)
    first = _candidates(client, task["id"])["candidates"][0]["expert"]["id"]
    limit = get_ranking().max_active_assignments
    for i in range(limit):
        other = _create(client, org_id=org, title=f"TEST tải {i}")
        response = client.post(
            f"/api/v1/tasks/{other['id']}/assignments",
            json={"expert_id": first, "role": "member", "status": "active"},
        )
        assert response.status_code == 201, response.text
        assert response.json()["status"] == "active"
    body = _candidates(client, task["id"])
    excluded = {x["expert"]["id"]: x["reasons"] for x in body["excluded"]}
    assert any(r.startswith("Quá tải") for r in excluded[first])
    profile = client.get(f"/api/v1/experts/{first}").json()
    assert profile["load"] == limit
    assert {a["title"] for a in profile["assignments"]} >= {f"TEST tải {i}" for i in range(limit)}
    search = client.get("/api/v1/experts/search", params={"q": "chè", "max_load": 0, "limit": 100}).json()
    assert first not in {r["id"] for r in search["results"]}


def test_assignment_is_updated_not_duplicated(client: TestClient, demo_graph: Graph) -> None:
    task = _create(client, org_id=_neutral_org(demo_graph))
    expert = _candidates(client, task["id"])["candidates"][0]["expert"]["id"]
    for status in ("proposed", "completed"):
        body = {"expert_id": expert, "role": "lead", "status": status}
        response = client.post(f"/api/v1/tasks/{task['id']}/assignments", json=body)
        assert response.status_code == 201
    read = client.get(f"/api/v1/tasks/{task['id']}").json()
    assert [(a["expert_id"], a["status"]) for a in read["assignments"]] == [(expert, "completed")]
    bad = client.post(f"/api/v1/tasks/{task['id']}/assignments", json={"expert_id": "NOPE"})
    assert bad.status_code == 422 and "expert_id" in bad.text
