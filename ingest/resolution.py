"""Entity resolution inside an import: give every expert and organization row without an id the id
of the stored record it is, queue it for a person to decide, or give it a new id.

Sure matches merge: the row takes the stored id and only fills the node's gaps (`MergePlan`). Unsure
pairs become review items and their rows are held, not loaded, until accepted or rejected. The rest
get a deterministic id from the folded name and birth year (`new_person_id`), so importing the same
file again finds the same nodes. Decisions already taken on a row are followed on re-import.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from graph import resolution as cypher
from graph import review_queue
from graph.connection import Graph
from graph.settings import ResolutionSettings
from graph.text import fold
from ingest.columns import Kind
from ingest.external_keys import Rewrites, stored_holders
from ingest.people_index import PeopleIndex
from ingest.person_records import org_from_graph, org_from_row, person_from_graph, person_from_row
from ingest.records import Record, to_record
from ingest.resolve_orgs import OrgIndex, OrgMatch, score_orgs
from ingest.resolve_people import (
    Decision,
    PersonMatch,
    PersonRecord,
    block_keys,
    new_person_id,
    resolve_person,
)
from ingest.rows import ExpertRow, ImportRow, OrganizationRow
from ingest.validate import Batch, ValidRow

REVIEW_KIND = {Kind.EXPERTS: "expert", Kind.ORGANIZATIONS: "organization"}
# Properties a merged row never writes: the stored name (and its keys) is the one people chose.
_NEVER_FILL = frozenset({"name", "name_key", "initials_key", "row_hash"})


@dataclass
class MergePlan:
    """Merged rows per kind, as records whose `props` hold only what the stored node lacks."""

    records: dict[Kind, list[Record]] = field(default_factory=dict)

    def add(self, kind: Kind, record: Record) -> None:
        self.records.setdefault(kind, []).append(record)


@dataclass
class Resolved:
    merges: MergePlan = field(default_factory=MergePlan)
    review_items: list[dict[str, Any]] = field(default_factory=list)
    merged: dict[Kind, int] = field(default_factory=dict)
    queued: dict[Kind, int] = field(default_factory=dict)
    new: dict[Kind, int] = field(default_factory=dict)


# Columns added after decisions were recorded: left out of a row's fingerprint while empty, so a row
# imported again without them still finds its decision.
_LATER_COLUMNS = frozenset({"city", "address", "post_code", "nuts_code", "geolocation"})


def row_key(kind: Kind, model: ImportRow) -> str:
    """The fingerprint of an incoming row's content (its id left out): how a decision is found again."""
    data = model.model_dump(mode="json", exclude={"org_id" if kind is Kind.ORGANIZATIONS else "expert_id"})
    data = {k: v for k, v in data.items() if not (k in _LATER_COLUMNS and v is None)}
    canonical = json.dumps([kind.value, data], sort_keys=True, ensure_ascii=False)
    return hashlib.blake2b(canonical.encode(), digest_size=12).hexdigest()


def new_org_id(row: OrganizationRow) -> str:
    seed = f"{' '.join(org_from_row(row).words)}|{fold(row.province or '')}"
    return "ORG-" + hashlib.blake2b(seed.encode(), digest_size=5).hexdigest().upper()


def gap_record(kind: Kind, model: ImportRow, stored_props: dict[str, Any]) -> Record:
    """The row's record cut to the properties the stored node has no value for."""
    record = to_record(kind, model)
    record["props"] = {
        k: v for k, v in record["props"].items() if k not in _NEVER_FILL and stored_props.get(k) is None
    }
    return record


def _free_id(wanted: str, taken: Callable[[str], bool]) -> str:
    """`wanted`, or `wanted-2`, `wanted-3`...: a namesake born the same year keeps their own id."""
    candidate, number = wanted, 1
    while taken(candidate):
        number += 1
        candidate = f"{wanted}-{number}"
    return candidate


def _set_id(kind: Kind, model: ImportRow, new_id: str) -> None:
    setattr(model, "expert_id" if kind is Kind.EXPERTS else "org_id", new_id)


def _review_item(
    kind: Kind, row: ValidRow, key: str, match: PersonMatch | OrgMatch, reason: str
) -> dict[str, Any]:
    candidate_id = match.candidate.id or ""
    # One item per row: a re-import that finds another candidate first keeps the item already queued.
    item_id = "RV-" + hashlib.blake2b(key.encode(), digest_size=8).hexdigest().upper()
    props = {
        "kind": REVIEW_KIND[kind],
        "row_key": key,
        "incoming": row.model.model_dump_json(),
        "candidate_id": candidate_id,
        "score": round(match.score, 4),
        "features": json.dumps(match.features, ensure_ascii=False),
        "reason": reason,
        "file": row.file,
        "sheet": row.sheet,
        "row": row.row,
    }
    return {"id": item_id, "props": props}


def _decisions(graph: Graph, keys: list[str]) -> dict[str, dict[str, Any]]:
    if not keys:
        return {}
    return {r["row_key"]: r for r in graph.read(review_queue.REVIEW_DECISIONS, {"row_keys": keys})}


def _person_candidates(graph: Graph, incoming: list[PersonRecord]) -> list[dict[str, Any]]:
    keys = set().union(*(block_keys(r.tokens) for r in incoming)) if incoming else set()

    def of(prefix: str) -> list[str]:
        return sorted(k[2:] for k in keys if k.startswith(prefix))

    params = {
        "emails": sorted({r.email for r in incoming if r.email}),
        "orcids": sorted({r.orcid for r in incoming if r.orcid}),
        "staff_codes": sorted({r.staff_code for r in incoming if r.staff_code}),
        "initials": of("i:"),
        "edges": of("e:"),
        "typos": of("g:"),
    }
    return graph.read(cypher.EXPERT_CANDIDATES, params)


def resolve_batch(graph: Graph, batch: Batch, settings: ResolutionSettings) -> Resolved:
    """Settle every id-less expert and organization row of `batch` (organizations first, since experts
    point at them). Rows that merge or wait for review leave `batch.rows`; the others get an id."""
    resolved = Resolved()
    org_rows = batch.rows.get(Kind.ORGANIZATIONS, [])
    if any(
        getattr(r.model, "org_id", None) is None or getattr(r.model, "external_ids", None) for r in org_rows
    ):
        _resolve_orgs(graph, batch, settings, resolved)
    expert_rows = batch.rows.get(Kind.EXPERTS, [])
    if any(getattr(r.model, "expert_id", None) is None for r in expert_rows):
        _resolve_experts(graph, batch, settings, resolved)
    return resolved


def _holder(keys: list[str], holders: dict[str, set[str]]) -> set[str]:
    return set().union(*(holders.get(k, set()) for k in keys)) if keys else set()


def _resolve_orgs(graph: Graph, batch: Batch, settings: ResolutionSettings, resolved: Resolved) -> None:
    """External ids first (`ingest.external_keys`), then the name score."""
    kind = Kind.ORGANIZATIONS
    stored = {r["id"]: r for r in graph.read(cypher.ORGANIZATION_CANDIDATES)}
    index = OrgIndex(org_from_graph(r) for r in stored.values())
    batch_props: dict[str, dict[str, Any]] = {}
    rows = batch.rows[kind]
    models = [r.model for r in rows if isinstance(r.model, OrganizationRow)]
    holders = stored_holders(graph, (k for m in models for k in m.external_ids))
    rewrites = Rewrites()
    for row in rows:
        model = row.model
        if isinstance(model, OrganizationRow) and model.org_id is not None:
            others = _holder(model.external_ids, holders) - {model.org_id}
            if len(others) == 1:  # an agency's own code for an organization the graph knows
                rewrites.ids[model.org_id] = next(iter(others))
                continue
            index.add(org_from_row(model))
            batch_props[model.org_id] = to_record(kind, model)["props"]
            for key in model.external_ids:
                holders.setdefault(key, {model.org_id})
    rewritten = [r for r in rows if isinstance(r.model, OrganizationRow) and r.model.org_id in rewrites.ids]
    for row in rewritten:
        assert isinstance(row.model, OrganizationRow) and row.model.org_id is not None
        holder = rewrites.ids[row.model.org_id]
        _set_id(kind, row.model, holder)
        resolved.merges.add(kind, gap_record(kind, row.model, (stored.get(holder) or {}).get("props") or {}))
        resolved.merged[kind] = resolved.merged.get(kind, 0) + 1
    rewrites.apply(batch.rows)
    rows = [r for r in rows if not any(r is w for w in rewritten)]
    pending = [r for r in rows if isinstance(r.model, OrganizationRow) and r.model.org_id is None]
    decisions = _decisions(graph, [row_key(kind, r.model) for r in pending])
    held = {id(r) for r in pending}
    kept = [r for r in rows if id(r) not in held]
    for row in pending:
        model = row.model
        assert isinstance(model, OrganizationRow)
        key = row_key(kind, model)
        decided = decisions.get(key)
        match = index.best(org_from_row(model), settings)
        target: str | None = None
        reason = "score"
        by_external_id = sorted(_holder(model.external_ids, holders))
        if len(by_external_id) == 1:  # a strong key decides before any name is scored
            action, target = "merge", by_external_id[0]
        elif len(by_external_id) > 1:  # its ids name two organizations: a person must choose
            candidates = [index.records[i] for i in by_external_id if i in index.records]
            scored = [score_orgs(org_from_row(model), c, settings) for c in candidates]
            match = max(scored, key=lambda m: m.score, default=match)
            action, reason = "review", "conflict"
        elif decided is not None:
            accepted = decided["status"] == "accepted"
            target = decided["candidate_id"] if accepted else decided["created_id"]
            action = "merge" if accepted else "new"
        elif match is None or match.score < settings.org_review_threshold:
            action = "new"
        elif match.score >= settings.org_sure_threshold:
            action, target = "merge", match.candidate.id
        else:
            action = "review"
        own = new_org_id(model)
        if action == "merge" and target is not None and target != own:
            props = (stored.get(target) or {}).get("props") or batch_props.get(target, {})
            _set_id(kind, model, target)
            resolved.merges.add(kind, gap_record(kind, model, props))
            resolved.merged[kind] = resolved.merged.get(kind, 0) + 1
        elif action == "review" and match is not None:
            resolved.review_items.append(_review_item(kind, row, key, match, reason))
            resolved.queued[kind] = resolved.queued.get(kind, 0) + 1
        else:
            new_id = target or _free_id(own, lambda i: i in index.records)
            _set_id(kind, model, new_id)
            index.add(org_from_row(model))
            batch_props[new_id] = to_record(kind, model)["props"]
            kept.append(row)
            resolved.new[kind] = resolved.new.get(kind, 0) + (new_id not in stored)
            for external in model.external_ids:
                holders.setdefault(external, {new_id})
    batch.rows[kind] = sorted(kept, key=lambda r: (r.file, r.sheet, r.row))


def _resolve_experts(graph: Graph, batch: Batch, settings: ResolutionSettings, resolved: Resolved) -> None:
    kind = Kind.EXPERTS
    rows = batch.rows[kind]
    org_names = {
        r.model.org_id: r.model.name
        for r in batch.rows.get(Kind.ORGANIZATIONS, [])
        if isinstance(r.model, OrganizationRow) and r.model.org_id
    }
    stored_orgs = {r["id"]: r["name"] for r in graph.read(cypher.ORGANIZATION_CANDIDATES)}
    org_names = {**stored_orgs, **org_names}
    pending = [r for r in rows if isinstance(r.model, ExpertRow) and r.model.expert_id is None]
    incoming = {id(r): person_from_row(r.model, org_names) for r in pending if isinstance(r.model, ExpertRow)}
    stored = {r["id"]: r for r in _person_candidates(graph, list(incoming.values()))}
    index = PeopleIndex(person_from_graph(r) for r in stored.values())
    index.expect(incoming.values())
    batch_props: dict[str, dict[str, Any]] = {}
    for row in rows:
        if isinstance(row.model, ExpertRow) and row.model.expert_id is not None:
            index.add(person_from_row(row.model, org_names))
            batch_props[row.model.expert_id] = to_record(kind, row.model)["props"]
    decisions = _decisions(graph, [row_key(kind, r.model) for r in pending])
    held = {id(r) for r in pending}
    kept = [r for r in rows if id(r) not in held]
    for row in pending:
        model = row.model
        assert isinstance(model, ExpertRow)
        key = row_key(kind, model)
        decided = decisions.get(key)
        decision: Decision | None = None
        target: str | None = None
        if decided is not None:
            action = "merge" if decided["status"] == "accepted" else "new"
            target = decided["candidate_id"] if action == "merge" else decided["created_id"]
        else:
            decision = resolve_person(incoming[id(row)], index, settings)
            action = decision.action
            target = decision.candidate_id if action == "merge" else None
        own = new_person_id(model.name, model.birth_year)
        if action == "merge" and target is not None and target != own:
            props = (stored.get(target) or {}).get("props") or batch_props.get(target, {})
            _set_id(kind, model, target)
            resolved.merges.add(kind, gap_record(kind, model, props))
            resolved.merged[kind] = resolved.merged.get(kind, 0) + 1
        elif action == "review" and decision is not None and decision.match is not None:
            resolved.review_items.append(_review_item(kind, row, key, decision.match, decision.reason))
            resolved.queued[kind] = resolved.queued.get(kind, 0) + 1
        else:
            new_id = target or _free_id(own, lambda i: i in index.records)
            _set_id(kind, model, new_id)
            index.add(person_from_row(model, org_names))
            batch_props[new_id] = to_record(kind, model)["props"]
            kept.append(row)
            resolved.new[kind] = resolved.new.get(kind, 0) + (new_id not in stored)
    batch.rows[kind] = sorted(kept, key=lambda r: (r.file, r.sheet, r.row))
