"""Every request and response body of the API, as pydantic models."""

from __future__ import annotations

from typing import Any, Literal

from pydantic import BaseModel, Field


class Health(BaseModel):
    status: str = Field(description="ok, or unavailable when Neo4j cannot be reached")
    neo4j: bool
    schema_version: int | None
    latest_schema_version: int


class EvidenceOut(BaseModel):
    signal: str = Field(description="lexical, semantic, field or standing: how this item counted")
    kind: str = Field(description="profile, field, project, publication, patent, award or title")
    ref: str = Field(description="id of the expert, field code, project code, publication, patent or award")
    label: str
    detail: str | None = None
    contribution: float = Field(description="share of the expert's score this item gave")
    url: str | None = Field(None, description="the record behind it; none for patents and awards")


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


class CouncilSeatOut(BaseModel):
    council_id: str
    kind: str | None = Field(default=None, description="council (hội đồng) or review (phản biện)")
    program: str | None = None
    role: str | None = None
    period: str | None = None
    proposal_code: str | None = None
    title: str | None = None


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


class PatentOut(BaseModel):
    id: str = Field(description="office and number (VN:1-0034567), or PAT-… for a row without a number")
    number: str | None = None
    title: str
    kind: str | None = Field(
        default=None, description="invention, utility_solution, industrial_design, plant_variety"
    )
    status: str | None = Field(default=None, description="filed or granted")
    year: int | None = Field(default=None, description="grant year once granted, else filing year")
    filing_year: int | None = None
    grant_year: int | None = None
    country: str | None = None
    position: int | None = Field(default=None, description="the expert's place among the inventors")
    owners: list[str] = Field(default=[], description="names of the holding organizations")


class PersonRef(BaseModel):
    id: str
    name: str


class AwardOut(BaseModel):
    id: str
    name: str
    level: str | None = Field(
        default=None, description="international, national, ministerial, provincial, grassroots"
    )
    year: int | None = None
    issuer: str | None = None
    work: str | None = Field(default=None, description="the work the award honours")
    co_recipients: list[PersonRef] = []


class MembershipOut(BaseModel):
    id: str = Field(description="the association's org_id")
    name: str
    role: str | None = Field(default=None, description="member, executive, vice_chair, chair, secretary")
    since: int | None = None
    until: int | None = None


class ProfileOut(BaseModel):
    expert: ExpertOut
    sectors: list[SectorOut]
    fields: list[FieldOut]
    topics: list[str]
    organizations: list[OrganizationOut]
    projects: list[ProjectOut]
    publications: list[PublicationOut]
    coworkers: list[CoworkerOut]
    councils: list[CouncilSeatOut] = Field(default=[], description="seats on councils and review panels")
    assignments: list[AssignmentOut] = []
    load: int = Field(0, description="current (proposed or active) assignments")
    masked: list[str] = Field(default=[], description="personal fields hidden from this role")
    patents: list[PatentOut] = Field(default=[], description="patents and utility solutions invented")
    awards: list[AwardOut] = []
    memberships: list[MembershipOut] = Field(default=[], description="memberships of associations")


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


class AuditChainOut(BaseModel):
    ok: bool = Field(description="every entry matches its hash, follows the one before, and the head")
    entries: int
    head_seq: int
    head_hash: str = Field(description="keep it outside the database to detect a rewritten chain")
    unchained: int = Field(description="entries written before the hash chain existed")
    problems: list[str]


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


# --- proposals, conflicts, councils and reviewer assignment (issue 6) --------------------------

ROLE_PATTERN = "^(lead|secretary|member)$"
LEVEL_PATTERN = "^(national|ministerial|provincial|grassroots)$"
ID = Field(min_length=1, max_length=100)


class ProposerIn(BaseModel):
    expert_id: str = ID
    role: str = Field(
        default="member", pattern=ROLE_PATTERN, description="lead (chủ nhiệm), secretary, member"
    )


class ProposalIn(BaseModel):
    code: str = Field(min_length=1, max_length=100, description="mã hồ sơ đề xuất")
    title: str = Field(min_length=1, max_length=1000)
    abstract: str | None = Field(default=None, max_length=20_000)
    fields: list[str] = Field(default=[], description="field codes (QĐ 12/2008)")
    proposers: list[ProposerIn] = []
    host_org_id: str | None = Field(default=None, max_length=100, description="tổ chức chủ trì")
    partner_org_ids: list[str] = Field(default=[], description="tổ chức phối hợp")
    level: str | None = Field(default=None, pattern=LEVEL_PATTERN, description="requested level")
    program: str | None = Field(default=None, max_length=300, description="chương trình")
    year: int | None = Field(default=None, ge=1900, le=2100)


class PersonOut(BaseModel):
    id: str
    name: str | None
    role: str


class ProposalOut(BaseModel):
    code: str
    title: str
    abstract: str | None
    level: str | None
    program: str | None
    year: int | None
    fields: list[str]
    organizations: list[PersonOut] = Field(description="host and partner organizations (role)")
    proposers: list[PersonOut]


class ConflictOut(BaseModel):
    rule: str = Field(
        description="proposer, employer, same_institution, host_organization, coauthor, "
        "co_project, declared, declared_lifelong"
    )
    description_vi: str
    proposer_id: str | None
    ref: str | None = Field(description="the shared paper, project or organization, or the declared kind")
    label: str | None
    year: int | None


class ExpertConflictsOut(BaseModel):
    expert_id: str
    conflicted: bool
    rules: list[str]
    evidence: list[ConflictOut]


class ConflictsResult(BaseModel):
    proposal: str
    year: int
    experts: list[ExpertConflictsOut]


class DeclaredConflictIn(BaseModel):
    other_id: str = ID
    kind: str = Field(pattern="^(family|supervisor|student|colleague|other)$")
    reason: str | None = Field(default=None, max_length=500)
    since: int | None = Field(default=None, ge=1900, le=2100)
    until: int | None = Field(default=None, ge=1900, le=2100)
    declared_by: str | None = Field(default=None, max_length=200)


class DeclaredConflictOut(BaseModel):
    other_id: str
    other_name: str | None
    kind: str
    reason: str | None
    since: int | None
    until: int | None
    declared_by: str | None


class TaskIn(BaseModel):
    title: str = Field(min_length=1, max_length=1000)
    fields: list[str] = []
    host_org_id: str | None = Field(default=None, max_length=100)


class ComposeIn(BaseModel):
    proposal: str | None = Field(default=None, max_length=100, description="proposal code; or give task")
    task: TaskIn | None = None
    program: str | None = Field(default=None, max_length=300)
    size: int = Field(default=7, ge=3, le=15, description="7 or 9 usually")
    reviewers: int = Field(default=2, ge=0, le=5)
    outside_host_share: float = Field(default=0.5, ge=0, le=1)
    outside_province_share: float = Field(default=0.0, ge=0, le=1)
    women_target: int = Field(default=2, ge=0, le=15, description="soft target")
    minority_target: int = Field(default=1, ge=0, le=15, description="soft target")
    rotation_last_n: int = Field(default=0, ge=0, le=50, description="not on the program's last N councils")
    cap_per_period: int = Field(default=3, ge=1, le=50, description="councils per expert per period")
    period: str | None = Field(default=None, max_length=20, description="default: this year")
    save: bool = False
    council_id: str | None = Field(default=None, max_length=100)


class CouncilMemberOut(BaseModel):
    role: str
    expert_id: str
    name: str | None
    affinity: float
    organization: str | None
    gender: str | None
    ethnic_minority: bool | None
    covers: list[str] = Field(description="proposal fields this member holds")


class ExclusionOut(BaseModel):
    expert_id: str
    name: str | None
    affinity: float
    rules: list[str]
    evidence: list[ConflictOut]
    detail: str | None


class CouncilOut(BaseModel):
    council_id: str
    subject: str
    program: str | None
    period: str
    members: list[CouncilMemberOut]
    alternates: dict[str, list[CouncilMemberOut]] = Field(description="seat holder's id -> alternates")
    excluded: list[ExclusionOut] = Field(description="strong candidates set aside, with the rule")
    objective: int
    optimal: bool
    women: int
    ethnic_minority: int
    outside_host: int
    outside_province: int
    saved: bool


class AssignIn(BaseModel):
    proposals: list[str] = Field(min_length=1, max_length=1000)
    experts: list[str] | None = Field(default=None, description="default: every expert")
    k: int = Field(default=3, ge=1, le=10, description="reviewers per proposal")
    max_per_reviewer: int = Field(default=2, ge=1, le=50, description="L")
    objective: Literal["total", "worst_proposal", "weakest_reviewer"] | None = Field(
        default=None,
        description="total: the most total affinity (exact, min-cost flow). worst_proposal: first the "
        "highest lowest sum of one proposal's k reviewers' affinities, then the most total keeping it "
        "(CP-SAT; answers its gaps when a limit stops it). weakest_reviewer: first the highest lowest "
        "affinity of any one reviewer, then the most total (exact, flows). Default: total, or "
        "worst_proposal when `fair` is true.",
    )
    fair: bool = Field(default=False, description="shorthand for objective=worst_proposal")
    period: str | None = Field(default=None, max_length=20)
    save: bool = False


class ReviewerOut(BaseModel):
    expert_id: str
    affinity: float


class ProposalAssignmentOut(BaseModel):
    proposal: str
    reviewers: list[ReviewerOut]
    total_affinity: float


class AssignOut(BaseModel):
    objective: str = Field(description="total, worst_proposal or weakest_reviewer (see the request)")
    optimal: bool = Field(description="proved optimal for the objective (both stages when it has two)")
    total_affinity: float
    worst_proposal_affinity: float
    weakest_reviewer_affinity: float = Field(description="the lowest affinity of any assigned reviewer")
    worst_proposal_gap: float | None = Field(
        None, description="worst_proposal: its bound minus the lowest proposal sum found (0 when proved)"
    )
    total_gap: float | None = Field(
        None, description="worst_proposal: the total's bound minus the total found (0 when proved)"
    )
    greedy_total_affinity: float
    greedy_worst_proposal_affinity: float
    greedy_weakest_reviewer_affinity: float
    greedy_unfilled_seats: int
    greedy_shortfall: float = Field(description="1 - greedy total / optimal total")
    excluded_pairs: int = Field(description="proposal-expert pairs a conflict rule excluded")
    assignments: list[ProposalAssignmentOut]


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
    reason_vi: str = Field(default="", description="the reason in Vietnamese")
    message_vi: str = Field(default="", description="the whole message in Vietnamese")
    localized: str = Field(default="", description="the message in the caller's language (`lang`)")


class ImportRejectedOut(BaseModel):
    detail: str | list[dict[str, Any]] = Field(description="a message, or FastAPI's list of field errors")
    error: str | None = None
    lang: str | None = Field(default=None, description="`lang` parameter, else Accept-Language; default vi")
    errors: list[ImportErrorOut] = []


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
