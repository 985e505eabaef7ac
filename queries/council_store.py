"""Councils and reviewer panels in the graph, and what composing the next one needs to know of them.

(Expert)-[:SERVES_ON {role, period}]->(Council {id, kind, program, period})-[:REVIEWS]->(Proposal).
A reviewer assignment stores one Council of kind `review` per proposal. Saving the same council
again replaces its seats, so a retried transaction or a re-run gives the same graph.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, LiteralString

from graph.connection import Graph

SAVE_COUNCIL: LiteralString = """
UNWIND $councils AS c
MERGE (k:Council {id: c.id})
SET k.kind = c.kind, k.program = c.program, k.program_key = c.program_key, k.period = c.period,
    k.title = c.title
FOREACH (old IN [(e)-[r:SERVES_ON]->(k) WHERE NOT e.id IN [s IN c.seats | s.expert_id] | r] | DELETE old)
WITH k, c
CALL {
  WITH k, c
  UNWIND c.seats AS seat
  MATCH (e:Expert {id: seat.expert_id})
  MERGE (e)-[r:SERVES_ON]->(k)
  SET r.role = seat.role, r.period = c.period
}
CALL {
  WITH k, c
  OPTIONAL MATCH (p:Proposal {code: c.proposal})
  FOREACH (_ IN CASE WHEN p IS NULL THEN [] ELSE [1] END | MERGE (k)-[:REVIEWS]->(p))
}
RETURN count(k) AS saved
"""

# Councils each expert sits on in a period: the workload a cap and the load penalty count. The
# councils being (re)made now are left out, so composing or assigning again sees the same load.
WORKLOAD: LiteralString = """
UNWIND $ids AS id
MATCH (e:Expert {id: id})-[r:SERVES_ON]->(k:Council)
WHERE r.period = $period AND NOT k.id IN $exclude
RETURN id, count(r) AS n
"""

# Members of the program's last N councils (newest period first, then id), for rotation.
RECENT_MEMBERS: LiteralString = """
MATCH (k:Council {program_key: $program_key})
WHERE k.kind = 'council' AND ($exclude IS NULL OR k.id <> $exclude)
WITH k ORDER BY k.period DESC, k.id DESC LIMIT $n
MATCH (e:Expert)-[:SERVES_ON]->(k)
RETURN e.id AS id, collect(k.id) AS councils
"""

CANDIDATE_FACTS: LiteralString = """
UNWIND $ids AS id
MATCH (e:Expert {id: id})
OPTIONAL MATCH (e)-[:WORKS_AT {current: true}]->(o:Organization)
WITH e, collect(o) AS orgs
RETURN e.id AS id, e.name AS name, e.gender AS gender, e.ethnic_minority AS minority,
       e.degree AS degree, e.academic_title AS title,
       [o IN orgs | o.id] AS org_ids, [o IN orgs | o.name] AS org_names,
       any(o IN orgs WHERE o.in_province = true) AS in_province
"""

FIELD_COVERS: LiteralString = """
UNWIND $fields AS code
MATCH (:Field {code: code})<-[:SUBFIELD_OF*0..2]-(:Field)<-[:HAS_EXPERTISE]-(e:Expert)
WHERE e.id IN $ids
RETURN e.id AS id, collect(DISTINCT code) AS codes
"""

HOST_UNITS: LiteralString = """
MATCH (o:Organization {id: $org})<-[:PART_OF*0..2]-(u:Organization)
RETURN collect(DISTINCT u.id) AS ids
"""


# The council saved for a proposal (kind council), its members in seat order.
SAVED_COUNCIL: LiteralString = """
MATCH (k:Council {kind: 'council'})-[:REVIEWS]->(:Proposal {code: $code})
MATCH (e:Expert)-[r:SERVES_ON]->(k)
OPTIONAL MATCH (e)-[:WORKS_AT {current: true}]->(o:Organization)
WITH k, e, r, head(collect(o.name)) AS organization
ORDER BY k.period DESC, k.id,
         CASE r.role WHEN 'chair' THEN 0 WHEN 'secretary' THEN 1 WHEN 'reviewer' THEN 2 ELSE 3 END, e.id
WITH k, collect({expert_id: e.id, name: e.name, role: r.role, organization: organization,
                 academic_title: e.academic_title, degree: e.degree}) AS seats
RETURN k.id AS id, k.program AS program, k.period AS period, k.title AS title, seats
ORDER BY k.period DESC, k.id
LIMIT 1
"""


@dataclass(frozen=True)
class Seat:
    expert_id: str
    role: str


def save_councils(graph: Graph, councils: list[dict[str, Any]]) -> None:
    """Each dict: id, kind (council|review), program, program_key, period, title, proposal, seats."""
    graph.write(SAVE_COUNCIL, {"councils": councils})


def workload(graph: Graph, ids: list[str], period: str, exclude: list[str]) -> dict[str, int]:
    rows = graph.read(WORKLOAD, {"ids": ids, "period": period, "exclude": exclude})
    return {r["id"]: r["n"] for r in rows}


def recent_members(graph: Graph, program_key: str, n: int, exclude: str | None) -> dict[str, list[str]]:
    if n <= 0 or not program_key:
        return {}
    rows = graph.read(RECENT_MEMBERS, {"program_key": program_key, "n": n, "exclude": exclude})
    return {r["id"]: sorted(r["councils"]) for r in rows}


def candidate_facts(graph: Graph, ids: list[str]) -> dict[str, dict[str, Any]]:
    return {r["id"]: r for r in graph.read(CANDIDATE_FACTS, {"ids": ids})}


def field_covers(graph: Graph, fields: list[str], ids: list[str]) -> dict[str, frozenset[str]]:
    if not fields:
        return {}
    rows = graph.read(FIELD_COVERS, {"fields": fields, "ids": ids})
    return {r["id"]: frozenset(r["codes"]) for r in rows}


def host_units(graph: Graph, org_id: str | None) -> set[str]:
    if org_id is None:
        return set()
    rows = graph.read(HOST_UNITS, {"org": org_id})
    return set(rows[0]["ids"]) if rows else set()


def saved_council(graph: Graph, proposal_code: str) -> dict[str, Any] | None:
    """The council last saved for a proposal (newest period), or None: the decision to export."""
    rows = graph.read(SAVED_COUNCIL, {"code": proposal_code})
    return rows[0] if rows else None
