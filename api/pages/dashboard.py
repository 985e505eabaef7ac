"""The workforce dashboard: counts, 2030 targets, forecasts to 2030/2045 and shortages (issue 8).

The figures come from the same queries as GET /api/v1/stats/..., so breakdowns by a sensitive
attribute (ethnicity) merge groups smaller than STATS_MIN_GROUP_SIZE exactly as the API does: the page
never shows a count the API would hide. Charts are api/charts.py's SVG, inlined so the page needs no
second request; each chart has a table beside it with the same numbers for screen readers.
"""

from __future__ import annotations

from dataclasses import dataclass

from fastapi import APIRouter, Request, Response
from fastapi.responses import HTMLResponse

from api import charts
from api.deps import GraphDep, SettingsDep
from api.i18n import term, translate
from api.pages.render import LangDep, PageRoute, render
from api.pages.search import sector_name
from graph.connection import Graph
from graph.settings import Settings
from queries.forecast import YearProjection
from queries.shortages import ENOUGH, FEW, NONE, Shortage
from queries.shortages import shortages as find_shortages
from queries.targets import TargetStatus, evaluate_targets
from queries.workforce import WorkforceTable, reference_year, workforce
from queries.workforce_dimensions import AGE_BANDS, DIMENSIONS
from queries.workforce_forecast import GroupForecast, WorkforceForecast

router = APIRouter(route_class=PageRoute, include_in_schema=False)

# The breakdowns on the page, in reading order; each is one GET /api/v1/stats/workforce?by=...
PANELS = ("degree_level", "degree", "academic_title", "sector", "gender", "age_band", "ethnic_minority",
          "ethnicity", "district")  # fmt: skip
STATUS_KEYS = {"đạt": "met", "chưa đạt": "unmet", "không đo được": "unmeasurable"}
SUPPLY_KEYS = {NONE: "none", FEW: "few", ENOUGH: "enough"}


@dataclass(frozen=True)
class Row:
    label: str
    count: int
    share: float  # 0..100
    suppressed: bool


@dataclass(frozen=True)
class Panel:
    dimension: str
    total: int
    rows: list[Row]
    min_group_size: int | None
    suppressed_groups: int


def _label(lang: str, dimension: str, value: object, shown: str, suppressed: bool) -> str:
    if suppressed:
        return translate(lang, "dash.suppressed_row")
    if dimension == "sector" and isinstance(value, str):
        return sector_name(lang, value) or shown
    if dimension == "gender" and isinstance(value, str):
        return term(lang, "gender", value)
    return shown


def panel(lang: str, table: WorkforceTable) -> Panel:
    dim = table.by[0]
    rows = [
        Row(
            _label(lang, dim, g.values[dim], g.labels[dim], g.suppressed),
            g.count,
            round(100 * g.share, 1),
            g.suppressed,
        )
        for g in table.groups
    ]
    return Panel(dim, table.total, rows, table.min_group_size, table.suppressed_groups)


def panels(graph: Graph, settings: Settings, lang: str, year: int) -> list[Panel]:
    return [panel(lang, workforce(graph, settings, [dim], {}, year)) for dim in PANELS]


@dataclass(frozen=True)
class TargetView:
    status: TargetStatus
    name: str
    status_key: str  # met, unmet, unmeasurable
    percent: float | None  # current as a share of the target value, 0..100+
    current: str  # "627" people, "40.27%"; "—" when the data cannot measure it
    goal: str  # "1200", "25–35%"
    gap: str


def figure(value: float | None, unit: str) -> str:
    """People are whole numbers; shares keep their decimals and a % sign."""
    if value is None:
        return "—"
    shown = f"{value:g}" if unit == "%" else f"{round(value):d}"
    return shown + ("%" if unit == "%" else "")


def target_views(lang: str, statuses: list[TargetStatus]) -> list[TargetView]:
    out = []
    for s in statuses:
        name = s.name_en if lang == "en" and s.name_en else s.name_vi
        percent = round(100 * s.current / s.value, 1) if s.current is not None and s.value else None
        goal = figure(s.value, "")
        if s.value_max is not None:
            goal += "–" + figure(s.value_max, "")
        goal += "%" if s.unit == "%" else ""
        status = STATUS_KEYS.get(s.status, "unmeasurable")
        out.append(
            TargetView(s, name, status, percent, figure(s.current, s.unit), goal, figure(s.gap, s.unit))
        )
    return out


@dataclass(frozen=True)
class ForecastView:
    name: str
    current: int
    horizons: list[YearProjection]
    mean_intake: float


def forecast_views(lang: str, groups: list[GroupForecast], horizons: tuple[int, ...]) -> list[ForecastView]:
    out = []
    for g in groups:
        if g.key in ("doctorate", "master"):
            name = translate(lang, f"dash.level.{g.key}")
        else:
            name = sector_name(lang, g.key) or g.name_vi
        out.append(
            ForecastView(name, g.current, [g.projection.at(h) for h in horizons], g.projection.mean_intake)
        )
    return out


def pyramid_svg(graph: Graph, settings: Settings, year: int) -> str:
    table = workforce(graph, settings, ["age_band", "gender"], {}, year)
    counts = {(g.values["age_band"], g.values["gender"]): g.count for g in table.groups}
    labels = [DIMENSIONS["age_band"].label(b) for b in AGE_BANDS]
    men = [counts.get((b, "M"), 0) for b in AGE_BANDS]
    women = [counts.get((b, "F"), 0) for b in AGE_BANDS]
    return charts.pyramid(labels, men, women)


def targets_svg(statuses: list[TargetStatus]) -> str:
    items = [
        (s.name_vi, s.current, s.value, s.forecast.median if s.forecast else None)
        for s in statuses
        if s.current is not None and s.value
    ]
    return charts.target_progress(items)


def sectors_svg(fc: WorkforceForecast) -> str:
    names = [g.name_vi for g in fc.sectors]
    series: list[tuple[str, list[float]]] = [
        (f"Hiện nay ({fc.reference_year})", [float(g.current) for g in fc.sectors])
    ]
    for horizon in fc.horizons:
        series.append((f"Dự báo {horizon}", [g.projection.at(horizon).median for g in fc.sectors]))
    shares = [(name, [100 * v / (sum(values) or 1) for v in values]) for name, values in series]
    return charts.sector_balance(names, shares)


def shortage_name(lang: str, s: Shortage) -> str:
    return s.name_vi if lang == "vi" or s.source != "program" else translate(lang, f"dash.need.{s.key}")


@router.get("/dashboard", response_class=HTMLResponse)
def dashboard_page(request: Request, graph: GraphDep, settings: SettingsDep, lang: LangDep) -> Response:
    year = reference_year(settings)
    statuses, fc = evaluate_targets(graph, year)
    found = find_shortages(graph)
    return render(
        request,
        lang,
        "dashboard.html",
        year=year,
        panels=panels(graph, settings, lang, year),
        targets=target_views(lang, statuses),
        forecast=fc,
        degree_forecasts=forecast_views(lang, fc.degrees, fc.horizons),
        sector_forecasts=forecast_views(lang, fc.sectors, fc.horizons),
        shortages=[(shortage_name(lang, s), s, SUPPLY_KEYS.get(s.status, "few")) for s in found],
        charts={
            "targets": targets_svg(statuses),
            "pyramid": pyramid_svg(graph, settings, year),
            "sectors": sectors_svg(fc),
        },
        min_group_size=settings.stats_min_group_size,
    )
