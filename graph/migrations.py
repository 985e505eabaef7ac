"""Versioned schema migrations, recorded in the graph as (:SchemaMigration) nodes.

Each statement is idempotent (`IF NOT EXISTS`, `MERGE`), and a migration already recorded is
skipped, so running `migrate` twice changes nothing. Add a migration; never edit an applied one.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, LiteralString

from neo4j.exceptions import Neo4jError

from graph.connection import Graph
from graph.errors import MigrationError
from graph.program_targets import TARGET_SEEDS
from graph.sectors import SECTORS
from graph.text import fold


@dataclass(frozen=True)
class DataStep:
    """A write with parameters; schema statements (plain strings) cannot share its transaction."""

    cypher: LiteralString
    params: Callable[[], dict[str, Any]]


@dataclass(frozen=True)
class Migration:
    version: int
    description: str
    steps: tuple[LiteralString | DataStep, ...]


_CONSTRAINTS: tuple[LiteralString, ...] = (
    "CREATE CONSTRAINT expert_id IF NOT EXISTS FOR (n:Expert) REQUIRE n.id IS UNIQUE",
    "CREATE CONSTRAINT sector_code IF NOT EXISTS FOR (n:Sector) REQUIRE n.code IS UNIQUE",
    "CREATE CONSTRAINT field_code IF NOT EXISTS FOR (n:Field) REQUIRE n.code IS UNIQUE",
    "CREATE CONSTRAINT fos_code IF NOT EXISTS FOR (n:FosField) REQUIRE n.code IS UNIQUE",
    "CREATE CONSTRAINT topic_key IF NOT EXISTS FOR (n:Topic) REQUIRE n.key IS UNIQUE",
    "CREATE CONSTRAINT organization_id IF NOT EXISTS FOR (n:Organization) REQUIRE n.id IS UNIQUE",
    "CREATE CONSTRAINT project_code IF NOT EXISTS FOR (n:Project) REQUIRE n.code IS UNIQUE",
    "CREATE CONSTRAINT publication_id IF NOT EXISTS FOR (n:Publication) REQUIRE n.id IS UNIQUE",
    "CREATE CONSTRAINT migration_version IF NOT EXISTS FOR (n:SchemaMigration) REQUIRE n.version IS UNIQUE",
    "CREATE CONSTRAINT expert_email IF NOT EXISTS FOR (n:Expert) REQUIRE n.email IS UNIQUE",
    "CREATE CONSTRAINT expert_orcid IF NOT EXISTS FOR (n:Expert) REQUIRE n.orcid IS UNIQUE",
    "CREATE CONSTRAINT expert_staff_code IF NOT EXISTS FOR (n:Expert) REQUIRE n.staff_code IS UNIQUE",
)

# Range indexes where queries filter.
_RANGE_INDEXES: tuple[LiteralString, ...] = (
    "CREATE INDEX expert_name_key IF NOT EXISTS FOR (n:Expert) ON (n.name_key)",
    "CREATE INDEX expert_initials_key IF NOT EXISTS FOR (n:Expert) ON (n.initials_key)",
    "CREATE INDEX expert_degree IF NOT EXISTS FOR (n:Expert) ON (n.degree)",
    "CREATE INDEX expert_title IF NOT EXISTS FOR (n:Expert) ON (n.academic_title)",
    "CREATE INDEX expert_gender IF NOT EXISTS FOR (n:Expert) ON (n.gender)",
    "CREATE INDEX expert_birth_year IF NOT EXISTS FOR (n:Expert) ON (n.birth_year)",
    "CREATE INDEX expert_ethnicity IF NOT EXISTS FOR (n:Expert) ON (n.ethnicity)",
    "CREATE INDEX expert_district IF NOT EXISTS FOR (n:Expert) ON (n.district)",
    "CREATE INDEX organization_kind IF NOT EXISTS FOR (n:Organization) ON (n.kind)",
    "CREATE INDEX organization_province IF NOT EXISTS FOR (n:Organization) ON (n.province)",
    "CREATE INDEX organization_name_key IF NOT EXISTS FOR (n:Organization) ON (n.name_key)",
    "CREATE INDEX project_level IF NOT EXISTS FOR (n:Project) ON (n.level)",
    "CREATE INDEX project_start_year IF NOT EXISTS FOR (n:Project) ON (n.start_year)",
    "CREATE INDEX publication_year IF NOT EXISTS FOR (n:Publication) ON (n.year)",
    "CREATE INDEX publication_doi IF NOT EXISTS FOR (n:Publication) ON (n.doi)",
    "CREATE INDEX field_level IF NOT EXISTS FOR (n:Field) ON (n.level)",
)

# Full-text indexes hold both the display text and its folded key (graph.text.fold): a folded
# query finds every spelling, and an exact-diacritics query also scores on the display field.
_FULLTEXT: tuple[LiteralString, ...] = (
    "CREATE FULLTEXT INDEX expert_text IF NOT EXISTS FOR (n:Expert) "
    "ON EACH [n.name, n.name_key, n.topics_text, n.topics_key] "
    "OPTIONS {indexConfig: {`fulltext.analyzer`: 'standard-no-stop-words'}}",
    "CREATE FULLTEXT INDEX field_text IF NOT EXISTS FOR (n:Field|FosField) "
    "ON EACH [n.name_vi, n.name_en, n.name_key, n.keywords_key] "
    "OPTIONS {indexConfig: {`fulltext.analyzer`: 'standard-no-stop-words'}}",
    "CREATE FULLTEXT INDEX topic_text IF NOT EXISTS FOR (n:Topic) ON EACH [n.name, n.key] "
    "OPTIONS {indexConfig: {`fulltext.analyzer`: 'standard-no-stop-words'}}",
    "CREATE FULLTEXT INDEX project_text IF NOT EXISTS FOR (n:Project) "
    "ON EACH [n.title, n.title_key, n.abstract, n.abstract_key] "
    "OPTIONS {indexConfig: {`fulltext.analyzer`: 'standard-no-stop-words'}}",
    "CREATE FULLTEXT INDEX publication_text IF NOT EXISTS FOR (n:Publication) "
    "ON EACH [n.title, n.title_key, n.abstract, n.abstract_key] "
    "OPTIONS {indexConfig: {`fulltext.analyzer`: 'standard-no-stop-words'}}",
    "CREATE FULLTEXT INDEX organization_text IF NOT EXISTS FOR (n:Organization) "
    "ON EACH [n.name, n.name_key, n.short_name] "
    "OPTIONS {indexConfig: {`fulltext.analyzer`: 'standard-no-stop-words'}}",
)

SEED_SECTORS: LiteralString = """
UNWIND $sectors AS s
MERGE (n:Sector {code: s.code})
SET n.name_vi = s.name_vi, n.name_en = s.name_en, n.field_codes = s.field_codes,
    n.name_key = s.name_key
"""

APPLIED_VERSIONS: LiteralString = "MATCH (m:SchemaMigration) RETURN m.version AS version"
RECORD_MIGRATION: LiteralString = """
MERGE (m:SchemaMigration {version: $version})
ON CREATE SET m.description = $description, m.applied_at = datetime()
"""
SCHEMA_VERSION: LiteralString = "MATCH (m:SchemaMigration) RETURN max(m.version) AS version"


def _sector_rows() -> dict[str, Any]:
    return {
        "sectors": [
            {
                "code": s.code,
                "name_vi": s.name_vi,
                "name_en": s.name_en,
                "field_codes": list(s.field_codes),
                "name_key": fold(f"{s.name_vi} {s.name_en}"),
            }
            for s in SECTORS
        ]
    }


# Issue 8 (versions 50-59): the program's targets as editable data. ON CREATE only, so a re-run
# never overwrites what users have edited.
SEED_TARGETS: LiteralString = """
UNWIND $targets AS t
MERGE (n:Target {key: t.key})
ON CREATE SET n += t, n.updated_at = datetime()
"""


def _target_rows() -> dict[str, Any]:
    return {"targets": [t.row() for t in TARGET_SEEDS]}


# Issue 7 (network analysis): the data version that imports bump and analysis caches read.
_DATA_VERSION: tuple[LiteralString, ...] = (
    "CREATE CONSTRAINT data_version_key IF NOT EXISTS FOR (n:DataVersion) REQUIRE n.key IS UNIQUE",
)

# Issue 6 (range 30-39): proposals, councils and the conflict-of-interest links.
_REVIEW_SCHEMA: tuple[LiteralString, ...] = (
    "CREATE CONSTRAINT proposal_code IF NOT EXISTS FOR (n:Proposal) REQUIRE n.code IS UNIQUE",
    "CREATE CONSTRAINT council_id IF NOT EXISTS FOR (n:Council) REQUIRE n.id IS UNIQUE",
    "CREATE INDEX proposal_program IF NOT EXISTS FOR (n:Proposal) ON (n.program)",
    "CREATE INDEX council_program IF NOT EXISTS FOR (n:Council) ON (n.program)",
    "CREATE INDEX council_period IF NOT EXISTS FOR (n:Council) ON (n.period)",
)


# Issue 4 (import pipeline): the record of each import.
_IMPORT_RUNS: tuple[LiteralString, ...] = (
    "CREATE CONSTRAINT import_run_id IF NOT EXISTS FOR (n:ImportRun) REQUIRE n.id IS UNIQUE",
    "CREATE INDEX import_run_at IF NOT EXISTS FOR (n:ImportRun) ON (n.at)",
)

# Issue 5: semantic search over stored embeddings (graph/embeddings.py: 384 dimensions, normalized)
# and commissioning tasks.
_VECTOR_AND_TASKS: tuple[LiteralString, ...] = (
    "CREATE VECTOR INDEX expert_embedding IF NOT EXISTS FOR (n:Expert) ON (n.embedding) "
    "OPTIONS {indexConfig: {`vector.dimensions`: 384, `vector.similarity_function`: 'cosine'}}",
    "CREATE VECTOR INDEX project_embedding IF NOT EXISTS FOR (n:Project) ON (n.embedding) "
    "OPTIONS {indexConfig: {`vector.dimensions`: 384, `vector.similarity_function`: 'cosine'}}",
    "CREATE VECTOR INDEX publication_embedding IF NOT EXISTS FOR (n:Publication) ON (n.embedding) "
    "OPTIONS {indexConfig: {`vector.dimensions`: 384, `vector.similarity_function`: 'cosine'}}",
    "CREATE CONSTRAINT task_id IF NOT EXISTS FOR (n:Task) REQUIRE n.id IS UNIQUE",
)

# Issue 9, part A (range 75-79): the history of a task's assignments, one event per change.
_TASK_EVENTS: tuple[LiteralString, ...] = (
    "CREATE CONSTRAINT task_event_id IF NOT EXISTS FOR (n:TaskEvent) REQUIRE n.id IS UNIQUE",
    "CREATE INDEX task_event_task IF NOT EXISTS FOR (n:TaskEvent) ON (n.task_id)",
)

MIGRATIONS: tuple[Migration, ...] = (
    Migration(1, "uniqueness constraints on every natural key", _CONSTRAINTS),
    Migration(2, "range indexes for filters", _RANGE_INDEXES),
    Migration(3, "full-text indexes over display and folded text", _FULLTEXT),
    Migration(4, "the action program's eight sectors", (DataStep(SEED_SECTORS, _sector_rows),)),
    Migration(
        5,
        "users and the append-only audit log",
        (
            "CREATE CONSTRAINT user_username IF NOT EXISTS FOR (n:User) REQUIRE n.username IS UNIQUE",
            "CREATE CONSTRAINT app_secret_name IF NOT EXISTS FOR (n:AppSecret) REQUIRE n.name IS UNIQUE",
            "CREATE INDEX audit_at IF NOT EXISTS FOR (n:AuditEntry) ON (n.at)",
            "CREATE INDEX audit_user IF NOT EXISTS FOR (n:AuditEntry) ON (n.user)",
            "CREATE INDEX audit_action IF NOT EXISTS FOR (n:AuditEntry) ON (n.action)",
        ),
    ),
    Migration(
        50,
        "uniqueness of planning target keys",
        ("CREATE CONSTRAINT target_key IF NOT EXISTS FOR (n:Target) REQUIRE n.key IS UNIQUE",),
    ),
    Migration(51, "the action program's 2030 targets", (DataStep(SEED_TARGETS, _target_rows),)),
    Migration(40, "a data version node key, bumped by imports", _DATA_VERSION),
    Migration(30, "proposals and councils: keys and lookups", _REVIEW_SCHEMA),
    Migration(10, "import runs: unique id, listed by time", _IMPORT_RUNS),
    Migration(20, "vector indexes for semantic search; task key", _VECTOR_AND_TASKS),
    Migration(75, "task assignment history events", _TASK_EVENTS),
)
# Entity resolution's review queue (issue 4).
_REVIEW_QUEUE: tuple[LiteralString, ...] = (
    "CREATE CONSTRAINT review_item_id IF NOT EXISTS FOR (n:ReviewItem) REQUIRE n.id IS UNIQUE",
    "CREATE INDEX review_item_status IF NOT EXISTS FOR (n:ReviewItem) ON (n.status)",
    "CREATE INDEX review_item_row_key IF NOT EXISTS FOR (n:ReviewItem) ON (n.row_key)",
)
MIGRATIONS += (Migration(15, "entity resolution review queue: item key, status and row key", _REVIEW_QUEUE),)
# Organizations' ids in other systems (issue 4, versions 70-74): one node per scheme:value.
_EXTERNAL_IDS: tuple[LiteralString, ...] = (
    "CREATE CONSTRAINT external_id_key IF NOT EXISTS FOR (n:ExternalId) REQUIRE n.key IS UNIQUE",
    "CREATE CONSTRAINT external_id_scheme_value IF NOT EXISTS "
    "FOR (n:ExternalId) REQUIRE (n.scheme, n.value) IS UNIQUE",
)
MIGRATIONS += (Migration(70, "external ids of organizations: unique scheme + value", _EXTERNAL_IDS),)
# Issue 10 (range 60-64): failed sign-ins counted per user name and address (queries/login_throttle.py).
_LOGIN_THROTTLE: tuple[LiteralString, ...] = (
    "CREATE CONSTRAINT login_throttle_key IF NOT EXISTS FOR (n:LoginThrottle) REQUIRE n.key IS UNIQUE",
    "CREATE INDEX login_throttle_updated IF NOT EXISTS FOR (n:LoginThrottle) ON (n.updated_at)",
)
MIGRATIONS += (Migration(60, "failed sign-in counters: one per user name or address", _LOGIN_THROTTLE),)
# Issue 10: the audit log's hash chain (queries/audit.py): one head node, entries read in sequence.
_AUDIT_CHAIN: tuple[LiteralString, ...] = (
    "CREATE CONSTRAINT audit_head_key IF NOT EXISTS FOR (n:AuditHead) REQUIRE n.key IS UNIQUE",
    "CREATE INDEX audit_seq IF NOT EXISTS FOR (n:AuditEntry) ON (n.seq)",
)
MIGRATIONS += (Migration(61, "audit hash chain: head key, entries by sequence", _AUDIT_CHAIN),)
# Patents, awards and association memberships (issue 4, versions 80-84): keys and what queries filter.
_HONOURS: tuple[LiteralString, ...] = (
    "CREATE CONSTRAINT patent_id IF NOT EXISTS FOR (n:Patent) REQUIRE n.id IS UNIQUE",
    "CREATE CONSTRAINT award_id IF NOT EXISTS FOR (n:Award) REQUIRE n.id IS UNIQUE",
    "CREATE INDEX patent_year IF NOT EXISTS FOR (n:Patent) ON (n.year)",
    "CREATE INDEX patent_number IF NOT EXISTS FOR (n:Patent) ON (n.number)",
    "CREATE INDEX patent_title_folded IF NOT EXISTS FOR (n:Patent) ON (n.title_folded)",
    "CREATE INDEX award_year IF NOT EXISTS FOR (n:Award) ON (n.year)",
    "CREATE INDEX award_name_folded IF NOT EXISTS FOR (n:Award) ON (n.name_folded)",
)
MIGRATIONS += (Migration(80, "patents and awards: unique ids, years, numbers and folded names", _HONOURS),)
# Issues own version ranges (10s import, 20s search, 50s statistics, ...), so the tuple is written in
# merge order; they apply in version order, and two with one version are a bug caught here.
MIGRATIONS = tuple(sorted(MIGRATIONS, key=lambda m: m.version))
assert len({m.version for m in MIGRATIONS}) == len(MIGRATIONS), "two migrations share a version"
LATEST_VERSION = MIGRATIONS[-1].version


def migrate(graph: Graph) -> list[int]:
    """Apply every migration not yet recorded; return the versions applied now."""
    applied = {row["version"] for row in graph.read(APPLIED_VERSIONS)}
    done: list[int] = []
    for migration in MIGRATIONS:
        if migration.version in applied:
            continue
        try:
            for step in migration.steps:
                if isinstance(step, DataStep):
                    graph.write(step.cypher, step.params())
                else:
                    graph.run_schema(step)
            graph.write(
                RECORD_MIGRATION,
                {"version": migration.version, "description": migration.description},
            )
        except Neo4jError as exc:
            raise MigrationError(
                f"migration {migration.version} ({migration.description}) failed: {exc}"
            ) from exc
        done.append(migration.version)
    graph.run_schema("CALL db.awaitIndexes(300)")
    return done


def schema_version(graph: Graph) -> int | None:
    rows = graph.read(SCHEMA_VERSION)
    return rows[0]["version"] if rows else None
