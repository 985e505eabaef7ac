"""Every request and response body of the API, as pydantic models."""

from __future__ import annotations

from pydantic import BaseModel, Field


class Health(BaseModel):
    status: str = Field(description="ok, or unavailable when Neo4j cannot be reached")
    neo4j: bool
    schema_version: int | None
    latest_schema_version: int


class EvidenceOut(BaseModel):
    kind: str = Field(description="profile, field, project or publication")
    ref: str = Field(description="id of the expert, field code, project code or publication id")
    label: str
    detail: str | None = None
    contribution: float = Field(description="share of the expert's score this item gave")
    url: str | None = None


class ExpertHitOut(BaseModel):
    id: str
    name: str
    academic_title: str | None
    degree: str | None
    org_id: str | None
    organization: str | None
    sector: str | None
    sector_name: str | None
    score: float = Field(description="0..1, higher is a better match")
    reason: str = Field(description="one sentence on why this expert matched")
    evidence: list[EvidenceOut]
    url: str


class SearchResult(BaseModel):
    query: str
    total: int
    limit: int
    offset: int
    results: list[ExpertHitOut]


class SectorOut(BaseModel):
    code: str
    name_vi: str
    name_en: str


class FieldOut(BaseModel):
    code: str
    name_vi: str
    name_en: str | None = None
    level: int | None = None
    source: str | None = None
    confidence: float | None = None


class PartnerOut(BaseModel):
    id: str
    name: str
    kind: str | None = None
    role: str | None = None


class ProjectOut(BaseModel):
    code: str
    title: str
    abstract: str | None = None
    budget_million_vnd: float | None = None
    level: str | None = None
    kind: str | None = None
    status: str | None = None
    start_year: int | None = None
    end_year: int | None = None
    role: str | None = None
    partners: list[PartnerOut] = []


class PublicationOut(BaseModel):
    id: str
    title: str
    abstract: str | None = None
    year: int | None = None
    venue: str | None = None
    doi: str | None = None
    citations: int | None = None
    position: int | None = None


class OrganizationOut(BaseModel):
    id: str
    name: str
    kind: str | None = None
    province: str | None = None
    district: str | None = None
    current: bool | None = None
    since: int | None = None
    until: int | None = None
    position: str | None = None


class CoworkerOut(BaseModel):
    id: str
    name: str
    shared_projects: int
    shared_publications: int


class ExpertOut(BaseModel):
    id: str
    name: str
    academic_title: str | None = None
    degree: str | None = None
    degree_year: int | None = None
    gender: str | None = None
    birth_year: int | None = None
    ethnicity: str | None = None
    ethnic_minority: bool | None = None
    email: str | None = None
    phone: str | None = None
    orcid: str | None = None
    position: str | None = None
    district: str | None = None


class ProfileOut(BaseModel):
    expert: ExpertOut
    sectors: list[SectorOut]
    fields: list[FieldOut]
    topics: list[str]
    organizations: list[OrganizationOut]
    projects: list[ProjectOut]
    publications: list[PublicationOut]
    coworkers: list[CoworkerOut]
    masked: list[str] = Field(default=[], description="personal fields hidden from this role")


class MemberOut(BaseModel):
    id: str
    name: str
    academic_title: str | None = None
    degree: str | None = None
    role: str | None = None


class ProjectDetailOut(BaseModel):
    project: ProjectOut
    sector: SectorOut | None
    members: list[MemberOut]
    partners: list[PartnerOut]
    fields: list[FieldOut]


class AuthorOut(BaseModel):
    id: str
    name: str
    position: int | None = None


class PublicationDetailOut(BaseModel):
    publication: PublicationOut
    authors: list[AuthorOut]
    fields: list[FieldOut]


class FieldRef(BaseModel):
    code: str
    name_vi: str
    name_en: str | None = None
    level: int | None = None


class FieldDetailOut(BaseModel):
    field: FieldRef
    parent: FieldRef | None
    children: list[FieldRef]
    experts: int = Field(description="experts holding this field or one below it")


class TokenOut(BaseModel):
    access_token: str
    token_type: str = "bearer"
    role: str
    expires_in: int = Field(description="seconds")


class UserOut(BaseModel):
    username: str
    name: str
    role: str
    active: bool


class UserIn(BaseModel):
    username: str = Field(min_length=3, max_length=64, pattern=r"^[A-Za-z0-9._@-]+$")
    name: str = Field(min_length=1, max_length=200)
    role: str = Field(pattern="^(viewer|analyst|editor|admin)$")
    password: str = Field(min_length=8, max_length=200)


class UserPatch(BaseModel):
    active: bool


class AuditOut(BaseModel):
    at: str
    user: str
    role: str
    action: str
    target: str | None
    ip: str | None
    detail: str | None


# --- entity resolution review queue (issue 4) ---------------------------------------------------


class ReviewItemOut(BaseModel):
    id: str
    kind: str = Field(description="expert or organization")
    status: str = Field(description="open, accepted or rejected")
    score: float = Field(description="0..1: how likely the incoming row is the candidate")
    reason: str = Field(description="score, ambiguous (two candidates) or conflict (strong keys disagree)")
    features: dict[str, float | None] = Field(
        description="each feature's agreement 0..1 (null: one side unknown) that drove the score"
    )
    incoming: dict[str, object] = Field(description="the held import row, as validated")
    candidate_id: str
    candidate: dict[str, object] | None = Field(description="the stored record it may be, side by side")
    candidate_employers: list[str] = []
    file: str | None = None
    sheet: str | None = None
    row: int | None = None


class ReviewPage(BaseModel):
    total: int
    limit: int
    offset: int
    items: list[ReviewItemOut]


class ReviewDecisionIn(BaseModel):
    decided_by: str = Field(default="", max_length=200, description="who decided (name or account)")


class ReviewDecisionOut(BaseModel):
    id: str
    status: str
    record_id: str = Field(description="the expert or organization the held row was written to")
