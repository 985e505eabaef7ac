"""Tables as the files users open in Excel: .xlsx (openpyxl) and .csv (UTF-8 with BOM, so Excel
reads Vietnamese correctly), both with Vietnamese headers."""

from __future__ import annotations

import csv
import io
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from fastapi.responses import Response
from openpyxl import Workbook
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter

from graph.spreadsheet import safe_row

XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


@dataclass(frozen=True)
class Table:
    name: str  # file name without extension, ASCII
    title: str  # Vietnamese, first line of the sheet
    headers: Sequence[str]
    rows: Sequence[Sequence[Any]]


def to_csv(table: Table) -> bytes:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(safe_row(list(table.headers)))
    writer.writerows(safe_row(["" if v is None else v for v in row]) for row in table.rows)
    return buffer.getvalue().encode("utf-8-sig")


def to_xlsx(table: Table) -> bytes:
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = table.title[:31]
    sheet.append([table.title])
    sheet["A1"].font = Font(bold=True, size=13)
    sheet.append(safe_row(list(table.headers)))
    for cell in sheet[2]:
        cell.font = Font(bold=True)
    for row in table.rows:
        sheet.append(safe_row(list(row)))
    sheet.freeze_panes = "A3"
    for i, header in enumerate(table.headers, start=1):
        longest = max([len(str(header))] + [len(str(r[i - 1])) for r in table.rows if r[i - 1] is not None])
        sheet.column_dimensions[get_column_letter(i)].width = min(60, max(10, longest + 2))
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def file_response(table: Table, fmt: str) -> Response:
    if fmt == "csv":
        body, media = to_csv(table), "text/csv; charset=utf-8"
    else:
        body, media = to_xlsx(table), XLSX_TYPE
    headers = {"Content-Disposition": f'attachment; filename="{table.name}.{fmt}"'}
    return Response(content=body, media_type=media, headers=headers)
