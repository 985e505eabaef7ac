"""The bounded candidate pool (queries/ranking.py): filters, paging and the field-tree-only experts.

Ranking reads a bounded pool (top hits of each index, filtered before any evidence is read) and adds
experts that only the field tree reaches when the page needs them. These tests check that what the
user sees is the same as ranking everything and filtering afterwards, on the demo.
"""

from __future__ import annotations

from typing import LiteralString

from graph.connection import Graph
from graph.settings import get_ranking
from queries.filters import ExpertFilters
from queries.ranking import score_experts
from queries.search import match_experts, search_experts

FIELD_TREE_OF: LiteralString = (
    "UNWIND $ids AS id MATCH (e:Expert {id: id}) RETURN id, "
    "EXISTS { (e)-[:HAS_EXPERTISE]->(:Field)-[:SUBFIELD_OF*0..3]->(:Field {code: $code}) } AS holds"
)


def test_a_filtered_page_is_the_unfiltered_ranking_filtered(demo_graph: Graph) -> None:
    everyone = search_experts(demo_graph, "nông nghiệp", limit=100).hits
    women = [h for h in everyone if h.card["gender"] == "F"]
    assert len(women) >= 10
    page = search_experts(demo_graph, "nông nghiệp", filters=ExpertFilters(gender="F"), limit=10)
    assert [h.id for h in page.hits] == [h.id for h in women[:10]]
    assert [h.score for h in page.hits] == [h.score for h in women[:10]]
    assert page.total >= len(women)


def test_pages_put_together_are_the_one_long_page(demo_graph: Graph) -> None:
    # Deep pages reach experts that only the field tree finds; earlier pages must not move.
    for q in ("lúa", "giáo dục vùng cao"):
        whole = search_experts(demo_graph, q, limit=90)
        pages = [search_experts(demo_graph, q, limit=15, offset=o) for o in range(0, 90, 15)]
        joined = [h.id for p in pages for h in p.hits]
        assert joined == [h.id for h in whole.hits], q
        assert len(set(joined)) == len(joined)
        scores = [h.score for p in pages for h in p.hits]
        assert scores == sorted(scores, reverse=True)


def test_the_total_does_not_depend_on_the_page_depth(demo_graph: Graph) -> None:
    """The first page and a 1,000-row export announce the same total, and the export holds that
    many (the page once counted only the pool, the export also the field-tree-only experts)."""
    for q, filters in (("nông nghiệp", ExpertFilters()), ("lúa", ExpertFilters(gender="F"))):
        first = search_experts(demo_graph, q, filters=filters, limit=10)
        deep = search_experts(demo_graph, q, filters=filters, limit=1000)
        assert first.total == deep.total == len(deep.hits), q


def test_named_field_reaches_experts_no_text_finds(demo_graph: Graph) -> None:
    # A floor no cosine reaches: neither words nor meaning find anyone, only the named field.
    ranking = get_ranking().model_copy(update={"semantic_floor": 0.999})
    page = match_experts(demo_graph, "qqqxxzz", fields=["401"], limit=10, ranking=ranking)
    assert page.hits and 0 < page.total <= ranking.field_hits
    rows = demo_graph.read(FIELD_TREE_OF, {"ids": [h.id for h in page.hits], "code": "401"})
    assert all(r["holds"] for r in rows)
    assert all(h.components["field"] > 0 and h.components["lexical"] == 0 for h in page.hits)
    assert all(any(ev.signal == "field" for ev in h.evidence) for h in page.hits)


def test_field_tree_experts_come_filtered_and_capped(demo_graph: Graph) -> None:
    ranking = get_ranking().model_copy(update={"field_hits": 7, "semantic_floor": 0.999})
    page = match_experts(
        demo_graph,
        "qqqxxzz",
        fields=["401"],
        filters=ExpertFilters(gender="M"),
        limit=20,
        ranking=ranking,
    )
    assert page.total == 7 and len(page.hits) == 7
    assert all(h.card["gender"] == "M" for h in page.hits)


def test_max_load_keeps_experts_with_at_most_that_many_active_tasks(empty_graph: Graph) -> None:
    empty_graph.write(
        "CREATE (a:Expert {id: 'T-A', name: 'A', name_key: 'a'}), (b:Expert {id: 'T-B', name: 'B', "
        "name_key: 'b'}), (t1:Task {id: 'T-1'}), (t2:Task {id: 'T-2'}), (t3:Task {id: 'T-3'}) "
        "CREATE (a)-[:ASSIGNED_TO {status: 'active'}]->(t1), (a)-[:ASSIGNED_TO {status: 'proposed'}]->(t2), "
        "(a)-[:ASSIGNED_TO {status: 'done'}]->(t3), (b)-[:ASSIGNED_TO {status: 'active'}]->(t3)"
    )
    for max_load, expected in ((0, set()), (1, {"T-B"}), (2, {"T-A", "T-B"})):
        browse = search_experts(empty_graph, "", filters=ExpertFilters(max_load=max_load), limit=10)
        assert {h.id for h in browse.hits} == expected and browse.total == len(expected)
        ranked = match_experts(
            empty_graph, "x", filters=ExpertFilters(max_load=max_load), candidate_ids=["T-A", "T-B"]
        )
        assert {h.id for h in ranked.hits} == expected


def test_the_pruned_pool_gives_the_page_of_ranking_every_candidate(demo_graph: Graph) -> None:
    """The pool statement returns only the experts whose score bounds can reach the page
    (queries/pool.py); ranking every candidate (no depth) must give the same first page, scores and
    total, filtered or not."""
    cases = (
        ("nông nghiệp", ExpertFilters()),
        ("tea", ExpertFilters()),
        ("sạt lở đất", ExpertFilters(gender="F")),
        ("chè Shan tuyết", ExpertFilters(sector="AGRI_FOREST")),
    )
    for q, filters in cases:
        everyone = score_experts(demo_graph, q, filters=filters)
        page = search_experts(demo_graph, q, filters=filters, limit=20)
        assert [(h.id, h.score) for h in page.hits] == [(h.id, h.score) for h in everyone.ranked[:20]], q
        assert [h.evidence for h in page.hits] == [h.evidence for h in everyone.ranked[:20]], q
        assert page.total == everyone.total == len(everyone.ranked), q
