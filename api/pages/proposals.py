"""Proposal pages: the list (per program, i.e. per call), a new proposal by form, and a sheet import.

Editors only. The import takes the `proposals` and `proposal_members` sheets of a workbook (or one
CSV) through the same pipeline as `POST /api/v1/import` (validation of every row, a recorded run, the
audit log), so a file rejected here is rejected there with the same row and column.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Annotated

from fastapi import APIRouter, File, Form, Query, Request, Response, UploadFile
from fastapi.responses import HTMLResponse, RedirectResponse

from api.deps import AuditDep, CurrentUser, GraphDep
from api.pages.csrf import CsrfChecked, CsrfToken
from api.pages.render import LangDep, PageRoute, ref_path, render
from api.pages.search import field_options
from graph.connection import Graph
from graph.errors import ImportRejected, RowError, UnknownReference
from graph.settings import get_settings
from graph.text import normalize
from ingest.columns import Kind
from ingest.readers import Table
from ingest.runs import ImportRun, import_recorded, sha256_hex
from ingest.uploads import safe_name, tables_of_workbook
from queries.org_choices import list_org_choices
from queries.proposals import OrgLink, Person, Proposal, list_programs, list_proposals, save_proposal

router = APIRouter(route_class=PageRoute, include_in_schema=False)

LEVELS = ("national", "ministerial", "provincial", "grassroots")
PROPOSAL_KINDS = (Kind.PROPOSALS, Kind.PROPOSAL_MEMBERS)
CODE = re.compile(r"^[\w.\-/ ]{1,100}$")
IDS = re.compile(r"[,;\s]+")
Short = Annotated[str, Form(max_length=1000)]
Text = Annotated[str, Form(max_length=20_000)]
Many = Annotated[list[str], Form(max_length=200)]


@dataclass
class ProposalForm:
    """The form as typed; proposers are ids, the lead in its own box and the others comma-separated."""

    code: str = ""
    title: str = ""
    abstract: str = ""
    fields: list[str] = field(default_factory=list)
    host_org_id: str = ""
    partner_org_ids: list[str] = field(default_factory=list)
    lead: str = ""
    members: str = ""
    level: str = ""
    program: str = ""
    year: str = ""


def validate_proposal(form: ProposalForm) -> tuple[Proposal | None, dict[str, str]]:
    """The proposal, or the i18n keys of every mistake by form field."""
    errors: dict[str, str] = {}
    code, title = form.code.strip(), normalize(form.title).strip()
    if not code:
        errors["code"] = "form.err_required"
    elif not CODE.match(code):
        errors["code"] = "form.err_code"
    if not title:
        errors["title"] = "form.err_required"
    if form.level and form.level not in LEVELS:
        errors["level"] = "form.err_choose"
    year = None
    if form.year.strip():
        year = int(form.year) if form.year.strip().isdigit() else 0
        if not 1900 <= year <= 2100:
            errors["year"] = "form.err_year"
    if not all(c.isdigit() for c in form.fields):
        errors["fields"] = "form.err_fields"
    members = [m for m in IDS.split(form.members) if m]
    lead = form.lead.strip()
    if errors:
        return None, errors
    proposers = ([Person(lead, None, "lead")] if lead else []) + [
        Person(m, None, "member") for m in dict.fromkeys(members) if m != lead
    ]
    orgs = [OrgLink(form.host_org_id, None, "host")] if form.host_org_id else []
    orgs += [
        OrgLink(o, None, "partner") for o in dict.fromkeys(form.partner_org_ids) if o != form.host_org_id
    ]
    return Proposal(
        code=code,
        title=title,
        abstract=normalize(form.abstract).strip() or None,
        level=form.level or None,
        program=normalize(form.program).strip() or None,
        year=year,
        fields=sorted(set(form.fields)),
        orgs=orgs,
        proposers=proposers,
    ), {}


def _missing_field(exc: UnknownReference) -> str:
    return {"experts": "members", "organizations": "host_org_id", "field codes": "fields"}.get(
        exc.what, "code"
    )


@dataclass(frozen=True)
class ImportOutcome:
    """What the import form shows after an upload: the rows written, or every problem found."""

    file: str
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    problems: tuple[RowError, ...] = ()


def _new_page(
    request: Request,
    graph: Graph,
    lang: str,
    csrf: str,
    form: ProposalForm,
    errors: dict[str, str],
    outcome: ImportOutcome | None = None,
    status_code: int = 200,
    missing: list[str] | None = None,
) -> Response:
    return render(
        request,
        lang,
        "proposal_new.html",
        status_code=422 if errors else status_code,
        form=form,
        errors=errors,
        missing=missing or [],
        outcome=outcome,
        csrf=csrf,
        levels=LEVELS,
        fields=field_options(graph, lang),
        orgs=list_org_choices(graph),
    )


@router.get("/proposals", response_class=HTMLResponse)
def proposals_page(
    request: Request,
    graph: GraphDep,
    lang: LangDep,
    program: Annotated[str, Query(max_length=300)] = "",
) -> Response:
    return render(
        request,
        lang,
        "proposals.html",
        proposals=list_proposals(graph, program or None),
        programs=list_programs(graph),
        program=program,
    )


@router.get("/proposals/new", response_class=HTMLResponse)
def new_proposal_page(request: Request, graph: GraphDep, lang: LangDep, csrf: CsrfToken) -> Response:
    return _new_page(request, graph, lang, csrf, ProposalForm(), {})


@router.post("/proposals/new", response_class=HTMLResponse, dependencies=[CsrfChecked])
def create_proposal_page(
    request: Request,
    graph: GraphDep,
    lang: LangDep,
    csrf: CsrfToken,
    record: AuditDep,
    code: Short = "",
    title: Short = "",
    abstract: Text = "",
    fields: Many = [],  # noqa: B006 (FastAPI copies defaults)
    host_org_id: Short = "",
    partner_org_ids: Many = [],  # noqa: B006
    lead: Short = "",
    members: Short = "",
    level: Short = "",
    program: Short = "",
    year: Short = "",
) -> Response:
    form = ProposalForm(
        code, title, abstract, fields, host_org_id, partner_org_ids, lead, members, level, program, year
    )
    proposal, errors = validate_proposal(form)
    if proposal is None:
        return _new_page(request, graph, lang, csrf, form, errors)
    try:
        save_proposal(graph, proposal)
    except UnknownReference as exc:
        name = _missing_field(exc)
        if name == "members" and form.lead.strip() in exc.missing:
            name = "lead"
        errors = {name: "form.err_unknown"}
        return _new_page(request, graph, lang, csrf, form, errors, missing=exc.missing)
    record("save_proposal", proposal.code, "page")
    return RedirectResponse(ref_path("/proposals", proposal.code), status_code=303)


def _proposal_tables(data: bytes, name: str) -> dict[Kind, list[Table]]:
    found = tables_of_workbook(data, name)
    tables = {kind: found[kind] for kind in PROPOSAL_KINDS if kind in found}
    if not tables:
        raise ImportRejected(
            [
                _file_error(
                    name,
                    "has no sheet of proposals; name a sheet 'proposals' (Hồ sơ đề xuất) or use the template",
                )
            ]
        )
    return tables


def _file_error(name: str, reason: str) -> RowError:
    return RowError(name, 0, "", "", reason)


@router.post("/proposals/import", response_class=HTMLResponse, dependencies=[CsrfChecked])
def import_proposals_page(
    request: Request,
    graph: GraphDep,
    lang: LangDep,
    csrf: CsrfToken,
    record: AuditDep,
    file: Annotated[UploadFile, File()],
) -> Response:
    """Validate the whole sheet first; nothing is written unless every row is right."""
    user: CurrentUser = request.state.user
    limit = get_settings().import_max_bytes
    data = file.file.read(limit + 1)
    name = safe_name(file.filename)
    if len(data) > limit:
        outcome = ImportOutcome(name, problems=(_file_error(name, "is too large (tệp quá lớn)"),))
        return _new_page(request, graph, lang, csrf, ProposalForm(), {}, outcome, 413)
    run = ImportRun(kind="", file=name, sha256=sha256_hex(data), user=user.username)
    record("import", name, f"sha256={run.sha256} page=proposals")
    try:
        tables = _proposal_tables(data, name)
    except ImportRejected as exc:  # the file itself is unreadable: recorded here, as the API does
        run.rejected(graph, exc.errors)
        outcome = ImportOutcome(name, problems=tuple(exc.errors))
        return _new_page(request, graph, lang, csrf, ProposalForm(), {}, outcome, 422)
    run.kind = ", ".join(k.value for k in tables)
    try:
        report = import_recorded(graph, tables, run)  # records a rejected run itself
    except ImportRejected as exc:
        outcome = ImportOutcome(name, problems=tuple(exc.errors))
        return _new_page(request, graph, lang, csrf, ProposalForm(), {}, outcome, 422)
    kinds = report.kinds.values()
    outcome = ImportOutcome(
        name,
        created=sum(k.created for k in kinds),
        updated=sum(k.updated for k in kinds),
        unchanged=sum(k.unchanged for k in kinds),
    )
    return _new_page(request, graph, lang, csrf, ProposalForm(), {}, outcome)
