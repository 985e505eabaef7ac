"""Rank experts for a text: relevance (lexical, semantic, field tree) plus standing, explained.

    score = (w_lexical·lexical + w_semantic·semantic + w_field·field + w_standing·standing·gate) / Σw

Every part is in [0, 1], so the score is too. `gate` = min(1, relevance / relevance_gate), where
relevance is the first three parts' weighted mean: standing only lifts experts who match the text,
so an eminent professor of another subject never outranks the people who know it. Every result keeps
its evidence: each item's contribution is its share of the score, and they add up to it.
Ties break on the expert id, so paging is stable.
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field
from typing import Any

from graph.connection import Graph
from graph.embeddings import cached_query
from graph.schema import ACTIVE_ASSIGNMENT_STATUSES, DOCTORAL_DEGREES, MASTER_DEGREES
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
    FIELD_OF_EXPERTS,
    FIELD_ONLY_EXPERTS,
    FIELDS_BY_TEXT,
    LEXICAL_ALL,
    SEMANTIC_ALL,
    SEMANTIC_FOR_IDS,
    Signal,
    field_signal,
    field_strengths,
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


class Stages:
    """Wall time of each stage of one ranking, in ms, when the caller asks (bench/search.py)."""

    def __init__(self, sink: dict[str, float] | None) -> None:
        self.sink = sink
        self.last = time.perf_counter()

    def done(self, stage: str) -> None:
        if self.sink is not None:
            now = time.perf_counter()
            self.sink[stage] = self.sink.get(stage, 0.0) + (now - self.last) * 1000
            self.last = now


@dataclass(frozen=True)
class Relevance:
    """The candidate pool (filtered) and its relevance signals; `about`: the fields the query is
    about (named by the caller, or matched by the text at least half as well as the best match)."""

    signals: dict[str, dict[str, Signal]]
    about: list[str]
    pool: list[str]


def _relevance(
    graph: Graph,
    text: str,
    fields: list[str],
    filters: ExpertFilters,
    ranking: RankingSettings,
    year: int,
    lexical_only: bool,
    stages: Stages,
) -> Relevance:
    """Every signal from a bounded pool: top hits of each index, plus at most `field_hits` experts
    that only the field tree reaches; filters apply before any per-expert evidence is read."""
    ids = list(filters.ids) if filters.ids is not None else None
    query = lucene.build_both(text)
    found: dict[str, dict[str, Signal]] = {"lexical": {}, "semantic": {}, "field": {}}
    if query is not None:
        rows = graph.read(LEXICAL_ALL, {"q": query, "k": ranking.lexical_hits})
        found["lexical"] = roll_up("lexical", rows, ranking, year, absolute=False)
    stages.done("lexical")
    matched = {code: -1.0 for code in fields}
    if not lexical_only:
        if text.strip():
            # Case and tone-mark style carry no meaning here: "NÔNG NGHIỆP", "nông nghiệp" are one query.
            vector = list(cached_query(normalize(text).lower()[: ranking.query_embed_chars]))
            stages.done("embedding")
            if ids is not None:
                rows = graph.read(SEMANTIC_FOR_IDS, {"ids": ids, "vector": vector})
            else:
                rows = graph.read(SEMANTIC_ALL, {"vector": vector, "k": ranking.vector_hits})
            found["semantic"] = roll_up("semantic", rows, ranking, year, absolute=True)
            stages.done("semantic")
        if query is not None:
            for r in graph.read(FIELDS_BY_TEXT, {"q": query}):
                matched.setdefault(r["code"], r["score"])
    best = max(matched.values(), default=0.0)
    about = fields or sorted(c for c, score in matched.items() if score >= 0.5 * best > 0)
    pool = sorted(set(ids) if ids is not None else {e for per in found.values() for e in per})
    params = filter_params(graph, filters, ranking)
    if not filters.empty:
        pool = [r["id"] for r in graph.read(FILTER_IDS, {**params, "pool": pool})]
    stages.done("filters")
    strengths = field_strengths(matched)
    if ids is None and about and ranking.field_hits > 0:
        expand = [{"code": code, "strength": strengths[code]} for code in about]
        extra = graph.read(
            FIELD_ONLY_EXPERTS,
            {
                **params,
                **_title_degree_params(ranking),
                "fields": expand,
                "pool": pool,
                "discount": ranking.subfield_discount,
                "cap": ranking.field_hits,
            },
        )
        pool += [r["id"] for r in extra]
    if matched and pool:
        rows = graph.read(FIELD_OF_EXPERTS, {"ids": pool, "codes": sorted(matched)})
        found["field"] = field_signal(rows, strengths, ranking)
    stages.done("field")
    return Relevance(found, about, pool)


def _title_degree_params(ranking: RankingSettings) -> dict[str, Any]:
    return {
        "title_gs": ranking.title_gs,
        "title_pgs": ranking.title_pgs,
        "degree_doctor": ranking.degree_doctor,
        "degree_master": ranking.degree_master,
        "degree_other": ranking.degree_other,
        "doctoral": sorted(DOCTORAL_DEGREES),
        "master": sorted(MASTER_DEGREES),
    }


def _score(
    eid: str,
    signals: dict[str, dict[str, Signal]],
    standing: Standing | None,
    weights: dict[str, float],
    ranking: RankingSettings,
) -> tuple[dict[str, float], float]:
    """Each signal's contribution to the score, and the gate standing passed through."""
    total = sum(weights.values()) or 1.0
    parts = {name: signals[name][eid].score if eid in signals[name] else 0.0 for name in signals}
    relevance_weight = sum(weights[n] for n in parts) or 1.0
    relevance = sum(weights[n] * parts[n] for n in parts) / relevance_weight
    gate = min(1.0, relevance / ranking.relevance_gate)
    components = {n: weights[n] * parts[n] / total for n in parts}
    components["standing"] = weights["standing"] * gate * (standing.score if standing else 0.0) / total
    return components, gate


def _explain(
    card: dict[str, Any],
    signals: dict[str, dict[str, Signal]],
    standing: Standing | None,
    weights: dict[str, float],
    ranking: RankingSettings,
) -> RankedExpert:
    """The result with its explanation: built only for the experts that are returned."""
    eid = card["id"]
    components, gate = _score(eid, signals, standing, weights, ranking)
    total = sum(weights.values()) or 1.0
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


@dataclass(frozen=True)
class _Order:
    """The best candidates by exact score (rounded as shown), with their standing, best first."""

    total: int
    ranked: list[tuple[str, Standing | None]]
    signals: dict[str, dict[str, Signal]]
    weights: dict[str, float]


def _order(
    graph: Graph,
    text: str,
    fields: list[str],
    filters: ExpertFilters,
    depth: int | None,
    ranking: RankingSettings,
    lexical_only: bool,
    stages: Stages,
) -> _Order:
    """Standing needs the expert's work, so it is read best-relevance first, in chunks, until no
    remaining expert could still enter the top `depth`: standing adds at most
    w_standing x gate / Σw, and the gate is known from relevance alone. The result is exact."""
    year = reference_year(ranking)
    found = _relevance(graph, text, fields, filters, ranking, year, lexical_only, stages)
    signals = found.signals
    weights = _weights(ranking, lexical_only)
    total_weight = sum(weights.values()) or 1.0
    relevance_weight = sum(weights[n] for n in signals) or 1.0

    def relevance_part(eid: str) -> float:
        return sum(weights[n] * per[eid].score for n, per in signals.items() if eid in per) / total_weight

    def bound(eid: str) -> float:
        part = relevance_part(eid)
        gate = min(1.0, part * total_weight / relevance_weight / ranking.relevance_gate)
        return part + weights["standing"] * gate / total_weight

    order = sorted(found.pool, key=lambda eid: (-relevance_part(eid), eid))
    chunk = (depth or len(order)) + 50
    ranked: list[tuple[float, str, Standing | None]] = []
    for start in range(0, len(order), chunk):
        batch = order[start : start + chunk]
        standing = {} if lexical_only else standings(graph, batch, ranking, year, found.about or None)
        for eid in batch:
            components, _ = _score(eid, signals, standing.get(eid), weights, ranking)
            ranked.append((round(sum(components.values()), 4), eid, standing.get(eid)))
        ranked.sort(key=lambda r: (-r[0], r[1]))
        rest = start + chunk
        kth = ranked[depth - 1][0] if depth is not None and len(ranked) >= depth else None
        if kth is not None and rest < len(order) and bound(order[rest]) < kth - 1e-4:
            break
    stages.done("standing")
    top = ranked[:depth] if depth is not None else ranked
    return _Order(len(order), [(eid, st) for _, eid, st in top], signals, weights)


def _results(
    graph: Graph, order: _Order, chosen: list[tuple[str, Standing | None]], ranking: RankingSettings
) -> list[RankedExpert]:
    """Cards and explanations of the chosen experts, in one read."""
    params = {"ids": [eid for eid, _ in chosen], "active": list(ACTIVE_ASSIGNMENT_STATUSES)}
    cards = {c["id"]: c for c in graph.read(CARDS, params)}
    return [
        _explain(cards[eid], order.signals, st, order.weights, ranking) for eid, st in chosen if eid in cards
    ]


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
    keep, best first, and how many there are (the candidate pool: docs/ranking.md).

    With `filters.ids`, exactly those experts are scored (semantic relevance computed directly)."""
    ranking = ranking or get_ranking()
    order = _order(
        graph,
        text,
        list(fields or []),
        filters or ExpertFilters(),
        depth,
        ranking,
        lexical_only,
        Stages(None),
    )
    return Scored(order.total, _results(graph, order, order.ranked, ranking))


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
    timings: dict[str, float] | None = None,
) -> RankedPage:
    """One page of ranked experts; with neither text nor fields, the filtered experts by name.

    `timings`, when given, receives the milliseconds each stage took (bench/search.py)."""
    ranking = ranking or get_ranking()
    filters = filters or ExpertFilters()
    if lucene.build(text) is None and not fields and filters.ids is None:
        params = filter_params(graph, filters, ranking)
        total = graph.read(BROWSE_TOTAL, params)[0]["total"]
        cards = graph.read(BROWSE_CARDS, {**params, "offset": offset, "limit": limit})
        return RankedPage(total, [RankedExpert(c, 0.0, dict.fromkeys(SIGNALS, 0.0)) for c in cards])
    stages = Stages(timings)
    order = _order(graph, text, list(fields or []), filters, offset + limit, ranking, lexical_only, stages)
    hits = _results(graph, order, order.ranked[offset : offset + limit], ranking)
    stages.done("cards and explanation")
    return RankedPage(order.total, hits)
