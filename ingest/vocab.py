"""Coded values of the import format and every spelling accepted for each.

Cells are compared after `code_key` (fold, underscores for spaces), so "Trường đại học",
"truong_dai_hoc" and "University" all meet. English codes come from `graph.schema`; the Vietnamese
ones from docs/import-format.md, plus a few everyday phrasings ("cấp tỉnh", "đang thực hiện").
"""

from __future__ import annotations

from graph.schema import (
    ACADEMIC_TITLES,
    ASSOCIATION_ROLES,
    AWARD_LEVELS,
    DEGREES,
    ORG_KINDS,
    PARTNER_ROLES,
    PATENT_KINDS,
    PATENT_STATUSES,
    PROJECT_LEVELS,
    PROJECT_ROLES,
    PROJECT_STATUSES,
)
from graph.sectors import SECTORS
from graph.text import fold

PROJECT_KINDS = ("research", "project", "task")


def code_key(text: str) -> str:
    return fold(text).replace(" ", "_")


def _vocab(codes: tuple[str, ...], aliases: dict[str, str]) -> dict[str, str]:
    table = {code_key(code): code for code in codes}
    table.update({code_key(alias): code for alias, code in aliases.items()})
    return table


ORG_KIND_VOCAB = _vocab(
    ORG_KINDS,
    {
        "truong_dai_hoc": "university",
        "dai_hoc": "university",
        "hoc_vien": "university",
        "vien_nghien_cuu": "research_institute",
        "vien": "research_institute",
        "trung_tam_nghien_cuu": "research_institute",
        "co_quan_nha_nuoc": "government_agency",
        "co_quan": "government_agency",
        "so": "government_agency",
        "doanh_nghiep": "enterprise",
        "cong_ty": "enterprise",
        "benh_vien": "hospital",
        "truong_hoc": "school",
        "truong": "school",
        "hoi": "association",
        "khac": "other",
    },
)
PROJECT_LEVEL_VOCAB = _vocab(
    PROJECT_LEVELS,
    {
        "quoc_gia": "national",
        "nha_nuoc": "national",
        "cap_nha_nuoc": "national",
        "cap_quoc_gia": "national",
        "bo": "ministerial",
        "cap_bo": "ministerial",
        "tinh": "provincial",
        "cap_tinh": "provincial",
        "co_so": "grassroots",
        "cap_co_so": "grassroots",
        "quoc_te": "international",
        "cap_quoc_te": "international",
        "hop_tac_quoc_te": "international",
    },
)
PROJECT_KIND_VOCAB = _vocab(
    PROJECT_KINDS,
    {"de_tai": "research", "du_an": "project", "nhiem_vu": "task"},
)
PROJECT_STATUS_VOCAB = _vocab(
    PROJECT_STATUSES,
    {
        "de_xuat": "proposed",
        "dang_thuc_hien": "ongoing",
        "dang_trien_khai": "ongoing",
        "hoan_thanh": "completed",
        "da_nghiem_thu": "completed",
        "nghiem_thu": "completed",
        "da_hoan_thanh": "completed",
        "huy": "cancelled",
        "da_huy": "cancelled",
        "dung": "cancelled",
    },
)
MEMBER_ROLE_VOCAB = _vocab(
    PROJECT_ROLES,
    {"chu_nhiem": "lead", "chu_nhiem_de_tai": "lead", "thu_ky": "secretary", "thanh_vien": "member"},
)
PARTNER_ROLE_VOCAB = _vocab(
    PARTNER_ROLES,
    {"chu_tri": "host", "co_quan_chu_tri": "host", "phoi_hop": "partner", "co_quan_phoi_hop": "partner"},
)
GENDER_VOCAB = {"nam": "M", "m": "M", "male": "M", "nu": "F", "f": "F", "female": "F"}
TITLE_VOCAB = _vocab(
    ACADEMIC_TITLES,
    {
        "giao_su": "GS",
        "pho_giao_su": "PGS",
        "prof": "GS",
        "professor": "GS",
        "assoc_prof": "PGS",
        "associate_professor": "PGS",
    },
)
DEGREE_VOCAB = _vocab(
    DEGREES,
    {
        "tien_si_khoa_hoc": "TSKH",
        "tien_si": "TS",
        "phd": "TS",
        "dr": "TS",
        "thac_si": "ThS",
        "master": "ThS",
        "chuyen_khoa_ii": "CKII",
        "chuyen_khoa_2": "CKII",
        "ck2": "CKII",
        "bsckii": "CKII",
        "chuyen_khoa_i": "CKI",
        "chuyen_khoa_1": "CKI",
        "ck1": "CKI",
        "bscki": "CKI",
        "bac_si": "BS",
        "duoc_si": "DS",
        "ky_su": "KS",
        "cu_nhan": "CN",
        "cao_dang": "CD",
    },
)
SECTOR_VOCAB = _vocab(
    tuple(s.code for s in SECTORS),
    {s.name_vi: s.code for s in SECTORS}
    | {s.name_en: s.code for s in SECTORS}
    | {
        "giao_duc": "EDUCATION",
        "nong_nghiep": "AGRI_FOREST",
        "lam_nghiep": "AGRI_FOREST",
        "nong_lam_nghiep": "AGRI_FOREST",
        "khoa_hoc_cong_nghe": "SCITECH",
        "khcn": "SCITECH",
        "van_hoa": "CULTURE",
        "so_hoa": "DIGITAL",
        "cong_nghe_thong_tin": "DIGITAL",
    },
)

# Patents, awards and association memberships (issue 4).
PATENT_KIND_VOCAB = _vocab(
    PATENT_KINDS,
    {
        "sang_che": "invention",
        "bang_sang_che": "invention",
        "bang_doc_quyen_sang_che": "invention",
        "patent": "invention",
        "giai_phap_huu_ich": "utility_solution",
        "bang_giai_phap_huu_ich": "utility_solution",
        "bang_doc_quyen_giai_phap_huu_ich": "utility_solution",
        "utility_model": "utility_solution",
        "kieu_dang_cong_nghiep": "industrial_design",
        "kieu_dang": "industrial_design",
        "giong_cay_trong": "plant_variety",
        "bang_bao_ho_giong_cay_trong": "plant_variety",
        "giong_cay_trong_moi": "plant_variety",
    },
)
PATENT_STATUS_VOCAB = _vocab(
    PATENT_STATUSES,
    {
        "da_nop_don": "filed",
        "nop_don": "filed",
        "dang_tham_dinh": "filed",
        "don": "filed",
        "pending": "filed",
        "da_cap_bang": "granted",
        "duoc_cap_bang": "granted",
        "cap_bang": "granted",
        "da_cap": "granted",
        "duoc_bao_ho": "granted",
    },
)
AWARD_LEVEL_VOCAB = _vocab(
    AWARD_LEVELS,
    {
        "quoc_te": "international",
        "cap_quoc_te": "international",
        "quoc_gia": "national",
        "cap_quoc_gia": "national",
        "nha_nuoc": "national",
        "cap_nha_nuoc": "national",
        "toan_quoc": "national",
        "bo": "ministerial",
        "cap_bo": "ministerial",
        "bo_nganh": "ministerial",
        "cap_bo_nganh": "ministerial",
        "tinh": "provincial",
        "cap_tinh": "provincial",
        "co_so": "grassroots",
        "cap_co_so": "grassroots",
        "huyen": "grassroots",
        "cap_huyen": "grassroots",
    },
)
ASSOCIATION_ROLE_VOCAB = _vocab(
    ASSOCIATION_ROLES,
    {
        "hoi_vien": "member",
        "thanh_vien": "member",
        "uy_vien": "executive",
        "uy_vien_ban_chap_hanh": "executive",
        "uy_vien_bch": "executive",
        "uy_vien_ban_thuong_vu": "executive",
        "ban_chap_hanh": "executive",
        "pho_chu_tich": "vice_chair",
        "chu_tich": "chair",
        "tong_thu_ky": "secretary",
        "thu_ky": "secretary",
    },
)
