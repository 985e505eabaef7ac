"""Where to draw an expert's collaboration network: a deterministic layout computed on the server.

The picture is plain SVG, so it shows (and its links work) without JavaScript; api/static/app.js only
adds hover highlighting. A force layout (networkx's spring layout, seeded, the expert pinned) pulls
co-workers who also work together into visible clusters; the same profile always gives the same
picture.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Any

import networkx as nx

from api.pages.render import ref_path
from queries.ego_network import Tie

SEED = 45
MARGIN_X = 80  # room for a centred name under a dot at the edge
MARGIN_Y = 30
LABELLED = 8  # the strongest ties get a name under their dot; the rest show it on hover or focus


@dataclass(frozen=True)
class NodeView:
    id: str
    name: str
    x: float
    y: float
    r: float
    projects: int
    publications: int
    url: str
    labelled: bool
    ego: bool


@dataclass(frozen=True)
class EdgeView:
    a: str
    b: str
    x1: float
    y1: float
    x2: float
    y2: float
    width: float
    ego_tie: bool


@dataclass(frozen=True)
class EgoPicture:
    width: int
    height: int
    nodes: list[NodeView]
    edges: list[EdgeView]


def _strength(coworker: dict[str, Any]) -> int:
    return int(coworker["shared_projects"]) + int(coworker["shared_publications"])


def layout(
    ego_id: str,
    ego_name: str,
    coworkers: list[dict[str, Any]],
    ties: list[Tie],
    *,
    width: int = 760,
    height: int = 420,
) -> EgoPicture:
    """Positions in SVG pixels for the expert (centre), each co-worker, and every tie among them."""
    g = nx.Graph()
    g.add_node(ego_id)
    for c in coworkers:
        g.add_edge(ego_id, c["id"], weight=_strength(c))
    known = {c["id"] for c in coworkers}
    for tie in ties:
        if tie.a in known and tie.b in known:
            g.add_edge(tie.a, tie.b, weight=tie.weight)
    raw: dict[str, tuple[float, float]] = {ego_id: (0.0, 0.0)}
    if coworkers:
        # A wide initial circle, ordered by strength, keeps the seeded result stable and readable.
        ordered = sorted(coworkers, key=lambda c: (-_strength(c), c["id"]))
        initial = {ego_id: (0.0, 0.0)}
        for i, c in enumerate(ordered):
            angle = 2 * math.pi * i / len(ordered)
            initial[c["id"]] = (math.cos(angle), math.sin(angle))
        placed = nx.spring_layout(g, pos=initial, fixed=[ego_id], seed=SEED, weight="weight", iterations=60)
        raw = {node: (float(p[0]), float(p[1])) for node, p in placed.items()}
    # Fit the bounding box of the whole picture to the canvas, so no side is left empty.
    xs = [x for x, _ in raw.values()]
    ys = [y for _, y in raw.values()]
    span_x = (max(xs) - min(xs)) or 1.0
    span_y = (max(ys) - min(ys)) or 1.0
    single = len(raw) == 1

    def at(node: str) -> tuple[float, float]:
        if single:
            return (width / 2, height / 2)
        x, y = raw[node]
        return (
            round(MARGIN_X + (x - min(xs)) / span_x * (width - 2 * MARGIN_X), 1),
            round(MARGIN_Y + (y - min(ys)) / span_y * (height - 2 * MARGIN_Y), 1),
        )

    ranked = sorted(coworkers, key=lambda c: (-_strength(c), c["id"]))
    labelled = {c["id"] for c in ranked[:LABELLED]}
    ex, ey = at(ego_id)
    nodes = [NodeView(ego_id, ego_name, ex, ey, 14.0, 0, 0, ref_path("/experts", ego_id), True, True)]
    for c in ranked:
        x, y = at(c["id"])
        radius = round(min(12.0, 5.0 + 2.0 * math.sqrt(_strength(c))), 1)
        nodes.append(
            NodeView(
                c["id"],
                c["name"],
                x,
                y,
                radius,
                int(c["shared_projects"]),
                int(c["shared_publications"]),
                ref_path("/experts", c["id"]),
                c["id"] in labelled,
                False,
            )
        )
    edges: list[EdgeView] = []
    for a, b, data in sorted(g.edges(data=True), key=lambda e: (e[0] != ego_id, e[0], e[1])):
        (x1, y1), (x2, y2) = at(a), at(b)
        weight = float(data.get("weight", 1))
        ego_tie = ego_id in (a, b)
        edges.append(EdgeView(a, b, x1, y1, x2, y2, round(min(5.0, 0.8 + math.log1p(weight)), 2), ego_tie))
    return EgoPicture(width, height, nodes, edges)
