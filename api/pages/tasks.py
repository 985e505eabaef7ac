"""Commissioning pages: the task list, a new task, and a task with its team, candidates and history.

Editors only (mounted with `require_page(Permission.EDIT)`). Forms POST with the session's CSRF token
(api/pages/csrf.py) and redirect (303) to a GET; a form with mistakes comes back with each mistake
beside its box, in the reader's language.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Annotated, Any

from fastapi import APIRouter, Form, Path, Request, Response
from fastapi.responses import HTMLResponse, RedirectResponse

from api.deps import AuditDep, CurrentUser, GraphDep
from api.explain import conflict_sentence
from api.pages.csrf import CsrfChecked, CsrfToken
from api.pages.render import LangDep, PageRoute, ref_path, render
from api.pages.search import ExpertHit, ResultView, field_options, result_views, sector_name
from graph.connection import Graph
from graph.errors import InvalidRequest
from graph.sectors import SECTOR_BY_CODE, SECTORS
from graph.text import normalize
from queries.candidates import Candidate, task_candidates
from queries.org_choices import list_org_choices
from queries.tasks import NewTask, assign, create_task, get_task, list_tasks, task_history

router = APIRouter(route_class=PageRoute, include_in_schema=False)

KINDS = ("research_order", "consultancy", "critique", "social_review")
ROLES = ("lead", "member", "reviewer", "advisor")
STATUSES = ("proposed", "active", "completed", "declined")
TaskRef = Annotated[str, Path(max_length=40)]
Text = Annotated[str, Form(max_length=20_000)]
Short = Annotated[str, Form(max_length=500)]
CANDIDATES_SHOWN = 10


def page_user(request: Request) -> CurrentUser:
    """The signed-in reader, set by the router's `require_page` gate."""
    user: CurrentUser = request.state.user
    return user


@dataclass
class TaskForm:
    """What the editor typed, kept as typed so a form with mistakes comes back filled in."""

    kind: str = ""
    title: str = ""
    description: str = ""
    required_fields: list[str] = field(default_factory=list)
    sector: str = ""
    org_id: str = ""
    team_size: str = "1"
    deadline: str = ""


def validate_task(form: TaskForm) -> tuple[NewTask | None, dict[str, str]]:
    """The task, or the i18n keys of every mistake by form field (all of them, not just the first)."""
    errors: dict[str, str] = {}
    title = normalize(form.title).strip()
    if form.kind not in KINDS:
        errors["kind"] = "form.err_choose"
    if not title:
        errors["title"] = "form.err_required"
    elif len(title) > 500:
        errors["title"] = "form.err_too_long"
    if form.sector and form.sector not in SECTOR_BY_CODE:
        errors["sector"] = "form.err_choose"
    if not form.org_id:
        errors["org_id"] = "form.err_required"
    if len(form.required_fields) > 20 or not all(c.isdigit() for c in form.required_fields):
        errors["required_fields"] = "form.err_fields"
    size = int(form.team_size) if form.team_size.strip().isdigit() else 0
    if not 1 <= size <= 5:
        errors["team_size"] = "form.err_team_size"
    deadline: date | None = None
    if form.deadline:
        try:
            deadline = date.fromisoformat(form.deadline)
        except ValueError:
            errors["deadline"] = "form.err_date"
        else:
            if deadline < date.today():
                errors["deadline"] = "form.err_past"
    if errors:
        return None, errors
    return NewTask(
        kind=form.kind,
        title=title,
        description=normalize(form.description).strip(),
        required_fields=sorted(set(form.required_fields)),
        sector=form.sector or None,
        org_id=form.org_id,
        team_size=size,
        deadline=deadline,
    ), {}


def _new_form(
    request: Request, graph: Graph, lang: str, csrf: str, form: TaskForm, errors: dict[str, str]
) -> Response:
    return render(
        request,
        lang,
        "task_new.html",
        status_code=422 if errors else 200,
        form=form,
        errors=errors,
        csrf=csrf,
        kinds=KINDS,
        sectors=[(s.code, sector_name(lang, s.code)) for s in SECTORS],
        fields=field_options(graph, lang),
        orgs=list_org_choices(graph),
    )


@router.get("/tasks", response_class=HTMLResponse)
def tasks_page(request: Request, graph: GraphDep, lang: LangDep) -> Response:
    return render(request, lang, "tasks.html", tasks=list_tasks(graph))


@router.get("/tasks/new", response_class=HTMLResponse)
def new_task_page(request: Request, graph: GraphDep, lang: LangDep, csrf: CsrfToken) -> Response:
    return _new_form(request, graph, lang, csrf, TaskForm(), {})


@router.post("/tasks/new", response_class=HTMLResponse, dependencies=[CsrfChecked])
def create_task_page(
    request: Request,
    graph: GraphDep,
    lang: LangDep,
    csrf: CsrfToken,
    record: AuditDep,
    kind: Short = "",
    title: Text = "",
    description: Text = "",
    required_fields: Annotated[list[str], Form(max_length=40)] = [],  # noqa: B006 (FastAPI copies it)
    sector: Short = "",
    org_id: Short = "",
    team_size: Short = "1",
    deadline: Short = "",
) -> Response:
    form = TaskForm(kind, title, description, required_fields, sector, org_id, team_size, deadline)
    task, errors = validate_task(form)
    if task is None:
        return _new_form(request, graph, lang, csrf, form, errors)
    try:
        task_id = create_task(graph, task)
    except InvalidRequest as exc:  # an organization or field code the graph does not hold
        return _new_form(request, graph, lang, csrf, form, {exc.field: "form.err_unknown"})
    record("create_task", task_id, task.kind)
    return RedirectResponse(ref_path("/tasks", task_id), status_code=303)


@dataclass(frozen=True)
class CandidateView:
    view: ResultView
    covers: list[str]
    load: int


def _candidate_views(lang: str, found: list[Candidate]) -> list[CandidateView]:
    views = result_views(lang, [ExpertHit.of(c.hit) for c in found])
    return [CandidateView(v, c.covers, c.load) for v, c in zip(views, found, strict=True)]


def _task_page(
    request: Request,
    graph: Graph,
    lang: str,
    csrf: str,
    task_id: str,
    *,
    error: str | None = None,
    status_code: int = 200,
) -> Response:
    found = task_candidates(graph, task_id, limit=CANDIDATES_SHOWN)
    excluded = result_views(lang, [ExpertHit.of(x.hit) for x in found.excluded])
    task: dict[str, Any] = found.task
    return render(
        request,
        lang,
        "task.html",
        status_code=status_code,
        task=task,
        sector=sector_name(lang, task.get("sector")),
        team=_candidate_views(lang, found.team),
        uncovered=found.uncovered,
        candidates=_candidate_views(lang, found.candidates),
        excluded=[
            (v, [conflict_sentence(lang, c) for c in x.conflicts])
            for v, x in zip(excluded, found.excluded, strict=True)
        ],
        history=task_history(graph, task_id),
        roles=ROLES,
        statuses=STATUSES,
        csrf=csrf,
        error=error,
    )


@router.get("/tasks/{ref}", response_class=HTMLResponse)
def task_page(request: Request, graph: GraphDep, lang: LangDep, csrf: CsrfToken, ref: TaskRef) -> Response:
    return _task_page(request, graph, lang, csrf, ref)


@router.post("/tasks/{ref}/assignments", response_class=HTMLResponse, dependencies=[CsrfChecked])
def assign_page(
    request: Request,
    graph: GraphDep,
    lang: LangDep,
    csrf: CsrfToken,
    record: AuditDep,
    ref: TaskRef,
    expert_id: Short = "",
    role: Short = "member",
    status: Short = "proposed",
) -> Response:
    expert_id = expert_id.strip()
    if role not in ROLES or status not in STATUSES or not expert_id:
        return _task_page(request, graph, lang, csrf, ref, error="task.err_assign", status_code=422)
    get_task(graph, ref)
    try:
        assign(graph, ref, expert_id, role, status, by=page_user(request).username)
    except InvalidRequest:
        return _task_page(request, graph, lang, csrf, ref, error="task.err_expert", status_code=422)
    record("assign_task", ref, f"{expert_id} {role} {status}")
    return RedirectResponse(ref_path("/tasks", ref) + "#assignments", status_code=303)
