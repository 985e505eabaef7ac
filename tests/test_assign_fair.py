"""The worst-off-proposal objective against brute force: stage 1 (the lowest proposal sum) and stage 2
(the total keeping it) are both the true optima, the pruning keeps every optimum, the answer repeats,
and infeasible requests name their constraint."""

from __future__ import annotations

import itertools

import numpy as np
import pytest

from graph.errors import Infeasible
from queries.assign_fair import kept_pairs, solve_worst_proposal
from queries.assign_solver import SCALE, _scaled, solve_max_total, solve_weakest_reviewer


def _assignments(allowed: np.ndarray, k: int, cap: list[int]) -> list[list[tuple[int, ...]]]:
    n_p, n_e = allowed.shape
    choices = [
        [c for c in itertools.combinations(range(n_e), k) if all(allowed[i, j] for j in c)]
        for i in range(n_p)
    ]
    found = []
    for combo in itertools.product(*choices):
        load = np.bincount([j for c in combo for j in c], minlength=n_e)
        if all(load[j] <= cap[j] for j in range(n_e)):
            found.append(list(combo))
    return found


def _lex_optima(
    scaled: np.ndarray, every: list[list[tuple[int, ...]]]
) -> tuple[int, int, list[list[tuple[int, ...]]]]:
    """Brute force in integer units: the best lowest proposal sum, the best total keeping it, and
    every assignment reaching both."""
    scored = [
        (
            min(int(scaled[i, list(c)].sum()) for i, c in enumerate(a)),
            int(sum(scaled[i, list(c)].sum() for i, c in enumerate(a))),
            a,
        )
        for a in every
    ]
    best_worst = max(w for w, _, _ in scored)
    best_total = max(t for w, t, _ in scored if w == best_worst)
    return best_worst, best_total, [a for w, t, a in scored if (w, t) == (best_worst, best_total)]


def _instance(seed: int, n_p: int, n_e: int, conflict: float) -> tuple[np.ndarray, np.ndarray]:
    """Random affinities on a coarse grid (so ties happen) where proposals compete for a few strong
    experts, the case where max total and fairness part ways; some pairs are conflicts."""
    rng = np.random.default_rng(seed)
    strength = rng.random(n_e) ** 2
    aff = np.round(np.clip(strength[None, :] * rng.uniform(0.3, 1.0, (n_p, n_e)), 0, 1), 2)
    allowed = rng.random((n_p, n_e)) > conflict
    return aff, allowed


@pytest.mark.parametrize("seed", range(16))
def test_both_stages_match_brute_force_4_proposals_6_experts(seed: int) -> None:
    aff, allowed = _instance(seed, 4, 6, 0.15)
    k, cap = 2, [2] * 6
    every = _assignments(allowed, k, cap)
    if not every:
        with pytest.raises(Infeasible):
            solve_worst_proposal(aff, allowed, k, cap)
        return
    best_worst, best_total, _ = _lex_optima(_scaled(aff), every)
    found = solve_worst_proposal(aff, allowed, k, cap)
    assert found.optimal
    assert round(found.worst * SCALE) == best_worst
    assert round(found.total * SCALE) == best_total
    assert found.worst_bound == found.worst and found.total_bound == pytest.approx(found.total)
    assert all(len(r) == k for r in found.reviewers)
    assert all(allowed[i, j] for i, r in enumerate(found.reviewers) for j in r)
    assert np.bincount([j for r in found.reviewers for j in r], minlength=6).max() <= 2


def test_brute_force_cases_include_ones_no_flow_solves() -> None:
    """The cases above exercise CP-SAT, not only the flow shortcuts: in some of them neither the
    max-total nor the weakest-reviewer flow reaches the best lowest proposal sum, and in some the
    stage-2 total lies strictly between the two flows' totals."""
    beaten = 0
    for seed in range(16):
        aff, allowed = _instance(seed, 4, 6, 0.15)
        every = _assignments(allowed, 2, [2] * 6)
        if not every:
            continue
        best_worst, _, _ = _lex_optima(_scaled(aff), every)
        flows = [solve_max_total(aff, allowed, 2, [2] * 6), solve_weakest_reviewer(aff, allowed, 2, [2] * 6)]
        beaten += all(round(f.worst * SCALE) < best_worst for f in flows)
    assert beaten >= 3


@pytest.mark.parametrize("seed", range(6))
def test_pruning_keeps_every_optimum_and_the_answer(seed: int) -> None:
    # k = 1, L = 1: at most 5 experts are full, so each proposal keeps its 5 best (and ties) of 10.
    aff, allowed = _instance(100 + seed, 5, 10, 0.1)
    k, cap = 1, [1] * 10
    every = _assignments(allowed, k, cap)
    scaled = _scaled(aff)
    best_worst, best_total, optima = _lex_optima(scaled, every)
    kept = kept_pairs(scaled, allowed, k, cap)
    assert kept.sum() < allowed.sum()  # it does prune
    for optimum in optima:
        assert all(kept[i, j] for i, c in enumerate(optimum) for j in c)
    found = solve_worst_proposal(aff, allowed, k, cap)
    assert found.optimal
    assert (round(found.worst * SCALE), round(found.total * SCALE)) == (best_worst, best_total)


def test_fairness_costs_total_and_lifts_the_worst_off_proposal() -> None:
    # Two proposals, two strong experts (L = 1) and two weak ones, k = 2. Max total gives both strong
    # experts to proposal 0 (1.0 + 0.9 + 0.1 + 0.1 = 2.1; proposal 1 gets 0.2); the fair answer splits
    # them (0.9 + 0.1 = 1.0 and 0.8 + 0.1 = 0.9): lowest sum 0.9, total 1.9.
    aff = np.array([[1.0, 0.9, 0.1, 0.1], [0.8, 0.7, 0.1, 0.1]])
    allowed = np.ones((2, 4), dtype=bool)
    best = solve_max_total(aff, allowed, 2, [1, 1, 1, 1])
    assert best.total == pytest.approx(2.1) and best.worst == pytest.approx(0.2)
    fair = solve_worst_proposal(aff, allowed, 2, [1, 1, 1, 1])
    assert fair.optimal and fair.worst == pytest.approx(0.9) and fair.total == pytest.approx(1.9)
    assert sorted(fair.reviewers[0] + fair.reviewers[1]) == [0, 1, 2, 3]


def _larger(seed: int) -> tuple[np.ndarray, np.ndarray, list[int]]:
    aff, allowed = _instance(seed, 16, 40, 0.05)
    return aff, allowed, [2] * 40


def test_same_input_same_answer() -> None:
    aff, allowed, cap = _larger(7)
    # Only the deterministic work limit may stop it (the wall-clock cap is far away), as in production.
    first = solve_worst_proposal(aff, allowed, 3, cap, work_limit=0.5, time_limit_s=600)
    again = solve_worst_proposal(aff.copy(), allowed.copy(), 3, list(cap), work_limit=0.5, time_limit_s=600)
    assert first.reviewers == again.reviewers
    assert (first.worst, first.total, first.optimal) == (again.worst, again.total, again.optimal)
    assert first.worst >= solve_max_total(aff, allowed, 3, cap).worst


def test_a_stopped_search_reports_its_bounds() -> None:
    # A work limit too small to prove anything: the answer is still a valid assignment at least as
    # fair as both flows, not claimed optimal unless proved, and its bounds are not below its values.
    aff, allowed, cap = _larger(11)
    found = solve_worst_proposal(aff, allowed, 3, cap, work_limit=1e-4, time_limit_s=600)
    flows = [solve_max_total(aff, allowed, 3, cap), solve_weakest_reviewer(aff, allowed, 3, cap)]
    assert found.worst >= max(f.worst for f in flows) - 1e-9
    assert found.worst_bound is not None and found.total_bound is not None
    assert found.worst_bound >= found.worst - 1e-9 and found.total_bound >= found.total - 1e-9
    assert found.optimal == (
        found.worst_bound == pytest.approx(found.worst) and found.total_bound == pytest.approx(found.total)
    )
    assert all(len(r) == 3 for r in found.reviewers)


def test_infeasible_requests_name_the_constraint() -> None:
    aff = np.full((3, 6), 0.5)
    few = np.ones((3, 6), dtype=bool)
    few[0, 1:] = False
    with pytest.raises(Infeasible) as short:
        solve_worst_proposal(aff, few, 2, [2] * 6, ["DX-A", "DX-B", "DX-C"])
    assert short.value.constraint == "reviewers_per_proposal" and "DX-A" in short.value.detail
    crowded = np.ones((3, 6), dtype=bool)
    crowded[1:, 3:] = False  # proposals B and C may use only experts 0-2, 3 seats for 4 reviewers
    with pytest.raises(Infeasible) as seats:
        solve_worst_proposal(aff, crowded, 2, [1] * 6, ["DX-A", "DX-B", "DX-C"])
    assert seats.value.constraint == "max_per_reviewer"
    assert "proposals ['DX-B', 'DX-C'] need 2 x k=2 reviewers" in seats.value.detail
