"""Blank import templates users download: a `.xlsx` with a guide, or a `.csv` header line.

The header row holds the Vietnamese headers with diacritics (users read them); each header cell
carries the English column name as a cell comment, which no reader sees as data, so the file imports
as it is. A second header row would have been read as a data row. Coded columns get drop-down lists
of Vietnamese spellings the validator accepts; the sheet "Hướng dẫn" explains every column, its
allowed values, and shows an example row.
"""

from __future__ import annotations

import io
from collections.abc import Sequence

from openpyxl import Workbook
from openpyxl.comments import Comment
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation
from openpyxl.worksheet.worksheet import Worksheet

from ingest.columns import COLUMNS, KEY_COLUMNS, Kind
from ingest.template_text import CHOICES, SHEET_TITLES, TEXTS

GUIDE_TITLE = "Hướng dẫn"
VALIDATED_ROWS = 5000  # drop-down lists cover this many data rows
_REQUIRED_FILL = PatternFill("solid", fgColor="FFF2CC")
_HEADER_FILL = PatternFill("solid", fgColor="DDEBF7")
_BOLD = Font(bold=True)
_XLSX_MEDIA_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def headers(kind: Kind) -> list[str]:
    return [TEXTS[kind][column.name].header for column in COLUMNS[kind]]


def csv_template(kind: Kind) -> bytes:
    """The header line, UTF-8 with a BOM so that Excel shows the diacritics when it opens the file."""
    line = ",".join(f'"{h}"' if "," in h else h for h in headers(kind))
    return ("\ufeff" + line + "\r\n").encode("utf-8")


def _allowed(kind: Kind, name: str) -> str:
    choices = CHOICES.get((kind, name))
    if choices:
        return ", ".join(choices)
    if name in ("fields",):
        return "mã QĐ 12/2008, vd. 401; 40101"
    if name.endswith("year") or name in ("employed_since", "year", "since", "until"):
        return "năm 4 chữ số (year)"
    return ""


def _data_sheet(sheet: Worksheet, kind: Kind) -> None:
    sheet.title = SHEET_TITLES[kind]
    for position, column in enumerate(COLUMNS[kind], start=1):
        text = TEXTS[kind][column.name]
        cell = sheet.cell(row=1, column=position, value=text.header)
        cell.font = _BOLD
        cell.fill = _REQUIRED_FILL if column.required else _HEADER_FILL
        note = f"{column.name} — {text.en}" + (" (required / bắt buộc)" if column.required else "")
        cell.comment = Comment(note, "expertgraph")
        letter = get_column_letter(position)
        sheet.column_dimensions[letter].width = max(14, min(40, len(text.header) + 6))
        choices = CHOICES.get((kind, column.name))
        if choices:
            listed = ",".join(choices)
            validation = DataValidation(
                type="list",
                formula1=f'"{listed}"',
                allow_blank=not column.required,
                showErrorMessage=True,
                errorTitle="Giá trị không hợp lệ",
                error=f"Chọn một trong: {', '.join(choices)}",
            )
            validation.add(f"{letter}2:{letter}{VALIDATED_ROWS + 1}")
            sheet.add_data_validation(validation)
    sheet.freeze_panes = "A2"


def _guide_sheet(sheet: Worksheet, kinds: Sequence[Kind]) -> None:
    sheet.title = GUIDE_TITLE
    sheet.append(["Hướng dẫn điền mẫu nhập dữ liệu — how to fill in this template"])
    sheet["A1"].font = Font(bold=True, size=13)
    sheet.append(
        [
            "Mỗi trang là một bảng; dòng 1 là tiêu đề cột (giữ nguyên). Ô vàng: bắt buộc. Ô trống nghĩa là "
            "'chưa biết', không xóa dữ liệu đã có. Danh sách trong một ô cách nhau bởi dấu ;. Tên cột tiếng "
            "Anh ở ghi chú của ô tiêu đề; tiêu đề tiếng Việt hay tiếng Anh, có dấu hay không dấu đều được."
        ]
    )
    sheet.append(
        [
            "One sheet per table; row 1 holds the headers (keep it). Yellow: required. An empty cell means "
            "'unknown' and never erases stored data. Lists in a cell are separated by ;. Each header's "
            "English name is in its cell comment; English or Vietnamese headers, with or without "
            "diacritics, are all accepted."
        ]
    )
    columns = ("Cột", "Column", "Bắt buộc", "Ý nghĩa", "Meaning", "Giá trị cho phép", "Ví dụ")
    for kind in kinds:
        sheet.append([])
        sheet.append([f"Trang '{SHEET_TITLES[kind]}' ({kind.value}); khóa: {', '.join(KEY_COLUMNS[kind])}"])
        sheet.cell(row=sheet.max_row, column=1).font = _BOLD
        sheet.append(list(columns))
        for cell in sheet[sheet.max_row]:
            cell.font = _BOLD
            cell.fill = _HEADER_FILL
        for column in COLUMNS[kind]:
            text = TEXTS[kind][column.name]
            required = "có" if column.required else ""
            allowed = _allowed(kind, column.name)
            sheet.append([text.header, column.name, required, text.vi, text.en, allowed, text.example])
        sheet.append(["Dòng ví dụ (example row):"])
        sheet.append(headers(kind))
        sheet.append([TEXTS[kind][c.name].example for c in COLUMNS[kind]])
    for letter, width in zip("ABCDEFG", (26, 20, 9, 45, 32, 45, 30), strict=True):
        sheet.column_dimensions[letter].width = width
    for row in sheet.iter_rows(min_row=2, max_row=3):
        row[0].alignment = Alignment(wrap_text=False)


def xlsx_template(kinds: Sequence[Kind]) -> bytes:
    """A workbook with a data sheet per kind, then the guide."""
    workbook = Workbook()
    first = workbook.active
    assert first is not None
    for index, kind in enumerate(kinds):
        _data_sheet(first if index == 0 else workbook.create_sheet(), kind)
    _guide_sheet(workbook.create_sheet(), kinds)
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


XLSX_MEDIA_TYPE = _XLSX_MEDIA_TYPE
