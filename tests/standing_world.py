"""A small world of equal medicinal-plant scientists who differ only in their patents and awards.

Experts, organizations and projects are imported through the real import path, on the real field
tree (QĐ 12/2008). Patents and awards are written with test-only statements in the agreed graph
model (graph/schema.py), since the import tables for them are issue 4's. Every expert holds the
same doctorate, the same field (30403) and leads a project with the same title, level and years,
so any difference in their scores comes from what is added below.
"""

from __future__ import annotations

import csv
from pathlib import Path
from typing import LiteralString

from graph.connection import Graph
from graph.settings import Settings
from ingest.load import import_directory
from ingest.reference import load_reference

TITLE = "Phát triển dược liệu sâm Lai Châu"
HERBS = "30403"  # Dược liệu học; Cây thuốc (ginseng), under 304 Dược học
MATHS = "101"  # Toán học và thống kê: outside every ginseng query
# id -> what they have beyond the shared profile
EXPERTS = {
    "SW-PLAIN": "nothing more",
    "SW-PATENT": "a granted invention patent about 30403",
    "SW-FILED": "a filed (not granted) invention patent about 30403",
    "SW-UTILITY": "a granted utility-solution patent about 30403",
    "SW-AWARD": "a national award about 30403",
    "SW-LOCAL": "a provincial award about 30403",
    "SW-ELSEWHERE": "a national award and a granted invention about mathematics (101)",
}
# Mông names: "Sùng A" matches no field name, so a query of it is about no field (all work counts).
NAMES = {
    "SW-AWARD": "Sùng A Páo",
    "SW-ELSEWHERE": "Sùng A Chư",
    "SW-FILED": "Sùng A Dế",
    "SW-LOCAL": "Sùng A Lử",
    "SW-PATENT": "Sùng A Sểnh",
    "SW-PLAIN": "Sùng A Tủa",
    "SW-UTILITY": "Sùng A Vư",
}
SEED = "Quy trình nhân giống sâm Lai Châu"
STATE_PRIZE = "Giải thưởng Nhà nước về khoa học và công nghệ"
PATENTS = [
    # id, title, kind, status, filing year, grant year, field, inventor
    ("VN:1-0034567", SEED, "invention", "granted", 2019, 2023, HERBS, "SW-PATENT"),
    ("VN:1-2023-01234", SEED, "invention", "filed", 2023, None, HERBS, "SW-FILED"),
    ("VN:2-0002345", SEED, "utility_solution", "granted", 2019, 2023, HERBS, "SW-UTILITY"),
    ("VN:1-0045678", "Thuật toán tối ưu hoá lịch thời vụ", "invention", "granted", 2019, 2023, MATHS,
     "SW-ELSEWHERE"),
]  # fmt: skip
AWARDS = [
    # id, name, level, year, work, field, recipient
    ("AW-1", STATE_PRIZE, "national", 2023, "Sâm Lai Châu", HERBS, "SW-AWARD"),
    ("AW-2", "Giải thưởng sáng tạo khoa học công nghệ tỉnh Lai Châu", "provincial", 2023, "Sâm Lai Châu",
     HERBS, "SW-LOCAL"),
    ("AW-3", STATE_PRIZE, "national", 2023, "Phương trình vi phân", MATHS, "SW-ELSEWHERE"),
]  # fmt: skip

WRITE_PATENTS: LiteralString = """
UNWIND $rows AS row
MERGE (t:Patent {id: row.id})
SET t.number = row.id, t.title = row.title, t.kind = row.kind, t.status = row.status,
    t.filing_year = row.filing_year, t.grant_year = row.grant_year,
    t.year = coalesce(row.grant_year, row.filing_year), t.country = 'VN'
WITH t, row
MATCH (e:Expert {id: row.expert}), (f:Field {code: row.field})
MERGE (e)-[:INVENTED {position: 1}]->(t)
MERGE (t)-[:ABOUT {source: 'test', confidence: 1.0}]->(f)
"""
WRITE_AWARDS: LiteralString = """
UNWIND $rows AS row
MERGE (a:Award {id: row.id})
SET a.name = row.name, a.level = row.level, a.year = row.year, a.work = row.work
WITH a, row
MATCH (e:Expert {id: row.expert}), (f:Field {code: row.field})
MERGE (e)-[:RECEIVED]->(a)
MERGE (a)-[:ABOUT]->(f)
"""


def _write(path: Path, header: list[str], rows: list[tuple[str, ...]]) -> None:
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(header)
        writer.writerows(rows)


def load_world(graph: Graph, settings: Settings, directory: Path) -> None:
    load_reference(graph, settings.shared_data)
    _write(
        directory / "organizations.csv",
        ["org_id", "name", "kind", "province"],
        [("SW-ORG", "Trung tâm Giống cây trồng", "research_institute", "Lai Châu")],
    )
    ids = sorted(EXPERTS)
    _write(
        directory / "experts.csv",
        ["expert_id", "full_name", "degree", "org_id", "gioi_tinh", "fields"],
        [(eid, NAMES[eid], "TS", "SW-ORG", "nam", HERBS) for eid in ids],
    )
    _write(
        directory / "projects.csv",
        ["project_code", "title", "level", "start_year", "end_year", "fields"],
        [(f"PJ-{eid}", TITLE, "provincial", "2020", "2023", HERBS) for eid in ids],
    )
    _write(
        directory / "project_members.csv",
        ["project_code", "expert_id", "role"],
        [(f"PJ-{eid}", eid, "lead") for eid in ids],
    )
    import_directory(graph, directory)
    keys = ("id", "title", "kind", "status", "filing_year", "grant_year", "field", "expert")
    graph.write(WRITE_PATENTS, {"rows": [dict(zip(keys, p, strict=True)) for p in PATENTS]})
    keys = ("id", "name", "level", "year", "work", "field", "expert")
    graph.write(WRITE_AWARDS, {"rows": [dict(zip(keys, a, strict=True)) for a in AWARDS]})
