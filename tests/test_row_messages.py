"""Row errors read in Vietnamese: a bad workbook's every error names file, sheet, row, column and value
in plain Vietnamese, and no reason the importer writes falls back to English.

No graph: `validate_table` checks a table on its own. The API and CLI tests (test_import_api.py,
test_ingest_cli.py) check the language is chosen by `lang`, Accept-Language and `--lang`.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from openpyxl import Workbook

from graph.errors import RowError
from graph.row_messages import FALLBACK_VI, reason_vi
from ingest.columns import Kind
from ingest.readers import read_xlsx
from ingest.validate import validate_table

SHEET = "Trí thức"
EXPERTS = [
    [
        "Mã trí thức",
        "Họ tên",
        "Học vị",
        "Năm sinh",
        "Email",
        "ORCID",
        "Giới tính",
        "Chuyên ngành",
        "Cột lạ",
        None,
    ],
    ["LC-1", None, "tiến sỹ khoa học", "19x5", "abc@", "0000-0002-1825-0098", "khác", "4O1", "x", None],
    ["LC-2", "Lò Văn Bình", None, 1850, "b@laichau.gov.vn", "12345", "nam", "401", None, "lạc"],
    ["LC-3", "Vàng Thị Mai", None, 1980, None, None, "nữ", "401", None, None],
    ["LC-3", "Vàng Thị Mại", None, 1980, None, None, "nữ", "401", None, None],
    ["LC-4", "TS. Lò Văn Bình", "ThS", 1975, None, None, "nam", None, None, None],
]
PROJECTS = [
    ["Mã đề tài", "Tên đề tài", "Năm bắt đầu", "Năm kết thúc", "Kinh phí (triệu đồng)", "Tình trạng"],
    ["DT-1", "Trồng sâm Lai Châu", 2021, 2019, "500", "đang thực hiện"],
    ["DT-2", "Chè Shan tuyết", "năm ngoái", 2030, "1.200", "sắp xong"],
    ["DT-3", "Thảo quả dưới tán rừng", 2020, 2022, "12a", None],
]


def _workbook(path: Path, sheets: dict[str, list[list[object]]]) -> Path:
    book = Workbook()
    book.remove(book.active)  # type: ignore[arg-type]
    for title, rows in sheets.items():
        sheet = book.create_sheet(title)
        for row in rows:
            sheet.append(row)
    book.save(path)
    return path


def _errors(path: Path, sheet: str, kind: Kind) -> list[RowError]:
    (table,) = read_xlsx(path, sheet)
    _, errors = validate_table(table, kind)
    return errors


def test_every_error_of_a_bad_workbook_reads_in_vietnamese(tmp_path: Path) -> None:
    path = _workbook(tmp_path / "tri_thuc.xlsx", {SHEET: EXPERTS, "Đề tài": PROJECTS})
    errors = _errors(path, SHEET, Kind.EXPERTS) + _errors(path, "Đề tài", Kind.PROJECTS)
    assert len(errors) >= 14
    for error in errors:
        message = error.message("vi")
        assert message.startswith("Tệp tri_thuc.xlsx, trang tính "), message
        assert FALLBACK_VI not in message, message
        if error.row:
            assert f"dòng {error.row}" in message
        if error.field:
            assert f'cột "{error.field}"' in message
        if error.value:
            assert f'giá trị "{error.value}"' in message
        assert error.message("en") == str(error)  # the English message is kept as it was
    by_cell = {(e.row, e.field): e.message("vi") for e in errors}
    assert by_cell[(2, "email")] == (
        'Tệp tri_thuc.xlsx, trang tính "Trí thức", dòng 2, cột "email": giá trị "abc@" '
        "không phải là địa chỉ email"
    )
    assert by_cell[(2, "full_name")].endswith(
        'dòng 2, cột "full_name": chưa được điền, nhưng cột này bắt buộc phải có giá trị'
    )
    assert "không phải là năm trong khoảng 1930–" in by_cell[(3, "birth_year")]
    assert "sai chữ số kiểm tra" in by_cell[(2, "orcid")]
    assert "không phải là giới tính" in by_cell[(2, "gender")]
    assert "không phải là mã lĩnh vực" in by_cell[(2, "fields")]
    assert "khác với TS ghi trước họ tên" in by_cell[(6, "degree")]
    assert "trùng mã với dòng 4 nhưng khác ở cột" in by_cell[(5, "expert_id")]
    assert "không phải là cột của bảng trí thức" in by_cell[(1, "Cột lạ")]
    assert "nằm ở cột thứ 10, cột này không có tiêu đề" in by_cell[(3, "")]
    assert "sớm hơn năm bắt đầu" in by_cell[(2, "end_year")]
    assert "không rõ nghĩa" in by_cell[(3, "budget_million_vnd")]
    assert "không thuộc các giá trị cho phép" in by_cell[(3, "status")]
    assert "không phải là một năm" in by_cell[(3, "start_year")]
    assert "không phải là một số" in by_cell[(4, "budget_million_vnd")]


@pytest.mark.parametrize(
    "reason",
    [
        "is not a valid ORCID iD: its check digit is wrong",
        "is not a DOI (like 10.1234/abc.5678)",
        "is not a two-letter country code (like VN)",
        "is not yes or no: write có or không (x, 1 or 0)",
        "is not a byline position (1 for the first author)",
        "is the organization itself",
        "also names the host ORG-1",
        "holds unknown field code(s) 999",
        "is not the expert_id of any expert in this import or in the graph",
        "is also the email of LC-1 (b.csv, sheet 'Trí thức', row 4)",
        "is already the orcid of expert LC-9 in the graph",
        "column 3 has values but no header",
        "names the same column as the header 'Họ tên'",
        "column is missing; a experts table needs it (Vietnamese: Họ tên)",
        "is neither a .csv nor an .xlsx file; save it as one (Lưu thành .xlsx hoặc .csv)",
        "is not UTF-8, cp1258 or cp1252 text; save it as CSV UTF-8",
        "is empty: no header row found (tệp rỗng)",
        "sheet 'A' is empty: no header row found",
        "is 10,001 characters long; a cell may hold at most 10,000",
        "is a spreadsheet error value",
        "has no sheet for experts, only sheets for other tables (projects)",
        "does not say which table it holds; name it one of: experts, projects",
    ],
)
def test_reasons_outside_the_workbook_are_translated_too(reason: str) -> None:
    assert not reason_vi(reason).startswith(FALLBACK_VI)


def test_an_unknown_reason_keeps_its_english_after_a_vietnamese_lead_in() -> None:
    assert reason_vi("is odd") == "không hợp lệ: is odd"
