"""A small world where each conflict rule fires for one expert and misses another by its window.

Written as import CSVs and loaded through the real import path (proposals included); the former
jobs, which an import cannot date, are set afterwards with a test-only statement.
"""

from __future__ import annotations

import csv
from pathlib import Path
from typing import LiteralString

from graph.connection import Graph
from ingest.load import import_directory

YEAR = 2025
ORGS = [
    ("SO", "Sở Nông nghiệp", "government_agency", "Lai Châu", ""),
    ("U1", "Đại học Nông Lâm", "university", "Thái Nguyên", ""),
    ("U1F", "Khoa Nông học", "university", "Thái Nguyên", "U1"),
    ("HOST", "Viện Cây trồng", "research_institute", "Lai Châu", ""),
    ("PART", "Trung tâm Giống", "research_institute", "Lai Châu", ""),
    ("OUT", "Viện Di truyền", "research_institute", "Hà Nội", ""),
    ("X", "Công ty Chè", "enterprise", "Lai Châu", ""),
]
# id, name, org, gender
EXPERTS = [
    ("P1", "Nguyễn Văn Đức", "SO", "nam"),
    ("P2", "Lò Thị Hoà", "U1F", "nữ"),
    ("A", "Trần Văn An", "SO", "nam"),  # employer (current)
    ("A2", "Trần Văn Bình", "X", "nam"),  # employer: left SO in 2018, outside the window
    ("A3", "Trần Văn Cường", "X", "nam"),  # employer: left SO in 2022, inside
    ("B", "Phạm Thị Dung", "U1", "nữ"),  # same institution as P2's faculty
    ("C", "Vũ Văn Em", "HOST", "nam"),  # host organization
    ("C2", "Vũ Thị Gấm", "PART", "nữ"),  # partner organization
    ("D", "Đỗ Văn Hải", "OUT", "nam"),  # co-author 2022
    ("D2", "Đỗ Văn Hùng", "OUT", "nam"),  # co-author 2015: outside the window
    ("D3", "Đỗ Thị Lan", "OUT", "nữ"),  # co-author on a 9-author paper
    ("G", "Lê Văn Minh", "OUT", "nam"),  # co-project ended 2021
    ("G2", "Lê Văn Nam", "OUT", "nam"),  # co-project ended 2012
    ("H", "Hoàng Văn Phúc", "OUT", "nam"),  # declared supervisor since 1990
    ("H2", "Hoàng Thị Quỳnh", "OUT", "nữ"),  # declared colleague until 2010
    ("H3", "Hoàng Văn Sơn", "OUT", "nam"),  # declared colleague until 2023
    *[(f"F{i}", f"Mai Văn Tâm {i}", "OUT", "nam") for i in range(1, 8)],
]
PUBLICATIONS = [("W22", "Giống lúa", "2022"), ("W15", "Giống ngô", "2015"), ("W9", "Đa tác giả", "2023")]
AUTHORS = [
    ("W22", "P1"), ("W22", "D"), ("W15", "P1"), ("W15", "D2"), ("W9", "P1"), ("W9", "D3"),
    *[("W9", f"F{i}") for i in range(1, 8)],
]  # fmt: skip
PROJECTS = [("PJ21", "Chè Shan tuyết", "2018", "2021"), ("PJ12", "Sâm", "2009", "2012")]
MEMBERS = [("PJ21", "P1", "lead"), ("PJ21", "G", "member"), ("PJ12", "P1", "lead"), ("PJ12", "G2", "member")]

FORMER_JOBS: LiteralString = """
UNWIND $rows AS row
MATCH (e:Expert {id: row.id}), (o:Organization {id: row.org})
MERGE (e)-[w:WORKS_AT]->(o)
SET w.current = false, w.until = row.until
"""
DECLARE: LiteralString = """
UNWIND $rows AS row
MATCH (a:Expert {id: row.a}), (b:Expert {id: row.b})
MERGE (a)-[c:CONFLICT_WITH]->(b)
SET c.kind = row.kind, c.since = row.since, c.until = row.until
"""


def _write(path: Path, header: list[str], rows: list[tuple[str, ...]]) -> None:
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(header)
        writer.writerows(rows)


def write_world(directory: Path) -> None:
    _write(
        directory / "organizations.csv",
        ["org_id", "name", "kind", "province", "parent_org_id"],
        [tuple(o) for o in ORGS],
    )
    _write(
        directory / "experts.csv",
        ["expert_id", "full_name", "org_id", "gioi_tinh"],
        [tuple(e) for e in EXPERTS],
    )
    _write(directory / "publications.csv", ["pub_id", "title", "year"], PUBLICATIONS)
    _write(directory / "publication_authors.csv", ["pub_id", "expert_id"], AUTHORS)
    _write(directory / "projects.csv", ["project_code", "title", "start_year", "end_year"], PROJECTS)
    _write(directory / "project_members.csv", ["project_code", "expert_id", "role"], MEMBERS)
    _write(
        directory / "de_xuat.csv",
        ["mã đề xuất", "tên đề xuất", "ma_to_chuc_chu_tri", "ma_to_chuc_phoi_hop", "nam", "chuong_trinh"],
        [("DX-1", "Chọn tạo giống lúa", "HOST", "PART", str(YEAR), "Chương trình nông nghiệp")],
    )
    _write(
        directory / "proposal_members.csv",
        ["proposal_code", "expert_id", "vai_tro"],
        [("DX-1", "P1", "chủ nhiệm"), ("DX-1", "P2", "thành viên")],
    )


def load_world(graph: Graph, directory: Path) -> None:
    write_world(directory)
    import_directory(graph, directory)
    graph.write(
        FORMER_JOBS,
        {"rows": [{"id": "A2", "org": "SO", "until": 2018}, {"id": "A3", "org": "SO", "until": 2022}]},
    )
    graph.write(
        DECLARE,
        {
            "rows": [
                {"a": "H", "b": "P1", "kind": "supervisor", "since": 1990, "until": 1995},
                {"a": "P1", "b": "H2", "kind": "colleague", "since": 2005, "until": 2010},
                {"a": "H3", "b": "P1", "kind": "colleague", "since": 2015, "until": 2023},
            ]
        },
    )
