"""The graph's vocabulary: node labels, relationship types and their keys.

Labels and relationship types cannot be Cypher parameters, so code that must choose one at run time
picks it from these fixed sets, never from input. `docs/schema.md` draws the same model.
"""

from __future__ import annotations

from enum import StrEnum


class Label(StrEnum):
    EXPERT = "Expert"  # an intellectual (trí thức)
    SECTOR = "Sector"  # one of the action program's eight sectors
    FIELD = "Field"  # Vietnamese S&T classification (QĐ 12/2008), levels 1-3
    FOS = "FosField"  # OECD Fields of Science 2007, the crosswalk target
    TOPIC = "Topic"  # free keyword
    ORGANIZATION = "Organization"
    PROJECT = "Project"  # đề tài / dự án / nhiệm vụ KH&CN
    PUBLICATION = "Publication"
    TASK = "Task"  # a commissioning or consultancy task the department wants done
    TASK_EVENT = "TaskEvent"  # one change of a task's assignments: its history (issue 9)
    MIGRATION = "SchemaMigration"
    USER = "User"  # an account of the service, with one role
    AUDIT = "AuditEntry"  # one line of the append-only audit log
    APP_SECRET = "AppSecret"  # shared secrets of the API processes (token signing key)
    TARGET = "Target"  # a planning target of the action program (issue 8), editable data
    REVIEW_ITEM = "ReviewItem"  # an import row entity resolution could not decide, awaiting a person
    DATA_VERSION = "DataVersion"  # one node counting imports, so caches know when data changed
    PROPOSAL = "Proposal"  # a proposed task (hồ sơ đề xuất) a council or reviewers judge
    COUNCIL = "Council"  # a review council (hội đồng) or a reviewer panel of one proposal
    IMPORT_RUN = "ImportRun"  # one import of a file or workbook: who, when, checksum, counts
    EXTERNAL_ID = "ExternalId"  # another system's id of an organization: key "scheme:value"
    LOGIN_THROTTLE = "LoginThrottle"  # failed sign-ins of one user name or address (issue 10)
    AUDIT_HEAD = "AuditHead"  # the newest audit entry's sequence number and hash (issue 10)
    PATENT = "Patent"  # a patent, utility solution, industrial design or plant variety (issue 4)
    AWARD = "Award"  # one conferment of an award, shared by its co-recipients (issue 4)


class Rel(StrEnum):
    WORKS_AT = "WORKS_AT"  # (Expert)->(Organization) {since, until, position, current}
    IN_SECTOR = "IN_SECTOR"  # (Expert|Project)->(Sector)
    HAS_EXPERTISE = "HAS_EXPERTISE"  # (Expert)->(Field|Topic) {source, confidence}
    MEMBER_OF = "MEMBER_OF"  # (Expert)->(Project) {role: lead|secretary|member}
    PARTNER_IN = "PARTNER_IN"  # (Organization)->(Project) {role: host|partner}
    AUTHORED = "AUTHORED"  # (Expert)->(Publication) {position}
    ABOUT = "ABOUT"  # (Project|Publication)->(Field|Topic) {source, confidence}
    SUBFIELD_OF = "SUBFIELD_OF"  # (Field)->(Field), (FosField)->(FosField)
    MAPS_TO = "MAPS_TO"  # (Field)->(FosField): the OECD crosswalk
    PART_OF = "PART_OF"  # (Organization)->(Organization): a unit of a parent body
    PROPOSES = "PROPOSES"  # (Expert)->(Proposal) {role: lead|secretary|member}
    CONFLICT_WITH = "CONFLICT_WITH"  # (Expert)->(Expert) {kind, reason, since, until}: declared
    SERVES_ON = "SERVES_ON"  # (Expert)->(Council) {role, period}
    REVIEWS = "REVIEWS"  # (Council)->(Proposal)
    ASSIGNED_TO = "ASSIGNED_TO"  # (Expert)->(Task) {role, status, since}
    ORDERED_BY = "ORDERED_BY"  # (Task)->(Organization): who orders the task
    REQUIRES = "REQUIRES"  # (Task)->(Field): a field the task needs covered
    IDENTIFIED_BY = "IDENTIFIED_BY"  # (Organization)->(ExternalId): ROR, PIC, an agency's code...
    INVENTED = "INVENTED"  # (Expert)->(Patent) {position}
    RECEIVED = "RECEIVED"  # (Expert)->(Award)
    BELONGS_TO = "BELONGS_TO"  # (Expert)->(Organization {kind: association}) {role, since, until}
    OWNS = "OWNS"  # (Organization)->(Patent): the holder


# The natural key of each label: MERGE on it, backed by a uniqueness constraint.
KEYS: dict[Label, str] = {
    Label.EXPERT: "id",
    Label.SECTOR: "code",
    Label.FIELD: "code",
    Label.FOS: "code",
    Label.TOPIC: "key",
    Label.ORGANIZATION: "id",
    Label.PROJECT: "code",
    Label.PUBLICATION: "id",
    Label.TASK: "id",
    Label.MIGRATION: "version",
    Label.USER: "username",
    Label.APP_SECRET: "name",
    Label.TARGET: "key",
    Label.REVIEW_ITEM: "id",
    Label.DATA_VERSION: "key",
    Label.PROPOSAL: "code",
    Label.COUNCIL: "id",
    Label.IMPORT_RUN: "id",
    Label.EXTERNAL_ID: "key",
    Label.LOGIN_THROTTLE: "key",
    Label.AUDIT_HEAD: "key",
    Label.PATENT: "id",
    Label.AWARD: "id",
}
REVIEW_STATUSES = ("open", "accepted", "rejected")
REVIEW_KINDS = ("expert", "organization")

PROJECT_ROLES = ("lead", "secretary", "member")
PARTNER_ROLES = ("host", "partner")
# "international": projects of foreign programmes (e.g. EU Horizon 2020 from CORDIS) and international
# cooperation tasks (nhiệm vụ hợp tác quốc tế), which no Vietnamese level describes.
PROJECT_LEVELS = ("national", "ministerial", "provincial", "grassroots", "international")
PROJECT_STATUSES = ("proposed", "ongoing", "completed", "cancelled")
ORG_KINDS = (
    "university",
    "research_institute",
    "government_agency",
    "enterprise",
    "hospital",
    "school",
    "association",
    "other",
)
ACADEMIC_TITLES = ("GS", "PGS")
DEGREES = ("TSKH", "TS", "CKII", "ThS", "CKI", "BS", "DS", "KS", "CN", "CD")
# Degrees at doctoral and master's level, as the 2030 targets count them.
DOCTORAL_DEGREES = ("TSKH", "TS")
MASTER_DEGREES = ("ThS", "CKII", "CKI")
# Declared conflicts (CONFLICT_WITH.kind); the first three last for life (NSF practice).
CONFLICT_KINDS = ("family", "supervisor", "student", "colleague", "other")
LIFELONG_CONFLICT_KINDS = ("family", "supervisor", "student")
# Seats on a council (SERVES_ON.role): chủ tịch, phản biện, thư ký, ủy viên.
COUNCIL_ROLES = ("chair", "reviewer", "secretary", "member")

# Commissioning and consultancy tasks (issue 5): what kind, and the life of an assignment.
TASK_KINDS = ("research_order", "consultancy", "critique", "social_review")
ASSIGNMENT_ROLES = ("lead", "member", "reviewer", "advisor")
ASSIGNMENT_STATUSES = ("proposed", "active", "completed", "declined")
# Statuses that count towards an expert's current workload.
ACTIVE_ASSIGNMENT_STATUSES = ("proposed", "active")

# Patents, awards and association memberships (issue 4): the agreed model, shared with ranking.
PATENT_KINDS = ("invention", "utility_solution", "industrial_design", "plant_variety")
PATENT_STATUSES = ("filed", "granted")
AWARD_LEVELS = ("international", "national", "ministerial", "provincial", "grassroots")
ASSOCIATION_ROLES = ("member", "executive", "vice_chair", "chair", "secretary")
