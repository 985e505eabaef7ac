"""A scaled graph for the speed benchmark: 100,000 experts and about 0.94 million relationships.

Generated in the bench server with `UNWIND` (bench-only Cypher, never used by the product). Texts are
built from the curated field keywords (Vietnamese and English), so full-text queries hit realistic
numbers of nodes; vectors are random (384 dimensions), which is the hard case for the vector index
(no clusters to exploit). Fields come from the real taxonomy (`ingest.reference`).
"""

from __future__ import annotations

import random
from typing import Any, LiteralString

from graph.connection import Graph
from graph.text import fold
from ingest.field_keywords import FIELD_KEYWORDS

EXPERTS = 100_000
ORGS = 2_000
PROJECTS = 25_000
PUBLICATIONS = 60_000
BATCH = 20_000  # rows per UNWIND transaction: fewer round trips and commits

MAKE_ORGS: LiteralString = """
UNWIND $rows AS r
CREATE (:Organization {id: r.id, name: r.name, name_key: r.key, kind: 'university',
        province: r.province, in_province: r.in_province, district: r.district})
"""
MAKE_EXPERTS: LiteralString = """
UNWIND $rows AS r
CREATE (e:Expert {id: r.id, name: r.name, name_key: r.name_key, topics_text: r.topics,
        topics_key: r.topics_key, degree: r.degree, gender: r.gender, birth_year: r.birth_year,
        ethnic_minority: r.minority, district: r.district})
WITH e, r
MATCH (o:Organization {id: r.org}), (s:Sector {code: r.sector})
CREATE (e)-[:WORKS_AT {current: true}]->(o), (e)-[:IN_SECTOR]->(s)
WITH e, r
UNWIND r.fields AS code
MATCH (f:Field {code: code})
CREATE (e)-[:HAS_EXPERTISE {source: 'import', confidence: 1.0}]->(f)
"""
MAKE_PROJECTS: LiteralString = """
UNWIND $rows AS r
CREATE (p:Project {code: r.id, title: r.title, title_key: r.key, level: r.level,
        start_year: r.year, end_year: r.year + 2})
WITH p, r
MATCH (f:Field {code: r.field})
CREATE (p)-[:ABOUT {source: 'import', confidence: 1.0}]->(f)
WITH p, r
UNWIND range(0, size(r.team) - 1) AS i
MATCH (e:Expert {id: r.team[i]})
CREATE (e)-[:MEMBER_OF {role: CASE i WHEN 0 THEN 'lead' WHEN 1 THEN 'secretary' ELSE 'member' END}]->(p)
"""
MAKE_PUBLICATIONS: LiteralString = """
UNWIND $rows AS r
CREATE (w:Publication {id: r.id, title: r.title, title_key: r.key, year: r.year, citations: r.citations})
WITH w, r
MATCH (f:Field {code: r.field})
CREATE (w)-[:ABOUT {source: 'import', confidence: 1.0}]->(f)
WITH w, r
UNWIND r.authors AS a
MATCH (e:Expert {id: a})
CREATE (e)-[:AUTHORED]->(w)
"""
# Random vectors, made in the server to spare 300 MB of Bolt traffic.
VECTORS_EXPERTS: LiteralString = """
MATCH (n:Expert) WHERE n.embedding IS NULL
CALL { WITH n CALL db.create.setNodeVectorProperty(n, 'embedding', [i IN range(1, 384) | rand() - 0.5]) }
IN TRANSACTIONS OF 20000 ROWS
"""
VECTORS_PROJECTS: LiteralString = """
MATCH (n:Project) WHERE n.embedding IS NULL
CALL { WITH n CALL db.create.setNodeVectorProperty(n, 'embedding', [i IN range(1, 384) | rand() - 0.5]) }
IN TRANSACTIONS OF 20000 ROWS
"""
VECTORS_PUBLICATIONS: LiteralString = """
MATCH (n:Publication) WHERE n.embedding IS NULL
CALL { WITH n CALL db.create.setNodeVectorProperty(n, 'embedding', [i IN range(1, 384) | rand() - 0.5]) }
IN TRANSACTIONS OF 20000 ROWS
"""
COUNT_EXPERTS: LiteralString = "MATCH (e:Expert) RETURN count(e) AS n"
COUNT_RELS: LiteralString = "MATCH ()-[r]->() RETURN count(r) AS n"

SURNAMES = ("Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Vũ", "Đặng", "Lò", "Tòng", "Giàng", "Sùng", "Lý")
MIDDLES = ("Văn", "Thị", "Đức", "Minh", "Thanh", "Hữu", "A", "Ngọc")
GIVEN = ("An", "Bình", "Chiến", "Dũng", "Hoa", "Hùng", "Lan", "Mai", "Nam", "Phúc", "Sơn", "Tuấn", "Xuân")
LEVELS = ("national", "ministerial", "provincial", "grassroots")
SECTORS = ("HEALTH", "EDUCATION", "AGRI_FOREST", "INDUSTRY", "INFRA", "SCITECH", "DIGITAL", "CULTURE")
DEGREES = ("TS", "ThS", "KS", "CN", "BS")
DISTRICTS = ("Tam Đường", "Phong Thổ", "Sìn Hồ", "Mường Tè", "Than Uyên", "Tân Uyên", "Nậm Nhùn")


def phrases_by_field() -> dict[str, list[str]]:
    """Everyday phrases of each level-2 field: what titles and topics are made of."""
    return {code: [p.strip() for p in text.split(";") if p.strip()] for code, text in FIELD_KEYWORDS.items()}


def _chunks(rows: list[dict[str, Any]]) -> list[list[dict[str, Any]]]:
    return [rows[i : i + BATCH] for i in range(0, len(rows), BATCH)]


def build(graph: Graph, seed: int = 7) -> int:
    """Create the scaled graph in an empty (migrated, reference-loaded) database; return rel count."""
    rng = random.Random(seed)
    phrases = phrases_by_field()
    codes = sorted(phrases)
    orgs = [
        {
            "id": f"SO-{i:05d}",
            "name": f"Trường Đại học {i}",
            "key": fold(f"Truong Dai hoc {i}"),
            "province": "Lai Châu" if i % 3 else "Hà Nội",
            "in_province": bool(i % 3),
            "district": rng.choice(DISTRICTS),
        }
        for i in range(ORGS)
    ]
    for chunk in _chunks(orgs):
        graph.write(MAKE_ORGS, {"rows": chunk})
    expert_field: list[str] = []
    experts = []
    for i in range(EXPERTS):
        main = rng.choice(codes)
        expert_field.append(main)
        topics = "; ".join(rng.sample(phrases[main], min(3, len(phrases[main]))))
        name = f"{rng.choice(SURNAMES)} {rng.choice(MIDDLES)} {rng.choice(GIVEN)}"
        experts.append(
            {
                "id": f"SE-{i:06d}",
                "name": name,
                "name_key": fold(name),
                "topics": topics,
                "topics_key": fold(topics),
                "degree": rng.choice(DEGREES),
                "gender": rng.choice(("M", "F")),
                "birth_year": rng.randint(1960, 2000),
                "minority": rng.random() < 0.3,
                "district": rng.choice(DISTRICTS),
                "org": f"SO-{rng.randrange(ORGS):05d}",
                "sector": rng.choice(SECTORS),
                "fields": [main, rng.choice(codes)],
            }
        )
    for chunk in _chunks(experts):
        graph.write(MAKE_EXPERTS, {"rows": chunk})
    by_field: dict[str, list[str]] = {}
    for i, code in enumerate(expert_field):
        by_field.setdefault(code, []).append(f"SE-{i:06d}")

    def title(code: str) -> str:
        words = rng.sample(phrases[code], min(2, len(phrases[code])))
        return f"Nghiên cứu {' và '.join(words)} tại tỉnh Lai Châu"

    projects = []
    for i in range(PROJECTS):
        code = rng.choice(codes)
        t = title(code)
        team = rng.sample(by_field[code], min(6, len(by_field[code])))
        projects.append(
            {
                "id": f"SP-{i:05d}",
                "title": t,
                "key": fold(t),
                "level": rng.choice(LEVELS),
                "year": rng.randint(2005, 2025),
                "field": code,
                "team": team,
            }
        )
    for chunk in _chunks(projects):
        graph.write(MAKE_PROJECTS, {"rows": chunk})
    pubs = []
    for i in range(PUBLICATIONS):
        code = rng.choice(codes)
        t = title(code)
        authors = rng.sample(by_field[code], min(5, len(by_field[code])))
        pubs.append(
            {
                "id": f"SW-{i:05d}",
                "title": t,
                "key": fold(t),
                "year": rng.randint(2005, 2025),
                "citations": rng.randint(0, 60),
                "field": code,
                "authors": authors,
            }
        )
    for chunk in _chunks(pubs):
        graph.write(MAKE_PUBLICATIONS, {"rows": chunk})
    for cypher in (VECTORS_EXPERTS, VECTORS_PROJECTS, VECTORS_PUBLICATIONS):
        graph.run_schema(cypher)
    graph.run_schema("CALL db.awaitIndexes(3600)")
    return int(graph.read(COUNT_RELS)[0]["n"])
