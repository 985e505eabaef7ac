"""The collaboration network page: communities, brokers, gaps and suggested introductions (issue 7).

Every figure comes from queries/network (the same cached analyses as GET /api/v1/network/...), so
the page and the API always agree; the downloads are links to the API's GraphML, GEXF and CSV exports.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Annotated, Any
from urllib.parse import urlencode

from fastapi import APIRouter, Query, Request, Response
from fastapi.responses import HTMLResponse

from api.deps import GraphDep
from api.pages.render import LangDep, PageRoute, render
from api.pages.search import sector_name
from graph.errors import InvalidNetworkFilter
from graph.sectors import SECTOR_BY_CODE, SECTORS
from queries.network.analysis import analyse
from queries.network.filters import NetworkFilter, ProjectionKind
from queries.network.gaps import gaps
from queries.network.pictures import communities_svg
from queries.network.suggestions import suggest
from queries.network.summaries import brokers, communities, field_names, summarize

router = APIRouter(route_class=PageRoute, include_in_schema=False)

PROJECTIONS = (ProjectionKind.EXPERT, ProjectionKind.ORGANIZATION)
SHOWN = 10  # rows per table: the page is an overview, the exports hold everything
PICTURED = 20  # communities drawn in the picture
GAP_ROWS = 15


@dataclass(frozen=True)
class NetworkForm:
    """The filters as typed; a value the form could not have sent is dropped rather than refused."""

    projection: ProjectionKind
    sector: str
    year_from: int | None
    year_to: int | None

    def network_filter(self) -> NetworkFilter:
        return NetworkFilter(self.year_from, self.year_to, self.sector or None)

    def params(self) -> dict[str, str]:
        values = {
            "projection": self.projection.value,
            "sector": self.sector,
            "year_from": "" if self.year_from is None else str(self.year_from),
            "year_to": "" if self.year_to is None else str(self.year_to),
        }
        return {k: v for k, v in values.items() if v}

    def query(self, **extra: str) -> str:
        return urlencode(self.params() | extra)


def _year(text: str) -> int | None:
    text = text.strip()
    return int(text) if text.isdigit() and 1900 <= int(text) <= 2100 else None


def clean_form(projection: str, sector: str, year_from: str, year_to: str) -> NetworkForm:
    kinds = {p.value: p for p in PROJECTIONS}
    return NetworkForm(
        projection=kinds.get(projection, ProjectionKind.EXPERT),
        sector=sector if sector in SECTOR_BY_CODE else "",
        year_from=_year(year_from),
        year_to=_year(year_to),
    )


@router.get("/network", response_class=HTMLResponse)
def network_page(
    request: Request,
    graph: GraphDep,
    lang: LangDep,
    projection: Annotated[str, Query(max_length=40)] = "expert",
    sector: Annotated[str, Query(max_length=40)] = "",
    year_from: Annotated[str, Query(max_length=10)] = "",
    year_to: Annotated[str, Query(max_length=10)] = "",
) -> Response:
    form = clean_form(projection, sector, year_from, year_to)
    context: dict[str, Any] = {
        "form": form,
        "projections": [p.value for p in PROJECTIONS],
        "sectors": [(s.code, sector_name(lang, s.code)) for s in SECTORS],
        "error": None,
    }
    flt = form.network_filter()
    try:
        analysis = analyse(graph, form.projection, flt)
    except InvalidNetworkFilter as exc:
        context["error"] = exc
        return render(request, lang, "network.html", status_code=422, **context)
    found = communities(analysis, graph, min_size=2, limit=PICTURED)
    names = field_names(graph)
    expert_view = (
        analysis if form.projection is ProjectionKind.EXPERT else analyse(graph, ProjectionKind.EXPERT, flt)
    )
    holes = gaps(graph, expert_view, analyse(graph, ProjectionKind.SECTOR, flt), None, sample=GAP_ROWS)
    context |= {
        "summary": summarize(analysis),
        "communities": found[:SHOWN],
        "picture": communities_svg(analysis, found, PICTURED),
        "brokers": brokers(analysis, SHOWN),
        "suggestions": suggest(analysis, names, limit=SHOWN),
        "gaps": holes,
        "demand": [d for d in holes.demand if d.shortage][:GAP_ROWS],
        "gap_rows": GAP_ROWS,
        "sector_names": {s.code: sector_name(lang, s.code) for s in SECTORS},
    }
    return render(request, lang, "network.html", **context)
