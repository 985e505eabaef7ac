"""The import pages: templates, upload with a dry run, confirmation, the report, the run history,
and the entity-resolution review queue (issue 4).

An upload is checked first (a dry run that writes nothing) and kept in api/pages/staging.py; the
user sees every error in a table, or what the import would change, and only then commits. The
import itself is the same ingest path as POST /api/v1/import (ingest.uploads, ingest.runs), so a
file the page accepts the API accepts too. Every form carries the session's CSRF token (csrf.py).
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import partial
from typing import Annotated, Any
from urllib.parse import urlencode

from fastapi import APIRouter, File, Form, Path, Query, Request, Response, UploadFile
from fastapi.responses import HTMLResponse, RedirectResponse

from api.deps import AuditDep, Auditor, GraphDep, SettingsDep
from api.i18n import translate
from api.pages import staging
from api.pages.csrf import CsrfChecked, CsrfToken
from api.pages.render import LangDep, PageRoute, render
from graph.connection import Graph
from graph.errors import ImportRejected, NotFound, ReviewAlreadyDecided, RowError
from ingest import review
from ingest.columns import Kind, kind_for_name
from ingest.load import ImportReport
from ingest.readers import Table
from ingest.runs import ImportRun, import_recorded, sha256_hex
from ingest.template_text import TEXTS
from ingest.uploads import safe_name, tables_for_kind, tables_of_workbook
from queries.import_runs import get_import_run, list_import_runs
from queries.review_queue import ReviewItem, list_review_items

router = APIRouter(route_class=PageRoute, include_in_schema=False)

WORKBOOK = "workbook"  # the form's value for "a workbook with a sheet per table"
RUNS_SHOWN = 20
ERRORS_SHOWN = 2000  # a page, not a file: beyond this the count says how many more
REVIEW_PAGE = 10


def _tables(data: bytes, name: str, kind: str) -> dict[Kind, list[Table]]:
    if kind == WORKBOOK:
        return tables_of_workbook(data, name)
    return {Kind(kind): tables_for_kind(data, name, Kind(kind))}


def kind_labels(lang: str, kinds: str) -> str:
    """A run's "organizations, experts" as the page names those tables."""
    known = {k.value for k in Kind}
    return ", ".join(translate(lang, f"imp.kind.{k}") if k in known else k for k in kinds.split(", ") if k)


def _home(request: Request, graph: Graph, lang: str, csrf: str, **context: Any) -> Response:
    total, runs = list_import_runs(graph, limit=RUNS_SHOWN)
    open_items = list_review_items(graph, status="open", limit=1).total
    context.setdefault("kind", WORKBOOK)
    context.setdefault("resolve", True)
    return render(
        request,
        lang,
        "import.html",
        kinds=[k.value for k in Kind],
        workbook=WORKBOOK,
        runs=runs,
        runs_total=total,
        open_items=open_items,
        kind_labels=partial(kind_labels, lang),
        csrf=csrf,
        **context,
    )


@dataclass(frozen=True)
class ErrorView:
    """One line of the error table: where (file, sheet, row, column as the template heads it), what, why."""

    file: str
    sheet: str
    row: int
    column: str
    value: str
    reason: str


def column_label(kind: str, error: RowError) -> str:
    """ "Năm sinh (birth_year)": the template's header beside the column's name, for either header style."""
    if not error.field:
        return ""
    table_kind = kind_for_name(error.sheet) if error.sheet else None
    if table_kind is None and kind != WORKBOOK:
        table_kind = Kind(kind)
    text = TEXTS.get(table_kind, {}).get(error.field) if table_kind else None
    return f"{text.header} ({error.field})" if text else error.field


def _rejected(kind: str, errors: list[RowError], lang: str) -> dict[str, Any]:
    shown = [
        ErrorView(
            e.file, e.sheet, e.row, column_label(kind, e), e.value, e.reason_vi if lang == "vi" else e.reason
        )
        for e in errors[:ERRORS_SHOWN]
    ]
    return {"errors": shown, "errors_total": len(errors)}


@router.get("/import", response_class=HTMLResponse)
def import_page(request: Request, graph: GraphDep, lang: LangDep, csrf: CsrfToken) -> Response:
    return _home(request, graph, lang, csrf)


@router.post("/import", response_class=HTMLResponse, dependencies=[CsrfChecked])
def check_upload(
    request: Request,
    graph: GraphDep,
    settings: SettingsDep,
    lang: LangDep,
    record: AuditDep,
    csrf: CsrfToken,
    file: Annotated[UploadFile, File()],
    kind: Annotated[str, Form(max_length=40)] = WORKBOOK,
    resolve: Annotated[bool, Form()] = False,
) -> Response:
    """The dry run: every error of the file, or what it would change, and a form to confirm it."""
    kind = kind if kind in {k.value for k in Kind} else WORKBOOK
    name = safe_name(file.filename)
    data = file.file.read(settings.import_max_bytes + 1)
    form = {"kind": kind, "resolve": resolve, "file_name": name}
    if len(data) > settings.import_max_bytes:
        too_big = {"too_large": settings.import_max_bytes // (1024 * 1024)}
        return _home(request, graph, lang, csrf, status_code=413, **form, **too_big)
    try:
        tables = _tables(data, name, kind)
        run = ImportRun(kind=", ".join(k.value for k in tables), file=name, sha256=sha256_hex(data), user="")
        report = import_recorded(graph, tables, run, dry_run=True, resolve=resolve)
    except ImportRejected as exc:
        return _home(request, graph, lang, csrf, status_code=422, **form, **_rejected(kind, exc.errors, lang))
    held = staging.stage(
        settings, data, user=record.user.username, name=name, kind=kind, resolve=resolve, sha256=run.sha256
    )
    return _home(request, graph, lang, csrf, **form, dry_run=report, token=held.token)


def _import(graph: Graph, held: staging.Staged, data: bytes) -> tuple[ImportRun, ImportReport]:
    tables = _tables(data, held.name, held.kind)
    run = ImportRun(
        kind=", ".join(k.value for k in tables), file=held.name, sha256=held.sha256, user=held.user
    )
    return run, import_recorded(graph, tables, run, resolve=held.resolve)


@router.post("/import/confirm", response_model=None, dependencies=[CsrfChecked])
def confirm_upload(
    request: Request,
    graph: GraphDep,
    settings: SettingsDep,
    lang: LangDep,
    record: AuditDep,
    csrf: CsrfToken,
    token: Annotated[str, Form(max_length=64)],
) -> Response:
    """Commit a checked upload, then show its report (a GET, so reloading never imports twice)."""
    found = staging.claim(settings, token, record.user.username)
    if found is None:
        return _home(request, graph, lang, csrf, status_code=410, expired=True)
    held, data = found
    if sha256_hex(data) != held.sha256:
        staging.discard(settings, token)
        return _home(request, graph, lang, csrf, status_code=410, expired=True)
    record("import", held.name, f"sha256={held.sha256}, page")
    try:
        run, _ = _import(graph, held, data)
    except ImportRejected as exc:  # the graph changed since the dry run (e.g. a referenced body went)
        staging.discard(settings, token)
        form = {"kind": held.kind, "resolve": held.resolve, "file_name": held.name}
        rejected = _rejected(held.kind, exc.errors, lang)
        return _home(request, graph, lang, csrf, status_code=422, **form, **rejected)
    staging.discard(settings, token)
    return RedirectResponse(f"/import/runs/{run.id}", status_code=303)


@router.post("/import/cancel", response_model=None, dependencies=[CsrfChecked])
def cancel_upload(
    settings: SettingsDep, record: AuditDep, token: Annotated[str, Form(max_length=64)]
) -> RedirectResponse:
    if staging.load(settings, token, record.user.username) is not None:
        staging.discard(settings, token)
    return RedirectResponse("/import", status_code=303)


RunId = Annotated[str, Path(max_length=64, pattern=r"^[0-9a-f]+$")]


@router.get("/import/runs/{ref}", response_class=HTMLResponse)
def run_page(request: Request, graph: GraphDep, lang: LangDep, ref: RunId) -> Response:
    run = get_import_run(graph, ref)
    if run is None:
        raise NotFound(ref)
    open_items = list_review_items(graph, status="open", limit=1).total
    return render(
        request, lang, "import_run.html", run=run, open_items=open_items, kinds=kind_labels(lang, run.kind)
    )


# Stored properties the profile page already names (api/i18n.py); the others show as stored.
PROPERTY_LABELS = {
    "name": "col.name", "academic_title": "expert.title", "degree": "expert.degree",
    "degree_year": "expert.degree_year", "birth_year": "expert.birth_year", "gender": "expert.gender",
    "ethnicity": "expert.ethnicity", "position": "expert.position", "district": "expert.district",
    "email": "expert.email", "phone": "expert.phone", "orcid": "expert.orcid",
}  # fmt: skip


def _for_people(key: str) -> bool:
    """Machine bookkeeping (vectors, hashes, folded keys) tells a reviewer nothing; everything else shows."""
    return not (key.startswith("embedding") or key.endswith(("_key", "_hash")))


def side_by_side(item: ReviewItem) -> list[tuple[str, Any, Any]]:
    """(property, incoming value, stored value) for every property a person reads on either side."""
    stored = item.candidate or {}
    keys = list(item.incoming) + [k for k in stored if k not in item.incoming]
    if "name" in item.incoming:  # the row's full_name, already cleaned into name
        keys = [k for k in keys if k != "full_name"]
    return [(k, item.incoming.get(k), stored.get(k)) for k in keys if _for_people(k)]


@router.get("/import/review", response_class=HTMLResponse)
def review_page(
    request: Request,
    graph: GraphDep,
    lang: LangDep,
    csrf: CsrfToken,
    kind: Annotated[str, Query(max_length=20)] = "",
    page: Annotated[int, Query(ge=1, le=100_000)] = 1,
    done: Annotated[str, Query(max_length=100)] = "",
    outcome: Annotated[str, Query(max_length=20)] = "",
    record_id: Annotated[str, Query(max_length=200)] = "",
) -> Response:
    kind = kind if kind in ("expert", "organization") else ""
    found = list_review_items(
        graph, status="open", kind=kind or None, limit=REVIEW_PAGE, offset=(page - 1) * REVIEW_PAGE
    )
    pages = max(1, -(-found.total // REVIEW_PAGE))
    return render(
        request,
        lang,
        "import_review.html",
        items=[(item, side_by_side(item)) for item in found.items],
        total=found.total,
        kind=kind,
        page=page,
        pages=pages,
        done=done,
        outcome=outcome if outcome in ("accepted", "rejected", "decided") else "",
        record_id=record_id,
        base={"kind": kind} if kind else {},
        labels=PROPERTY_LABELS,
        csrf=csrf,
    )


ItemId = Annotated[str, Path(max_length=100, pattern=r"^RV-[0-9A-F]+$")]


def _decide(graph: Graph, record: Auditor, item_id: str, accept: bool, kind: str) -> RedirectResponse:
    who = record.user.username
    back: dict[str, str] = {"kind": kind} if kind in ("expert", "organization") else {}
    try:
        outcome = review.accept(graph, item_id, who) if accept else review.reject(graph, item_id, who)
    except ReviewAlreadyDecided:
        back |= {"done": item_id, "outcome": "decided"}
        return RedirectResponse(f"/import/review?{urlencode(back)}", status_code=303)
    record("review_accept" if accept else "review_reject", item_id, outcome.record_id)
    back |= {"done": item_id, "outcome": outcome.status, "record_id": outcome.record_id}
    return RedirectResponse(f"/import/review?{urlencode(back)}", status_code=303)


@router.post("/import/review/{ref}/accept", response_model=None, dependencies=[CsrfChecked])
def accept_item(
    graph: GraphDep, record: AuditDep, ref: ItemId, kind: Annotated[str, Form(max_length=20)] = ""
) -> RedirectResponse:
    return _decide(graph, record, ref, True, kind)


@router.post("/import/review/{ref}/reject", response_model=None, dependencies=[CsrfChecked])
def reject_item(
    graph: GraphDep, record: AuditDep, ref: ItemId, kind: Annotated[str, Form(max_length=20)] = ""
) -> RedirectResponse:
    return _decide(graph, record, ref, False, kind)
