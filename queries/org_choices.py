"""The organizations a form can name (e.g. who orders a task): a province holds a few hundred."""

from __future__ import annotations

from dataclasses import dataclass
from typing import LiteralString

from graph.connection import Graph

ORG_CHOICES: LiteralString = """
MATCH (o:Organization)
RETURN o.id AS id, o.name AS name, coalesce(o.in_province, false) AS in_province
ORDER BY in_province DESC, name, id
LIMIT $limit
"""


@dataclass(frozen=True)
class OrgChoice:
    id: str
    name: str
    in_province: bool


def list_org_choices(graph: Graph, limit: int = 2000) -> list[OrgChoice]:
    """The province's own bodies first, then the others, each by name."""
    return [OrgChoice(**row) for row in graph.read(ORG_CHOICES, {"limit": limit})]
