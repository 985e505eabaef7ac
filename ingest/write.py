"""Write validated records: skip the unchanged, MERGE the rest, then their links, in UNWIND chunks.

Each kind has a `Plan`: a read of the stored row hashes, a MERGE of the nodes (or relationships),
and follow-up steps for the links. Work is cut into units (one chunk of one statement family), and a
`Runner` decides how units meet transactions: all in one (a batch commits whole or not at all), or
one each (for batches too large for the server's transaction memory). Every unit is idempotent, so
a driver retry, or re-running an interrupted import, gives the same graph.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from functools import partial
from typing import Any, LiteralString, TypeVar

from neo4j import ManagedTransaction

from graph import honour_upserts, upserts
from ingest.columns import Kind
from ingest.records import Record, record_key

T = TypeVar("T")
# Runs one unit of work in a transaction and gives back its result.
Runner = Callable[[Callable[[ManagedTransaction], Any]], Any]


@dataclass(frozen=True)
class Step:
    """A follow-up statement for the records that carry `needs` (e.g. only rows with an org_id)."""

    query: LiteralString
    needs: str


@dataclass(frozen=True)
class Plan:
    hashes: LiteralString
    merge: LiteralString
    steps: tuple[Step, ...] = ()


PLANS: dict[Kind, Plan] = {
    Kind.ORGANIZATIONS: Plan(
        upserts.ORGANIZATION_HASHES,
        upserts.MERGE_ORGANIZATIONS,
        (
            Step(upserts.LINK_ORGANIZATION_PARENTS, "parent_id"),
            Step(upserts.LINK_ORGANIZATION_EXTERNAL_IDS, "external_ids"),
        ),
    ),
    Kind.EXPERTS: Plan(
        upserts.EXPERT_HASHES,
        upserts.MERGE_EXPERTS,
        (
            Step(upserts.SET_EXPERT_EMPLOYERS, "org_id"),
            Step(upserts.REPLACE_EXPERT_SECTORS, "sector"),
            Step(upserts.REPLACE_EXPERT_FIELDS, "fields"),
            Step(upserts.REPLACE_EXPERT_TOPICS, "topics"),
        ),
    ),
    Kind.PROJECTS: Plan(
        upserts.PROJECT_HASHES,
        upserts.MERGE_PROJECTS,
        (
            Step(upserts.REPLACE_PROJECT_SECTORS, "sector"),
            Step(upserts.REPLACE_PROJECT_FIELDS, "fields"),
        ),
    ),
    Kind.PUBLICATIONS: Plan(
        upserts.PUBLICATION_HASHES,
        upserts.MERGE_PUBLICATIONS,
        (Step(upserts.REPLACE_PUBLICATION_FIELDS, "fields"),),
    ),
    Kind.PROJECT_MEMBERS: Plan(upserts.MEMBER_HASHES, upserts.MERGE_MEMBERS),
    Kind.PROJECT_PARTNERS: Plan(upserts.PARTNER_HASHES, upserts.MERGE_PARTNERS),
    Kind.PUBLICATION_AUTHORS: Plan(upserts.AUTHOR_HASHES, upserts.MERGE_AUTHORS),
    Kind.PROPOSALS: Plan(
        upserts.PROPOSAL_HASHES,
        upserts.MERGE_PROPOSALS,
        (
            Step(upserts.REPLACE_PROPOSAL_FIELDS, "fields"),
            Step(upserts.REPLACE_PROPOSAL_ORGS, "orgs"),
        ),
    ),
    Kind.PROPOSAL_MEMBERS: Plan(upserts.PROPOSAL_MEMBER_HASHES, upserts.MERGE_PROPOSAL_MEMBERS),
    Kind.PATENTS: Plan(
        honour_upserts.PATENT_HASHES,
        honour_upserts.MERGE_PATENTS,
        (
            Step(honour_upserts.REPLACE_PATENT_INVENTORS, "inventors"),
            Step(honour_upserts.REPLACE_PATENT_OWNERS, "owners"),
            Step(honour_upserts.REPLACE_PATENT_FIELDS, "fields"),
            Step(honour_upserts.REPLACE_PATENT_TOPICS, "topics"),
        ),
    ),
    Kind.AWARDS: Plan(
        honour_upserts.AWARD_HASHES,
        honour_upserts.MERGE_AWARDS,
        (Step(honour_upserts.REPLACE_AWARD_FIELDS, "fields"),),
    ),
    Kind.MEMBERSHIPS: Plan(honour_upserts.MEMBERSHIP_HASHES, honour_upserts.MERGE_MEMBERSHIPS),
}


# A relationship kind's two ends: the node kind and the record field that holds its key.
ENDS: dict[Kind, tuple[tuple[Kind, str], tuple[Kind, str]]] = {
    Kind.PROJECT_MEMBERS: ((Kind.PROJECTS, "project_code"), (Kind.EXPERTS, "expert_id")),
    Kind.PROJECT_PARTNERS: ((Kind.PROJECTS, "project_code"), (Kind.ORGANIZATIONS, "org_id")),
    Kind.PUBLICATION_AUTHORS: ((Kind.PUBLICATIONS, "pub_id"), (Kind.EXPERTS, "expert_id")),
    Kind.PROPOSAL_MEMBERS: ((Kind.PROPOSALS, "proposal_code"), (Kind.EXPERTS, "expert_id")),
    # An award row is a recipient's link; its award node is merged in the same statement.
    Kind.AWARDS: ((Kind.EXPERTS, "expert_id"), (Kind.EXPERTS, "expert_id")),
    Kind.MEMBERSHIPS: ((Kind.EXPERTS, "expert_id"), (Kind.ORGANIZATIONS, "org_id")),
}
# Keys of the nodes this import created, by kind (filled by `write_kind`).
NewKeys = dict[Kind, set[str]]


def write_cost(kind: Kind, record: Record) -> int:
    """How many things a record may write: its node or relationship, and each link of its steps.

    Transaction memory grows with this, not with rows: an expert with two fields, two topics, an
    employer and a sector is seven writes.
    """
    cost = 1
    for step in PLANS[kind].steps:
        value = record.get(step.needs)
        cost += len(value) if isinstance(value, list) else int(value is not None)
    return cost


@dataclass
class Counts:
    created: int = 0
    updated: int = 0
    unchanged: int = 0


def _chunks(items: Sequence[T], size: int) -> Iterator[list[T]]:
    for start in range(0, len(items), size):
        yield list(items[start : start + size])


def _on_a_new_node(kind: Kind, new_keys: NewKeys) -> Callable[[Record], bool]:
    """Whether a relationship record has an end this import created: then it cannot be stored yet."""
    ends = ENDS.get(kind)
    if ends is None:
        return lambda record: False
    (kind_a, field_a), (kind_b, field_b) = ends
    new_a, new_b = new_keys.get(kind_a, set()), new_keys.get(kind_b, set())
    return lambda record: record[field_a] in new_a or record[field_b] in new_b


def _merge_chunk(
    kind: Kind, chunk: list[Record], year: int, new_keys: NewKeys
) -> Callable[[ManagedTransaction], tuple[Counts, list[Record]]]:
    """A unit: read the chunk's stored hashes, MERGE the records whose hash differs.

    Links to a node this import created are new without asking: on a first load of CORDIS that
    skips reading back 145k participation hashes that cannot exist.
    """
    plan = PLANS[kind]
    is_new = _on_a_new_node(kind, new_keys)
    fresh = [r for r in chunk if is_new(r)]
    known = [r for r in chunk if not is_new(r)] if fresh else chunk

    def work(tx: ManagedTransaction) -> tuple[Counts, list[Record]]:
        counts, changed, created = _compare(tx, kind, known) if known else (Counts(), [], [])
        counts.created += len(fresh)
        changed = fresh + changed
        if changed:
            tx.run(plan.merge, rows=changed, year=year).consume()
        if kind not in ENDS:
            new_keys.setdefault(kind, set()).update(r["id"] for r in created)
        return counts, changed

    return work


def _compare(
    tx: ManagedTransaction, kind: Kind, chunk: list[Record]
) -> tuple[Counts, list[Record], list[Record]]:
    """Read the chunk's stored hashes: the counts, the records that differ, and those not stored."""
    keys = [record_key(kind, r) for r in chunk]
    params = [list(k) if isinstance(k, tuple) else k for k in keys]
    stored: dict[Any, str | None] = {}
    for row in tx.run(PLANS[kind].hashes, keys=params):
        key = row["key"]
        stored[tuple(key) if isinstance(key, list) else key] = row["row_hash"]
    changed = [r for k, r in zip(keys, chunk, strict=True) if stored.get(k, "") != r["row_hash"]]
    counts = Counts(created=sum(1 for k in keys if k not in stored))
    counts.updated = len(changed) - counts.created
    counts.unchanged = len(chunk) - len(changed)
    return counts, changed, [r for k, r in zip(keys, chunk, strict=True) if k not in stored]


def count_kind(run: Runner, kind: Kind, records: Sequence[Record], *, batch_size: int) -> Counts:
    """What `write_kind` would do, by reading only: the counts of a dry run."""
    total = Counts()
    for chunk in _chunks(records, batch_size):
        counts, _, _ = run(partial(_compare, kind=kind, chunk=chunk))
        total.created += counts.created
        total.updated += counts.updated
        total.unchanged += counts.unchanged
    return total


def _run_step(query: LiteralString, chunk: list[Record], year: int) -> Callable[[ManagedTransaction], None]:
    def work(tx: ManagedTransaction) -> None:
        tx.run(query, rows=chunk, year=year).consume()

    return work


# Told how many records of a kind were just compared and merged (for progress bars).
Progress = Callable[[Kind, int], None]


def write_kind(
    run: Runner,
    kind: Kind,
    records: Sequence[Record],
    *,
    batch_size: int,
    year: int,
    progress: Progress | None = None,
    new_keys: NewKeys | None = None,
) -> Counts:
    """Write one kind's records; its follow-up steps start once all of its nodes exist.

    `new_keys` collects the keys of the nodes created here, and tells a later relationship kind
    which of its links cannot be stored yet; pass one per import (and per attempt of a retried
    transaction), or None.
    """
    total = Counts()
    changed: list[Record] = []
    for chunk in _chunks(records, batch_size):
        counts, chunk_changed = run(_merge_chunk(kind, chunk, year, {} if new_keys is None else new_keys))
        if progress is not None:
            progress(kind, len(chunk))
        total.created += counts.created
        total.updated += counts.updated
        total.unchanged += counts.unchanged
        changed.extend(chunk_changed)
    for step in PLANS[kind].steps:
        for chunk in _chunks([r for r in changed if r.get(step.needs)], batch_size):
            run(_run_step(step.query, chunk, year))
    return total
