"""Fair reviewer assignment: the worst-off proposal's affinity first, then the total (CP-SAT).

A proposal's score is the sum of its k reviewers' affinities, as in the peer-review assignment
literature (Stelmakh et al., PeerReview4All; Kobren et al.). Stage 1 maximizes the lowest score of any
proposal; stage 2 maximizes the total among the assignments that keep it (lexicographic). That is
NP-hard in general, so it is solved with CP-SAT on integer affinities (1/10,000 units), made small and
warm-started by what flows give exactly:

- Pruning that keeps every optimum: if proposal i has reviewer j while an allowed expert j' it does
  not have, with higher affinity, has a seat left, swapping j for j' raises i's score and the total and
  lowers nobody's, so the assignment was not optimal. Hence in every optimum, all experts ranked
  above one of i's reviewers are either i's other k - 1 reviewers or full; at most S experts can be
  full (the most whose seats sum to P x k at most), so only an expert with at most S + k - 1 others
  above it can serve a proposal (its S + k best, and ties). At 200 x 2,000, k = 3, L = 2 that keeps
  about 300 of 2,000 per proposal.
- Bounds: stage 1 can never beat the proposal whose own k best experts sum lowest; the max-total
  flow and the weakest-reviewer flow (PeerReview4All's threshold flows) are feasible lower bounds, and
  the better one is the hint. When it reaches the upper bound, stage 1 is proved without search.
  Stage 2 first solves a flow over a relaxation of it (`_relaxation`); when that flow keeps the
  stage-1 value it is the answer, else its total bounds CP-SAT's.

CP-SAT runs on 2 workers with interleaved search and a fixed seed, limited by deterministic work
(`ASSIGN_FAIR_WORK_LIMIT`), so the same input gives the same answer; a wall-clock cap
(`ASSIGN_FAIR_TIME_LIMIT_S`) guards a slow machine. A stage stopped by a limit keeps its best
assignment and reports the bound, so the caller can show the gap.
"""

from __future__ import annotations

import time
from collections.abc import Sequence
from dataclasses import replace

import numpy as np
from ortools.sat.python import cp_model

from queries.assign_solver import SCALE, Solution, _scaled, _solution, solve_max_total, solve_weakest_reviewer

SEED = 45  # any fixed value: with interleaved search it makes CP-SAT repeatable
WORKERS = 2


def kept_pairs(scaled: np.ndarray, allowed: np.ndarray, k: int, capacity: Sequence[int]) -> np.ndarray:
    """The pairs an optimum can use (module docstring): each proposal's S + k best open experts."""
    cap = np.asarray(capacity, dtype=np.int64)
    open_pairs = allowed & (cap > 0)[None, :]
    seats = np.sort(cap[cap > 0])
    full = int(np.searchsorted(np.cumsum(seats), allowed.shape[0] * k, side="right"))
    rank = full + k - 1  # experts a reviewer may have above it
    if allowed.shape[1] <= rank:
        return open_pairs
    masked = np.where(open_pairs, scaled, -1)
    cutoff = -np.partition(-masked, rank, axis=1)[:, rank]  # the (rank + 1)-th best per proposal
    kept: np.ndarray = open_pairs & (masked >= cutoff[:, None])
    return kept


def top_k_sums(scaled: np.ndarray, kept: np.ndarray, k: int) -> np.ndarray:
    """Each proposal's best possible score, alone: its k best kept experts."""
    masked = np.where(kept, scaled, 0)
    best: np.ndarray = -np.partition(-masked, k - 1, axis=1)[:, :k]
    sums: np.ndarray = best.sum(axis=1)
    return sums


class AssignModel:
    """The CP-SAT model: x[i, j] for the kept pairs, k per proposal, at most capacity per expert, and
    `worst <= score(i)` for every proposal, so stage 2 keeps stage 1 by bounding `worst` below."""

    def __init__(self, scaled: np.ndarray, kept: np.ndarray, k: int, capacity: Sequence[int]) -> None:
        self.rows, self.cols = np.nonzero(kept)  # sorted by proposal
        self.weights = scaled[self.rows, self.cols].astype(np.int64)
        self.model = cp_model.CpModel()
        model = self.model
        self.x = [model.new_bool_var("") for _ in range(len(self.rows))]
        n_proposals = self.n_proposals = kept.shape[0]
        starts = np.searchsorted(self.rows, np.arange(n_proposals + 1))
        self.worst = model.new_int_var(0, k * SCALE, "worst")
        weights = self.weights.tolist()
        for i in range(n_proposals):
            xs, ws = self.x[starts[i] : starts[i + 1]], weights[starts[i] : starts[i + 1]]
            model.add(cp_model.LinearExpr.sum(xs) == k)
            model.add(self.worst <= cp_model.LinearExpr.weighted_sum(xs, ws))
        by_expert = np.argsort(self.cols, kind="stable")
        bounds = np.searchsorted(self.cols[by_expert], np.arange(kept.shape[1] + 1))
        for j in range(kept.shape[1]):
            members = by_expert[bounds[j] : bounds[j + 1]]
            if len(members) > int(capacity[j]):
                model.add(cp_model.LinearExpr.sum([self.x[q] for q in members.tolist()]) <= int(capacity[j]))
        self.total = cp_model.LinearExpr.weighted_sum(self.x, weights)

    def hint(self, reviewers: list[list[int]], worst: int) -> None:
        chosen = {(i, j) for i, js in enumerate(reviewers) for j in js}
        self.model.clear_hints()  # type: ignore[no-untyped-call]
        for var, i, j in zip(self.x, self.rows.tolist(), self.cols.tolist(), strict=True):
            self.model.add_hint(var, (i, j) in chosen)
        self.model.add_hint(self.worst, worst)

    def reviewers(self, solver: cp_model.CpSolver) -> list[list[int]]:
        found: list[list[int]] = [[] for _ in range(self.n_proposals)]
        for var, i, j in zip(self.x, self.rows.tolist(), self.cols.tolist(), strict=True):
            if solver.boolean_value(var):
                found[i].append(j)
        return found


def _bound(solver: cp_model.CpSolver, fallback: int) -> int:
    """The solver's proved bound in 1/SCALE units (`fallback` when it proved none)."""
    bound = solver.best_objective_bound
    return min(fallback, int(np.floor(bound + 1e-6))) if np.isfinite(bound) else fallback


def solve_model(model: cp_model.CpModel, work_limit: float, seconds: float) -> tuple[cp_model.CpSolver, int]:
    solver = cp_model.CpSolver()
    params = solver.parameters
    params.num_workers = WORKERS
    params.interleave_search = True  # deterministic for a fixed seed and work limit
    params.random_seed = SEED
    params.max_deterministic_time = work_limit
    params.max_time_in_seconds = max(seconds, 0.01)
    params.cp_model_probing_level = 0  # probing 300,000 Booleans cost more than it found here
    status = int(solver.solve(model))
    return solver, status


def solve_worst_proposal(
    affinity: np.ndarray,
    allowed: np.ndarray,
    k: int,
    capacity: Sequence[int],
    labels: Sequence[str] | None = None,
    *,
    work_limit: float = 6.0,
    time_limit_s: float = 30.0,
    flow_proofs: bool = True,
) -> Solution:
    """Maximize the lowest sum of a proposal's reviewers' affinities, then the total (lexicographic).

    `optimal` is True when both stages are proved; `worst_bound` and `total_bound` are the best
    bounds known (equal to the values when proved). Raises Infeasible naming the binding constraint,
    as the max-total solver does (it runs first). `flow_proofs=False` runs CP-SAT on both stages even
    where a flow already proves them (bench/assign.py measures what the flows save)."""
    started = time.monotonic()
    best_total = solve_max_total(affinity, allowed, k, capacity, labels)  # raises if infeasible
    scaled = _scaled(affinity)
    by_reviewer = solve_weakest_reviewer(affinity, allowed, k, capacity, labels)
    kept = kept_pairs(scaled, allowed, k, capacity)
    for start in (best_total, by_reviewer):  # both are optimal for their objective, so already kept
        for i, js in enumerate(start.reviewers):
            kept[i, js] = True
    upper = int(top_k_sums(scaled, kept, k).min()) if kept.shape[0] else 0
    start = max(best_total, by_reviewer, key=lambda s: (_worst(s, scaled), s.total))
    lower = _worst(start, scaled)
    model = AssignModel(scaled, kept, k, capacity)
    # Stage 1: the worst-off proposal, unless a flow already reaches the bound.
    stage1_proved = lower >= upper
    if not stage1_proved or not flow_proofs:
        model.hint(start.reviewers, lower)
        model.model.add(model.worst >= lower)
        model.model.maximize(model.worst)
        solver, status = solve_model(model.model, work_limit, time_limit_s - (time.monotonic() - started))
        if status in (cp_model.OPTIMAL, cp_model.FEASIBLE) and int(solver.objective_value) > lower:
            start = _solution(model.reviewers(solver), scaled, optimal=False, k=k)
            lower = _worst(start, scaled)
        upper = _bound(solver, upper)
        stage1_proved = status == cp_model.OPTIMAL or lower >= upper
    # Stage 2: the most total affinity that keeps that worst-off proposal. A flow over a relaxation
    # often settles it: when its answer keeps the stage-1 value it is optimal, else it bounds.
    relaxed = _relaxation(affinity, scaled, allowed, k, capacity, lower)
    if _worst(relaxed, scaled) >= lower and flow_proofs:
        found, total_bound, stage2_proved = relaxed, _total(relaxed, scaled), True
    else:
        model.hint(start.reviewers, lower)
        model.model.add(model.worst >= lower)
        model.model.maximize(model.total)
        solver, status = solve_model(model.model, work_limit, time_limit_s - (time.monotonic() - started))
        found = start
        if status in (cp_model.OPTIMAL, cp_model.FEASIBLE):
            candidate = _solution(model.reviewers(solver), scaled, optimal=False, k=k)
            if _total(candidate, scaled) > _total(start, scaled):
                found = candidate
        total_bound = _bound(solver, _total(relaxed, scaled))
        stage2_proved = status == cp_model.OPTIMAL or _total(found, scaled) >= total_bound
    return replace(
        found,
        optimal=stage1_proved and stage2_proved,
        worst_bound=max(upper, lower) / SCALE,
        total_bound=max(total_bound, _total(found, scaled)) / SCALE,
    )


def _relaxation(
    affinity: np.ndarray,
    scaled: np.ndarray,
    allowed: np.ndarray,
    k: int,
    capacity: Sequence[int],
    lower: int,
) -> Solution:
    """The max-total assignment over a superset of stage 2's choices, by min-cost flow.

    A proposal whose own k best experts sum to exactly `lower` (the worst-off one, when stage 1 met
    its bound) can keep that sum only with a top-k set: every expert above its k-th best affinity v,
    and the rest from those at exactly v. Those pairs get a bonus larger than any total, so the flow
    takes them, and the proposal is limited to affinities >= v; other proposals are free."""
    open_pairs = allowed & (np.asarray(capacity) > 0)[None, :]
    masked = np.where(open_pairs, scaled, -1)
    kth = -np.partition(-masked, k - 1, axis=1)[:, k - 1]
    tight = np.where(open_pairs, scaled, 0)
    tight_rows = (-np.partition(-tight, k - 1, axis=1)[:, :k]).sum(axis=1) <= lower
    bonus = float(k * affinity.shape[0] + 1)  # more than any total of affinities in [0, 1]
    restricted = open_pairs.copy()
    boosted = np.asarray(affinity, dtype=float).copy()
    for i in np.nonzero(tight_rows)[0].tolist():
        restricted[i] &= scaled[i] >= kth[i]
        boosted[i, open_pairs[i] & (scaled[i] > kth[i])] += bonus
    found = solve_max_total(boosted, restricted, k, capacity)
    return _solution(found.reviewers, scaled, optimal=False, k=k)


def _worst(solution: Solution, scaled: np.ndarray) -> int:
    """The lowest proposal score in 1/SCALE units, exactly (no float sums)."""
    return min((int(scaled[i, js].sum()) for i, js in enumerate(solution.reviewers)), default=0)


def _total(solution: Solution, scaled: np.ndarray) -> int:
    return sum(int(scaled[i, js].sum()) for i, js in enumerate(solution.reviewers))
