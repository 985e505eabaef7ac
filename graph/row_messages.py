"""Row errors in Vietnamese, for the civil servants who fix the files.

Every reason the importer writes (`ingest.cells`, `ingest.rows`, `ingest.validate`, `ingest.columns`,
the readers) is English text built from a few templates. `REASONS` pairs each template's pattern with
its Vietnamese wording, so the English reason stays the one source of truth and an error object needs
no second code path. A reason no pattern knows still gets a Vietnamese lead-in with the English kept
("không hợp lệ: …"); tests/test_row_messages.py feeds every kind of bad cell through and checks none
falls back.

Lives in `graph/` because both `ingest` (the CLI) and `api` show these messages.
"""

from __future__ import annotations

import re
from collections.abc import Callable

Lang = str  # "vi" or "en"

# Tables (ingest.columns.Kind values) and the nouns of reference errors, as a Vietnamese file names them.
TABLES_VI: dict[str, str] = {
    "organizations": "tổ chức",
    "experts": "trí thức (chuyên gia)",
    "projects": "đề tài, nhiệm vụ",
    "project_members": "thành viên đề tài",
    "project_partners": "tổ chức tham gia đề tài",
    "publications": "công bố",
    "publication_authors": "tác giả công bố",
    "proposals": "hồ sơ đề xuất",
    "proposal_members": "thành viên đề xuất",
    "patents": "sáng chế, giải pháp hữu ích",
    "awards": "giải thưởng",
    "memberships": "hội viên",
}
NOUNS_VI: dict[str, str] = {
    "organization": "tổ chức",
    "expert": "chuyên gia",
    "project": "đề tài",
    "publication": "công bố",
    "proposal": "hồ sơ đề xuất",
}
_ORG_KINDS_VI: dict[str, str] = {
    "university": "trường đại học",
    "research_institute": "viện nghiên cứu",
    "government_agency": "cơ quan nhà nước",
    "enterprise": "doanh nghiệp",
    "hospital": "bệnh viện",
    "school": "trường học",
    "other": "khác",
}
_NO_TAXONOMY = " (no field taxonomy is loaded: run `python -m ingest reference`)"


def where_vi(text: str) -> str:
    """ "b.csv, sheet 'Trí thức', row 4" -> "b.csv, trang tính 'Trí thức', dòng 4"."""
    text = re.sub(r"\bsheet (?=['\"])", "trang tính ", text)
    return re.sub(r"\brow (\d+)", r"dòng \1", text)


def _table(name: str) -> str:
    return f"{TABLES_VI[name]} ({name})" if name in TABLES_VI else name


def _unknown_codes(m: re.Match[str]) -> str:
    codes, hint = m["codes"], m["hint"]
    note = " (chưa nạp bảng phân loại lĩnh vực: chạy `python -m ingest reference`)" if hint else ""
    return f"có mã lĩnh vực không tồn tại: {codes}{note}"


def _unknown_column(m: re.Match[str]) -> str:
    guess = f" (có phải ý bạn là cột {m['guess']}?)" if m["guess"] else ""
    return f"không phải là cột của bảng {_table(m['kind'])}; các cột hợp lệ: {m['expected']}{guess}"


def _empty_file(m: re.Match[str]) -> str:
    if m["sheet"]:
        return f"trang tính {m['sheet']} trống: không tìm thấy dòng tiêu đề"
    return "trống: không tìm thấy dòng tiêu đề (tệp rỗng)"


Template = str | Callable[[re.Match[str]], str]
# (pattern of the English reason, Vietnamese wording): `{name}` takes the pattern's named group.
REASONS: tuple[tuple[str, Template], ...] = (
    (r"is required", "chưa được điền, nhưng cột này bắt buộc phải có giá trị"),
    (r"is not a year", "không phải là một năm (viết bốn chữ số, ví dụ 2019)"),
    (r"is not a year between (?P<low>\d+) and (?P<high>\d+)", "không phải là năm trong khoảng {low}–{high}"),
    (r"is not a whole number", "không phải là số nguyên"),
    (r"is not a number", "không phải là một số"),
    (
        r"is ambiguous: write thousands without a separator.*",
        "không rõ nghĩa: hàng nghìn viết liền không có dấu phân cách (1200), phần thập phân viết một "
        "hoặc hai chữ số hoặc dùng cả hai dấu (1,2 hoặc 1.200,0)",
    ),
    (r"is not an email address", "không phải là địa chỉ email"),
    (r"is not an ORCID iD \(like (?P<example>[\dX-]+)\)", "không phải là mã ORCID (dạng {example})"),
    (
        r"is not a valid ORCID iD: its check digit is wrong",
        "không phải là mã ORCID hợp lệ: sai chữ số kiểm tra",
    ),
    (r"is not a DOI \(like (?P<example>\S+)\)", "không phải là mã DOI (dạng {example})"),
    (r"is not a two-letter country code \(like VN\)", "không phải là mã quốc gia hai chữ cái (ví dụ VN)"),
    (
        r"holds (?P<codes>.+), not a field code \(1, 3 or 5 digits, like 40101\)",
        "có {codes}, không phải là mã lĩnh vực (1, 3 hoặc 5 chữ số, ví dụ 40101)",
    ),
    (
        r"holds unknown field code\(s\) (?P<codes>.+?)(?P<hint>" + re.escape(_NO_TAXONOMY) + ")?",
        _unknown_codes,
    ),
    (
        r"holds (?P<item>.+), not an external id \(scheme:value, like (?P<examples>.+)\)",
        lambda m: (
            f"có {m['item']}, không phải là mã hệ thống khác (dạng hệ:mã, ví dụ "
            f"{m['examples'].replace(' or ', ' hoặc ')})"
        ),
    ),
    (
        r"is not yes or no: write có or không \(x, 1 or 0\)",
        "không phải là có/không: viết có hoặc không (x, 1 hoặc 0)",
    ),
    (r"is not one of: (?P<codes>.+)", "không thuộc các giá trị cho phép: {codes}"),
    (r"is not a gender: write nam or nữ \(M or F\)", "không phải là giới tính: viết nam hoặc nữ (M hoặc F)"),
    (
        r"is not a byline position \(1 for the first author\)",
        "không phải là thứ tự tác giả (1 là tác giả thứ nhất)",
    ),
    (r"is the organization itself", "chính là tổ chức này: một tổ chức không thể trực thuộc chính nó"),
    (
        r"disagrees with (?P<written>.+), written before the name in full_name",
        "khác với {written} ghi trước họ tên ở cột full_name",
    ),
    (r"is before start_year (?P<year>\d+)", "sớm hơn năm bắt đầu (start_year) {year}"),
    (r"also names the host (?P<host>.+)", "lại ghi cả tổ chức chủ trì {host}"),
    (r"is before filing_year (?P<year>\d+)", "sớm hơn năm nộp đơn (filing_year) {year}"),
    (
        r"is given, but status says the patent is only filed",
        "có năm cấp bằng, nhưng cột tình trạng ghi là mới nộp đơn",
    ),
    (r"is before since (?P<year>\d+)", "sớm hơn năm gia nhập (since) {year}"),
    (
        r"describes the award of (?P<where>.+) with a different (?P<columns>.+)",
        lambda m: f"cùng giải thưởng với {where_vi(m['where'])} nhưng khác ở cột {m['columns']}",
    ),
    (
        r"is an organization of kind (?P<kind>\w+), not an association",
        lambda m: f"là tổ chức loại {_ORG_KINDS_VI.get(m['kind'], m['kind'])}, không phải là hội (loại Hội)",
    ),
    (
        r"repeats the key of (?P<where>.+) with a different (?P<columns>.+)",
        lambda m: f"trùng mã với {where_vi(m['where'])} nhưng khác ở cột {m['columns']}",
    ),
    (
        r"is not the (?P<key>\w+) of any (?P<noun>\w+) in this import or in the graph",
        lambda m: (
            f"không phải là {m['key']} của {NOUNS_VI.get(m['noun'], m['noun'])} nào trong lần "
            "nhập này hay trong cơ sở dữ liệu"
        ),
    ),
    (
        r"is also the (?P<prop>\w+) of (?P<id>\S+) \((?P<where>.+)\)",
        lambda m: f"cũng là {m['prop']} của {m['id']} ({where_vi(m['where'])})",
    ),
    (
        r"is also an external id of organization (?P<id>\S+) \((?P<where>.+)\)",
        lambda m: f"cũng là mã hệ thống khác của tổ chức {m['id']} ({where_vi(m['where'])})",
    ),
    (
        r"is already an external id of organization (?P<id>\S+) in the graph",
        "đã là mã hệ thống khác của tổ chức {id} trong cơ sở dữ liệu",
    ),
    (
        r"is already the (?P<prop>\w+) of expert (?P<id>\S+) in the graph",
        "đã là {prop} của chuyên gia {id} trong cơ sở dữ liệu",
    ),
    (r"column (?P<n>\d+) has values but no header", "cột thứ {n} có dữ liệu nhưng không có tiêu đề"),
    (
        r"is not a column of (?P<kind>\w+); expected one of: (?P<expected>.+?)"
        r"(?: \(did you mean (?P<guess>\w+)\?\))?",
        _unknown_column,
    ),
    (r"names the same column as the header (?P<header>.+)", "trùng cột với tiêu đề {header}"),
    (
        r"column is missing; a (?P<kind>\w+) table needs it \(Vietnamese: (?P<vi>.+)\)",
        lambda m: f"thiếu cột này; bảng {_table(m['kind'])} bắt buộc phải có (tiêu đề tiếng Việt: {m['vi']})",
    ),
    (
        r"is neither a \.csv nor an \.xlsx file; save it as one.*",
        "không phải là tệp .csv hay .xlsx; hãy lưu lại thành tệp .xlsx hoặc .csv",
    ),
    (r"is not a readable CSV file: (?P<detail>.+)", "không đọc được như một tệp CSV: {detail}"),
    (r"is not a readable \.xlsx: (?P<detail>.+)", "không đọc được như một tệp .xlsx: {detail}"),
    (
        r"has no sheet (?P<sheet>.+); its sheets are (?P<names>.+)",
        "không có trang tính {sheet}; các trang tính hiện có: {names}",
    ),
    (r"has no sheet with a header row", "không có trang tính nào có dòng tiêu đề"),
    (
        r"is not UTF-8, cp1258 or cp1252 text; save it as CSV UTF-8",
        "không phải văn bản mã UTF-8, cp1258 hay cp1252; hãy lưu lại dạng CSV UTF-8",
    ),
    (r"(?:sheet (?P<sheet>.+) )?is empty: no header row found.*", _empty_file),
    (r"is in column (?P<n>\d+), which has no header", "nằm ở cột thứ {n}, cột này không có tiêu đề"),
    (
        r"is (?P<n>[\d,]+) characters long; a cell may hold at most (?P<max>[\d,]+)",
        lambda m: (
            f"dài {m['n'].replace(',', '.')} ký tự; mỗi ô chỉ được chứa tối đa "
            f"{m['max'].replace(',', '.')} ký tự"
        ),
    ),
    (r"is a spreadsheet error value", "là giá trị lỗi của bảng tính (như #N/A, #REF!, #VALUE!)"),
    (
        r"does not say which table it holds; name it one of: (?P<names>.+)",
        "không cho biết chứa bảng nào; hãy đặt tên tệp là một trong: {names}",
    ),
    (
        r"has no sheet for (?P<kind>\w+), only sheets for other tables \((?P<listed>.+)\)",
        lambda m: (
            f"không có trang tính cho bảng {_table(m['kind'])}, chỉ có trang tính của các bảng "
            f"khác ({m['listed']})"
        ),
    ),
    (
        r"has no sheet named after a table; name each sheet one of: (?P<kinds>.+)",
        "không có trang tính nào mang tên một bảng; hãy đặt tên mỗi trang tính là một trong: {kinds}",
    ),
    (
        r"does not exist; point SHARED_DATA at the shared data folder",
        "không tồn tại; hãy đặt biến SHARED_DATA trỏ tới thư mục dữ liệu dùng chung",
    ),
    (
        r"is not in the CORDIS format: columns (?P<columns>.+) are missing",
        "không đúng định dạng CORDIS: thiếu các cột {columns}",
    ),
)
_COMPILED = tuple((re.compile(pattern, re.DOTALL), template) for pattern, template in REASONS)
FALLBACK_VI = "không hợp lệ: "


def reason_vi(reason: str) -> str:
    """The Vietnamese wording of an English reason; unknown ones keep the English after a lead-in."""
    for pattern, template in _COMPILED:
        match = pattern.fullmatch(reason)
        if match is None:
            continue
        if callable(template):
            return template(match)
        return template.format(**{k: v or "" for k, v in match.groupdict().items()})
    return FALLBACK_VI + reason


def _shown(value: str) -> str:
    return value if len(value) <= 60 else value[:57] + "..."


def row_message_vi(file: str, sheet: str, row: int, field: str, value: str, reason: str) -> str:
    """`Tệp experts.xlsx, trang tính "Trí thức", dòng 14, cột "email": giá trị "abc" không phải là
    địa chỉ email` — the same parts, in the same order, as the English `RowError.__str__`."""
    where = f"Tệp {file}" + (f', trang tính "{sheet}"' if sheet else "")
    where += f", dòng {row}" if row else ""
    subject = f'giá trị "{_shown(value)}" ' if value else ""
    column = f', cột "{field}"' if field else ""
    return f"{where}{column}: {subject}{reason_vi(reason)}"
