"""Rank experts for a text: relevance (lexical, semantic, field tree) plus standing, explained.

    score = (w_lexical·lexical + w_semantic·semantic + w_field·field + w_standing·standing·gate) / Σw

Every part is in [0, 1], so the score is too. `gate` = min(1, relevance / relevance_gate), where
relevance is the first three parts' weighted mean: standing only lifts experts who match the text,
so an eminent professor of another subject never outranks the people who know it. Every result keeps
its evidence: each item's contribution is its share of the score, and they add up to it.
Ties break on the expert id, so paging is stable.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from graph.connection import Graph
from graph.embeddings import cached_query
from graph.settings import RankingSettings, get_ranking
from graph.text import normalize
from queries import lucene
from queries.filters import (
    BROWSE_CARDS,
    BROWSE_TOTAL,
    CARDS,
    FILTER_IDS,
    ExpertFilters,
    filter_params,
    reference_year,
)
from queries.relevance import (
    FIELD_EXPERTS,
    FIELDS_BY_TEXT,
    LEXICAL_ALL,
    SEMANTIC_ALL,
    SEMANTIC_FOR_IDS,
    Signal,
    field_signal,
    roll_up,
)
from queries.standing import Standing, standings

SIGNALS = ("lexical", "semantic", "field", "standing")
SHOWN_EVIDENCE = 10


@dataclass(frozen=True)
class Evidence:
    signal: str  # lexical | semantic | field | standing
    kind: str  # profile | project | publication | field | title
    ref: str  # expert id, project code, publication id or field code
    label: str
    detail: str | None
    contribution: float  # this item's share of the expert's score


@dataclass(frozen=True)
class RankedExpert:
    card: dict[str, Any]  # id, name, title, degree, organization, sector, place, load (filters.EXPERT_CARD)
    score: float  # 0..1
    components: dict[str, float]  # each signal's contribution to the score
    evidence: list[Evidence] = field(default_factory=list)

    @property
    def id(self) -> str:
        return str(self.card["id"])


@dataclass(frozen=True)
class RankedPage:
    total: int
    hits: list[RankedExpert]


@dataclass(frozen=True)
class Scored:
    """The best candidates that passed the filters, best first, and how many passed."""

    total: int
    ranked: list[RankedExpert]


def _weights(ranking: RankingSettings, lexical_only: bool) -> dict[str, float]:
    if lexical_only:
        return {"lexical": 1.0, "semantic": 0.0, "field": 0.0, "standing": 0.0}
    return {
        "lexical": ranking.w_lexical,
        "semantic": ranking.w_semantic,
        "field": ranking.w_field,
        "standing": ranking.w_standing,
    }


def _signals(
    graph: Graph,
    text: str,
    fields: list[str],
    ids: list[str] | None,
    ranking: RankingSettings,
    year: int,
    lexical_only: bool,
) -> tuple[dict[str, dict[str, Signal]], list[str]]:
    """The three relevance signals per expert, and the fields the query is about (named by the
    caller, or matched by the text at least half as well as the best match)."""
    query = lucene.build_both(text)
    found: dict[str, dict[str, Signal]] = {"lexical": {}, "semantic": {}, "field": {}}
    if query is not None:
        rows = graph.read(LEXICAL_ALL, {"q": query, "k": ranking.lexical_hits})
        found["lexical"] = roll_up("lexical", rows, ranking, year, absolute=False)
    if lexical_only:
        return found, fields
    if text.strip():
        # Case and tone-mark style carry no meaning here: "NÔNG NGHIỆP", "nông nghiệp" are one query.
        vector = list(cached_query(normalize(text).lower()[: ranking.query_embed_chars]))
        if ids is not None:
            rows = graph.read(SEMANTIC_FOR_IDS, {"ids": ids, "vector": vector})
        else:
            rows = graph.read(SEMANTIC_ALL, {"vector": vector, "k": ranking.vector_hits})
        found["semantic"] = roll_up("semantic", rows, ranking, year, absolute=True)
    matched = {code: -1.0 for code in fields}
    if query is not None:
        for r in graph.read(FIELDS_BY_TEXT, {"q": query}):
            matched.setdefault(r["code"], r["score"])
    if matched:
        rows = graph.read(FIELD_EXPERTS, {"fields": [{"code": c, "raw": s} for c, s in matched.items()]})
        found["field"] = field_signal(rows, ranking)
    best = max(matched.values(), default=0.0)
    about = fields or sorted(c for c, score in matched.items() if score >= 0.5 * best > 0)
    return found, about


def _combine(
    card: dict[str, Any],
    signals: dict[str, dict[str, Signal]],
    standing: Standing | None,
    weights: dict[str, float],
    ranking: RankingSettings,
) -> RankedExpert:
    eid = card["id"]
    total = sum(weights.values()) or 1.0
    parts = {name: signals[name][eid].score if eid in signals[name] else 0.0 for name in signals}
    relevance_weight = sum(weights[n] for n in parts) or 1.0
    relevance = sum(weights[n] * parts[n] for n in parts) / relevance_weight
    gate = min(1.0, relevance / ranking.relevance_gate)
    components = {n: weights[n] * parts[n] / total for n in parts}
    components["standing"] = weights["standing"] * gate * (standing.score if standing else 0.0) / total
    evidence: list[Evidence] = []
    for name, per_expert in signals.items():
        if eid in per_expert:
            scale = weights[name] / total
            evidence += [
                Evidence(name, it.kind, it.ref, it.label, it.detail, it.share * scale)
                for it in per_expert[eid].items
            ]
    if standing is not None and components["standing"] > 0:
        scale = weights["standing"] * gate / total
        evidence += [
            Evidence("standing", it.kind, it.ref, it.label, it.detail, it.share * scale)
            for it in standing.items
        ]
    evidence.sort(key=lambda ev: (-ev.contribution, ev.signal, ev.ref))
    shown = [
        Evidence(ev.signal, ev.kind, ev.ref, ev.label, ev.detail, round(ev.contribution, 4))
        for ev in evidence[:SHOWN_EVIDENCE]
        if ev.contribution > 0
    ]
    score = sum(components.values())
    return RankedExpert(card, round(score, 4), {n: round(v, 4) for n, v in components.items()}, shown)


def score_experts(
    graph: Graph,
    text: str,
    *,
    fields: list[str] | None = None,
    filters: ExpertFilters | None = None,
    depth: int | None = None,
    ranking: RankingSettings | None = None,
    lexical_only: bool = False,
) -> Scored:
    """The best `depth` (default: all) experts the text or the named fields reach and the filters
    keep, best first, and how many there are.

    Standing needs a read per expert, so it is computed best-relevance first, in chunks, until no
    remaining expert could still enter the top `depth`: standing adds at most w_standing / Σw, so
    one whose relevance part plus that is below the depth-th score cannot. The result is exact.
    With `filters.ids`, exactly those experts are scored (semantic relevance computed directly)."""
    ranking = ranking or get_ranking()
    filters = filters or ExpertFilters()
    fields = list(fields or [])
    year = reference_year(ranking)
    ids = list(filters.ids) if filters.ids is not None else None
    signals, about = _signals(graph, text, fields, ids, ranking, year, lexical_only)
    pool = sorted(set(ids) if ids is not None else {e for per in signals.values() for e in per})
    params = filter_params(graph, filters, ranking)
    if not filters.empty:
        pool = [r["id"] for r in graph.read(FILTER_IDS, {**params, "pool": pool})]
    weights = _weights(ranking, lexical_only)
    total_weight = sum(weights.values()) or 1.0

    def relevance_part(eid: str) -> float:
        return sum(weights[n] * per[eid].score for n, per in signals.items() if eid in per) / total_weight

    order = sorted(pool, key=lambda eid: (-relevance_part(eid), eid))
    most_standing = weights["standing"] / total_weight
    chunk = (depth or len(order)) + 50
    ranked: list[RankedExpert] = []
    for start in range(0, len(order), chunk):
        batch = order[start : start + chunk]
        cards = graph.read(CARDS, {"ids": batch, "active": params["active"]})
        standing = {} if lexical_only else standings(graph, batch, ranking, year, about or None)
        ranked += [_combine(c, signals, standing.get(c["id"]), weights, ranking) for c in cards]
        ranked.sort(key=lambda r: (-r.score, r.id))
        rest = start + chunk
        kth = ranked[depth - 1].score if depth is not None and len(ranked) >= depth else None
        if kth is not None and rest < len(order) and relevance_part(order[rest]) + most_standing < kth - 1e-4:
            break
    return Scored(len(order), ranked[:depth] if depth is not None else ranked)


def rank_experts(
    graph: Graph,
    text: str,
    *,
    fields: list[str] | None = None,
    filters: ExpertFilters | None = None,
    limit: int = 20,
    offset: int = 0,
    ranking: RankingSettings | None = None,
    lexical_only: bool = False,
) -> RankedPage:
    """One page of ranked experts; with neither text nor fields, the filtered experts by name."""
    ranking = ranking or get_ranking()
    filters = filters or ExpertFilters()
    if lucene.build(text) is None and not fields and filters.ids is None:
        params = filter_params(graph, filters, ranking)
        total = graph.read(BROWSE_TOTAL, params)[0]["total"]
        cards = graph.read(BROWSE_CARDS, {**params, "offset": offset, "limit": limit})
        return RankedPage(total, [RankedExpert(c, 0.0, dict.fromkeys(SIGNALS, 0.0)) for c in cards])
    scored = score_experts(
        graph,
        text,
        fields=fields,
        filters=filters,
        depth=offset + limit,
        ranking=ranking,
        lexical_only=lexical_only,
    )
    return RankedPage(scored.total, scored.ranked[offset : offset + limit])
