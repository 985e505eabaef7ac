"""What the measures say, in terms an analyst reads: the network at a glance, communities, brokers."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from typing import Any, LiteralString

from graph.connection import Graph
from graph.sectors import SECTORS
from queries.network.analysis import Analysis

FIELD_NAMES: LiteralString = (
    "MATCH (f:Field) RETURN f.code AS code, f.name_vi AS name_vi, f.name_en AS name_en"
)

RESEARCH_KINDS = ("university", "research_institute")
TOP = 5


@dataclass
class NodeScore:
    id: str
    name: str
    kind: str  # expert, organization or sector
    org_kind: str | None
    degree: int
    strength: float
    pagerank: float
    betweenness: float
    community: int


@dataclass
class Summary:
    projection: str
    graph_version: str
    nodes: int
    edges: int
    density: float
    components: int
    largest_component: int
    isolates: int
    communities: int  # with two members or more
    modularity: float
    betweenness_method: str
    top_degree: list[NodeScore]
    top_pagerank: list[NodeScore]
    top_betweenness: list[NodeScore]


@dataclass
class Named:
    code: str
    name: str
    count: int


@dataclass
class Community:
    id: int
    size: int
    internal_ties: int
    external_ties: int
    main_fields: list[Named]
    main_organizations: list[Named]
    main_sectors: list[Named]
    kinds: dict[str, int]
    top_members: list[NodeScore]


@dataclass
class Broker:
    node: NodeScore
    communities_reached: int  # distinct communities among its neighbours, its own included
    neighbour_kinds: dict[str, int] = field(default_factory=dict)
    bridges_enterprise_research: bool = False  # ties both to enterprises and to research bodies


def _score(analysis: Analysis, i: int) -> NodeScore:
    m = analysis.measures
    attrs = analysis.network.nodes[m.ids[i]]
    return NodeScore(
        id=m.ids[i],
        name=str(attrs.get("name") or m.ids[i]),
        kind=str(attrs.get("kind")),
        org_kind=attrs.get("org_kind"),
        degree=m.degree[i],
        strength=round(m.strength[i], 4),
        pagerank=round(m.pagerank[i], 6),
        betweenness=round(m.betweenness[i], 6),
        community=m.community[i],
    )


def _top(analysis: Analysis, values: list[float] | list[int], n: int) -> list[NodeScore]:
    ids = analysis.measures.ids
    order = sorted(range(len(ids)), key=lambda i: (-values[i], ids[i]))
    return [_score(analysis, i) for i in order[:n] if values[i] > 0]


def summarize(analysis: Analysis, top: int = TOP) -> Summary:
    m, net = analysis.measures, analysis.network
    n, e = len(m.ids), len(net.edges)
    return Summary(
        projection=net.kind.value,
        graph_version=analysis.version.label,
        nodes=n,
        edges=e,
        density=round(2 * e / (n * (n - 1)), 6) if n > 1 else 0.0,
        components=len(m.component_sizes),
        largest_component=m.component_sizes[0] if m.component_sizes else 0,
        isolates=sum(1 for d in m.degree if d == 0),
        communities=sum(1 for s in m.community_sizes if s >= 2),
        modularity=round(m.modularity, 4),
        betweenness_method=m.betweenness_method,
        top_degree=_top(analysis, m.degree, top),
        top_pagerank=_top(analysis, m.pagerank, top),
        top_betweenness=_top(analysis, m.betweenness, top),
    )


def field_names(graph: Graph) -> dict[str, str]:
    return {row["code"]: row["name_vi"] or row["name_en"] or row["code"] for row in graph.read(FIELD_NAMES)}


def _level2(code: str) -> str:
    """Roll a field code up to its level-2 group (40101 → 401), where communities differ most."""
    return code[:3] if len(code) >= 3 else code


def _counted(counter: Counter[str], names: dict[str, str], n: int = 3) -> list[Named]:
    ranked = sorted(counter.items(), key=lambda kv: (-kv[1], kv[0]))[:n]
    return [Named(code, names.get(code, code), count) for code, count in ranked]


def communities(analysis: Analysis, graph: Graph, *, min_size: int = 2, limit: int = 50) -> list[Community]:
    """Communities of at least `min_size` members, largest first, each with what marks it out."""
    m, net = analysis.measures, analysis.network
    fnames = field_names(graph)
    members: dict[int, list[int]] = {}
    for i, c in enumerate(m.community):
        members.setdefault(c, []).append(i)
    index = m.index()
    internal: Counter[int] = Counter()
    external: Counter[int] = Counter()
    for a, b in net.edges:
        ca, cb = m.community[index[a]], m.community[index[b]]
        if ca == cb:
            internal[ca] += 1
        else:
            external[ca] += 1
            external[cb] += 1
    out: list[Community] = []
    for c in sorted(members):
        group = members[c]
        if len(group) < min_size or len(out) >= limit:
            continue
        attrs = [net.nodes[m.ids[i]] for i in group]
        fields: Counter[str] = Counter(_level2(f) for n in attrs for f in set(n.get("fields") or []))
        orgs: Counter[str] = Counter()
        org_names: dict[str, str] = {}
        for i, node in zip(group, attrs, strict=True):
            if node.get("kind") == "expert" and node.get("org_id"):
                orgs[node["org_id"]] += 1
                org_names[node["org_id"]] = node.get("org_name") or node["org_id"]
            elif node.get("kind") == "organization":
                orgs[str(node.get("ref") or m.ids[i])] += m.degree[i]  # bodies: ranked by ties
                org_names[str(node.get("ref") or m.ids[i])] = str(node.get("name"))
        sectors: Counter[str] = Counter(str(n["sector"]) for n in attrs if n.get("sector"))
        kinds: Counter[str] = Counter(str(n.get("org_kind") or n.get("kind")) for n in attrs)
        ranked = sorted(group, key=lambda i: (-m.pagerank[i], m.ids[i]))
        out.append(
            Community(
                id=c,
                size=len(group),
                internal_ties=internal[c],
                external_ties=external[c],
                main_fields=_counted(fields, fnames),
                main_organizations=_counted(orgs, org_names),
                main_sectors=_counted(sectors, _sector_names()),
                kinds=dict(kinds.most_common()),
                top_members=[_score(analysis, i) for i in ranked[:TOP]],
            )
        )
    return out


def _sector_names() -> dict[str, str]:
    return {s.code: s.name_vi for s in SECTORS}


def _neighbour_kind(attrs: dict[str, Any]) -> str | None:
    kind = attrs.get("org_kind")
    return str(kind) if kind else None


def brokers(analysis: Analysis, limit: int = 20) -> list[Broker]:
    """Nodes on the most shortest paths, with the groups and kinds of body they connect."""
    m, net = analysis.measures, analysis.network
    neighbours = net.neighbours()
    order = sorted(range(len(m.ids)), key=lambda i: (-m.betweenness[i], m.ids[i]))
    index = m.index()
    out: list[Broker] = []
    for i in order[:limit]:
        if m.betweenness[i] <= 0:
            break
        near = neighbours[m.ids[i]]
        kinds = Counter(k for k in (_neighbour_kind(net.nodes[x]) for x in near) if k)
        reached = {m.community[index[x]] for x in near} | {m.community[i]}
        bridges = kinds["enterprise"] > 0 and any(kinds[k] > 0 for k in RESEARCH_KINDS)
        out.append(Broker(_score(analysis, i), len(reached), dict(kinds.most_common()), bridges))
    return out
