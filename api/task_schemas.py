"""Request and response bodies of commissioning and consultancy tasks."""

from __future__ import annotations

from datetime import date
from typing import Literal

from pydantic import BaseModel, Field

from api.schemas import ExpertHitOut

TaskKind = Literal["research_order", "consultancy", "critique", "social_review"]
Role = Literal["lead", "member", "reviewer", "advisor"]
Status = Literal["proposed", "active", "completed", "declined"]


class TaskIn(BaseModel):
    kind: TaskKind = Field(
        description="research_order (đặt hàng), consultancy (tư vấn), critique (phản biện), "
        "social_review (giám định xã hội)"
    )
    title: str = Field(min_length=1, max_length=500)
    description: str = Field("", max_length=20_000)
    required_fields: list[str] = Field(default_factory=list, max_length=20, description="field codes")
    sector: str | None = Field(None, pattern=r"^[A-Z_]{2,20}$")
    org_id: str = Field(min_length=1, max_length=100, description="the ordering organization")
    team_size: int = Field(1, ge=1, le=5)
    deadline: date | None = None


class TaskFieldOut(BaseModel):
    code: str
    name_vi: str
    name_en: str | None = None


class OrgRefOut(BaseModel):
    id: str
    name: str


class AssignmentIn(BaseModel):
    expert_id: str = Field(min_length=1, max_length=100)
    role: Role = "member"
    status: Status = "proposed"


class TaskAssignmentOut(BaseModel):
    expert_id: str
    name: str
    role: str | None
    status: str | None
    since: str | None


class TaskOut(BaseModel):
    id: str
    kind: str
    title: str
    description: str | None = None
    sector: str | None = None
    team_size: int | None = None
    deadline: str | None = None
    created_at: str | None = None
    org: OrgRefOut | None = None
    fields: list[TaskFieldOut] = []
    assignments: list[TaskAssignmentOut] = []


class CandidateOut(BaseModel):
    expert: ExpertHitOut
    covers: list[str] = Field(description="required fields this expert holds (or a subfield of)")
    load: int


class ExcludedOut(BaseModel):
    expert: ExpertHitOut
    reasons: list[str] = Field(
        description="why this strong candidate was left out (Vietnamese, worded by api/explain.py)"
    )


class CandidatesOut(BaseModel):
    task: TaskOut
    team: list[CandidateOut] = Field(description="the proposed team, best first")
    uncovered_fields: list[str] = Field(description="required fields no eligible expert covers")
    candidates: list[CandidateOut]
    excluded: list[ExcludedOut]
