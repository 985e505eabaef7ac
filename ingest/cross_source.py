"""One organization across data sources: a CORDIS row (`EU-PIC-…`) that is an OpenAlex institution
already in the graph (`OA-I…`), or the other way round, joins that node instead of making a second.

Runs in every import (adapters load with explicit ids, so the resolution of id-less rows never sees
them), and costs two small reads when the graph holds no organization of another source. For each
named organization row of an adapter whose own id is not in the graph yet:

* its own id already links to a node of another source (an earlier import joined them): it becomes
  that node again, so re-importing changes nothing;
* a sure name match (`ingest.org_crosswalk`: same country, same language-free words): it becomes the
  stored node, which gains the row's id (`pic:…`, `openalex:…`) and its other ids (ROR) as
  `ExternalId`s, and every reference of the batch to the row's id is rewritten;
* an unsure one: the row loads as its own node, and a review item proposes the match; a person
  decides, nothing merges silently;
* otherwise it loads as its own node.
"""

from __future__ import annotations

from graph import resolution as cypher
from graph.connection import Graph
from graph.external_ids import ADAPTER_PREFIXES, adapter_key
from ingest.columns import Kind
from ingest.external_keys import Rewrites
from ingest.org_crosswalk import CrossIndex, CrossMatch, CrossOrg
from ingest.resolution import Resolved, _review_item, gap_record, row_key
from ingest.resolve_orgs import OrgMatch, OrgRecord
from ingest.rows import OrganizationRow
from ingest.validate import Batch, ValidRow


def _review(row: ValidRow, match: CrossMatch) -> dict[str, object]:
    """A review item proposing the stored organization; the row itself still loads as its own node."""
    assert isinstance(row.model, OrganizationRow)
    candidate = OrgRecord.of(match.candidate.id, match.candidate.name)
    features: dict[str, float | None] = {"name": round(match.score, 3), "country": 1.0}
    item = _review_item(
        Kind.ORGANIZATIONS,
        row,
        row_key(Kind.ORGANIZATIONS, row.model),
        OrgMatch(candidate, match.score, features),
        f"cross-source: {match.reason}",
    )
    return item


def _prefix(org_id: str) -> str:
    return next(p for p in ADAPTER_PREFIXES if org_id.startswith(p))


def resolve_across_sources(graph: Graph, batch: Batch, resolved: Resolved) -> None:
    """Join the batch's adapter organization rows to the nodes of other sources they are."""
    kind = Kind.ORGANIZATIONS
    rows: list[tuple[ValidRow, OrganizationRow, str]] = []
    for row in batch.rows.get(kind, []):
        model = row.model
        if isinstance(model, OrganizationRow) and not model.unnamed and (key := adapter_key(model.org_id)):
            rows.append((row, model, key))
    if not rows:
        return
    ours = sorted({_prefix(model.org_id or "") for _, model, _ in rows})
    others = sorted(set(ADAPTER_PREFIXES) - set(ours))
    schemes = [ADAPTER_PREFIXES[p] for p in ours]
    linked = {r["key"]: r["holder"] for r in graph.read(cypher.EXTERNAL_IDS_OF_SCHEMES, {"schemes": schemes})}
    countries = sorted({m.country for _, m, _ in rows if m.country})
    known = None if any(m.country is None for _, m, _ in rows) else countries
    params = {"prefixes": others, "countries": known}
    stored_other = graph.read(cypher.ORGANIZATIONS_WITH_PREFIX, params) if others else []
    if not linked and not stored_other:
        return
    existing = {r["id"] for r in graph.read(cypher.ORGANIZATION_IDS_WITH_PREFIX, {"prefixes": ours})}
    index = CrossIndex(
        CrossOrg.of(r["id"], r["name"] or "", r["country"], r["short_name"], r["city"]) for r in stored_other
    )
    joins: list[tuple[ValidRow, OrganizationRow, str, str]] = []
    for row, model, own_key in rows:
        own = model.org_id or ""
        target = linked.get(own_key)
        if target is None and own not in existing and index.records:
            match = index.best(CrossOrg.of(own, model.name, model.country, model.short_name, model.city))
            if match is not None and match.action == "merge":
                target = match.candidate.id
            elif match is not None:
                resolved.review_items.append(_review(row, match))
                resolved.queued[kind] = resolved.queued.get(kind, 0) + 1
        if target is not None and target != own:
            joins.append((row, model, own_key, target))
    if not joins:
        return
    stored_props = {
        r["id"]: r["props"]
        for r in graph.read(cypher.ORGANIZATION_PROPS, {"ids": sorted({t for *_, t in joins})})
    }
    rewrites = Rewrites()
    for _, model, own_key, target in joins:
        rewrites.ids[model.org_id or ""] = target
        model.external_ids = sorted({*model.external_ids, own_key})
        model.org_id = target
        resolved.merges.add(kind, gap_record(kind, model, stored_props.get(target) or {}))
        resolved.merged[kind] = resolved.merged.get(kind, 0) + 1
    joined = {id(row) for row, *_ in joins}
    batch.rows[kind] = [r for r in batch.rows[kind] if id(r) not in joined]
    rewrites.apply(batch.rows)
