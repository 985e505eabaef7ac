"""Text that is safe to put in a cell a user opens in Excel or LibreOffice.

A value that starts with `=`, `+`, `-`, `@`, a tab or a carriage return is read as a formula
(OWASP "CSV injection"): a name typed as `=HYPERLINK(...)` in an imported file would run when an
exported table is opened. Such text gets a leading apostrophe, which spreadsheets show as plain text.
Numbers stay numbers: only strings are touched. Every export (xlsx and csv) passes its cells here.
"""

from __future__ import annotations

from typing import Any

_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def safe_cell(value: Any) -> Any:
    if isinstance(value, str) and value.startswith(_FORMULA_START):
        return "'" + value
    return value


def safe_row(values: list[Any]) -> list[Any]:
    return [safe_cell(v) for v in values]
