"""The program's targets, stored as (:Target) nodes: read, edit, and measure against the graph.

A target names a metric from `METRICS` (or none, when the data cannot measure it). Its current value,
gap and status are computed on each request from the same facts as the history and the forecast, so
the three always agree. Count targets also get a forecast and the yearly intake that would meet them.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any, LiteralString

from graph.connection import Graph
from graph.errors import InvalidStatsRequest, NotFound
from graph.program_targets import COMPARISONS
from queries.forecast import meets, needed, required_intake, share_of
from queries.share_forecast import required_intake_share
from queries.workforce_facts import Fact, fetch_facts
from queries.workforce_forecast import WorkforceForecast, forecast_for

LIST_TARGETS: LiteralString = """
MATCH (t:Target)
RETURN t.key AS key, t.name_vi AS name_vi, t.name_en AS name_en, t.metric AS metric,
       t.comparison AS comparison, t.value AS value, t.value_max AS value_max, t.unit AS unit,
       t.deadline_year AS deadline_year, t.source AS source, t.note AS note
ORDER BY t.key
"""
# Only the values people set for a target change; key and metric are fixed by the seed.
UPDATE_TARGETS: LiteralString = """
UNWIND $rows AS row
MATCH (t:Target {key: row.key})
SET t.comparison = row.comparison, t.value = row.value, t.value_max = row.value_max,
    t.deadline_year = row.deadline_year, t.note = coalesce(row.note, t.note),
    t.updated_at = datetime()
RETURN t.key AS key
"""
YOUNG_AGE = 35  # the same bar as queries.workforce_forecast.YOUNG_AGE


def _count(level: str) -> Callable[[Sequence[Fact], int], float | None]:
    def metric(facts: Sequence[Fact], year: int) -> float | None:
        return float(sum(f.n for f in facts if f.level == level))

    return metric


def _women_postgrad(facts: Sequence[Fact], year: int) -> float | None:
    return share_of((f.gender == "F", f.n) for f in facts if f.level in ("doctorate", "master") and f.gender)


def _minority(facts: Sequence[Fact], year: int) -> float | None:
    return share_of((bool(f.minority), f.n) for f in facts if f.minority is not None)


def _young(facts: Sequence[Fact], year: int) -> float | None:
    return share_of((year - f.birth_year < YOUNG_AGE, f.n) for f in facts if f.birth_year is not None)


# metric -> (Vietnamese description, value among the people in the workforce in a year)
METRICS: dict[str, tuple[str, Callable[[Sequence[Fact], int], float | None]]] = {
    "phd_count": ("Số người có học vị TS, TSKH", _count("doctorate")),
    "master_count": ("Số người có học vị ThS, BS CKI, CKII", _count("master")),
    "women_share_postgrad": ("% nữ trong số thạc sĩ, tiến sĩ", _women_postgrad),
    "ethnic_minority_share": ("% người dân tộc thiểu số (trong số biết dân tộc)", _minority),
    "young_share": ("% người dưới 35 tuổi (trong số biết năm sinh)", _young),
}
FORECAST_GROUP = {"phd_count": "doctorate", "master_count": "master"}
FORECAST_SHARE = {
    "women_share_postgrad": "women_postgrad",
    "ethnic_minority_share": "ethnic_minority",
    "young_share": "young",
}


def present_in(facts: Sequence[Fact], year: int) -> list[Fact]:
    """The people in the workforce in `year`, holding (in that year) the degree they hold now."""
    return [f for f in facts if f.employed_in(year) and f.holds_degree_in(year)]


def metric_value(metric: str, facts: Sequence[Fact], year: int) -> float | None:
    return METRICS[metric][1](present_in(facts, year), year)


@dataclass(frozen=True)
class TargetForecast:
    year: int
    median: float
    low: float
    high: float
    on_track: bool  # the median meets the target
    mean_intake: float  # people per year over the history window (for shares: joining the denominator)
    required_intake: float | None  # people per year from next year to the deadline (counts only)
    intake_share: float | None = None  # shares: percent of recent newcomers who counted
    required_intake_share: float | None = None  # shares: percent of newcomers who must count


@dataclass(frozen=True)
class TargetStatus:
    key: str
    name_vi: str
    name_en: str
    metric: str | None
    comparison: str
    value: float
    value_max: float | None
    unit: str
    deadline_year: int
    source: str
    note: str
    measurable: bool
    current: float | None
    gap: float | None  # how much is still missing (0 when met)
    status: str  # "đạt", "chưa đạt", "không đo được"
    forecast: TargetForecast | None


def read_targets(graph: Graph) -> list[dict[str, Any]]:
    return graph.read(LIST_TARGETS)


def _gap(row: dict[str, Any], current: float) -> float:
    """How far the current value is from meeting the target (0 when met); counts in whole people."""
    if row["unit"] != "%":
        return float(max(0, needed(row["value"], row["comparison"]) - current))
    value, most = float(row["value"]), row["value_max"]
    if row["comparison"] == "between" and most is not None and current > float(most):
        return current - float(most)
    return max(0.0, value - current)


def _share_forecast(row: dict[str, Any], fc: WorkforceForecast) -> TargetForecast | None:
    key = FORECAST_SHARE[row["metric"]]
    deadline = row["deadline_year"]
    proj = next(s for s in fc.shares if s.key == key).projection
    at = proj.at(deadline)
    if math.isnan(at.median):
        return None
    required = required_intake_share(proj, deadline, float(row["value"]))
    return TargetForecast(
        year=deadline,
        median=round(at.median, 2),
        low=round(at.low, 2),
        high=round(at.high, 2),
        on_track=meets(at.median, row["comparison"], row["value"], row["value_max"]),
        mean_intake=round(proj.mean_intake, 2),
        required_intake=None,
        intake_share=None if proj.intake_share is None else round(proj.intake_share, 2),
        required_intake_share=None if required is None else round(required, 2),
    )


def _target_forecast(row: dict[str, Any], fc: WorkforceForecast) -> TargetForecast | None:
    metric = row["metric"] or ""
    deadline = row["deadline_year"]
    if deadline < fc.reference_year or deadline > max(fc.horizons):
        return None
    if metric in FORECAST_SHARE:
        return _share_forecast(row, fc)
    group = FORECAST_GROUP.get(metric)
    if group is None:
        return None
    proj = next(g for g in fc.degrees if g.key == group).projection
    at = proj.at(deadline)
    target = needed(row["value"], row["comparison"])
    return TargetForecast(
        year=deadline,
        median=at.median,
        low=at.low,
        high=at.high,
        on_track=meets(at.median, row["comparison"], row["value"], row["value_max"]),
        mean_intake=round(proj.mean_intake, 2),
        required_intake=round(required_intake(proj, deadline, target), 2),
    )


def evaluate_targets(graph: Graph, year: int) -> tuple[list[TargetStatus], WorkforceForecast]:
    facts = fetch_facts(graph)
    fc = forecast_for(graph, year)
    out = []
    for row in read_targets(graph):
        metric = row["metric"]
        current = metric_value(metric, facts, year) if metric in METRICS else None
        measurable = current is not None
        if current is None:
            status, gap = "không đo được", None
        else:
            done = meets(current, row["comparison"], row["value"], row["value_max"])
            status, gap = ("đạt" if done else "chưa đạt"), _gap(row, current)
        out.append(
            TargetStatus(
                key=row["key"],
                name_vi=row["name_vi"],
                name_en=row["name_en"] or "",
                metric=metric,
                comparison=row["comparison"],
                value=row["value"],
                value_max=row["value_max"],
                unit=row["unit"],
                deadline_year=row["deadline_year"],
                source=row["source"] or "",
                note=row["note"] or "",
                measurable=measurable,
                current=None if current is None else round(current, 2),
                gap=None if gap is None else round(gap, 2),
                status=status,
                forecast=_target_forecast(row, fc) if measurable else None,
            )
        )
    return out, fc


def target_history(graph: Graph, year: int, first_year: int) -> list[dict[str, Any]]:
    """Each metric for each year from `first_year` to `year`, as recorded today (see workforce_facts)."""
    facts = fetch_facts(graph)
    rows = []
    for y in range(first_year, year + 1):
        values = {m: metric_value(m, facts, y) for m in METRICS}
        rows.append({"year": y, **{m: None if v is None else round(v, 2) for m, v in values.items()}})
    return rows


@dataclass(frozen=True)
class TargetUpdate:
    key: str
    comparison: str
    value: float
    value_max: float | None
    deadline_year: int
    note: str | None = None


def update_targets(graph: Graph, updates: Sequence[TargetUpdate]) -> list[str]:
    """Check every update, then write them all in one transaction (all or nothing)."""
    known = {row["key"]: row for row in read_targets(graph)}
    for u in updates:
        if u.key not in known:
            raise NotFound(f"no target with key {u.key!r}; known: {', '.join(sorted(known))}")
        if u.comparison not in COMPARISONS:
            raise InvalidStatsRequest("comparison", u.comparison, f"must be one of {', '.join(COMPARISONS)}")
        if not math.isfinite(u.value) or u.value < 0:
            raise InvalidStatsRequest("value", str(u.value), "must be a number of at least 0")
        if known[u.key]["unit"] == "%" and u.value > 100:
            raise InvalidStatsRequest("value", str(u.value), "is a percentage and cannot exceed 100")
        if u.comparison == "between" and (u.value_max is None or u.value_max < u.value):
            raise InvalidStatsRequest("value_max", str(u.value_max), "must be given and at least value")
    rows = [
        {
            "key": u.key,
            "comparison": u.comparison,
            "value": float(u.value),
            "value_max": None if u.value_max is None else float(u.value_max),
            "deadline_year": u.deadline_year,
            "note": u.note,
        }
        for u in updates
    ]
    return [r["key"] for r in graph.write(UPDATE_TARGETS, {"rows": rows})]
