"""Checks of the awards and memberships tables that need more than one row or the graph.

An award is one node shared by its co-recipients, so their rows must describe it alike: a second
row of the same award (name, year, work) with another level would otherwise flip the node's level
with the order of the rows. A membership links an expert to an association; pointing it at a
university or a department would put a job in the place of a membership, so it is refused.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Protocol

from graph import honour_upserts
from graph.connection import Graph
from graph.errors import RowError
from ingest.columns import Kind
from ingest.rows import AwardRow, ImportRow, MembershipRow, OrganizationRow

# The award's own properties: co-recipients' rows must agree on them.
AWARD_PROPERTIES = ("level", "issuer", "fields")


class Located(Protocol):
    """A valid row and where it is (`ingest.validate.ValidRow`)."""

    @property
    def model(self) -> ImportRow: ...
    @property
    def file(self) -> str: ...
    @property
    def sheet(self) -> str: ...
    @property
    def row(self) -> int: ...


def _where(row: Located, other: Located) -> str:
    if (row.file, row.sheet) == (other.file, other.sheet):
        return f"row {row.row}"
    sheet = f", sheet {row.sheet!r}" if row.sheet else ""
    return f"{row.file}{sheet}, row {row.row}"


def award_errors(rows: Sequence[Located]) -> list[RowError]:
    """Rows of one award (same name, year and work) that disagree on its level, issuer or fields."""
    first: dict[str, tuple[Located, AwardRow]] = {}
    errors: list[RowError] = []
    for located in rows:
        model = located.model
        if not isinstance(model, AwardRow):
            continue
        seen, seen_model = first.setdefault(model.award_id, (located, model))
        if seen is located:
            continue
        differing = [p for p in AWARD_PROPERTIES if getattr(model, p) != getattr(seen_model, p)]
        if differing:
            reason = f"describes the award of {_where(seen, located)} with a different {', '.join(differing)}"
            value = str(getattr(model, differing[0]) or "")
            errors.append(RowError(located.file, located.row, differing[0], value, reason, located.sheet))
    return errors


def membership_errors(
    graph: Graph, memberships: Sequence[Located], organizations: Sequence[Located]
) -> list[RowError]:
    """Memberships of an organization (in the batch or the graph) whose kind is not association.

    An organization neither in the batch nor in the graph is the reference check's error, not this one.
    """
    kinds = {
        r.model.org_id: r.model.kind
        for r in organizations
        if isinstance(r.model, OrganizationRow) and r.model.org_id is not None
    }
    rows = [(r, r.model) for r in memberships if isinstance(r.model, MembershipRow)]
    unknown = sorted({m.org_id for _, m in rows} - kinds.keys())
    if unknown:
        stored = graph.read(honour_upserts.ORGANIZATION_KINDS, {"keys": unknown})
        kinds |= {r["key"]: r["kind"] for r in stored}
    errors: list[RowError] = []
    for located, model in rows:
        kind = kinds.get(model.org_id)
        if kind is not None and kind != "association":
            reason = f"is an organization of kind {kind}, not an association"
            errors.append(RowError(located.file, located.row, "org_id", model.org_id, reason, located.sheet))
    return errors


def honour_errors(graph: Graph, rows: Mapping[Kind, Sequence[Located]]) -> list[RowError]:
    return award_errors(rows.get(Kind.AWARDS, [])) + membership_errors(
        graph, rows.get(Kind.MEMBERSHIPS, []), rows.get(Kind.ORGANIZATIONS, [])
    )
