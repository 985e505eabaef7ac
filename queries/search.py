"""Expert search: full-text hits on experts, fields, projects and publications, rolled up per expert.

Each kind of evidence is scored in [0, 1]: index scores are divided by the best hit of their kind, and
several hits of one kind combine as a noisy-or (1 - Π(1 - c)), so ten weak matches never outrank one
exact one by sheer count. The expert's score is the weighted mean over kinds, in [0, 1]. Every result
keeps the evidence behind it, best first.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any, LiteralString

from graph.connection import Graph
from queries import lucene

# Contribution of each project role and level to project evidence (lead > secretary > member).
ROLE_WEIGHTS = {"lead": 1.0, "secretary": 0.6, "member": 0.4}
LEVEL_WEIGHTS = {"national": 1.0, "ministerial": 0.85, "provincial": 0.7, "grassroots": 0.55}
KIND_WEIGHTS = {"profile": 1.0, "field": 0.8, "project": 1.0, "publication": 0.6}
HITS_PER_INDEX = 300

EXPERT_HITS: LiteralString = """
CALL db.index.fulltext.queryNodes('expert_text', $q, {limit: $k}) YIELD node, score
RETURN node.id AS expert_id, score AS raw, node.id AS ref,
       coalesce(node.topics_text, node.name) AS label, null AS detail
"""

FIELD_HITS: LiteralString = """
CALL db.index.fulltext.queryNodes('field_text', $q, {limit: 25}) YIELD node AS f, score
WHERE f:Field
MATCH (e:Expert)-[h:HAS_EXPERTISE]->(sub:Field)-[:SUBFIELD_OF*0..2]->(f)
WITH e, sub, max(score * coalesce(h.confidence, 1.0)
                 * CASE WHEN sub = f THEN 1.0 ELSE 0.8 END) AS raw
RETURN e.id AS expert_id, raw, sub.code AS ref, sub.name_vi AS label, null AS detail
"""

PROJECT_HITS: LiteralString = """
CALL db.index.fulltext.queryNodes('project_text', $q, {limit: $k}) YIELD node AS p, score
MATCH (e:Expert)-[m:MEMBER_OF]->(p)
RETURN e.id AS expert_id,
       score * coalesce($roles[m.role], 0.4) * coalesce($levels[p.level], 0.55) AS raw,
       p.code AS ref, p.title AS label, m.role + ' / ' + coalesce(p.level, '?') AS detail
"""

PUBLICATION_HITS: LiteralString = """
CALL db.index.fulltext.queryNodes('publication_text', $q, {limit: $k}) YIELD node AS w, score
MATCH (e:Expert)-[:AUTHORED]->(w)
RETURN e.id AS expert_id, score AS raw, w.id AS ref, w.title AS label,
       toString(w.year) AS detail
"""

# Filters shared by ranked and browsing search; every value is a parameter, null means "any".
_FILTER: LiteralString = """
WHERE ($sector IS NULL OR EXISTS { (e)-[:IN_SECTOR]->(:Sector {code: $sector}) })
  AND ($field IS NULL OR EXISTS {
        (e)-[:HAS_EXPERTISE]->(:Field)-[:SUBFIELD_OF*0..3]->(:Field {code: $field}) })
"""

_CARD: LiteralString = """
OPTIONAL MATCH (e)-[:WORKS_AT {current: true}]->(o:Organization)
OPTIONAL MATCH (e)-[:IN_SECTOR]->(s:Sector)
WITH e, head(collect(DISTINCT o)) AS o, head(collect(DISTINCT s)) AS s
RETURN e.id AS id, e.name AS name, e.academic_title AS academic_title, e.degree AS degree,
       o.id AS org_id, o.name AS organization, s.code AS sector, s.name_vi AS sector_name
"""

FILTER_CANDIDATES: LiteralString = "UNWIND $ids AS id MATCH (e:Expert {id: id}) " + _FILTER + _CARD

BROWSE: LiteralString = (
    "MATCH (e:Expert) " + _FILTER + " WITH e ORDER BY e.name_key, e.id SKIP $offset LIMIT $limit " + _CARD
)
BROWSE_COUNT: LiteralString = "MATCH (e:Expert) " + _FILTER + " RETURN count(e) AS total"


@dataclass(frozen=True)
class Evidence:
    kind: str  # profile | field | project | publication
    ref: str  # expert id, field code, project code or publication id
    label: str
    detail: str | None
    contribution: float  # this item's share of the final score


@dataclass(frozen=True)
class ExpertHit:
    id: str
    name: str
    academic_title: str | None
    degree: str | None
    org_id: str | None
    organization: str | None
    sector: str | None
    sector_name: str | None
    score: float
    evidence: list[Evidence] = field(default_factory=list)


@dataclass(frozen=True)
class SearchPage:
    total: int
    hits: list[ExpertHit]


def _roll_up(
    rows_by_kind: dict[str, list[dict[str, Any]]],
) -> dict[str, tuple[float, list[Evidence]]]:
    total_weight = sum(KIND_WEIGHTS.values())
    per_expert: dict[str, dict[str, list[tuple[float, dict[str, Any]]]]] = defaultdict(
        lambda: defaultdict(list)
    )
    for kind, rows in rows_by_kind.items():
        best = max((r["raw"] for r in rows), default=0.0)
        if best <= 0:
            continue
        for r in rows:
            per_expert[r["expert_id"]][kind].append((r["raw"] / best, r))
    result: dict[str, tuple[float, list[Evidence]]] = {}
    for expert_id, kinds in per_expert.items():
        score = 0.0
        evidence: list[Evidence] = []
        for kind, items in kinds.items():
            weight = KIND_WEIGHTS[kind] / total_weight
            miss = 1.0
            for norm, _ in items:
                miss *= 1.0 - min(norm, 1.0) * 0.999
            kind_score = 1.0 - miss
            score += weight * kind_score
            norm_sum = sum(n for n, _ in items) or 1.0
            for norm, r in sorted(items, key=lambda t: (-t[0], str(t[1]["ref"]))):
                evidence.append(
                    Evidence(
                        kind=kind,
                        ref=str(r["ref"]),
                        label=str(r["label"] or ""),
                        detail=r["detail"],
                        contribution=round(weight * kind_score * norm / norm_sum, 4),
                    )
                )
        evidence.sort(key=lambda ev: (-ev.contribution, ev.kind, ev.ref))
        shown = [ev for ev in evidence[:8] if ev.contribution > 0] or evidence[:1]
        result[expert_id] = (round(score, 4), shown)
    return result


def search_experts(
    graph: Graph,
    q: str,
    *,
    sector: str | None = None,
    field_code: str | None = None,
    limit: int = 20,
    offset: int = 0,
) -> SearchPage:
    """Rank experts for `q` (any language, with or without diacritics); browse when `q` is empty."""
    filters = {"sector": sector, "field": field_code}
    query = lucene.build(q)
    if query is None:
        total = graph.read(BROWSE_COUNT, filters)[0]["total"]
        rows = graph.read(BROWSE, {**filters, "offset": offset, "limit": limit})
        return SearchPage(total, [ExpertHit(**r, score=0.0) for r in rows])
    params = {"q": query, "k": HITS_PER_INDEX, "roles": ROLE_WEIGHTS, "levels": LEVEL_WEIGHTS}
    rows_by_kind = {
        "profile": graph.read(EXPERT_HITS, params),
        "field": graph.read(FIELD_HITS, params),
        "project": graph.read(PROJECT_HITS, params),
        "publication": graph.read(PUBLICATION_HITS, params),
    }
    scored = _roll_up(rows_by_kind)
    cards = graph.read(FILTER_CANDIDATES, {**filters, "ids": list(scored)})
    ranked = sorted(cards, key=lambda c: (-scored[c["id"]][0], c["id"]))
    page = ranked[offset : offset + limit]
    hits = [ExpertHit(**c, score=scored[c["id"]][0], evidence=scored[c["id"]][1]) for c in page]
    return SearchPage(len(ranked), hits)
