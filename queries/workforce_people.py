"""One compact row per person, fetched once per data version, that every statistic is computed from.

Grouping by many dimensions in Cypher gives almost one group per person (11 dimensions: 1,392
groups for 1,500 people), so the database did per-person work and still shipped nearly every row.
Instead one plain read returns each person's raw facts (no variable-length paths, no aggregation),
Python derives the dimension values (a few milliseconds for thousands of people), and the result is
kept per graph version (`queries.network.cache`: count-store counts plus the `DataVersion` node every
import bumps). Every API process keeps its own copy and rebuilds it when the version changes, so
processes share no state and never serve another version's figures.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from typing import Any, LiteralString

from graph.connection import Graph
from queries.network.cache import AnalysisCache

PEOPLE: LiteralString = """
MATCH (e:Expert)
RETURN e.degree AS degree, e.academic_title AS academic_title, e.district AS district,
       e.gender AS gender, e.ethnic_minority AS ethnic_minority, e.ethnicity AS ethnicity,
       e.birth_year AS birth_year, e.degree_year AS degree_year,
       [(e)-[:IN_SECTOR]->(s:Sector) | s.code] AS sectors,
       [(e)-[w:WORKS_AT]->(o:Organization) | [o.id, o.name, w.current, w.since, w.until]] AS jobs,
       [(e)-[:HAS_EXPERTISE]->(f:Field) | f.code] AS fields
"""
LEVEL1_FIELD_NAMES: LiteralString = (
    "UNWIND $codes AS c MATCH (f:Field {code: c}) RETURN f.code AS code, f.name_vi AS name"
)


@dataclass(frozen=True)
class Member:
    """One person's raw facts; the dimension values that do not depend on the year are resolved."""

    degree: str | None
    academic_title: str | None
    district: str | None
    gender: str | None
    ethnic_minority: bool | None
    ethnicity: str | None
    birth_year: int | None
    degree_year: int | None
    sector: str | None  # the smallest sector code, so each person counts once
    organization: str | None  # the smallest id among current employers
    field: str | None  # the level-1 field (first digit of the QĐ 12/2008 code) most expertise is in
    since: int | None  # earliest employment start
    until: int | None  # latest employment end, None while any job is current or none is recorded


@dataclass(frozen=True)
class People:
    members: tuple[Member, ...]
    names: dict[str, dict[str, str]]  # dimension -> code -> display name (field, organization)


def _smallest(values: list[Any]) -> Any:
    present = [v for v in values if v is not None]
    return min(present) if present else None


def _field(codes: list[str | None]) -> str | None:
    """The level-1 field most of a person's expertise falls under; ties go to the smallest code."""
    counts = Counter(c[0] for c in codes if c)
    if not counts:
        return None
    return min(counts, key=lambda c: (-counts[c], c))


def _member(row: dict[str, Any], org_names: dict[str, str]) -> Member:
    jobs = row["jobs"]
    current = [j for j in jobs if j[2]]
    organization = _smallest([j[0] for j in current])
    if organization is not None:
        org_names[organization] = next(j[1] for j in current if j[0] == organization)
    ended = [j[4] for j in jobs if j[4] is not None]
    return Member(
        degree=row["degree"],
        academic_title=row["academic_title"],
        district=row["district"],
        gender=row["gender"],
        ethnic_minority=row["ethnic_minority"],
        ethnicity=row["ethnicity"],
        birth_year=row["birth_year"],
        degree_year=row["degree_year"],
        sector=_smallest(row["sectors"]),
        organization=organization,
        field=_field(row["fields"]),
        since=_smallest([j[3] for j in jobs]),
        until=None if not jobs or current or not ended else max(ended),
    )


def read_people(graph: Graph) -> People:
    """Read every person from the graph (uncached; `people` is the cached entry point)."""
    org_names: dict[str, str] = {}
    members = tuple(_member(row, org_names) for row in graph.read(PEOPLE))
    codes = sorted({m.field for m in members if m.field is not None})
    field_names = {r["code"]: r["name"] for r in graph.read(LEVEL1_FIELD_NAMES, {"codes": codes})}
    return People(members, {"field": field_names, "organization": org_names})


CACHE = AnalysisCache(max_entries=16)  # the people of a version, and forecasts of a few years


def people(graph: Graph) -> People:
    """Every person's facts as of the graph's current version (read again when the version changes)."""
    return CACHE.get_or_compute(graph, ("workforce-people",), lambda _version: read_people(graph))
