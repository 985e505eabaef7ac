"""The fields a search can be narrowed to: the top two levels of the Vietnamese classification.

Level 3 has hundreds of entries, too many for one drop-down; the search includes subfields, so a
level-2 choice already reaches every level-3 expert below it.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import LiteralString

from graph.connection import Graph

FIELD_CHOICES: LiteralString = """
MATCH (f:Field) WHERE f.level <= $max_level
RETURN f.code AS code, f.name_vi AS name_vi, f.name_en AS name_en, f.level AS level
ORDER BY f.code
"""


@dataclass(frozen=True)
class FieldChoice:
    code: str
    name_vi: str
    name_en: str | None
    level: int


def list_field_choices(graph: Graph, max_level: int = 2) -> list[FieldChoice]:
    """Fields of level <= `max_level`, ordered by code so subfields follow their parent."""
    return [FieldChoice(**row) for row in graph.read(FIELD_CHOICES, {"max_level": max_level})]
