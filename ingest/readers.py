"""Read a `.csv` file or an `.xlsx` sheet into a `Table` of text cells, keeping spreadsheet row numbers.

Readers only turn files into text: which column means what is `ingest.columns`' job, and what a value
must look like is `ingest.rows`'. Problems that make a file unreadable (empty, no header, an encoding
we cannot decode) raise `ImportRejected` at once; problems in single cells (too long, a spreadsheet
error value, a value under no header) are collected in `Table.problems`, so that validation can
report them together with every other error of the file.
"""

from __future__ import annotations

import csv
import io
import re
import zipfile
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from decimal import Decimal
from pathlib import Path

from openpyxl import load_workbook
from openpyxl.utils.cell import range_boundaries

from graph.errors import ImportRejected, RowError

MAX_CELL_CHARS = 10_000
# Tried in this order: UTF-8 (a BOM is dropped), then the Vietnamese Windows code page, then the
# Western one. cp1258 leaves a few bytes undefined, so a cp1252 file that uses them still decodes.
CSV_ENCODINGS = ("utf-8-sig", "cp1258", "cp1252")
_SPREADSHEET_ERRORS = frozenset(
    {"#NULL!", "#DIV/0!", "#VALUE!", "#REF!", "#NAME?", "#NUM!", "#N/A", "#GETTING_DATA"}
)
_MERGE_REF = re.compile(rb'<(?:\w+:)?mergeCell\b[^>]*?\bref="([A-Z]+[0-9]+:[A-Z]+[0-9]+)"')


@dataclass(frozen=True)
class RawRow:
    """One data row: its 1-based spreadsheet row number and one text per header column."""

    number: int
    values: tuple[str, ...]


@dataclass
class Table:
    file: str
    sheet: str
    header: list[str]
    rows: list[RawRow]
    encoding: str | None = None  # the CSV encoding that was used; None for a workbook
    header_row: int = 1
    problems: list[RowError] = field(default_factory=list)


def read_table(path: Path, sheet: str | None = None) -> list[Table]:
    """Every table in `path`: one for a CSV; the named sheet, or each non-empty sheet, of a workbook."""
    suffix = path.suffix.lower()
    if suffix == ".csv":
        return [read_csv(path)]
    if suffix in (".xlsx", ".xlsm"):
        return read_xlsx(path, sheet)
    raise ImportRejected(
        [RowError(path.name, 0, "", "", "is neither a .csv nor an .xlsx file; save it as one")]
    )


def read_csv(path: Path) -> Table:
    return parse_csv(path.read_bytes(), path.name)


def parse_csv(data: bytes, file: str) -> Table:
    """A CSV from bytes (an upload, say); the delimiter is `;` when the header has more `;` than `,`."""
    text, encoding = _decode(data, file)
    delimiter = _sniff_delimiter(text)
    records = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    try:
        table = _build_table(file, "", ((n, r) for n, r in enumerate(records, start=1)))
    except csv.Error as exc:
        raise ImportRejected([RowError(file, 0, "", "", f"is not a readable CSV file: {exc}")]) from exc
    table.encoding = encoding
    return table


def read_xlsx(path: Path, sheet: str | None = None) -> list[Table]:
    """The named sheet, or each sheet that holds anything, read with cached formula values.

    Read-only mode keeps memory flat on large workbooks. A merged range shows its value in every
    cell it covers, as the person who filled the sheet saw it.
    """
    try:
        workbook = load_workbook(path, read_only=True, data_only=True)
    except (zipfile.BadZipFile, KeyError, OSError, ValueError) as exc:
        raise ImportRejected([RowError(path.name, 0, "", "", f"is not a readable .xlsx: {exc}")]) from exc
    try:
        data_sheets = [ws.title for ws in workbook.worksheets]  # chart sheets hold no cells
        if sheet is not None and sheet not in data_sheets:
            names = ", ".join(repr(s) for s in data_sheets)
            raise ImportRejected(
                [RowError(path.name, 0, "", "", f"has no sheet {sheet!r}; its sheets are {names}")]
            )
        tables: list[Table] = []
        for name in [sheet] if sheet is not None else data_sheets:
            worksheet = workbook[name]
            worksheet.reset_dimensions()  # some writers record a wrong size; read what is there
            merged = _merged_ranges(path, getattr(worksheet, "_worksheet_path", None))
            grid = [list(values) for values in worksheet.iter_rows(values_only=True)]
            _fill_merged(grid, merged)
            records = ((n, [_cell_text(v) for v in row]) for n, row in enumerate(grid, start=1))
            try:
                tables.append(_build_table(path.name, name, records))
            except ImportRejected:
                if sheet is not None:
                    raise
        if not tables:
            raise ImportRejected([RowError(path.name, 0, "", "", "has no sheet with a header row")])
        return tables
    finally:
        workbook.close()


def _decode(data: bytes, file: str) -> tuple[str, str]:
    for encoding in CSV_ENCODINGS:
        try:
            return data.decode(encoding), encoding
        except UnicodeDecodeError:
            continue
    reason = "is not UTF-8, cp1258 or cp1252 text; save it as CSV UTF-8"
    raise ImportRejected([RowError(file, 0, "", "", reason)])


def _sniff_delimiter(text: str) -> str:
    """Count delimiters outside quotes on the first non-blank line (a header rarely holds either)."""
    for line in text.splitlines():
        if line.strip():
            unquoted = re.sub(r'"[^"]*"', "", line)
            return ";" if unquoted.count(";") > unquoted.count(",") else ","
    return ","


def _cell_text(value: object) -> str:
    """A cell as text: whole numbers without ".0", dates in ISO form, everything stripped."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, float):
        return _number_text(value)
    if isinstance(value, datetime):
        return value.date().isoformat() if value.time() == time(0) else value.isoformat()
    if isinstance(value, date | time):
        return value.isoformat()
    if isinstance(value, timedelta):
        return str(value)
    return str(value).strip()


def _number_text(value: float) -> str:
    """1200.0 → "1200"; 1e-05 → "0.00001"; and 1.234 → "1.2340", because `ingest.cells.decimal`
    rejects "1.234" as ambiguous (1234 the Vietnamese way), while a number cell is never ambiguous.
    """
    if value.is_integer():
        return str(int(value))
    text = format(Decimal(repr(value)), "f")
    return text + "0" if len(text.partition(".")[2]) == 3 else text


def _build_table(file: str, sheet: str, records: Iterable[tuple[int, Sequence[str]]]) -> Table:
    """The first non-blank record is the header; blank records are skipped but keep their number."""
    header: list[str] | None = None
    header_row = 0
    rows: list[RawRow] = []
    problems: list[RowError] = []
    for number, record in records:
        cells = [cell.strip() for cell in record]
        if not any(cells):
            continue
        if header is None:
            while cells and not cells[-1]:
                cells.pop()
            header, header_row = cells, number
            continue
        rows.append(_data_row(file, sheet, header, number, cells, problems))
    if header is None:
        where = f"sheet {sheet!r} " if sheet else ""
        raise ImportRejected([RowError(file, 0, "", "", f"{where}is empty: no header row found")])
    return Table(file, sheet, header, rows, header_row=header_row, problems=problems)


def _data_row(
    file: str, sheet: str, header: list[str], number: int, cells: list[str], problems: list[RowError]
) -> RawRow:
    width = len(header)
    for position, cell in enumerate(cells):
        name = header[position] if position < width else ""
        if position >= width and cell:
            reason = f"is in column {position + 1}, which has no header"
            problems.append(RowError(file, number, "", cell, reason, sheet))
        elif len(cell) > MAX_CELL_CHARS:
            reason = f"is {len(cell):,} characters long; a cell may hold at most {MAX_CELL_CHARS:,}"
            problems.append(RowError(file, number, name, cell, reason, sheet))
            cells[position] = ""
        elif cell in _SPREADSHEET_ERRORS:
            problems.append(RowError(file, number, name, cell, "is a spreadsheet error value", sheet))
            cells[position] = ""
    values = cells[:width] + [""] * (width - len(cells))
    return RawRow(number, tuple(values))


def _merged_ranges(path: Path, member: str | None) -> list[tuple[int, int, int, int]]:
    """(min_col, min_row, max_col, max_row) of each merged range, found by scanning the sheet XML.

    Read-only openpyxl does not expose merged cells; the sheet's member path is a private attribute
    of its read-only worksheet (openpyxl 3.1), so without it merged cells simply stay unfilled.
    """
    if not member:
        return []
    with zipfile.ZipFile(path) as archive:
        try:
            xml = archive.read(member.lstrip("/"))
        except KeyError:
            return []
    ranges: list[tuple[int, int, int, int]] = []
    for match in _MERGE_REF.finditer(xml):
        min_col, min_row, max_col, max_row = range_boundaries(match.group(1).decode())
        if None not in (min_col, min_row, max_col, max_row):
            ranges.append((min_col or 0, min_row or 0, max_col or 0, max_row or 0))
    return ranges


def _fill_merged(grid: list[list[object]], ranges: list[tuple[int, int, int, int]]) -> None:
    for min_col, min_row, max_col, max_row in ranges:
        if min_row > len(grid):
            continue
        top_left = grid[min_row - 1]
        value = top_left[min_col - 1] if min_col <= len(top_left) else None
        for row_index in range(min_row - 1, min(max_row, len(grid))):
            row = grid[row_index]
            if len(row) < max_col:
                row.extend([None] * (max_col - len(row)))
            for col_index in range(min_col - 1, max_col):
                row[col_index] = value
