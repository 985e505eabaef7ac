"""The projections' former tie queries, which expand every pair of members in Cypher: the reference.

One row per pair and joint item, grouped in Neo4j. On the CORDIS organization graph that is 1.09M
pair instances grouped into 0.8M rows, 238 s of the 322 s pipeline; `projections.MemberListTies`
reads one row per project instead. Kept so that the tests can check, on known graphs and with every
filter, that the fast projection gives the same ties, and so that bench/network.py can time both.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any, LiteralString

from graph.connection import Graph
from queries.network.projections import EXPERT_PREFIX, ORG_PREFIX, Network
from queries.network.ties import new_tie, recency

EXPERT_PROJECT_TIES: LiteralString = """
MATCH (a:Expert)-[:MEMBER_OF]->(p:Project)<-[:MEMBER_OF]-(b:Expert)
WHERE a.id < b.id
  AND ($year_from IS NULL OR coalesce(p.end_year, p.start_year) >= $year_from)
  AND ($year_to IS NULL OR p.start_year <= $year_to)
  AND ($sector IS NULL OR EXISTS { (p)-[:IN_SECTOR]->(:Sector {code: $sector}) })
  AND ($field IS NULL OR EXISTS { (p)-[:ABOUT]->(:Field)-[:SUBFIELD_OF*0..3]->(:Field {code: $field}) })
RETURN a.id AS source, b.id AS target, collect(coalesce(p.end_year, p.start_year)) AS years,
       count(p) AS items
"""
EXPERT_PAPER_TIES: LiteralString = """
MATCH (a:Expert)-[:AUTHORED]->(w:Publication)<-[:AUTHORED]-(b:Expert)
WHERE a.id < b.id
  AND ($year_from IS NULL OR w.year >= $year_from)
  AND ($year_to IS NULL OR w.year <= $year_to)
  AND ($sector IS NULL OR EXISTS { (w)-[:ABOUT]->(f:Field)
                                   WHERE any(c IN $sector_fields WHERE f.code STARTS WITH c) })
  AND ($field IS NULL OR EXISTS { (w)-[:ABOUT]->(:Field)-[:SUBFIELD_OF*0..3]->(:Field {code: $field}) })
RETURN a.id AS source, b.id AS target, collect(w.year) AS years, count(w) AS items
"""
ORGANIZATION_TIES: LiteralString = """
MATCH (a:Organization)-[:PARTNER_IN]->(p:Project)<-[:PARTNER_IN]-(b:Organization)
WHERE a.id < b.id
  AND ($year_from IS NULL OR coalesce(p.end_year, p.start_year) >= $year_from)
  AND ($year_to IS NULL OR p.start_year <= $year_to)
  AND ($sector IS NULL OR EXISTS { (p)-[:IN_SECTOR]->(:Sector {code: $sector}) })
  AND ($field IS NULL OR EXISTS { (p)-[:ABOUT]->(:Field)-[:SUBFIELD_OF*0..3]->(:Field {code: $field}) })
RETURN a.id AS source, b.id AS target, collect(coalesce(p.end_year, p.start_year)) AS years,
       count(p) AS items
"""
EXPERT_ORG_PROJECT_TIES: LiteralString = """
MATCH (e:Expert)-[:MEMBER_OF]->(p:Project)<-[:PARTNER_IN]-(o:Organization)
WHERE ($year_from IS NULL OR coalesce(p.end_year, p.start_year) >= $year_from)
  AND ($year_to IS NULL OR p.start_year <= $year_to)
  AND ($sector IS NULL OR EXISTS { (p)-[:IN_SECTOR]->(:Sector {code: $sector}) })
  AND ($field IS NULL OR EXISTS { (p)-[:ABOUT]->(:Field)-[:SUBFIELD_OF*0..3]->(:Field {code: $field}) })
RETURN e.id AS source, o.id AS target, collect(coalesce(p.end_year, p.start_year)) AS years,
       count(p) AS items
"""


def _add_ties(
    net: Network, rows: Iterable[dict[str, Any]], count_key: str, prefix: tuple[str, str] = ("", "")
) -> None:
    for row in rows:
        a, b = prefix[0] + row["source"], prefix[1] + row["target"]
        if a not in net.nodes or b not in net.nodes:
            continue  # an end outside the province
        tie = net.edges.setdefault((a, b) if a < b else (b, a), new_tie())
        years = row["years"]
        # collect() drops nulls: items without a year are the difference, at one half-life each.
        unknown = int(row["items"]) - len(years)
        tie["weight"] += sum(recency(y, net.as_of) for y in years) + unknown * recency(None, net.as_of)
        tie[count_key] += int(row["items"])
        known = [int(y) for y in years if y is not None]
        if known:
            tie["last_year"] = max([*known, tie["last_year"] or 0])


class PairwiseTies:
    """A `projections.TieSource` that groups the pairs in Cypher (the former, slow way)."""

    def experts(self, graph: Graph, net: Network, params: dict[str, Any]) -> None:
        _add_ties(net, graph.read(EXPERT_PROJECT_TIES, params), "projects")
        _add_ties(net, graph.read(EXPERT_PAPER_TIES, params), "publications")

    def organizations(self, graph: Graph, net: Network, params: dict[str, Any]) -> None:
        _add_ties(net, graph.read(ORGANIZATION_TIES, params), "projects")

    def experts_organizations(self, graph: Graph, net: Network, params: dict[str, Any]) -> None:
        rows = graph.read(EXPERT_ORG_PROJECT_TIES, params)
        _add_ties(net, rows, "projects", (EXPERT_PREFIX, ORG_PREFIX))


PAIRWISE = PairwiseTies()
