"""Affinities of every expert to many proposals at once: the same numbers as `queries.affinity`.

`affinity()` runs the whole expert search per proposal; for a batch of 200 proposals that meant 200
times reading every candidate's card and standing evidence (their projects and papers filtered by
the proposal's fields through the field tree) and the field coverage, and took minutes. Here the
per-proposal work is only what depends on the text: one full-text pass, one vector pass and the
field-tree match (the public queries and roll-ups of `queries.relevance`). The evidence that does not
depend on it is read once for all proposals: each expert's title, degree, projects and papers with the
fields each one is about (up the tree), and the fields each expert reaches, so that standing and field
coverage are then computed in Python per proposal. The scores combine as `queries.ranking` does;
a test checks the batch against `affinity()` on the demo.
"""

from __future__ import annotations

from collections.abc import Collection, Sequence
from dataclasses import dataclass
from typing import LiteralString

from graph.connection import Graph
from graph.embeddings import cached_query
from graph.settings import RankingSettings, get_ranking
from graph.text import normalize
from queries import lucene
from queries.affinity import SEARCH_DEPTH, TEXT_WEIGHT
from queries.filters import reference_year
from queries.relevance import (
    FIELD_EXPERTS,
    FIELDS_BY_TEXT,
    LEXICAL_ALL,
    SEMANTIC_ALL,
    Signal,
    field_signal,
    roll_up,
)
from queries.standing import standing_of

# Standing evidence of every expert, unfiltered, each project and paper with the codes of the fields
# it is about and their ancestors up to 3 levels (what STANDING_EVIDENCE's field filter walks).
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
  AS publications
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
        self.about = {
            eid: (
                [frozenset(p["about"]) for p in r["projects"]],
                [frozenset(w["about"]) for w in r["publications"]],
            )
            for eid, r in self.rows.items()
        }
        self.reach = {r["expert_id"]: frozenset(r["codes"]) for r in graph.read(EXPERT_FIELD_REACH)}
        self._memo: dict[tuple[str, tuple[int, ...], tuple[int, ...]], float] = {}

    def standing(self, eid: str, about: frozenset[str] | None) -> float | None:
        """Standing as `queries.standing.standings(..., fields=about)` scores it (None: unknown id)."""
        row = self.rows.get(eid)
        if row is None:
            return None
        projects, papers = self.about[eid]
        if about is None:
            key = (eid, tuple(range(len(projects))), tuple(range(len(papers))))
        else:
            key = (
                eid,
                tuple(i for i, codes in enumerate(projects) if codes & about),
                tuple(i for i, codes in enumerate(papers) if codes & about),
            )
        found = self._memo.get(key)
        if found is None:
            kept = {
                **row,
                "projects": [row["projects"][i] for i in key[1]],
                "publications": [row["publications"][i] for i in key[2]],
            }
            found = standing_of(kept, self.ranking, self.year).score
            self._memo[key] = found
        return found


def _signals(
    graph: Graph, text: str, ranking: RankingSettings, year: int
) -> tuple[dict[str, dict[str, Signal]], list[str]]:
    """Lexical, semantic and field signals of one text, and the fields it is about (as search sees it:
    no named fields, so those the text matches at least half as well as the best)."""
    query = lucene.build_both(text)
    found: dict[str, dict[str, Signal]] = {"lexical": {}, "semantic": {}, "field": {}}
    if query is not None:
        rows = graph.read(LEXICAL_ALL, {"q": query, "k": ranking.lexical_hits})
        found["lexical"] = roll_up("lexical", rows, ranking, year, absolute=False)
    if text.strip():
        vector = list(cached_query(normalize(text).lower()[: ranking.query_embed_chars]))
        rows = graph.read(SEMANTIC_ALL, {"vector": vector, "k": ranking.vector_hits})
        found["semantic"] = roll_up("semantic", rows, ranking, year, absolute=True)
    matched: dict[str, float] = {}
    if query is not None:
        for r in graph.read(FIELDS_BY_TEXT, {"q": query}):
            matched.setdefault(r["code"], r["score"])
    if matched:
        rows = graph.read(FIELD_EXPERTS, {"fields": [{"code": c, "raw": s} for c, s in matched.items()]})
        found["field"] = field_signal(rows, ranking)
    best = max(matched.values(), default=0.0)
    return found, sorted(c for c, score in matched.items() if score >= 0.5 * best > 0)


def _text_scores(graph: Graph, text: str, evidence: _Evidence, weights: dict[str, float]) -> dict[str, float]:
    """Expert id -> search score of the text (rounded as search rounds it), its best SEARCH_DEPTH."""
    ranking, year = evidence.ranking, evidence.year
    if lucene.build(text) is None:
        return {}  # search then lists experts by name, every score 0
    signals, about_list = _signals(graph, text, ranking, year)
    about = frozenset(about_list) if about_list else None
    total = sum(weights.values()) or 1.0
    relevance_weight = sum(weights[n] for n in signals) or 1.0
    scores: dict[str, float] = {}
    for eid in {e for per in signals.values() for e in per}:
        standing = evidence.standing(eid, about)
        if standing is None:
            continue
        # The same operations, in the same order, as queries.ranking._combine.
        parts = {name: per[eid].score if eid in per else 0.0 for name, per in signals.items()}
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
    allowed = None if candidate_ids is None else set(candidate_ids)
    answers: list[dict[str, float]] = []
    for request in requests:
        text_scores = _text_scores(graph, request.text, evidence, weights) if request.text.strip() else {}
        codes = set(request.fields)
        fields: dict[str, float] = {}
        if codes:
            for eid, reach in evidence.reach.items():
                covered = len(reach & codes)
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
