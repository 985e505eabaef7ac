"""A small collaboration graph with known answers, loaded through the real import path.

A (Hà Nội university) led three two-person projects, with B, C and D: a star around A.
E, F worked together; E and G wrote a paper together. H works alone.
Weights at as_of=2025 (half-life 5 years): A–B = 0.5 (P1, ended 2020) + 1.0 (paper, 2025) = 1.5,
A–C = 0.25 (P2, 2015), A–D = 0.125 (P3, 2010), E–F = 0.5 (P4, 2020), E–G = 1.0 (paper W2, 2025).
"""

from __future__ import annotations

import csv
from pathlib import Path

from graph.connection import Graph
from graph.settings import Settings
from ingest.load import import_directory
from ingest.reference import load_reference

AS_OF = 2025
ORGS = [
    {"org_id": "T-U1", "name": "Đại học Nông Lâm", "kind": "university", "province": "Hà Nội"},
    {"org_id": "T-E1", "name": "Công ty Chè Tân Uyên", "kind": "enterprise", "province": "Lai Châu"},
    {"org_id": "T-E2", "name": "Công ty Sâm Mường Tè", "kind": "enterprise", "province": "Lai Châu"},
    {"org_id": "T-G1", "name": "Sở Y tế Lai Châu", "kind": "government_agency", "province": "Lai Châu"},
]
EXPERTS = [
    {"expert_id": "T-A", "full_name": "Nguyễn Văn Đức", "org_id": "T-U1", "sector": "AGRI_FOREST",
     "fields": "401"},
    {"expert_id": "T-B", "full_name": "Lò Thị Ba", "org_id": "T-E1", "sector": "AGRI_FOREST",
     "fields": "40101"},
    {"expert_id": "T-C", "full_name": "Vàng A Chứ", "org_id": "T-G1", "sector": "AGRI_FOREST",
     "fields": "40101"},
    {"expert_id": "T-D", "full_name": "Tòng Văn Dũng", "org_id": "T-G1", "sector": "AGRI_FOREST",
     "fields": "101"},
    {"expert_id": "T-E", "full_name": "Lê Thị Hoà", "org_id": "T-G1", "sector": "HEALTH", "fields": "302"},
    {"expert_id": "T-F", "full_name": "Phạm Văn Phú", "org_id": "T-E1", "sector": "HEALTH", "fields": "302"},
    {"expert_id": "T-G", "full_name": "Lường Thị Gấm", "org_id": "T-E1", "sector": "CULTURE"},
    {"expert_id": "T-H", "full_name": "Hoàng Văn Hải", "org_id": "T-E2", "sector": "CULTURE"},
]  # fmt: skip
PROJECTS = [
    {"project_code": "T-P1", "title": "Chè Shan tuyết", "start_year": "2019", "end_year": "2020",
     "status": "ongoing", "sector": "AGRI_FOREST",
     "fields": "401"},
    {"project_code": "T-P2", "title": "Giống lúa nương", "start_year": "2014", "end_year": "2015",
     "status": "completed", "sector": "AGRI_FOREST",
     "fields": "40101"},
    {"project_code": "T-P3", "title": "Thống kê nông hộ", "start_year": "2010", "end_year": "2010",
     "status": "completed", "sector": "AGRI_FOREST",
     "fields": "101"},
    {"project_code": "T-P4", "title": "Sốt rét vùng cao", "start_year": "2020", "end_year": "2020",
     "status": "completed", "sector": "HEALTH", "fields": "302"},
    {"project_code": "T-P5", "title": "Nhân giống sâm", "start_year": "2026", "status": "proposed",
     "sector": "AGRI_FOREST",
     "fields": "40101"},
    {"project_code": "T-P6", "title": "Giống chè mới", "start_year": "2026", "status": "proposed",
     "sector": "AGRI_FOREST",
     "fields": "40101"},
]  # fmt: skip
MEMBERS = [
    {"project_code": p, "expert_id": e, "role": "member"}
    for p, e in [("T-P1", "T-A"), ("T-P1", "T-B"), ("T-P2", "T-A"), ("T-P2", "T-C"), ("T-P3", "T-A"),
                 ("T-P3", "T-D"), ("T-P4", "T-E"), ("T-P4", "T-F")]
]  # fmt: skip
PARTNERS = [
    {"project_code": p, "org_id": o, "role": "partner"}
    for p, o in [("T-P1", "T-U1"), ("T-P1", "T-E1"), ("T-P4", "T-E1"), ("T-P4", "T-G1")]
]
PUBLICATIONS = [
    {"pub_id": "T-W1", "title": "Chè Shan tuyết Lai Châu", "year": "2025", "fields": "401"},
    {"pub_id": "T-W2", "title": "Y học cổ truyền dân tộc Thái", "year": "2025", "fields": "302"},
]
AUTHORS = [
    {"pub_id": w, "expert_id": e, "position": str(i)}
    for i, (w, e) in enumerate([("T-W1", "T-A"), ("T-W1", "T-B"), ("T-W2", "T-E"), ("T-W2", "T-G")], 1)
]
TABLES = {
    "organizations": ORGS,
    "experts": EXPERTS,
    "projects": PROJECTS,
    "project_members": MEMBERS,
    "project_partners": PARTNERS,
    "publications": PUBLICATIONS,
    "publication_authors": AUTHORS,
}


def write_tables(directory: Path, tables: dict[str, list[dict[str, str]]]) -> None:
    directory.mkdir(parents=True, exist_ok=True)
    for name, rows in tables.items():
        columns = list(dict.fromkeys(c for row in rows for c in row))
        with (directory / f"{name}.csv").open("w", encoding="utf-8", newline="") as handle:
            writer = csv.DictWriter(handle, columns)
            writer.writeheader()
            writer.writerows(rows)


def load_small_network(graph: Graph, directory: Path) -> None:
    load_reference(graph, Settings().shared_data)
    write_tables(directory, TABLES)
    import_directory(graph, directory)
