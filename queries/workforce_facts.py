"""The few facts per person that history and forecasts need, grouped in the database.

People with identical facts come back as one row with a count, so the answer stays small. A person's
employment runs from their earliest `WORKS_AT.since` to, when no job is current, their latest
`until`; a person with no employment record is taken to be in the workforce from their degree on.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import LiteralString

from graph.connection import Graph
from graph.schema import DOCTORAL_DEGREES, MASTER_DEGREES

WORKFORCE_FACTS: LiteralString = """
MATCH (e:Expert)
OPTIONAL MATCH (e)-[w:WORKS_AT]->(:Organization)
WITH e, min(w.since) AS since, count(w) AS jobs,
     max(w.until) AS last_until, any(c IN collect(w.current) WHERE c) AS has_current
WITH e, since, CASE WHEN jobs = 0 OR has_current THEN null ELSE last_until END AS until,
     reduce(m = null, c IN [(e)-[:IN_SECTOR]->(s:Sector) | s.code] |
            CASE WHEN m IS NULL OR c < m THEN c ELSE m END) AS sector
RETURN e.degree AS degree, e.gender AS gender, e.ethnic_minority AS minority,
       e.birth_year AS birth_year, e.degree_year AS degree_year, since, until, sector,
       count(*) AS n
"""


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


def fetch_facts(graph: Graph) -> list[Fact]:
    return [
        Fact(
            level=degree_level(r["degree"]),
            gender=r["gender"],
            minority=r["minority"],
            birth_year=r["birth_year"],
            degree_year=r["degree_year"],
            since=r["since"],
            until=r["until"],
            sector=r["sector"],
            n=r["n"],
        )
        for r in graph.read(WORKFORCE_FACTS)
    ]
