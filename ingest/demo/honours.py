"""Patents, awards and association memberships of the demo, drawn after everything else.

Each of the three draws from its own seeded generator (stages "patents", "awards", "memberships")
and only reads the experts and projects already made, so adding them left every earlier file as it
was (other benchmarks' gold lists depend on those). Patents and utility solutions come out of
completed projects, mostly in agriculture and forestry, as in Lai Châu's real record (tea, ginseng,
temperate fruit, rice varieties); awards honour project leads and inventors at grassroots,
provincial, ministerial and national level; memberships fill the provincial Liên hiệp các Hội
KH&KT, the provincial societies already among the demo's bodies, and a few national societies.
"""

from __future__ import annotations

import random
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

from ingest.demo.bodies import Org
from ingest.demo.draws import REFERENCE_YEAR, stage_rng, weighted_sample
from ingest.demo.people import PHD, Expert
from ingest.demo.projects import Project

N_PATENTS = 36
# Share of patents by sector: agriculture and forestry dominate, as in the province's record.
_PATENT_SECTORS = {"AGRI_FOREST": 0.75, "INDUSTRY": 0.1, "HEALTH": 0.08, "INFRA": 0.07}
# Themes whose crops get plant variety protection, with the crop as a variety name begins.
_VARIETY_CROPS = {
    "lua_ngo": "Giống lúa",
    "cay_an_qua": "Giống lê",
    "che_shan": "Giống chè Shan",
    "sam": "Giống sâm Lai Châu",
    "mac_ca": "Giống mắc ca",
}
# Titles by kind for the crop themes ({s}: the theme's subject, {place}: the project's district).
_CROP_TITLES: dict[str, tuple[str, ...]] = {
    "invention": (
        "Quy trình nhân giống {s} bằng phương pháp nuôi cấy mô",
        "Phương pháp bảo quản {s} sau thu hoạch",
        "Chế phẩm sinh học phòng trừ sâu bệnh hại {s}",
        "Phương pháp chiết xuất hoạt chất từ {s}",
    ),
    "utility_solution": (
        "Quy trình kỹ thuật trồng và chăm sóc {s} tại {place}",
        "Thiết bị sấy {s} quy mô hộ gia đình",
        "Giải pháp tưới tiết kiệm nước cho {s} tại {place}",
        "Quy trình chế biến {s} theo hướng an toàn",
        "Thiết bị hỗ trợ thu hoạch {s}",
    ),
}
_CROPS = ("sam", "che_shan", "mac_ca", "duoc_lieu", "lua_ngo", "cay_an_qua")
# Other themes that yield patents, with titles of their own.
_THEME_TITLES: dict[str, dict[str, tuple[str, ...]]] = {
    "ca_lanh": {
        "invention": (
            "Quy trình sản xuất giống cá tầm nhân tạo",
            "Thức ăn công nghiệp cho cá hồi vân nuôi vùng cao",
        ),
        "utility_solution": (
            "Hệ thống tuần hoàn nước nuôi cá nước lạnh",
            "Thiết bị sục khí cho bể nuôi cá nước lạnh tại {place}",
        ),
    },
    "rung": {
        "invention": ("Quy trình nhân giống cây bản địa phục hồi rừng",),
        "utility_solution": (
            "Thiết bị cảnh báo sớm cháy rừng",
            "Giải pháp giám sát biến động rừng bằng ảnh vệ tinh tại {place}",
        ),
    },
    "nang_luong": {
        "invention": ("Bộ điều tốc điện tử cho trạm thủy điện nhỏ",),
        "utility_solution": (
            "Thiết bị thủy điện cực nhỏ cho hộ gia đình vùng cao",
            "Hệ thống điện mặt trời kết hợp thủy điện nhỏ cho bản vùng cao",
        ),
    },
    "ocop": {
        "invention": ("Quy trình sản xuất rượu men lá theo tiêu chuẩn OCOP",),
        "utility_solution": ("Quy trình đóng gói sản phẩm OCOP bảo quản dài ngày",),
        "industrial_design": ("Kiểu dáng bao bì sản phẩm OCOP Lai Châu", "Kiểu dáng hộp đựng chè Shan tuyết"),
    },
    "dat_hiem": {
        "invention": ("Quy trình tuyển quặng đất hiếm mỏ Đông Pao",),
        "utility_solution": ("Thiết bị tuyển nổi quặng đất hiếm quy mô thí nghiệm",),
    },
    "y_hoc_co_truyen": {
        "invention": (
            "Quy trình bào chế bài thuốc dân tộc Dao từ cây thuốc nam",
            "Chế phẩm từ cây thuốc nam hỗ trợ điều trị bệnh xương khớp",
        ),
        "utility_solution": ("Thiết bị sắc thuốc cổ truyền tự động",),
    },
    "nuoc_sach": {
        "invention": ("Vật liệu lọc nước từ than tre",),
        "utility_solution": (
            "Thiết bị lọc nước sinh hoạt quy mô hộ gia đình",
            "Bể chứa nước mưa bằng vật liệu địa phương cho vùng cao",
        ),
    },
    "sat_lo": {
        "invention": ("Phương pháp gia cố mái dốc bằng cỏ vetiver",),
        "utility_solution": ("Thiết bị cảnh báo sớm sạt lở đất tại {place}",),
    },
}


def _titles(theme_key: str, kind: str) -> tuple[str, ...]:
    own = _THEME_TITLES.get(theme_key)
    return own.get(kind, ()) if own is not None else _CROP_TITLES.get(kind, ())


_LEVEL_WEIGHT = {"national": 4, "ministerial": 3, "provincial": 2, "grassroots": 1}
_PREFIX = {"invention": "1", "utility_solution": "2", "industrial_design": "3"}


@dataclass
class Patent:
    number: str
    title: str
    kind: str
    status: str
    filing_year: int
    grant_year: int | None
    inventors: list[Expert]
    owner: Org
    fields: list[str]
    topics: list[str]

    def row(self) -> dict[str, str]:
        return {
            "number": self.number,
            "title": self.title,
            "kind": self.kind,
            "status": self.status,
            "filing_year": str(self.filing_year),
            "grant_year": str(self.grant_year or ""),
            "country": "VN",
            "inventors": "; ".join(e.expert_id for e in self.inventors),
            "owner_org_ids": self.owner.org_id,
            "fields": "; ".join(self.fields),
            "topics": "; ".join(self.topics),
        }


@dataclass
class Award:
    name: str
    level: str
    year: int
    issuer: str
    work: str
    recipients: list[Expert]
    fields: list[str] = field(default_factory=list)

    def rows(self) -> list[dict[str, str]]:
        return [
            {
                "name": self.name,
                "level": self.level,
                "year": str(self.year),
                "expert_id": e.expert_id,
                "issuer": self.issuer,
                "work": self.work,
                "fields": "; ".join(self.fields),
            }
            for e in self.recipients
        ]


# National societies the demo's experts join, added after the province's own bodies (org_id, name,
# short name, sectors whose experts join). Their seats are in Hà Nội.
SOCIETIES: tuple[tuple[str, str, str, tuple[str, ...]], ...] = (
    ("VN-HGCT", "Hội Giống cây trồng Việt Nam", "HGCTVN", ("AGRI_FOREST",)),
    ("VN-HKHKTLN", "Hội Khoa học Kỹ thuật Lâm nghiệp Việt Nam", "HKHKTLNVN", ("AGRI_FOREST",)),
    ("VN-VACVINA", "Hội Làm vườn Việt Nam", "VACVINA", ("AGRI_FOREST",)),
    ("VN-HTH", "Hội Tin học Việt Nam", "VAIP", ("DIGITAL",)),
)
FARMERS_UNION = ("LC-HND", "Hội Nông dân tỉnh Lai Châu", "HND", ("AGRI_FOREST",))


def society_rows() -> list[dict[str, str]]:
    """The societies as rows of the organizations table, appended after the province's bodies."""
    common = {"kind": "association", "country": "VN"}
    rows = [
        {"org_id": i, "name": n, "short_name": s, "province": "Hà Nội"} | common for i, n, s, _ in SOCIETIES
    ]
    i, n, s, _ = FARMERS_UNION
    rows.append(
        {"org_id": i, "name": n, "short_name": s, "province": "Lai Châu", "district": "Thành phố Lai Châu"}
    )
    rows[-1] |= common
    return rows


def _patent_kind(rng: random.Random, theme_key: str, sector: str) -> str:
    if theme_key in _VARIETY_CROPS and rng.random() < 0.3:
        return "plant_variety"
    if theme_key == "ocop" and rng.random() < 0.4:
        return "industrial_design"
    return "invention" if rng.random() < (0.3 if sector == "AGRI_FOREST" else 0.4) else "utility_solution"


def make_patents(seed: int, projects: Sequence[Project]) -> list[Patent]:
    """About three dozen patents and utility solutions out of completed projects."""
    rng = stage_rng(seed, "patents")
    themes = {*_CROPS, *_THEME_TITLES}
    done = [p for p in projects if p.status == "completed" and p.theme.key in themes]
    by_sector = {s: [p for p in done if p.theme.sector == s] for s in _PATENT_SECTORS}
    quota = {s: round(N_PATENTS * share) for s, share in _PATENT_SECTORS.items()}
    sources: list[Project] = []
    for sector, pool in by_sector.items():
        sources += weighted_sample(rng, pool, lambda p: _LEVEL_WEIGHT[p.level], quota[sector])
    numbers: set[str] = set()
    titles: set[str] = set()
    patents: list[Patent] = []
    for p in sources:
        kind = _patent_kind(rng, p.theme.key, p.theme.sector)
        filing = min(REFERENCE_YEAR, p.end + rng.randint(0, 1))
        grant = filing + rng.randint(2, 4)
        granted = grant <= REFERENCE_YEAR and rng.random() < 0.85
        place = p.place if p.place != "*" else "Lai Châu"
        options = _titles(p.theme.key, kind) or _titles(p.theme.key, "utility_solution")
        if kind == "plant_variety":
            options = tuple(f"{_VARIETY_CROPS[p.theme.key]} LC{n:02d}" for n in rng.sample(range(1, 31), 3))
        elif not _titles(p.theme.key, kind):
            kind = "utility_solution"
        free = [t for t in (o.format(s=p.theme.subject, place=place) for o in options) if t not in titles]
        if not free:
            continue
        title = rng.choice(free)
        titles.add(title)
        number = ""
        for _ in range(20):
            if granted and kind == "plant_variety":
                number = f"{rng.randint(10, 199)}.VN.{grant}"
            elif granted:
                number = f"{_PREFIX[kind]}-{rng.randint(1000, 45000):07d}"
            elif rng.random() < 0.7:  # an application number while the examination goes on
                number = f"{_PREFIX.get(kind, '1')}-{filing}-{rng.randint(100, 9000):05d}"
            if not number or number not in numbers:
                break
        if number:
            numbers.add(number)
        team = [e for e, _ in p.team]
        inventors = team[:1] + rng.sample(team[1:], min(len(team) - 1, rng.randint(0, 2)))
        topics = rng.sample(p.theme.topics, min(2, len(p.theme.topics)))
        patents.append(
            Patent(
                number,
                title,
                kind,
                "granted" if granted else "filed",
                filing,
                grant if granted else None,
                inventors,
                p.partners[0][0],
                [p.fields[0]],
                topics,
            )
        )
    patents.sort(key=lambda t: (t.filing_year, t.title))
    return patents


_PRIZES = ("Giải Nhất", "Giải Nhì", "Giải Ba", "Giải Khuyến khích")


def make_awards(seed: int, projects: Sequence[Project], patents: Sequence[Patent]) -> list[Award]:
    """Awards for inventors and project leads: contest prizes and certificates of merit by level."""
    rng = stage_rng(seed, "awards")
    awards: list[Award] = []
    # Hội thi Sáng tạo kỹ thuật tỉnh Lai Châu: every other year, for patents and solutions filed.
    contest_years = list(range(2012, REFERENCE_YEAR + 1, 2))
    for t in patents:
        year = next((y for y in contest_years if y >= t.filing_year), None)
        if year is not None and rng.random() < 0.55:
            edition = contest_years.index(year) + 1
            prize = rng.choices(_PRIZES, weights=(1, 2, 3, 3))[0]
            name = f"{prize} Hội thi Sáng tạo kỹ thuật tỉnh Lai Châu lần thứ {edition}"
            issuer = "Ủy ban nhân dân tỉnh Lai Châu"
            awards.append(Award(name, "provincial", year, issuer, t.title, list(t.inventors), t.fields))
    # The national prize of the Vietnam Union of Science and Technology Associations for a few inventions.
    granted = [t for t in patents if t.status == "granted" and t.kind == "invention" and t.grant_year]
    for t in rng.sample(granted, min(3, len(granted))):
        year = min(REFERENCE_YEAR, (t.grant_year or t.filing_year) + rng.randint(0, 1))
        issuer = "Liên hiệp các Hội Khoa học và Kỹ thuật Việt Nam"
        name = "Giải thưởng Sáng tạo Khoa học Công nghệ Việt Nam"
        awards.append(Award(name, "national", year, issuer, t.title, list(t.inventors), t.fields))
    # Certificates of merit for leads of completed projects, by the project's level.
    done = [p for p in projects if p.status == "completed"]
    for p in weighted_sample(rng, done, lambda p: 3 if p.level in ("national", "ministerial") else 1, 30):
        lead = p.team[0][0]
        year = min(REFERENCE_YEAR, p.end + 1)
        if p.level in ("national", "ministerial"):
            issuer = "Bộ Khoa học và Công nghệ"
            if p.theme.sector == "AGRI_FOREST" and rng.random() < 0.5:
                issuer = "Bộ Nông nghiệp và Phát triển nông thôn"
            name, level = f"Bằng khen của Bộ trưởng {issuer}", "ministerial"
        elif p.level == "provincial":
            name, level = "Bằng khen của Chủ tịch Ủy ban nhân dân tỉnh Lai Châu", "provincial"
            issuer = "Ủy ban nhân dân tỉnh Lai Châu"
        else:
            name, level = "Giấy khen của Giám đốc Sở Khoa học và Công nghệ tỉnh Lai Châu", "grassroots"
            issuer = "Sở Khoa học và Công nghệ tỉnh Lai Châu"
        awards.append(Award(name, level, year, issuer, p.title, [lead], [p.fields[0]]))
    awards.sort(key=lambda a: (a.year, a.name, a.work))
    return awards


@dataclass(frozen=True)
class Membership:
    expert: Expert
    org_id: str
    role: str
    since: int
    until: int | None

    def row(self) -> dict[str, str]:
        return {
            "expert_id": self.expert.expert_id,
            "org_id": self.org_id,
            "role": self.role,
            "since": str(self.since),
            "until": str(self.until or ""),
        }


Rule = Callable[[Expert], bool]
# The province's associations among the demo's bodies: who joins them and how many (share of the pool).
_PROVINCIAL: tuple[tuple[str, Rule, float], ...] = (
    ("LC-LHH", lambda e: e.org.in_province and e.degree in (*PHD, "ThS", "CKII", "CKI"), 0.12),
    ("LC-HYH", lambda e: e.org.in_province and e.sector == "HEALTH", 0.3),
    ("LC-HVHNT", lambda e: e.org.in_province and e.sector == "CULTURE", 0.2),
    ("LC-HCGC", lambda e: e.org.in_province and e.sector == "EDUCATION" and e.birth_year < 1968, 0.4),
)
_BOARD = ("chair", "vice_chair", "vice_chair", "secretary")


def _since(rng: random.Random, e: Expert) -> int:
    first = max(1995, e.birth_year + 25, e.degree_year or 0)
    return rng.randint(min(first, REFERENCE_YEAR), REFERENCE_YEAR)


def _society_rule(sectors: tuple[str, ...], local: bool) -> Rule:
    """Experts of the society's sectors (in the province, for a provincial one), above college level."""
    return lambda e: e.sector in sectors and (e.org.in_province or not local) and e.degree != "CD"


def make_memberships(seed: int, experts: Sequence[Expert]) -> list[Membership]:
    """Members of the provincial union, the province's societies and a few national ones; each body
    has one chair, vice chairs and a secretary among its senior members, and an executive committee."""
    rng = stage_rng(seed, "memberships")
    bodies = list(_PROVINCIAL)
    for org_id, _, _, sectors in (*SOCIETIES, FARMERS_UNION):
        local = org_id.startswith("LC-")
        bodies.append((org_id, _society_rule(sectors, local), 0.08 if local else 0.1))
    found: list[Membership] = []
    for org_id, rule, share in bodies:
        pool = [e for e in experts if rule(e)]
        members = weighted_sample(rng, pool, lambda e: 3 if e.degree in PHD else 1, round(len(pool) * share))
        board = sorted(members, key=lambda e: (e.degree not in PHD, e.birth_year, e.expert_id))
        roles = dict(
            zip((e.expert_id for e in board), _BOARD if org_id.startswith("LC-") else (), strict=False)
        )
        for e in members:
            role = roles.get(e.expert_id) or ("executive" if rng.random() < 0.12 else "member")
            since = _since(rng, e)
            until = rng.randint(since, REFERENCE_YEAR) if role == "member" and rng.random() < 0.12 else None
            found.append(Membership(e, org_id, role, since, until))
    found.sort(key=lambda m: (m.org_id, m.expert.expert_id))
    return found
