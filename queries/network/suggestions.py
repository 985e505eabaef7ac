"""Whom to introduce to whom: link prediction on a collaboration projection, each pair with its reason.

Score = Adamic–Adar + FIELD_BONUS × Jaccard(fields). Adamic–Adar sums 1 / ln(degree) over the common
neighbours, so an acquaintance shared through a small team counts more than one through a hub;
the field term (0..1, the share of the two sets of field codes they have in common) prefers pairs who
work on the same things. Only pairs two steps apart are candidates: people with nobody in common are
left to the isolated-intellectuals list of the gaps. Hubs with more than HUB_DEGREE ties are skipped
as go-betweens (they add at most 1/ln(HUB_DEGREE) per pair and would cost degree² pairs each).
"""

from __future__ import annotations

import math
from collections import defaultdict
from dataclasses import dataclass

from graph.errors import NetworkNodeNotFound
from queries.network.analysis import Analysis

FIELD_BONUS = 1.0
HUB_DEGREE = 300


@dataclass
class Suggestion:
    a: str
    a_name: str
    b: str
    b_name: str
    score: float  # Adamic–Adar (0..∞, about 1.4 per shared partner of a pair of small teams) + field bonus
    adamic_adar: float
    common_neighbours: list[str]  # names
    shared_fields: list[str]  # field codes
    reason: str  # in Vietnamese
    reason_en: str


def _jaccard(a: set[str], b: set[str]) -> float:
    return len(a & b) / len(a | b) if a | b else 0.0


def _reason(common: list[str], fields: list[str], field_names: dict[str, str]) -> tuple[str, str]:
    shown = ", ".join(common[:3]) + (f" và {len(common) - 3} người khác" if len(common) > 3 else "")
    shown_en = ", ".join(common[:3]) + (f" and {len(common) - 3} more" if len(common) > 3 else "")
    vi = f"Có {len(common)} đối tác chung ({shown})"
    en = f"{len(common)} partner(s) in common ({shown_en})"
    if fields:
        names = " | ".join(field_names.get(f, f) for f in fields[:3])
        vi += f"; cùng chuyên ngành: {names}"
        en += f"; same field(s): {names}"
    return vi + ".", en + "."


def suggest(
    analysis: Analysis,
    field_names: dict[str, str],
    *,
    node_id: str | None = None,
    limit: int = 20,
) -> list[Suggestion]:
    """The best-scoring pairs not yet tied (those involving `node_id` when given), best first."""
    net = analysis.network
    if node_id is not None and node_id not in net.nodes:
        raise NetworkNodeNotFound(node_id, net.kind.value)
    neighbours = net.neighbours()
    aa: dict[tuple[str, str], float] = defaultdict(float)
    via: dict[tuple[str, str], list[str]] = defaultdict(list)
    for w, near in neighbours.items():
        if len(near) < 2 or len(near) > HUB_DEGREE:
            continue
        if node_id is not None and node_id not in near:
            continue
        weight = 1.0 / math.log(len(near))
        ends = sorted(near) if node_id is None else [node_id]
        for u in ends:
            for v in near:
                pair = (u, v) if u < v else (v, u)
                if u == v or (node_id is None and u > v) or v in neighbours[u]:
                    continue
                aa[pair] += weight
                via[pair].append(w)
    fields = {n: set(a.get("fields") or []) for n, a in net.nodes.items()}
    scored = []
    for (u, v), value in aa.items():
        shared = sorted(fields[u] & fields[v])
        scored.append((value + FIELD_BONUS * _jaccard(fields[u], fields[v]), value, u, v, shared))
    scored.sort(key=lambda s: (-s[0], s[2], s[3]))
    out = []
    for score, value, u, v, shared in scored[:limit]:
        common = sorted(str(net.nodes[w].get("name") or w) for w in via[(u, v)])
        vi, en = _reason(common, shared, field_names)
        out.append(
            Suggestion(
                a=u,
                a_name=str(net.nodes[u].get("name") or u),
                b=v,
                b_name=str(net.nodes[v].get("name") or v),
                score=round(score, 4),
                adamic_adar=round(value, 4),
                common_neighbours=common,
                shared_fields=shared,
                reason=vi,
                reason_en=en,
            )
        )
    return out
