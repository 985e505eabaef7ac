"""The assignment solvers against brute force on small cases: exact means no better assignment exists."""

from __future__ import annotations

import itertools

import numpy as np
import pytest

from graph.errors import Infeasible
from queries.assign_solver import bottleneck, greedy, solve_max_total, solve_weakest_reviewer


def _all_assignments(allowed: np.ndarray, k: int, cap: list[int]) -> list[list[tuple[int, ...]]]:
    n_p, n_e = allowed.shape
    choices = [
        [c for c in itertools.combinations(range(n_e), k) if all(allowed[i, j] for j in c)]
        for i in range(n_p)
    ]
    found = []
    for combo in itertools.product(*choices):
        load = [0] * n_e
        for c in combo:
            for j in c:
                load[j] += 1
        if all(load[j] <= cap[j] for j in range(n_e)):
            found.append(list(combo))
    return found


def _weakest(aff: np.ndarray, combo: list[tuple[int, ...]]) -> float:
    return float(min(aff[i, j] for i, c in enumerate(combo) for j in c))


def _scores(aff: np.ndarray, combo: list[tuple[int, ...]]) -> list[float]:
    return [round(sum(aff[i, j] for j in c), 4) for i, c in enumerate(combo)]


@pytest.mark.parametrize("seed", range(24))
def test_exact_solvers_match_brute_force(seed: int) -> None:
    rng = np.random.default_rng(seed)
    n_p, n_e, k = 3, 5, 2
    aff = np.round(rng.random((n_p, n_e)), 4)
    allowed = rng.random((n_p, n_e)) > 0.15
    cap = [int(x) for x in rng.integers(1, 3, n_e)]
    every = _all_assignments(allowed, k, cap)
    if not every:
        with pytest.raises(Infeasible):
            solve_max_total(aff, allowed, k, cap)
        return
    best_total = max(sum(_scores(aff, c)) for c in every)
    best_weakest = max(_weakest(aff, c) for c in every)
    best_total_at_weakest = max(sum(_scores(aff, c)) for c in every if _weakest(aff, c) >= best_weakest)
    exact = solve_max_total(aff, allowed, k, cap)
    assert exact.total == pytest.approx(best_total, abs=1e-6)
    fair = solve_weakest_reviewer(aff, allowed, k, cap)
    assert fair.weakest == pytest.approx(best_weakest, abs=1e-9)
    assert fair.total == pytest.approx(best_total_at_weakest, abs=1e-6)
    for solution in (exact, fair):
        assert all(len(r) == k for r in solution.reviewers)
        assert all(allowed[i, j] for i, r in enumerate(solution.reviewers) for j in r)
        load = np.bincount([j for r in solution.reviewers for j in r], minlength=n_e)
        assert all(load[j] <= cap[j] for j in range(n_e))
    assert greedy(aff, allowed, k, cap).total <= exact.total + 1e-9


def test_greedy_falls_short_where_exact_does_not() -> None:
    # Greedy grabs the 0.9 pair for proposal 0 and leaves proposal 1 with nobody good.
    aff = np.array([[0.9, 0.8], [0.85, 0.0]])
    allowed = np.ones((2, 2), dtype=bool)
    exact = solve_max_total(aff, allowed, 1, [1, 1])
    base = greedy(aff, allowed, 1, [1, 1])
    assert exact.reviewers == [[1], [0]] and exact.total == pytest.approx(1.65)
    assert base.total == pytest.approx(0.9)


def test_infeasible_requests_name_the_constraint() -> None:
    aff = np.ones((2, 3))
    with pytest.raises(Infeasible) as short:
        solve_max_total(aff, np.array([[True, False, False], [True, True, True]]), 2, [2, 2, 2])
    assert short.value.constraint == "reviewers_per_proposal"
    for solve in (solve_max_total, solve_weakest_reviewer):
        with pytest.raises(Infeasible) as seats:
            solve(aff, np.ones((2, 3), dtype=bool), 2, [1, 1, 1])
        assert seats.value.constraint == "max_per_reviewer"


def test_fair_lifts_the_weakest_reviewer_above_the_max_total_answer() -> None:
    # Max total (1.0) gives expert 0 to proposal 0 and leaves proposal 1 a reviewer of affinity 0;
    # the fair answer gives up 0.1 of total so that no proposal gets a reviewer below 0.3.
    aff = np.array([[1.0, 0.3], [0.6, 0.0]])
    allowed = np.ones((2, 2), dtype=bool)
    exact = solve_max_total(aff, allowed, 1, [1, 1])
    fair = solve_weakest_reviewer(aff, allowed, 1, [1, 1])
    assert (exact.reviewers, exact.weakest) == ([[0], [1]], 0.0)
    assert (fair.reviewers, fair.weakest, fair.total) == ([[1], [0]], 0.3, pytest.approx(0.9))
    assert bottleneck(aff, allowed, 1, [1, 1]) == 3_000
    assert fair.optimal


def test_infeasible_request_names_the_proposals_that_cannot_be_filled() -> None:
    # Each proposal has enough free experts and there are enough seats overall, but proposals 1 and 2
    # may only use experts 0-2, which can take 3 seats with L = 1 where 4 are needed.
    aff = np.full((3, 6), 0.5)
    allowed = np.array(
        [
            [True, True, True, True, True, True],
            [True, True, True, False, False, False],
            [True, True, True, False, False, False],
        ]
    )
    for solve in (solve_max_total, solve_weakest_reviewer):
        with pytest.raises(Infeasible) as unmet:
            solve(aff, allowed, 2, [1] * 6)
        assert unmet.value.constraint == "max_per_reviewer"
        assert "positions [1, 2]" in unmet.value.detail and "3 experts" in unmet.value.detail
        assert "only 3 seats" in unmet.value.detail
    with pytest.raises(Infeasible) as named:
        solve_weakest_reviewer(aff, allowed, 2, [1] * 6, ["DX-A", "DX-B", "DX-C"])
    assert "proposals ['DX-B', 'DX-C'] need 2 x k=2 reviewers" in named.value.detail
