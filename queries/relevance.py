"""How well each expert's graph matches a text: lexical, semantic and field-tree relevance.

Each signal is a score in [0, 1] per expert with the items behind it:
- lexical: Neo4j full-text hits (folded and display text) on the profile, projects and publications;
  index scores are divided by the best hit of their kind;
- semantic: cosine similarity of the query's embedding to the profile, project and publication
  vectors, rescaled so that `semantic_floor` (unrelated text) is 0 and an identical text is 1;
- field: fields whose names or everyday keywords match the text, or that the caller named, reaching
  experts of their subfields at `subfield_discount` per level.
Project items are weighted by the expert's role, the project's level and its recency. Several items of
one kind combine as a noisy-or (1 - Π(1 - s)), so many weak matches never outweigh one strong one,
and kinds are averaged with the `kind_*` weights.
"""

from __future__ import annotations

import math
from collections import defaultdict
from dataclasses import dataclass
from typing import Any, LiteralString

from graph.settings import RankingSettings
from queries.filters import EXPERT_FILTER

LEXICAL_PROFILE: LiteralString = """
CALL db.index.fulltext.queryNodes('expert_text', $q, {limit: $k}) YIELD node, score
RETURN node.id AS expert_id, 'profile' AS kind, score AS raw, node.id AS ref,
       coalesce(node.topics_text, node.name) AS label, null AS role, null AS level, null AS year
"""
LEXICAL_PROJECTS: LiteralString = """
CALL db.index.fulltext.queryNodes('project_text', $q, {limit: $k}) YIELD node AS p, score
MATCH (e:Expert)-[m:MEMBER_OF]->(p)
RETURN e.id AS expert_id, 'project' AS kind, score AS raw, p.code AS ref, p.title AS label,
       m.role AS role, p.level AS level, coalesce(p.end_year, p.start_year) AS year
"""
LEXICAL_PUBLICATIONS: LiteralString = """
CALL db.index.fulltext.queryNodes('publication_text', $q, {limit: $k}) YIELD node AS w, score
MATCH (e:Expert)-[:AUTHORED]->(w)
RETURN e.id AS expert_id, 'publication' AS kind, score AS raw, w.id AS ref, w.title AS label,
       null AS role, null AS level, w.year AS year
"""
# Neo4j's cosine index score is (1 + cos) / 2; the roll-up turns it back into the cosine.
SEMANTIC_PROFILE: LiteralString = """
CALL db.index.vector.queryNodes('expert_embedding', $k, $vector) YIELD node, score
RETURN node.id AS expert_id, 'profile' AS kind, 2 * score - 1 AS raw, node.id AS ref,
       coalesce(node.topics_text, node.position, node.name) AS label,
       null AS role, null AS level, null AS year
"""
SEMANTIC_PROJECTS: LiteralString = """
CALL db.index.vector.queryNodes('project_embedding', $k, $vector) YIELD node AS p, score
MATCH (e:Expert)-[m:MEMBER_OF]->(p)
RETURN e.id AS expert_id, 'project' AS kind, 2 * score - 1 AS raw, p.code AS ref, p.title AS label,
       m.role AS role, p.level AS level, coalesce(p.end_year, p.start_year) AS year
"""
SEMANTIC_PUBLICATIONS: LiteralString = """
CALL db.index.vector.queryNodes('publication_embedding', $k, $vector) YIELD node AS w, score
MATCH (e:Expert)-[:AUTHORED]->(w)
RETURN e.id AS expert_id, 'publication' AS kind, 2 * score - 1 AS raw, w.id AS ref, w.title AS label,
       null AS role, null AS level, w.year AS year
"""
# Scoring named experts directly (match with candidate ids): the same cosines, without the index.
SEMANTIC_FOR_IDS: LiteralString = """
UNWIND $ids AS eid
MATCH (e:Expert {id: eid})
CALL {
  WITH e
  WITH e WHERE e.embedding IS NOT NULL
  RETURN 'profile' AS kind, vector.similarity.cosine(e.embedding, $vector) AS sim, e.id AS ref,
         coalesce(e.topics_text, e.position, e.name) AS label, null AS role, null AS level, null AS year
  UNION
  WITH e
  MATCH (e)-[m:MEMBER_OF]->(p:Project) WHERE p.embedding IS NOT NULL
  RETURN 'project' AS kind, vector.similarity.cosine(p.embedding, $vector) AS sim, p.code AS ref,
         p.title AS label, m.role AS role, p.level AS level, coalesce(p.end_year, p.start_year) AS year
  UNION
  WITH e
  MATCH (e)-[:AUTHORED]->(w:Publication) WHERE w.embedding IS NOT NULL
  RETURN 'publication' AS kind, vector.similarity.cosine(w.embedding, $vector) AS sim, w.id AS ref,
         w.title AS label, null AS role, null AS level, w.year AS year
}
RETURN e.id AS expert_id, kind, 2 * sim - 1 AS raw, ref, label, role, level, year
"""
# Fields whose names or everyday keywords (Field.keywords_key) match the text.
FIELDS_BY_TEXT: LiteralString = """
CALL db.index.fulltext.queryNodes('field_text', $q, {limit: 25}) YIELD node AS f, score
WITH f, score WHERE f:Field
RETURN f.code AS code, score
"""
# Which of the query's fields (`$codes`) the given experts hold, directly or through a subfield.
# Bounded by the pool: an expert holds a few fields, each with at most three ancestors.
FIELD_OF_EXPERTS: LiteralString = """
UNWIND $ids AS eid
MATCH (e:Expert {id: eid})-[h:HAS_EXPERTISE]->(sub:Field)-[path:SUBFIELD_OF*0..3]->(f:Field)
WHERE f.code IN $codes
RETURN e.id AS expert_id, f.code AS ref, f.name_vi AS label, sub.code AS sub, size(path) AS depth,
       coalesce(h.confidence, 1.0) AS confidence
"""
# Experts the field tree alone reaches (no other signal found them): at most $cap, filtered here, the
# strongest link first (field strength x subfield discount x confidence), then title and degree (the
# part of standing a node holds). A field has thousands of experts; ranking all of them is what made
# the search take seconds at 100,000 experts.
FIELD_ONLY_EXPERTS: LiteralString = (
    """
UNWIND $fields AS fx
MATCH (f:Field {code: fx.code})<-[path:SUBFIELD_OF*0..3]-(:Field)<-[h:HAS_EXPERTISE]-(e:Expert)
WHERE NOT e.id IN $pool
WITH e, max(fx.strength * $discount ^ size(path) * coalesce(h.confidence, 1.0)) AS strength
"""
    + EXPERT_FILTER
    + """
WITH e, strength, CASE
  WHEN e.academic_title = 'GS' THEN $title_gs
  WHEN e.academic_title = 'PGS' THEN $title_pgs
  WHEN e.degree IN $doctoral THEN $degree_doctor
  WHEN e.degree IN $master THEN $degree_master
  WHEN e.degree IS NOT NULL THEN $degree_other
  ELSE 0.0 END AS title_degree
RETURN e.id AS id ORDER BY strength DESC, title_degree DESC, id LIMIT $cap
"""
)


@dataclass(frozen=True)
class Item:
    """One piece of evidence: a profile, project, publication or field that matched."""

    signal: str  # lexical | semantic | field
    kind: str  # profile | project | publication | field
    ref: str
    label: str
    detail: str | None
    strength: float  # 0..1 after normalization and role/level/recency weights
    share: float = 0.0  # this item's part of the expert's signal score (0..1)


@dataclass(frozen=True)
class Signal:
    score: float  # 0..1
    items: list[Item]


def project_weight(row: dict[str, Any], ranking: RankingSettings, year: int) -> float:
    """Role x level x recency of a project row, in (0, 1]: a recent national project led is 1."""
    roles = {"lead": ranking.role_lead, "secretary": ranking.role_secretary, "member": ranking.role_member}
    levels = {
        "national": ranking.level_national,
        "ministerial": ranking.level_ministerial,
        "provincial": ranking.level_provincial,
        "grassroots": ranking.level_grassroots,
    }
    return (
        roles.get(row["role"], ranking.role_member)
        * levels.get(row["level"], ranking.level_grassroots)
        * (recency(row["year"], ranking, year))
    )


def recency(item_year: int | None, ranking: RankingSettings, year: int) -> float:
    """Exponential decay with `recency_half_life_years`; unknown years count as half-life old."""
    age = ranking.recency_half_life_years if item_year is None else max(0, year - int(item_year))
    return float(0.5 ** (age / ranking.recency_half_life_years))


def _detail(row: dict[str, Any]) -> str | None:
    if row["kind"] == "project":
        return f"{row['role']} / {row.get('level') or '?'}"
    if row["kind"] == "publication" and row.get("year") is not None:
        return str(row["year"])
    return None


def roll_up(
    signal: str,
    rows: list[dict[str, Any]],
    ranking: RankingSettings,
    year: int,
    *,
    absolute: bool,
) -> dict[str, Signal]:
    """Per expert: noisy-or within each kind, kinds averaged by their weights, items kept with shares.

    `absolute` rows carry cosines (rescaled from `semantic_floor`); otherwise raw index scores are
    divided by the best of their kind in this result.
    """
    kind_weight = {
        "profile": ranking.kind_profile,
        "project": ranking.kind_project,
        "publication": ranking.kind_publication,
    }
    best: dict[str, float] = defaultdict(float)
    for r in rows:
        best[r["kind"]] = max(best[r["kind"]], r["raw"])
    per: dict[str, dict[str, dict[str, Item]]] = defaultdict(lambda: defaultdict(dict))
    for r in rows:
        if absolute:
            norm = max(0.0, (r["raw"] - ranking.semantic_floor) / (1.0 - ranking.semantic_floor))
        else:
            norm = r["raw"] / best[r["kind"]] if best[r["kind"]] > 0 else 0.0
        if r["kind"] == "project":
            norm *= project_weight(r, ranking, year)
        strength = min(1.0, norm)
        if strength <= 0:
            continue
        ref = str(r["ref"])
        kept = per[r["expert_id"]][r["kind"]].get(ref)
        if kept is None or kept.strength < strength:
            item = Item(signal, r["kind"], ref, str(r["label"] or ""), _detail(r), strength)
            per[r["expert_id"]][r["kind"]][ref] = item
    total_weight = sum(kind_weight.values()) or 1.0
    return {eid: _combine(kinds, kind_weight, total_weight) for eid, kinds in per.items()}


def _combine(kinds: dict[str, dict[str, Item]], weights: dict[str, float], total: float) -> Signal:
    score = 0.0
    items: list[Item] = []
    for kind, found in kinds.items():
        weight = weights.get(kind, 1.0) / total
        miss = math.prod(1.0 - 0.999 * it.strength for it in found.values())
        kind_score = weight * (1.0 - miss)
        score += kind_score
        strength_sum = sum(it.strength for it in found.values()) or 1.0
        items += [
            Item(
                it.signal,
                it.kind,
                it.ref,
                it.label,
                it.detail,
                it.strength,
                kind_score * it.strength / strength_sum,
            )
            for it in found.values()
        ]
    items.sort(key=lambda it: (-it.share, it.kind, it.ref))
    return Signal(min(1.0, score), items)


def field_strengths(matched: dict[str, float]) -> dict[str, float]:
    """Each query field's strength in [0, 1]: a named field (raw < 0) counts 1, a keyword match
    relative to the best keyword match."""
    best = max(matched.values(), default=0.0)
    return {code: 1.0 if raw < 0 else (raw / best if best > 0 else 0.0) for code, raw in matched.items()}


def field_signal(
    rows: list[dict[str, Any]], strengths: dict[str, float], ranking: RankingSettings
) -> dict[str, Signal]:
    """Field-tree relevance: the field's strength (`field_strengths`), times `subfield_discount`
    for each level down the tree and the confidence of the expertise link."""
    per: dict[str, dict[str, Item]] = defaultdict(dict)
    for r in rows:
        base = strengths.get(r["ref"], 0.0)
        strength = base * ranking.subfield_discount ** r["depth"] * float(r["confidence"])
        detail = None if r["depth"] == 0 else f"qua chuyên ngành con {r['sub']}"
        kept = per[r["expert_id"]].get(r["ref"])
        if strength > 0 and (kept is None or kept.strength < strength):
            per[r["expert_id"]][r["ref"]] = Item(
                "field", "field", r["ref"], str(r["label"]), detail, strength
            )
    return {eid: _combine({"field": found}, {"field": 1.0}, 1.0) for eid, found in per.items()}


_COLUMNS: LiteralString = " RETURN expert_id, kind, raw, ref, label, role, level, year"
# One round trip per signal: the three indexes of a kind of relevance in one statement.
LEXICAL_ALL: LiteralString = (
    "CALL { "
    + LEXICAL_PROFILE
    + " UNION ALL "
    + LEXICAL_PROJECTS
    + " UNION ALL "
    + LEXICAL_PUBLICATIONS
    + " }"
    + _COLUMNS
)
SEMANTIC_ALL: LiteralString = (
    "CALL { "
    + SEMANTIC_PROFILE
    + " UNION ALL "
    + SEMANTIC_PROJECTS
    + " UNION ALL "
    + SEMANTIC_PUBLICATIONS
    + " }"
    + _COLUMNS
)
