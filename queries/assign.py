"""Assign reviewers to many proposals at once: affinities and conflicts from the graph, then exact.

Builds the P x E affinity matrix (`queries.affinity_matrix`: one text search per proposal, the rest
read once) and the conflict mask (`queries.conflict_matrix`: one set-based query per rule for all
proposals), solves it with `queries.assign_solver` (or `queries.assign_fair`), and reports the
greedy baseline's shortfall beside the optimum. Experts already serving in the period count against L.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Literal, LiteralString

import numpy as np

from graph.connection import Graph
from graph.errors import UnknownReference
from graph.settings import ConflictRules, get_settings
from graph.text import fold
from queries import council_store
from queries.affinity_matrix import Request, affinity_matrix
from queries.assign_fair import solve_worst_proposal
from queries.assign_solver import Solution, greedy, solve_max_total, solve_weakest_reviewer
from queries.conflict_matrix import conflict_matrix
from queries.proposals import Proposal, get_proposal

ALL_EXPERTS: LiteralString = "MATCH (e:Expert) RETURN e.id AS id ORDER BY id"
EXPERTS_PRESENT: LiteralString = "UNWIND $ids AS id MATCH (e:Expert {id: id}) RETURN e.id AS id"

# What the assignment maximizes (docs/conflicts.md): `total` the sum of all affinities (min-cost flow);
# `worst_proposal` first the lowest sum of one proposal's reviewers' affinities, then the total
# (CP-SAT); `weakest_reviewer` first the lowest affinity of any one reviewer, then the total (flows).
Objective = Literal["total", "worst_proposal", "weakest_reviewer"]


def panel_id(proposal_code: str, period: str) -> str:
    """The reviewer panel of one proposal in one period: saving again replaces it."""
    return f"PB-{proposal_code}-{period}"


@dataclass(frozen=True)
class Problem:
    proposals: list[Proposal]
    experts: list[str]
    affinity: np.ndarray  # P x E, in [0, 1]
    allowed: np.ndarray  # P x E, False where a conflict rule fires
    capacity: list[int]
    conflicts: int  # pairs excluded by a conflict rule


@dataclass(frozen=True)
class AssignResult:
    problem: Problem
    solution: Solution
    baseline: Solution  # greedy
    objective: Objective


def build_problem(
    graph: Graph,
    proposal_codes: list[str],
    expert_ids: list[str] | None,
    max_per_reviewer: int,
    rules: ConflictRules,
    period: str | None = None,
) -> Problem:
    """Affinity matrix, conflict mask and each expert's remaining capacity in the period."""
    proposals = [get_proposal(graph, code) for code in proposal_codes]
    if expert_ids is None:
        experts = [r["id"] for r in graph.read(ALL_EXPERTS)]
    else:
        experts = sorted(set(expert_ids))
        present = {r["id"] for r in graph.read(EXPERTS_PRESENT, {"ids": experts})}
        missing = [e for e in experts if e not in present]
        if missing:
            raise UnknownReference("experts", missing)
    column = {e: j for j, e in enumerate(experts)}
    scores = np.zeros((len(proposals), len(experts)))
    allowed = np.ones((len(proposals), len(experts)), dtype=bool)
    restrict = None if expert_ids is None else experts
    requests = [Request(p.text, p.fields) for p in proposals]
    for i, found in enumerate(affinity_matrix(graph, requests, restrict)):
        for expert_id, value in found.items():
            if expert_id in column:
                scores[i, column[expert_id]] = value
    subjects = [p.subject() for p in proposals]
    for i, conflicted in enumerate(conflict_matrix(graph, subjects, rules, restrict)):
        for expert_id in conflicted:
            if expert_id in column:
                allowed[i, column[expert_id]] = False
    the_period = period or str(date.today().year)
    own = [panel_id(p.code, the_period) for p in proposals]
    loads = council_store.workload(graph, experts, the_period, own)
    capacity = [max(0, max_per_reviewer - loads.get(e, 0)) for e in experts]
    return Problem(proposals, experts, scores, allowed, capacity, int((~allowed).sum()))


def assign_reviewers(
    graph: Graph,
    proposal_codes: list[str],
    expert_ids: list[str] | None,
    *,
    k: int,
    max_per_reviewer: int,
    objective: Objective = "total",
    rules: ConflictRules,
    period: str | None = None,
    save: bool = False,
) -> AssignResult:
    """The optimal assignment for `objective` (see `Objective`) and the greedy one."""
    problem = build_problem(graph, proposal_codes, expert_ids, max_per_reviewer, rules, period)
    codes = [p.code for p in problem.proposals]
    if objective == "worst_proposal":
        settings = get_settings()
        solution = solve_worst_proposal(
            problem.affinity,
            problem.allowed,
            k,
            problem.capacity,
            codes,
            work_limit=settings.assign_fair_work_limit,
            time_limit_s=settings.assign_fair_time_limit_s,
        )
    else:
        solve = solve_weakest_reviewer if objective == "weakest_reviewer" else solve_max_total
        solution = solve(problem.affinity, problem.allowed, k, problem.capacity, codes)
    baseline = greedy(problem.affinity, problem.allowed, k, problem.capacity)
    if save:
        the_period = period or str(date.today().year)
        council_store.save_councils(
            graph,
            [
                {
                    "id": panel_id(p.code, the_period),
                    "kind": "review",
                    "program": p.program,
                    "program_key": fold(p.program) if p.program else None,
                    "period": the_period,
                    "title": p.title[:200],
                    "proposal": p.code,
                    "seats": [
                        {"expert_id": problem.experts[j], "role": "reviewer"} for j in solution.reviewers[i]
                    ],
                }
                for i, p in enumerate(problem.proposals)
            ],
        )
    return AssignResult(problem, solution, baseline, objective)
