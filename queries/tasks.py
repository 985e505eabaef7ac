"""Commissioning and consultancy tasks: storing them, their assignments, and experts' workload.

A task is ordered by an organization and needs some fields; experts are assigned to it with a role
and a status. Statuses `proposed` and `active` count as current workload
(graph.schema.ACTIVE_ASSIGNMENT_STATUSES). Writes MERGE on the task id and on the (expert, task)
pair, so a retried transaction changes nothing more.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import date
from typing import Any, LiteralString

from graph.connection import Graph
from graph.errors import InvalidRequest, NotFound
from graph.schema import ACTIVE_ASSIGNMENT_STATUSES

CHECK_TASK_REFS: LiteralString = """
RETURN EXISTS { MATCH (:Organization {id: $org}) } AS org_found,
       [code IN $fields WHERE NOT EXISTS { MATCH (:Field {code: code}) }] AS unknown_fields
"""
CREATE_TASK: LiteralString = """
MERGE (t:Task {id: $id})
ON CREATE SET t.created_at = datetime()
SET t.kind = $kind, t.title = $title, t.description = $description, t.sector = $sector,
    t.team_size = $team_size, t.deadline = $deadline, t.required_fields = $fields
WITH t
MATCH (o:Organization {id: $org})
MERGE (t)-[:ORDERED_BY]->(o)
WITH t
UNWIND $fields AS code
MATCH (f:Field {code: code})
MERGE (t)-[:REQUIRES]->(f)
"""
GET_TASK: LiteralString = """
MATCH (t:Task {id: $id})
OPTIONAL MATCH (t)-[:ORDERED_BY]->(o:Organization)
RETURN t {.id, .kind, .title, .description, .sector, .team_size, .deadline, .required_fields,
          created_at: toString(t.created_at)} AS task,
       o {.id, .name} AS org,
       [(t)-[:REQUIRES]->(f:Field) | f {.code, .name_vi, .name_en}] AS fields,
       [(e:Expert)-[a:ASSIGNED_TO]->(t) | {expert_id: e.id, name: e.name, role: a.role,
                                           status: a.status, since: toString(a.since)}] AS assignments
"""
EXPERT_EXISTS: LiteralString = "MATCH (e:Expert {id: $id}) RETURN e.id AS id"
ASSIGN: LiteralString = """
MATCH (e:Expert {id: $expert_id}), (t:Task {id: $task_id})
MERGE (e)-[a:ASSIGNED_TO]->(t)
ON CREATE SET a.since = date()
SET a.role = $role, a.status = $status, a.updated_at = datetime()
MERGE (ev:TaskEvent {id: $event_id})
ON CREATE SET ev.task_id = t.id, ev.expert_id = e.id, ev.role = $role, ev.status = $status,
              ev.at = datetime(), ev.by = $by
RETURN e.id AS expert_id, e.name AS name, a.role AS role, a.status AS status, toString(a.since) AS since
"""
EXPERT_ASSIGNMENTS: LiteralString = """
MATCH (e:Expert {id: $id})-[a:ASSIGNED_TO]->(t:Task)
OPTIONAL MATCH (t)-[:ORDERED_BY]->(o:Organization)
RETURN t.id AS task_id, t.title AS title, t.kind AS kind, t.deadline AS deadline, o.name AS ordered_by,
       a.role AS role, a.status AS status, toString(a.since) AS since,
       a.status IN $active AS current
ORDER BY current DESC, a.since DESC, t.id
"""


LIST_TASKS: LiteralString = """
MATCH (t:Task)
OPTIONAL MATCH (t)-[:ORDERED_BY]->(o:Organization)
RETURN t.id AS id, t.kind AS kind, t.title AS title, t.deadline AS deadline, t.team_size AS team_size,
       toString(t.created_at) AS created_at, o.name AS ordered_by,
       COUNT { (:Expert)-[a:ASSIGNED_TO]->(t) WHERE a.status IN $active } AS assigned
ORDER BY t.created_at DESC, t.id
LIMIT $limit
"""
TASK_HISTORY: LiteralString = """
MATCH (ev:TaskEvent {task_id: $id})
OPTIONAL MATCH (e:Expert {id: ev.expert_id})
RETURN toString(ev.at) AS at, ev.expert_id AS expert_id, e.name AS name, ev.role AS role,
       ev.status AS status, ev.by AS by
ORDER BY ev.at DESC, ev.id
"""


@dataclass(frozen=True)
class NewTask:
    kind: str
    title: str
    description: str
    required_fields: list[str]
    sector: str | None
    org_id: str
    team_size: int
    deadline: date | None


def create_task(graph: Graph, task: NewTask) -> str:
    """Store a task and return its id; an unknown organization or field is refused, naming it."""
    refs = graph.read(CHECK_TASK_REFS, {"org": task.org_id, "fields": task.required_fields})[0]
    if not refs["org_found"]:
        raise InvalidRequest("org_id", task.org_id, "is not an organization in the graph")
    if refs["unknown_fields"]:
        raise InvalidRequest("required_fields", ", ".join(refs["unknown_fields"]), "are not field codes")
    task_id = f"NV-{uuid.uuid4().hex[:10].upper()}"
    graph.write(
        CREATE_TASK,
        {
            "id": task_id,
            "kind": task.kind,
            "title": task.title,
            "description": task.description,
            "sector": task.sector,
            "team_size": task.team_size,
            "deadline": task.deadline.isoformat() if task.deadline else None,
            "fields": task.required_fields,
            "org": task.org_id,
        },
    )
    return task_id


def get_task(graph: Graph, task_id: str) -> dict[str, Any]:
    rows = graph.read(GET_TASK, {"id": task_id})
    if not rows:
        raise NotFound(f"no task with id {task_id!r}")
    row = rows[0]
    return {**row["task"], "org": row["org"], "fields": row["fields"], "assignments": row["assignments"]}


def assign(
    graph: Graph, task_id: str, expert_id: str, role: str, status: str, by: str | None = None
) -> dict[str, Any]:
    """Record (or update) who is assigned to a task, in which role and with which status.

    The relationship holds the present state; each call also leaves a TaskEvent, so the task's
    history shows every change. The event id is made here, outside the transaction function, so a
    retried transaction MERGEs the same event instead of adding a second one.
    """
    get_task(graph, task_id)
    if not graph.read(EXPERT_EXISTS, {"id": expert_id}):
        raise InvalidRequest("expert_id", expert_id, "is not an expert in the graph")
    params = {
        "expert_id": expert_id,
        "task_id": task_id,
        "role": role,
        "status": status,
        "event_id": uuid.uuid4().hex,
        "by": by,
    }
    rows = graph.write(ASSIGN, params)
    return rows[0]


def assignments_of(graph: Graph, expert_id: str) -> list[dict[str, Any]]:
    """An expert's tasks, current ones first."""
    return graph.read(EXPERT_ASSIGNMENTS, {"id": expert_id, "active": list(ACTIVE_ASSIGNMENT_STATUSES)})


def list_tasks(graph: Graph, limit: int = 200) -> list[dict[str, Any]]:
    """The newest tasks first, with how many experts are currently assigned to each."""
    return graph.read(LIST_TASKS, {"limit": limit, "active": list(ACTIVE_ASSIGNMENT_STATUSES)})


def task_history(graph: Graph, task_id: str) -> list[dict[str, Any]]:
    """Every assignment change of a task, newest first (who, role, status, when, by whom)."""
    return graph.read(TASK_HISTORY, {"id": task_id})
