"""Affinity between experts and a proposal: the one place councils and reviewer assignment ask it.

Today it is the expert search score for the proposal's text (`queries.search`, in [0, 1]), blended
with the share of the proposal's fields the expert holds (directly or through a subfield). When the
issue-5 match ranker lands, only `_text_scores` changes.
"""

from __future__ import annotations

from typing import LiteralString

from graph.connection import Graph
from graph.settings import get_ranking
from queries.search import search_experts

# Weight of the text score; the rest is field coverage (only when the proposal names fields).
TEXT_WEIGHT = 0.75
SEARCH_DEPTH = 2000

FIELD_COVERAGE: LiteralString = """
UNWIND $fields AS code
MATCH (f:Field {code: code})<-[:SUBFIELD_OF*0..2]-(:Field)<-[:HAS_EXPERTISE]-(e:Expert)
WHERE $ids IS NULL OR e.id IN $ids
RETURN e.id AS expert_id, count(DISTINCT code) AS covered
"""


def _text_scores(graph: Graph, text: str) -> dict[str, float]:
    # Search caps the experts only the field tree reaches (`field_hits`) to keep a results page
    # fast; an affinity must score every expert of the proposal's fields, as the batch does.
    ranking = get_ranking().model_copy(update={"field_hits": SEARCH_DEPTH})
    page = search_experts(graph, text, limit=SEARCH_DEPTH, ranking=ranking)
    return {hit.id: hit.score for hit in page.hits}


def field_coverage(graph: Graph, field_codes: list[str], ids: list[str] | None) -> dict[str, float]:
    """Share of `field_codes` each expert holds, in [0, 1] (a subfield of a code counts for it)."""
    if not field_codes:
        return {}
    rows = graph.read(FIELD_COVERAGE, {"fields": sorted(set(field_codes)), "ids": ids})
    return {r["expert_id"]: r["covered"] / len(set(field_codes)) for r in rows}


def affinity(
    graph: Graph,
    text: str,
    field_codes: list[str],
    candidate_ids: list[str] | None = None,
    limit: int | None = None,
) -> dict[str, float]:
    """Expert id -> affinity in [0, 1] (1 = the best possible match), best first, ties by id.

    Experts with no evidence at all are left out (their affinity is 0). `candidate_ids` restricts
    the answer; `limit` keeps the best ones.
    """
    text_scores = _text_scores(graph, text) if text.strip() else {}
    fields = field_coverage(graph, field_codes, candidate_ids)
    text_weight = TEXT_WEIGHT if field_codes else 1.0
    allowed = None if candidate_ids is None else set(candidate_ids)
    scores: dict[str, float] = {}
    for expert_id in text_scores.keys() | fields.keys():
        if allowed is not None and expert_id not in allowed:
            continue
        value = text_weight * text_scores.get(expert_id, 0.0) + (1 - text_weight) * fields.get(expert_id, 0.0)
        if value > 0:
            scores[expert_id] = round(value, 4)
    ranked = sorted(scores.items(), key=lambda item: (-item[1], item[0]))
    return dict(ranked[:limit] if limit is not None else ranked)
