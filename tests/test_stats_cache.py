"""Statistics are kept per data version: an import that changes anything is seen by the next request."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from fastapi.testclient import TestClient

from graph.connection import Graph
from graph.settings import Settings
from ingest.reference import load_reference
from queries.workforce_people import CACHE
from tests.conftest import api_client

HEADER = "expert_id,full_name,degree,degree_year,gender,birth_year,ethnicity,sector,district\n"
AN = "LC-90001,Lò Văn An,ThS,2015,nam,1990,Thái,AGRI_FOREST,Tam Đường\n"
BINH = "LC-90002,Giàng Thị Bình,KS,2018,nữ,1996,Mông,HEALTH,Sìn Hồ\n"


@pytest.fixture
def client(empty_graph: Graph) -> Iterator[TestClient]:
    load_reference(empty_graph, Settings().shared_data)
    with api_client(empty_graph, "admin") as c:
        yield c


def _import(client: TestClient, csv: str) -> None:
    response = client.post("/api/v1/import/experts", files={"file": ("experts.csv", csv.encode())})
    assert response.status_code == 200, response.text


def _by_degree(client: TestClient) -> dict[str, int]:
    body = client.get("/api/v1/stats/workforce?by=degree&year=2025").json()
    return {g["values"]["degree"]: g["count"] for g in body["groups"]}


def test_an_import_is_seen_by_the_next_statistics_request(client: TestClient) -> None:
    _import(client, HEADER + AN)
    assert _by_degree(client) == {"ThS": 1}
    hits = CACHE.hits
    assert _by_degree(client) == {"ThS": 1}
    assert CACHE.hits > hits  # unchanged data is answered from the snapshot
    _import(client, HEADER + AN + BINH)
    assert _by_degree(client) == {"ThS": 1, "KS": 1}
    # A changed property keeps every count the same: the data version still tells the change.
    _import(client, HEADER + AN.replace(",ThS,2015,", ",TS,2021,") + BINH)
    assert _by_degree(client) == {"TS": 1, "KS": 1}
    targets = {t["key"]: t for t in client.get("/api/v1/stats/targets?year=2025").json()["targets"]}
    assert targets["phd_2030"]["current"] == 1 and targets["master_2030"]["current"] == 0
