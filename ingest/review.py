"""A person's decision on a review item: accept merges the held row into the proposed record, reject
loads it as a new record. Either way the row is written and the item closed in one transaction, and
the decision is remembered for the next import of the same row (see `ingest.resolution`)."""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date
from typing import Any, LiteralString

from neo4j import ManagedTransaction

from graph import resolution as cypher
from graph import review_queue, upserts
from graph.connection import Graph
from graph.errors import NotFound, ReviewAlreadyDecided, ReviewItemNotFound
from graph.external_ids import adapter_key
from ingest.columns import Kind
from ingest.merge_write import write_merges
from ingest.records import to_record
from ingest.resolution import gap_record, new_org_id
from ingest.resolve_people import new_person_id
from ingest.rows import ExpertRow, ImportRow, OrganizationRow
from ingest.write import write_kind

KINDS = {"expert": Kind.EXPERTS, "organization": Kind.ORGANIZATIONS}
_BY_ID: dict[Kind, LiteralString] = {
    Kind.EXPERTS: cypher.EXPERT_BY_ID,
    Kind.ORGANIZATIONS: cypher.ORGANIZATION_BY_ID,
}
_EXISTING: dict[Kind, LiteralString] = {
    Kind.EXPERTS: upserts.EXPERT_HASHES,
    Kind.ORGANIZATIONS: upserts.ORGANIZATION_HASHES,
}


@dataclass(frozen=True)
class ReviewOutcome:
    item_id: str
    status: str  # accepted or rejected
    record_id: str  # the expert or organization the row was written to


def open_item(graph: Graph, item_id: str) -> dict[str, Any]:
    """The item, if it exists and is still open."""
    rows = graph.read(review_queue.REVIEW_ITEM, {"id": item_id})
    if not rows:
        raise ReviewItemNotFound(item_id)
    item: dict[str, Any] = rows[0]["item"]
    if item.get("status") != "open":
        raise ReviewAlreadyDecided(item_id, str(item.get("status")))
    return item


def held_row(item: dict[str, Any]) -> tuple[Kind, ImportRow]:
    """The incoming row as it was validated at import time (stored as JSON on the item)."""
    kind = KINDS[item["kind"]]
    model_class = ExpertRow if kind is Kind.EXPERTS else OrganizationRow
    return kind, model_class.model_construct(**json.loads(item["incoming"]))


def _cross_source(item: dict[str, Any]) -> bool:
    """An item `ingest.cross_source` queued: its row was loaded as its own node, not held."""
    return str(item.get("reason") or "").startswith("cross-source")


def _decide(
    tx: ManagedTransaction, item_id: str, status: str, decided_by: str, created_id: str | None
) -> None:
    params = {"id": item_id, "status": status, "decided_by": decided_by, "created_id": created_id}
    if tx.run(review_queue.DECIDE_REVIEW_ITEM, params).single() is None:
        raise ReviewAlreadyDecided(item_id, "decided")


def accept(graph: Graph, item_id: str, decided_by: str) -> ReviewOutcome:
    """Merge the held row into the proposed record: it fills the record's gaps, never overwrites."""
    item = open_item(graph, item_id)
    kind, model = held_row(item)
    candidate_id: str = item["candidate_id"]
    stored = graph.read(_BY_ID[kind], {"id": candidate_id})
    if not stored:
        raise NotFound(f"the proposed {item['kind']} {candidate_id!r} is no longer in the graph")
    if isinstance(model, OrganizationRow) and _cross_source(item):
        # The row already loaded as its own node: its source's id now names the proposed one, so the
        # next import of that source lands there (the own node's links are not moved).
        own_key = adapter_key(model.org_id)
        model.external_ids = sorted({*model.external_ids, *([own_key] if own_key else [])})
    setattr(model, "expert_id" if kind is Kind.EXPERTS else "org_id", candidate_id)
    record = gap_record(kind, model, stored[0]["props"])

    def work(tx: ManagedTransaction) -> None:
        write_merges(lambda unit: unit(tx), kind, [record])
        _decide(tx, item_id, "accepted", decided_by, None)

    graph.write_tx(work)
    return ReviewOutcome(item_id, "accepted", candidate_id)


def reject(graph: Graph, item_id: str, decided_by: str) -> ReviewOutcome:
    """Load the held row as a new record, with the deterministic id a new row gets (or -2, -3...)."""
    item = open_item(graph, item_id)
    kind, model = held_row(item)
    if isinstance(model, OrganizationRow) and _cross_source(item) and model.org_id:
        # The row is already its own node (`ingest.cross_source`): only the item closes.
        own_id = model.org_id
        graph.write_tx(lambda tx: _decide(tx, item_id, "rejected", decided_by, own_id))
        return ReviewOutcome(item_id, "rejected", own_id)
    if isinstance(model, ExpertRow):
        wanted = new_person_id(model.name, model.birth_year)
    else:
        assert isinstance(model, OrganizationRow)
        wanted = new_org_id(model)
    new_id, number = wanted, 1
    while graph.read(_EXISTING[kind], {"keys": [new_id]}):
        number += 1
        new_id = f"{wanted}-{number}"
    setattr(model, "expert_id" if kind is Kind.EXPERTS else "org_id", new_id)
    record = to_record(kind, model)

    def work(tx: ManagedTransaction) -> None:
        write_kind(lambda unit: unit(tx), kind, [record], batch_size=1, year=date.today().year)
        _decide(tx, item_id, "rejected", decided_by, new_id)

    graph.write_tx(work)
    return ReviewOutcome(item_id, "rejected", new_id)
