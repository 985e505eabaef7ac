"""SVG pictures a person can look at: an ego network and the map of communities.

An ego network is laid out by networkx's spring layout with a fixed seed, so the same data draws the
same picture; communities sit on a ring, largest first, so that big circles never cover each other.
Nodes are coloured by community, drawn as circles (people) or squares (bodies, sectors), sized by
weighted degree and labelled with their Vietnamese names; stronger ties are drawn thicker.
"""

from __future__ import annotations

import math
from collections import defaultdict
from html import escape

import networkx as nx

from queries.network.analysis import Analysis
from queries.network.ego import Ego
from queries.network.summaries import Community

SEED = 45
WIDTH, HEIGHT, MARGIN = 1100, 800, 90
PALETTE = (
    "#1f77b4", "#ff7f0e", "#2ca02c", "#d62728", "#9467bd", "#8c564b",
    "#e377c2", "#17becf", "#bcbd22", "#7f7f7f", "#393b79", "#637939",
)  # fmt: skip
FONT = "Noto Sans, DejaVu Sans, Arial, sans-serif"


def colour(community: int) -> str:
    return PALETTE[community % len(PALETTE)]


def _positions(g: nx.Graph) -> dict[str, tuple[float, float]]:
    if g.number_of_nodes() == 0:
        return {}
    k = 2.0 / math.sqrt(g.number_of_nodes())
    raw = nx.spring_layout(g, seed=SEED, weight="weight", k=k, iterations=100)
    xs = [p[0] for p in raw.values()]
    ys = [p[1] for p in raw.values()]
    span_x = (max(xs) - min(xs)) or 1.0
    span_y = (max(ys) - min(ys)) or 1.0
    return {
        n: (
            MARGIN + (p[0] - min(xs)) / span_x * (WIDTH - 2 * MARGIN),
            MARGIN + 30 + (p[1] - min(ys)) / span_y * (HEIGHT - 2 * MARGIN - 30),
        )
        for n, p in raw.items()
    }


def _ring(names: list[str]) -> dict[str, tuple[float, float]]:
    """Communities on an ellipse, largest at the top, clockwise: big circles never cover each other."""
    cx, cy = WIDTH / 2, HEIGHT / 2 + 30
    rx, ry = WIDTH / 2 - 170, HEIGHT / 2 - 130
    n = max(len(names), 1)
    return {
        name: (cx + rx * math.sin(2 * math.pi * i / n), cy - ry * math.cos(2 * math.pi * i / n))
        for i, name in enumerate(names)
    }


def _header(title: str, subtitle: str) -> list[str]:
    return [
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{WIDTH}" height="{HEIGHT}" '
        f'viewBox="0 0 {WIDTH} {HEIGHT}" font-family="{FONT}">',
        f'<rect width="{WIDTH}" height="{HEIGHT}" fill="#ffffff"/>',
        f'<text x="20" y="32" font-size="20" font-weight="bold">{escape(title)}</text>',
        f'<text x="20" y="54" font-size="13" fill="#555">{escape(subtitle)}</text>',
    ]


def _shape(x: float, y: float, r: float, fill: str, square: bool, stroke: str, width: float) -> str:
    if square:
        return (
            f'<rect x="{x - r:.1f}" y="{y - r:.1f}" width="{2 * r:.1f}" height="{2 * r:.1f}" rx="3" '
            f'fill="{fill}" stroke="{stroke}" stroke-width="{width}"/>'
        )
    return (
        f'<circle cx="{x:.1f}" cy="{y:.1f}" r="{r:.1f}" fill="{fill}" '
        f'stroke="{stroke}" stroke-width="{width}"/>'
    )


def _label(x: float, y: float, r: float, text: str, size: int, bold: bool = False) -> str:
    weight = ' font-weight="bold"' if bold else ""
    return (
        f'<text x="{x:.1f}" y="{y + r + size + 1:.1f}" font-size="{size}" text-anchor="middle"{weight} '
        f'paint-order="stroke" stroke="#fff" stroke-width="3">{escape(text)}</text>'
    )


def ego_svg(ego: Ego) -> str:
    g = nx.Graph()
    for n in ego.nodes:
        g.add_node(n.id)
    for t in ego.ties:
        g.add_edge(t.source, t.target, weight=t.weight)
    pos = _positions(g)
    center = next(n for n in ego.nodes if n.id == ego.center)
    top_weight = max((t.weight for t in ego.ties), default=1.0) or 1.0
    top_strength = max((n.strength for n in ego.nodes), default=1.0) or 1.0
    many = len(ego.nodes) > 40
    title = f"Mạng lưới cộng tác của {center.name}"
    subtitle = (
        f"{len(ego.nodes) - 1} đối tác trong phạm vi {ego.depth} bước, {len(ego.ties)} liên kết · "
        f"màu = cộng đồng, tròn = trí thức, vuông = tổ chức · phiên bản dữ liệu {ego.graph_version}"
        + (" · đã rút gọn" if ego.truncated else "")
    )
    out = _header(title, subtitle)
    for t in ego.ties:
        (x1, y1), (x2, y2) = pos[t.source], pos[t.target]
        w = 0.6 + 4.0 * t.weight / top_weight
        out.append(
            f'<line x1="{x1:.1f}" y1="{y1:.1f}" x2="{x2:.1f}" y2="{y2:.1f}" stroke="#999" '
            f'stroke-opacity="0.6" stroke-width="{w:.2f}"/>'
        )
    for n in sorted(ego.nodes, key=lambda n: -n.distance):
        x, y = pos[n.id]
        r = 18.0 if n.id == ego.center else 5.0 + 9.0 * math.sqrt(n.strength / top_strength)
        square = n.kind != "expert"
        stroke, width = ("#000", 3.0) if n.id == ego.center else ("#fff", 1.5)
        out.append(_shape(x, y, r, colour(n.community), square, stroke, width))
        if n.id == ego.center or n.distance == 1 or not many:
            out.append(_label(x, y, r, n.name, 14 if n.id == ego.center else 11, n.id == ego.center))
    out.append("</svg>")
    return "\n".join(out)


def communities_svg(analysis: Analysis, summaries: list[Community], largest: int = 20) -> str:
    """One node per community (the `largest` of two members or more), tied by the ties between them."""
    shown = summaries[:largest]
    ids = {c.id for c in shown}
    m = analysis.measures
    index = m.index()
    between: defaultdict[tuple[int, int], float] = defaultdict(float)
    for (u, v), tie in analysis.network.edges.items():
        ca, cb = m.community[index[u]], m.community[index[v]]
        if ca != cb and ca in ids and cb in ids:
            between[(min(ca, cb), max(ca, cb))] += tie["weight"]
    pos = _ring([str(c.id) for c in shown])
    top_size = max((c.size for c in shown), default=1)
    top_weight = max(between.values(), default=1.0) or 1.0
    title = f"Các cộng đồng cộng tác ({analysis.network.kind.value})"
    subtitle = (
        f"{len(shown)} cộng đồng lớn nhất (Leiden), độ lớn = số thành viên, nét = mức liên kết giữa hai cộng "
        f"đồng · modularity {m.modularity:.2f} · phiên bản dữ liệu {analysis.version.label}"
    )
    out = _header(title, subtitle)
    for (a, b), w in sorted(between.items()):
        (x1, y1), (x2, y2) = pos[str(a)], pos[str(b)]
        out.append(
            f'<line x1="{x1:.1f}" y1="{y1:.1f}" x2="{x2:.1f}" y2="{y2:.1f}" stroke="#888" '
            f'stroke-opacity="0.5" stroke-width="{0.8 + 8.0 * w / top_weight:.2f}"/>'
        )
    for c in shown:
        x, y = pos[str(c.id)]
        r = 10.0 + 30.0 * math.sqrt(c.size / top_size)
        out.append(_shape(x, y, r, colour(c.id), False, "#fff", 2.0))
        out.append(
            f'<text x="{x:.1f}" y="{y + 5:.1f}" font-size="14" font-weight="bold" text-anchor="middle" '
            f'fill="#fff">{c.size}</text>'
        )
        field = c.main_fields[0].name if c.main_fields else ""
        lead = c.top_members[0].name if c.top_members else ""
        out.append(_label(x, y, r, f"Cộng đồng {c.id}: {field}", 12, True))
        out.append(_label(x, y + 15, r, lead, 11))
    out.append("</svg>")
    return "\n".join(out)
