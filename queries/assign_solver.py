"""Reviewer assignment as an exact optimization: P proposals x E experts, k per proposal, <= L each.

Maximizing total affinity is a transportation problem, solved exactly as a min-cost flow
(source -> proposal, capacity k; proposal -> expert, capacity 1, cost -affinity; expert -> sink,
capacity L). Its integrality means the flow optimum is the integer optimum. The weakest-reviewer
option maximizes the weakest reviewer any proposal gets first (a bottleneck objective: every proposal
has k reviewers of affinity >= t, t as high as possible), then the total; both stages are flows, so it
is exact too and scales like the max-total solver. (The worst-off proposal's *sum*, the literature's
fairness objective, is `queries.assign_fair`; it uses these flows as bounds and hints.)

Affinities are compared as integers in units of 1/10,000 (the precision `queries.affinity` rounds
to), so "exact" means exact for those values. `greedy` is the baseline a person would follow: take
the best remaining pair while both sides have room.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np
from ortools.graph.python import max_flow, min_cost_flow

from graph.errors import Infeasible

SCALE = 10_000


@dataclass(frozen=True)
class Solution:
    """Reviewers (expert indices) of each proposal, and its objective values in affinity units."""

    reviewers: list[list[int]]
    total: float
    per_proposal: list[float]
    optimal: bool = True
    unfilled: int = 0  # seats left empty (only greedy can leave some)
    weakest: float = 0.0  # the lowest affinity of any assigned reviewer
    # What no assignment can exceed, from solvers that may stop before proving (the worst-off proposal
    # objective): the lowest proposal sum and the total; equal to the values when proved. None for
    # the flow solvers, which always prove.
    worst_bound: float | None = None
    total_bound: float | None = None

    @property
    def worst(self) -> float:
        return min(self.per_proposal, default=0.0)


def _scaled(affinity: np.ndarray) -> np.ndarray:
    scaled: np.ndarray = np.rint(np.asarray(affinity, dtype=float) * SCALE).astype(np.int64)
    return scaled


def _solution(reviewers: list[list[int]], scaled: np.ndarray, *, optimal: bool, k: int) -> Solution:
    per = [sum(int(scaled[i, j]) for j in js) / SCALE for i, js in enumerate(reviewers)]
    unfilled = sum(k - len(js) for js in reviewers)
    weakest = min((int(scaled[i, j]) for i, js in enumerate(reviewers) for j in js), default=0) / SCALE
    return Solution([sorted(js) for js in reviewers], sum(per), per, optimal, unfilled, weakest)


def _named(indices: Sequence[int], labels: Sequence[str] | None) -> str:
    """The proposals an error is about: their codes when known, else their positions (first 10)."""
    shown = [labels[i] for i in indices[:10]] if labels is not None else list(indices[:10])
    more = f" and {len(indices) - 10} more" if len(indices) > 10 else ""
    return f"{'' if labels is not None else 'at positions '}{shown}{more}"


def check_feasible(
    allowed: np.ndarray, k: int, capacity: Sequence[int], labels: Sequence[str] | None = None
) -> None:
    """Name the constraint that cannot be met before solving: too few free experts or seats."""
    n_proposals, _ = allowed.shape
    short = [i for i in range(n_proposals) if int(allowed[i].sum()) < k]
    if short:
        raise Infeasible(
            "reviewers_per_proposal",
            f"proposals {_named(short, labels)} have fewer than k={k} experts free of conflict",
        )
    if sum(capacity) < n_proposals * k:
        raise Infeasible(
            "max_per_reviewer",
            f"{n_proposals} proposals x {k} reviewers need {n_proposals * k} seats, "
            f"but the experts can take only {sum(capacity)} (at most L each)",
        )


def solve_max_total(
    affinity: np.ndarray,
    allowed: np.ndarray,
    k: int,
    capacity: Sequence[int],
    labels: Sequence[str] | None = None,
) -> Solution:
    """The assignment of greatest total affinity; raises Infeasible naming the binding constraint."""
    check_feasible(allowed, k, capacity, labels)
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
        bottleneck(
            affinity, allowed, k, capacity, labels
        )  # raises, naming the proposals that cannot be filled
        raise RuntimeError(f"min-cost flow failed with status {status}")
    used = flow.flows(arcs)[n_proposals : n_proposals + len(rows)]
    reviewers: list[list[int]] = [[] for _ in range(n_proposals)]
    for i, j, f in zip(rows.tolist(), cols.tolist(), used.tolist(), strict=True):
        if f:
            reviewers[i].append(j)
    return _solution(reviewers, scaled, optimal=True, k=k)


def _flow_network(allowed: np.ndarray, k: int, capacity: Sequence[int]) -> tuple[max_flow.SimpleMaxFlow, Any]:
    """Source -> proposal (k), proposal -> expert (1 per allowed pair), expert -> sink (L).

    Pair arcs come first, in `np.nonzero(allowed)` order, so their capacities can be switched by a
    threshold without rebuilding the network."""
    n_proposals, n_experts = allowed.shape
    source, sink = n_proposals + n_experts, n_proposals + n_experts + 1
    rows, cols = np.nonzero(allowed)
    tails = np.concatenate([rows, np.full(n_proposals, source), n_proposals + np.arange(n_experts)])
    heads = np.concatenate([n_proposals + cols, np.arange(n_proposals), np.full(n_experts, sink)])
    caps = np.concatenate([np.ones(len(rows)), np.full(n_proposals, k), np.asarray(capacity)])
    flow = max_flow.SimpleMaxFlow()
    arcs = flow.add_arcs_with_capacity(tails.astype(np.int32), heads.astype(np.int32), caps.astype(np.int64))
    return flow, arcs[: len(rows)]


def _unmet(
    flow: max_flow.SimpleMaxFlow,
    n_proposals: int,
    k: int,
    capacity: Sequence[int],
    labels: Sequence[str] | None,
) -> Infeasible:
    """Hall's condition, read off the minimum cut: the proposals still reachable from the source
    compete for too few seats among the experts they may have."""
    side = set(flow.get_source_side_min_cut())
    stuck = sorted(i for i in range(n_proposals) if i in side)
    experts = sorted(v - n_proposals for v in side if n_proposals <= v < n_proposals + len(capacity))
    seats = sum(int(capacity[j]) for j in experts)
    return Infeasible(
        "max_per_reviewer",
        f"proposals {_named(stuck, labels)} need "
        f"{len(stuck)} x k={k} reviewers, but the {len(experts)} experts free of conflict with them "
        f"can take only {seats} seats (at most L each, after seats already held)",
    )


def bottleneck(
    affinity: np.ndarray,
    allowed: np.ndarray,
    k: int,
    capacity: Sequence[int],
    labels: Sequence[str] | None = None,
) -> int:
    """The highest t (in 1/SCALE units) such that every proposal can get k reviewers of affinity >= t.

    Binary search over the distinct affinities of allowed pairs, each step one max-flow feasibility
    check (all P x k seats filled using only pairs >= t). Raises Infeasible when even t = lowest
    fails, naming the proposals that cannot be filled."""
    check_feasible(allowed, k, capacity, labels)
    scaled = _scaled(affinity)
    n_proposals = allowed.shape[0]
    values = scaled[np.nonzero(allowed)]
    if values.size == 0:  # no proposals
        return 0
    flow, pair_arcs = _flow_network(allowed, k, capacity)
    source, sink = allowed.shape[0] + allowed.shape[1], allowed.shape[0] + allowed.shape[1] + 1
    need = n_proposals * k

    def feasible(t: int) -> bool:
        flow.set_arcs_capacity(pair_arcs, (values >= t).astype(np.int64))
        if flow.solve(source, sink) != flow.OPTIMAL:
            raise RuntimeError("max flow failed")  # only on bad input, which the arrays rule out
        return bool(int(flow.optimal_flow()) == need)

    levels = np.unique(values)  # ascending
    if not feasible(int(levels[0])):
        raise _unmet(flow, n_proposals, k, capacity, labels)
    low, high = 0, len(levels) - 1  # feasible(levels[low]) holds
    while low < high:
        middle = (low + high + 1) // 2
        if feasible(int(levels[middle])):
            low = middle
        else:
            high = middle - 1
    return int(levels[low])


def solve_weakest_reviewer(
    affinity: np.ndarray,
    allowed: np.ndarray,
    k: int,
    capacity: Sequence[int],
    labels: Sequence[str] | None = None,
) -> Solution:
    """Maximize the weakest reviewer any proposal gets, then the total among those (lexicographic).

    Stage 1 is `bottleneck` (binary search with max-flow checks); stage 2 is the max-total min-cost
    flow over the pairs at or above that threshold. Both are exact, so the answer is optimal for
    the lexicographic objective. It guarantees every reviewer a floor; the worst-off proposal's sum
    is `queries.assign_fair.solve_worst_proposal`."""
    threshold = bottleneck(affinity, allowed, k, capacity, labels)
    above = allowed & (_scaled(affinity) >= threshold)
    return solve_max_total(affinity, above, k, capacity, labels)


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
