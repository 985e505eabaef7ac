"""Write what resolution decided: merged rows (gaps filled, links added) and review items.

Both run in the import's own transaction(s), through the same `Runner` as the normal write, so a
batch with merges still commits whole or not at all.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, LiteralString

from neo4j import ManagedTransaction

from graph import resolution as cypher
from graph import review_queue
from ingest.columns import Kind
from ingest.records import Record
from ingest.write import Runner

# (statement, the record value it needs): the follow-ups of a merged row, add-only.
_MERGE_STEPS: dict[Kind, tuple[tuple[LiteralString, str], ...]] = {
    Kind.ORGANIZATIONS: (
        (cypher.FILL_ORGANIZATION_GAPS, "id"),
        (cypher.ADD_ORGANIZATION_PARENTS, "parent_id"),
        (cypher.ADD_ORGANIZATION_EXTERNAL_IDS, "external_ids"),
    ),
    Kind.EXPERTS: (
        (cypher.FILL_EXPERT_GAPS, "id"),
        (cypher.ADD_EXPERT_EMPLOYERS, "org_id"),
        (cypher.ADD_EXPERT_SECTORS, "sector"),
        (cypher.ADD_EXPERT_FIELDS, "fields"),
        (cypher.ADD_EXPERT_TOPICS, "topics"),
    ),
}


def write_merges(run: Runner, kind: Kind, records: Sequence[Record]) -> int:
    """Fill the stored nodes' gaps from merged rows; returns how many rows brought anything new."""
    if not records:
        return 0
    rows = list(records)

    def work(tx: ManagedTransaction) -> None:
        for query, needs in _MERGE_STEPS[kind]:
            chosen = [r for r in rows if r.get(needs)]
            if chosen:
                tx.run(query, rows=chosen).consume()

    run(work)
    return sum(1 for r in rows if r["props"])


def write_review_items(run: Runner, items: Sequence[dict[str, Any]]) -> None:
    if not items:
        return
    chosen = list(items)

    def work(tx: ManagedTransaction) -> None:
        tx.run(review_queue.MERGE_REVIEW_ITEMS, items=chosen).consume()

    run(work)
