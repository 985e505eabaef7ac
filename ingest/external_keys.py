"""Organizations' ids in other systems as strong keys: who holds each one, the errors when two
organizations would share one, and the rewriting of an agency's own code to the organization the id
names.

An id (`ror:04vnq7t77`, `pic:999974747`, `bkhcn:0173`) names one organization. Without entity
resolution, a row whose id another organization holds is an error naming the holder. With it, an
organization row is that holder: an empty `org_id` takes the holder's id before any name is scored,
and an agency's own `org_id` ("DAAD-STUTT") is rewritten to the holder's id in every table of the
batch, so members, partners and employees land on the one node.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field

from graph import upserts
from graph.connection import Graph
from graph.errors import RowError
from graph.external_ids import adapter_key, implicit_org_id
from ingest.columns import Kind
from ingest.rows import OrganizationRow, PatentRow, ProposalRow

# Columns that hold an organization id, per table (ProposalRow.partner_org_ids holds a list).
ORG_REFERENCES: tuple[tuple[Kind, str], ...] = (
    (Kind.ORGANIZATIONS, "parent_org_id"),
    (Kind.EXPERTS, "org_id"),
    (Kind.PROJECT_PARTNERS, "org_id"),
    (Kind.PROPOSALS, "host_org_id"),
    (Kind.MEMBERSHIPS, "org_id"),
)


def stored_holders(graph: Graph, keys: Iterable[str]) -> dict[str, set[str]]:
    """{external id: ids of the stored organizations holding it} for the ids some organization holds."""
    ids = [{"key": k, "implicit_id": implicit_org_id(k)} for k in sorted(set(keys))]
    if not ids:
        return {}
    rows = graph.read(upserts.ORGANIZATIONS_BY_EXTERNAL_ID, {"ids": ids})
    return {r["key"]: set(r["holders"]) for r in rows if r["holders"]}


def stored_org_ids(graph: Graph, ids: Iterable[str]) -> set[str]:
    rows = graph.read(upserts.ORGANIZATION_HASHES, {"keys": sorted(set(ids))})
    return {r["key"] for r in rows}


@dataclass(frozen=True)
class Located:
    """An organization row and where it is (the fields of `ingest.validate.ValidRow` errors need)."""

    model: OrganizationRow
    file: str
    sheet: str
    row: int


@dataclass
class Rewrites:
    """Agency codes rewritten to the id of the organization their external id names."""

    ids: dict[str, str] = field(default_factory=dict)

    def apply(self, rows_by_kind: Mapping[Kind, Sequence[object]]) -> None:
        """Point every organization reference of the batch at the rewritten ids."""
        if not self.ids:
            return
        for kind, column in ORG_REFERENCES:
            for row in rows_by_kind.get(kind, []):
                model = getattr(row, "model", None)
                value = getattr(model, column, None)
                if value in self.ids:
                    setattr(model, column, self.ids[value])
        for row in rows_by_kind.get(Kind.PROPOSALS, []):
            model = getattr(row, "model", None)
            if isinstance(model, ProposalRow):
                model.partner_org_ids = [self.ids.get(i, i) for i in model.partner_org_ids]
        for row in rows_by_kind.get(Kind.PATENTS, []):
            model = getattr(row, "model", None)
            if isinstance(model, PatentRow):
                model.owner_org_ids = list(dict.fromkeys(self.ids.get(i, i) for i in model.owner_org_ids))


def _referenced_org_ids(rows_by_kind: Mapping[Kind, Sequence[object]]) -> set[str]:
    found: set[str] = set()
    for kind, column in ORG_REFERENCES:
        for row in rows_by_kind.get(kind, []):
            value = getattr(getattr(row, "model", None), column, None)
            if isinstance(value, str):
                found.add(value)
    for row in rows_by_kind.get(Kind.PROPOSALS, []):
        if isinstance(model := getattr(row, "model", None), ProposalRow):
            found.update(model.partner_org_ids)
    for row in rows_by_kind.get(Kind.PATENTS, []):
        if isinstance(model := getattr(row, "model", None), PatentRow):
            found.update(model.owner_org_ids)
    return found


def redirect_merged_ids(
    graph: Graph, rows_by_kind: Mapping[Kind, Sequence[object]], in_batch: set[str]
) -> None:
    """References to an adapter id ("OA-I…", "EU-PIC-…") whose node was merged into another
    (`graph.node_merge`) point at the node that holds that id now, instead of failing as unknown."""
    wanted = {i for i in _referenced_org_ids(rows_by_kind) - in_batch if adapter_key(i)}
    if not wanted:
        return
    missing = wanted - stored_org_ids(graph, wanted)
    holders = stored_holders(graph, (adapter_key(i) or "" for i in missing))
    rewrites = Rewrites()
    for org_id in missing:
        held = holders.get(adapter_key(org_id) or "", set())
        if len(held) == 1:
            rewrites.ids[org_id] = next(iter(held))
    rewrites.apply(rows_by_kind)


def external_id_errors(graph: Graph, rows: Sequence[Located], *, resolve: bool) -> list[RowError]:
    """Rows with an org_id whose external ids another organization holds, in the batch or the graph.

    With `resolve`, one other holder is no error (the row becomes that organization), unless the
    row's own id is already a stored node too: two nodes exist, and a person must join them."""
    errors: list[RowError] = []
    first: dict[str, Located] = {}
    explicit = [r for r in rows if r.model.org_id is not None and r.model.external_ids]
    for located in explicit:
        for key in located.model.external_ids:
            seen = first.setdefault(key, located)
            if seen.model.org_id != located.model.org_id:
                where = f"row {seen.row}" if seen.file == located.file else f"{seen.file}, row {seen.row}"
                reason = f"is also an external id of organization {seen.model.org_id} ({where})"
                errors.append(RowError(located.file, located.row, "external_ids", key, reason, located.sheet))
    own_keys = {r.model.org_id or "": adapter_key(r.model.org_id) for r in explicit}
    holders = stored_holders(graph, [*first, *filter(None, own_keys.values())])
    own_stored = stored_org_ids(graph, (r.model.org_id or "" for r in explicit)) if resolve else set()
    for located in explicit:
        own = located.model.org_id or ""
        others: dict[str, set[str]] = defaultdict(set)
        for key in located.model.external_ids:
            for holder in holders.get(key, set()) - {own}:
                others[holder].add(key)
        if not others or (resolve and len(others) == 1 and own not in own_stored):
            continue
        # The row's own adapter id already names that holder: an earlier import joined the two
        # sources' records of one body (`ingest.cross_source`), and this is that body again.
        if set(others) == holders.get(own_keys.get(own) or "", set()) - {own}:
            continue
        for holder, keys in sorted(others.items()):
            for key in sorted(keys):
                reason = f"is already an external id of organization {holder} in the graph"
                errors.append(RowError(located.file, located.row, "external_ids", key, reason, located.sheet))
    return errors
