"""Readers and header matching on real files: encodings, delimiters, workbooks, blank rows, limits."""

from __future__ import annotations

import re
import unicodedata
import zipfile
from datetime import date, datetime
from pathlib import Path

import pytest
from openpyxl import Workbook

from graph.errors import ImportRejected
from graph.text import normalize
from ingest.columns import Kind, kind_for_name, match_header
from ingest.readers import MAX_CELL_CHARS, parse_csv, read_csv, read_xlsx

NAMES = ["Nguyễn Văn Đức", "Lò Thị Hoà", "Giàng A Thủy"]
_TONES = "\u0300\u0301\u0303\u0309\u0323"


def _cp1258(text: str) -> bytes:
    """Vietnamese as Windows-1258 stores it: precomposed vowels, separate combining tone marks."""
    out = []
    for char in unicodedata.normalize("NFC", text):
        marks = unicodedata.normalize("NFD", char)
        tones = "".join(m for m in marks if m in _TONES)
        base = unicodedata.normalize("NFC", "".join(m for m in marks if m not in _TONES))
        out.append(base + tones)
    return "".join(out).encode("cp1258")


def test_utf8_bom_is_dropped_from_the_first_header(tmp_path: Path) -> None:
    path = tmp_path / "experts.csv"
    path.write_bytes("\ufeffexpert_id,full_name\nLC-1,Nguyễn Văn Đức\n".encode())
    table = read_csv(path)
    assert table.header == ["expert_id", "full_name"]
    assert table.encoding == "utf-8-sig"
    assert table.rows[0].values == ("LC-1", "Nguyễn Văn Đức")


def test_semicolon_delimiter_is_sniffed_and_quoted_lists_survive() -> None:
    data = 'ma_tri_thuc;ho_ten;chuyen_nganh\nLC-1;Lò Thị Hoà;"401; 40101"\n'.encode()
    table = parse_csv(data, "experts.csv")
    assert table.header == ["ma_tri_thuc", "ho_ten", "chuyen_nganh"]
    assert table.rows[0].values == ("LC-1", "Lò Thị Hoà", "401; 40101")


def test_a_cp1258_file_is_decoded_and_says_so() -> None:
    data = _cp1258("expert_id,full_name\n" + "".join(f"LC-{i},{n}\n" for i, n in enumerate(NAMES)))
    with pytest.raises(UnicodeDecodeError):
        data.decode("utf-8")
    table = parse_csv(data, "experts.csv")
    assert table.encoding == "cp1258"
    assert [normalize(row.values[1]) for row in table.rows] == [normalize(n) for n in NAMES]


def test_a_cp1252_file_falls_back_when_cp1258_cannot_read_it() -> None:
    table = parse_csv("org_id,name\nHR-1,Šibenik Žaba\n".encode("cp1252"), "organizations.csv")
    assert table.encoding == "cp1252"
    assert table.rows[0].values[1] == "Šibenik Žaba"


def test_blank_rows_are_skipped_and_row_numbers_stay_those_of_the_sheet() -> None:
    table = parse_csv(b"org_id,name\n\nA,Alpha\n,\n  ,  \nB,Beta\n", "organizations.csv")
    assert [(row.number, row.values[0]) for row in table.rows] == [(3, "A"), (6, "B")]


@pytest.mark.parametrize("data", [b"", b"\n\n  \n", b"\xef\xbb\xbf", b",,,\n"])
def test_an_empty_file_is_a_clear_error(data: bytes) -> None:
    with pytest.raises(ImportRejected) as info:
        parse_csv(data, "experts.csv")
    assert "experts.csv" in str(info.value)
    assert "is empty: no header row found" in str(info.value)


def test_a_cell_over_the_limit_is_reported_and_one_at_the_limit_is_kept() -> None:
    long, ok = "x" * (MAX_CELL_CHARS + 1), "y" * MAX_CELL_CHARS
    table = parse_csv(f"pub_id,title,abstract\nP1,T,{long}\nP2,T,{ok}\n".encode(), "publications.csv")
    assert len(table.problems) == 1
    problem = table.problems[0]
    assert (problem.row, problem.field) == (2, "abstract")
    assert "10,001 characters long" in problem.reason
    assert table.rows[1].values[2] == ok


def test_a_value_under_no_header_is_reported() -> None:
    table = parse_csv(b"org_id,name\nA,Alpha,stray\n", "organizations.csv")
    assert [(p.row, p.value) for p in table.problems] == [(2, "stray")]
    assert "no header" in table.problems[0].reason


def _with_cached_values(path: Path, cached: dict[str, str]) -> None:
    """openpyxl writes formulas without results; put in the cached values Excel would have saved."""
    rewritten = path.with_suffix(".tmp")
    with zipfile.ZipFile(path) as source, zipfile.ZipFile(rewritten, "w") as target:
        for item in source.infolist():
            data = source.read(item.filename)
            if item.filename.startswith("xl/worksheets/sheet"):
                text = data.decode()
                for ref, value in cached.items():
                    text = re.sub(
                        rf'(<c r="{ref}"[^>]*>\s*<f>[^<]*</f>)\s*(<v\s*/>|<v></v>)?',
                        rf"\1<v>{value}</v>",
                        text,
                    )
                data = text.encode()
            target.writestr(item, data)
    rewritten.replace(path)


def test_xlsx_gives_cached_formula_values_merged_cells_dates_and_whole_numbers(
    tmp_path: Path,
) -> None:
    workbook = Workbook()
    sheet = workbook.active
    assert sheet is not None
    sheet.title = "projects"
    sheet.append(["project_code", "title", "start_year", "budget_million_vnd", "sector", "note"])
    sheet.append(["P1", "Chè Shan tuyết", 2021, 1200.5, "AGRI_FOREST", datetime(2021, 3, 15)])
    sheet.append(["P2", "Sâm Lai Châu", 2022.0, None, None, "15/03/2021"])
    sheet.append([None] * 6)
    sheet.append(["P3", "Mắc ca", None, 1.234, None, date(2020, 1, 2)])
    sheet["C3"] = "=C2+1"
    sheet.merge_cells("E2:E3")
    path = tmp_path / "projects.xlsx"
    workbook.save(path)
    _with_cached_values(path, {"C3": "2022"})

    (table,) = read_xlsx(path)
    assert table.sheet == "projects"
    assert [row.number for row in table.rows] == [2, 3, 5]
    rows = {row.values[0]: row.values for row in table.rows}
    assert rows["P1"] == ("P1", "Chè Shan tuyết", "2021", "1200.5", "AGRI_FOREST", "2021-03-15")
    assert rows["P2"][2] == "2022"  # the formula's cached value
    assert rows["P2"][4] == "AGRI_FOREST"  # a merged range shows its value in each cell
    assert rows["P2"][5] == "15/03/2021"  # text stays text
    assert rows["P3"][3] == "1.2340"  # never "1.234", which the number rule calls ambiguous
    assert rows["P3"][5] == "2020-01-02"


def test_each_sheet_or_a_named_one(tmp_path: Path) -> None:
    workbook = Workbook()
    first = workbook.active
    assert first is not None
    first.title = "Hướng dẫn"
    first.append(["Điền mỗi bảng vào một trang."])
    experts = workbook.create_sheet("tri_thuc")
    experts.append(["ma_tri_thuc", "ho_ten"])
    experts.append(["LC-1", "Lò Thị Hoà"])
    workbook.create_sheet("empty")
    path = tmp_path / "book.xlsx"
    workbook.save(path)

    assert [t.sheet for t in read_xlsx(path)] == ["Hướng dẫn", "tri_thuc"]
    (table,) = read_xlsx(path, "tri_thuc")
    assert table.rows[0].values == ("LC-1", "Lò Thị Hoà")
    with pytest.raises(ImportRejected, match="has no sheet 'nope'"):
        read_xlsx(path, "nope")
    with pytest.raises(ImportRejected, match="is empty"):
        read_xlsx(path, "empty")


@pytest.mark.parametrize("header", ["Họ tên", "ho_ten", "HO TEN", "full_name", "Full Name", "Họ và tên"])
def test_english_and_vietnamese_headers_name_the_same_column(header: str) -> None:
    table = parse_csv(f"Mã trí thức,{header}\nLC-1,Lò Thị Hoà\n".encode(), "experts.csv")
    names, errors = match_header(table, Kind.EXPERTS)
    assert errors == []
    assert names == ["expert_id", "full_name"]


def test_unknown_repeated_and_missing_columns_are_each_one_error() -> None:
    table = parse_csv(b"ma_tri_thuc,emial,hobby,Email,e-mail\nLC-1,a@b.vn,chess,,\n", "experts.csv")
    _, errors = match_header(table, Kind.EXPERTS)
    by_field = {e.field: e for e in errors}
    assert set(by_field) == {"emial", "hobby", "email", "full_name"}
    assert all(e.row == 1 and e.file == "experts.csv" for e in errors)
    assert by_field["hobby"].reason.startswith("is not a column of experts; expected one of: ")
    assert "full_name (ho_ten)" in by_field["hobby"].reason
    assert "did you mean email?" in by_field["emial"].reason
    assert "same column" in by_field["email"].reason
    assert "column is missing" in by_field["full_name"].reason


@pytest.mark.parametrize(
    ("name", "kind"),
    [
        ("experts", Kind.EXPERTS),
        ("Trí thức", Kind.EXPERTS),
        ("tri_thuc", Kind.EXPERTS),
        ("02_de_tai", Kind.PROJECTS),
        ("organization", Kind.ORGANIZATIONS),
        ("thanh_vien_de_tai", Kind.PROJECT_MEMBERS),
        ("publication_authors", Kind.PUBLICATION_AUTHORS),
        ("notes", None),
    ],
)
def test_kind_from_a_file_or_sheet_name(name: str, kind: Kind | None) -> None:
    assert kind_for_name(name) is kind
