"""Workforce statistics, targets, forecasts, shortages, their Excel/CSV exports and charts."""

from __future__ import annotations

import math
from dataclasses import asdict
from typing import Annotated, Any, Literal

from fastapi import APIRouter, Query, Request
from fastapi.responses import Response

from api import charts
from api.deps import GraphDep
from api.export import file_response
from api.stats_schemas import (
    ForecastOut,
    GroupForecastOut,
    GroupOut,
    HistoryOut,
    ShareForecastOut,
    ShareYearOut,
    ShortageOut,
    TargetOut,
    TargetsOut,
    TargetUpdateIn,
    WorkforceOut,
    YearOut,
)
from api.stats_tables import (
    forecast_table,
    history_table,
    shortages_table,
    targets_table,
    workforce_table,
)
from graph.errors import InvalidStatsRequest
from graph.settings import get_settings
from queries.shortages import shortages as find_shortages
from queries.targets import METRICS, TargetUpdate, evaluate_targets, target_history, update_targets
from queries.workforce import reference_year
from queries.workforce import workforce as count_workforce
from queries.workforce_dimensions import AGE_BANDS, DIMENSIONS
from queries.workforce_forecast import GroupForecast, ShareForecast, WorkforceForecast, forecast_for

router = APIRouter(prefix="/api/v1/stats", tags=["stats"])
Format = Annotated[Literal["json", "csv", "xlsx"], Query(description="json, or a file: csv, xlsx")]
Year = Annotated[
    int | None,
    Query(ge=1990, le=2045, description="reference year (up to the 2045 horizon); default this year"),
]
# Routes with `format=` answer JSON or a file; the spec says so, so clients (and schemathesis) expect it.
FILES: dict[int | str, dict[str, Any]] = {
    200: {
        "content": {"text/csv": {}, "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet": {}}
    }
}
SVG_RESPONSE: dict[int | str, dict[str, Any]] = {200: {"content": {"image/svg+xml": {}}}}
SVG = "image/svg+xml"


def _workforce(graph: GraphDep, request: Request, by: list[str], year: int | None) -> WorkforceOut:
    filters = {
        name: request.query_params.getlist(name) for name in DIMENSIONS if name in request.query_params
    }
    for name in request.query_params:
        if name not in DIMENSIONS and name not in ("by", "year", "format"):
            raise InvalidStatsRequest(name, request.query_params[name], "is not a parameter of this table")
    table = count_workforce(graph, get_settings(), by, filters, year)
    return WorkforceOut(
        by=table.by,
        filters=table.filters,
        year=table.year,
        total=table.total,
        min_group_size=table.min_group_size,
        suppressed_groups=table.suppressed_groups,
        headers=table.headers,
        # Fields by name, not `asdict`: its deep copy of every group's dicts was most of this conversion.
        groups=[
            GroupOut(values=g.values, labels=g.labels, count=g.count, share=g.share, suppressed=g.suppressed)
            for g in table.groups
        ],
    )


@router.get("/workforce", response_model=WorkforceOut, responses=FILES)
def workforce(
    graph: GraphDep,
    request: Request,
    by: Annotated[list[str], Query(description=f"group by, repeatable: {', '.join(DIMENSIONS)}")] = [],  # noqa: B006
    year: Year = None,
    format: Format = "json",
) -> WorkforceOut | Response:
    """Counts and shares by any combination of dimensions. Filter with `?dimension=value` (repeatable,
    diacritics optional), e.g. `?by=degree&by=gender&district=Tam Duong`."""
    out = _workforce(graph, request, by, year)
    return out if format == "json" else file_response(workforce_table(out), format)


def _targets(graph: GraphDep, year: int | None) -> tuple[TargetsOut, WorkforceForecast]:
    year = year or reference_year(get_settings())
    statuses, fc = evaluate_targets(graph, year)
    return TargetsOut(year=year, targets=[TargetOut.model_validate(asdict(s)) for s in statuses]), fc


@router.get("/targets", response_model=TargetsOut, responses=FILES)
def targets(graph: GraphDep, year: Year = None, format: Format = "json") -> TargetsOut | Response:
    """The program's targets with current value, gap, status, and for counts the 2030 forecast."""
    out, _ = _targets(graph, year)
    return out if format == "json" else file_response(targets_table(out), format)


@router.put("/targets", response_model=TargetsOut)
def edit_targets(graph: GraphDep, updates: list[TargetUpdateIn]) -> TargetsOut:
    """Change target values (all updates are checked first, then written together)."""
    update_targets(graph, [TargetUpdate(**u.model_dump()) for u in updates])
    return _targets(graph, None)[0]


@router.get("/targets/history", response_model=HistoryOut, responses=FILES)
def history(
    graph: GraphDep,
    year: Year = None,
    since: Annotated[int, Query(ge=1980, le=2100)] = 2005,
    format: Format = "json",
) -> HistoryOut | Response:
    """Each measurable figure by year, rebuilt from degree years and employment dates."""
    year = year or reference_year(get_settings())
    out = HistoryOut(metrics={k: v[0] for k, v in METRICS.items()}, rows=target_history(graph, year, since))
    return out if format == "json" else file_response(history_table(out), format)


def _forecast_out(fc: WorkforceForecast) -> ForecastOut:
    def group(g: GroupForecast) -> GroupForecastOut:
        p = g.projection
        years = [YearOut(**asdict(y)) for y in p.years]
        return GroupForecastOut(
            key=g.key,
            name_vi=g.name_vi,
            current=g.current,
            mean_intake=round(p.mean_intake, 2),
            intake_history=p.intake_history,
            years=years,
        )

    def percent(value: float | None) -> float | None:
        return None if value is None or math.isnan(value) else round(value, 2)

    def share(g: ShareForecast) -> ShareForecastOut:
        p = g.projection
        years = [
            ShareYearOut(
                year=y.year,
                survivors=y.survivors,
                survivors_counting=y.survivors_counting,
                median=percent(y.median),
                low=percent(y.low),
                high=percent(y.high),
            )
            for y in p.years
        ]
        return ShareForecastOut(
            key=g.key,
            name_vi=g.name_vi,
            denominator_vi=g.denominator_vi,
            current=percent(p.current),
            mean_intake=round(p.mean_intake, 2),
            intake_share=percent(p.intake_share),
            years=years,
        )

    return ForecastOut(
        reference_year=fc.reference_year,
        horizons=list(fc.horizons),
        method_vi=fc.method_vi,
        method_en=fc.method_en,
        assumptions=list(fc.assumptions),
        degrees=[group(g) for g in fc.degrees],
        sectors=[group(g) for g in fc.sectors],
        shares=[share(g) for g in fc.shares],
    )


@router.get("/forecast", response_model=ForecastOut, responses=FILES)
def forecast(graph: GraphDep, year: Year = None, format: Format = "json") -> ForecastOut | Response:
    """Doctorates, masters and each sector's headcount to 2030 and 2045, with method and band."""
    year = year or reference_year(get_settings())
    out = _forecast_out(forecast_for(graph, year))
    return out if format == "json" else file_response(forecast_table(out), format)


@router.get("/shortages", response_model=list[ShortageOut], responses=FILES)
def shortages(graph: GraphDep, format: Format = "json") -> list[ShortageOut] | Response:
    """Program needs and fields of proposed projects with no or few (leading) experts."""
    out = [ShortageOut.model_validate(asdict(s)) for s in find_shortages(graph)]
    return out if format == "json" else file_response(shortages_table(out), format)


@router.get("/charts/targets.svg", response_class=Response, responses=SVG_RESPONSE)
def chart_targets(graph: GraphDep, year: Year = None) -> Response:
    out, _ = _targets(graph, year)
    items = [
        (t.name_vi, t.current, t.value, t.forecast.median if t.forecast else None)
        for t in out.targets
        if t.current is not None and t.value
    ]
    return Response(charts.target_progress(items), media_type=SVG)


@router.get("/charts/pyramid.svg", response_class=Response, responses=SVG_RESPONSE)
def chart_pyramid(graph: GraphDep, year: Year = None) -> Response:
    table = count_workforce(graph, get_settings(), ["age_band", "gender"], {}, year)
    counts = {(g.values["age_band"], g.values["gender"]): g.count for g in table.groups}
    labels = [DIMENSIONS["age_band"].label(b) for b in AGE_BANDS]
    men = [counts.get((b, "M"), 0) for b in AGE_BANDS]
    women = [counts.get((b, "F"), 0) for b in AGE_BANDS]
    return Response(charts.pyramid(labels, men, women), media_type=SVG)


@router.get("/charts/sectors.svg", response_class=Response, responses=SVG_RESPONSE)
def chart_sectors(graph: GraphDep, year: Year = None) -> Response:
    year = year or reference_year(get_settings())
    fc = forecast_for(graph, year)
    names = [g.name_vi for g in fc.sectors]
    series: list[tuple[str, list[float]]] = []
    now = [float(g.current) for g in fc.sectors]
    series.append((f"Hiện nay ({year})", now))
    for horizon in fc.horizons:
        series.append((f"Dự báo {horizon}", [g.projection.at(horizon).median for g in fc.sectors]))
    shares = [(name, [100 * v / (sum(values) or 1) for v in values]) for name, values in series]
    return Response(charts.sector_balance(names, shares), media_type=SVG)
