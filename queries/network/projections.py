"""Projections of the graph into weighted, undirected networks, read straight from Neo4j.

A tie's weight is the sum, over the projects and publications that make it, of a recency factor
`0.5 ** (years_ago / HALF_LIFE_YEARS)` (`ties.recency`): a joint project ending this year counts 1,
one that ended five years ago 0.5, ten years ago 0.25. So two old projects weigh about as much as
one recent one. An item with no year counts as one half-life old. Counts and the last year are kept
beside the weight.

Neo4j returns one row per project or paper with its members, and `ties.PairInstances` forms the
pairs: a Cypher pattern over every pair of partners of every project cost 238 s on CORDIS
(`pairwise.py` keeps it as the reference the tests compare against).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from typing import Any, LiteralString, Protocol

from graph.connection import Graph
from graph.sectors import SECTORS
from queries.network.filters import NetworkFilter, ProjectionKind, cypher_params
from queries.network.ties import PairInstances, new_tie

# One row per project or paper with its members; `ties.PairInstances` forms the pairs. Projects and
# papers filter as ties do: by period, sector and field.
PROJECT_MEMBER_LISTS: LiteralString = """
MATCH (p:Project)
WHERE ($year_from IS NULL OR coalesce(p.end_year, p.start_year) >= $year_from)
  AND ($year_to IS NULL OR p.start_year <= $year_to)
  AND ($sector IS NULL OR EXISTS { (p)-[:IN_SECTOR]->(:Sector {code: $sector}) })
  AND ($field IS NULL OR EXISTS { (p)-[:ABOUT]->(:Field)-[:SUBFIELD_OF*0..3]->(:Field {code: $field}) })
WITH p, [(e:Expert)-[:MEMBER_OF]->(p) | e.id] AS members
WHERE size(members) > 1
RETURN coalesce(p.end_year, p.start_year) AS year, members
"""
# A publication has no sector of its own: it is of a sector when it is about one of the sector's fields.
PUBLICATION_AUTHOR_LISTS: LiteralString = """
MATCH (w:Publication)
WHERE ($year_from IS NULL OR w.year >= $year_from)
  AND ($year_to IS NULL OR w.year <= $year_to)
  AND ($sector IS NULL OR EXISTS { (w)-[:ABOUT]->(f:Field)
                                   WHERE any(c IN $sector_fields WHERE f.code STARTS WITH c) })
  AND ($field IS NULL OR EXISTS { (w)-[:ABOUT]->(:Field)-[:SUBFIELD_OF*0..3]->(:Field {code: $field}) })
WITH w, [(e:Expert)-[:AUTHORED]->(w) | e.id] AS members
WHERE size(members) > 1
RETURN w.year AS year, members
"""
EXPERT_NODES: LiteralString = """
MATCH (e:Expert)
OPTIONAL MATCH (e)-[:WORKS_AT {current: true}]->(o:Organization)
WITH e, head(collect(o)) AS o
WHERE $provinces IS NULL OR o.province IN $provinces
RETURN e.id AS id, e.name AS name, o.id AS org_id, o.name AS org_name, o.kind AS org_kind,
       o.province AS province,
       head([(e)-[:IN_SECTOR]->(s:Sector) | s.code]) AS sector,
       [(e)-[:HAS_EXPERTISE]->(f:Field) | f.code] AS fields,
       ($sector IS NULL OR EXISTS { (e)-[:IN_SECTOR]->(:Sector {code: $sector}) })
       AND ($field IS NULL OR EXISTS {
             (e)-[:HAS_EXPERTISE]->(:Field)-[:SUBFIELD_OF*0..3]->(:Field {code: $field}) }) AS own_match
"""

PROJECT_PARTNER_LISTS: LiteralString = """
MATCH (p:Project)
WHERE ($year_from IS NULL OR coalesce(p.end_year, p.start_year) >= $year_from)
  AND ($year_to IS NULL OR p.start_year <= $year_to)
  AND ($sector IS NULL OR EXISTS { (p)-[:IN_SECTOR]->(:Sector {code: $sector}) })
  AND ($field IS NULL OR EXISTS { (p)-[:ABOUT]->(:Field)-[:SUBFIELD_OF*0..3]->(:Field {code: $field}) })
WITH p, [(o:Organization)-[:PARTNER_IN]->(p) | o.id] AS members
WHERE size(members) > 1
RETURN coalesce(p.end_year, p.start_year) AS year, members
"""
# An organization is "of" a sector or field when it took part in a project of it.
ORGANIZATION_NODES: LiteralString = """
MATCH (o:Organization)
WHERE $provinces IS NULL OR o.province IN $provinces
RETURN o.id AS id, o.name AS name, o.kind AS kind, o.province AS province,
       o.country AS country,
       ($sector IS NULL AND $field IS NULL) OR EXISTS {
         MATCH (o)-[:PARTNER_IN]->(p:Project)
         WHERE ($sector IS NULL OR EXISTS { (p)-[:IN_SECTOR]->(:Sector {code: $sector}) })
           AND ($field IS NULL OR EXISTS {
                 (p)-[:ABOUT]->(:Field)-[:SUBFIELD_OF*0..3]->(:Field {code: $field}) }) } AS own_match
"""
# The fields of the projects an organization took part in, read from the fields' side. Read per
# organization, every partner link of every project was walked to find its few ABOUT links: 2.3M
# steps and 5 s on CORDIS, whose projects have none.
ORGANIZATION_FIELDS: LiteralString = """
MATCH (f:Field)<-[:ABOUT]-(:Project)<-[:PARTNER_IN]-(o:Organization)
RETURN o.id AS id, collect(f.code) AS fields
"""

# Expert–organization: current and past employment (a tie of weight 1, or 0.5 once it ended), and
# project work with a partner body (recency-weighted like the other ties).
PROJECT_MEMBER_AND_PARTNER_LISTS: LiteralString = """
MATCH (p:Project)
WHERE ($year_from IS NULL OR coalesce(p.end_year, p.start_year) >= $year_from)
  AND ($year_to IS NULL OR p.start_year <= $year_to)
  AND ($sector IS NULL OR EXISTS { (p)-[:IN_SECTOR]->(:Sector {code: $sector}) })
  AND ($field IS NULL OR EXISTS { (p)-[:ABOUT]->(:Field)-[:SUBFIELD_OF*0..3]->(:Field {code: $field}) })
WITH p, [(e:Expert)-[:MEMBER_OF]->(p) | e.id] AS experts,
     [(o:Organization)-[:PARTNER_IN]->(p) | o.id] AS organizations
WHERE experts <> [] AND organizations <> []
RETURN coalesce(p.end_year, p.start_year) AS year, experts, organizations
"""
EXPERT_EMPLOYMENT: LiteralString = """
MATCH (e:Expert)-[w:WORKS_AT]->(o:Organization)
RETURN e.id AS source, o.id AS target, coalesce(w.current, false) AS current
"""

EXPERT_PREFIX = "E:"
ORG_PREFIX = "O:"


@dataclass
class Network:
    """A weighted undirected network: nodes by id with their attributes, ties with weight and counts."""

    kind: ProjectionKind
    flt: NetworkFilter
    as_of: int
    nodes: dict[str, dict[str, Any]] = field(default_factory=dict)
    # (source, target) with source < target -> {"weight", "projects", "publications", "last_year", ...}
    edges: dict[tuple[str, str], dict[str, Any]] = field(default_factory=dict)

    def neighbours(self) -> dict[str, set[str]]:
        out: dict[str, set[str]] = {n: set() for n in self.nodes}
        for a, b in self.edges:
            out[a].add(b)
            out[b].add(a)
        return out


def _add_employment(net: Network, rows: Iterable[dict[str, Any]]) -> None:
    """A current job is a tie of weight 1, a past one 0.5."""
    for row in rows:
        a, b = EXPERT_PREFIX + row["source"], ORG_PREFIX + row["target"]
        if a not in net.nodes or b not in net.nodes:
            continue  # an end outside the province
        tie = net.edges.setdefault((a, b) if a < b else (b, a), new_tie())
        tie["weight"] += 1.0 if row["current"] else 0.5
        tie["employment"] += 1


class TieSource(Protocol):
    """Reads the ties that projects and papers make into `net.edges` (nodes are already in `net`)."""

    def experts(self, graph: Graph, net: Network, params: dict[str, Any]) -> None: ...

    def organizations(self, graph: Graph, net: Network, params: dict[str, Any]) -> None: ...

    def experts_organizations(self, graph: Graph, net: Network, params: dict[str, Any]) -> None: ...


class MemberListTies:
    """One row per project or paper with its members; the pairs are formed in numpy."""

    def experts(self, graph: Graph, net: Network, params: dict[str, Any]) -> None:
        made_by = ((PROJECT_MEMBER_LISTS, "projects"), (PUBLICATION_AUTHOR_LISTS, "publications"))
        for query, count_key in made_by:
            pairs = PairInstances(net.nodes)
            pairs.add_within((row["year"], row["members"]) for row in graph.read(query, params))
            pairs.merge_into(net.edges, count_key, net.as_of)

    def organizations(self, graph: Graph, net: Network, params: dict[str, Any]) -> None:
        pairs = PairInstances(net.nodes)
        rows = graph.read(PROJECT_PARTNER_LISTS, params)
        pairs.add_within((row["year"], row["members"]) for row in rows)
        pairs.merge_into(net.edges, "projects", net.as_of)

    def experts_organizations(self, graph: Graph, net: Network, params: dict[str, Any]) -> None:
        pairs = PairInstances(net.nodes)
        rows = graph.read(PROJECT_MEMBER_AND_PARTNER_LISTS, params)
        pairs.add_across(
            ((row["year"], row["experts"], row["organizations"]) for row in rows), (EXPERT_PREFIX, ORG_PREFIX)
        )
        pairs.merge_into(net.edges, "projects", net.as_of)


MEMBER_LISTS = MemberListTies()


def _keep_nodes(net: Network, flt: NetworkFilter, own: dict[str, bool]) -> None:
    """With a sector or field, drop nodes that are neither of it nor tied by it."""
    if flt.sector is None and flt.field is None:
        return
    tied = {n for pair in net.edges for n in pair}
    net.nodes = {n: a for n, a in net.nodes.items() if own.get(n) or n in tied}


def _expert_nodes(graph: Graph, params: dict[str, Any]) -> dict[str, tuple[dict[str, Any], bool]]:
    out: dict[str, tuple[dict[str, Any], bool]] = {}
    for row in graph.read(EXPERT_NODES, params):
        own = bool(row.pop("own_match"))
        out[row["id"]] = ({**row, "kind": "expert", "fields": sorted(set(row["fields"]))}, own)
    return out


def _organization_nodes(graph: Graph, params: dict[str, Any]) -> dict[str, tuple[dict[str, Any], bool]]:
    fields = {row["id"]: row["fields"] for row in graph.read(ORGANIZATION_FIELDS)}
    out: dict[str, tuple[dict[str, Any], bool]] = {}
    for row in graph.read(ORGANIZATION_NODES, params):
        own = bool(row.pop("own_match"))
        attrs = {**row, "org_kind": row["kind"], "fields": sorted(set(fields.get(row["id"], [])))}
        attrs["kind"] = "organization"
        out[row["id"]] = (attrs, own)
    return out


def _expert_network(
    graph: Graph, flt: NetworkFilter, as_of: int, params: dict[str, Any], ties: TieSource
) -> Network:
    net = Network(ProjectionKind.EXPERT, flt, as_of)
    found = _expert_nodes(graph, params)
    net.nodes = {node_id: attrs for node_id, (attrs, _) in found.items()}
    ties.experts(graph, net, params)
    _keep_nodes(net, flt, {node_id: own for node_id, (_, own) in found.items()})
    return net


def _organization_network(
    graph: Graph, flt: NetworkFilter, as_of: int, params: dict[str, Any], ties: TieSource
) -> Network:
    net = Network(ProjectionKind.ORGANIZATION, flt, as_of)
    found = _organization_nodes(graph, params)
    net.nodes = {node_id: attrs for node_id, (attrs, _) in found.items()}
    ties.organizations(graph, net, params)
    _keep_nodes(net, flt, {node_id: own for node_id, (_, own) in found.items()})
    return net


def _expert_org_network(
    graph: Graph, flt: NetworkFilter, as_of: int, params: dict[str, Any], ties: TieSource
) -> Network:
    """Bipartite; ids carry a prefix (E:, O:) because an expert and a body may share a code."""
    net = Network(ProjectionKind.EXPERT_ORGANIZATION, flt, as_of)
    own: dict[str, bool] = {}
    for prefix, found in (
        (EXPERT_PREFIX, _expert_nodes(graph, params)),
        (ORG_PREFIX, _organization_nodes(graph, params)),
    ):
        for node_id, (attrs, matched) in found.items():
            net.nodes[prefix + node_id] = {**attrs, "ref": node_id}
            own[prefix + node_id] = matched
    if flt.sector is None and flt.field is None:  # employment has no sector or field of its own
        _add_employment(net, graph.read(EXPERT_EMPLOYMENT))
    ties.experts_organizations(graph, net, params)
    _keep_nodes(net, flt, own)
    return net


def _sector_network(
    graph: Graph, flt: NetworkFilter, as_of: int, params: dict[str, Any], ties: TieSource
) -> Network:
    """Sectors tied by the expert ties that cross them; weight and count of those ties."""
    experts = _expert_network(graph, flt, as_of, params, ties)
    net = Network(ProjectionKind.SECTOR, flt, as_of)
    for s in SECTORS:
        members = sum(1 for a in experts.nodes.values() if a.get("sector") == s.code)
        net.nodes[s.code] = {
            "id": s.code,
            "name": s.name_vi,
            "name_en": s.name_en,
            "kind": "sector",
            "experts": members,
            "internal_ties": 0,
        }
    for (a, b), tie in experts.edges.items():
        sa, sb = experts.nodes[a].get("sector"), experts.nodes[b].get("sector")
        if sa is None or sb is None:
            continue
        if sa == sb:
            net.nodes[sa]["internal_ties"] += 1
            continue
        key = (sa, sb) if sa < sb else (sb, sa)
        cross = net.edges.setdefault(key, {"weight": 0.0, "ties": 0, "projects": 0, "publications": 0})
        cross["weight"] += tie["weight"]
        cross["ties"] += 1
        cross["projects"] += tie["projects"]
        cross["publications"] += tie["publications"]
    return net


_BUILDERS = {
    ProjectionKind.EXPERT: _expert_network,
    ProjectionKind.ORGANIZATION: _organization_network,
    ProjectionKind.EXPERT_ORGANIZATION: _expert_org_network,
    ProjectionKind.SECTOR: _sector_network,
}


def project(
    graph: Graph,
    kind: ProjectionKind,
    flt: NetworkFilter,
    as_of: int | None = None,
    *,
    ties: TieSource = MEMBER_LISTS,
) -> Network:
    """Read one projection out of the graph; `flt` must have passed `filters.check_filter`."""
    year = as_of if as_of is not None else date.today().year
    return _BUILDERS[kind](graph, flt, year, cypher_params(graph, flt), ties)
