"""Where the network has holes: bodies and people alone, demand with too few experts, groups that never meet.

Demand is read from the graph as it is today: projects with status `proposed` (no Task or Proposal
label exists yet). Supply is the experts whose expertise is the project's field (or a subfield of
it), and of them "available" are those not on an ongoing project now.
"""

from __future__ import annotations

from dataclasses import dataclass
from itertools import combinations
from typing import LiteralString

from graph.connection import Graph
from graph.sectors import SECTORS
from queries.network.analysis import Analysis

# Enterprises that share no project with a university or research institute.
ENTERPRISES_WITHOUT_RESEARCH_PARTNER: LiteralString = """
MATCH (o:Organization {kind: 'enterprise'})
WHERE ($provinces IS NULL OR o.province IN $provinces)
  AND NOT EXISTS {
    MATCH (o)-[:PARTNER_IN]->(:Project)<-[:PARTNER_IN]-(r:Organization)
    WHERE r.kind IN ['university', 'research_institute'] }
RETURN o.id AS id, o.name AS name, o.province AS province,
       COUNT { (o)-[:PARTNER_IN]->(:Project) } AS projects,
       COUNT { (:Expert)-[:WORKS_AT {current: true}]->(o) } AS staff
ORDER BY projects DESC, name
"""

# Per field of a proposed project: how many proposals, how many experts, how many not busy now.
FIELD_DEMAND: LiteralString = """
MATCH (p:Project {status: 'proposed'})-[:ABOUT]->(f:Field)
WITH f, count(DISTINCT p) AS demand
CALL {
  WITH f
  MATCH (e:Expert)-[:HAS_EXPERTISE]->(:Field)-[:SUBFIELD_OF*0..3]->(f)
  WITH DISTINCT e
  RETURN count(e) AS experts,
         count(CASE WHEN NOT EXISTS { (e)-[:MEMBER_OF]->(:Project {status: 'ongoing'}) }
                    THEN 1 END) AS available
}
RETURN f.code AS code, f.name_vi AS name, demand, experts, available
"""
SECTOR_DEMAND: LiteralString = """
MATCH (s:Sector)
CALL {
  WITH s
  OPTIONAL MATCH (p:Project {status: 'proposed'})-[:IN_SECTOR]->(s)
  RETURN count(DISTINCT p) AS demand
}
CALL {
  WITH s
  OPTIONAL MATCH (e:Expert)-[:IN_SECTOR]->(s)
  WITH DISTINCT e
  RETURN count(e) AS experts,
         count(CASE WHEN e IS NOT NULL AND NOT EXISTS {
                 (e)-[:MEMBER_OF]->(:Project {status: 'ongoing'}) } THEN 1 END) AS available
}
RETURN s.code AS code, s.name_vi AS name, demand, experts, available
"""


@dataclass
class LoneOrganization:
    id: str
    name: str
    province: str | None
    projects: int
    staff: int


@dataclass
class Demand:
    kind: str  # field or sector
    code: str
    name: str
    demand: int  # proposed projects
    experts: int
    available: int  # experts not on an ongoing project
    shortage: bool  # demand exceeds the available experts


@dataclass
class Lone:
    id: str
    name: str


@dataclass
class MissingTie:
    a: str
    a_name: str
    b: str
    b_name: str


@dataclass
class Gaps:
    graph_version: str
    enterprises_without_research_partner: list[LoneOrganization]
    demand: list[Demand]
    intellectuals_without_collaborator: int
    intellectuals_without_collaborator_sample: list[Lone]
    sector_pairs_without_tie: list[MissingTie]
    community_pairs_without_tie: list[MissingTie]


def demand_rows(graph: Graph) -> list[Demand]:
    """Fields and sectors with proposals, shortages first, then by demand per available expert."""
    rows = [Demand("field", r["code"], r["name"], r["demand"], r["experts"], r["available"], False)
            for r in graph.read(FIELD_DEMAND)]  # fmt: skip
    rows += [Demand("sector", r["code"], r["name"], r["demand"], r["experts"], r["available"], False)
             for r in graph.read(SECTOR_DEMAND) if r["demand"]]  # fmt: skip
    for row in rows:
        row.shortage = row.demand > row.available
    return sorted(rows, key=lambda r: (not r.shortage, -r.demand / max(r.available, 1), r.kind, r.code))


def missing_sector_ties(sectors: Analysis) -> list[MissingTie]:
    names = {s.code: s.name_vi for s in SECTORS}
    tied = set(sectors.network.edges)
    return [
        MissingTie(a, names[a], b, names[b])
        for a, b in combinations(sorted(names), 2)
        if (a, b) not in tied and sectors.network.nodes[a]["experts"] and sectors.network.nodes[b]["experts"]
    ]


def missing_community_ties(analysis: Analysis, largest: int = 10) -> list[MissingTie]:
    """Pairs among the `largest` communities (two members or more) with no tie between them."""
    m = analysis.measures
    big = [c for c, size in enumerate(m.community_sizes[:largest]) if size >= 2]
    index = m.index()
    tied: set[tuple[int, int]] = set()
    for a, b in analysis.network.edges:
        ca, cb = m.community[index[a]], m.community[index[b]]
        tied.add((min(ca, cb), max(ca, cb)))
    label = {c: f"Cộng đồng {c} ({m.community_sizes[c]} thành viên)" for c in big}
    return [
        MissingTie(str(a), label[a], str(b), label[b]) for a, b in combinations(big, 2) if (a, b) not in tied
    ]


def gaps(
    graph: Graph,
    experts: Analysis,
    sectors: Analysis,
    provinces: list[str] | None,
    *,
    sample: int = 50,
) -> Gaps:
    lone_orgs = [LoneOrganization(**r) for r in graph.read(ENTERPRISES_WITHOUT_RESEARCH_PARTNER,
                                                           {"provinces": provinces})]  # fmt: skip
    m = experts.measures
    isolated = [i for i, d in enumerate(m.degree) if d == 0]
    return Gaps(
        graph_version=experts.version.label,
        enterprises_without_research_partner=lone_orgs,
        demand=demand_rows(graph),
        intellectuals_without_collaborator=len(isolated),
        intellectuals_without_collaborator_sample=[
            Lone(m.ids[i], str(experts.network.nodes[m.ids[i]].get("name"))) for i in isolated[:sample]
        ],
        sector_pairs_without_tie=missing_sector_ties(sectors),
        community_pairs_without_tie=missing_community_ties(experts),
    )
