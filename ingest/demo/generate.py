"""Deterministic "Lai Châu demo" data: experts, organizations, projects and publications as import
CSVs (docs/import-format.md), plus evaluation material (noisy re-typings, consultancy requests).

Every stage draws from its own `random.Random` seeded with (seed, stage name), so the same seed
always gives byte-identical files.
"""

from __future__ import annotations

import csv
import json
import unicodedata
from collections import Counter
from collections.abc import Sequence
from dataclasses import asdict, dataclass
from pathlib import Path

from ingest.columns import COLUMNS, Kind
from ingest.demo.bodies import build_orgs
from ingest.demo.draws import REFERENCE_YEAR
from ingest.demo.evaluation import NOISY_COLUMNS, noisy_rows, task_rows
from ingest.demo.honours import make_awards, make_memberships, make_patents, society_rows
from ingest.demo.papers import make_publications
from ingest.demo.people import make_experts
from ingest.demo.projects import make_projects
from ingest.demo.themes import THEMES

YOUNG_AGE = 35
MIN_EXPERTS = 100
__all__ = ["REFERENCE_YEAR", "DemoTotals", "generate_demo"]


@dataclass(frozen=True)
class DemoTotals:
    """Known totals of one generated data set, for tests that check what the import loaded."""

    experts: int
    organizations: int
    projects: int
    project_members: int
    project_partners: int
    publications: int
    publication_authors: int
    by_degree: dict[str, int]
    by_academic_title: dict[str, int]
    by_gender: dict[str, int]
    by_sector: dict[str, int]
    ethnic_minority: int
    under_35: int  # REFERENCE_YEAR - birth_year < 35
    in_province: int
    out_of_province: int
    noisy_duplicates: int
    hard_negatives: int
    tasks: int
    patents: int
    awards: int  # rows: one per recipient
    memberships: int


IMPORT_KINDS = frozenset(kind.value for kind in Kind)


def _write(path: Path, columns: Sequence[str], rows: Sequence[dict[str, str]]) -> None:
    for row in rows:
        for column in columns:
            if not unicodedata.is_normalized("NFC", row.get(column, "")):
                raise ValueError(f"{path.name}, column {column!r}: not NFC: {row[column]!r}")
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle, lineterminator="\n")
        writer.writerow(columns)
        writer.writerows([row.get(c, "") for c in columns] for row in rows)  # unused columns stay empty


def _counts(values: Sequence[str]) -> dict[str, int]:
    return dict(sorted(Counter(v for v in values if v).items()))


def _field_codes(shared_data: Path) -> set[str]:
    with (shared_data / "fields" / "vn_fields.csv").open(encoding="utf-8") as handle:
        return {row["code"] for row in csv.DictReader(handle)}


def generate_demo(out_dir: Path, shared_data: Path, seed: int = 45, n_experts: int = 1500) -> DemoTotals:
    """Write the ten import CSVs, the two evaluation CSVs and totals.json into out_dir."""
    if n_experts < MIN_EXPERTS:
        raise ValueError(f"n_experts must be at least {MIN_EXPERTS}, got {n_experts}")
    unknown = sorted({f for t in THEMES for f in t.fields} - _field_codes(shared_data))
    if unknown:
        raise ValueError(f"theme field codes missing from vn_fields.csv: {unknown}")
    out_dir.mkdir(parents=True, exist_ok=True)
    orgs = build_orgs(shared_data)
    experts, taken = make_experts(seed, n_experts, orgs)
    projects = make_projects(seed, experts, orgs)
    pubs = make_publications(seed, experts, projects)
    # Drawn last, each from its own generator: the files above stay what they were before these.
    patents = make_patents(seed, projects)
    awards = make_awards(seed, projects, patents)
    memberships = make_memberships(seed, experts)
    files: dict[str, list[dict[str, str]]] = {
        "organizations": [
            {
                "org_id": o.org_id,
                "name": o.name,
                "short_name": o.short_name,
                "kind": o.kind,
                "province": o.province,
                "district": o.district,
                "country": o.country,
                "parent_org_id": o.parent_org_id,
            }
            for o in orgs
        ]
        + society_rows(),
        "experts": [e.row() for e in experts],
        "projects": [
            {
                "project_code": p.code,
                "title": p.title,
                "abstract": p.abstract,
                "level": p.level,
                "kind": p.kind,
                "start_year": str(p.start),
                "end_year": str(p.end),
                "budget_million_vnd": str(p.budget),
                "status": p.status,
                "sector": p.theme.sector,
                "fields": "; ".join(p.fields),
            }
            for p in projects
        ],
        "project_members": [
            {"project_code": p.code, "expert_id": e.expert_id, "role": role}
            for p in projects
            for e, role in p.team
        ],
        "project_partners": [
            {"project_code": p.code, "org_id": o.org_id, "role": role}
            for p in projects
            for o, role in p.partners
        ],
        "publications": [
            {
                "pub_id": b.pub_id,
                "title": b.title,
                "abstract": b.abstract,
                "year": str(b.year),
                "venue": b.venue,
                "doi": b.doi,
                "citations": str(b.citations),
                "fields": "; ".join(b.fields),
            }
            for b in pubs
        ],
        "publication_authors": [
            {"pub_id": b.pub_id, "expert_id": e.expert_id, "position": str(k)}
            for b in pubs
            for k, e in enumerate(b.authors, start=1)
        ],
        "patents": [t.row() for t in patents],
        "awards": [row for a in awards for row in a.rows()],
        "memberships": [m.row() for m in memberships],
        "experts_noisy_duplicates": noisy_rows(seed, experts, orgs, taken),
        "tasks_eval": task_rows(projects, pubs),
    }
    for name, rows in files.items():
        columns = NOISY_COLUMNS if name == "experts_noisy_duplicates" else tuple(rows[0])
        if name in IMPORT_KINDS:  # every column of the import format, as a user's file has them
            columns = tuple(column.name for column in COLUMNS[Kind(name)])
        _write(out_dir / f"{name}.csv", columns, rows)
    noisy = files["experts_noisy_duplicates"]
    totals = DemoTotals(
        experts=len(experts),
        organizations=len(files["organizations"]),
        projects=len(projects),
        project_members=len(files["project_members"]),
        project_partners=len(files["project_partners"]),
        publications=len(pubs),
        publication_authors=len(files["publication_authors"]),
        by_degree=_counts([e.degree for e in experts]),
        by_academic_title=_counts([e.title for e in experts]),
        by_gender=_counts(["nữ" if e.female else "nam" for e in experts]),
        by_sector=_counts([e.sector for e in experts]),
        ethnic_minority=sum(e.ethnicity != "Kinh" for e in experts),
        under_35=sum(REFERENCE_YEAR - e.birth_year < YOUNG_AGE for e in experts),
        in_province=sum(e.org.in_province for e in experts),
        out_of_province=sum(not e.org.in_province for e in experts),
        noisy_duplicates=sum(bool(r["true_expert_id"]) for r in noisy),
        hard_negatives=sum(not r["true_expert_id"] for r in noisy),
        tasks=len(files["tasks_eval"]),
        patents=len(patents),
        awards=len(files["awards"]),
        memberships=len(memberships),
    )
    text = json.dumps(asdict(totals), ensure_ascii=False, indent=2, sort_keys=True)
    (out_dir / "totals.json").write_text(text + "\n", encoding="utf-8")
    return totals
