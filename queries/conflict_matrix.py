"""Conflicts for many proposals at once: which rules fire for every (proposal, expert) pair.

`queries.conflicts.find_conflicts` answers one proposal with its evidence, in seven queries; a batch
of 200 proposals took 1,400 of them. Here each rule is one set-based query over all proposals: the
rules tied to a proposer run once per distinct (proposer, year), the host rule once per distinct
organization, and Python joins the answers back to the proposals. The conditions are the same
expressions as in `queries.conflicts`, so the answers are the same rule sets (a test compares them
with `GET /api/v1/conflicts`); evidence is left out, since a batch only needs to know who is excluded.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Collection, Sequence
from typing import LiteralString

from graph.connection import Graph
from graph.settings import ConflictRules
from queries.conflicts import Subject

# Each query returns (pid, year, expert_id[, lifelong]) per key {pid, year, since}.
PROPOSER_BATCH: LiteralString = """
UNWIND $keys AS x
MATCH (e:Expert {id: x.pid})
RETURN DISTINCT x.pid AS pid, x.year AS year, e.id AS expert_id
"""

EMPLOYER_BATCH: LiteralString = """
UNWIND $keys AS x
MATCH (pr:Expert {id: x.pid})-[w1:WORKS_AT]->(o:Organization)<-[w2:WORKS_AT]-(e:Expert)
WHERE e <> pr
  AND (w1.current OR coalesce(w1.until, x.year) >= x.since)
  AND (w2.current OR coalesce(w2.until, x.year) >= x.since)
RETURN DISTINCT x.pid AS pid, x.year AS year, e.id AS expert_id
"""

SAME_INSTITUTION_BATCH: LiteralString = """
UNWIND $keys AS x
MATCH (pr:Expert {id: x.pid})-[:WORKS_AT {current: true}]->(o1:Organization)
OPTIONAL MATCH (o1)-[:PART_OF]->(p1:Organization) WHERE p1.kind <> 'government_agency'
WITH x, pr, coalesce(p1, o1) AS inst
MATCH (inst)<-[:PART_OF*0..1]-(o2:Organization)<-[:WORKS_AT {current: true}]-(e:Expert)
WHERE e <> pr
RETURN DISTINCT x.pid AS pid, x.year AS year, e.id AS expert_id
"""

COAUTHOR_BATCH: LiteralString = """
UNWIND $keys AS x
MATCH (pr:Expert {id: x.pid})-[:AUTHORED]->(w:Publication)<-[:AUTHORED]-(e:Expert)
WHERE e <> pr
  AND coalesce(w.year, x.year) >= x.since
  AND ($max_authors IS NULL OR COUNT { (w)<-[:AUTHORED]-(:Expert) } <= $max_authors)
RETURN DISTINCT x.pid AS pid, x.year AS year, e.id AS expert_id
"""

CO_PROJECT_BATCH: LiteralString = """
UNWIND $keys AS x
MATCH (pr:Expert {id: x.pid})-[:MEMBER_OF]->(p:Project)<-[:MEMBER_OF]-(e:Expert)
WHERE e <> pr AND coalesce(p.end_year, p.start_year, x.year) >= x.since
RETURN DISTINCT x.pid AS pid, x.year AS year, e.id AS expert_id
"""

DECLARED_BATCH: LiteralString = """
UNWIND $keys AS x
MATCH (pr:Expert {id: x.pid})-[c:CONFLICT_WITH]-(e:Expert)
WHERE e <> pr AND (c.kind IN $lifelong OR c.until IS NULL OR c.until >= x.since)
RETURN DISTINCT x.pid AS pid, x.year AS year, e.id AS expert_id, c.kind IN $lifelong AS lifelong
"""

# Host and partner organizations do not depend on the year: one key per organization.
HOST_ORGANIZATION_BATCH: LiteralString = """
UNWIND $orgs AS org
MATCH (o:Organization {id: org})<-[:PART_OF*0..2]-(u:Organization)<-[:WORKS_AT {current: true}]-(e:Expert)
RETURN DISTINCT org, e.id AS expert_id
"""

# Rule name (as in queries.conflicts.RULES), its batched query, and the ConflictRules window field.
PROPOSER_RULES: tuple[tuple[str, LiteralString, str | None], ...] = (
    ("proposer", PROPOSER_BATCH, None),
    ("employer", EMPLOYER_BATCH, "employer_years"),
    ("same_institution", SAME_INSTITUTION_BATCH, None),
    ("coauthor", COAUTHOR_BATCH, "coauthor_years"),
    ("co_project", CO_PROJECT_BATCH, "project_years"),
    ("declared", DECLARED_BATCH, "declared_years"),
)

Key = tuple[str, int]  # (proposer id, reference year)


def conflict_matrix(
    graph: Graph,
    subjects: Sequence[Subject],
    rules: ConflictRules,
    experts: Collection[str] | None = None,
) -> list[dict[str, set[str]]]:
    """For each subject, expert id -> the names of the rules that fire (only conflicted experts).

    `experts` restricts the answer (None: every expert). Same rule names as `find_conflicts`,
    including `declared_lifelong`."""
    keep = None if experts is None else set(experts)
    keys = sorted({(pid, s.year) for s in subjects for pid in s.proposers})
    by_key: dict[Key, dict[str, set[str]]] = defaultdict(lambda: defaultdict(set))
    for name, query, window in PROPOSER_RULES:
        if name in rules.disabled or not keys:
            continue
        years = getattr(rules, window) if window else 0
        params = {
            "keys": [{"pid": pid, "year": year, "since": year - years} for pid, year in keys],
            "max_authors": rules.coauthor_max_authors,
            "lifelong": list(rules.lifelong_kinds),
        }
        for row in graph.read(query, params):
            expert_id = row["expert_id"]
            if keep is None or expert_id in keep:
                rule = "declared_lifelong" if row.get("lifelong") else name
                by_key[(row["pid"], row["year"])][expert_id].add(rule)
    by_org: dict[str, set[str]] = defaultdict(set)
    orgs = sorted({org for s in subjects for org, _ in s.orgs})
    if "host_organization" not in rules.disabled and orgs:
        for row in graph.read(HOST_ORGANIZATION_BATCH, {"orgs": orgs}):
            if keep is None or row["expert_id"] in keep:
                by_org[row["org"]].add(row["expert_id"])
    answers: list[dict[str, set[str]]] = []
    for s in subjects:
        fired: dict[str, set[str]] = defaultdict(set)
        for pid in s.proposers:
            for expert_id, names in by_key.get((pid, s.year), {}).items():
                fired[expert_id] |= names
        for org, _ in s.orgs:
            for expert_id in by_org.get(org, ()):
                fired[expert_id].add("host_organization")
        answers.append(dict(fired))
    return answers
