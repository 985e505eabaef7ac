"""Declared conflicts of interest: ties the graph cannot see (family, thesis supervisor, student).

Stored once per unordered pair as (Expert)-[:CONFLICT_WITH {kind, reason, since, until}]->(Expert),
from the lower id to the higher, so declaring the same tie from either side updates one relationship.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import LiteralString

from graph.connection import Graph
from graph.errors import ExpertNotFound, UnknownReference
from graph.text import normalize

DECLARE: LiteralString = """
MATCH (a:Expert {id: $low}), (b:Expert {id: $high})
MERGE (a)-[c:CONFLICT_WITH]->(b)
SET c.kind = $kind, c.reason = $reason, c.since = $since, c.until = $until,
    c.declared_by = $declared_by
RETURN count(c) AS n
"""
LIST_DECLARED: LiteralString = """
MATCH (e:Expert {id: $id})
OPTIONAL MATCH (e)-[c:CONFLICT_WITH]-(other:Expert)
RETURN e.id AS id, collect(CASE WHEN c IS NULL THEN null ELSE
  {other_id: other.id, other_name: other.name, kind: c.kind, reason: c.reason, since: c.since,
   until: c.until, declared_by: c.declared_by} END) AS ties
"""
EXPERT_EXISTS: LiteralString = (
    "UNWIND $ids AS id OPTIONAL MATCH (e:Expert {id: id}) RETURN id, e IS NOT NULL AS ok"
)


@dataclass(frozen=True)
class DeclaredConflict:
    other_id: str
    other_name: str | None
    kind: str
    reason: str | None
    since: int | None
    until: int | None
    declared_by: str | None


def declare_conflict(
    graph: Graph,
    expert_id: str,
    other_id: str,
    kind: str,
    *,
    reason: str | None = None,
    since: int | None = None,
    until: int | None = None,
    declared_by: str | None = None,
) -> list[DeclaredConflict]:
    """Record (or update) the tie and return the expert's declared conflicts."""
    if expert_id == other_id:
        raise UnknownReference("conflict partner (an expert cannot conflict with themself)", [other_id])
    found = graph.read(EXPERT_EXISTS, {"ids": [expert_id, other_id]})
    if not found[0]["ok"]:
        raise ExpertNotFound(expert_id)
    if not found[1]["ok"]:
        raise UnknownReference("experts", [other_id])
    low, high = sorted((expert_id, other_id))
    graph.write(
        DECLARE,
        {
            "low": low,
            "high": high,
            "kind": kind,
            "reason": normalize(reason) if reason else None,
            "since": since,
            "until": until,
            "declared_by": normalize(declared_by) if declared_by else None,
        },
    )
    return list_declared(graph, expert_id)


def list_declared(graph: Graph, expert_id: str) -> list[DeclaredConflict]:
    rows = graph.read(LIST_DECLARED, {"id": expert_id})
    if not rows:
        raise ExpertNotFound(expert_id)
    ties = [DeclaredConflict(**t) for t in rows[0]["ties"] if t is not None]
    return sorted(ties, key=lambda t: t.other_id)
