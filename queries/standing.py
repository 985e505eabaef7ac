"""An expert's standing: the graph evidence that they are an authority, whatever the query.

Standing is in [0, 1], a weighted mean of three parts (`standing_*` weights):
- projects: Σ role x level x recency over their projects, saturating as 1 - exp(-x / project_scale);
- publications: half recency-weighted count (scale `publication_scale`), half citations (scale
  `citation_scale`), each saturating the same way;
- title and degree: GS/PGS, else doctoral, master's or other degree.
The import format has no patents or awards, so they are not part of standing.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Any, LiteralString

from graph.connection import Graph
from graph.schema import DOCTORAL_DEGREES, MASTER_DEGREES
from graph.settings import RankingSettings
from queries.relevance import Item, project_weight, recency

# The same with the query's fields already expanded to their subtrees (`$subs`, or null for all of
# the expert's work): a lookup per item instead of walking the tree from each project, which made
# standing the slowest read of a search.
STANDING_IN_SUBTREES: LiteralString = """
UNWIND $ids AS eid
MATCH (e:Expert {id: eid})
RETURN e.id AS id, e.academic_title AS academic_title, e.degree AS degree,
  [(e)-[m:MEMBER_OF]->(p:Project) WHERE $subs IS NULL OR EXISTS {
      (p)-[:ABOUT]->(f:Field) WHERE f.code IN $subs }
   | {ref: p.code, label: p.title, role: m.role, level: p.level,
      year: coalesce(p.end_year, p.start_year)}] AS projects,
  [(e)-[:AUTHORED]->(w:Publication) WHERE $subs IS NULL OR EXISTS {
      (w)-[:ABOUT]->(f:Field) WHERE f.code IN $subs }
   | {ref: w.id, label: w.title, year: w.year, citations: coalesce(w.citations, 0)}] AS publications
"""
STANDING_EVIDENCE: LiteralString = """
UNWIND $ids AS eid
MATCH (e:Expert {id: eid})
RETURN e.id AS id, e.academic_title AS academic_title, e.degree AS degree,
  [(e)-[m:MEMBER_OF]->(p:Project) WHERE $fields IS NULL OR EXISTS {
      (p)-[:ABOUT]->(:Field)-[:SUBFIELD_OF*0..3]->(f:Field) WHERE f.code IN $fields }
   | {ref: p.code, label: p.title, role: m.role, level: p.level,
      year: coalesce(p.end_year, p.start_year)}] AS projects,
  [(e)-[:AUTHORED]->(w:Publication) WHERE $fields IS NULL OR EXISTS {
      (w)-[:ABOUT]->(:Field)-[:SUBFIELD_OF*0..3]->(f:Field) WHERE f.code IN $fields }
   | {ref: w.id, label: w.title, year: w.year, citations: coalesce(w.citations, 0)}] AS publications
"""


@dataclass(frozen=True)
class Standing:
    score: float  # 0..1
    items: list[Item]  # the projects, publications and title behind it, with their shares


def _saturate(x: float, scale: float) -> float:
    return 1.0 - math.exp(-x / scale)


def title_degree(title: str | None, degree: str | None, ranking: RankingSettings) -> float:
    if title == "GS":
        return ranking.title_gs
    if title == "PGS":
        return ranking.title_pgs
    if degree in DOCTORAL_DEGREES:
        return ranking.degree_doctor
    if degree in MASTER_DEGREES:
        return ranking.degree_master
    return ranking.degree_other if degree else 0.0


def standing_of(row: dict[str, Any], ranking: RankingSettings, year: int) -> Standing:
    total = ranking.standing_projects + ranking.standing_publications + ranking.standing_title_degree
    total = total or 1.0
    weighted = [(project_weight({**p, "kind": "project"}, ranking, year), p) for p in row["projects"]]
    project_sum = sum(w for w, _ in weighted)
    project_part = ranking.standing_projects / total * _saturate(project_sum, ranking.project_scale)
    pubs = row["publications"]
    pub_sum = sum(recency(w["year"], ranking, year) for w in pubs)
    citations = sum(int(w["citations"] or 0) for w in pubs)
    pub_part = (
        ranking.standing_publications
        / total
        * 0.5
        * (_saturate(pub_sum, ranking.publication_scale) + _saturate(citations, ranking.citation_scale))
    )
    td = title_degree(row["academic_title"], row["degree"], ranking)
    td_part = ranking.standing_title_degree / total * td
    items: list[Item] = []
    for w, p in sorted(weighted, key=lambda t: (-t[0], t[1]["ref"]))[:3]:
        share = project_part * w / project_sum if project_sum else 0.0
        items.append(
            Item("standing", "project", p["ref"], p["label"], f"{p['role']} / {p['level']}", w, share)
        )
    for w in sorted(pubs, key=lambda w: (-int(w["citations"] or 0), w["ref"]))[:2]:
        share = pub_part / len(pubs) if pubs else 0.0
        items.append(
            Item("standing", "publication", w["ref"], w["label"], f"{w['citations']} trích dẫn", 1.0, share)
        )
    if td_part > 0:
        label = " ".join(x for x in (row["academic_title"], row["degree"]) if x)
        items.append(Item("standing", "title", row["id"], label, None, td, td_part))
    return Standing(min(1.0, project_part + pub_part + td_part), items)


def standings(
    graph: Graph, ids: list[str], ranking: RankingSettings, year: int, subs: list[str] | None = None
) -> dict[str, Standing]:
    """Standing of each expert in `ids`; with `subs` (the query's fields and all their subfields),
    only projects and publications about them."""
    if not ids:
        return {}
    rows = graph.read(STANDING_IN_SUBTREES, {"ids": ids, "subs": subs})
    return {r["id"]: standing_of(r, ranking, year) for r in rows}


def ceiling(title_degree: float, ranking: RankingSettings) -> float:
    """The most standing an expert with this title and degree part could have, whatever their work."""
    total = ranking.standing_projects + ranking.standing_publications + ranking.standing_title_degree
    most = (
        ranking.standing_projects
        + ranking.standing_publications
        + ranking.standing_title_degree * title_degree
    )
    return min(1.0, most / (total or 1.0))


def floor(title_degree: float, ranking: RankingSettings) -> float:
    """The least standing an expert with this title and degree part has, whatever their work: every
    other part is at least 0 (the pool statement prunes with it, queries/pool.py)."""
    total = ranking.standing_projects + ranking.standing_publications + ranking.standing_title_degree
    return ranking.standing_title_degree * title_degree / (total or 1.0)
