"""Projecting a headcount to 2030 and 2045: people still below retirement age plus future intake.

Method (pure functions, no graph, so a test can check them on a constructed history):

    stock(Y) = Σ people now in the group who are below the legal retirement age on 31 Dec of Y
             + Σ intake of the years after the reference year up to Y

Yearly intake is resampled from the intake of the last `window` complete years (a bootstrap over
years), `replicates` times with a fixed seed; the band is the 5th-95th percentile of the replicates
and the central value their median. A constant history therefore gives a band of width zero and
exactly `survivors + intake × years`. Assumptions: the recent past continues (no trend); people
leave only by retiring at the legal age (queries.retirement); newcomers do not retire before the
horizon; the recorded history sees only people still in the graph, so past intake is a lower bound.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

import numpy as np

from queries.retirement import working_at_end_of

BAND = (0.05, 0.95)


@dataclass(frozen=True)
class Person:
    gender: str | None
    birth_year: int | None
    n: int = 1


@dataclass(frozen=True)
class YearProjection:
    year: int
    survivors: int  # people in the group today who are still working at the end of `year`
    median: float
    low: float  # 5th percentile
    high: float  # 95th percentile


@dataclass(frozen=True)
class Projection:
    reference_year: int
    window: tuple[int, int]  # first and last year of the intake history used
    intake_history: dict[int, int]
    mean_intake: float
    years: list[YearProjection]

    def at(self, year: int) -> YearProjection:
        for y in self.years:
            if y.year == year:
                return y
        raise KeyError(year)


def survivors(people: Iterable[Person], year: int) -> int:
    return sum(p.n for p in people if working_at_end_of(year, p.gender, p.birth_year))


def intake_window(history: Mapping[int, int], reference_year: int, window: int) -> list[int]:
    """Intake of each of the `window` complete years before the reference year (0 when none)."""
    return [history.get(y, 0) for y in range(reference_year - window, reference_year)]


def project(
    people: Sequence[Person],
    intake_by_year: Mapping[int, int],
    reference_year: int,
    horizon: int,
    *,
    window: int = 10,
    replicates: int = 2000,
    seed: int = 45,
) -> Projection:
    """Yearly projection from the reference year to `horizon`, with a bootstrap band."""
    if horizon < reference_year:
        raise ValueError(f"horizon {horizon} is before the reference year {reference_year}")
    past = intake_window(intake_by_year, reference_year, window)
    steps = horizon - reference_year
    rng = np.random.default_rng(seed)
    if past and steps:
        draws = rng.choice(np.asarray(past, dtype=float), size=(replicates, steps))
        cumulative = np.concatenate([np.zeros((replicates, 1)), np.cumsum(draws, axis=1)], axis=1)
    else:
        cumulative = np.zeros((replicates, steps + 1))
    # Percentiles by linear interpolation between closest ranks (numpy's default).
    low, mid, high = np.percentile(cumulative, [100 * BAND[0], 50, 100 * BAND[1]], axis=0)
    years = []
    for step in range(steps + 1):
        year = reference_year + step
        base = survivors(people, year)
        years.append(
            YearProjection(
                year=year,
                survivors=base,
                median=base + float(mid[step]),
                low=base + float(low[step]),
                high=base + float(high[step]),
            )
        )
    return Projection(
        reference_year=reference_year,
        window=(reference_year - window, reference_year - 1),
        intake_history={y: intake_by_year.get(y, 0) for y in range(reference_year - window, reference_year)},
        mean_intake=sum(past) / len(past) if past else 0.0,
        years=years,
    )


def needed(value: float, comparison: str) -> int:
    """The smallest headcount that meets a count target ("more than 50" needs 51)."""
    return math.floor(value) + 1 if comparison == "more_than" else math.ceil(value)


def required_intake(projection: Projection, target_year: int, target_count: int) -> float:
    """Mean yearly intake from next year to `target_year` that reaches `target_count` in time."""
    years = target_year - projection.reference_year
    gap = target_count - projection.at(target_year).survivors
    if years <= 0:
        return math.inf if gap > 0 else 0.0
    return max(0.0, gap / years)


def meets(value: float, comparison: str, target: float, target_max: float | None = None) -> bool:
    if comparison == "more_than":
        return value > target
    if comparison == "between":
        return target <= value <= (target_max if target_max is not None else math.inf)
    return value >= target


def share_of(rows: Iterable[tuple[bool, int]]) -> float | None:
    """Percentage of rows flagged True among all, or None when there are none."""
    total = hits = 0
    for flag, n in rows:
        total += n
        hits += n if flag else 0
    return 100.0 * hits / total if total else None
