"""Batch reviewer assignment for a call: choose proposals, k, L and the objective; see the optimum and
how far a greedy assignment falls short of it (queries/assign.py solves it exactly)."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Annotated, Any

from fastapi import APIRouter, Form, Query, Request, Response
from fastapi.responses import HTMLResponse

from api.deps import AuditDep, GraphDep
from api.i18n import translate
from api.pages.csrf import CsrfChecked, CsrfToken
from api.pages.render import LangDep, PageRoute, render
from graph.connection import Graph
from graph.errors import Infeasible
from graph.settings import get_conflict_rules
from queries.assign import AssignResult, assign_reviewers
from queries.council_store import candidate_facts
from queries.proposals import list_programs, list_proposals

router = APIRouter(route_class=PageRoute, include_in_schema=False)
MAX_PROPOSALS = 200


@dataclass
class AssignForm:
    proposals: list[str] = field(default_factory=list)
    k: str = "3"
    max_per_reviewer: str = "2"
    fair: bool = False
    save: bool = False
    period: str = ""


def validate_assign(form: AssignForm) -> tuple[tuple[int, int] | None, dict[str, str]]:
    """(k, L), or the i18n keys of every mistake by form field."""
    errors: dict[str, str] = {}
    if not form.proposals:
        errors["proposals"] = "reviews.err_none"
    elif len(form.proposals) > MAX_PROPOSALS:
        errors["proposals"] = "reviews.err_many"
    k = int(form.k) if form.k.strip().isdigit() else 0
    cap = int(form.max_per_reviewer) if form.max_per_reviewer.strip().isdigit() else 0
    if not 1 <= k <= 10:
        errors["k"] = "reviews.err_k"
    if not 1 <= cap <= 50:
        errors["max_per_reviewer"] = "reviews.err_l"
    if form.period and not (form.period.isdigit() and len(form.period) == 4):
        errors["period"] = "form.err_year"
    return (None, errors) if errors else ((k, cap), {})


@dataclass(frozen=True)
class Row:
    code: str
    title: str
    total: float
    reviewers: list[dict[str, Any]]  # id, name, organization, affinity


def result_rows(graph: Graph, result: AssignResult) -> list[Row]:
    problem, best = result.problem, result.solution
    chosen = sorted({problem.experts[j] for seats in best.reviewers for j in seats})
    facts = candidate_facts(graph, chosen)
    rows = []
    for i, p in enumerate(problem.proposals):
        reviewers = []
        for j in best.reviewers[i]:
            expert_id = problem.experts[j]
            fact = facts.get(expert_id, {})
            orgs = fact.get("org_names") or []
            reviewers.append(
                {
                    "id": expert_id,
                    "name": fact.get("name") or expert_id,
                    "organization": orgs[0] if orgs else "",
                    "affinity": float(problem.affinity[i, j]),
                }
            )
        rows.append(Row(p.code, p.title, best.per_proposal[i], reviewers))
    return rows


def _page(
    request: Request,
    graph: Graph,
    lang: str,
    csrf: str,
    form: AssignForm,
    program: str,
    *,
    errors: dict[str, str] | None = None,
    result: AssignResult | None = None,
    infeasible: str = "",
) -> Response:
    status = 422 if errors or infeasible else 200
    base = result.baseline if result else None
    best = result.solution if result else None
    shortfall = 1 - base.total / best.total if base and best and best.total else 0.0
    return render(
        request,
        lang,
        "reviews_assign.html",
        status_code=status,
        form=form,
        errors=errors or {},
        program=program,
        programs=list_programs(graph),
        proposals=list_proposals(graph, program or None),
        result=result,
        rows=result_rows(graph, result) if result else [],
        shortfall=shortfall,
        infeasible=infeasible,
        csrf=csrf,
    )


@router.get("/reviews/assign", response_class=HTMLResponse)
def assign_page(
    request: Request,
    graph: GraphDep,
    lang: LangDep,
    csrf: CsrfToken,
    program: Annotated[str, Query(max_length=300)] = "",
) -> Response:
    return _page(request, graph, lang, csrf, AssignForm(), program)


@router.post("/reviews/assign", response_class=HTMLResponse, dependencies=[CsrfChecked])
def run_assign_page(
    request: Request,
    graph: GraphDep,
    lang: LangDep,
    csrf: CsrfToken,
    record: AuditDep,
    proposals: Annotated[list[str], Form(max_length=MAX_PROPOSALS + 1)] = [],  # noqa: B006
    k: Annotated[str, Form(max_length=10)] = "3",
    max_per_reviewer: Annotated[str, Form(max_length=10)] = "2",
    fair: Annotated[str, Form(max_length=10)] = "",
    save: Annotated[str, Form(max_length=10)] = "",
    period: Annotated[str, Form(max_length=20)] = "",
    program: Annotated[str, Form(max_length=300)] = "",
) -> Response:
    form = AssignForm(
        list(dict.fromkeys(proposals)), k, max_per_reviewer, bool(fair), bool(save), period.strip()
    )
    limits, errors = validate_assign(form)
    if limits is None:
        return _page(request, graph, lang, csrf, form, program, errors=errors)
    try:
        result = assign_reviewers(
            graph,
            form.proposals,
            None,
            k=limits[0],
            max_per_reviewer=limits[1],
            objective="worst_proposal" if form.fair else "total",
            rules=get_conflict_rules(),
            period=form.period or str(date.today().year),
            save=form.save,
        )
    except Infeasible as exc:
        text = (
            translate(lang, f"reviews.infeasible_{exc.constraint}")
            if exc.constraint
            in (
                "reviewers_per_proposal",
                "max_per_reviewer",
            )
            else translate(lang, "council.infeasible_other", constraint=exc.constraint)
        )
        return _page(request, graph, lang, csrf, form, program, infeasible=text)
    if form.save:
        record("assign_reviewers", None, f"{len(form.proposals)} proposals, page")
    return _page(request, graph, lang, csrf, form, program, result=result)
