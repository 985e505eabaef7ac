"""The experts of the demo: who they are, where they work, what they know, how to reach them.

Shares are fixed quotas (degrees, sectors, the out-of-province share), so every seed gives the same
totals for them; everything else is drawn.
"""

from __future__ import annotations

import random
from collections import defaultdict
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

from ingest.demo.bodies import Org, position_for
from ingest.demo.draws import REFERENCE_YEAR, quota, stage_rng, weighted_sample
from ingest.demo.names import PersonName, draw_minority_group, draw_name, email_local
from ingest.demo.themes import THEMES, Theme

EXPERT_COLUMNS = (
    *("expert_id", "full_name", "academic_title", "degree", "degree_year", "gender", "birth_year"),
    *("ethnicity", "email", "phone", "orcid", "staff_code", "org_id", "position", "employed_since"),
    *("sector", "fields", "topics", "district"),
)
# sector: share of experts, relative chance to work outside the province, share of women
SECTOR_MIX = {
    "EDUCATION": (0.33, 0.6, 0.62),
    "HEALTH": (0.22, 1.0, 0.58),
    "AGRI_FOREST": (0.18, 2.0, 0.40),
    "CULTURE": (0.08, 1.0, 0.55),
    "INFRA": (0.06, 1.5, 0.25),
    "INDUSTRY": (0.045, 1.2, 0.33),
    "DIGITAL": (0.045, 1.0, 0.35),
    "SCITECH": (0.04, 2.5, 0.45),
}
# degree: (birth year low, high, mode), (age at the degree low, high)
_LIFE = {
    "TSKH": ((1962, 1972, 1965), (38, 48)),
    "TS": ((1964, 1992, 1981), (28, 42)),
    "ThS": ((1963, 1998, 1988), (25, 38)),
    "CKII": ((1962, 1984, 1972), (34, 46)),
    "CKI": ((1964, 1993, 1984), (27, 38)),
    "BS": ((1966, 1999, 1991), (24, 26)),
    "DS": ((1966, 2000, 1992), (23, 25)),
    "KS": ((1962, 2001, 1995), (23, 24)),
    "CN": ((1962, 2001, 1995), (22, 23)),
    "CD": ((1964, 2001, 1994), (20, 22)),
}
PHD = ("TS", "TSKH")
_TECH = ("AGRI_FOREST", "INFRA", "INDUSTRY", "DIGITAL")
_PHONE_PREFIXES = ("091", "094", "088", "098", "097", "096", "086", "032", "035", "038", "039", "081", "083")
_PROVINCE_CODE = {"Lai Châu": "12", "Hà Nội": "01", "Thái Nguyên": "19", "Sơn La": "14", "Phú Thọ": "25"}
_THEMES_OF: dict[str, list[Theme]] = defaultdict(list)
for _theme in THEMES:
    _THEMES_OF[_theme.sector].append(_theme)


@dataclass
class Expert:
    expert_id: str
    sector: str
    org: Org
    female: bool
    ethnicity: str
    name: PersonName
    degree: str = "CN"
    title: str = ""  # GS or PGS
    birth_year: int = 0
    degree_year: int = 0
    shown_prefix: str = ""  # "PGS.TS." when the name is written with its titles
    themes: list[str] = field(default_factory=list)  # primary first
    fields: list[str] = field(default_factory=list)
    topics: list[str] = field(default_factory=list)
    position: str = ""
    employed_since: int = 0
    email: str = ""
    phone: str = ""
    orcid: str = ""
    staff_code: str = ""

    def row(self) -> dict[str, str]:
        full = f"{self.shown_prefix} {self.name.full}" if self.shown_prefix else self.name.full
        values = (
            self.expert_id,
            full,
            self.title,
            self.degree,
            str(self.degree_year),
            "nữ" if self.female else "nam",
            str(self.birth_year),
            self.ethnicity,
            self.email,
            self.phone,
            self.orcid,
            self.staff_code,
            self.org.org_id,
            self.position,
            str(self.employed_since),
            self.sector,
            "; ".join(self.fields),
            "; ".join(self.topics),
            self.org.district,
        )
        return dict(zip(EXPERT_COLUMNS, values, strict=True))


def _assign_degrees(rng: random.Random, experts: list[Expert]) -> None:
    """Fixed shares of each degree; doctorates and masters sit mostly outside the province."""
    n = len(experts)
    left = list(experts)

    def take(share: float, weight: Callable[[Expert], float], degree: str) -> list[Expert]:
        chosen = weighted_sample(rng, left, weight, round(n * share))
        ids = {e.expert_id for e in chosen}
        left[:] = [e for e in left if e.expert_id not in ids]
        for e in chosen:
            e.degree = degree
        return chosen

    def outside(factor: float) -> Callable[[Expert], float]:
        return lambda e: 1 if e.org.in_province else factor

    science = ("SCITECH", "AGRI_FOREST")
    phds = take(0.035, lambda e: outside(12)(e) * (1.5 if e.sector in science else 1), "TS")
    for e in weighted_sample(rng, phds, outside(3), max(1, round(n * 0.002))):
        e.degree = "TSKH"
    for e in weighted_sample(rng, phds, outside(5), round(n * 0.004)):
        e.title = "GS"
    for e in weighted_sample(rng, [e for e in phds if not e.title], outside(5), round(n * 0.01)):
        e.title = "PGS"
    for degree, share in (("CKII", 0.008), ("CKI", 0.03), ("BS", 0.05), ("DS", 0.012)):
        take(share, lambda e: (e.sector == "HEALTH") * outside(0.15)(e), degree)
    take(0.38, outside(8), "ThS")
    busy = ("EDUCATION", "HEALTH")
    take(0.06, lambda e: e.org.in_province * (1.5 if e.sector in busy else 1), "CD")
    for e in left:
        e.degree = "KS" if e.sector in _TECH and rng.random() < 0.75 else "CN"


def name_prefix(e: Expert) -> str:
    """The titles as written before a name: "PGS.TS.", "ThS.", "BS.CKI."."""
    degree = {"CKI": "BS.CKI", "CKII": "BS.CKII"}.get(e.degree, e.degree)
    return f"{e.title}.{degree}." if e.title else f"{degree}."


def fill_life(rng: random.Random, e: Expert, heads: set[tuple[str, str]]) -> None:
    """Birth and degree years, job, themes, fields and topics that fit the degree and employer."""
    (low, high, mode), (age_low, age_high) = _LIFE[e.degree]
    if e.title:
        high, mode = (1972, 1966) if e.title == "GS" else (1983, 1974)
    e.birth_year = round(rng.triangular(low, high, mode))
    latest = min(e.birth_year + age_high, REFERENCE_YEAR)
    e.degree_year = rng.randint(min(e.birth_year + age_low, latest), latest)
    start = min(max(e.birth_year + 22, 2004 if e.org.in_province else 1986), REFERENCE_YEAR)
    e.employed_since = rng.randint(start, REFERENCE_YEAR)
    senior = REFERENCE_YEAR - e.birth_year >= 40 and e.degree not in ("CN", "KS", "CD", "BS")
    e.position = position_for(rng, e.org, e.degree, senior or bool(e.title), heads)
    if e.title and e.org.kind == "university" and rng.random() < 0.5:
        e.position = "Giảng viên cao cấp"
    own = _THEMES_OF[e.sector]
    affinity = [t for t in own if t.key == e.org.theme]
    keep = affinity and (e.org.kind == "enterprise" or rng.random() < 0.6)
    primary = affinity[0] if keep else rng.choice(own)
    secondary = rng.choice(own) if rng.random() < 0.35 else primary
    e.themes = list(dict.fromkeys((primary.key, secondary.key)))
    fields = rng.sample(primary.fields, rng.randint(1, min(2, len(primary.fields))))
    if secondary is not primary and rng.random() < 0.5:
        fields.append(rng.choice(secondary.fields))
    if len(fields[0]) == 5 and rng.random() < 0.12:
        fields.append(fields[0][:3])  # the level-2 parent, as some people write it
    e.fields = list(dict.fromkeys(fields))[:3]
    topics = rng.sample(primary.topics, rng.randint(2, min(4, len(primary.topics))))
    if secondary is not primary:
        topics.append(rng.choice(secondary.topics))
    e.topics = list(dict.fromkeys(topics))[:5]


def _show_prefixes(rng: random.Random, experts: list[Expert]) -> None:
    """Write a few names with their titles ("PGS.TS. Nguyễn Văn An"), as many lists do."""
    for share, group in (
        (0.25, [e for e in experts if e.title]),
        (0.1, [e for e in experts if e.degree in PHD and not e.title]),
        (0.02, [e for e in experts if e.degree == "ThS"]),
    ):
        for e in rng.sample(group, max(1, round(share * len(group))) if group else 0):
            e.shown_prefix = name_prefix(e)


def _namesakes(rng: random.Random, experts: list[Expert]) -> None:
    """Give a few Kinh experts exactly the name of another: same name, different people."""
    kinh = [e for e in experts if e.ethnicity == "Kinh" and not e.shown_prefix]
    done: list[str] = []
    for _ in range(1000):
        if len(done) >= 2 * max(3, len(experts) // 250):
            break
        a, b = rng.sample(kinh, 2)
        if (
            a.female == b.female
            and a.org is not b.org
            and abs(a.birth_year - b.birth_year) > 2
            and a.expert_id not in done
            and b.expert_id not in done
        ):
            b.name = a.name
            done += [a.expert_id, b.expert_id]


def orcid(rng: random.Random) -> str:
    """An ORCID-shaped iD with a valid ISO 7064 check digit, in the never-issued 0000-0000 block."""
    digits = "00000000" + "".join(str(rng.randrange(10)) for _ in range(7))
    total = 0
    for d in digits:
        total = (total + int(d)) * 2
    check = (12 - total % 11) % 11
    body = digits + ("X" if check == 10 else str(check))
    return "-".join(body[i : i + 4] for i in range(0, 16, 4))


@dataclass
class Taken:
    """Values already handed out: e-mails, phones and staff codes are unique, and each body has
    one director, principal or chair."""

    heads: set[tuple[str, str]] = field(default_factory=set)
    emails: set[str] = field(default_factory=set)
    phones: set[str] = field(default_factory=set)
    staff: set[str] = field(default_factory=set)


def give_contacts(rng: random.Random, e: Expert, taken: Taken) -> None:
    """E-mail on reserved `.example` domains (~70 %), phone (~60 %), ORCID, staff code."""
    public = e.org.kind not in ("enterprise", "association")
    if rng.random() < (0.74 if public else 0.5):
        if e.org.mail_host and public:
            style = 2 if e.org.kind in ("university", "research_institute") else 0
            base, host = email_local(e.name, style), e.org.mail_host
        else:
            base, host = f"{email_local(e.name, 1)}{e.birth_year % 100:02d}", "mail.example"
        local, n = base, 1
        while f"{local}@{host}" in taken.emails:
            n += 1
            local = f"{base}{n}"
        e.email = f"{local}@{host}"
        taken.emails.add(e.email)
    if rng.random() < 0.6:
        while not e.phone or e.phone in taken.phones:
            e.phone = rng.choice(_PHONE_PREFIXES) + f"{rng.randrange(10**7):07d}"
        taken.phones.add(e.phone)
    if rng.random() < (0.55 if e.degree in PHD else 0.1 if not e.org.in_province else 0.0):
        e.orcid = orcid(rng)
    if rng.random() < (0.9 if public and e.org.in_province else 0.35 if public else 0.0):
        code = _PROVINCE_CODE.get(e.org.province, "00")
        while not e.staff_code or e.staff_code in taken.staff:
            e.staff_code = f"{code}{rng.randrange(10**8):08d}"
        taken.staff.add(e.staff_code)


def make_experts(seed: int, n: int, orgs: Sequence[Org]) -> tuple[list[Expert], Taken]:
    rng = stage_rng(seed, "experts")
    sectors = quota(n, {s: mix[0] for s, mix in SECTOR_MIX.items()})
    rng.shuffle(sectors)
    outside = frozenset(weighted_sample(rng, range(n), lambda i: SECTOR_MIX[sectors[i]][1], round(n * 0.12)))
    placed: dict[int, Org] = {}  # first one person for every body that employs experts
    for org in orgs:
        fits = (
            i
            for i in range(n)
            if i not in placed and sectors[i] in org.sectors and (i not in outside) == org.in_province
        )
        if (i := next(fits, -1)) >= 0:
            placed[i] = org
    experts: list[Expert] = []
    for i, sector in enumerate(sectors):
        inside = i not in outside
        options = [o for o in orgs if sector in o.sectors and o.in_province == inside]
        org = placed.get(i) or rng.choices(options, weights=[o.size for o in options])[0]
        minority = rng.random() < (0.44 if inside else 0.08)
        ethnicity = draw_minority_group(rng) if minority else "Kinh"
        female = rng.random() < SECTOR_MIX[sector][2]
        name = draw_name(rng, ethnicity, female)
        experts.append(Expert(f"LC-{i + 1:05d}", sector, org, female, ethnicity, name))
    _assign_degrees(rng, experts)
    taken = Taken()
    for e in experts:
        fill_life(rng, e, taken.heads)
    _show_prefixes(rng, experts)
    _namesakes(rng, experts)
    for e in experts:
        give_contacts(rng, e, taken)
    return experts, taken
