"""A match request with only a title and a description: fields inferred from its text, on the demo."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from fastapi.testclient import TestClient

from graph.connection import Graph
from graph.settings import get_ranking
from ingest.extract.request_fields import request_fields
from queries.inferred_fields import InferredField
from queries.ranking import score_experts
from queries.search import match_experts, task_text
from tests.conftest import api_client

# Unaccented Vietnamese, as users often type: "advice on renovating old tea gardens and on the
# roasting and drying of specialty tea". The full-text index over field names matched it to
# unrelated fields (21002, 501..) through single syllables; tea is crop science (401).
TEA_REQUEST = {
    "title": "Tu van cai tao nuong che co thu va quy trinh sao say che dac san",
    "description": "Hop tac xa muon phuc hoi cac nuong che lau nam, chuan hoa khau sao, say va dong goi "
    "de ban san pham che dac san duoc gia cao hon.",
    "limit": 10,
}


@pytest.fixture
def client(demo_graph: Graph) -> Iterator[TestClient]:
    with api_client(demo_graph, "admin") as c:
        yield c


def _field_refs(result: dict[str, Any]) -> set[str]:
    return {ev["ref"] for ev in result["evidence"] if ev["signal"] == "field"}


def test_request_fields_reads_unaccented_vietnamese(demo_graph: Graph) -> None:
    links = request_fields(demo_graph, f"{TEA_REQUEST['title']}. {TEA_REQUEST['description']}")
    assert links and links[0].code.startswith("401"), links
    assert all(0 < link.confidence <= 1 for link in links)
    assert request_fields(demo_graph, "   ") == []


def test_text_only_match_ranks_by_the_inferred_field(client: TestClient) -> None:
    response = client.post("/api/v1/experts/match", json=TEA_REQUEST)
    assert response.status_code == 200, response.text
    results = response.json()["results"]
    in_crops = [r for r in results if any(ref.startswith("401") for ref in _field_refs(r))]
    assert len(in_crops) >= 7, [(r["id"], _field_refs(r)) for r in results]


def test_inferred_fields_count_less_than_named_ones(client: TestClient) -> None:
    ranking = get_ranking()
    guessed = ranking.inferred_field_weight
    total = ranking.w_lexical + ranking.w_semantic + ranking.w_field + guessed * ranking.w_standing
    inferred = client.post("/api/v1/experts/match", json=TEA_REQUEST).json()["results"]
    for r in inferred:
        assert r["components"]["field"] <= guessed * ranking.w_field / total + 1e-3, r["components"]
        assert r["components"]["standing"] <= guessed * ranking.w_standing / total + 1e-3
    named = client.post("/api/v1/experts/match", json={**TEA_REQUEST, "fields": ["40105"]}).json()
    top = named["results"][0]
    # A named field is the user's word: it counts fully and no guess is mixed in.
    assert top["components"]["field"] > guessed * ranking.w_field / total + 1e-3
    assert all("401" not in _field_refs(r) for r in named["results"])


def test_the_pruned_pool_keeps_the_page_with_inferred_fields(demo_graph: Graph) -> None:
    """Inferred fields scale standing's weight; the pool statement must prune with that same weight,
    or experts that belong on the page could be dropped."""
    text = task_text(TEA_REQUEST["title"], TEA_REQUEST["description"])
    inferred = [InferredField(link.code, link.confidence) for link in request_fields(demo_graph, text)]
    assert inferred
    everyone = score_experts(demo_graph, text, inferred=inferred)
    page = match_experts(
        demo_graph, TEA_REQUEST["title"], TEA_REQUEST["description"], limit=20, inferred=inferred
    )
    assert [(h.id, h.score) for h in page.hits] == [(h.id, h.score) for h in everyone.ranked[:20]]
    assert page.total == everyone.total
