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

from graph import upserts
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
}


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


def _merge_chunk(
    kind: Kind, chunk: list[Record], year: int
) -> Callable[[ManagedTransaction], tuple[Counts, list[Record]]]:
    """A unit: read the chunk's stored hashes, MERGE the records whose hash differs."""
    plan = PLANS[kind]

    def work(tx: ManagedTransaction) -> tuple[Counts, list[Record]]:
        counts, changed = _compare(tx, kind, chunk)
        if changed:
            tx.run(plan.merge, rows=changed, year=year).consume()
        return counts, changed

    return work


def _compare(tx: ManagedTransaction, kind: Kind, chunk: list[Record]) -> tuple[Counts, list[Record]]:
    """Read the chunk's stored hashes: what is new, what differs, and what the graph already holds."""
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
    return counts, changed


def count_kind(run: Runner, kind: Kind, records: Sequence[Record], *, batch_size: int) -> Counts:
    """What `write_kind` would do, by reading only: the counts of a dry run."""
    total = Counts()
    for chunk in _chunks(records, batch_size):
        counts, _ = run(partial(_compare, kind=kind, chunk=chunk))
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
) -> Counts:
    """Write one kind's records; its follow-up steps start once all of its nodes exist."""
    total = Counts()
    changed: list[Record] = []
    for chunk in _chunks(records, batch_size):
        counts, chunk_changed = run(_merge_chunk(kind, chunk, year))
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
