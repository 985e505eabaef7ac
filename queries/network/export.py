"""A projection with its measures as files: GraphML and GEXF for Gephi, CSV for Excel.

CSV is UTF-8 with a byte-order mark, without which Excel shows Vietnamese as mojibake. Headers are
Vietnamese first with the English name in brackets. `semicolon=True` writes `;` between columns and a
decimal comma, which is what Excel expects under Vietnamese regional settings.
"""

from __future__ import annotations

import csv
import io
from typing import Any

import networkx as nx

from graph.spreadsheet import safe_cell
from queries.network.analysis import Analysis

NODE_COLUMNS = (
    ("id", "Mã (id)"),
    ("name", "Tên (name)"),
    ("kind", "Loại (kind)"),
    ("org_kind", "Loại tổ chức (organization kind)"),
    ("province", "Tỉnh (province)"),
    ("sector", "Lĩnh vực (sector)"),
    ("degree", "Số liên kết (degree)"),
    ("strength", "Liên kết có trọng số (weighted degree)"),
    ("pagerank", "PageRank"),
    ("betweenness", "Trung gian (betweenness)"),
    ("community", "Cộng đồng (community)"),
    ("component", "Thành phần liên thông (component)"),
)
EDGE_COLUMNS = (
    ("source", "Mã nguồn (source)"),
    ("source_name", "Tên nguồn (source name)"),
    ("target", "Mã đích (target)"),
    ("target_name", "Tên đích (target name)"),
    ("weight", "Trọng số (weight)"),
    ("projects", "Số đề tài chung (shared projects)"),
    ("publications", "Số công bố chung (shared publications)"),
    ("last_year", "Năm gần nhất (last year)"),
)
_SCALARS = (str, int, float, bool)


def _clean(attrs: dict[str, Any]) -> dict[str, Any]:
    """GraphML and GEXF take scalars only: lists become "a; b", unknown values are left out."""
    out: dict[str, Any] = {}
    for key, value in attrs.items():
        if isinstance(value, list | tuple | set):
            out[key] = "; ".join(str(v) for v in value)
        elif isinstance(value, _SCALARS):
            out[key] = value
    return out


def node_rows(analysis: Analysis) -> list[dict[str, Any]]:
    m, net = analysis.measures, analysis.network
    rows = []
    for i, node_id in enumerate(m.ids):
        attrs = net.nodes[node_id]
        rows.append(
            {
                **{k: attrs.get(k) for k, _ in NODE_COLUMNS},
                "id": node_id,
                "name": attrs.get("name") or node_id,
                "degree": m.degree[i],
                "strength": round(m.strength[i], 6),
                "pagerank": round(m.pagerank[i], 8),
                "betweenness": round(m.betweenness[i], 8),
                "community": m.community[i],
                "component": m.component[i],
            }
        )
    return rows


def edge_rows(analysis: Analysis) -> list[dict[str, Any]]:
    nodes = analysis.network.nodes
    return [
        {
            "source": a,
            "source_name": nodes[a].get("name") or a,
            "target": b,
            "target_name": nodes[b].get("name") or b,
            "weight": round(t["weight"], 6),
            "projects": t.get("projects", 0),
            "publications": t.get("publications", 0),
            "last_year": t.get("last_year"),
        }
        for (a, b), t in sorted(analysis.network.edges.items())
    ]


def to_networkx(analysis: Analysis) -> nx.Graph:
    g = nx.Graph(projection=analysis.network.kind.value, graph_version=analysis.version.label)
    for row in node_rows(analysis):
        attrs = {**analysis.network.nodes[row["id"]], **row}
        attrs["label"] = attrs["name"]  # the label Gephi shows
        g.add_node(row["id"], **_clean(attrs))
    for row in edge_rows(analysis):
        g.add_edge(row["source"], row["target"], **_clean({k: v for k, v in row.items() if "name" not in k}))
    return g


def graphml(analysis: Analysis) -> bytes:
    buf = io.BytesIO()
    nx.write_graphml(to_networkx(analysis), buf, encoding="utf-8")
    return buf.getvalue()


def gexf(analysis: Analysis) -> bytes:
    buf = io.BytesIO()
    nx.write_gexf(to_networkx(analysis), buf, encoding="utf-8")
    return buf.getvalue()


def _cell(value: Any, semicolon: bool) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and semicolon:
        return repr(value).replace(".", ",")
    return str(safe_cell(str(value)) if isinstance(value, str) else value)


def csv_table(analysis: Analysis, table: str, *, semicolon: bool = False) -> bytes:
    """`table` is "nodes" or "edges"; UTF-8 with BOM."""
    columns, rows = (
        (NODE_COLUMNS, node_rows(analysis)) if table == "nodes" else (EDGE_COLUMNS, edge_rows(analysis))
    )
    buf = io.StringIO()
    writer = csv.writer(buf, delimiter=";" if semicolon else ",", lineterminator="\r\n")
    writer.writerow([header for _, header in columns])
    for row in rows:
        writer.writerow([_cell(row.get(key), semicolon) for key, _ in columns])
    return ("\ufeff" + buf.getvalue()).encode("utf-8")
