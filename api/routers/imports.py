"""Importing files through the API: blank templates, uploads (or dry runs), and the import history.

Uploads are parsed and imported in the request: a file up to `IMPORT_MAX_BYTES` (60 MB by default)
validates and loads in seconds to tens of seconds. Every problem in it comes back together as a 422.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import asdict
from typing import Annotated

from fastapi import APIRouter, File, Form, Header, Query, UploadFile
from fastapi.responses import JSONResponse, Response

from api.deps import AuditDep, Auditor, CurrentUser, Editor, GraphDep
from api.schemas import ImportKindOut, ImportRejectedOut, ImportReportOut, ImportRunList, ImportRunOut
from graph.errors import ImportRejected
from graph.settings import get_settings
from ingest.columns import Kind
from ingest.load import ImportReport
from ingest.readers import Table
from ingest.runs import ImportRun, import_recorded, sha256_hex
from ingest.templates import XLSX_MEDIA_TYPE, csv_template, xlsx_template
from ingest.uploads import safe_name, tables_for_kind, tables_of_workbook
from queries.import_runs import list_import_runs

router = APIRouter(prefix="/api/v1/import", tags=["import"])

REJECTED = {
    413: {"description": "the file is larger than IMPORT_MAX_BYTES"},
    422: {"model": ImportRejectedOut, "description": "every problem in the file; nothing was written"},
}
DryRun = Annotated[bool, Query(description="validate and count what would change; write nothing")]
User = Annotated[str | None, Form(max_length=200, description="who imports (recorded on the run)")]
Upload = Annotated[UploadFile, File(description=".xlsx or .csv (UTF-8, cp1258 or cp1252; , or ;)")]


def _too_large(limit: int) -> JSONResponse:
    megabytes = limit / 1024 / 1024
    detail = (
        f"Tệp quá lớn: tối đa {megabytes:.0f} MB; hãy chia thành nhiều tệp. "
        f"The file is larger than {megabytes:.0f} MB; split it into several files."
    )
    return JSONResponse(status_code=413, content={"detail": detail, "error": "FileTooLarge"})


def _read_upload(upload: UploadFile, content_length: int | None) -> bytes | None:
    """The upload's bytes, or None when it is over the limit (read at most one byte past it)."""
    limit = get_settings().import_max_bytes
    if content_length is not None and content_length > limit + 1024 * 1024:  # form overhead
        return None
    data = upload.file.read(limit + 1)
    return None if len(data) > limit else data


def _report(report: ImportReport, run: ImportRun | None) -> ImportReportOut:
    kinds = [
        ImportKindOut(
            kind=r.kind.value,
            files=r.files,
            read=r.read,
            duplicates=r.duplicates,
            created=r.created,
            updated=r.updated,
            unchanged=r.unchanged,
            rejected=r.rejected,
        )
        for r in report.kinds.values()
    ]
    return ImportReportOut(
        run_id=None if report.dry_run or run is None else run.id,
        dry_run=report.dry_run,
        atomic=report.atomic,
        created=sum(k.created for k in kinds),
        updated=sum(k.updated for k in kinds),
        unchanged=sum(k.unchanged for k in kinds),
        rejected=0,
        seconds=round(report.elapsed_s, 3),
        kinds=kinds,
        encodings=report.encodings,
    )


def _import(
    graph: GraphDep,
    read: Callable[[], dict[Kind, list[Table]]],
    data: bytes,
    name: str,
    user: str | None,
    dry_run: bool,
    account: CurrentUser,
    record: Auditor,
) -> ImportReportOut:
    """Read the upload, import it, and record the run, also when the file cannot even be read.

    The run names the signed-in account; a name typed in the form is kept beside it.
    """
    typed = (user or "").strip()
    run = ImportRun(
        kind="",
        file=name,
        sha256=sha256_hex(data),
        user=f"{account.username} ({typed})" if typed and typed != account.username else account.username,
    )
    if not dry_run:
        record("import", name, f"sha256={run.sha256}")
    try:
        tables = read()
    except ImportRejected as exc:
        if not dry_run:
            run.rejected(graph, exc.errors)
        raise
    run.kind = ", ".join(k.value for k in tables)
    return _report(import_recorded(graph, tables, run, dry_run=dry_run), run)


@router.get("/templates/{kind}.xlsx", response_class=Response)
def template_xlsx(kind: Kind) -> Response:
    """A blank workbook for one table: Vietnamese headers (English names in the cell comments),
    drop-down lists for coded columns, and a guide sheet "Hướng dẫn" with an example row."""
    headers = {"Content-Disposition": f'attachment; filename="{kind.value}.xlsx"'}
    return Response(xlsx_template([kind]), media_type=XLSX_MEDIA_TYPE, headers=headers)


@router.get("/templates/{kind}.csv", response_class=Response)
def template_csv(kind: Kind) -> Response:
    """The header line of one table, UTF-8 with a BOM (Excel then shows the diacritics)."""
    headers = {"Content-Disposition": f'attachment; filename="{kind.value}.csv"'}
    return Response(csv_template(kind), media_type="text/csv; charset=utf-8", headers=headers)


@router.get("/templates.xlsx", response_class=Response)
def template_workbook() -> Response:
    """One workbook with a sheet per table (for `POST /api/v1/import`), and the guide."""
    headers = {"Content-Disposition": 'attachment; filename="expertgraph_import.xlsx"'}
    return Response(xlsx_template(list(Kind)), media_type=XLSX_MEDIA_TYPE, headers=headers)


@router.get("/runs", response_model=ImportRunList)
def runs(
    graph: GraphDep,
    status: Annotated[str | None, Query(pattern="^(done|rejected|running|failed)$")] = None,
    limit: Annotated[int, Query(ge=1, le=500)] = 50,
    offset: Annotated[int, Query(ge=0, le=1_000_000)] = 0,
) -> ImportRunList:
    """Every recorded import, newest first: who, when, which file (with its SHA-256), what changed."""
    total, found = list_import_runs(graph, status=status, limit=limit, offset=offset)
    return ImportRunList(
        total=total, limit=limit, offset=offset, runs=[ImportRunOut.model_validate(asdict(r)) for r in found]
    )


@router.post("", response_model=ImportReportOut, responses=REJECTED)  # type: ignore[arg-type]
def import_workbook(
    graph: GraphDep,
    account: Editor,
    record: AuditDep,
    file: Upload,
    user: User = None,
    dry_run: DryRun = False,
    content_length: Annotated[int | None, Header()] = None,
) -> ImportReportOut | JSONResponse:
    """A workbook with a sheet per table ("Tổ chức", "Trí thức", "experts", ...), all in one import."""
    data = _read_upload(file, content_length)
    if data is None:
        return _too_large(get_settings().import_max_bytes)
    name = safe_name(file.filename)
    return _import(graph, lambda: tables_of_workbook(data, name), data, name, user, dry_run, account, record)


@router.post("/{kind}", response_model=ImportReportOut, responses=REJECTED)  # type: ignore[arg-type]
def import_kind(
    graph: GraphDep,
    account: Editor,
    record: AuditDep,
    kind: Kind,
    file: Upload,
    user: User = None,
    dry_run: DryRun = False,
    content_length: Annotated[int | None, Header()] = None,
) -> ImportReportOut | JSONResponse:
    """One table of `kind` from a .csv, or from the sheet of a workbook named for it."""
    data = _read_upload(file, content_length)
    if data is None:
        return _too_large(get_settings().import_max_bytes)
    name = safe_name(file.filename)
    return _import(
        graph, lambda: {kind: tables_for_kind(data, name, kind)}, data, name, user, dry_run, account, record
    )
