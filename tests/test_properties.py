"""Property tests (hypothesis): the text normalizers and the cell validators hold for any input."""

from __future__ import annotations

import io
import re
import unicodedata
from collections.abc import Callable

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from openpyxl import load_workbook
from pydantic_core import PydanticCustomError

from api.export import Table, to_csv, to_xlsx
from graph.spreadsheet import safe_cell
from graph.text import fold, fold_full, normalize, normalize_full, split_titles
from ingest import cells

VIETNAMESE = "aăâbcdđeêghiklmnoôơpqrstuưvxyàảãáạằẳẵắặầẩẫấậèẻẽéẹềểễếệìỉĩíịòỏõóọồổỗốộờởỡớợùủũúụừửữứựỳỷỹýỵ"
words = st.text(alphabet=VIETNAMESE + VIETNAMESE.upper() + " .-'", max_size=60)
anything = st.text(max_size=200)


@given(st.one_of(anything, st.text(alphabet=st.characters(max_codepoint=127), max_size=200)))
def test_the_ascii_shortcut_gives_what_the_full_path_gives(text: str) -> None:
    assert normalize(text) == normalize_full(text)
    assert fold(text) == fold_full(text)


@given(anything)
def test_fold_gives_only_lowercase_ascii_letters_digits_and_single_spaces(text: str) -> None:
    key = fold(text)
    assert re.fullmatch(r"([0-9a-z]+( [0-9a-z]+)*)?", key), key
    assert fold(key) == key


@given(anything)
def test_normalize_is_nfc_idempotent_and_keeps_the_folded_key(text: str) -> None:
    once = normalize(text)
    assert unicodedata.is_normalized("NFC", once)
    assert normalize(once) == once
    assert fold(once) == fold(text)


@given(words)
def test_nfd_input_and_upper_case_fold_like_the_original(text: str) -> None:
    assert fold(unicodedata.normalize("NFD", text)) == fold(text) == fold(text.upper())


@given(words)
def test_split_titles_never_loses_the_name(text: str) -> None:
    parts = split_titles(text)
    if normalize(text).strip(" .-"):
        assert parts.name
    assert parts.title in (None, "GS", "PGS")


CELL_VALIDATORS: list[Callable[[str], object]] = [
    cells.year,
    cells.birth_year,
    cells.whole_number,
    cells.decimal,
    cells.email,
    cells.orcid,
    cells.doi,
    cells.phone,
    cells.country,
    cells.flag,
]


@pytest.mark.parametrize("validator", CELL_VALIDATORS, ids=lambda f: f.__name__)
@settings(max_examples=150, deadline=None)
@given(value=anything)
def test_cell_validators_accept_or_explain_never_crash(
    validator: Callable[[str], object], value: str
) -> None:
    """Any text a spreadsheet can hold either parses or raises the validation error that becomes a
    row error naming the file, row and field; nothing else escapes."""
    try:
        validator(value)
    except PydanticCustomError as exc:
        assert str(exc)


@given(st.text(alphabet="=+-@\t\r", min_size=1, max_size=1), anything)
def test_formula_looking_text_is_neutralized(first: str, rest: str) -> None:
    assert safe_cell(first + rest) == "'" + first + rest


def test_exports_never_hand_a_formula_to_the_spreadsheet() -> None:
    table = Table("t", "Bảng", ["Tên", "Số"], [['=HYPERLINK("http://x","bấm")', 3], ["@SUM(A1)", -2]])
    sheet = load_workbook(io.BytesIO(to_xlsx(table))).active
    assert sheet is not None
    assert sheet["A3"].value == '\'=HYPERLINK("http://x","bấm")'
    assert sheet["A4"].value == "'@SUM(A1)" and sheet["B4"].value == -2  # numbers stay numbers
    text = to_csv(table).decode("utf-8-sig")
    assert "'=HYPERLINK" in text and "\n=" not in text
