"""Commissioning and consultancy tasks: create, propose candidates, record assignments."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Path, Query

from api.deps import AuditDep, Editor, GraphDep
from api.explain import API_LANG, conflict_sentence
from api.hits import hit_out
from api.task_schemas import (
    AssignmentIn,
    CandidateOut,
    CandidatesOut,
    ExcludedOut,
    TaskAssignmentOut,
    TaskIn,
    TaskOut,
)
from graph.errors import InvalidRequest
from graph.sectors import SECTOR_BY_CODE
from queries.candidates import Candidate, task_candidates
from queries.tasks import NewTask, assign, create_task, get_task

router = APIRouter(prefix="/api/v1/tasks", tags=["tasks"])
TaskId = Annotated[str, Path(max_length=40)]


def _task_out(task: dict[str, Any]) -> TaskOut:
    return TaskOut.model_validate(task)


def _candidate_out(c: Candidate, role: str) -> CandidateOut:
    return CandidateOut(expert=hit_out(c.hit, role), covers=c.covers, load=c.load)


@router.post("", response_model=TaskOut, status_code=201)
def create(graph: GraphDep, body: TaskIn) -> TaskOut:
    """Store a task the department wants to commission or consult on."""
    if body.sector is not None and body.sector not in SECTOR_BY_CODE:
        raise InvalidRequest("sector", body.sector, f"is not one of: {', '.join(SECTOR_BY_CODE)}")
    task_id = create_task(
        graph,
        NewTask(
            kind=body.kind,
            title=body.title,
            description=body.description,
            required_fields=body.required_fields,
            sector=body.sector,
            org_id=body.org_id,
            team_size=body.team_size,
            deadline=body.deadline,
        ),
    )
    return _task_out(get_task(graph, task_id))


@router.get("/{task_id}", response_model=TaskOut, responses={404: {"description": "no such task"}})
def read(graph: GraphDep, task_id: TaskId) -> TaskOut:
    return _task_out(get_task(graph, task_id))


@router.get("/{task_id}/candidates", response_model=CandidatesOut)
def candidates(
    graph: GraphDep, user: Editor, task_id: TaskId, limit: Annotated[int, Query(ge=1, le=60)] = 20
) -> CandidatesOut:
    """Experts for the task without conflicts with the ordering organization, a team covering its
    fields, and the strong candidates left out with the reason."""
    found = task_candidates(graph, task_id, limit=limit)
    return CandidatesOut(
        task=_task_out(found.task),
        team=[_candidate_out(c, user.role) for c in found.team],
        uncovered_fields=found.uncovered,
        candidates=[_candidate_out(c, user.role) for c in found.candidates],
        excluded=[
            ExcludedOut(
                expert=hit_out(x.hit, user.role),
                reasons=[conflict_sentence(API_LANG, c) for c in x.conflicts],
            )
            for x in found.excluded
        ],
    )


@router.post("/{task_id}/assignments", response_model=TaskAssignmentOut, status_code=201)
def add_assignment(
    graph: GraphDep, record: AuditDep, task_id: TaskId, body: AssignmentIn
) -> TaskAssignmentOut:
    """Record who was assigned, in which role and with which status (again: updates it); audited."""
    done = assign(graph, task_id, body.expert_id, body.role, body.status, by=record.user.username)
    record("assign_task", task_id, f"{body.expert_id} {body.role} {body.status}")
    return TaskAssignmentOut.model_validate(done)
