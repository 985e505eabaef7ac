"""The tables of the import format and their columns, and matching a file's header to them.

docs/import-format.md is the source of truth; this module mirrors it. A header matches a column when
both fold to the same letters (`graph.text.fold`, spaces and underscores dropped), so "Họ tên",
"ho_ten", "HO TEN", "full_name" and "Full Name" all name `full_name`. A few common spellings the
document does not list are accepted as aliases (e.g. "Họ và tên", "Số điện thoại").
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from rapidfuzz import process

from graph.errors import RowError
from graph.text import fold
from ingest.readers import Table


class Kind(StrEnum):
    """One table of the import format; the value is its file name stem."""

    ORGANIZATIONS = "organizations"
    EXPERTS = "experts"
    PROJECTS = "projects"
    PROJECT_MEMBERS = "project_members"
    PROJECT_PARTNERS = "project_partners"
    PUBLICATIONS = "publications"
    PUBLICATION_AUTHORS = "publication_authors"
    PROPOSALS = "proposals"
    PROPOSAL_MEMBERS = "proposal_members"
    PATENTS = "patents"
    AWARDS = "awards"
    MEMBERSHIPS = "memberships"


# Write order: every table comes after the tables it refers to.
LOAD_ORDER: tuple[Kind, ...] = tuple(Kind)

# File or sheet names that also name a kind (folded, underscores for spaces).
KIND_NAMES: dict[str, Kind] = {
    "organization": Kind.ORGANIZATIONS,
    "to_chuc": Kind.ORGANIZATIONS,
    "co_quan": Kind.ORGANIZATIONS,
    "don_vi": Kind.ORGANIZATIONS,
    "expert": Kind.EXPERTS,
    "tri_thuc": Kind.EXPERTS,
    "chuyen_gia": Kind.EXPERTS,
    "project": Kind.PROJECTS,
    "de_tai": Kind.PROJECTS,
    "nhiem_vu": Kind.PROJECTS,
    "project_member": Kind.PROJECT_MEMBERS,
    "thanh_vien_de_tai": Kind.PROJECT_MEMBERS,
    "thanh_vien": Kind.PROJECT_MEMBERS,
    "project_partner": Kind.PROJECT_PARTNERS,
    "to_chuc_tham_gia_de_tai": Kind.PROJECT_PARTNERS,
    "to_chuc_tham_gia": Kind.PROJECT_PARTNERS,
    "publication": Kind.PUBLICATIONS,
    "cong_bo": Kind.PUBLICATIONS,
    "publication_author": Kind.PUBLICATION_AUTHORS,
    "tac_gia_cong_bo": Kind.PUBLICATION_AUTHORS,
    "tac_gia": Kind.PUBLICATION_AUTHORS,
    "proposal": Kind.PROPOSALS,
    "de_xuat": Kind.PROPOSALS,
    "ho_so_de_xuat": Kind.PROPOSALS,
    "proposal_member": Kind.PROPOSAL_MEMBERS,
    "thanh_vien_de_xuat": Kind.PROPOSAL_MEMBERS,
    "nguoi_de_xuat": Kind.PROPOSAL_MEMBERS,
    "patent": Kind.PATENTS,
    "sang_che": Kind.PATENTS,
    "bang_sang_che": Kind.PATENTS,
    "giai_phap_huu_ich": Kind.PATENTS,
    "sang_che_giai_phap_huu_ich": Kind.PATENTS,
    "so_huu_tri_tue": Kind.PATENTS,
    "van_bang_bao_ho": Kind.PATENTS,
    "award": Kind.AWARDS,
    "giai_thuong": Kind.AWARDS,
    "khen_thuong": Kind.AWARDS,
    "giai_thuong_khen_thuong": Kind.AWARDS,
    "membership": Kind.MEMBERSHIPS,
    "hoi_vien": Kind.MEMBERSHIPS,
    "thanh_vien_hoi": Kind.MEMBERSHIPS,
    "hoi_vien_hiep_hoi": Kind.MEMBERSHIPS,
    "tham_gia_hoi": Kind.MEMBERSHIPS,
} | {kind.value: kind for kind in Kind}


@dataclass(frozen=True)
class Column:
    name: str  # the English header, also the field name of the row model
    vi: str  # the Vietnamese header
    required: bool = False
    aliases: tuple[str, ...] = ()


def _c(name: str, vi: str, required: bool = False, *aliases: str) -> Column:
    return Column(name, vi, required, aliases)


COLUMNS: dict[Kind, tuple[Column, ...]] = {
    Kind.ORGANIZATIONS: (
        _c("org_id", "ma_to_chuc", True),
        _c("name", "ten", True, "ten_to_chuc", "ten_don_vi"),
        _c("short_name", "ten_viet_tat"),
        _c("kind", "loai", True, "loai_hinh"),
        _c("province", "tinh", False, "tinh_thanh_pho"),
        _c("district", "huyen"),
        _c("country", "quoc_gia"),
        _c("parent_org_id", "ma_to_chuc_cap_tren"),
        _c("unnamed", "chua_co_ten"),
        _c("external_ids", "ma_he_thong_khac", False, "ma_ngoai", "external_id", "ror"),
        _c("city", "thanh_pho"),
        _c("address", "dia_chi", False, "street"),
        _c("post_code", "ma_buu_chinh", False, "postcode"),
        _c("nuts_code", "ma_nuts"),
        _c("geolocation", "toa_do", False, "vi_tri"),
    ),
    Kind.EXPERTS: (
        _c("expert_id", "ma_tri_thuc", True),
        _c("full_name", "ho_ten", True, "ho_va_ten"),
        _c("academic_title", "hoc_ham"),
        _c("degree", "hoc_vi"),
        _c("degree_year", "nam_nhan_hoc_vi"),
        _c("gender", "gioi_tinh"),
        _c("birth_year", "nam_sinh"),
        _c("ethnicity", "dan_toc"),
        _c("email", "email", False, "e_mail", "thu_dien_tu"),
        _c("phone", "dien_thoai", False, "so_dien_thoai"),
        _c("orcid", "orcid"),
        _c("staff_code", "ma_can_bo"),
        _c("org_id", "ma_to_chuc"),
        _c("position", "chuc_vu"),
        _c("employed_since", "nam_bat_dau_cong_tac"),
        _c("sector", "linh_vuc_nganh"),
        _c("fields", "chuyen_nganh"),
        _c("topics", "tu_khoa"),
        _c("district", "huyen"),
        _c("organization", "co_quan_cong_tac", False, "don_vi_cong_tac", "noi_cong_tac"),
    ),
    Kind.PROJECTS: (
        _c("project_code", "ma_de_tai", True),
        _c("title", "ten_de_tai", True),
        _c("abstract", "tom_tat"),
        _c("level", "cap"),
        _c("kind", "loai"),
        _c("start_year", "nam_bat_dau"),
        _c("end_year", "nam_ket_thuc"),
        _c("budget_million_vnd", "kinh_phi_trieu_dong"),
        _c("status", "tinh_trang"),
        _c("sector", "linh_vuc_nganh"),
        _c("fields", "chuyen_nganh"),
        _c("programme", "chuong_trinh"),
        _c("budget_eur", "kinh_phi_eur"),
        _c("untitled", "chua_co_ten"),
    ),
    Kind.PROJECT_MEMBERS: (
        _c("project_code", "ma_de_tai", True),
        _c("expert_id", "ma_tri_thuc", True),
        _c("role", "vai_tro", True),
    ),
    Kind.PROJECT_PARTNERS: (
        _c("project_code", "ma_de_tai", True),
        _c("org_id", "ma_to_chuc", True),
        _c("role", "vai_tro", True),
        _c("contribution_eur", "dong_gop_eur"),
    ),
    Kind.PUBLICATIONS: (
        _c("pub_id", "ma_cong_bo", True),
        _c("title", "tieu_de", True),
        _c("abstract", "tom_tat"),
        _c("year", "nam"),
        _c("venue", "noi_dang"),
        _c("doi", "doi"),
        _c("citations", "so_trich_dan"),
        _c("fields", "chuyen_nganh"),
    ),
    Kind.PUBLICATION_AUTHORS: (
        _c("pub_id", "ma_cong_bo", True),
        _c("expert_id", "ma_tri_thuc", True),
        _c("position", "thu_tu"),
    ),
    Kind.PROPOSALS: (
        _c("proposal_code", "ma_de_xuat", True, "ma_ho_so"),
        _c("title", "ten_de_xuat", True, "ten_nhiem_vu"),
        _c("abstract", "tom_tat"),
        _c("fields", "chuyen_nganh"),
        _c("host_org_id", "ma_to_chuc_chu_tri"),
        _c("partner_org_ids", "ma_to_chuc_phoi_hop"),
        _c("level", "cap_de_nghi", False, "cap"),
        _c("program", "chuong_trinh"),
        _c("year", "nam", False, "nam_de_xuat"),
    ),
    Kind.PROPOSAL_MEMBERS: (
        _c("proposal_code", "ma_de_xuat", True, "ma_ho_so"),
        _c("expert_id", "ma_tri_thuc", True),
        _c("role", "vai_tro", True),
    ),
    Kind.PATENTS: (
        _c("number", "so_bang", False, "so_van_bang", "so_don", "so_bang_so_don", "patent_number"),
        _c("title", "ten_sang_che", True, "ten", "ten_giai_phap", "ten_van_bang"),
        _c("kind", "loai", True, "loai_van_bang", "hinh_thuc_bao_ho"),
        _c("status", "tinh_trang"),
        _c("filing_year", "nam_nop_don"),
        _c("grant_year", "nam_cap_bang", False, "nam_cap"),
        _c("country", "quoc_gia", False, "noi_cap"),
        _c("inventors", "tac_gia", False, "ma_tac_gia", "ma_tri_thuc", "expert_ids"),
        _c("owner_org_ids", "ma_chu_so_huu", False, "chu_so_huu", "chu_bang", "owner_org_id"),
        _c("fields", "chuyen_nganh"),
        _c("topics", "tu_khoa"),
    ),
    Kind.AWARDS: (
        _c("name", "ten_giai_thuong", True, "giai_thuong", "hinh_thuc_khen_thuong", "award"),
        _c("level", "cap", True, "cap_giai_thuong"),
        _c("year", "nam", True, "nam_nhan", "nam_trao"),
        _c("expert_id", "ma_tri_thuc", True),
        _c("issuer", "co_quan_trao_tang", False, "noi_trao", "don_vi_trao"),
        _c("work", "ten_cong_trinh", False, "cong_trinh", "cong_trinh_duoc_giai"),
        _c("fields", "chuyen_nganh"),
    ),
    Kind.MEMBERSHIPS: (
        _c("expert_id", "ma_tri_thuc", True),
        _c("org_id", "ma_hoi", True, "ma_to_chuc"),
        _c("role", "vai_tro", False, "chuc_danh"),
        _c("since", "tu_nam", False, "nam_gia_nhap", "nam_vao_hoi"),
        _c("until", "den_nam", False, "nam_roi_hoi"),
    ),
}

# The columns that identify a row of each kind (duplicates within a batch are judged on these).
KEY_COLUMNS: dict[Kind, tuple[str, ...]] = {
    Kind.ORGANIZATIONS: ("org_id",),
    Kind.EXPERTS: ("expert_id",),
    Kind.PROJECTS: ("project_code",),
    Kind.PROJECT_MEMBERS: ("project_code", "expert_id"),
    Kind.PROJECT_PARTNERS: ("project_code", "org_id"),
    Kind.PUBLICATIONS: ("pub_id",),
    Kind.PUBLICATION_AUTHORS: ("pub_id", "expert_id"),
    Kind.PROPOSALS: ("proposal_code",),
    Kind.PROPOSAL_MEMBERS: ("proposal_code", "expert_id"),
    # Patents and awards are keyed by what the row says (`graph.honour_keys`), set by their models.
    Kind.PATENTS: ("patent_id",),
    Kind.AWARDS: ("award_id", "expert_id"),
    Kind.MEMBERSHIPS: ("expert_id", "org_id"),
}
# Where the key is derived, the columns a duplicate-row error names instead (what the user wrote).
KEY_SHOWN: dict[Kind, tuple[str, ...]] = {
    Kind.PATENTS: ("number", "title", "filing_year"),
    Kind.AWARDS: ("name", "year", "work", "expert_id"),
}


def header_key(text: str) -> str:
    """What a header is compared on: its folded letters and digits, without any separator."""
    return fold(text).replace(" ", "")


def _lookup(kind: Kind) -> dict[str, str]:
    table: dict[str, str] = {}
    for column in COLUMNS[kind]:
        for spelling in (column.name, column.vi, *column.aliases):
            table[header_key(spelling)] = column.name
    return table


_LOOKUPS: dict[Kind, dict[str, str]] = {kind: _lookup(kind) for kind in Kind}


def kind_for_name(name: str) -> Kind | None:
    """The kind a file stem or sheet name names ("experts", "Trí thức", "02_de_tai"), if any."""
    key = fold(name).replace(" ", "_").lstrip("0123456789_")
    return KIND_NAMES.get(key) or KIND_NAMES.get(key.removesuffix("s"))


def expected_columns(kind: Kind) -> str:
    return ", ".join(f"{c.name} ({c.vi})" for c in COLUMNS[kind])


def match_header(
    table: Table, kind: Kind, optional: frozenset[str] = frozenset()
) -> tuple[list[str | None], list[RowError]]:
    """Each header position's column name (None for a blank header over empty cells), and the errors.

    Every unknown, repeated or missing column is its own error, all reported together. Columns in
    `optional` may be missing even when required (the id column, when the import resolves entities).
    """
    lookup = _LOOKUPS[kind]
    names: list[str | None] = []
    errors: list[RowError] = []
    seen: dict[str, str] = {}

    def error(field: str, value: str, reason: str) -> None:
        errors.append(RowError(table.file, table.header_row, field, value, reason, table.sheet))

    for position, header in enumerate(table.header):
        if not header:
            names.append(None)
            if any(row.values[position] for row in table.rows):
                error("", "", f"column {position + 1} has values but no header")
            continue
        name = lookup.get(header_key(header))
        names.append(name)
        if name is None:
            reason = f"is not a column of {kind.value}; expected one of: {expected_columns(kind)}"
            guess = process.extractOne(header_key(header), list(lookup), score_cutoff=80)
            if guess is not None:
                reason += f" (did you mean {lookup[guess[0]]}?)"
            error(header, header, reason)
        elif name in seen:
            error(name, header, f"names the same column as the header {seen[name]!r}")
        else:
            seen[name] = header
    for column in COLUMNS[kind]:
        if column.required and column.name not in seen and column.name not in optional:
            reason = f"column is missing; a {kind.value} table needs it (Vietnamese: {column.vi})"
            error(column.name, "", reason)
    return names, errors


# Id columns that entity resolution fills in when empty (see ingest.resolution).
RESOLVABLE_KEYS: dict[Kind, str] = {Kind.EXPERTS: "expert_id", Kind.ORGANIZATIONS: "org_id"}
