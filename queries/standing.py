"""An expert's standing: the graph evidence that they are an authority, whatever the query.

Standing is in [0, 1], a weighted mean of five parts (`standing_*` weights):
- projects: Σ role x level x recency over their projects, saturating as 1 - exp(-x / project_scale);
- publications: half recency-weighted count (scale `publication_scale`), half citations (scale
  `citation_scale`), each saturating the same way;
- patents: Σ status x kind x recency (granted > filed; invention > utility solution), scale
  `patent_scale`;
- awards: Σ level x recency (international > national > ... > grassroots), scale `award_scale`;
- title and degree: GS/PGS, else doctoral, master's or other degree.
Projects, publications, patents and awards count only when ABOUT the query's fields (or subfields).
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any, LiteralString

from graph.connection import Graph, packed
from graph.schema import DOCTORAL_DEGREES, MASTER_DEGREES
from graph.settings import RankingSettings
from queries.relevance import Item, project_weight, recency

# The same with the query's fields already expanded to their subtrees (`$subs`, or null for all of
# the expert's work): a lookup per item instead of walking the tree from each project, which made
# standing the slowest read of a search. An expert's relationships are one chain (a sparse node), so
# each typed pattern walked all of it: one walk over the four types reads it once, and an item's
# ABOUT target is compared with the subtrees' nodes, found once, instead of reading its label and
# code (40% fewer db hits; items keep their order within each type).
STANDING_IN_SUBTREES: LiteralString = """
OPTIONAL MATCH (f:Field) WHERE f.code IN $subs
WITH collect(f) AS about
UNWIND $ids AS eid
MATCH (e:Expert {id: eid})
CALL {
  WITH e, about
  OPTIONAL MATCH (e)-[r:MEMBER_OF|AUTHORED|INVENTED|RECEIVED]->(x)
  WHERE $subs IS NULL OR EXISTS { (x)-[:ABOUT]->(f) WHERE f IN about }
  WITH r, x, type(r) AS t
  RETURN
    collect(CASE WHEN t = 'MEMBER_OF' AND x:Project THEN {ref: x.code, label: x.title, role: r.role,
            level: x.level, year: coalesce(x.end_year, x.start_year)} END) AS projects,
    collect(CASE WHEN t = 'AUTHORED' AND x:Publication THEN {ref: x.id, label: x.title, year: x.year,
            citations: coalesce(x.citations, 0)} END) AS publications,
    collect(CASE WHEN t = 'INVENTED' AND x:Patent THEN {ref: x.id, label: x.title, kind: x.kind,
            status: x.status, year: coalesce(x.year, x.grant_year, x.filing_year)} END) AS patents,
    collect(CASE WHEN t = 'RECEIVED' AND x:Award THEN {ref: x.id, label: x.name, level: x.level,
            year: x.year} END) AS awards
}
RETURN e.id AS id, e.academic_title AS academic_title, e.degree AS degree,
       projects, publications, patents, awards
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
   | {ref: w.id, label: w.title, year: w.year, citations: coalesce(w.citations, 0)}] AS publications,
  [(e)-[:INVENTED]->(t:Patent) WHERE $fields IS NULL OR EXISTS {
      (t)-[:ABOUT]->(:Field)-[:SUBFIELD_OF*0..3]->(f:Field) WHERE f.code IN $fields }
   | {ref: t.id, label: t.title, kind: t.kind, status: t.status,
      year: coalesce(t.year, t.grant_year, t.filing_year)}] AS patents,
  [(e)-[:RECEIVED]->(a:Award) WHERE $fields IS NULL OR EXISTS {
      (a)-[:ABOUT]->(:Field)-[:SUBFIELD_OF*0..3]->(f:Field) WHERE f.code IN $fields }
   | {ref: a.id, label: a.name, level: a.level, year: a.year}] AS awards
"""


@dataclass(frozen=True)
class Standing:
    score: float  # 0..1
    explain: Callable[[], list[Item]] = field(repr=False, compare=False)

    @cached_property
    def items(self) -> list[Item]:
        """The projects, publications, patents, awards and title behind the score, with shares: built
        when asked, since a search scores a few hundred experts' standing and shows twenty."""
        return self.explain()


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


def _total(ranking: RankingSettings) -> float:
    total = (
        ranking.standing_projects
        + ranking.standing_publications
        + ranking.standing_patents
        + ranking.standing_awards
        + ranking.standing_title_degree
    )
    return total or 1.0


def patent_weight(row: dict[str, Any], ranking: RankingSettings, year: int) -> float:
    """Status x kind x recency of a patent row, in (0, 1]: a recent granted invention is 1.
    An unknown status or kind counts as the weakest one."""
    statuses = {"granted": ranking.patent_granted, "filed": ranking.patent_filed}
    kinds = {
        "invention": ranking.patent_invention,
        "plant_variety": ranking.patent_plant_variety,
        "utility_solution": ranking.patent_utility_solution,
        "industrial_design": ranking.patent_industrial_design,
    }
    status = statuses.get(row["status"], min(statuses.values()))
    kind = kinds.get(row["kind"], min(kinds.values()))
    return status * kind * recency(row["year"], ranking, year)


def award_weight(row: dict[str, Any], ranking: RankingSettings, year: int) -> float:
    """Level x recency of an award row, in (0, 1]; an unknown level counts as grassroots."""
    levels = {
        "international": ranking.award_international,
        "national": ranking.award_national,
        "ministerial": ranking.award_ministerial,
        "provincial": ranking.award_provincial,
        "grassroots": ranking.award_grassroots,
    }
    return levels.get(row["level"], ranking.award_grassroots) * recency(row["year"], ranking, year)


def _shown(
    kind: str,
    weighted: list[tuple[float, dict[str, Any]]],
    part: float,
    detail: Callable[[dict[str, Any]], str],
    top: int,
) -> list[Item]:
    """The `top` strongest items of one part, each with its share of the part."""
    total = sum(w for w, _ in weighted)
    return [
        Item("standing", kind, r["ref"], r["label"], detail(r), w, part * w / total if total else 0.0)
        for w, r in sorted(weighted, key=lambda t: (-t[0], t[1]["ref"]))[:top]
    ]


def standing_of(row: dict[str, Any], ranking: RankingSettings, year: int) -> Standing:
    total = _total(ranking)
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
    patents = [(patent_weight(t, ranking, year), t) for t in row.get("patents", [])]
    patent_part = (
        ranking.standing_patents / total * _saturate(sum(w for w, _ in patents), ranking.patent_scale)
    )
    awards = [(award_weight(a, ranking, year), a) for a in row.get("awards", [])]
    award_part = ranking.standing_awards / total * _saturate(sum(w for w, _ in awards), ranking.award_scale)
    td = title_degree(row["academic_title"], row["degree"], ranking)
    td_part = ranking.standing_title_degree / total * td

    def explain() -> list[Item]:
        items = _shown("project", weighted, project_part, lambda p: f"{p['role']} / {p['level']}", 3)
        for w in sorted(pubs, key=lambda w: (-int(w["citations"] or 0), w["ref"]))[:2]:
            share = pub_part / len(pubs) if pubs else 0.0
            items.append(
                Item(
                    "standing", "publication", w["ref"], w["label"], f"{w['citations']} trích dẫn", 1.0, share
                )
            )
        items += _shown(
            "patent", patents, patent_part, lambda t: f"{t['status'] or '?'} / {t['kind'] or '?'}", 2
        )
        items += _shown("award", awards, award_part, lambda a: f"{a['level'] or '?'} / {a['year'] or '?'}", 2)
        if td_part > 0:
            label = " ".join(x for x in (row["academic_title"], row["degree"]) if x)
            items.append(Item("standing", "title", row["id"], label, None, td, td_part))
        return items

    score = project_part + pub_part + patent_part + award_part + td_part
    return Standing(min(1.0, score), explain)


# In one record: a search reads ~70 experts' work per chunk (graph.connection.packed).
_STANDING_IN_SUBTREES = packed(
    STANDING_IN_SUBTREES, "id, academic_title, degree, projects, publications, patents, awards"
)


def standings(
    graph: Graph, ids: list[str], ranking: RankingSettings, year: int, subs: list[str] | None = None
) -> dict[str, Standing]:
    """Standing of each expert in `ids`; with `subs` (the query's fields and all their subfields),
    only projects, publications, patents and awards about them."""
    if not ids:
        return {}
    rows = graph.read(_STANDING_IN_SUBTREES, {"ids": ids, "subs": subs})
    return {r["id"]: standing_of(r, ranking, year) for r in rows}


def ceiling(title_degree: float, ranking: RankingSettings) -> float:
    """The most standing an expert with this title and degree part could have, whatever their work."""
    total = _total(ranking)
    most = total - ranking.standing_title_degree * (1.0 - title_degree)
    return min(1.0, most / total)


def floor(title_degree: float, ranking: RankingSettings) -> float:
    """The least standing an expert with this title and degree part has, whatever their work: every
    other part is at least 0 (the pool statement prunes with it, queries/pool.py)."""
    return ranking.standing_title_degree * title_degree / _total(ranking)
