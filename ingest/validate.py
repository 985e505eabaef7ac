"""Validate whole tables, then a whole batch of them, and report every problem at once.

A table is checked on its own first: header, every row, duplicate keys (identical repeats collapse
silently; a repeated key with other values is an error naming both rows). A batch then checks what
needs the other tables and the graph: references (a member's expert must be in this import or
already stored) and values the graph keeps unique (an email, ORCID iD or staff code belongs to one
expert). Nothing is written here; the graph is only read.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any, LiteralString

from pydantic import ValidationError

from graph import upserts
from graph.connection import Graph
from graph.errors import ImportRejected, RowError
from ingest.columns import COLUMNS, KEY_COLUMNS, KEY_SHOWN, RESOLVABLE_KEYS, Kind, match_header
from ingest.external_keys import Located, external_id_errors, redirect_merged_ids
from ingest.honour_checks import honour_errors
from ingest.readers import Table
from ingest.rows import ExpertRow, ImportRow, OrganizationRow, parse_row, row_errors

# (table, column, table it points to): the column holds a key of the target table.
REFERENCES: tuple[tuple[Kind, str, Kind], ...] = (
    (Kind.ORGANIZATIONS, "parent_org_id", Kind.ORGANIZATIONS),
    (Kind.EXPERTS, "org_id", Kind.ORGANIZATIONS),
    (Kind.PROJECT_MEMBERS, "project_code", Kind.PROJECTS),
    (Kind.PROJECT_MEMBERS, "expert_id", Kind.EXPERTS),
    (Kind.PROJECT_PARTNERS, "project_code", Kind.PROJECTS),
    (Kind.PROJECT_PARTNERS, "org_id", Kind.ORGANIZATIONS),
    (Kind.PUBLICATION_AUTHORS, "pub_id", Kind.PUBLICATIONS),
    (Kind.PUBLICATION_AUTHORS, "expert_id", Kind.EXPERTS),
    (Kind.PROPOSALS, "host_org_id", Kind.ORGANIZATIONS),
    (Kind.PROPOSALS, "partner_org_ids", Kind.ORGANIZATIONS),
    (Kind.PROPOSAL_MEMBERS, "proposal_code", Kind.PROPOSALS),
    (Kind.PROPOSAL_MEMBERS, "expert_id", Kind.EXPERTS),
    (Kind.PATENTS, "inventors", Kind.EXPERTS),
    (Kind.PATENTS, "owner_org_ids", Kind.ORGANIZATIONS),
    (Kind.AWARDS, "expert_id", Kind.EXPERTS),
    (Kind.MEMBERSHIPS, "expert_id", Kind.EXPERTS),
    (Kind.MEMBERSHIPS, "org_id", Kind.ORGANIZATIONS),
)
_STORED_KEYS: dict[Kind, LiteralString] = {
    Kind.ORGANIZATIONS: upserts.ORGANIZATION_HASHES,
    Kind.EXPERTS: upserts.EXPERT_HASHES,
    Kind.PROJECTS: upserts.PROJECT_HASHES,
    Kind.PUBLICATIONS: upserts.PUBLICATION_HASHES,
    Kind.PROPOSALS: upserts.PROPOSAL_HASHES,
}
_NOUNS = {
    Kind.ORGANIZATIONS: "organization",
    Kind.EXPERTS: "expert",
    Kind.PROJECTS: "project",
    Kind.PUBLICATIONS: "publication",
    Kind.PROPOSALS: "proposal",
}
# Expert properties under a uniqueness constraint, and who holds a value in the graph.
_UNIQUE_EXPERT_VALUES: tuple[tuple[str, LiteralString], ...] = (
    ("email", upserts.EXPERTS_BY_EMAIL),
    ("orcid", upserts.EXPERTS_BY_ORCID),
    ("staff_code", upserts.EXPERTS_BY_STAFF_CODE),
)


@dataclass(frozen=True)
class ValidRow:
    model: ImportRow
    file: str
    sheet: str
    row: int

    def where(self, other: ValidRow) -> str:
        """How to point at this row from an error about `other`: "row 4" or "b.csv, row 4"."""
        if (self.file, self.sheet) == (other.file, other.sheet):
            return f"row {self.row}"
        sheet = f", sheet {self.sheet!r}" if self.sheet else ""
        return f"{self.file}{sheet}, row {self.row}"


@dataclass
class Batch:
    """The valid rows of every kind, with what the report needs to know about reading them."""

    rows: dict[Kind, list[ValidRow]] = field(default_factory=dict)
    # Keys written on rows that failed: a reference to one is not reported a second time.
    failed_keys: dict[Kind, set[str]] = field(default_factory=dict)
    read: dict[Kind, int] = field(default_factory=dict)
    duplicates: dict[Kind, int] = field(default_factory=dict)
    files: dict[Kind, list[str]] = field(default_factory=dict)


def key_of(kind: Kind, model: ImportRow) -> tuple[str, ...]:
    return tuple(getattr(model, column) for column in KEY_COLUMNS[kind])


def _error_order(error: RowError) -> tuple[str, str, int]:
    return (error.file, error.sheet, error.row)


def validate_table(
    table: Table, kind: Kind, *, known_field_codes: set[str] | None = None, resolve: bool = False
) -> tuple[list[ValidRow], list[RowError]]:
    """The valid rows of one table (duplicates collapsed) and all of its errors, in row order."""
    valid, errors, _ = _validate_table(table, kind, known_field_codes, set(), resolve)
    return valid, errors


def _validate_table(
    table: Table,
    kind: Kind,
    known_field_codes: set[str] | None,
    failed_keys: set[str],
    resolve: bool = False,
) -> tuple[list[ValidRow], list[RowError], int]:
    """Also adds the key of every row that fails to `failed_keys`. With `resolve`, the id column of
    experts and organizations may be missing or empty: resolution finds or makes the id."""
    optional = frozenset([RESOLVABLE_KEYS[kind]]) if resolve and kind in RESOLVABLE_KEYS else frozenset()
    names, errors = match_header(table, kind, optional)
    # A missing required column is one header error, not one "is required" per row.
    missing = {c.name for c in COLUMNS[kind] if c.required and c.name not in names} - optional
    positions = [(position, name) for position, name in enumerate(names) if name is not None]
    context: dict[str, Any] = {"known_field_codes": known_field_codes, "resolve": resolve}
    valid: list[ValidRow] = []
    for raw_row in table.rows:
        raw = {name: raw_row.values[position] or None for position, name in positions}
        try:
            model = parse_row(kind, raw, context)
        except ValidationError as exc:
            found = row_errors(exc, raw, file=table.file, row=raw_row.number, sheet=table.sheet)
            errors.extend(e for e in found if e.field not in missing)
            failed_keys.add(str(raw.get(KEY_COLUMNS[kind][0]) or ""))
            continue
        valid.append(ValidRow(model, table.file, table.sheet, raw_row.number))
    kept, duplicate_errors, collapsed = dedupe(kind, valid)
    errors = errors + table.problems + duplicate_errors
    return kept, sorted(errors, key=_error_order), collapsed


def dedupe(kind: Kind, rows: Sequence[ValidRow]) -> tuple[list[ValidRow], list[RowError], int]:
    """Keep the first row of each key; identical repeats are dropped, different ones are errors."""
    first: dict[tuple[str, ...], ValidRow] = {}
    kept: list[ValidRow] = []
    errors: list[RowError] = []
    collapsed = 0
    shown = KEY_SHOWN.get(kind, KEY_COLUMNS[kind])
    key_field = ", ".join(shown)
    for row in rows:
        key = key_of(kind, row.model)
        if None in key:  # no id yet: entity resolution tells such rows apart
            kept.append(row)
            continue
        seen = first.get(key)
        if seen is None:
            first[key] = row
            kept.append(row)
        elif seen.model == row.model:
            collapsed += 1
        else:
            differing = [
                name
                for name in type(row.model).model_fields
                if getattr(row.model, name) != getattr(seen.model, name)
            ]
            reason = f"repeats the key of {seen.where(row)} with a different {', '.join(differing)}"
            value = " / ".join(str(v) for c in shown if (v := getattr(row.model, c)) is not None)
            errors.append(RowError(row.file, row.row, key_field, value, reason, row.sheet))
    return kept, errors, collapsed


def validate_batch(graph: Graph, tables: Mapping[Kind, Sequence[Table]], *, resolve: bool = False) -> Batch:
    """Every table, then the references and unique values across them; raises ImportRejected.

    With `resolve`, rows without an id are left for entity resolution, which also settles their
    emails, ORCID iDs and staff codes (a stored holder of one is the same person)."""
    known_field_codes = {row["code"] for row in graph.read(upserts.FIELD_CODES)}
    batch = Batch()
    errors: list[RowError] = []
    for kind, kind_tables in tables.items():
        rows: list[ValidRow] = []
        batch.read[kind] = sum(len(t.rows) for t in kind_tables)
        batch.files[kind] = [f"{t.file}:{t.sheet}" if t.sheet else t.file for t in kind_tables]
        collapsed_total = 0
        failed = batch.failed_keys.setdefault(kind, set())
        for table in kind_tables:
            valid, table_errors, collapsed = _validate_table(table, kind, known_field_codes, failed, resolve)
            rows.extend(valid)
            errors.extend(table_errors)
            collapsed_total += collapsed
        kept, across_errors, collapsed = dedupe(kind, rows)  # the same key in two files
        errors.extend(across_errors)
        batch.rows[kind] = kept
        batch.duplicates[kind] = collapsed_total + collapsed
    orgs_in_batch = {key_of(Kind.ORGANIZATIONS, r.model)[0] for r in batch.rows.get(Kind.ORGANIZATIONS, [])}
    redirect_merged_ids(graph, batch.rows, orgs_in_batch | batch.failed_keys.get(Kind.ORGANIZATIONS, set()))
    errors.extend(_reference_errors(graph, batch))
    errors.extend(_unique_value_errors(graph, batch.rows.get(Kind.EXPERTS, [])))
    errors.extend(honour_errors(graph, batch.rows))
    organizations = [
        Located(r.model, r.file, r.sheet, r.row)
        for r in batch.rows.get(Kind.ORGANIZATIONS, [])
        if isinstance(r.model, OrganizationRow)
    ]
    errors.extend(external_id_errors(graph, organizations, resolve=resolve))
    if errors:
        raise ImportRejected(sorted(errors, key=_error_order))
    return batch


def _reference_errors(graph: Graph, batch: Batch) -> list[RowError]:
    """References to keys neither in the batch nor in the graph (one read per target label)."""
    rows = batch.rows
    in_batch = {
        kind: {key_of(kind, r.model)[0] for r in rows.get(kind, [])} | batch.failed_keys.get(kind, set())
        for kind in _STORED_KEYS
    }
    pointing: dict[Kind, dict[str, list[tuple[ValidRow, str]]]] = defaultdict(lambda: defaultdict(list))
    for kind, column, target in REFERENCES:
        for row in rows.get(kind, []):
            value = getattr(row.model, column)
            for item in value if isinstance(value, list) else [value]:  # a list cell: each id
                if item is not None and item not in in_batch[target]:
                    pointing[target][item].append((row, column))
    errors: list[RowError] = []
    for target, by_value in pointing.items():
        stored = graph.read(_STORED_KEYS[target], {"keys": list(by_value)})
        for value in by_value.keys() - {record["key"] for record in stored}:
            for row, column in by_value[value]:
                target_key = KEY_COLUMNS[target][0]
                reason = f"is not the {target_key} of any {_NOUNS[target]} in this import or in the graph"
                errors.append(RowError(row.file, row.row, column, value, reason, row.sheet))
    return errors


def _unique_value_errors(graph: Graph, rows: Sequence[ValidRow]) -> list[RowError]:
    """An email, ORCID iD or staff code may name one expert only, in the file and in the graph."""
    experts = [
        (row, row.model)
        for row in rows
        if isinstance(row.model, ExpertRow) and row.model.expert_id is not None
    ]
    errors: list[RowError] = []
    for prop, query in _UNIQUE_EXPERT_VALUES:
        holder: dict[str, tuple[ValidRow, ExpertRow]] = {}
        for row, model in experts:
            value = getattr(model, prop)
            if value is None:
                continue
            first, first_model = holder.setdefault(value, (row, model))
            if first is not row:
                reason = f"is also the {prop} of {first_model.expert_id} ({first.where(row)})"
                errors.append(RowError(row.file, row.row, prop, value, reason, row.sheet))
        if not holder:
            continue
        for record in graph.read(query, {"values": list(holder)}):
            row, model = holder[record["value"]]
            if record["id"] != model.expert_id:
                reason = f"is already the {prop} of expert {record['id']} in the graph"
                errors.append(RowError(row.file, row.row, prop, record["value"], reason, row.sheet))
    return errors
