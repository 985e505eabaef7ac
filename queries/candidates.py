"""Candidates for a task: the best-matching experts without conflicts, and a team covering its fields.

Conflicts with the ordering organization exclude an expert: working there (or in one of its units
or parent bodies), working at an organization that was its partner on a project, or being overloaded
(`max_active_assignments` current tasks). Strong candidates excluded this way are listed with the
reason, so the department can see who was left out and why.

The team is the smallest set of at most `team_size` experts covering the most required fields, ties
going to the higher total match score: an exact search over the best `TEAM_POOL` eligible experts
(at most C(12, 5) = 792 sets), which is small enough to be exact.
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass
from typing import Any, LiteralString

from graph.connection import Graph
from graph.schema import ACTIVE_ASSIGNMENT_STATUSES
from graph.settings import RankingSettings, get_ranking
from queries.ranking import RankedExpert, score_experts
from queries.search import task_text
from queries.tasks import get_task

STRONG_POOL = 60  # best-scored experts checked for conflicts
TEAM_POOL = 12  # eligible experts a team is chosen from

CONFLICTS: LiteralString = """
UNWIND $ids AS eid
MATCH (e:Expert {id: eid})
RETURN e.id AS id,
  [(e)-[:WORKS_AT {current: true}]->(o:Organization)
   WHERE o.id = $org OR EXISTS { (o)-[:PART_OF*1..3]->(:Organization {id: $org}) }
      OR EXISTS { (:Organization {id: $org})-[:PART_OF*1..3]->(o) } | o.name] AS same_org,
  [(e)-[:WORKS_AT {current: true}]->(o:Organization)-[:PARTNER_IN]->(p:Project)
      <-[:PARTNER_IN]-(:Organization {id: $org}) WHERE o.id <> $org
   | {org: o.name, project: p.code}] AS partners,
  COUNT { (e)-[a:ASSIGNED_TO]->(t:Task) WHERE a.status IN $active AND t.id <> $task } AS load,
  EXISTS { (e)-[:ASSIGNED_TO]->(:Task {id: $task}) } AS assigned_here,
  [code IN $fields WHERE EXISTS {
      (e)-[:HAS_EXPERTISE]->(:Field)-[:SUBFIELD_OF*0..3]->(:Field {code: code}) }] AS covers
"""


@dataclass(frozen=True)
class Candidate:
    hit: RankedExpert
    covers: list[str]  # required field codes the expert holds (or a subfield of)
    load: int


@dataclass(frozen=True)
class Conflict:
    """Why a strong candidate was left out; api/explain.py words it in the reader's language."""

    kind: str  # same_org | partner | overload
    org: str | None = None  # the organization shared with, or partnering, the ordering one
    project: str | None = None  # the project of a partnership
    load: int | None = None  # current tasks, for overload
    limit: int | None = None  # the overload threshold


@dataclass(frozen=True)
class Excluded:
    hit: RankedExpert
    conflicts: list[Conflict]  # one per conflict


@dataclass(frozen=True)
class TaskCandidates:
    task: dict[str, Any]
    candidates: list[Candidate]
    team: list[Candidate]
    uncovered: list[str]  # required fields no eligible expert holds
    excluded: list[Excluded]


def _conflicts(row: dict[str, Any], ranking: RankingSettings) -> list[Conflict]:
    found = [Conflict("same_org", org=name) for name in sorted(set(row["same_org"]))]
    for org, project in sorted({(p["org"], p["project"]) for p in row["partners"]})[:3]:
        found.append(Conflict("partner", org=org, project=project))
    if row["load"] >= ranking.max_active_assignments:
        found.append(Conflict("overload", load=row["load"], limit=ranking.max_active_assignments))
    return found


def best_team(pool: list[Candidate], required: list[str], size: int) -> tuple[list[Candidate], list[str]]:
    """Exact: among sets of at most `size` of `pool`, most fields covered, then fewest people, then
    highest total score; ties broken by expert ids. Without required fields, the best `size`."""
    if not required:
        return pool[:size], []
    best_key: tuple[float, ...] | None = None
    best: tuple[Candidate, ...] = ()
    for k in range(1, min(size, len(pool)) + 1):
        for team in itertools.combinations(pool, k):
            covered = {c for member in team for c in member.covers}
            key = (len(covered), -k, sum(m.hit.score for m in team))
            if best_key is None or key > best_key:
                best_key, best = key, team
    covered = {c for member in best for c in member.covers}
    chosen = sorted(best, key=lambda c: (-c.hit.score, c.hit.id))
    return chosen, [c for c in required if c not in covered]


def task_candidates(
    graph: Graph, task_id: str, *, limit: int = 20, ranking: RankingSettings | None = None
) -> TaskCandidates:
    ranking = ranking or get_ranking()
    task = get_task(graph, task_id)
    required = list(task["required_fields"] or [])
    text = task_text(task["title"], task["description"])
    scored = score_experts(graph, text, fields=required, depth=STRONG_POOL, ranking=ranking).ranked
    org = task["org"]["id"] if task["org"] else None
    rows = graph.read(
        CONFLICTS,
        {
            "ids": [h.id for h in scored],
            "org": org,
            "task": task_id,
            "fields": required,
            "active": list(ACTIVE_ASSIGNMENT_STATUSES),
        },
    )
    by_id = {r["id"]: r for r in rows}
    eligible: list[Candidate] = []
    excluded: list[Excluded] = []
    for hit in scored:
        row = by_id[hit.id]
        conflicts = _conflicts(row, ranking)
        if conflicts:
            excluded.append(Excluded(hit, conflicts))
        elif not row["assigned_here"]:
            eligible.append(Candidate(hit, list(row["covers"]), row["load"]))
    team, uncovered = best_team(eligible[:TEAM_POOL], required, int(task["team_size"] or 1))
    return TaskCandidates(task, eligible[:limit], team, uncovered, excluded[:limit])
