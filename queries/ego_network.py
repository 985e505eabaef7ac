"""Ties among an expert's co-workers, so a picture of their ego network shows who else works together.

The profile already lists each co-worker's tie to the expert; this adds the alter-alter ties, counted
as distinct shared projects and publications.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import LiteralString

from graph.connection import Graph

ALTER_TIES: LiteralString = """
MATCH (a:Expert) WHERE a.id IN $ids
MATCH (a)-[:MEMBER_OF|AUTHORED]->(work)<-[:MEMBER_OF|AUTHORED]-(b:Expert)
WHERE b.id IN $ids AND a.id < b.id AND (work:Project OR work:Publication)
RETURN a.id AS a, b.id AS b, count(DISTINCT work) AS weight
ORDER BY a, b
"""


@dataclass(frozen=True)
class Tie:
    a: str
    b: str
    weight: int  # distinct projects and publications the two share


def ties_among(graph: Graph, ids: list[str]) -> list[Tie]:
    """Every pair of `ids` that shares work, each pair once (a < b)."""
    if len(ids) < 2:
        return []
    return [Tie(**row) for row in graph.read(ALTER_TIES, {"ids": ids})]
