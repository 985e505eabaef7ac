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


class ProfileOut(BaseModel):
    expert: ExpertOut
    sectors: list[SectorOut]
    fields: list[FieldOut]
    topics: list[str]
    organizations: list[OrganizationOut]
    projects: list[ProjectOut]
    publications: list[PublicationOut]
    coworkers: list[CoworkerOut]


# --- imports (issue 4) --------------------------------------------------------------------------


class ImportKindOut(BaseModel):
    kind: str = Field(description="the table: organizations, experts, projects, ...")
    files: list[str] = Field(description="file (and sheet) names the rows came from")
    read: int = Field(description="data rows read")
    duplicates: int = Field(description="identical repeated rows, collapsed into one")
    created: int
    updated: int
    unchanged: int
    rejected: int = Field(description="rows with an error (always 0 in a report: errors give a 422)")


class ImportReportOut(BaseModel):
    run_id: str | None = Field(description="id of the ImportRun recorded in the graph; None for a dry run")
    dry_run: bool = Field(description="true: validated and compared, nothing written")
    atomic: bool = Field(description="true: written in one transaction (all or nothing)")
    created: int
    updated: int
    unchanged: int
    rejected: int
    seconds: float
    kinds: list[ImportKindOut]
    encodings: dict[str, str] = Field(description="CSV file -> the text encoding it was read in")


class ImportErrorOut(BaseModel):
    """One problem; the 422 body of an import lists every one of them (`errors`)."""

    file: str
    sheet: str
    row: int = Field(description="spreadsheet row number (1 = the header row; 0 = the whole file)")
    field: str = Field(description="the column at fault (English name), or empty for the whole row")
    value: str
    reason: str
    message: str


class ImportRejectedOut(BaseModel):
    detail: str
    error: str
    errors: list[ImportErrorOut]


class ImportRunOut(BaseModel):
    id: str
    kind: str
    file: str
    sha256: str
    user: str
    at: str = Field(description="when it started, ISO 8601 UTC")
    status: str = Field(description="done, rejected, running (unfinished or interrupted) or failed")
    seconds: float
    read: int
    created: int
    updated: int
    unchanged: int
    duplicates: int
    rejected: int = Field(description="rows with errors (status rejected)")
    errors: int = Field(description="problems reported (status rejected)")
    atomic: bool | None
    counts: dict[str, dict[str, int]] = Field(description="per kind: read, duplicates, created, ...")


class ImportRunList(BaseModel):
    total: int
    limit: int
    offset: int
    runs: list[ImportRunOut]
