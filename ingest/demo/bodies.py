"""The organizations of the demo: Lai Châu's real provincial bodies, district agencies, partner
universities (taken by name from shared/data/vn_orgs), national research institutes and fictional
enterprises.

Each body lists the sectors whose experts it employs and a relative size, which is all the generator
needs to place people. Enterprises are invented ("Công ty TNHH Chè Tân Uyên Xanh"); some of them never
take part in research, as in real life.
"""

from __future__ import annotations

import csv
import random
from dataclasses import dataclass
from pathlib import Path

PROVINCE = "Lai Châu"
CITY = "Thành phố Lai Châu"
DISTRICTS: tuple[tuple[str, str], ...] = (
    ("TPLC", CITY),
    ("TAMDUONG", "Tam Đường"),
    ("PHONGTHO", "Phong Thổ"),
    ("SINHO", "Sìn Hồ"),
    ("MUONGTE", "Mường Tè"),
    ("NAMNHUN", "Nậm Nhùn"),
    ("TANUYEN", "Tân Uyên"),
    ("THANUYEN", "Than Uyên"),
)


@dataclass(frozen=True)
class Org:
    org_id: str
    name: str
    short_name: str
    kind: str
    province: str
    district: str
    parent_org_id: str
    sectors: tuple[str, ...]  # sectors whose experts work here
    size: float  # relative number of experts
    theme: str = ""  # the local theme the body is known for (an enterprise lives from it)
    research_partner: bool = True  # False: never a project partner
    mail_host: str = ""
    country: str = "VN"

    @property
    def in_province(self) -> bool:
        return self.province == PROVINCE


E, H, A, IND, INF, S, D, C = [
    "EDUCATION",
    "HEALTH",
    "AGRI_FOREST",
    "INDUSTRY",
    "INFRA",
    "SCITECH",
    "DIGITAL",
    "CULTURE",
]

# org_id suffix, name, short name, kind, parent suffix, sectors, size
_PROVINCIAL: tuple[tuple[str, str, str, str, str, tuple[str, ...], float], ...] = (
    ("TU", "Tỉnh ủy Lai Châu", "TU", "government_agency", "", (D, C), 1),
    ("UBND", "Ủy ban nhân dân tỉnh Lai Châu", "UBND", "government_agency", "", (D, INF, IND), 1),
    ("BTGTU", "Ban Tuyên giáo Tỉnh ủy Lai Châu", "BTG", "government_agency", "TU", (C,), 1),
    ("BDT", "Ban Dân tộc tỉnh Lai Châu", "BDT", "government_agency", "UBND", (C, E), 1.5),
    ("SKHCN", "Sở Khoa học và Công nghệ tỉnh Lai Châu", "SKHCN", "government_agency", "UBND", (S, D, A), 3),
    ("SYT", "Sở Y tế tỉnh Lai Châu", "SYT", "government_agency", "UBND", (H,), 2),
    ("SGDDT", "Sở Giáo dục và Đào tạo tỉnh Lai Châu", "SGDĐT", "government_agency", "UBND", (E, D), 3),
    (
        "SNNPTNT",
        "Sở Nông nghiệp và Phát triển nông thôn tỉnh Lai Châu",
        "SNN&PTNT",
        "government_agency",
        "UBND",
        (A, INF),
        4,
    ),
    (
        "STNMT",
        "Sở Tài nguyên và Môi trường tỉnh Lai Châu",
        "STNMT",
        "government_agency",
        "UBND",
        (INF, S, IND),
        3,
    ),
    ("SCT", "Sở Công Thương tỉnh Lai Châu", "SCT", "government_agency", "UBND", (IND,), 2),
    ("SXD", "Sở Xây dựng tỉnh Lai Châu", "SXD", "government_agency", "UBND", (INF,), 2),
    ("SGTVT", "Sở Giao thông vận tải tỉnh Lai Châu", "SGTVT", "government_agency", "UBND", (INF,), 2),
    ("STTTT", "Sở Thông tin và Truyền thông tỉnh Lai Châu", "STTTT", "government_agency", "UBND", (D,), 3),
    (
        "SVHTTDL",
        "Sở Văn hóa, Thể thao và Du lịch tỉnh Lai Châu",
        "SVHTTDL",
        "government_agency",
        "UBND",
        (C,),
        3,
    ),
    ("SKHDT", "Sở Kế hoạch và Đầu tư tỉnh Lai Châu", "SKHĐT", "government_agency", "UBND", (IND, D), 1.5),
    ("STC", "Sở Tài chính tỉnh Lai Châu", "STC", "government_agency", "UBND", (IND,), 1),
    ("SNV", "Sở Nội vụ tỉnh Lai Châu", "SNV", "government_agency", "UBND", (D, C), 1),
    (
        "SLDTBXH",
        "Sở Lao động - Thương binh và Xã hội tỉnh Lai Châu",
        "SLĐTBXH",
        "government_agency",
        "UBND",
        (E, C),
        1,
    ),
    ("STP", "Sở Tư pháp tỉnh Lai Châu", "STP", "government_agency", "UBND", (C,), 1),
    ("CDLC", "Trường Cao đẳng Lai Châu", "CĐLC", "school", "UBND", (E, H, A, D, C), 4),
    ("TCT", "Trường Chính trị tỉnh Lai Châu", "TCT", "school", "TU", (E, C), 2),
    ("BVDK", "Bệnh viện Đa khoa tỉnh Lai Châu", "BVĐK", "hospital", "SYT", (H,), 8),
    ("CDC", "Trung tâm Kiểm soát bệnh tật tỉnh Lai Châu", "CDC", "other", "SYT", (H,), 4),
    ("BVYDCT", "Bệnh viện Y dược cổ truyền tỉnh Lai Châu", "BVYDCT", "hospital", "SYT", (H,), 2),
    ("LHH", "Liên hiệp các Hội Khoa học và Kỹ thuật tỉnh Lai Châu", "LHH", "association", "", (S,), 1.5),
    ("HVHNT", "Hội Văn học nghệ thuật tỉnh Lai Châu", "HVHNT", "association", "", (C,), 2),
    ("HYH", "Hội Y học tỉnh Lai Châu", "HYH", "association", "LHH", (H,), 0.5),
    ("HCGC", "Hội Cựu giáo chức tỉnh Lai Châu", "HCGC", "association", "", (E,), 0.8),
    ("THPTCLQD", "Trường THPT Chuyên Lê Quý Đôn", "THPT CLQĐ", "school", "SGDDT", (E,), 3),
    ("PTDTNT", "Trường Phổ thông Dân tộc nội trú tỉnh Lai Châu", "PTDTNT", "school", "SGDDT", (E,), 3),
    ("TTKN", "Trung tâm Khuyến nông tỉnh Lai Châu", "TTKN", "other", "SNNPTNT", (A,), 3),
    ("CCKL", "Chi cục Kiểm lâm tỉnh Lai Châu", "CCKL", "government_agency", "SNNPTNT", (A,), 2),
    (
        "TTKHCN",
        "Trung tâm Thông tin và Ứng dụng khoa học và công nghệ tỉnh Lai Châu",
        "TTKHCN",
        "other",
        "SKHCN",
        (S, D),
        1.5,
    ),
    (
        "TTCNTT",
        "Trung tâm Công nghệ thông tin và Truyền thông tỉnh Lai Châu",
        "TTCNTT",
        "other",
        "STTTT",
        (D,),
        1.5,
    ),
)

# The local theme some provincial bodies are known for (most of their people work on it).
_PROVINCIAL_THEMES = {
    "CDC": "benh_truyen_nhiem",
    "BVYDCT": "y_hoc_co_truyen",
    "CCKL": "rung",
    "TTKN": "lua_ngo",
    "PTDTNT": "noi_tru",
    "STTTT": "chinh_quyen_so",
    "TTCNTT": "chinh_quyen_so",
    "SGTVT": "giao_thong",
    "SVHTTDL": "du_lich",
    "HVHNT": "am_nhac",
    "BDT": "can_bo_co_so",
    "TTKHCN": "so_huu_tri_tue",
}

# Partner universities, by their exact name in vn_universities.csv, and the sectors they serve.
_UNIVERSITIES: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("Học viện Nông nghiệp Việt Nam", (A, IND)),
    ("Trường Đại học Lâm nghiệp", (A,)),
    ("Trường Đại học Nông lâm, Đại học Thái Nguyên", (A,)),
    ("Trường Đại học Tây Bắc", (A, E)),
    ("Trường Đại học Hùng Vương", (E, A)),
    ("Trường Đại học Y Dược, Đại học Thái Nguyên", (H,)),
    ("Trường Đại học Y Hà Nội", (H,)),
    ("Trường Đại học Dược Hà Nội", (H,)),
    ("Trường Đại học Y tế công cộng", (H,)),
    ("Học viện Y Dược học cổ tryền Việt Nam", (H,)),
    ("Trường Đại học Sư phạm, Đại học Thái Nguyên", (E,)),
    ("Trường Đại học Sư phạm Hà Nội", (E,)),
    ("Trường Đại học Giáo dục - Đại học Quốc gia Hà Nội", (E,)),
    ("Trường Đại học Sư phạm Nghệ thuật Trung Ương", (E, C)),
    ("Học viện Dân tộc", (C, E)),
    ("Trường Đại học Văn hoá Hà Nội", (C,)),
    ("Trường Đại học Khoa học Xã hội và Nhân văn - Đại học Quốc gia Hà Nội", (C,)),
    ("Trường Đại học Khoa học Tự nhiên - Đại học Quốc gia Hà Nội", (S,)),
    ("Trường Đại học Khoa học, Đại học Thái Nguyên", (S, E)),
    ("Trường Đại học Mỏ - Địa chất", (INF, IND)),
    ("Trường Đại học Tài nguyên và Môi trường Hà Nội", (INF, S)),
    ("Trường Đại học Thuỷ Lợi", (INF,)),
    ("Trường Đại học Xây dựng Hà Nội", (INF,)),
    ("Trường Đại học Bách Khoa Hà Nội", (IND, D)),
    ("Trường Đại học Kỹ thuật Công nghiệp, Đại học Thái Nguyên", (IND,)),
    ("Học viện Công nghệ Bưu chính Viễn thông", (D,)),
    ("Trường Đại học Công nghệ Thông tin và Truyền thông, Đại học Thái Nguyên", (D,)),
)
_NAME_FIXES = {"cổ tryền": "cổ truyền"}  # a typo in the source list

_INSTITUTES: tuple[tuple[str, str, str, tuple[str, ...], str], ...] = (
    ("VAAS", "Viện Khoa học Nông nghiệp Việt Nam", "VAAS", (A,), ""),
    ("VAFS", "Viện Khoa học Lâm nghiệp Việt Nam", "VAFS", (A,), ""),
    ("NIMM", "Viện Dược liệu", "NIMM", (H, A), ""),
    ("RIA1", "Viện Nghiên cứu Nuôi trồng thủy sản I", "RIA1", (A,), ""),
    ("NIN", "Viện Dinh dưỡng", "NIN", (H,), ""),
    ("NIHE", "Viện Vệ sinh Dịch tễ Trung ương", "NIHE", (H,), ""),
    ("VNIES", "Viện Khoa học Giáo dục Việt Nam", "VNIES", (E,), ""),
    ("VAST", "Viện Hàn lâm Khoa học và Công nghệ Việt Nam", "VAST", (), ""),
    ("IGS", "Viện Địa chất", "IGS", (INF, S), "VAST"),
    ("IEBR", "Viện Sinh thái và Tài nguyên sinh vật", "IEBR", (S,), "VAST"),
    ("IES", "Viện Dân tộc học", "IES", (C,), ""),
)

# Fictional enterprises: suffix, name, district, sector, theme, takes part in research?
_ENTERPRISES: tuple[tuple[str, str, str, str, str, bool], ...] = (
    ("CHETU", "Công ty TNHH Chè Tân Uyên Xanh", "Tân Uyên", A, "che_shan", True),
    ("SAMLC", "Công ty CP Sâm Lai Châu Phát", "Tam Đường", A, "sam", True),
    ("MACCA", "Công ty CP Mắc ca Tây Bắc Xanh", "Tam Đường", A, "mac_ca", True),
    ("CATAM", "Công ty TNHH Cá nước lạnh Sìn Hồ", "Sìn Hồ", A, "ca_lanh", True),
    ("DUOCLIEU", "Công ty CP Dược liệu Pu Ta Leng", "Tam Đường", A, "duoc_lieu", True),
    ("DULICH", "Công ty TNHH Du lịch Bản Mây Phong Thổ", "Phong Thổ", C, "du_lich", True),
    ("KHOANGSAN", "Công ty CP Khoáng sản Tam Đường Phát", "Tam Đường", IND, "dat_hiem", True),
    ("THUYDIEN", "Công ty CP Thủy điện Nậm Nhùn Xanh", "Nậm Nhùn", IND, "nang_luong", True),
    ("NONGSAN", "Công ty TNHH Nông sản sạch Mường Than", "Than Uyên", A, "lua_ngo", True),
    ("CHEBIEN", "Công ty CP Chế biến Nông sản Lai Châu Việt", CITY, IND, "ocop", True),
    ("CNSO", "Công ty TNHH Công nghệ số Lai Châu Net", CITY, D, "du_lieu_so", True),
    ("XAYDUNG", "Công ty TNHH Xây dựng Giao thông Than Uyên", "Than Uyên", INF, "giao_thong", False),
    ("THOCAM", "Công ty TNHH Thổ cẩm Sìn Hồ", "Sìn Hồ", C, "van_hoa", False),
    ("CAYANQUA", "Công ty TNHH Cây ăn quả Ôn đới Tam Đường", "Tam Đường", A, "cay_an_qua", False),
    ("NUOCSACH", "Công ty CP Nước sạch Lai Châu Xanh", CITY, INF, "nuoc_sach", False),
)


def _district_bodies(slug: str, district: str) -> list[Org]:
    where = "thành phố Lai Châu" if district == CITY else f"huyện {district}"
    farm = "Phòng Kinh tế" if district == CITY else "Phòng Nông nghiệp và Phát triển nông thôn"
    school = "Trường THPT Thành phố Lai Châu" if district == CITY else f"Trường THPT {district}"
    rows = (
        ("TTYT", f"Trung tâm Y tế {where}", "TTYT", "other", "LC-SYT", (H,), 4.0),
        ("PGDDT", f"Phòng Giáo dục và Đào tạo {where}", "PGDĐT", "government_agency", "", (E,), 2),
        ("PNN", f"{farm} {where}", "PNN", "government_agency", "", (A, INF), 1.5),
        ("PVHTT", f"Phòng Văn hóa và Thông tin {where}", "PVHTT", "government_agency", "", (C, D), 1),
        ("THPT", school, "THPT", "school", "LC-SGDDT", (E,), 3.5),
    )
    return [
        Org(
            f"LC-{code}-{slug}",
            name,
            short,
            kind,
            PROVINCE,
            district,
            parent,
            sectors,
            size,
            mail_host=f"{code.lower()}{slug.lower()}.laichau.example",
        )
        for code, name, short, kind, parent, sectors, size in rows
    ]


def build_orgs(shared_data: Path) -> list[Org]:
    """All demo organizations in a fixed order; universities get `VN-UNI-<row>` from the shared list."""
    orgs = [
        Org(
            f"LC-{code}",
            name,
            short,
            kind,
            PROVINCE,
            CITY,
            f"LC-{parent}" if parent else "",
            sectors,
            size,
            theme=_PROVINCIAL_THEMES.get(code, ""),
            mail_host=f"{code.lower()}.laichau.example",
        )
        for code, name, short, kind, parent, sectors, size in _PROVINCIAL
    ]
    for slug, district in DISTRICTS:
        orgs.extend(_district_bodies(slug, district))
    with (shared_data / "vn_orgs" / "vn_universities.csv").open(encoding="utf-8") as handle:
        rows = {r["name_vi"]: (i, r) for i, r in enumerate(csv.DictReader(handle), start=1)}
    for name, sectors in _UNIVERSITIES:
        number, row = rows[name]
        short = row["abbreviation"].split()[0].upper()
        for wrong, right in _NAME_FIXES.items():
            name = name.replace(wrong, right)
        orgs.append(
            Org(
                f"VN-UNI-{number:04d}",
                name,
                short,
                "university",
                row["province"],
                "",
                "",
                sectors,
                4,
                mail_host=f"{short.lower()}.edu.example",
            )
        )
    for code, name, short, sectors, parent in _INSTITUTES:
        orgs.append(
            Org(
                f"VN-INST-{code}",
                name,
                short,
                "research_institute",
                "Hà Nội",
                "",
                f"VN-INST-{parent}" if parent else "",
                sectors,
                3,
                mail_host=f"{code.lower()}.vn.example",
            )
        )
    for code, name, district, sector, theme, partner in _ENTERPRISES:
        orgs.append(
            Org(
                f"LC-DN-{code}",
                name,
                "",
                "enterprise",
                PROVINCE,
                district,
                "",
                (sector,),
                0.8,
                theme=theme,
                research_partner=partner,
            )
        )
    return orgs


Roles = tuple[str, tuple[str, ...], tuple[str, ...]]  # the one top job, other heads, staff
_ROLES_BY_KIND: dict[str, Roles] = {
    "government_agency": (
        "Giám đốc",
        ("Phó Giám đốc", "Trưởng phòng", "Phó Trưởng phòng"),
        ("Chuyên viên", "Chuyên viên chính", "Chuyên viên"),
    ),
    "hospital": ("Giám đốc", ("Phó Giám đốc", "Trưởng khoa", "Phó Trưởng khoa"), ("Bác sĩ",)),
    "school": ("Hiệu trưởng", ("Phó Hiệu trưởng", "Tổ trưởng chuyên môn"), ("Giáo viên",)),
    "university": (
        "",
        ("Trưởng khoa", "Phó Trưởng khoa", "Trưởng bộ môn"),
        ("Giảng viên", "Giảng viên chính", "Giảng viên cao cấp"),
    ),
    "research_institute": (
        "",
        ("Phó Viện trưởng", "Trưởng phòng nghiên cứu", "Giám đốc trung tâm"),
        ("Nghiên cứu viên", "Nghiên cứu viên chính"),
    ),
    "enterprise": (
        "Giám đốc",
        ("Phó Giám đốc", "Trưởng phòng kỹ thuật"),
        ("Kỹ sư", "Nhân viên kỹ thuật", "Cán bộ kỹ thuật"),
    ),
    "association": (
        "Chủ tịch",
        ("Phó Chủ tịch", "Ủy viên Ban Thường vụ"),
        ("Chuyên viên", "Ủy viên Ban Chấp hành"),
    ),
    "other": ("Giám đốc", ("Phó Giám đốc", "Trưởng phòng"), ("Viên chức", "Chuyên viên", "Kỹ thuật viên")),
}
_OFFICE = (
    "",
    ("Chánh Văn phòng", "Phó Chánh Văn phòng", "Trưởng phòng"),
    ("Chuyên viên", "Chuyên viên chính"),
)
_BOARD = ("Trưởng ban", ("Phó Trưởng ban", "Trưởng phòng"), ("Chuyên viên", "Chuyên viên chính"))
_ROLES_BY_ID_PREFIX: dict[str, Roles] = {
    "LC-TU": _OFFICE,
    "LC-UBND": _OFFICE,
    "LC-BTGTU": _BOARD,
    "LC-BDT": _BOARD,
    "LC-CCKL": ("Chi cục trưởng", ("Phó Chi cục trưởng", "Hạt trưởng"), ("Kiểm lâm viên", "Chuyên viên")),
    "LC-CDLC": ("Hiệu trưởng", ("Phó Hiệu trưởng", "Trưởng khoa"), ("Giảng viên", "Giảng viên chính")),
    "LC-TCT": ("Hiệu trưởng", ("Phó Hiệu trưởng", "Trưởng khoa"), ("Giảng viên", "Giảng viên chính")),
    "LC-PGDDT-": ("Trưởng phòng", ("Phó Trưởng phòng",), ("Chuyên viên",)),
    "LC-PNN-": ("Trưởng phòng", ("Phó Trưởng phòng",), ("Chuyên viên",)),
    "LC-PVHTT-": ("Trưởng phòng", ("Phó Trưởng phòng",), ("Chuyên viên",)),
}
_HEALTH_STAFF = {
    "DS": ("Dược sĩ",),
    "CN": ("Điều dưỡng", "Kỹ thuật viên", "Cử nhân y tế công cộng"),
    "CD": ("Y sĩ", "Điều dưỡng", "Hộ sinh"),
}


def _roles(org: Org, degree: str) -> Roles:
    if "HEALTH" in org.sectors and org.kind in ("hospital", "other"):
        heads = ("Phó Giám đốc", "Trưởng khoa", "Phó Trưởng khoa")
        return "Giám đốc", heads, _HEALTH_STAFF.get(degree, ("Bác sĩ", "Bác sĩ điều trị"))
    for prefix, roles in _ROLES_BY_ID_PREFIX.items():
        if org.org_id == prefix or (prefix.endswith("-") and org.org_id.startswith(prefix)):
            return roles
    return _ROLES_BY_KIND[org.kind]


def position_for(rng: random.Random, org: Org, degree: str, senior: bool, taken: set[tuple[str, str]]) -> str:
    """A job title that fits the body, the person's degree and (roughly) their seniority. A body has
    one director, principal or chair: `taken` remembers the (org_id, title) pairs handed out."""
    top, heads, staff = _roles(org, degree)
    if not (senior and rng.random() < 0.45):
        return rng.choice(staff)
    title = rng.choice([t for t in (top, *heads) if t and (org.org_id, t) not in taken])
    if title == top:
        taken.add((org.org_id, top))
    return title
