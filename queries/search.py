"""Expert search and task matching: the two ways users ask for experts, over one ranking.

`search_experts` takes what a user types in the search box (a few words, Vietnamese or English, with
or without diacritics) plus filters; `match_experts` takes a whole task or proposal (title and
description) with optional required fields and, optionally, the experts to score. Both rank with
`queries.ranking` (see docs/ranking.md for what the score means).
"""

from __future__ import annotations

from collections.abc import Sequence

from graph.connection import Graph
from graph.settings import RankingSettings
from queries.filters import ExpertFilters
from queries.inferred_fields import InferredField
from queries.ranking import RankedPage, rank_experts


def search_experts(
    graph: Graph,
    q: str,
    *,
    filters: ExpertFilters | None = None,
    limit: int = 20,
    offset: int = 0,
    ranking: RankingSettings | None = None,
    timings: dict[str, float] | None = None,
) -> RankedPage:
    """Ranked experts for `q`; with an empty `q`, the filtered experts in name order."""
    return rank_experts(
        graph, q, filters=filters, limit=limit, offset=offset, ranking=ranking, timings=timings
    )


def task_text(title: str, description: str | None) -> str:
    """Title first: it is the densest statement of the need, and long texts are cut at the end."""
    return f"{title.strip()}. {(description or '').strip()}".strip(". ")


def match_experts(
    graph: Graph,
    title: str,
    description: str | None = None,
    *,
    fields: Sequence[str] = (),
    candidate_ids: Sequence[str] | None = None,
    filters: ExpertFilters | None = None,
    limit: int = 20,
    offset: int = 0,
    ranking: RankingSettings | None = None,
    lexical_only: bool = False,
    timings: dict[str, float] | None = None,
    inferred: Sequence[InferredField] = (),
) -> RankedPage:
    """Experts ranked for a task text; `candidate_ids` limits (and forces) the scoring to those.

    `inferred`: fields the caller's extractor read from the text (queries/inferred_fields.py).
    `lexical_only` scores with full-text relevance alone: the baseline the quality benchmark
    compares against."""
    filters = filters or ExpertFilters()
    if candidate_ids is not None:
        filters = ExpertFilters(**{**filters.__dict__, "ids": tuple(candidate_ids)})
    return rank_experts(
        graph,
        task_text(title, description),
        fields=list(fields),
        filters=filters,
        limit=limit,
        offset=offset,
        ranking=ranking,
        lexical_only=lexical_only,
        timings=timings,
        inferred=inferred,
    )
