"""Research projects of the demo: level, code, title, team and host and partner bodies.

Each project belongs to one local theme; its lead and members come from the experts of that theme
and the lead's colleagues, and a few "star" experts per theme lead several projects.
"""

from __future__ import annotations

import random
from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field

from ingest.demo.bodies import Org
from ingest.demo.draws import REFERENCE_YEAR, stage_rng, weighted_sample
from ingest.demo.names import ascii_fold
from ingest.demo.people import PHD, Expert
from ingest.demo.themes import THEMES, Theme, project_text


@dataclass
class Project:
    theme: Theme
    level: str
    kind: str
    start: int
    end: int
    place: str
    code: str = ""
    title: str = ""
    abstract: str = ""
    budget: int = 0
    status: str = ""
    fields: list[str] = field(default_factory=list)
    team: list[tuple[Expert, str]] = field(default_factory=list)  # lead first
    partners: list[tuple[Org, str]] = field(default_factory=list)  # host first


_LEVELS = {"national": 0.04, "ministerial": 0.09, "provincial": 0.4, "grassroots": 0.47}
_DURATION = {"national": (3, 4), "ministerial": (2, 2), "provincial": (2, 3), "grassroots": (1, 2)}
_BUDGET = {
    "national": (3000, 12000),
    "ministerial": (400, 1800),
    "provincial": (350, 3500),
    "grassroots": (30, 250),
}
_TEAM = {"national": (5, 8), "ministerial": (3, 7), "provincial": (3, 8), "grassroots": (2, 5)}
_LEAD_WEIGHT = {"TSKH": 6, "TS": 6, "ThS": 3, "CKII": 3, "CKI": 2, "CD": 0.2}
_STAR_WEIGHT = 12  # how much likelier a theme's "star" is to lead its projects


def _lead_candidates(level: str, pool: list[Expert]) -> list[Expert]:
    if level == "national":
        return [e for e in pool if e.degree in PHD]
    if level == "ministerial":
        return [e for e in pool if not e.org.in_province and e.degree in (*PHD, "ThS")]
    if level == "grassroots":
        return [e for e in pool if e.org.in_province and e.degree != "CD"]
    return [e for e in pool if e.org.in_province or e.degree in PHD]


def _choose_team(
    rng: random.Random,
    p: Project,
    pool: list[Expert],
    sector_pool: list[Expert],
    by_org: dict[str, list[Expert]],
    stars: frozenset[str],
) -> None:
    """A lead (doctors and stars first), maybe a secretary, members from the theme and the
    lead's own colleagues, now and then someone from a partner university."""
    leads = _lead_candidates(p.level, pool) or _lead_candidates(p.level, sector_pool) or pool
    weights = [_LEAD_WEIGHT.get(e.degree, 1) * (_STAR_WEIGHT if e.expert_id in stars else 1) for e in leads]
    lead = rng.choices(leads, weights=weights)[0]
    team = {lead.expert_id: "lead"}
    local = p.level == "grassroots"
    colleagues = [e for e in by_org[lead.org.org_id] if e.sector == lead.sector]
    others = [e for e in (pool if len(pool) > 3 else sector_pool) if e.org.in_province or not local]
    low, high = _TEAM[p.level]
    secretary = rng.random() < (0.6 if local else 0.85)
    for slot in range(rng.randint(low, high) + secretary):
        source = colleagues if rng.random() < 0.45 else others
        free = [e for e in source if e.expert_id not in team]
        free = free or [e for e in others if e.expert_id not in team]
        if not free:
            break
        pick = rng.choices(free, weights=[3 if e.expert_id in stars else 1 for e in free])[0]
        team[pick.expert_id] = "secretary" if slot == 0 and secretary else "member"
    outsiders = [e for e in pool if not e.org.in_province and e.expert_id not in team]
    if lead.org.in_province and not local and outsiders and rng.random() < 0.25:
        team[rng.choice(outsiders).expert_id] = "member"
    by_id = {e.expert_id: e for e in (*pool, *sector_pool, *colleagues)}
    p.team = [(by_id[i], role) for i, role in team.items()]


def _choose_partners(rng: random.Random, p: Project, orgs: Sequence[Org]) -> None:
    """The host (the lead's employer, or Sở KH&CN for some provincial projects) and 0-3 partners."""
    skhcn = next(o for o in orgs if o.org_id == "LC-SKHCN")
    lead = p.team[0][0]
    host = lead.org if p.level != "provincial" or rng.random() < 0.7 else skhcn
    candidates = [e.org for e, _ in p.team[1:] if e.org.research_partner]
    if rng.random() < 0.4:
        candidates += [o for o in orgs if o.theme == p.theme.key and o.research_partner]
    if p.level == "provincial" and rng.random() < 0.15:
        candidates.append(skhcn)
    unique = [o for o in dict.fromkeys(candidates) if o is not host]
    rng.shuffle(unique)
    top = min(3, len(unique))
    k = rng.choices(range(top + 1), weights=(3, 4, 2, 1)[: top + 1])[0]
    p.partners = [(host, "host")] + [(o, "partner") for o in unique[:k]]


def _code_projects(projects: list[Project]) -> None:
    """Codes numbered per programme and year in start order: ĐTKHCN.LC.2019-04, B2020-TUAF-02."""
    counters: Counter[str] = Counter()
    titles: Counter[str] = Counter()
    for p in projects:
        if p.level == "ministerial":
            prefix = f"B{p.start}-{ascii_fold(p.partners[0][0].short_name).upper() or 'LC'}"
        else:
            programme = {"national": "NV.QG", "grassroots": "CS.LC", "provincial": "ĐTKHCN.LC"}
            name = "DAKHCN.LC" if p.kind == "project" else programme[p.level]
            prefix = f"{name}.{p.start}"
        counters[prefix] += 1
        p.code = f"{prefix}-{counters[prefix]:02d}"
        titles[p.title] += 1
        if titles[p.title] > 1:  # the same title again is the next phase of the work
            p.title = f"{p.title} (giai đoạn {titles[p.title]})"


def make_projects(seed: int, experts: list[Expert], orgs: Sequence[Org]) -> list[Project]:
    rng = stage_rng(seed, "projects")
    n = round(len(experts) / 5)
    researchers = [e for e in experts if e.org.research_partner]  # some firms do no research
    pools = {t.key: [e for e in researchers if t.key in e.themes] for t in THEMES}
    themes = [t for t in THEMES if pools[t.key]]
    by_sector: dict[str, list[Expert]] = defaultdict(list)
    by_org: dict[str, list[Expert]] = defaultdict(list)
    for e in researchers:
        by_sector[e.sector].append(e)
        by_org[e.org.org_id].append(e)
    stars: list[str] = []
    for t in themes:
        pool = [e for e in pools[t.key] if e.org.in_province and e.degree in ("TS", "ThS", "CKII")]
        stars += [e.expert_id for e in weighted_sample(rng, pool, lambda e: _LEAD_WEIGHT[e.degree], 2)]
    chosen = [t for t in themes for _ in range(min(3, n // len(themes)))]
    weights = [len(pools[t.key]) ** 0.8 for t in themes]
    chosen += rng.choices(themes, weights=weights, k=n - len(chosen))
    years = list(range(2010, REFERENCE_YEAR + 1))
    seen: set[str] = set()
    projects = []
    for theme in chosen:
        level = rng.choices(list(_LEVELS), weights=list(_LEVELS.values()))[0]
        open_years = [y for y in years if y >= theme.since]
        start = rng.choices(open_years, weights=[1 + 0.06 * (y - 2010) for y in open_years])[0]
        kind = {"national": "task", "provincial": "project" if rng.random() < 0.2 else "research"}
        end = start + rng.randint(*_DURATION[level]) - 1
        p = Project(theme, level, kind.get(level, "research"), start, end, rng.choice(theme.places))
        for _ in range(8):  # prefer a title not used yet; a repeat becomes "giai đoạn 2"
            p.title, p.abstract = project_text(rng, theme, p.kind, p.place)
            if p.title not in seen:
                break
            p.place = rng.choice(theme.places)
        seen.add(p.title)
        p.abstract = p.abstract if rng.random() < 0.55 else ""
        p.budget = round(rng.randint(*_BUDGET[level]), -1)
        if start == REFERENCE_YEAR and level != "national" and rng.random() < 0.35:
            p.status = "proposed"
        elif end < REFERENCE_YEAR:
            p.status = "cancelled" if rng.random() < 0.03 else "completed"
        else:
            p.status = "ongoing"
        p.fields = rng.sample(theme.fields, rng.randint(1, min(2, len(theme.fields))))
        _choose_team(rng, p, pools[theme.key], by_sector[theme.sector], by_org, frozenset(stars))
        _choose_partners(rng, p, orgs)
        projects.append(p)
    projects.sort(key=lambda p: (p.start, list(_LEVELS).index(p.level)))
    _code_projects(projects)
    return projects
