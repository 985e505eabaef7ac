"""Evaluation material built from the generator's ground truth: noisy re-typings of experts (and
namesakes who are other people) for entity resolution, and consultancy requests with the experts
who should come first, for expert search."""

from __future__ import annotations

import random
from collections.abc import Sequence

from ingest.demo.bodies import Org
from ingest.demo.draws import stage_rng
from ingest.demo.names import ascii_fold, noisy_name, old_tone_marks
from ingest.demo.papers import Publication
from ingest.demo.people import (
    EXPERT_COLUMNS,
    SECTOR_MIX,
    Expert,
    Taken,
    fill_life,
    give_contacts,
    name_prefix,
)
from ingest.demo.projects import Project
from ingest.demo.themes import THEMES, Theme

NOISY_COLUMNS = ("source_row_id", *EXPERT_COLUMNS[1:], "true_expert_id")
_ASCII_TASKS = ("che_shan", "ca_lanh", "song_ngu", "du_lich", "dat_hiem")


def _retyped(rng: random.Random, e: Expert, exact_name: bool = False) -> dict[str, str]:
    """The row another agency would type for this person: other spelling, gaps, small slips."""
    row = e.row()
    row["full_name"] = e.name.full if exact_name else noisy_name(rng, e.name, name_prefix(e))[0]
    keep = {
        "academic_title": 0.6,
        "degree": 0.6,
        "degree_year": 0.4,
        "ethnicity": 0.7,
        "email": 0.45,
        "phone": 0.5,
        "orcid": 0.5,
        "staff_code": 0.3,
        "org_id": 0.75,
        "position": 0.5,
        "employed_since": 0.3,
        "sector": 0.6,
        "fields": 0.5,
        "topics": 0.4,
        "district": 0.8,
    }
    for column, share in keep.items():
        if rng.random() >= share:
            row[column] = ""
    roll = rng.random()
    if roll < 0.2:
        row["birth_year"] = str(e.birth_year + rng.choice((-1, 1)))
    elif roll < 0.35:
        row["birth_year"] = ""
    if row["phone"] and rng.random() < 0.5:
        row["phone"] = f"+84 {e.phone[1:4]} {e.phone[4:7]} {e.phone[7:]}"
    roll = rng.random()
    if roll < 0.15:
        row["gender"] = row["gender"].capitalize()
    elif roll < 0.25:
        row["gender"] = "F" if e.female else "M"
    return row


def _namesake(rng: random.Random, e: Expert, orgs: Sequence[Org], taken: Taken) -> Expert:
    """A different person with exactly the same name: other age, employer, sector and contacts."""
    sector = rng.choice([s for s in SECTOR_MIX if s != e.sector])
    options = [o for o in orgs if o.in_province and o is not e.org and sector in o.sectors]
    other = Expert("", sector, rng.choice(options), e.female, e.ethnicity, e.name)
    other.degree = rng.choice(("CN", "KS", "ThS", "CD"))
    for _ in range(50):
        fill_life(rng, other, taken.heads)
        if abs(other.birth_year - e.birth_year) >= 4:
            break
    give_contacts(rng, other, taken)
    return other


def noisy_rows(seed: int, experts: list[Expert], orgs: Sequence[Org], taken: Taken) -> list[dict[str, str]]:
    """~10 % re-typings of real experts (`true_expert_id` set) and ~3 % namesakes (empty)."""
    rng = stage_rng(seed, "noisy")
    n = len(experts)
    old_style = [e for e in experts if old_tone_marks(e.name.full) != e.name.full]
    chosen = rng.sample(old_style, min(len(old_style), n // 75))
    ids = {e.expert_id for e in chosen}
    rest = [e for e in experts if e.expert_id not in ids]
    chosen += rng.sample(rest, round(n * 0.1) - len(chosen))
    rows = [{**_retyped(rng, e), "true_expert_id": e.expert_id} for e in chosen]
    for e in rng.sample(experts, round(n / 30)):
        other = _namesake(rng, e, orgs, taken)
        rows.append({**_retyped(rng, other, rng.random() < 0.7), "true_expert_id": ""})
    rng.shuffle(rows)
    return [{"source_row_id": f"SRC-{i:04d}", **row} for i, row in enumerate(rows, start=1)]


def _involvement(
    theme: Theme, projects: list[Project], pubs: list[Publication]
) -> list[tuple[Expert, float]]:
    """Who worked on a theme and how much: project roles (lead 3, secretary 2, member 1) and
    bylines (first author 1, co-author 0.5)."""
    roles = {"lead": 3.0, "secretary": 2.0, "member": 1.0}
    found = [(e, roles[role]) for p in projects if p.theme is theme for e, role in p.team]
    for b in pubs:
        if b.theme is theme:
            found += [(e, 1.0 if k == 0 else 0.5) for k, e in enumerate(b.authors)]
    return found


def task_rows(projects: list[Project], pubs: list[Publication]) -> list[dict[str, str]]:
    """One consultancy request per theme, with the experts who should come first: those who worked
    on the theme with a field of the request, scored by `_involvement` plus 1 when it is their main
    theme, kept from a score of 2, best 20 first."""
    rows = []
    for number, theme in enumerate(THEMES, start=1):
        score: dict[str, float] = {}
        for e, weight in _involvement(theme, projects, pubs):
            if set(e.fields) & set(theme.fields):
                main_theme = e.expert_id not in score and e.themes[0] == theme.key
                score[e.expert_id] = score.get(e.expert_id, 0.0) + weight + main_theme
        ranked = sorted((k for k, v in score.items() if v >= 2), key=lambda k: (-score[k], k))
        title, text = theme.request_en or theme.request
        if theme.key in _ASCII_TASKS:
            title, text = ascii_fold(title), ascii_fold(text)
        rows.append(
            {
                "task_id": f"T{number:02d}",
                "title": title,
                "description": text,
                "fields": "; ".join(theme.fields),
                "sector": theme.sector,
                "relevant_expert_ids": "; ".join(ranked[:20]),
            }
        )
    return rows
