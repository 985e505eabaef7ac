"""Search results as an Excel workbook, the format the users pass around every day.

Headers follow the reader's language (Vietnamese by default); a second sheet records the query and
filters, so a file forwarded by email still says where it came from.
"""

from __future__ import annotations

import io
from datetime import datetime
from typing import Annotated

from fastapi import APIRouter, Query, Request, Response
from openpyxl import Workbook
from openpyxl.styles import Alignment, Font
from openpyxl.utils import get_column_letter

from api.deps import GraphDep
from api.i18n import translate
from api.pages.render import LangDep, PageRoute, ref_path
from api.pages.search import ExpertHit, ResultView, SearchForm, clean_form, result_views, sector_name
from graph.spreadsheet import safe_row
from queries.filters import ExpertFilters
from queries.search import search_experts

router = APIRouter(route_class=PageRoute, include_in_schema=False)

MAX_ROWS = 1000
XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
COLUMNS = ("xlsx.no", "xlsx.name", "xlsx.title", "xlsx.degree", "xlsx.org", "xlsx.sector")
WIDTHS = (6, 28, 10, 10, 42, 26, 12, 90, 40)


def build_workbook(
    lang: str, form: SearchForm, rows: list[ResultView], total: int, base_url: str, ranked: bool
) -> bytes:
    t = translate
    wb = Workbook()
    sheet = wb.active
    assert sheet is not None
    sheet.title = t(lang, "xlsx.sheet")
    headers = [t(lang, key) for key in COLUMNS]
    headers += [t(lang, "xlsx.score"), t(lang, "xlsx.reason"), t(lang, "xlsx.link")]
    sheet.append(headers)
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for i, row in enumerate(rows, start=1):
        hit = row.hit
        sheet.append(
            safe_row(
                [
                    i,
                    hit.name,
                    hit.academic_title or "",
                    hit.degree or "",
                    hit.organization or "",
                    row.sector,
                    hit.score if ranked else None,
                    row.reason if ranked else "",
                    base_url.rstrip("/") + ref_path("/experts", hit.id),
                ]
            )
        )
    for col, width in enumerate(WIDTHS, start=1):
        sheet.column_dimensions[get_column_letter(col)].width = width
    for cell in sheet["H"][1:]:
        cell.alignment = Alignment(wrap_text=True, vertical="top")
    sheet.freeze_panes = "A2"
    sheet.auto_filter.ref = sheet.dimensions

    info = wb.create_sheet(t(lang, "xlsx.info_sheet"))
    everything = t(lang, "xlsx.all")
    info.append(safe_row([t(lang, "xlsx.query"), form.q or everything]))
    info.append([t(lang, "xlsx.sector"), sector_name(lang, form.sector) or everything])
    info.append([t(lang, "xlsx.field"), form.field or everything])
    info.append([t(lang, "xlsx.total"), total])
    info.append([t(lang, "xlsx.rows"), len(rows)])
    info.append([t(lang, "xlsx.exported"), datetime.now().strftime("%d/%m/%Y %H:%M")])
    info.column_dimensions["A"].width = 28
    info.column_dimensions["B"].width = 60
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


@router.get("/export/experts.xlsx")
def export_search(
    request: Request,
    graph: GraphDep,
    lang: LangDep,
    q: Annotated[str, Query(max_length=2000)] = "",
    sector: Annotated[str, Query(max_length=40)] = "",
    field: Annotated[str, Query(max_length=40)] = "",
) -> Response:
    """The same search as the page, every result up to MAX_ROWS, one row per expert."""
    form = clean_form(q, sector, field)
    found = search_experts(
        graph,
        form.q,
        filters=ExpertFilters(sector=form.sector or None, field=form.field or None),
        limit=MAX_ROWS,
    )
    rows = result_views(lang, [ExpertHit.of(h) for h in found.hits])
    body = build_workbook(lang, form, rows, found.total, str(request.base_url), ranked=bool(form.q.strip()))
    stamp = datetime.now().strftime("%Y%m%d-%H%M")
    return Response(
        body,
        media_type=XLSX_TYPE,
        headers={"Content-Disposition": f'attachment; filename="chuyen-gia-{stamp}.xlsx"'},
    )
