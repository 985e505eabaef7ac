"""Projecting a share (women, ethnic minorities, the young, one sector's part of the whole) to 2045.

The same method as the headcounts in `queries.forecast`, applied to a numerator and its denominator
together, so that a share's band comes from one set of simulated futures:

    share(Y) = (people now in the group still working at the end of Y who count in Y
                + newcomers of the years after the reference year up to Y who count in Y)
             / (people now in the group still working at the end of Y + all those newcomers)

Each future year replays the newcomers of one year drawn from the last `window` complete years
(a bootstrap over years, the same draws as `queries.forecast.project` with the same seed, so a
share's denominator follows the headcount forecast of its group). A replayed newcomer joins at the
age they joined at, so "young" is judged on their age in Y. The band is the 5th-95th percentile of
the replicates' shares. Newcomers do not retire before the horizon, as in the headcount forecast.
Pure functions, no graph: tests check them on a constructed history.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass

import numpy as np

from queries.forecast import BAND
from queries.retirement import retirement_year


@dataclass(frozen=True)
class Member:
    gender: str | None
    birth_year: int | None
    counts: bool = False  # in the numerator, for shares that do not change with the year
    n: int = 1


# Which members count in the numerator in `year`, over arrays of birth years (NaN: unknown) and
# `counts` flags. It may depend on the year only through the members' ages in it (shifting birth
# years and year together must not change the answer): replayed newcomers rely on that.
Hit = Callable[[np.ndarray, np.ndarray, int], np.ndarray]


def flagged(birth_year: np.ndarray, counts: np.ndarray, year: int) -> np.ndarray:
    return counts


def younger_than(age: int) -> Hit:
    def hit(birth_year: np.ndarray, counts: np.ndarray, year: int) -> np.ndarray:
        with np.errstate(invalid="ignore"):
            return np.asarray(year - birth_year < age)  # NaN (unknown) compares False

    return hit


@dataclass(frozen=True)
class ShareYear:
    year: int
    survivors: int  # people in the group today still working at the end of `year`
    survivors_counting: int  # ... of whom count in the numerator in `year`
    median: float  # percent
    low: float  # 5th percentile, percent
    high: float  # 95th percentile, percent


@dataclass(frozen=True)
class ShareProjection:
    reference_year: int
    window: tuple[int, int]
    current: float | None  # percent among the group's people working today, None when there are none
    mean_intake: float  # newcomers to the group per year over the window
    intake_share: float | None  # percent of those newcomers who counted in the year they joined
    years: list[ShareYear]

    def at(self, year: int) -> ShareYear:
        for y in self.years:
            if y.year == year:
                return y
        raise KeyError(year)


def collapse(members: Iterable[Member]) -> list[Member]:
    """Identical members as one with their summed count: the loops below run per distinct member."""
    counts: Counter[tuple[str | None, int | None, bool]] = Counter()
    for m in members:
        counts[(m.gender, m.birth_year, m.counts)] += m.n
    return [Member(g, b, c, n) for (g, b, c), n in counts.items()]


def _percent(num: float, den: float) -> float | None:
    return 100.0 * num / den if den else None


@dataclass(frozen=True)
class _Arrays:
    birth_year: np.ndarray  # float, NaN when unknown
    counts: np.ndarray  # bool
    n: np.ndarray  # float
    retires: np.ndarray  # the year each member retires, inf when unknown (kept in the stock)

    @classmethod
    def of(cls, members: Sequence[Member]) -> _Arrays:
        ms = collapse(members)
        return cls(
            np.asarray([np.nan if m.birth_year is None else m.birth_year for m in ms], dtype=float),
            np.asarray([m.counts for m in ms], dtype=bool),
            np.asarray([m.n for m in ms], dtype=float),
            np.asarray([_retires(m) for m in ms], dtype=float),
        )


def _retires(m: Member) -> float:
    year = retirement_year(m.gender, m.birth_year)
    return np.inf if year is None else float(year)


def project_share(
    people: Sequence[Member],
    newcomers_by_year: Mapping[int, Sequence[Member]],
    reference_year: int,
    horizon: int,
    hit: Hit = flagged,
    *,
    window: int = 10,
    replicates: int = 2000,
    seed: int = 45,
) -> ShareProjection:
    """Yearly projection of the share of `people` (plus newcomers) for whom `hit` holds."""
    if horizon < reference_year:
        raise ValueError(f"horizon {horizon} is before the reference year {reference_year}")
    past = list(range(reference_year - window, reference_year))
    steps = horizon - reference_year
    first = reference_year + 1  # newcomers are replayed as if they joined in the first future year
    # joined[i]: newcomers of past year i; counting[i, d]: how many of them count d years after joining.
    joined = np.zeros(window)
    counting = np.zeros((window, steps + 1))
    intake_hits = 0.0
    for i, p in enumerate(past):
        new = _Arrays.of(newcomers_by_year.get(p, ()))
        joined[i] = new.n.sum()
        intake_hits += float(new.n[hit(new.birth_year, new.counts, p)].sum())
        moved = new.birth_year + (first - p)
        for d in range(steps + 1):
            counting[i, d] = new.n[hit(moved, new.counts, first + d)].sum()
    rng = np.random.default_rng(seed)
    draws = rng.choice(window, size=(replicates, steps)) if steps and window else None

    now = _Arrays.of(people)
    years = []
    for k in range(steps + 1):
        year = reference_year + k
        alive = now.retires > year
        den0 = float(now.n[alive].sum())
        num0 = float(now.n[alive & hit(now.birth_year, now.counts, year)].sum())
        if draws is not None and k:
            chosen = draws[:, :k]  # the past year replayed in each of the future years 1..k
            den = den0 + joined[chosen].sum(axis=1)
            num = num0 + counting[chosen, k - 1 - np.arange(k)].sum(axis=1)
        else:
            den, num = np.full(replicates, den0), np.full(replicates, num0)
        if not (den > 0).any():
            low = mid = high = float("nan")
        else:
            shares = 100.0 * num[den > 0] / den[den > 0]
            low, mid, high = (float(v) for v in np.percentile(shares, [100 * BAND[0], 50, 100 * BAND[1]]))
        years.append(ShareYear(year, round(den0), round(num0), mid, low, high))

    current_hits = float(now.n[hit(now.birth_year, now.counts, reference_year)].sum())
    return ShareProjection(
        reference_year=reference_year,
        window=(past[0], past[-1]) if past else (reference_year, reference_year),
        current=_percent(current_hits, float(now.n.sum())),
        mean_intake=float(joined.sum() / window) if window else 0.0,
        intake_share=_percent(intake_hits, float(joined.sum())),
        years=years,
    )


def required_intake_share(proj: ShareProjection, target_year: int, target_percent: float) -> float | None:
    """Percent of future newcomers who must count (in `target_year`) for the share to reach the target.

    Assumes newcomers keep arriving at the window's mean rate. Above 100 the target cannot be reached
    by recruitment alone; None when no newcomers are expected (nothing to steer).
    """
    years = target_year - proj.reference_year
    incoming = proj.mean_intake * years
    if years <= 0 or incoming <= 0:
        return None
    at = proj.at(target_year)
    needed = target_percent / 100.0 * (at.survivors + incoming) - at.survivors_counting
    return max(0.0, 100.0 * needed / incoming)
