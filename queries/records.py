"""Single records that explanations link to: a project, a publication, a field."""

from __future__ import annotations

from typing import Any, LiteralString

from graph.connection import Graph
from graph.errors import NotFound

PROJECT_DETAIL: LiteralString = """
MATCH (p:Project {code: $code})
CALL {
  WITH p
  OPTIONAL MATCH (e:Expert)-[m:MEMBER_OF]->(p)
  WITH e, m ORDER BY CASE m.role WHEN 'lead' THEN 0 WHEN 'secretary' THEN 1 ELSE 2 END, e.name_key
  RETURN collect(e {.id, .name, .academic_title, .degree, role: m.role}) AS members
}
CALL {
  WITH p
  OPTIONAL MATCH (o:Organization)-[r:PARTNER_IN]->(p)
  WITH o, r ORDER BY r.role, o.name
  RETURN collect(o {.id, .name, .kind, role: r.role}) AS partners
}
CALL {
  WITH p
  OPTIONAL MATCH (p)-[a:ABOUT]->(f:Field)
  RETURN collect(DISTINCT f {.code, .name_vi, .name_en, .level, source: a.source,
                             confidence: a.confidence}) AS fields
}
OPTIONAL MATCH (p)-[:IN_SECTOR]->(s:Sector)
RETURN p {.code, .title, .abstract, .level, .kind, .status, .start_year, .end_year,
          .budget_million_vnd} AS project,
       members, partners, fields, s {.code, .name_vi, .name_en} AS sector
"""

PUBLICATION_DETAIL: LiteralString = """
MATCH (w:Publication {id: $id})
CALL {
  WITH w
  OPTIONAL MATCH (e:Expert)-[a:AUTHORED]->(w)
  WITH e, a ORDER BY a.position, e.name_key
  RETURN collect(e {.id, .name, position: a.position}) AS authors
}
CALL {
  WITH w
  OPTIONAL MATCH (w)-[a:ABOUT]->(f:Field)
  RETURN collect(DISTINCT f {.code, .name_vi, .name_en, .level, source: a.source,
                             confidence: a.confidence}) AS fields
}
RETURN w {.id, .title, .abstract, .year, .venue, .doi, .citations} AS publication, authors, fields
"""

FIELD_DETAIL: LiteralString = """
MATCH (f:Field {code: $code})
OPTIONAL MATCH (f)-[:SUBFIELD_OF]->(parent:Field)
OPTIONAL MATCH (child:Field)-[:SUBFIELD_OF]->(f)
WITH f, parent, child ORDER BY child.code
WITH f, parent, collect(child {.code, .name_vi, .name_en, .level}) AS children
CALL {
  WITH f
  OPTIONAL MATCH (e:Expert)-[:HAS_EXPERTISE]->(:Field)-[:SUBFIELD_OF*0..2]->(f)
  RETURN count(DISTINCT e) AS experts
}
RETURN f {.code, .name_vi, .name_en, .level} AS field,
       parent {.code, .name_vi, .name_en, .level} AS parent, children, experts
"""


def _no_nulls(items: list[dict[str, Any]], key: str) -> list[dict[str, Any]]:
    return [item for item in items if item.get(key) is not None]


def get_project(graph: Graph, code: str) -> dict[str, Any]:
    rows = graph.read(PROJECT_DETAIL, {"code": code})
    if not rows:
        raise NotFound(f"no project with code {code!r}")
    row = rows[0]
    return {
        **row,
        "members": _no_nulls(row["members"], "id"),
        "partners": _no_nulls(row["partners"], "id"),
        "fields": sorted(row["fields"], key=lambda f: f["code"]),
    }


def get_publication(graph: Graph, pub_id: str) -> dict[str, Any]:
    rows = graph.read(PUBLICATION_DETAIL, {"id": pub_id})
    if not rows:
        raise NotFound(f"no publication with id {pub_id!r}")
    row = rows[0]
    return {
        **row,
        "authors": _no_nulls(row["authors"], "id"),
        "fields": sorted(row["fields"], key=lambda f: f["code"]),
    }


def get_field(graph: Graph, code: str) -> dict[str, Any]:
    rows = graph.read(FIELD_DETAIL, {"code": code})
    if not rows:
        raise NotFound(f"no field with code {code!r}")
    return rows[0]
