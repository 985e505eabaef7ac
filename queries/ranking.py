"""Rank experts for a text: relevance (lexical, semantic, field tree) plus standing, explained.

    score = (w_lexical·lexical + w_semantic·semantic + w_field·field + w_standing·standing·gate) / Σw

Every part is in [0, 1], so the score is too. `gate` = min(1, relevance / relevance_gate), where
relevance is the first three parts' weighted mean: standing only lifts experts who match the text,
so an eminent professor of another subject never outranks the people who know it. Every result keeps
its evidence: each item's contribution is its share of the score, and they add up to it.
Ties break on the expert id, so paging is stable.
"""

from __future__ import annotations

import math
import time
from collections.abc import Sequence
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass, field
from typing import Any

from graph.connection import Graph, Statement, packed
from graph.embeddings import cached_query
from graph.schema import ACTIVE_ASSIGNMENT_STATUSES, DOCTORAL_DEGREES, MASTER_DEGREES
from graph.settings import RankingSettings, get_ranking
from graph.text import normalize
from queries import lucene
from queries.filters import (
    BROWSE_CARDS,
    BROWSE_TOTAL,
    CARDS,
    ExpertFilters,
    filter_params,
    reference_year,
)
from queries.inferred_fields import InferredField, inferred_strengths, standing_scale, with_inferred
from queries.pool import FIELD_SIDE_MAX, POOL_STATEMENTS, bounds_param
from queries.relevance import (
    EVIDENCE_LABELS,
    FIELD_ONLY_SCORES,
    FIELD_ROWS,
    FIELD_TREE,
    FIELDS_AND_TREE,
    Signal,
    embedding_text,
    field_signal,
    field_strengths,
    item_rows,
    label_params,
    roll_up,
    scores_of,
    subfield_strengths,
    weights_param,
)
from queries.standing import Standing, standings
from queries.standing import ceiling as standing_ceiling

SIGNALS = ("lexical", "semantic", "field", "standing")
SHOWN_EVIDENCE = 10

# The page's cards and the item rows behind its explanation, each collected into one record
# (graph.connection.packed): a few hundred rows per page, each costing the driver more than its data.
_CARDS = packed(
    CARDS,
    "id, name, academic_title, degree, gender, birth_year, ethnic_minority, district, org_id, "
    "organization, province, in_province, sector, sector_name, load",
)
_FIELD_ROWS = packed(FIELD_ROWS, "expert_id, ref, label, sub, depth, confidence")


@dataclass(frozen=True)
class Evidence:
    signal: str  # lexical | semantic | field | standing
    kind: str  # profile | project | publication | field | title | patent | award
    ref: str  # expert id, project code, publication id, field code, patent or award id
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
    """The candidate pool (filtered) and each signal's score per expert, with what it takes to
    widen the pool through the field tree and to rebuild the items behind the scores for the
    experts shown; `about`: the fields the query is about (named by the caller, or matched by the
    text at least half as well as the best match)."""

    scores: dict[str, dict[str, float]]  # of the candidates
    about: list[str]
    candidates: list[str]  # the pool's experts that can reach the top `depth`
    total: int  # the size of the (filtered) pool
    pool: list[str] | None  # every expert of the pool, when the field tree may add experts to the page
    items: dict[str, list[list[Any]]]  # per candidate, [signal, kind, ref, strength] of their hits
    query: str | None
    vector: list[float] | None
    strengths: dict[str, float]  # query field -> strength
    subs: dict[str, dict[str, float]]  # subfield -> {query field: strength}
    expand: list[str]  # fields whose experts may join the pool through the tree alone
    params: dict[str, Any]  # the filters
    ids_mode: bool
    about_subs: list[str] | None  # `about` with every subfield; None: all work counts for standing
    ceilings: dict[str, float]  # the most standing each candidate could have (standing.ceiling)
    standing_scale: float = 1.0  # below 1 when `about` was inferred (queries/inferred_fields.py)


# The query is embedded in this thread while the full-text statements run in the server.
_EMBEDDER = ThreadPoolExecutor(max_workers=1, thread_name_prefix="query-embedding")


def _embed_query(graph: Graph, text: str, query: str | None, chars: int) -> tuple[float, ...]:
    """The query's vector, in the embedding thread: restoring an unmarked query's tone marks
    ("nong nghiep" → "nông nghiệp") reads the graph, and that read overlaps the full-text one too.
    Case and tone-mark style carry no meaning here: "NÔNG NGHIỆP", "nông nghiệp" are one query."""
    return cached_query(normalize(embedding_text(graph, text, query)).lower()[:chars])


def _start_embedding(
    graph: Graph, text: str, ranking: RankingSettings, lexical_only: bool
) -> Future[tuple[float, ...]] | None:
    """The query's vector, started before the ranking's transaction opens: the embedding thread reads
    the graph in a session of its own (a transaction is not shared across threads)."""
    if lexical_only or not text.strip():
        return None
    return _EMBEDDER.submit(_embed_query, graph, text, lucene.build_both(text), ranking.query_embed_chars)


def _relevance(
    graph: Graph,
    text: str,
    fields: list[str],
    filters: ExpertFilters,
    ranking: RankingSettings,
    year: int,
    lexical_only: bool,
    depth: int | None,
    stages: Stages,
    pending: Future[tuple[float, ...]] | None,
    inferred: Sequence[InferredField] = (),
) -> Relevance:
    """Every signal from a bounded pool: the top hits of each index; filters apply here, before
    any per-expert evidence is read. Only the candidates that can reach the top `depth` come back
    (queries/pool.py)."""
    ids = list(filters.ids) if filters.ids is not None else None
    guessed = {} if lexical_only else inferred_strengths(inferred, ranking)
    tree_codes = fields + sorted(set(guessed) - set(fields))
    query = lucene.build_both(text)
    w = weights_param(ranking, year)
    tree: list[dict[str, Any]] = []
    if not lexical_only:
        if query is not None:
            tree = graph.read(FIELDS_AND_TREE, {"q": query, "named": tree_codes})
        elif tree_codes:
            tree = graph.read(FIELD_TREE, {"codes": tree_codes})
    matched = {code: -1.0 for code in fields}
    if tree and "matched" in tree[0]:
        for code, score in zip(tree[0]["matched"], tree[0]["scores"], strict=True):
            matched.setdefault(code, score)
    stages.done("fields")
    vector = list(pending.result()) if pending is not None else None
    stages.done("embedding (wait)")
    best = max(matched.values(), default=0.0)
    about = fields or sorted(c for c, score in matched.items() if score >= 0.5 * best > 0)
    strengths = field_strengths(matched) if not lexical_only else {}
    strengths, about = with_inferred(strengths, about, fields, guessed)
    subs = subfield_strengths(tree, strengths, ranking)
    expand = about if ids is None and subs and ranking.field_hits > 0 else []
    params = filter_params(graph, filters, ranking)
    semantic = None if vector is None else ("ids" if ids is not None else "index")
    # (`holders`: how many expertise links the query's subfields have, counted by FIELD_TREE.)
    holders = int(tree[0]["holders"] or 0) if tree else 0
    field_side = ids is None and holders <= FIELD_SIDE_MAX
    # The pool prunes with the same weights `_order` scores with, standing's scale included.
    scale = standing_scale(fields, guessed, ranking)
    weights = _weights(ranking, lexical_only)
    weights["standing"] *= scale
    row = graph.read(
        POOL_STATEMENTS[(query is not None, semantic, field_side)],
        {
            **params,
            "q": query,
            "k": ranking.lexical_hits,
            "vector": vector,
            "kv": ranking.vector_hits,
            "w": w,
            "subs": subs,
            "sub_codes": sorted(subs),
            "td": _title_degree_param(ranking),
            "b": bounds_param(weights, ranking, strengths),
            "depth": depth,
            "expand": expand,
            "cap": ranking.field_hits,
        },
    )[0]
    scores: dict[str, dict[str, float]] = {
        name: {eid: score for eid, score in zip(row["ids"], row[name], strict=True) if score > 0}
        for name in ("lexical", "semantic", "field")
    }
    tds = zip(row["ids"], row["title_degree"], strict=True)
    ceilings = {eid: standing_ceiling(td, ranking) for eid, td in tds}
    stages.done("pool")
    about_subs = sorted({sub for sub, codes in subs.items() if any(c in about for c in codes)})
    return Relevance(
        scores,
        about,
        list(row["ids"]),
        row["total"],
        row["pool"],
        dict(zip(row["ids"], row["items"], strict=True)),
        query,
        vector,
        strengths,
        subs,
        expand,
        params,
        ids is not None,
        about_subs if about else None,
        ceilings,
        scale,
    )


def _ceilings(rows: list[dict[str, Any]], ranking: RankingSettings) -> dict[str, float]:
    """Each expert's standing ceiling from the hints of FIELD_ONLY_SCORES."""
    if not rows:
        return {}
    r = rows[0]
    return {eid: standing_ceiling(td, ranking) for eid, td in zip(r["ids"], r["title_degree"], strict=True)}


def _field_only(
    graph: Graph, rel: Relevance, ranking: RankingSettings
) -> tuple[dict[str, float], dict[str, float]]:
    """Up to `field_hits` experts outside the pool that the field tree reaches, with their field
    relevance and standing ceilings (the pool statement counted them in the total)."""
    if rel.pool is None:
        raise AssertionError("the pool statement judged the field tree's experts unreachable")
    rows = graph.read(
        FIELD_ONLY_SCORES,
        {
            **rel.params,
            "expand": rel.expand,
            "pool": rel.pool,
            "strengths": rel.strengths,
            "discount": ranking.subfield_discount,
            "cap": ranking.field_hits,
            "td": _title_degree_param(ranking),
            "subs": rel.subs,
            "sub_codes": sorted(rel.subs),
        },
    )
    return scores_of(rows), _ceilings(rows, ranking)


def _signals_of(
    graph: Graph, rel: Relevance, chosen: list[str], ranking: RankingSettings
) -> tuple[dict[str, dict[str, Any]], dict[str, dict[str, Signal]]]:
    """Cards of the chosen experts and the items behind their signals, in one transaction: the
    lexical and semantic items are the pool statement's, so only their labels are read."""
    items = {eid: rel.items.get(eid, []) for eid in chosen}
    statements: list[tuple[Statement, dict[str, Any]]] = [
        (_CARDS, {"ids": chosen, "active": list(ACTIVE_ASSIGNMENT_STATUSES)}),
        (EVIDENCE_LABELS, label_params(items)),
    ]
    if rel.strengths:
        statements.append((_FIELD_ROWS, {"ids": chosen, "codes": sorted(rel.strengths)}))
    results = graph.read_many(statements)
    cards = {c["id"]: c for c in results[0]}
    rows = item_rows(items, results[1][0], ranking)
    signals: dict[str, dict[str, Signal]] = {
        name: roll_up(name, rows[name], ranking) for name in ("lexical", "semantic")
    }
    signals["field"] = field_signal(results[2], rel.strengths, ranking) if rel.strengths else {}
    return cards, signals


def _title_degree_param(ranking: RankingSettings) -> dict[str, Any]:
    """`$td` of the pool statement and FIELD_ONLY_SCORES: standing's title and degree part, which
    orders field-only experts."""
    return {
        "gs": ranking.title_gs,
        "pgs": ranking.title_pgs,
        "doctor": ranking.degree_doctor,
        "master_degree": ranking.degree_master,
        "other": ranking.degree_other,
        "doctoral": sorted(DOCTORAL_DEGREES),
        "master": sorted(MASTER_DEGREES),
    }


def _score(
    eid: str,
    scores: dict[str, dict[str, float]],
    standing: Standing | None,
    weights: dict[str, float],
    ranking: RankingSettings,
) -> tuple[dict[str, float], float]:
    """Each signal's contribution to the score, and the gate standing passed through."""
    total = sum(weights.values()) or 1.0
    parts = {name: per.get(eid, 0.0) for name, per in scores.items()}
    relevance_weight = sum(weights[n] for n in parts) or 1.0
    relevance = sum(weights[n] * parts[n] for n in parts) / relevance_weight
    gate = min(1.0, relevance / ranking.relevance_gate)
    components = {n: weights[n] * parts[n] / total for n in parts}
    components["standing"] = weights["standing"] * gate * (standing.score if standing else 0.0) / total
    return components, gate


def _explain(
    card: dict[str, Any],
    scores: dict[str, dict[str, float]],
    signals: dict[str, dict[str, Signal]],
    standing: Standing | None,
    weights: dict[str, float],
    ranking: RankingSettings,
) -> RankedExpert:
    """The result with its explanation: built only for the experts that are returned."""
    eid = card["id"]
    components, gate = _score(eid, scores, standing, weights, ranking)
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
    relevance: Relevance
    weights: dict[str, float]
    year: int


def _order(
    graph: Graph,
    text: str,
    fields: list[str],
    filters: ExpertFilters,
    depth: int | None,
    ranking: RankingSettings,
    lexical_only: bool,
    stages: Stages,
    pending: Future[tuple[float, ...]] | None,
    inferred: Sequence[InferredField] = (),
) -> _Order:
    """Standing needs the expert's work, so it is read best-relevance first, in chunks, until no
    remaining expert could still enter the top `depth`: standing adds at most
    w_standing x gate / Σw, and the gate is known from relevance alone. Experts that only the field
    tree reaches score at most `field_only_ceiling`; they are read (up to `field_hits`) only when
    the page's last score is not above that. Within the pool, the result is exact."""
    year = reference_year(ranking)
    rel = _relevance(
        graph, text, fields, filters, ranking, year, lexical_only, depth, stages, pending, inferred
    )
    scores = rel.scores
    weights = _weights(ranking, lexical_only)
    weights["standing"] *= rel.standing_scale
    total_weight = sum(weights.values()) or 1.0
    relevance_weight = sum(weights[n] for n in scores) or 1.0

    def relevance_part(eid: str) -> float:
        return sum(weights[n] * per.get(eid, 0.0) for n, per in scores.items()) / total_weight

    def ceiling(part: float, most_standing: float = 1.0) -> float:
        gate = min(1.0, part * total_weight / relevance_weight / ranking.relevance_gate)
        return part + weights["standing"] * gate * most_standing / total_weight

    def expert_ceiling(eid: str) -> float:
        return ceiling(relevance_part(eid), rel.ceilings.get(eid, 1.0))

    ranked: list[tuple[float, str, Standing | None]] = []

    def rank(candidates: list[str]) -> None:
        order = sorted(candidates, key=lambda eid: (-expert_ceiling(eid), eid))
        chunk = (depth or len(order)) + 50
        for start in range(0, len(order), chunk):
            batch = order[start : start + chunk]
            standing = {} if lexical_only else standings(graph, batch, ranking, year, rel.about_subs)
            for eid in batch:
                components, _ = _score(eid, scores, standing.get(eid), weights, ranking)
                ranked.append((round(sum(components.values()), 4), eid, standing.get(eid)))
            ranked.sort(key=lambda r: (-r[0], r[1]))
            rest = start + chunk
            kth = ranked[depth - 1][0] if depth is not None and len(ranked) >= depth else None
            if kth is not None and rest < len(order) and expert_ceiling(order[rest]) < kth - 1e-4:
                break

    rank(rel.candidates)
    total = rel.total
    stages.done("standing")
    if rel.expand:
        # The best field relevance an expert could have: holding every query field.
        most_field = 1.0 - math.prod(1.0 - 0.999 * s for s in rel.strengths.values())
        field_only_ceiling = ceiling(weights["field"] * most_field / total_weight)
        kth = ranked[depth - 1][0] if depth is not None and len(ranked) >= depth else None
        if kth is None or kth <= field_only_ceiling + 1e-4:
            extra, extra_ceilings = _field_only(graph, rel, ranking)
            scores["field"].update({eid: score for eid, score in extra.items() if score > 0})
            rel.ceilings.update(extra_ceilings)
            rank(list(extra))
            stages.done("field tree only")
    top = ranked[:depth] if depth is not None else ranked
    return _Order(total, [(eid, st) for _, eid, st in top], rel, weights, year)


def _results(
    graph: Graph, order: _Order, chosen: list[tuple[str, Standing | None]], ranking: RankingSettings
) -> list[RankedExpert]:
    """Cards and explanations of the chosen experts."""
    if not chosen:
        return []
    cards, signals = _signals_of(graph, order.relevance, [eid for eid, _ in chosen], ranking)
    return [
        _explain(cards[eid], order.relevance.scores, signals, st, order.weights, ranking)
        for eid, st in chosen
        if eid in cards
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
    inferred: Sequence[InferredField] = (),
) -> Scored:
    """The best `depth` (default: all) experts the text or the named fields reach and the filters
    keep, best first, and how many there are (the candidate pool: docs/ranking.md).

    With `filters.ids`, exactly those experts are scored (semantic relevance computed directly)."""
    ranking = ranking or get_ranking()
    pending = _start_embedding(graph, text, ranking, lexical_only)

    def work(tx: Graph) -> Scored:
        order = _order(
            tx,
            text,
            list(fields or []),
            filters or ExpertFilters(),
            depth,
            ranking,
            lexical_only,
            Stages(None),
            pending,
            inferred,
        )
        return Scored(order.total, _results(tx, order, order.ranked, ranking))

    return graph.reads_together(work)


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
    inferred: Sequence[InferredField] = (),
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
    pending = _start_embedding(graph, text, ranking, lexical_only)

    def work(tx: Graph) -> RankedPage:
        order = _order(
            tx,
            text,
            list(fields or []),
            filters,
            offset + limit,
            ranking,
            lexical_only,
            stages,
            pending,
            inferred,
        )
        hits = _results(tx, order, order.ranked[offset : offset + limit], ranking)
        stages.done("cards and explanation")
        return RankedPage(order.total, hits)

    # One read transaction for the ranking's statements: each costs ~0.2 ms of Python and ~0.4 ms
    # of Neo4j CPU to open and commit, and a search ran four or five.
    return graph.reads_together(work)
