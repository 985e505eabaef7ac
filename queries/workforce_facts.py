"""The few facts per person that history and forecasts need, with identical people counted once.

They come from the per-version snapshot of `queries.workforce_people`, so targets, history and
forecasts read the graph once per data version. People with identical facts become one `Fact` with a
count, which keeps the forecast's loops short. A person's employment runs from their earliest
`WORKS_AT.since` to, when no job is current, their latest `until`; a person with no employment record
is taken to be in the workforce from their degree on.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from graph.connection import Graph
from graph.schema import DOCTORAL_DEGREES, MASTER_DEGREES
from queries.workforce_people import People, people


def degree_level(degree: str | None) -> str | None:
    if degree is None:
        return None
    if degree in DOCTORAL_DEGREES:
        return "doctorate"
    if degree in MASTER_DEGREES:
        return "master"
    return "college" if degree == "CD" else "university"


@dataclass(frozen=True)
class Fact:
    level: str | None  # doctorate, master, university, college
    gender: str | None
    minority: bool | None
    birth_year: int | None
    degree_year: int | None
    since: int | None
    until: int | None
    sector: str | None
    n: int

    def employed_in(self, year: int) -> bool:
        start = self.since if self.since is not None else self.degree_year
        return (start is None or start <= year) and (self.until is None or self.until >= year)

    def holds_degree_in(self, year: int) -> bool:
        return self.degree_year is None or self.degree_year <= year


def facts_of(found: People) -> list[Fact]:
    counts = Counter(
        (
            degree_level(m.degree),
            m.gender,
            m.ethnic_minority,
            m.birth_year,
            m.degree_year,
            m.since,
            m.until,
            m.sector,
        )
        for m in found.members
    )
    return [Fact(*key, n=n) for key, n in counts.items()]


def fetch_facts(graph: Graph) -> list[Fact]:
    return facts_of(people(graph))
