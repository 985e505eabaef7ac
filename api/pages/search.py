"""The home page: one search box, the search API's filters, ranked results with their evidence."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Annotated

from fastapi import APIRouter, Query, Request, Response
from fastapi.responses import HTMLResponse

from api.deps import GraphDep
from api.pages import evidence
from api.pages.render import LangDep, PageRoute, render
from graph.connection import Graph
from graph.sectors import SECTOR_BY_CODE, SECTORS
from graph.text import normalize
from queries.field_choices import list_field_choices
from queries.filters import ExpertFilters
from queries.ranking import Evidence, RankedExpert
from queries.search import search_experts

router = APIRouter(route_class=PageRoute, include_in_schema=False)

PAGE_SIZE = 20
MAX_PAGE = 500
EXAMPLES = ("nông nghiệp", "sâm Lai Châu", "sat lo dat", "y tế dự phòng", "chuyển đổi số")


@dataclass(frozen=True)
class SearchForm:
    """What the reader asked for, cleaned: unknown filter values are dropped, never sent on."""

    q: str
    sector: str
    field: str

    @property
    def active(self) -> bool:
        return bool(self.q or self.sector or self.field)

    def params(self) -> dict[str, str]:
        return {k: v for k, v in (("q", self.q), ("sector", self.sector), ("field", self.field)) if v}


def clean_form(q: str, sector: str, field: str) -> SearchForm:
    return SearchForm(
        q=normalize(q)[:500],
        sector=sector if sector in SECTOR_BY_CODE else "",
        field=field if field.isdigit() and len(field) <= 5 else "",
    )


def sector_name(lang: str, code: str | None) -> str:
    sector = SECTOR_BY_CODE.get(code or "")
    if sector is None:
        return ""
    return sector.name_vi if lang == "vi" else sector.name_en


@dataclass(frozen=True)
class ExpertHit:
    """What a result line shows of a ranked expert (queries.ranking.RankedExpert)."""

    id: str
    name: str
    academic_title: str | None
    degree: str | None
    organization: str | None
    sector: str | None
    score: float
    evidence: list[Evidence]

    @classmethod
    def of(cls, ranked: RankedExpert) -> ExpertHit:
        card = ranked.card
        return cls(
            id=ranked.id,
            name=card["name"],
            academic_title=card.get("academic_title"),
            degree=card.get("degree"),
            organization=card.get("organization"),
            sector=card.get("sector"),
            score=ranked.score,
            evidence=list(ranked.evidence),
        )


def title_and_degree(hit: ExpertHit) -> str:
    """ "PGS.TS." as written before names on Vietnamese documents."""
    return ".".join(p for p in (hit.academic_title, hit.degree) if p) + ("." if hit.degree else "")


@dataclass(frozen=True)
class ResultView:
    hit: ExpertHit
    prefix: str
    sector: str
    reason: str
    evidence: list[evidence.EvidenceView]


def result_views(lang: str, hits: list[ExpertHit]) -> list[ResultView]:
    return [
        ResultView(
            hit=h,
            prefix=title_and_degree(h),
            sector=sector_name(lang, h.sector),
            reason=evidence.reason(lang, h.evidence),
            evidence=evidence.views(lang, h.evidence[:5]),
        )
        for h in hits
    ]


def field_options(graph: Graph, lang: str) -> list[tuple[str, str, int]]:
    return [
        (f.code, (f.name_en if lang == "en" and f.name_en else f.name_vi), f.level)
        for f in list_field_choices(graph)
    ]


@router.get("/", response_class=HTMLResponse)
def search_page(
    request: Request,
    graph: GraphDep,
    lang: LangDep,
    q: Annotated[str, Query(max_length=2000)] = "",
    sector: Annotated[str, Query(max_length=40)] = "",
    field: Annotated[str, Query(max_length=40)] = "",
    page: Annotated[int, Query(ge=1)] = 1,
) -> Response:
    form = clean_form(q, sector, field)
    page = min(page, MAX_PAGE)
    results: list[ResultView] = []
    total = 0
    if form.active:
        found = search_experts(
            graph,
            form.q,
            filters=ExpertFilters(sector=form.sector or None, field=form.field or None),
            limit=PAGE_SIZE,
            offset=(page - 1) * PAGE_SIZE,
        )
        total = found.total
        results = result_views(lang, [ExpertHit.of(h) for h in found.hits])
    pages = max(1, -(-total // PAGE_SIZE))
    return render(
        request,
        lang,
        "search.html",
        form=form,
        sectors=[(s.code, sector_name(lang, s.code)) for s in SECTORS],
        fields=field_options(graph, lang),
        results=results,
        total=total,
        ranked=bool(form.q.strip()),
        page=page,
        pages=pages,
        first_rank=(page - 1) * PAGE_SIZE + 1,
        examples=EXAMPLES,
    )
