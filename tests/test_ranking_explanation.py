"""The explanation of a page is built from the pool statement's own hits (queries/pool.py returns
each candidate's items; queries/relevance.EVIDENCE_LABELS reads only their labels). These tests check
on the demo that every lexical and semantic evidence item is the expert's real work, labelled and
detailed as the graph holds it, and that the explanation still adds up to the components."""

from __future__ import annotations

from typing import Any, LiteralString

import pytest

from graph.connection import Graph
from queries.filters import ExpertFilters
from queries.ranking import RankedExpert
from queries.search import match_experts, search_experts

PROJECT_OF: LiteralString = """
MATCH (e:Expert {id: $eid})-[m:MEMBER_OF]->(p:Project {code: $code})
RETURN p.title AS title, m.role AS role, p.level AS level
"""
PUBLICATION_OF: LiteralString = """
MATCH (e:Expert {id: $eid})-[:AUTHORED]->(w:Publication {id: $wid})
RETURN w.title AS title, w.year AS year
"""
PROFILE_OF: LiteralString = """
MATCH (e:Expert {id: $eid})
RETURN e.name AS name, e.topics_text AS topics, e.position AS position
"""


def _first(*values: Any) -> Any:
    return next((v for v in values if v is not None), None)


def _check_items(graph: Graph, page_hits: list[RankedExpert]) -> int:
    checked = 0
    for hit in page_hits:
        for ev in hit.evidence:
            if ev.signal not in ("lexical", "semantic"):
                continue
            checked += 1
            if ev.kind == "project":
                rows = graph.read(PROJECT_OF, {"eid": hit.id, "code": ev.ref})
                assert rows, (hit.id, ev.ref)
                assert ev.label == rows[0]["title"]
                assert ev.detail == f"{rows[0]['role']} / {rows[0]['level'] or '?'}"
            elif ev.kind == "publication":
                rows = graph.read(PUBLICATION_OF, {"eid": hit.id, "wid": ev.ref})
                assert rows, (hit.id, ev.ref)
                assert ev.label == rows[0]["title"]
                assert ev.detail == (str(rows[0]["year"]) if rows[0]["year"] is not None else None)
            else:
                assert ev.kind == "profile" and ev.ref == hit.id
                row = graph.read(PROFILE_OF, {"eid": hit.id})[0]
                if ev.signal == "lexical":
                    expected = _first(row["topics"], row["name"])
                else:
                    expected = _first(row["topics"], row["position"], row["name"])
                assert ev.label == (expected or "")
    return checked


@pytest.mark.parametrize("q", ["chè Shan tuyết", "nong nghiep", "landslide", "giáo dục song ngữ"])
def test_search_evidence_is_the_experts_own_work(demo_graph: Graph, q: str) -> None:
    page = search_experts(demo_graph, q, limit=20)
    assert page.hits
    assert _check_items(demo_graph, page.hits) > 0
    for hit in page.hits:
        # Shown items never claim more than the signal gave.
        for signal in ("lexical", "semantic"):
            shown = sum(ev.contribution for ev in hit.evidence if ev.signal == signal)
            assert shown <= hit.components[signal] + 1e-3


def test_filtered_deep_and_named_candidates_are_explained_the_same_way(demo_graph: Graph) -> None:
    deep = search_experts(demo_graph, "cá tầm", offset=20, limit=20)
    women = search_experts(demo_graph, "cá tầm", filters=ExpertFilters(gender="F"))
    assert _check_items(demo_graph, deep.hits + women.hits) > 0
    ids = [h.id for h in search_experts(demo_graph, "chè", limit=6).hits]
    named = match_experts(
        demo_graph, "Phản biện đề án phát triển vùng chè", "chè Shan tuyết, chế biến", candidate_ids=ids
    )
    assert {h.id for h in named.hits} <= set(ids)
    assert _check_items(demo_graph, named.hits) > 0
