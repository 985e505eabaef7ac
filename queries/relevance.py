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

Every statement computes item strengths in the server: `*_KEYS` feed the pool statement
(queries/pool.py), which rolls them up per expert there, because decoding thousands of rows costs the
Python driver ~30 µs each, and returns the items (signal, kind, ref, strength) behind each candidate's
scores. The explanation of the page reads only those items' labels (`EVIDENCE_LABELS`, by key) and
rolls them up with `roll_up` the same way: running the index queries again for the page cost as much
as a third of a search on the 100,000-expert graph.
"""

from __future__ import annotations

import math
from collections import defaultdict
from dataclasses import dataclass
from typing import Any, LiteralString

from graph.connection import Graph
from graph.settings import RankingSettings
from graph.text import has_diacritics, restore_marks
from queries.filters import EXPERT_FILTER

# Hits of one index, each divided by the best hit: `h.n` the node, `s` in (0, 1].
_NORMALIZED: LiteralString = """
WITH collect({n: node, s: score}) AS hits
WITH hits, reduce(b = 0.0, h IN hits | CASE WHEN h.s > b THEN h.s ELSE b END) AS best
UNWIND hits AS h
"""
# Role x level x recency of `m`:MEMBER_OF->`p` (`level`, `y`: the project's level and year), from `$w`
# (`weights_param`); unknown year: one half-life.
_PROJECT_WEIGHT: LiteralString = """
coalesce($w.roles[m.role], $w.roles.member) * coalesce($w.levels[level], $w.levels.grassroots)
  * 0.5 ^ (CASE WHEN y IS NULL THEN 1.0 WHEN $w.year > y THEN ($w.year - y) / $w.half_life ELSE 0.0 END)
"""
# Each item statement is a head (the index query, the expert behind each hit) and a tail, `*_KEYS`
# (queries/pool.py), returning only what the score needs: reading titles for a whole pool was a fair
# part of its cost.
_LEXICAL_PROFILE_HEAD: LiteralString = (
    "CALL db.index.fulltext.queryNodes('expert_text', $q, {limit: $k}) YIELD node, score"
    + _NORMALIZED
    + """
WITH h.n AS e, h.s / best AS strength WHERE $ids IS NULL OR e.id IN $ids
"""
)
_PROFILE_KEYS: LiteralString = "RETURN e AS expert, 'profile' AS kind, e.id AS ref, strength"
# The members of a project hit `p` (strength `s`). The project's properties are read once per hit,
# before its members, not once per member row (a fifth of the pool statement's db hits on the demo).
_PROJECT_MEMBERS: LiteralString = """
WITH p, s, p.code AS code, p.level AS level, coalesce(p.end_year, p.start_year) AS y
MATCH (e:Expert)-[m:MEMBER_OF]->(p) WHERE $ids IS NULL OR e.id IN $ids
"""
_LEXICAL_PROJECTS_HEAD: LiteralString = (
    "CALL db.index.fulltext.queryNodes('project_text', $q, {limit: $k}) YIELD node, score"
    + _NORMALIZED
    + """
WITH h.n AS p, h.s / best AS s
"""
    + _PROJECT_MEMBERS
)
_PROJECT_KEYS: LiteralString = (
    "RETURN e AS expert, 'project' AS kind, code AS ref, s * " + _PROJECT_WEIGHT + " AS strength"
)
_LEXICAL_PUBLICATIONS_HEAD: LiteralString = (
    "CALL db.index.fulltext.queryNodes('publication_text', $q, {limit: $k}) YIELD node, score"
    + _NORMALIZED
    + """
WITH h.n AS w, h.s / best AS strength
MATCH (e:Expert)-[:AUTHORED]->(w) WHERE $ids IS NULL OR e.id IN $ids
"""
)
_PUBLICATION_KEYS: LiteralString = "RETURN e AS expert, 'publication' AS kind, w.id AS ref, strength"
# Neo4j's cosine index score is (1 + cos) / 2; `$w.floor` is the cosine of unrelated text.
_RESCALE: LiteralString = "((2 * score - 1) - $w.floor) / (1 - $w.floor)"
_SEMANTIC_PROFILE_HEAD: LiteralString = (
    "CALL db.index.vector.queryNodes('expert_embedding', $kv, $vector) YIELD node AS e, score "
    + "WITH e, "
    + _RESCALE
    + """ AS strength WHERE strength > 0 AND ($ids IS NULL OR e.id IN $ids)
"""
)
_SEMANTIC_PROJECTS_HEAD: LiteralString = (
    "CALL db.index.vector.queryNodes('project_embedding', $kv, $vector) YIELD node AS p, score "
    + "WITH p, "
    + _RESCALE
    + """ AS s WHERE s > 0
"""
    + _PROJECT_MEMBERS
)
_SEMANTIC_PUBLICATIONS_HEAD: LiteralString = (
    "CALL db.index.vector.queryNodes('publication_embedding', $kv, $vector) YIELD node AS w, score "
    + "WITH w, "
    + _RESCALE
    + """ AS strength WHERE strength > 0
MATCH (e:Expert)-[:AUTHORED]->(w) WHERE $ids IS NULL OR e.id IN $ids
"""
)
# Scoring named experts directly (match with candidate ids): the same cosines, without the index.
_SEMANTIC_FOR_IDS: LiteralString = (
    """
UNWIND $ids AS eid
MATCH (e:Expert {id: eid})
CALL {
  WITH e
  WITH e WHERE e.embedding IS NOT NULL
  RETURN 'profile' AS kind, vector.similarity.cosine(e.embedding, $vector) AS score, e.id AS ref,
         1.0 AS weight
  UNION
  WITH e
  MATCH (e)-[m:MEMBER_OF]->(p:Project) WHERE p.embedding IS NOT NULL
  WITH e, m, p, p.level AS level, coalesce(p.end_year, p.start_year) AS y
  RETURN 'project' AS kind, vector.similarity.cosine(p.embedding, $vector) AS score, p.code AS ref, """
    + _PROJECT_WEIGHT
    + """ AS weight
  UNION
  WITH e
  MATCH (e)-[:AUTHORED]->(w:Publication) WHERE w.embedding IS NOT NULL
  RETURN 'publication' AS kind, vector.similarity.cosine(w.embedding, $vector) AS score, w.id AS ref,
         1.0 AS weight
}
WITH e, kind, ref,
     weight * ((2 * score - 1) - $w.floor) / (1 - $w.floor) AS strength
WHERE strength > 0
RETURN e AS expert, kind, ref, strength
"""
)
LEXICAL_KEYS: LiteralString = (
    "CALL { "
    + _LEXICAL_PROFILE_HEAD
    + _PROFILE_KEYS
    + " UNION ALL "
    + _LEXICAL_PROJECTS_HEAD
    + _PROJECT_KEYS
    + " UNION ALL "
    + _LEXICAL_PUBLICATIONS_HEAD
    + _PUBLICATION_KEYS
    + " }"
)
SEMANTIC_KEYS: LiteralString = (
    "CALL { "
    + _SEMANTIC_PROFILE_HEAD
    + _PROFILE_KEYS
    + " UNION ALL "
    + _SEMANTIC_PROJECTS_HEAD
    + _PROJECT_KEYS
    + " UNION ALL "
    + _SEMANTIC_PUBLICATIONS_HEAD
    + _PUBLICATION_KEYS
    + " }"
)
# The labels the explanation shows for the items the pool statement returned (`$profiles`: expert
# ids; `$projects`: [expert id, project code] pairs, with the membership's role; `$publications`:
# ids), read by key instead of running the full-text and vector queries again.
EVIDENCE_LABELS: LiteralString = """
CALL {
  UNWIND $profiles AS eid
  MATCH (e:Expert {id: eid})
  RETURN collect([eid, coalesce(e.topics_text, e.name), coalesce(e.topics_text, e.position, e.name)])
         AS profiles
}
CALL {
  UNWIND $projects AS pair
  MATCH (e:Expert {id: pair[0]})-[m:MEMBER_OF]->(p:Project {code: pair[1]})
  RETURN collect([pair[0], pair[1], p.title, m.role, p.level, coalesce(p.end_year, p.start_year)])
         AS projects
}
CALL {
  UNWIND $publications AS wid
  MATCH (w:Publication {id: wid})
  RETURN collect([wid, w.title, w.year]) AS publications
}
RETURN profiles, projects, publications
"""

# Fields whose names or everyday keywords (Field.keywords_key) match the text.
FIELDS_BY_TEXT: LiteralString = """
CALL db.index.fulltext.queryNodes('field_text', $q, {limit: 25}) YIELD node AS f, score
WITH f, score WHERE f:Field
RETURN f.code AS code, score
"""
# Fields whose names or everyday keywords match the text, and the subtree of those and the named
# fields (`$named`), in one statement: see FIELD_TREE.
# Marked phrases the folded query's words occur in (field names, topics, project titles), so an
# unmarked query can be embedded with its tone marks (graph.text.restore_marks).
MARKED_PHRASES: LiteralString = """
CALL {
  CALL db.index.fulltext.queryNodes('field_text', $q, {limit: 10}) YIELD node
  RETURN node.name_vi AS phrase
  UNION ALL
  CALL db.index.fulltext.queryNodes('topic_text', $q, {limit: 10}) YIELD node
  RETURN node.name AS phrase
  UNION ALL
  CALL db.index.fulltext.queryNodes('project_text', $q, {limit: 10}) YIELD node
  RETURN node.title AS phrase
}
WITH phrase WHERE phrase IS NOT NULL
RETURN collect(phrase) AS phrases
"""


def embedding_text(graph: Graph, text: str, query: str | None) -> str:
    """The text to embed for a query: an unmarked one ("nong nghiep") with the tone marks of the
    stored phrases it repeats, since the model reads marks and folded search does not. Search and
    the batched affinities (queries/affinity_matrix.py) both embed through here."""
    if query is None or has_diacritics(text):
        return text
    return restore_marks(text, graph.read(MARKED_PHRASES, {"q": query})[0]["phrases"])


FIELDS_AND_TREE: LiteralString = """
CALL db.index.fulltext.queryNodes('field_text', $q, {limit: 25}) YIELD node AS f, score
WITH f, score WHERE f:Field
WITH collect(f.code) AS matched, collect(score) AS scores
CALL {
  WITH matched
  UNWIND $named + matched AS code
  WITH DISTINCT code
  MATCH (sub:Field)-[path:SUBFIELD_OF*0..3]->(:Field {code: code})
  RETURN collect(sub.code) AS subs, collect(code) AS codes, collect(size(path)) AS depths,
         sum(COUNT { (sub)<-[:HAS_EXPERTISE]-() }) AS holders
}
RETURN matched, scores, subs, codes, depths, holders
"""
# The subfields (to three levels down) of the query's fields: the field tree is small, so the
# best link of each subfield to each query field is worked out once (`subfield_strengths`) and
# experts are then scored with a lookup instead of walking the tree from each of them.
FIELD_TREE: LiteralString = """
UNWIND $codes AS code
MATCH (sub:Field)-[path:SUBFIELD_OF*0..3]->(:Field {code: code})
RETURN collect(sub.code) AS subs, collect(code) AS codes, collect(size(path)) AS depths,
       sum(COUNT { (sub)<-[:HAS_EXPERTISE]-() }) AS holders
"""
# Field relevance of an expert `e` from `$subs` (subfield code -> {query field code: strength}):
# the best link to each query field, times the link's confidence, as a noisy-or over the fields.
_FIELD_SCORE: LiteralString = """
CALL {
  WITH e
  OPTIONAL MATCH (e)-[h:HAS_EXPERTISE]->(sub:Field) WHERE sub.code IN $sub_codes
  UNWIND CASE WHEN sub IS NULL THEN [null] ELSE keys($subs[sub.code]) END AS code
  WITH code, max($subs[sub.code][code] * coalesce(h.confidence, 1.0)) AS s
  RETURN 1 - reduce(miss = 1.0, x IN collect(s) | miss * (1 - 0.999 * x)) AS score
}
"""
# Standing's title and degree part, from `$td` (the ranking's weights).
_TITLE_DEGREE: LiteralString = """CASE
    WHEN e.academic_title = 'GS' THEN $td.gs
    WHEN e.academic_title = 'PGS' THEN $td.pgs
    WHEN e.degree IN $td.doctoral THEN $td.doctor
    WHEN e.degree IN $td.master THEN $td.master_degree
    WHEN e.degree IS NOT NULL THEN $td.other
    ELSE 0.0 END"""
# Per expert: field relevance, and standing's title and degree part, which bounds their standing
# (`standing.ceiling`) without reading their work (counting it costs as much as reading it).
_SCORES_AND_HINTS: LiteralString = (
    """
RETURN collect(e.id) AS ids, collect(score) AS scores,
       collect("""
    + _TITLE_DEGREE
    + """) AS title_degree
"""
)
# Experts the field tree alone reaches (no other signal found them): at most $cap, filtered here, the
# strongest field link first, then title and degree (the part of standing a node holds). A field
# has thousands of experts; ranking all of them is what made search take seconds, so the ranking
# reads these only when the page cannot be settled without them.
FIELD_ONLY_SCORES: LiteralString = (
    """
CALL {
  UNWIND $expand AS code
  MATCH (:Field {code: code})<-[path:SUBFIELD_OF*0..3]-(:Field)<-[h:HAS_EXPERTISE]-(e:Expert)
  WHERE NOT e.id IN $pool
  WITH e, max($strengths[code] * $discount ^ size(path) * coalesce(h.confidence, 1.0)) AS strength
  """
    + EXPERT_FILTER
    + """
  WITH e, strength, """
    + _TITLE_DEGREE
    + """ AS title_degree
  ORDER BY strength DESC, title_degree DESC, e.id LIMIT $cap
  RETURN e
}
"""
    + _FIELD_SCORE
    + _SCORES_AND_HINTS
)
# Which of the query's fields (`$codes`) the given experts hold, directly or through a subfield.
FIELD_ROWS: LiteralString = """
UNWIND $ids AS eid
MATCH (e:Expert {id: eid})-[h:HAS_EXPERTISE]->(sub:Field)-[path:SUBFIELD_OF*0..3]->(f:Field)
WHERE f.code IN $codes
RETURN e.id AS expert_id, f.code AS ref, f.name_vi AS label, sub.code AS sub, size(path) AS depth,
       coalesce(h.confidence, 1.0) AS confidence
"""


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


def weights_param(ranking: RankingSettings, year: int) -> dict[str, Any]:
    """`$w` of the statements above: the weights the server needs to compute item strengths."""
    kinds = {
        "profile": ranking.kind_profile,
        "project": ranking.kind_project,
        "publication": ranking.kind_publication,
    }
    total = sum(kinds.values()) or 1.0
    return {
        "roles": {
            "lead": ranking.role_lead,
            "secretary": ranking.role_secretary,
            "member": ranking.role_member,
        },
        "levels": {
            "national": ranking.level_national,
            "ministerial": ranking.level_ministerial,
            "provincial": ranking.level_provincial,
            "grassroots": ranking.level_grassroots,
        },
        "year": year,
        "half_life": float(ranking.recency_half_life_years),
        "floor": ranking.semantic_floor,
        "kinds": {kind: weight / total for kind, weight in kinds.items()},
    }


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


def scores_of(rows: list[dict[str, Any]]) -> dict[str, float]:
    """The (ids, scores) lists of a `*_SCORES` statement as a dict."""
    if not rows:
        return {}
    return dict(zip(rows[0]["ids"], rows[0]["scores"], strict=True))


def roll_up(signal: str, rows: list[dict[str, Any]], ranking: RankingSettings) -> dict[str, Signal]:
    """Per expert, from item rows (`item_rows`): the same noisy-or and kind weights as the pool
    statement, with each item's share of the score kept for the explanation."""
    kind_weight = {
        "profile": ranking.kind_profile,
        "project": ranking.kind_project,
        "publication": ranking.kind_publication,
    }
    per: dict[str, dict[str, dict[str, Item]]] = defaultdict(lambda: defaultdict(dict))
    for r in rows:
        strength = min(1.0, r["strength"])
        if strength <= 0:
            continue
        ref = str(r["ref"])
        kept = per[r["expert_id"]][r["kind"]].get(ref)
        if kept is None or kept.strength < strength:
            item = Item(signal, r["kind"], ref, str(r["label"] or ""), _detail(r), strength)
            per[r["expert_id"]][r["kind"]][ref] = item
    total_weight = sum(kind_weight.values()) or 1.0
    return {eid: _combine(kinds, kind_weight, total_weight) for eid, kinds in per.items()}


def label_params(items: dict[str, list[list[Any]]]) -> dict[str, Any]:
    """`EVIDENCE_LABELS`'s parameters for the pool's items (signal, kind, ref, strength) per expert."""
    keys: dict[str, set[Any]] = {"profile": set(), "project": set(), "publication": set()}
    for eid, found in items.items():
        for _, kind, ref, _ in found:
            keys[kind].add((eid, ref) if kind == "project" else ref)
    return {
        "profiles": sorted(keys["profile"]),
        "projects": [list(pair) for pair in sorted(keys["project"])],
        "publications": sorted(keys["publication"]),
    }


def item_rows(
    items: dict[str, list[list[Any]]], labels: dict[str, Any], ranking: RankingSettings
) -> dict[str, list[dict[str, Any]]]:
    """The pool's items of the page's experts as `roll_up` rows per signal, labelled from
    `EVIDENCE_LABELS`. Should an expert hold two memberships of one project, the stronger role is
    the one the pool's maximum came from."""
    roles = {"lead": ranking.role_lead, "secretary": ranking.role_secretary, "member": ranking.role_member}
    profiles = {eid: (lexical, semantic) for eid, lexical, semantic in labels["profiles"]}
    projects: dict[tuple[str, str], tuple[Any, Any, Any, Any]] = {}
    for eid, code, title, role, level, year in labels["projects"]:
        kept = projects.get((eid, code))
        weight = roles.get(role, ranking.role_member)
        if kept is None or weight > roles.get(kept[1], ranking.role_member):
            projects[(eid, code)] = (title, role, level, year)
    publications = {wid: (title, year) for wid, title, year in labels["publications"]}
    rows: dict[str, list[dict[str, Any]]] = {"lexical": [], "semantic": []}
    for eid, found in items.items():
        for signal, kind, ref, strength in found:
            role = level = year = None
            if kind == "profile":
                label = profiles.get(ref, (None, None))[0 if signal == "lexical" else 1]
            elif kind == "project":
                label, role, level, year = projects.get((eid, ref), (None, None, None, None))
            else:
                label, year = publications.get(ref, (None, None))
            rows[signal].append(
                {
                    "expert_id": eid,
                    "kind": kind,
                    "ref": ref,
                    "strength": strength,
                    "label": label,
                    "role": role,
                    "level": level,
                    "year": year,
                }
            )
    return rows


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


def subfield_strengths(
    rows: list[dict[str, Any]], strengths: dict[str, float], ranking: RankingSettings
) -> dict[str, dict[str, float]]:
    """From `FIELD_TREE`: subfield code -> {query field code: strength x discount per level down}."""
    subs: dict[str, dict[str, float]] = defaultdict(dict)
    if rows:
        row = rows[0]
        for sub, code, depth in zip(row["subs"], row["codes"], row["depths"], strict=True):
            strength = strengths.get(code, 0.0) * ranking.subfield_discount**depth
            if strength > subs[sub].get(code, 0.0):
                subs[sub][code] = strength
    return dict(subs)


def field_strengths(matched: dict[str, float]) -> dict[str, float]:
    """Each query field's strength in [0, 1]: a named field (raw < 0) counts 1, a keyword match
    relative to the best keyword match."""
    best = max(matched.values(), default=0.0)
    return {code: 1.0 if raw < 0 else (raw / best if best > 0 else 0.0) for code, raw in matched.items()}


def field_signal(
    rows: list[dict[str, Any]], strengths: dict[str, float], ranking: RankingSettings
) -> dict[str, Signal]:
    """Field-tree relevance from `FIELD_ROWS`: the field's strength (`field_strengths`), times
    `subfield_discount` for each level down the tree and the confidence of the expertise link."""
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
