"""A proposal's page and its council: compose (a GET, nothing stored), save (a POST), export (.xlsx).

Composing is deterministic for the same request (docs/conflicts.md), so the page shows a composition
from the query string, and "save" re-runs the same request with `save=True`: what was shown is what is
stored. Each seat carries the same evidence sentences the search page shows (api/explain.py).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from typing import Annotated

from fastapi import APIRouter, Form, Path, Query, Request, Response
from fastapi.responses import HTMLResponse, RedirectResponse

from api.deps import AuditDep, GraphDep
from api.i18n import translate
from api.pages.council_export import council_workbook
from api.pages.csrf import CsrfChecked, CsrfToken
from api.pages.render import LangDep, PageRoute, ref_path, render
from api.pages.search import ExpertHit, ResultView, result_views
from graph.connection import Graph
from graph.errors import Infeasible
from graph.settings import get_conflict_rules
from queries.council import Council, CouncilRequest, Member, compose_council
from queries.council_store import saved_council
from queries.proposals import Proposal, get_proposal
from queries.search import match_experts

router = APIRouter(route_class=PageRoute, include_in_schema=False)
Ref = Annotated[str, Path(max_length=100)]
XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
INFEASIBLE_KINDS = (
    "size",
    "field_coverage",
    "outside_host_share",
    "outside_province_share",
    "no_conflict_between_members",
)


@dataclass(frozen=True)
class ComposeForm:
    """The council's size and rules as the form sends them; shares are percentages."""

    size: int = 7
    reviewers: int = 2
    outside_host: int = 50
    outside_province: int = 0
    women: int = 2
    minority: int = 1
    period: str = ""

    def request(self, code: str, save: bool) -> CouncilRequest:
        return CouncilRequest(
            proposal_code=code,
            size=self.size,
            reviewers=self.reviewers,
            outside_host_share=self.outside_host / 100,
            outside_province_share=self.outside_province / 100,
            women_target=self.women,
            minority_target=self.minority,
            period=self.period or str(date.today().year),
            save=save,
        )

    def params(self) -> dict[str, str]:
        return {k: str(v) for k, v in self.__dict__.items()}


def compose_form(
    size: int,
    reviewers: int,
    outside_host: int,
    outside_province: int,
    women: int,
    minority: int,
    period: str,
) -> ComposeForm:
    """Values clamped to what the council model accepts (as the API's ComposeIn bounds them)."""

    def clamp(value: int, low: int, high: int) -> int:
        return max(low, min(high, value))

    return ComposeForm(
        size=clamp(size, 3, 15),
        reviewers=clamp(reviewers, 0, 5),
        outside_host=clamp(outside_host, 0, 100),
        outside_province=clamp(outside_province, 0, 100),
        women=clamp(women, 0, 15),
        minority=clamp(minority, 0, 15),
        period=period.strip()[:20] if period.strip().isdigit() else "",
    )


@dataclass(frozen=True)
class SeatView:
    member: Member
    view: ResultView | None  # the member's evidence for this proposal
    alternates: list[tuple[Member, ResultView | None]]


def _evidence(graph: Graph, lang: str, p: Proposal, ids: list[str]) -> dict[str, ResultView]:
    """Each expert's match evidence for the proposal, ranked as the search page ranks it."""
    if not ids:
        return {}
    page = match_experts(graph, p.title, p.abstract, fields=p.fields, candidate_ids=ids, limit=len(ids))
    return {v.hit.id: v for v in result_views(lang, [ExpertHit.of(h) for h in page.hits])}


def seat_views(graph: Graph, lang: str, p: Proposal, council: Council) -> list[SeatView]:
    ids = [m.expert_id for m in council.members]
    ids += [a.expert_id for alts in council.alternates.values() for a in alts]
    views = _evidence(graph, lang, p, sorted(set(ids)))
    return [
        SeatView(
            m,
            views.get(m.expert_id),
            [(a, views.get(a.expert_id)) for a in council.alternates.get(m.expert_id, [])],
        )
        for m in council.members
    ]


def infeasible_text(lang: str, exc: Infeasible) -> str:
    """Which constraint cannot hold, in the reader's language; the solver's detail stays beside it."""
    kinds = [part.strip().split(":")[0] for part in exc.constraint.split(",")]
    known = [k for k in kinds if k in INFEASIBLE_KINDS]
    if not known:
        return translate(lang, "council.infeasible_other", constraint=exc.constraint)
    return " ".join(translate(lang, f"council.infeasible_{k}") for k in dict.fromkeys(known))


def _proposal_page(
    request: Request, graph: Graph, lang: str, csrf: str, code: str, form: ComposeForm, composed: bool
) -> Response:
    proposal = get_proposal(graph, code)
    council: Council | None = None
    infeasible: Infeasible | None = None
    if composed:
        try:
            council = compose_council(graph, form.request(code, save=False), get_conflict_rules())
        except Infeasible as exc:
            infeasible = exc
    return render(
        request,
        lang,
        "proposal.html",
        status_code=422 if infeasible else 200,
        p=proposal,
        form=form,
        saved=saved_council(graph, code),
        council=council,
        seats=seat_views(graph, lang, proposal, council) if council else [],
        infeasible=infeasible,
        infeasible_text=infeasible_text(lang, infeasible) if infeasible else "",
        csrf=csrf,
    )


Num = Annotated[int, Query(ge=-1000, le=1000)]


@router.get("/proposals/{ref:path}/council.xlsx")
def export_council(request: Request, graph: GraphDep, lang: LangDep, record: AuditDep, ref: Ref) -> Response:
    """The saved council as the decision's annex; every export is written to the audit log."""
    proposal = get_proposal(graph, ref)
    council = saved_council(graph, ref)
    if council is None:
        return RedirectResponse(ref_path("/proposals", ref) + "#compose", status_code=303)
    seats = council["seats"]
    views = _evidence(graph, lang, proposal, [s["expert_id"] for s in seats])
    reasons = {k: v.reason for k, v in views.items()}
    body = council_workbook(lang, proposal, council, reasons, str(request.base_url))
    record("export_council", council["id"], f"proposal={proposal.code} seats={len(seats)}")
    stamp = datetime.now().strftime("%Y%m%d-%H%M")
    return Response(
        body,
        media_type=XLSX_TYPE,
        headers={"Content-Disposition": f'attachment; filename="hoi-dong-{stamp}.xlsx"'},
    )


@router.get("/proposals/{ref:path}/council", response_class=HTMLResponse)
def council_page(
    request: Request,
    graph: GraphDep,
    lang: LangDep,
    csrf: CsrfToken,
    ref: Ref,
    size: Num = 7,
    reviewers: Num = 2,
    outside_host: Num = 50,
    outside_province: Num = 0,
    women: Num = 2,
    minority: Num = 1,
    period: Annotated[str, Query(max_length=20)] = "",
) -> Response:
    form = compose_form(size, reviewers, outside_host, outside_province, women, minority, period)
    return _proposal_page(request, graph, lang, csrf, ref, form, composed=True)


FormNum = Annotated[int, Form(ge=-1000, le=1000)]


@router.post("/proposals/{ref:path}/council", response_class=HTMLResponse, dependencies=[CsrfChecked])
def save_council_page(
    request: Request,
    graph: GraphDep,
    lang: LangDep,
    csrf: CsrfToken,
    record: AuditDep,
    ref: Ref,
    size: FormNum = 7,
    reviewers: FormNum = 2,
    outside_host: FormNum = 50,
    outside_province: FormNum = 0,
    women: FormNum = 2,
    minority: FormNum = 1,
    period: Annotated[str, Form(max_length=20)] = "",
) -> Response:
    form = compose_form(size, reviewers, outside_host, outside_province, women, minority, period)
    try:
        council = compose_council(graph, form.request(ref, save=True), get_conflict_rules())
    except Infeasible:
        return _proposal_page(request, graph, lang, csrf, ref, form, composed=True)
    record("compose_council", ref, f"{council.council_id} saved from page")
    return RedirectResponse(ref_path("/proposals", ref) + "#saved-council", status_code=303)


@router.get("/proposals/{ref:path}", response_class=HTMLResponse)
def proposal_page(request: Request, graph: GraphDep, lang: LangDep, csrf: CsrfToken, ref: Ref) -> Response:
    return _proposal_page(request, graph, lang, csrf, ref, ComposeForm(), composed=False)
