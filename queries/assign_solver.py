"""Reviewer assignment as an exact optimization: P proposals x E experts, k per proposal, <= L each.

Maximizing total affinity is a transportation problem, solved exactly as a min-cost flow
(source -> proposal, capacity k; proposal -> expert, capacity 1, cost -affinity; expert -> sink,
capacity L). Its integrality means the flow optimum is the integer optimum. The fairness option
(maximize the worst-off proposal's total first, then the total; as in Stelmakh et al.'s PeerReview4All
and the max-min objective of OpenReview's matcher) is not a flow, so it runs as a CP-SAT model.

Affinities are compared as integers in units of 1/10,000 (the precision `queries.affinity` rounds
to), so "exact" means exact for those values. `greedy` is the baseline a person would follow: take
the best remaining pair while both sides have room.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
from ortools.graph.python import min_cost_flow
from ortools.sat.python import cp_model

from graph.errors import Infeasible

SCALE = 10_000
FAIR_TIME_LIMIT_S = 60.0


@dataclass(frozen=True)
class Solution:
    """Reviewers (expert indices) of each proposal, and its objective values in affinity units."""

    reviewers: list[list[int]]
    total: float
    per_proposal: list[float]
    optimal: bool = True
    unfilled: int = 0  # seats left empty (only greedy can leave some)

    @property
    def worst(self) -> float:
        return min(self.per_proposal, default=0.0)


def _scaled(affinity: np.ndarray) -> np.ndarray:
    scaled: np.ndarray = np.rint(np.asarray(affinity, dtype=float) * SCALE).astype(np.int64)
    return scaled


def _solution(reviewers: list[list[int]], scaled: np.ndarray, *, optimal: bool, k: int) -> Solution:
    per = [sum(int(scaled[i, j]) for j in js) / SCALE for i, js in enumerate(reviewers)]
    unfilled = sum(k - len(js) for js in reviewers)
    return Solution([sorted(js) for js in reviewers], sum(per), per, optimal, unfilled)


def check_feasible(allowed: np.ndarray, k: int, capacity: Sequence[int]) -> None:
    """Name the constraint that cannot be met before solving: too few free experts or seats."""
    n_proposals, _ = allowed.shape
    short = [i for i in range(n_proposals) if int(allowed[i].sum()) < k]
    if short:
        raise Infeasible(
            "reviewers_per_proposal",
            f"proposals at positions {short[:10]} have fewer than k={k} experts free of conflict",
        )
    if sum(capacity) < n_proposals * k:
        raise Infeasible(
            "max_per_reviewer",
            f"{n_proposals} proposals x {k} reviewers need {n_proposals * k} seats, "
            f"but the experts can take only {sum(capacity)} (at most L each)",
        )


def solve_max_total(affinity: np.ndarray, allowed: np.ndarray, k: int, capacity: Sequence[int]) -> Solution:
    """The assignment of greatest total affinity; raises Infeasible naming the binding constraint."""
    check_feasible(allowed, k, capacity)
    scaled = _scaled(affinity)
    n_proposals, n_experts = allowed.shape
    source, sink = n_proposals + n_experts, n_proposals + n_experts + 1
    rows, cols = np.nonzero(allowed)
    tails = np.concatenate([np.full(n_proposals, source), rows, n_proposals + np.arange(n_experts)]).astype(
        np.int32
    )
    heads = np.concatenate([np.arange(n_proposals), n_proposals + cols, np.full(n_experts, sink)]).astype(
        np.int32
    )
    caps = np.concatenate([np.full(n_proposals, k), np.ones(len(rows)), np.asarray(capacity)]).astype(
        np.int64
    )
    costs = np.concatenate([np.zeros(n_proposals), -scaled[rows, cols], np.zeros(n_experts)]).astype(np.int64)
    flow = min_cost_flow.SimpleMinCostFlow()
    arcs = flow.add_arcs_with_capacity_and_unit_cost(tails, heads, caps, costs)
    flow.set_node_supply(source, n_proposals * k)
    flow.set_node_supply(sink, -n_proposals * k)
    status = flow.solve()
    if status != flow.OPTIMAL:
        raise Infeasible(
            "reviewers_per_proposal",
            "no assignment gives every proposal k reviewers within the per-reviewer limit L "
            "without a conflict of interest",
        )
    used = flow.flows(arcs)[n_proposals : n_proposals + len(rows)]
    reviewers: list[list[int]] = [[] for _ in range(n_proposals)]
    for i, j, f in zip(rows.tolist(), cols.tolist(), used.tolist(), strict=True):
        if f:
            reviewers[i].append(j)
    return _solution(reviewers, scaled, optimal=True, k=k)


def solve_fair(
    affinity: np.ndarray,
    allowed: np.ndarray,
    k: int,
    capacity: Sequence[int],
    *,
    time_limit_s: float = FAIR_TIME_LIMIT_S,
) -> Solution:
    """Maximize the worst-off proposal's total, then the total among those (lexicographic).

    CP-SAT on one worker with a fixed seed, so the same input gives the same answer. `optimal` is
    False when the time limit stopped a stage before it proved optimality; when it stops the first
    stage before any solution, the answer is the max-total optimum (never less fair than greedy's).
    """
    start = solve_max_total(affinity, allowed, k, capacity)  # also checks feasibility
    scaled = _scaled(affinity)
    n_proposals, n_experts = allowed.shape
    pairs = [(i, j) for i, j in zip(*np.nonzero(allowed), strict=True)]
    model = cp_model.CpModel()
    x = {(int(i), int(j)): model.new_bool_var(f"x{i}_{j}") for i, j in pairs}
    by_proposal: list[list[tuple[int, int]]] = [[] for _ in range(n_proposals)]
    by_expert: list[list[tuple[int, int]]] = [[] for _ in range(n_experts)]
    for key in x:
        by_proposal[key[0]].append(key)
        by_expert[key[1]].append(key)
    for i in range(n_proposals):
        model.add(sum(x[key] for key in by_proposal[i]) == k)
    for j in range(n_experts):
        if by_expert[j]:
            model.add(sum(x[key] for key in by_expert[j]) <= int(capacity[j]))
    totals = [sum(int(scaled[key]) * x[key] for key in by_proposal[i]) for i in range(n_proposals)]
    worst = model.new_int_var(0, k * SCALE, "worst")
    for total in totals:
        model.add(worst <= total)
    # Start from the max-total assignment: the answer is never less fair than it.
    picked = {(i, j) for i, js in enumerate(start.reviewers) for j in js}
    for key, var in x.items():
        model.add_hint(var, key in picked)
    solver = cp_model.CpSolver()
    solver.parameters.num_workers = 1
    solver.parameters.random_seed = 6
    solver.parameters.max_time_in_seconds = time_limit_s
    model.maximize(worst)
    first = solver.solve(model)
    if first == cp_model.INFEASIBLE:
        raise Infeasible("reviewers_per_proposal", "no conflict-free assignment within the limits")
    if first != cp_model.OPTIMAL and first != cp_model.FEASIBLE:
        # Out of time before any solution (large instances): the max-total optimum, not proved fair.
        return Solution(start.reviewers, start.total, start.per_proposal, optimal=False)
    optimal = first == cp_model.OPTIMAL
    chosen = {key: bool(solver.value(var)) for key, var in x.items()}
    # The second stage starts from the first stage's answer, so it can only improve on it.
    model.add(worst >= int(solver.value(worst)))
    model.clear_hints()  # type: ignore[no-untyped-call]
    for key, var in x.items():
        model.add_hint(var, chosen[key])
    model.maximize(sum(totals))
    second = solver.solve(model)
    if second in (cp_model.OPTIMAL, cp_model.FEASIBLE):
        chosen = {key: bool(solver.value(var)) for key, var in x.items()}
    optimal = optimal and second == cp_model.OPTIMAL
    reviewers: list[list[int]] = [[] for _ in range(n_proposals)]
    for (i, j), is_chosen in chosen.items():
        if is_chosen:
            reviewers[i].append(j)
    return _solution(reviewers, scaled, optimal=optimal, k=k)


def greedy(affinity: np.ndarray, allowed: np.ndarray, k: int, capacity: Sequence[int]) -> Solution:
    """Best remaining pair first (ties by proposal, then expert); may leave seats empty."""
    scaled = _scaled(affinity)
    rows, cols = np.nonzero(allowed)
    order = np.lexsort((cols, rows, -scaled[rows, cols]))
    need = [k] * allowed.shape[0]
    room = [int(c) for c in capacity]
    reviewers: list[list[int]] = [[] for _ in range(allowed.shape[0])]
    for index in order.tolist():
        i, j = int(rows[index]), int(cols[index])
        if need[i] and room[j]:
            reviewers[i].append(j)
            need[i] -= 1
            room[j] -= 1
    return _solution(reviewers, scaled, optimal=False, k=k)
