"""A person's decision on a review item: accept merges the held row into the proposed record, reject
loads it as a new record. Either way the row is written and the item closed in one transaction, and
the decision is remembered for the next import of the same row (see `ingest.resolution`).

A cross-source item (`ingest.cross_source`) holds no row: its row loaded as its own node. Accepting
it merges that node into the proposed one (`graph.node_merge`): links, ids and name move over and
the duplicate goes, in the same transaction that closes the item. A person item's row is held, not
loaded, so accepting it leaves no second node to merge."""

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
from graph.node_merge import MergeResult, merge_nodes
from graph.schema import Label
from ingest.columns import Kind
from ingest.external_keys import stored_holders
from ingest.merge_write import write_merges
from ingest.records import external_id, to_record
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
    merge: MergeResult | None = None  # a cross-source item: the two nodes merged


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
    if isinstance(model, OrganizationRow) and _cross_source(item) and model.org_id:
        return _merge_cross_source(graph, item_id, decided_by, candidate_id, model.org_id)
    setattr(model, "expert_id" if kind is Kind.EXPERTS else "org_id", candidate_id)
    record = gap_record(kind, model, stored[0]["props"])

    def work(tx: ManagedTransaction) -> None:
        write_merges(lambda unit: unit(tx), kind, [record])
        _decide(tx, item_id, "accepted", decided_by, None)

    graph.write_tx(work)
    return ReviewOutcome(item_id, "accepted", candidate_id)


def current_holder(graph: Graph, org_id: str) -> str:
    """The node now standing for `org_id`: itself, or the node it was merged into (which holds the
    external id its adapter id stands for)."""
    if graph.read(upserts.ORGANIZATION_HASHES, {"keys": [org_id]}):
        return org_id
    key = adapter_key(org_id)
    holders = sorted(stored_holders(graph, [key]).get(key, set())) if key else []
    return holders[0] if len(holders) == 1 else org_id


def _merge_cross_source(
    graph: Graph, item_id: str, decided_by: str, candidate_id: str, own_id: str
) -> ReviewOutcome:
    """Merge the row's own node into the proposed one and close the item, in one transaction."""
    keep, duplicate = current_holder(graph, candidate_id), current_holder(graph, own_id)
    # Its adapter id ("EU-PIC-…", "OA-I…") goes with the node: the next import of that source lands
    # on the kept node (`ingest.cross_source` follows the external id).
    own_keys = [external_id(k) for k in {adapter_key(own_id), adapter_key(duplicate)} if k]

    def work(tx: ManagedTransaction) -> MergeResult:
        result = merge_nodes(tx, Label.ORGANIZATION, keep, duplicate, external_ids=own_keys)
        _decide(tx, item_id, "accepted", decided_by, None)
        tx.run(upserts.BUMP_DATA_VERSION).consume()
        return result

    result = graph.write_tx(work)
    return ReviewOutcome(item_id, "accepted", keep, result)


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
