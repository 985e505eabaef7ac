"""Shortages also weigh the fields that commissioning tasks and submitted proposals need (issue 8)."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from fastapi.testclient import TestClient

from graph.connection import Graph
from graph.settings import Settings
from ingest.reference import load_reference
from tests.conftest import api_client

ORGS = "org_id,name,kind,province\nLC-SKHCN,Sở Khoa học và Công nghệ,Cơ quan nhà nước,Lai Châu\n"
EXPERTS = "expert_id,full_name,degree,gender,birth_year,fields\nLC-90001,Lò Văn An,TS,nam,1980,10201\n"
PROPOSALS = "proposal_code,title,fields\nDX-2026-01,Ứng dụng trí tuệ nhân tạo trong y tế,10201;30201\n"


@pytest.fixture
def client(empty_graph: Graph) -> Iterator[TestClient]:
    load_reference(empty_graph, Settings().shared_data)
    with api_client(empty_graph, "admin") as c:
        for name, text in (("organizations", ORGS), ("experts", EXPERTS), ("proposals", PROPOSALS)):
            r = c.post(f"/api/v1/import/{name}", files={"file": (f"{name}.csv", text.encode())})
            assert r.status_code == 200, r.text
        yield c


def test_fields_needed_by_tasks_and_proposals_are_weighed_against_the_experts(client: TestClient) -> None:
    task = {
        "kind": "consultancy",
        "title": "Tư vấn nam học",
        "required_fields": ["30201"],
        "org_id": "LC-SKHCN",
    }
    created = client.post("/api/v1/tasks", json=task)
    assert created.status_code in (200, 201), created.text
    task_id = created.json()["id"]
    rows = {
        r["key"]: r for r in client.get("/api/v1/stats/shortages").json() if r["source"] == "tasks_proposals"
    }
    assert rows["30201"]["experts"] == 0 and rows["30201"]["status"] == "không có"
    assert rows["30201"]["projects"] == sorted(["DX-2026-01", task_id])
    assert rows["10201"]["experts"] == 1 and rows["10201"]["leading"] == 1
    assert rows["10201"]["projects"] == ["DX-2026-01"]
    csv = client.get("/api/v1/stats/shortages?format=csv").content.decode("utf-8-sig")
    assert "Nhiệm vụ đặt hàng, hồ sơ đề xuất" in csv
