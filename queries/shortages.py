"""Where the province lacks people: the needs the action program names, the fields of proposed
projects, and the fields that commissioning tasks and submitted proposals need, each against the
experts the graph holds and the leading experts among them.

A leading expert holds a doctorate (TS, TSKH) or an academic title (GS, PGS). The program's needs
are fixed here because they are the program's text, not user data. Three of them (English, fine arts,
music) have no field code of their own in QĐ 12/2008 (602 is all languages, 604 all arts), so they
are found through topics only; the others through their field subtree or sector as well.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, LiteralString

from graph.connection import Graph
from graph.schema import DOCTORAL_DEGREES
from graph.text import fold

NONE, FEW, ENOUGH = "không có", "rất ít", "có"


@dataclass(frozen=True)
class Need:
    key: str
    name_vi: str
    kind: str  # "no_source": no recruitment source; "no_leaders": lacks leading experts
    fields: tuple[str, ...] = ()
    sectors: tuple[str, ...] = ()
    topics: tuple[str, ...] = ()  # folded words matched in an expert's topics


PROGRAM_NEEDS: tuple[Need, ...] = (
    Need("it", "Công nghệ thông tin", "no_source", ("102", "20206"), (), ("cong nghe thong tin", "phan mem")),
    Need("informatics", "Tin học", "no_source", ("10201",), (), ("tin hoc",)),
    Need("english", "Tiếng Anh", "no_source", (), (), ("tieng anh", "english")),
    Need("fine_arts", "Mỹ thuật", "no_source", (), (), ("my thuat", "hoi hoa", "dieu khac")),
    Need("music", "Âm nhạc", "no_source", (), (), ("am nhac",)),
    Need("basic_research", "Nghiên cứu cơ bản", "no_leaders", ("1",), ("SCITECH",)),
    Need("health", "Y tế", "no_leaders", ("3",), ("HEALTH",)),
    Need("education", "Giáo dục", "no_leaders", ("503",), ("EDUCATION",)),
    Need("agriculture", "Nông nghiệp", "no_leaders", ("4",), ("AGRI_FOREST",)),
    Need("services_commerce", "Dịch vụ, thương mại", "no_leaders", ("502",), (), ("thuong mai", "du lich")),
)

NEED_COUNTS: LiteralString = """
UNWIND $needs AS need
CALL {
  WITH need
  OPTIONAL MATCH (e:Expert)
  WHERE EXISTS { (e)-[:HAS_EXPERTISE]->(:Field)-[:SUBFIELD_OF*0..2]->(f:Field) WHERE f.code IN need.fields }
     OR EXISTS { (e)-[:IN_SECTOR]->(s:Sector) WHERE s.code IN need.sectors }
     OR any(k IN need.topics WHERE ' ' + coalesce(e.topics_key, '') + ' ' CONTAINS ' ' + k + ' ')
  RETURN count(e) AS experts,
         count(CASE WHEN e.degree IN $doctoral OR e.academic_title IS NOT NULL THEN e END) AS leading
}
RETURN need.key AS key, experts, leading
"""
PROPOSED_FIELDS: LiteralString = """
MATCH (p:Project {status: 'proposed'})-[:ABOUT]->(f:Field)
WITH f, collect(DISTINCT p.code) AS projects
CALL {
  WITH f
  OPTIONAL MATCH (e:Expert)-[:HAS_EXPERTISE]->(:Field)-[:SUBFIELD_OF*0..2]->(f)
  WITH DISTINCT e
  RETURN count(e) AS experts,
         count(CASE WHEN e.degree IN $doctoral OR e.academic_title IS NOT NULL THEN e END) AS leading
}
RETURN f.code AS code, f.name_vi AS name_vi, f.level AS level, projects, experts, leading
ORDER BY experts, leading, code
"""


# Tasks the department wants done (REQUIRES) and proposals submitted for review (ABOUT).
NEEDED_FIELDS: LiteralString = """
MATCH (p)-[:REQUIRES|ABOUT]->(f:Field)
WHERE p:Task OR p:Proposal
WITH f, collect(DISTINCT coalesce(p.id, p.code)) AS items
CALL {
  WITH f
  OPTIONAL MATCH (e:Expert)-[:HAS_EXPERTISE]->(:Field)-[:SUBFIELD_OF*0..2]->(f)
  WITH DISTINCT e
  RETURN count(e) AS experts,
         count(CASE WHEN e.degree IN $doctoral OR e.academic_title IS NOT NULL THEN e END) AS leading
}
RETURN f.code AS code, f.name_vi AS name_vi, items, experts, leading
ORDER BY experts, leading, code
"""


@dataclass(frozen=True)
class Shortage:
    key: str  # a need key or a field code
    name_vi: str
    source: str  # "program", "proposed_projects" or "tasks_proposals"
    kind: str  # no_source, no_leaders, proposed, or needed
    experts: int
    leading: int
    status: str  # NONE, FEW or ENOUGH, judged on experts (no_source) or leading experts
    projects: list[str]  # the projects, tasks or proposals that need the field


def status_of(n: int, few: int) -> str:
    return NONE if n == 0 else FEW if n < few else ENOUGH


def shortages(graph: Graph, *, few_experts: int = 5, few_leading: int = 3) -> list[Shortage]:
    """Program needs first, then the fields of proposed projects, then those of tasks and proposals,
    fewest people first within each. A field a task needs is judged on all its experts, since a task
    may go to anyone able; a proposed project's field on its leading experts."""
    params: dict[str, Any] = {
        "doctoral": list(DOCTORAL_DEGREES),
        "needs": [
            {
                "key": n.key,
                "fields": list(n.fields),
                "sectors": list(n.sectors),
                "topics": [fold(t) for t in n.topics],
            }
            for n in PROGRAM_NEEDS
        ],
    }
    counts = {r["key"]: r for r in graph.read(NEED_COUNTS, params)}
    out = []
    for need in PROGRAM_NEEDS:
        row = counts[need.key]
        judged, few = (
            (row["experts"], few_experts) if need.kind == "no_source" else (row["leading"], few_leading)
        )
        out.append(
            Shortage(
                need.key,
                need.name_vi,
                "program",
                need.kind,
                row["experts"],
                row["leading"],
                status_of(judged, few),
                [],
            )
        )
    for r in graph.read(PROPOSED_FIELDS, {"doctoral": list(DOCTORAL_DEGREES)}):
        out.append(
            Shortage(
                r["code"],
                r["name_vi"],
                "proposed_projects",
                "proposed",
                r["experts"],
                r["leading"],
                status_of(r["leading"], few_leading),
                sorted(r["projects"]),
            )
        )
    for r in graph.read(NEEDED_FIELDS, {"doctoral": list(DOCTORAL_DEGREES)}):
        out.append(
            Shortage(
                r["code"],
                r["name_vi"],
                "tasks_proposals",
                "needed",
                r["experts"],
                r["leading"],
                status_of(r["experts"], few_experts),
                sorted(r["items"]),
            )
        )
    return out
