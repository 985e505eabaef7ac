"""Valid rows as the parameter rows of `graph.upserts`, each with a content hash.

A record holds everything its row writes (properties, folded search keys, links), and `row_hash` is
a digest of exactly that. The loader compares it with the hash stored on the node or relationship:
equal means the row would change nothing, so it is skipped. Bump `HASH_VERSION` when what a row
writes changes, so that the next import rewrites everything once.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable
from typing import Any

from graph.external_ids import split_key
from graph.text import fold, initials_key
from ingest.columns import Kind
from ingest.rows import (
    AwardRow,
    ExpertRow,
    ImportRow,
    MembershipRow,
    OrganizationRow,
    PatentRow,
    ProjectMemberRow,
    ProjectPartnerRow,
    ProjectRow,
    ProposalMemberRow,
    ProposalRow,
    PublicationAuthorRow,
    PublicationRow,
)

HASH_VERSION = "1"
Record = dict[str, Any]


def _props(**values: Any) -> dict[str, Any]:
    """Only known values: an empty cell must never erase what the graph already holds."""
    return {name: value for name, value in values.items() if value is not None}


def _key_of(text: str | None) -> str | None:
    return fold(text) if text else None


def _hashed(record: Record) -> Record:
    canonical = json.dumps(record, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    digest = hashlib.blake2b((HASH_VERSION + canonical).encode(), digest_size=16).hexdigest()
    record["row_hash"] = digest
    return record


def organization(row: OrganizationRow) -> Record:
    in_province = None
    if row.province is not None:
        in_province = fold(row.province).removeprefix("tinh ") == "lai chau"
    props = _props(
        name=row.name,
        name_key=fold(row.name),
        short_name=row.short_name,
        kind=row.kind,
        province=row.province,
        district=row.district,
        country=row.country,
        in_province=in_province,
        unnamed=row.unnamed,
        city=row.city,
        city_key=_key_of(row.city),
        address=row.address,
        post_code=row.post_code,
        nuts_code=row.nuts_code,
        latitude=row.geolocation[0] if row.geolocation else None,
        longitude=row.geolocation[1] if row.geolocation else None,
    )
    record: Record = {"id": row.org_id, "props": props, "parent_id": row.parent_org_id}
    if row.external_ids:  # only then: rows without one keep the hash they had before the column
        record["external_ids"] = [external_id(key) for key in row.external_ids]
    return _hashed(record)


def external_id(key: str) -> dict[str, str]:
    scheme, value = split_key(key)
    return {"key": key, "scheme": scheme, "value": value}


def expert(row: ExpertRow) -> Record:
    topics_text = "; ".join(row.topics) if row.topics else None
    ethnic_minority = None if row.ethnicity is None else fold(row.ethnicity) != "kinh"
    props = _props(
        name=row.name,
        name_key=fold(row.name),
        initials_key=initials_key(row.name),
        academic_title=row.academic_title,
        degree=row.degree,
        degree_year=row.degree_year,
        gender=row.gender,
        birth_year=row.birth_year,
        ethnicity=row.ethnicity,
        ethnic_minority=ethnic_minority,
        email=row.email,
        phone=row.phone,
        orcid=row.orcid,
        staff_code=row.staff_code,
        position=row.position,
        district=row.district,
        topics_text=topics_text,
        topics_key=_key_of(topics_text),
    )
    return _hashed(
        {
            "id": row.expert_id,
            "props": props,
            "org_id": row.org_id,
            "since": row.employed_since,
            "position": row.position,
            "sector": row.sector,
            "fields": row.fields or None,
            "topics": [{"key": fold(t), "name": t} for t in row.topics] or None,
        }
    )


def project(row: ProjectRow) -> Record:
    props = _props(
        title=row.title,
        title_key=fold(row.title),
        abstract=row.abstract,
        abstract_key=_key_of(row.abstract),
        level=row.level,
        kind=row.kind,
        start_year=row.start_year,
        end_year=row.end_year,
        budget_million_vnd=row.budget_million_vnd,
        status=row.status,
        programme=row.programme,
        budget_eur=row.budget_eur,
        untitled=row.untitled,
    )
    return _hashed(
        {"id": row.project_code, "props": props, "sector": row.sector, "fields": row.fields or None}
    )


def publication(row: PublicationRow) -> Record:
    props = _props(
        title=row.title,
        title_key=fold(row.title),
        abstract=row.abstract,
        abstract_key=_key_of(row.abstract),
        year=row.year,
        venue=row.venue,
        doi=row.doi,
        citations=row.citations,
    )
    return _hashed({"id": row.pub_id, "props": props, "fields": row.fields or None})


def member(row: ProjectMemberRow) -> Record:
    return _hashed({"project_code": row.project_code, "expert_id": row.expert_id, "role": row.role})


def partner(row: ProjectPartnerRow) -> Record:
    record: Record = {"project_code": row.project_code, "org_id": row.org_id, "role": row.role}
    if row.contribution_eur is not None:  # only when given, so older rows keep their hash
        record["contribution_eur"] = row.contribution_eur
    return _hashed(record)


def author(row: PublicationAuthorRow) -> Record:
    return _hashed({"pub_id": row.pub_id, "expert_id": row.expert_id, "position": row.position})


def proposal(row: ProposalRow) -> Record:
    props = _props(
        title=row.title,
        title_key=fold(row.title),
        abstract=row.abstract,
        abstract_key=_key_of(row.abstract),
        level=row.level,
        program=row.program,
        program_key=_key_of(row.program),
        year=row.year,
    )
    orgs = [{"org_id": row.host_org_id, "role": "host"}] if row.host_org_id else []
    orgs += [{"org_id": org_id, "role": "partner"} for org_id in row.partner_org_ids]
    return _hashed(
        {"id": row.proposal_code, "props": props, "fields": row.fields or None, "orgs": orgs or None}
    )


def proposal_member(row: ProposalMemberRow) -> Record:
    return _hashed({"proposal_code": row.proposal_code, "expert_id": row.expert_id, "role": row.role})


def patent(row: PatentRow) -> Record:
    props = _props(
        number=row.number,
        title=row.title,
        title_folded=fold(row.title),
        kind=row.kind,
        status=row.status,
        year=row.year,
        filing_year=row.filing_year,
        grant_year=row.grant_year,
        country=row.country,
    )
    return _hashed(
        {
            "id": row.patent_id,
            "props": props,
            "inventors": [{"expert_id": e, "position": k} for k, e in enumerate(row.inventors, 1)] or None,
            "owners": row.owner_org_ids or None,
            "fields": row.fields or None,
            "topics": [{"key": fold(t), "name": t} for t in row.topics] or None,
        }
    )


def award(row: AwardRow) -> Record:
    """The award node's properties and the recipient: one record per (award, recipient) row."""
    props = _props(
        name=row.name,
        name_folded=fold(row.name),
        level=row.level,
        year=row.year,
        issuer=row.issuer,
        work=row.work,
    )
    return _hashed(
        {"award_id": row.award_id, "expert_id": row.expert_id, "props": props, "fields": row.fields or None}
    )


def membership(row: MembershipRow) -> Record:
    return _hashed(
        {
            "expert_id": row.expert_id,
            "org_id": row.org_id,
            "role": row.role,
            "since": row.since,
            "until": row.until,
        }
    )


_BUILDERS: dict[Kind, Callable[[Any], Record]] = {
    Kind.ORGANIZATIONS: organization,
    Kind.EXPERTS: expert,
    Kind.PROJECTS: project,
    Kind.PUBLICATIONS: publication,
    Kind.PROJECT_MEMBERS: member,
    Kind.PROJECT_PARTNERS: partner,
    Kind.PUBLICATION_AUTHORS: author,
    Kind.PROPOSALS: proposal,
    Kind.PROPOSAL_MEMBERS: proposal_member,
    Kind.PATENTS: patent,
    Kind.AWARDS: award,
    Kind.MEMBERSHIPS: membership,
}


def to_record(kind: Kind, row: ImportRow) -> Record:
    """The record of a row of `kind` (the row must be that kind's model)."""
    return _BUILDERS[kind](row)


def record_key(kind: Kind, record: Record) -> str | tuple[str, str]:
    """The natural key, in the shape the `*_HASHES` queries take and give back (as a tuple)."""
    if kind is Kind.PROJECT_MEMBERS:
        return (record["project_code"], record["expert_id"])
    if kind is Kind.PROJECT_PARTNERS:
        return (record["project_code"], record["org_id"])
    if kind is Kind.PUBLICATION_AUTHORS:
        return (record["pub_id"], record["expert_id"])
    if kind is Kind.PROPOSAL_MEMBERS:
        return (record["proposal_code"], record["expert_id"])
    if kind is Kind.AWARDS:
        return (record["award_id"], record["expert_id"])
    if kind is Kind.MEMBERSHIPS:
        return (record["expert_id"], record["org_id"])
    key: str = record["id"]
    return key
