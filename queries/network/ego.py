"""An ego network: a node, the nodes within `depth` ties of it, and the ties among them."""

from __future__ import annotations

from collections import deque
from dataclasses import dataclass

from graph.errors import NetworkNodeNotFound
from queries.network.analysis import Analysis
from queries.network.projections import EXPERT_PREFIX, ORG_PREFIX

MAX_EGO_NODES = 150


@dataclass
class EgoNode:
    id: str
    name: str
    kind: str
    org_kind: str | None
    distance: int  # ties from the centre
    community: int
    degree: int
    strength: float


@dataclass
class EgoTie:
    source: str
    target: str
    weight: float
    projects: int
    publications: int
    last_year: int | None


@dataclass
class Ego:
    center: str
    depth: int
    projection: str
    graph_version: str
    truncated: bool  # more nodes were within reach than MAX_EGO_NODES; the strongest were kept
    nodes: list[EgoNode]
    ties: list[EgoTie]


def resolve_node(analysis: Analysis, node_id: str) -> str:
    """Accept a plain id in the expert–organization network too (E:/O: prefixes are ours)."""
    nodes = analysis.network.nodes
    for candidate in (node_id, EXPERT_PREFIX + node_id, ORG_PREFIX + node_id):
        if candidate in nodes:
            return candidate
    raise NetworkNodeNotFound(node_id, analysis.network.kind.value)


def ego(analysis: Analysis, node_id: str, depth: int = 1, max_nodes: int = MAX_EGO_NODES) -> Ego:
    """Breadth-first from the centre; past `max_nodes`, the nearest and then strongest nodes stay."""
    center = resolve_node(analysis, node_id)
    net, m = analysis.network, analysis.measures
    neighbours = net.neighbours()
    distance = {center: 0}
    queue = deque([center])
    while queue:
        u = queue.popleft()
        if distance[u] == depth:
            continue
        for v in neighbours[u]:
            if v not in distance:
                distance[v] = distance[u] + 1
                queue.append(v)
    index = m.index()
    ranked = sorted(distance, key=lambda n: (distance[n], -m.strength[index[n]], n))
    kept = set(ranked[:max_nodes])
    nodes = [
        EgoNode(
            id=n,
            name=str(net.nodes[n].get("name") or n),
            kind=str(net.nodes[n].get("kind")),
            org_kind=net.nodes[n].get("org_kind"),
            distance=distance[n],
            community=m.community[index[n]],
            degree=m.degree[index[n]],
            strength=round(m.strength[index[n]], 4),
        )
        for n in ranked
        if n in kept
    ]
    pairs = sorted({(a, b) for a in kept for b in neighbours[a] if b in kept and a < b})
    ties = [
        EgoTie(
            a, b, round(t["weight"], 4), t.get("projects", 0), t.get("publications", 0), t.get("last_year")
        )
        for a, b in pairs
        for t in (net.edges[(a, b)],)
    ]
    return Ego(center, depth, net.kind.value, analysis.version.label, len(distance) > len(kept), nodes, ties)
