"""Publications of the demo, written mostly by project teams, so that co-authorship and
project membership overlap as they do in real life."""

from __future__ import annotations

import random
from collections import defaultdict
from dataclasses import dataclass

from ingest.demo.draws import REFERENCE_YEAR, stage_rng
from ingest.demo.people import PHD, Expert
from ingest.demo.projects import Project
from ingest.demo.themes import (
    LOCAL_PROCEEDINGS,
    SECTOR_GOAL,
    THEMES,
    VENUES_EN,
    VENUES_VI,
    Theme,
    paper_title,
    place_en,
    place_vi,
)


@dataclass
class Publication:
    pub_id: str
    theme: Theme
    title: str
    abstract: str
    year: int
    venue: str
    doi: str
    citations: int
    fields: list[str]
    authors: list[Expert]


def _citations(rng: random.Random, year: int, english: bool) -> int:
    """Heavy-tailed: most papers get 0-5 citations, a few dozens; older and English ones more."""
    age = max(REFERENCE_YEAR - year, 0)
    raw = (rng.paretovariate(1.6) - 1) * (1 + age / 5) * (2 if english else 1)
    return min(int(raw), 200)


def make_publications(seed: int, experts: list[Expert], projects: list[Project]) -> list[Publication]:
    """Papers mostly come out of projects (written by the team); the rest by an expert with
    colleagues from the same body, on that expert's main theme."""
    rng = stage_rng(seed, "publications")
    active = [p for p in projects if p.status in ("completed", "ongoing")]
    level_weight = {"national": 4, "ministerial": 3, "provincial": 2, "grassroots": 1}
    by_org: dict[str, list[Expert]] = defaultdict(list)
    for e in experts:
        by_org[e.org.org_id].append(e)
    theme_of = {t.key: t for t in THEMES}
    writer_weight = {"TSKH": 8, "TS": 8, "ThS": 3, "CKII": 3, "CKI": 1.5}
    writers = [writer_weight.get(e.degree, 0.4) * (1 if e.org.in_province else 2) for e in experts]
    pubs: list[Publication] = []
    seen: set[str] = set()
    for i in range(round(len(experts) * 0.6)):
        if active and rng.random() < 0.7:
            p = rng.choices(active, weights=[level_weight[p.level] for p in active])[0]
            theme, team = p.theme, [e for e, _ in p.team]
            year = rng.randint(min(p.start + 1, REFERENCE_YEAR), min(p.end + 2, REFERENCE_YEAR))
            first = team[0] if rng.random() < 0.55 else rng.choice(team)
            mates = [e for e in team if e is not first]
        else:
            first = rng.choices(experts, weights=writers)[0]
            theme = theme_of[first.themes[0]]
            earliest = max(2010, first.birth_year + 24, theme.since)
            year = rng.randint(min(earliest, REFERENCE_YEAR), REFERENCE_YEAR)
            mates = [e for e in by_org[first.org.org_id] if e.sector == first.sector]
            mates = [e for e in mates if e is not first]
        size = rng.choices((1, 2, 3, 4, 5, 6), weights=(2, 4, 5, 4, 2, 1))[0]
        authors = [first, *rng.sample(mates, min(size - 1, len(mates)))]
        outside, doctor = not first.org.in_province, first.degree in PHD
        english = rng.random() < (0.6 if outside else 0.45 if doctor else 0.04)
        for _ in range(5):  # prefer a title not used yet
            place = rng.choice(theme.places)
            title = paper_title(rng, theme, place, english)
            if title not in seen:
                break
        seen.add(title)
        if english:
            venue = rng.choice(VENUES_EN[theme.sector])
            abstract = f"This study reports on {theme.subject_en}{place_en(place)}."
        else:
            local = first.org.in_province and rng.random() < 0.15
            venue = LOCAL_PROCEEDINGS if local else rng.choice(VENUES_VI[theme.sector])
            abstract = (
                f"Bài báo trình bày kết quả khảo sát, thực nghiệm về {theme.subject}"
                f"{place_vi(place)}. {SECTOR_GOAL[theme.sector]}"
            )
        has_doi = rng.random() < (0.8 if english else 0.2)
        doi = f"10.5555/lcdemo.{year}.{i + 1:05d}" if has_doi else ""
        own = [f for f in theme.fields if f in first.fields] or list(theme.fields)
        abstract = abstract if rng.random() < 0.4 else ""
        citations = _citations(rng, year, english)
        pubs.append(
            Publication(
                f"PUB-{i + 1:05d}",
                theme,
                title,
                abstract,
                year,
                venue,
                doi,
                citations,
                own[: rng.randint(1, 2)],
                authors,
            )
        )
    return pubs
