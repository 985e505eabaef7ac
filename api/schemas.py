"""Every request and response body of the API, as pydantic models."""

from __future__ import annotations

from pydantic import BaseModel, Field


class Health(BaseModel):
    status: str = Field(description="ok, or unavailable when Neo4j cannot be reached")
    neo4j: bool
    schema_version: int | None
    latest_schema_version: int


class EvidenceOut(BaseModel):
    signal: str = Field(description="lexical, semantic, field or standing: how this item counted")
    kind: str = Field(description="profile, field, project, publication or title")
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
    gender: str | None = None
    birth_year: int | None = None
    ethnic_minority: bool | None = None
    district: str | None = None
    province: str | None = None
    in_province: bool | None = None
    load: int = Field(0, description="active assignments (proposed or active tasks)")
    score: float = Field(description="0..1, higher is a better match")
    components: dict[str, float] = Field(
        default_factory=dict, description="contribution of lexical, semantic, field and standing"
    )
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


class AssignmentOut(BaseModel):
    task_id: str
    title: str
    kind: str | None = None
    deadline: str | None = None
    ordered_by: str | None = None
    role: str | None = None
    status: str | None = None
    since: str | None = None
    current: bool = Field(description="proposed or active: counts towards the load")


class ProfileOut(BaseModel):
    expert: ExpertOut
    sectors: list[SectorOut]
    fields: list[FieldOut]
    topics: list[str]
    organizations: list[OrganizationOut]
    projects: list[ProjectOut]
    publications: list[PublicationOut]
    coworkers: list[CoworkerOut]
    assignments: list[AssignmentOut] = []
    load: int = Field(0, description="current (proposed or active) assignments")
