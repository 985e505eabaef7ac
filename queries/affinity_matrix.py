"""Affinities of every expert to many proposals at once: the same numbers as `queries.affinity`.

`affinity()` runs the whole expert search per proposal; for a batch of 200 proposals that meant 200
times reading every candidate's card and standing evidence (their projects and papers filtered by
the proposal's fields through the field tree) and the field coverage, and took minutes. Here only
what depends on the text runs per proposal, and in one statement per index for all proposals: the
full-text and vector passes over experts, projects and papers (keys and scores only) and the
field-name match. Everything else is read once and shared: who is behind each project and paper hit,
each expert's title, degree, projects, papers, patents and awards with the fields each is about
(up the tree), the experts of every matched field, and the fields each expert reaches. Python then
scores each proposal with the formulas of `queries.relevance` (its `field_signal` and
`project_weight`; a score-only copy of `roll_up`), `queries.standing` and `queries.ranking`, in the
same order of operations, so the floats come out identical; tests/test_assign_batch.py checks the
batch against `affinity()` on the demo, and a change to the ranking formulas there will fail it
until this module follows.
"""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Collection, Sequence
from dataclasses import dataclass
from typing import Any, LiteralString

from graph.connection import Graph
from graph.embeddings import cached_query
from graph.settings import RankingSettings, get_ranking
from graph.text import normalize
from queries import lucene
from queries.affinity import SEARCH_DEPTH, TEXT_WEIGHT
from queries.filters import reference_year
from queries.relevance import embedding_text, field_signal, field_strengths, project_weight
from queries.standing import standing_of

# Standing evidence of every expert, unfiltered, each project, paper, patent and award with the codes
# of the fields it is about and their ancestors up to 3 levels (what STANDING_EVIDENCE's filter walks).
ALL_STANDING_EVIDENCE: LiteralString = """
MATCH (e:Expert)
RETURN e.id AS id, e.academic_title AS academic_title, e.degree AS degree,
  [(e)-[m:MEMBER_OF]->(p:Project)
   | {ref: p.code, label: p.title, role: m.role, level: p.level,
      year: coalesce(p.end_year, p.start_year),
      about: COLLECT { MATCH (p)-[:ABOUT]->(:Field)-[:SUBFIELD_OF*0..3]->(f:Field) RETURN DISTINCT f.code }}]
  AS projects,
  [(e)-[:AUTHORED]->(w:Publication)
   | {ref: w.id, label: w.title, year: w.year, citations: coalesce(w.citations, 0),
      about: COLLECT { MATCH (w)-[:ABOUT]->(:Field)-[:SUBFIELD_OF*0..3]->(f:Field) RETURN DISTINCT f.code }}]
  AS publications,
  [(e)-[:INVENTED]->(t:Patent)
   | {ref: t.id, label: t.title, kind: t.kind, status: t.status,
      year: coalesce(t.year, t.grant_year, t.filing_year),
      about: COLLECT { MATCH (t)-[:ABOUT]->(:Field)-[:SUBFIELD_OF*0..3]->(f:Field) RETURN DISTINCT f.code }}]
  AS patents,
  [(e)-[:RECEIVED]->(a:Award)
   | {ref: a.id, label: a.name, level: a.level, year: a.year,
      about: COLLECT { MATCH (a)-[:ABOUT]->(:Field)-[:SUBFIELD_OF*0..3]->(f:Field) RETURN DISTINCT f.code }}]
  AS awards
"""

# The lists of ALL_STANDING_EVIDENCE a query's fields filter (by what each item is ABOUT).
STANDING_PARTS = ("projects", "publications", "patents", "awards")

# Every expert of each given field, directly or through a subfield (three levels down): the rows
# `field_signal` scores. Search reads only the page's share of these; a batch needs them all.
FIELD_EXPERTS: LiteralString = """
UNWIND $fields AS code
MATCH (f:Field {code: code})
MATCH (e:Expert)-[h:HAS_EXPERTISE]->(sub:Field)-[path:SUBFIELD_OF*0..3]->(f)
RETURN e.id AS expert_id, f.code AS ref, f.name_vi AS label, sub.code AS sub, size(path) AS depth,
       coalesce(h.confidence, 1.0) AS confidence
"""

# The fields each expert holds or holds a subfield of (two levels down), as FIELD_COVERAGE counts.
EXPERT_FIELD_REACH: LiteralString = """
MATCH (e:Expert)-[:HAS_EXPERTISE]->(:Field)-[:SUBFIELD_OF*0..2]->(f:Field)
RETURN e.id AS expert_id, collect(DISTINCT f.code) AS codes
"""


@dataclass(frozen=True)
class Request:
    """What a proposal's affinity is measured on: its text and the fields it names."""

    text: str
    fields: Sequence[str] = ()


class _Evidence:
    """Per-expert evidence shared by every proposal, and standings memoized per matching subset."""

    def __init__(self, graph: Graph, ranking: RankingSettings, year: int) -> None:
        self.ranking, self.year = ranking, year
        self.rows = {r["id"]: r for r in graph.read(ALL_STANDING_EVIDENCE)}
        # Per expert, per part of standing, the fields each item is about (up the tree).
        self.about = {
            eid: [[frozenset(item["about"]) for item in r[part]] for part in STANDING_PARTS]
            for eid, r in self.rows.items()
        }
        self.reach = {r["expert_id"]: frozenset(r["codes"]) for r in graph.read(EXPERT_FIELD_REACH)}
        self._memo: dict[tuple[str, tuple[tuple[int, ...], ...]], float] = {}

    def standing(self, eid: str, about: frozenset[str] | None) -> float | None:
        """Standing as `queries.standing.standings(..., fields=about)` scores it (None: unknown id)."""
        row = self.rows.get(eid)
        if row is None:
            return None
        kept_indexes = tuple(
            tuple(i for i, codes in enumerate(part) if about is None or codes & about)
            for part in self.about[eid]
        )
        key = (eid, kept_indexes)
        found = self._memo.get(key)
        if found is None:
            kept = {
                **row,
                **{
                    part: [row[part][i] for i in indexes]
                    for part, indexes in zip(STANDING_PARTS, kept_indexes, strict=True)
                },
            }
            found = standing_of(kept, self.ranking, self.year).score
            self._memo[key] = found
        return found


# One statement per index for every proposal's text: only (proposal, node key, score) come back; the
# members and authors behind a hit are joined in Python from maps read once (`_Corpus`).
FULLTEXT_HITS: LiteralString = """
UNWIND $batch AS b
CALL db.index.fulltext.queryNodes($index, b.q, {limit: $k}) YIELD node, score
RETURN b.i AS i, collect([CASE WHEN node:Project THEN node.code ELSE node.id END, score]) AS hits
"""
VECTOR_HITS: LiteralString = """
UNWIND $batch AS b
CALL db.index.vector.queryNodes($index, $k, b.vector) YIELD node, score
RETURN b.i AS i, collect([CASE WHEN node:Project THEN node.code ELSE node.id END, score]) AS hits
"""
FIELD_HITS: LiteralString = """
UNWIND $batch AS b
CALL db.index.fulltext.queryNodes('field_text', b.q, {limit: 25}) YIELD node AS f, score
WITH b, f, score WHERE f:Field
RETURN b.i AS i, collect([f.code, score]) AS hits
"""
EXPERT_LABELS: LiteralString = """
MATCH (e:Expert)
RETURN e.id AS id, coalesce(e.topics_text, e.name) AS lexical,
       coalesce(e.topics_text, e.position, e.name) AS semantic
"""
# Members in the order a match from the project walks them (as LEXICAL_PROJECTS does).
PROJECT_MEMBERS: LiteralString = """
MATCH (p:Project)
MATCH (e:Expert)-[m:MEMBER_OF]->(p)
RETURN p.code AS key, p.title AS label, p.level AS level, coalesce(p.end_year, p.start_year) AS year,
       collect([e.id, m.role]) AS people
"""
PUBLICATION_AUTHORS: LiteralString = """
MATCH (w:Publication)
MATCH (e:Expert)-[:AUTHORED]->(w)
RETURN w.id AS key, w.title AS label, null AS level, w.year AS year, collect([e.id, null]) AS people
"""

Hits = dict[int, list[tuple[str, float]]]  # proposal index -> (node key, index score), index order


class _Corpus:
    """Who stands behind each index hit, read once: expert labels, project members, paper authors."""

    def __init__(self, graph: Graph) -> None:
        self.experts = {r["id"]: r for r in graph.read(EXPERT_LABELS)}
        self.projects = {r["key"]: r for r in graph.read(PROJECT_MEMBERS)}
        self.papers = {r["key"]: r for r in graph.read(PUBLICATION_AUTHORS)}

    def rows(self, hits: list[tuple[str, list[tuple[str, float]]]], semantic: bool) -> list[dict[str, Any]]:
        """Evidence rows as LEXICAL_ALL / SEMANTIC_ALL return them, in the same order."""
        rows: list[dict[str, Any]] = []
        for kind, found in hits:
            for key, score in found:
                raw = 2 * score - 1 if semantic else score
                if kind == "profile":
                    expert = self.experts.get(key)
                    label = expert["semantic" if semantic else "lexical"] if expert else None
                    rows.append(_row(key, kind, raw, key, label, None, None, None))
                    continue
                item = (self.projects if kind == "project" else self.papers).get(key)
                if item is None:  # no members or authors: the statement's MATCH drops it
                    continue
                for eid, role in item["people"]:
                    rows.append(_row(eid, kind, raw, key, item["label"], role, item["level"], item["year"]))
        return rows


def _row(
    eid: str, kind: str, raw: float, ref: str, label: Any, role: Any, level: Any, year: Any
) -> dict[str, Any]:
    return {
        "expert_id": eid,
        "kind": kind,
        "raw": raw,
        "ref": ref,
        "label": label,
        "role": role,
        "level": level,
        "year": year,
    }


def _hits(graph: Graph, query: LiteralString, batch: list[dict[str, Any]], **params: Any) -> Hits:
    found: Hits = {b["i"]: [] for b in batch}
    if batch:
        for r in graph.read(query, {"batch": batch, **params}):
            found[r["i"]] = [(key, score) for key, score in r["hits"]]
    return found


@dataclass(frozen=True)
class _Passes:
    """Every proposal's index hits: full-text and vector on experts, projects and papers, and fields."""

    lexical: dict[str, Hits]
    semantic: dict[str, Hits]
    fields: Hits


INDEXES = (("profile", "expert"), ("project", "project"), ("publication", "publication"))


def _passes(graph: Graph, texts: Sequence[str], ranking: RankingSettings) -> _Passes:
    queries = [lucene.build_both(t) for t in texts]
    lexical_batch = [{"i": i, "q": q} for i, q in enumerate(queries) if q is not None]
    semantic_batch = [
        {
            "i": i,
            "vector": list(
                cached_query(normalize(embedding_text(graph, t, q)).lower()[: ranking.query_embed_chars])
            ),
        }
        for i, (t, q) in enumerate(zip(texts, queries, strict=True))
        if t.strip()
    ]
    lexical = {
        kind: _hits(graph, FULLTEXT_HITS, lexical_batch, index=f"{name}_text", k=ranking.lexical_hits)
        for kind, name in INDEXES
    }
    semantic = {
        kind: _hits(graph, VECTOR_HITS, semantic_batch, index=f"{name}_embedding", k=ranking.vector_hits)
        for kind, name in INDEXES
    }
    return _Passes(lexical, semantic, _hits(graph, FIELD_HITS, lexical_batch))


class _FieldReach:
    """FIELD_EXPERTS rows per field code, read once for every code any proposal's text matches."""

    def __init__(self, graph: Graph, codes: set[str]) -> None:
        self.rows: dict[str, list[dict[str, Any]]] = {code: [] for code in codes}
        for r in graph.read(FIELD_EXPERTS, {"fields": sorted(codes)}) if codes else []:
            self.rows[r["ref"]].append(r)

    def scores(self, matched: dict[str, float], ranking: RankingSettings) -> dict[str, float]:
        rows = [r for code in matched for r in self.rows.get(code, [])]
        strengths = field_strengths(matched)
        return {eid: signal.score for eid, signal in field_signal(rows, strengths, ranking).items()}


def _roll_up_scores(
    rows: list[dict[str, Any]], ranking: RankingSettings, year: int, *, absolute: bool
) -> dict[str, float]:
    """`queries.relevance.roll_up(...)[eid].score` for every expert, without building the evidence
    items (a batch needs only the numbers): the same operations in the same order."""
    kind_weight = {
        "profile": ranking.kind_profile,
        "project": ranking.kind_project,
        "publication": ranking.kind_publication,
    }
    best: dict[str, float] = defaultdict(float)
    for r in rows:
        best[r["kind"]] = max(best[r["kind"]], r["raw"])
    per: dict[str, dict[str, dict[str, float]]] = defaultdict(lambda: defaultdict(dict))
    floor = ranking.semantic_floor
    for r in rows:
        kind = r["kind"]
        if absolute:
            norm = max(0.0, (r["raw"] - floor) / (1.0 - floor))
        else:
            norm = r["raw"] / best[kind] if best[kind] > 0 else 0.0
        if kind == "project":
            norm *= project_weight(r, ranking, year)
        strength = min(1.0, norm)
        if strength <= 0:
            continue
        ref = str(r["ref"])
        kept = per[r["expert_id"]][kind]
        if kept.get(ref, -1.0) < strength:
            kept[ref] = strength
    total_weight = sum(kind_weight.values()) or 1.0
    scores: dict[str, float] = {}
    for eid, kinds in per.items():
        score = 0.0
        for kind, found in kinds.items():
            miss = math.prod(1.0 - 0.999 * strength for strength in found.values())
            score += kind_weight.get(kind, 1.0) / total_weight * (1.0 - miss)
        scores[eid] = min(1.0, score)
    return scores


def _signals(
    i: int, passes: _Passes, corpus: _Corpus, reach: _FieldReach, ranking: RankingSettings, year: int
) -> tuple[dict[str, dict[str, float]], list[str]]:
    """Lexical, semantic and field signals of proposal i, and the fields it is about (as search sees
    it: no named fields, so those the text matches at least half as well as the best)."""
    found: dict[str, dict[str, float]] = {"lexical": {}, "semantic": {}, "field": {}}
    if i in passes.fields:  # the text gave a full-text query
        rows = corpus.rows([(kind, passes.lexical[kind][i]) for kind, _ in INDEXES], semantic=False)
        found["lexical"] = _roll_up_scores(rows, ranking, year, absolute=False)
    if i in passes.semantic["profile"]:
        rows = corpus.rows([(kind, passes.semantic[kind][i]) for kind, _ in INDEXES], semantic=True)
        found["semantic"] = _roll_up_scores(rows, ranking, year, absolute=True)
    matched: dict[str, float] = {}
    for code, score in passes.fields.get(i, []):
        matched.setdefault(code, score)
    best = max(matched.values(), default=0.0)
    about = sorted(c for c, score in matched.items() if score >= 0.5 * best > 0)
    if matched:
        # As search does: an expert no text pass found counts only when the field tree reaches
        # them from a field the proposal is about, not from a weaker keyword match.
        text_found = found["lexical"].keys() | found["semantic"].keys()
        reached = {r["expert_id"] for code in about for r in reach.rows.get(code, [])}
        found["field"] = {
            eid: score
            for eid, score in reach.scores(matched, ranking).items()
            if eid in text_found or eid in reached
        }
    return found, about


def _text_scores(
    signals: dict[str, dict[str, float]],
    about_list: list[str],
    evidence: _Evidence,
    weights: dict[str, float],
) -> dict[str, float]:
    """Expert id -> search score of the text (rounded as search rounds it), its best SEARCH_DEPTH."""
    ranking = evidence.ranking
    about = frozenset(about_list) if about_list else None
    total = sum(weights.values()) or 1.0
    relevance_weight = sum(weights[n] for n in signals) or 1.0
    scores: dict[str, float] = {}
    for eid in {e for per in signals.values() for e in per}:
        standing = evidence.standing(eid, about)
        if standing is None:
            continue
        # The same operations, in the same order, as queries.ranking._combine.
        parts = {name: per.get(eid, 0.0) for name, per in signals.items()}
        relevance = sum(weights[n] * parts[n] for n in parts) / relevance_weight
        gate = min(1.0, relevance / ranking.relevance_gate)
        components = {n: weights[n] * parts[n] / total for n in parts}
        components["standing"] = weights["standing"] * gate * standing / total
        scores[eid] = round(sum(components.values()), 4)
    ranked = sorted(scores.items(), key=lambda item: (-item[1], item[0]))[:SEARCH_DEPTH]
    return dict(ranked)


def affinity_matrix(
    graph: Graph,
    requests: Sequence[Request],
    candidate_ids: Collection[str] | None = None,
    *,
    ranking: RankingSettings | None = None,
) -> list[dict[str, float]]:
    """For each request, expert id -> affinity in [0, 1]: `affinity(graph, text, fields, ids)` for each."""
    ranking = ranking or get_ranking()
    year = reference_year(ranking)
    weights = {
        "lexical": ranking.w_lexical,
        "semantic": ranking.w_semantic,
        "field": ranking.w_field,
        "standing": ranking.w_standing,
    }
    evidence = _Evidence(graph, ranking, year)
    corpus = _Corpus(graph)
    # Search lists experts by name, every score 0, when the text leaves no full-text query.
    searched = [r.text if r.text.strip() and lucene.build(r.text) is not None else "" for r in requests]
    passes = _passes(graph, searched, ranking)
    reach = _FieldReach(graph, {code for found in passes.fields.values() for code, _ in found})
    allowed = None if candidate_ids is None else set(candidate_ids)
    answers: list[dict[str, float]] = []
    for i, request in enumerate(requests):
        text_scores: dict[str, float] = {}
        if searched[i]:
            signals, about = _signals(i, passes, corpus, reach, ranking, year)
            text_scores = _text_scores(signals, about, evidence, weights)
        codes = set(request.fields)
        fields: dict[str, float] = {}
        if codes:
            for eid, held in evidence.reach.items():
                covered = len(held & codes)
                if covered and (allowed is None or eid in allowed):
                    fields[eid] = covered / len(codes)
        text_weight = TEXT_WEIGHT if request.fields else 1.0
        scores: dict[str, float] = {}
        for eid in text_scores.keys() | fields.keys():
            if allowed is not None and eid not in allowed:
                continue
            value = text_weight * text_scores.get(eid, 0.0) + (1 - text_weight) * fields.get(eid, 0.0)
            if value > 0:
                scores[eid] = round(value, 4)
        answers.append(dict(sorted(scores.items(), key=lambda item: (-item[1], item[0]))))
    return answers
