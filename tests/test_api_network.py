"""The network API on the Lai Châu demo: JSON, pictures, exports and errors."""

from __future__ import annotations

import io
import xml.etree.ElementTree as ET
from collections.abc import Iterator

import networkx as nx
import pytest
from fastapi.testclient import TestClient

from graph.connection import Graph
from tests.conftest import api_client

BASE = "/api/v1/network"


@pytest.fixture(scope="module")
def client(demo: object) -> Iterator[TestClient]:
    graph: Graph = demo.runtime.graph  # type: ignore[attr-defined]
    with api_client(graph, "admin") as c:
        yield c


def test_summary_of_each_projection(client: TestClient) -> None:
    for projection in ("expert", "organization", "expert_organization", "sector"):
        body = client.get(f"{BASE}/summary", params={"projection": projection}).json()
        assert body["projection"] == projection and body["nodes"] > 0, body
    experts = client.get(f"{BASE}/summary").json()
    assert experts["nodes"] == 1500 and experts["edges"] > 1000
    assert experts["top_betweenness"] and experts["graph_version"].startswith("v")


def test_filters_without_diacritics_match_with_them(client: TestClient) -> None:
    plain = client.get(f"{BASE}/summary", params={"sector": "nong nghiep", "province": "lai chau"}).json()
    marked = client.get(f"{BASE}/summary", params={"sector": "Nông nghiệp", "province": "Lai Châu"}).json()
    assert plain == marked
    assert 0 < plain["nodes"] < 1500


def test_communities_brokers_gaps_suggestions(client: TestClient) -> None:
    found = client.get(f"{BASE}/communities").json()
    assert found["communities"][0]["size"] >= found["communities"][-1]["size"]
    assert found["communities"][0]["main_fields"] and found["communities"][0]["main_organizations"]
    brokers = client.get(f"{BASE}/brokers").json()["brokers"]
    assert brokers and brokers[0]["node"]["kind"] == "organization"
    gaps = client.get(f"{BASE}/gaps").json()
    assert gaps["enterprises_without_research_partner"]
    assert gaps["intellectuals_without_collaborator"] > 0
    suggestions = client.get(f"{BASE}/suggestions", params={"limit": 5}).json()["suggestions"]
    assert len(suggestions) == 5 and all(s["reason"].startswith("Có ") for s in suggestions)


def test_ego_json_and_picture(client: TestClient) -> None:
    body = client.get(f"{BASE}/ego/LC-00001", params={"depth": 2}).json()
    assert body["center"] == "LC-00001" and body["nodes"][0]["distance"] == 0
    picture = client.get(f"{BASE}/ego/LC-00001.svg")
    assert picture.headers["content-type"].startswith("image/svg+xml")
    root = ET.fromstring(picture.content)
    texts = "".join(t.text or "" for t in root.iter("{http://www.w3.org/2000/svg}text"))
    assert "Mạng lưới cộng tác của" in texts and body["nodes"][0]["name"] in texts
    communities = client.get(f"{BASE}/communities.svg")
    assert "Cộng đồng 0" in communities.text
    ET.fromstring(communities.content)


def test_exports(client: TestClient) -> None:
    response = client.get(f"{BASE}/export.graphml", params={"projection": "organization"})
    g = nx.read_graphml(io.BytesIO(response.content))
    summary = client.get(f"{BASE}/summary", params={"projection": "organization"}).json()
    assert (g.number_of_nodes(), g.number_of_edges()) == (summary["nodes"], summary["edges"])
    assert "attachment" in response.headers["content-disposition"]
    gexf = client.get(f"{BASE}/export.gexf", params={"projection": "organization"})
    assert nx.read_gexf(io.BytesIO(gexf.content)).number_of_nodes() == summary["nodes"]
    csv_body = client.get(f"{BASE}/export.csv", params={"projection": "organization", "table": "nodes"})
    assert csv_body.content.startswith(b"\xef\xbb\xbf") and "Lai Châu" in csv_body.content.decode("utf-8-sig")


def test_errors_name_the_problem(client: TestClient) -> None:
    bad = client.get(f"{BASE}/summary", params={"sector": "bóng đá"})
    assert bad.status_code == 422 and "sector" in bad.json()["detail"]
    assert client.get(f"{BASE}/ego/NO-SUCH-ID").status_code == 404
    assert client.get(f"{BASE}/ego/LC-00001", params={"depth": 9}).status_code == 422
