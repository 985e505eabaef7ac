"""Turn an uploaded file (bytes and the name the user gave it) into the tables of an import.

An upload is either one kind (`POST /api/v1/import/{kind}`: a `.csv`, or a workbook whose sheet for
that kind is found by name, else its first sheet) or a workbook with a sheet per kind (`POST
/api/v1/import`). Everything a user could get wrong about the file itself is an `ImportRejected`
naming the file, so the API answers it like any other validation error (422).
"""

from __future__ import annotations

import re
import tempfile
from pathlib import Path

from graph.errors import ImportRejected, RowError
from ingest.columns import Kind, kind_for_name
from ingest.readers import Table, parse_csv, read_xlsx

SPREADSHEET_SUFFIXES = (".xlsx", ".xlsm")
_UNSAFE = re.compile(r"[^\w.\- ()]+")


def safe_name(filename: str | None) -> str:
    """The base name only (a browser may send a path), without characters a file system refuses."""
    base = Path((filename or "").replace("\\", "/")).name.strip()
    cleaned = _UNSAFE.sub("_", base).strip(" .")
    return cleaned[:120] or "upload"


def _reject(file: str, reason: str) -> ImportRejected:
    return ImportRejected([RowError(file, 0, "", "", reason)])


def _read_workbook(data: bytes, name: str) -> list[Table]:
    """Read from a private temporary copy: openpyxl and the merged-cell scan both want a file."""
    with tempfile.TemporaryDirectory(prefix="expertgraph-upload-") as tmp:
        path = Path(tmp) / name
        path.write_bytes(data)
        return read_xlsx(path)


def _check(data: bytes, name: str) -> str:
    suffix = Path(name).suffix.lower()
    if suffix not in (".csv", *SPREADSHEET_SUFFIXES):
        raise _reject(name, "is neither a .csv nor an .xlsx file; save it as one (Lưu thành .xlsx hoặc .csv)")
    if not data.strip():
        raise _reject(name, "is empty: no header row found (tệp rỗng)")
    return suffix


def tables_for_kind(data: bytes, filename: str | None, kind: Kind) -> list[Table]:
    """The table(s) of `kind` in an upload: the CSV, or the workbook's sheet named for the kind."""
    name = safe_name(filename)
    if _check(data, name) == ".csv":
        return [parse_csv(data, name)]
    sheets = _read_workbook(data, name)
    named = [t for t in sheets if kind_for_name(t.sheet) is kind]
    if named:
        return named
    other = [t.sheet for t in sheets if kind_for_name(t.sheet) is not None]
    if other:
        listed = ", ".join(repr(s) for s in other)
        reason = f"has no sheet for {kind.value}, only sheets for other tables ({listed})"
        raise _reject(name, reason)
    return sheets[:1]


def tables_of_workbook(data: bytes, filename: str | None) -> dict[Kind, list[Table]]:
    """Each sheet named after a kind ("Trí thức", "experts", "02_de_tai"); other sheets are ignored.

    A CSV, or a workbook without such sheets, counts when its file name names a kind.
    """
    name = safe_name(filename)
    sheets = [parse_csv(data, name)] if _check(data, name) == ".csv" else _read_workbook(data, name)
    tables: dict[Kind, list[Table]] = {}
    for table in sheets:
        kind = kind_for_name(table.sheet) if table.sheet else None
        if kind is not None:
            tables.setdefault(kind, []).append(table)
    if tables:
        return tables
    kind = kind_for_name(Path(name).stem)
    if kind is None:
        kinds = ", ".join(k.value for k in Kind)
        reason = f"has no sheet named after a table; name each sheet one of: {kinds}"
        raise _reject(name, reason)
    return {kind: sheets[:1]}
