"""Turn an import row, or an expert as the graph stores it, into the `PersonRecord` resolution
compares, so both sides of a pair are read the same way."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from graph.text import fold
from ingest.match_score import name_tokens
from ingest.resolve_orgs import OrgRecord, org_words
from ingest.resolve_people import PersonRecord, field_prefixes
from ingest.rows import ExpertRow, OrganizationRow


def person_from_row(row: ExpertRow, org_names: Mapping[str, str] | None = None) -> PersonRecord:
    """An incoming expert row; `org_names` maps org ids to names, so an org id also gives a name."""
    names = [n for n in (row.organization, (org_names or {}).get(row.org_id or "")) if n]
    return PersonRecord(
        id=row.expert_id,
        name=row.name,
        tokens=tuple(name_tokens(row.name)),
        birth_year=row.birth_year,
        gender=row.gender,
        ethnicity=row.ethnicity,
        district=row.district,
        email=row.email,
        phone=row.phone,
        orcid=row.orcid,
        staff_code=row.staff_code,
        org_ids=frozenset([row.org_id] if row.org_id else []),
        org_names=tuple(tuple(org_words(n)) for n in names),
        fields=field_prefixes(row.fields),
        topics=frozenset(fold(t) for t in row.topics),
    )


def person_from_graph(values: Mapping[str, Any]) -> PersonRecord:
    """A stored expert, as `graph.resolution.EXPERT_CANDIDATES` returns it."""
    name = values.get("name") or ""
    return PersonRecord(
        id=values["id"],
        name=name,
        tokens=tuple(name_tokens(name)),
        birth_year=values.get("birth_year"),
        gender=values.get("gender"),
        ethnicity=values.get("ethnicity"),
        district=values.get("district"),
        email=values.get("email"),
        phone=values.get("phone"),
        orcid=values.get("orcid"),
        staff_code=values.get("staff_code"),
        org_ids=frozenset(values.get("org_ids") or []),
        org_names=tuple(tuple(org_words(n)) for n in values.get("org_names") or []),
        fields=field_prefixes(values.get("fields") or []),
        topics=frozenset(values.get("topics") or []),
        coworkers=frozenset(values.get("coworkers") or []),
        extra={"props": dict(values.get("props") or {})},
    )


def org_from_row(row: OrganizationRow) -> OrgRecord:
    return OrgRecord.of(row.org_id, row.name, short_name=row.short_name, province=row.province, kind=row.kind)


def org_from_graph(values: Mapping[str, Any]) -> OrgRecord:
    return OrgRecord.of(
        values["id"],
        values.get("name") or "",
        short_name=values.get("short_name"),
        province=values.get("province"),
        kind=values.get("kind"),
    )
