"""Leading experts ("chuyên gia đầu ngành") per field and per sector, and where the province has none.

A leader's score in a field is their standing (queries/standing.py) counted only on projects,
publications, patents and awards about that field or its subfields, plus title and degree: in [0, 1].
An expert qualifies for a field when they hold it (or a subfield) as expertise. The bar
(`leader_bar`, default 0.4) is documented in docs/ranking.md: roughly, a GS/PGS or doctor who led a
provincial project in the field within the last decade, or a master who led several.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import LiteralString

from graph.connection import Graph
from graph.errors import NotFound
from graph.sectors import SECTORS
from graph.settings import RankingSettings, get_ranking
from queries.filters import reference_year
from queries.relevance import Item
from queries.standing import STANDING_EVIDENCE, standing_of

FIELD_INFO: LiteralString = """
MATCH (f:Field {code: $code})
RETURN f.code AS code, f.name_vi AS name_vi, f.name_en AS name_en, f.level AS level
"""
FIELD_EXPERT_IDS: LiteralString = """
MATCH (f:Field) WHERE f.code IN $codes
MATCH (e:Expert)-[:HAS_EXPERTISE]->(:Field)-[:SUBFIELD_OF*0..3]->(f)
RETURN DISTINCT e.id AS id
"""
SECTOR_EXPERT_IDS: LiteralString = """
MATCH (e:Expert)-[:IN_SECTOR]->(:Sector {code: $code})
RETURN e.id AS id
"""
LEADER_CARDS: LiteralString = """
UNWIND $ids AS eid
MATCH (e:Expert {id: eid})
OPTIONAL MATCH (e)-[:WORKS_AT {current: true}]->(o:Organization)
WITH e, head(collect(o)) AS o
RETURN e.id AS id, e.name AS name, e.academic_title AS academic_title, e.degree AS degree,
       o.id AS org_id, o.name AS organization, o.in_province AS in_province
"""
# Level-2 fields under the program's sector fields: the rows of the gaps table.
PROGRAM_FIELDS: LiteralString = """
MATCH (f:Field) WHERE f.code IN $codes
OPTIONAL MATCH (c:Field)-[:SUBFIELD_OF]->(f) WHERE f.level = 1
WITH collect(DISTINCT f) + collect(DISTINCT c) AS all
UNWIND all AS x
WITH DISTINCT x WHERE x.level <= 2
RETURN x.code AS code, x.name_vi AS name_vi, x.name_en AS name_en, x.level AS level
ORDER BY code
"""


@dataclass(frozen=True)
class Leader:
    id: str
    name: str
    academic_title: str | None
    degree: str | None
    org_id: str | None
    organization: str | None
    in_province: bool | None
    score: float
    evidence: list[Item]


@dataclass(frozen=True)
class Gap:
    kind: str  # field | sector
    code: str
    name_vi: str
    name_en: str | None
    experts: int  # experts holding the field (or in the sector)
    leaders: int  # of them, how many reach the bar
    best_score: float


def _ranked(graph: Graph, ids: list[str], fields: list[str] | None, ranking: RankingSettings) -> list[Leader]:
    if not ids:
        return []
    year = reference_year(ranking)
    rows = graph.read(STANDING_EVIDENCE, {"ids": ids, "fields": fields})
    scores = {r["id"]: standing_of(r, ranking, year) for r in rows}
    cards = {c["id"]: c for c in graph.read(LEADER_CARDS, {"ids": ids})}
    leaders = [
        Leader(**cards[eid], score=round(s.score, 4), evidence=s.items)
        for eid, s in scores.items()
        if eid in cards
    ]
    leaders.sort(key=lambda x: (-x.score, x.id))
    return leaders


def field_leaders(
    graph: Graph, code: str, *, limit: int = 20, ranking: RankingSettings | None = None
) -> tuple[dict[str, object], list[Leader]]:
    """The field and its experts ranked by standing within it, best first."""
    ranking = ranking or get_ranking()
    info = graph.read(FIELD_INFO, {"code": code})
    if not info:
        raise NotFound(f"no field with code {code!r} (QĐ 12/2008 codes, e.g. 401, 40101)")
    ids = [r["id"] for r in graph.read(FIELD_EXPERT_IDS, {"codes": [code]})]
    return info[0], _ranked(graph, ids, [code], ranking)[:limit]


def sector_leaders(
    graph: Graph, code: str, *, limit: int = 20, ranking: RankingSettings | None = None
) -> list[Leader]:
    """A sector's experts ranked by standing on their work in the sector's fields."""
    ranking = ranking or get_ranking()
    sector = next((s for s in SECTORS if s.code == code), None)
    if sector is None:
        raise NotFound(f"no sector {code!r}; sectors: {', '.join(s.code for s in SECTORS)}")
    ids = [r["id"] for r in graph.read(SECTOR_EXPERT_IDS, {"code": code})]
    return _ranked(graph, ids, list(sector.field_codes), ranking)[:limit]


def gaps(graph: Graph, ranking: RankingSettings | None = None) -> tuple[list[Gap], list[Gap]]:
    """(every program field and sector with its leader count, those with no leader above the bar)."""
    ranking = ranking or get_ranking()
    rows: list[Gap] = []
    for s in SECTORS:
        ids = [r["id"] for r in graph.read(SECTOR_EXPERT_IDS, {"code": s.code})]
        ranked = _ranked(graph, ids, list(s.field_codes), ranking)
        rows.append(_gap("sector", s.code, s.name_vi, s.name_en, ranked, ranking))
    codes = sorted({c for s in SECTORS for c in s.field_codes})
    for f in graph.read(PROGRAM_FIELDS, {"codes": codes}):
        ids = [r["id"] for r in graph.read(FIELD_EXPERT_IDS, {"codes": [f["code"]]})]
        ranked = _ranked(graph, ids, [f["code"]], ranking)
        rows.append(_gap("field", f["code"], f["name_vi"], f["name_en"], ranked, ranking))
    return rows, [g for g in rows if g.leaders == 0]


def _gap(
    kind: str, code: str, vi: str, en: str | None, ranked: list[Leader], ranking: RankingSettings
) -> Gap:
    leaders = sum(x.score >= ranking.leader_bar for x in ranked)
    best = ranked[0].score if ranked else 0.0
    return Gap(kind, code, vi, en, len(ranked), leaders, best)
