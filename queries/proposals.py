"""Proposals (hồ sơ đề xuất): saving one sent through the API, and reading one back.

An import sheet goes through `ingest` (kinds `proposals` and `proposal_members`); the API writes one
proposal with the same statements of `graph.upserts`, so both paths give the same graph.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any, LiteralString

from neo4j import ManagedTransaction

from graph import upserts
from graph.connection import Graph
from graph.errors import ProposalNotFound, UnknownReference
from graph.text import fold, normalize
from queries.conflicts import Subject

MISSING_EXPERTS: LiteralString = """
UNWIND $ids AS id
OPTIONAL MATCH (e:Expert {id: id})
WITH id, e WHERE e IS NULL
RETURN id
"""
MISSING_ORGS: LiteralString = """
UNWIND $ids AS id
OPTIONAL MATCH (o:Organization {id: id})
WITH id, o WHERE o IS NULL
RETURN id
"""
MISSING_FIELDS: LiteralString = """
UNWIND $ids AS id
OPTIONAL MATCH (f:Field {code: id})
WITH id, f WHERE f IS NULL
RETURN id
"""

GET_PROPOSAL: LiteralString = """
MATCH (p:Proposal {code: $code})
CALL {
  WITH p
  OPTIONAL MATCH (p)-[:ABOUT]->(f:Field)
  RETURN collect(DISTINCT f.code) AS fields
}
CALL {
  WITH p
  OPTIONAL MATCH (o:Organization)-[r:PARTNER_IN]->(p)
  RETURN collect(DISTINCT {id: o.id, name: o.name, role: r.role}) AS orgs
}
CALL {
  WITH p
  OPTIONAL MATCH (e:Expert)-[r:PROPOSES]->(p)
  RETURN collect(DISTINCT {id: e.id, name: e.name, role: r.role}) AS proposers
}
RETURN p {.*} AS proposal, fields, orgs, proposers
"""

LIST_PROPOSALS: LiteralString = """
MATCH (p:Proposal)
WHERE $program_key IS NULL OR p.program_key = $program_key
OPTIONAL MATCH (o:Organization)-[:PARTNER_IN {role: 'host'}]->(p)
RETURN p.code AS code, p.title AS title, p.program AS program, p.year AS year, p.level AS level,
       head(collect(o.name)) AS host,
       EXISTS { (:Council {kind: 'council'})-[:REVIEWS]->(p) } AS has_council
ORDER BY p.code
LIMIT $limit
"""
PROGRAMS: LiteralString = """
MATCH (p:Proposal) WHERE p.program IS NOT NULL
RETURN DISTINCT p.program AS program ORDER BY program
"""

ROLE_ORDER = {"lead": 0, "secretary": 1, "member": 2}


@dataclass(frozen=True)
class Person:
    id: str
    name: str | None
    role: str


@dataclass(frozen=True)
class OrgLink:
    id: str
    name: str | None
    role: str  # host | partner


@dataclass(frozen=True)
class Proposal:
    code: str
    title: str
    abstract: str | None = None
    level: str | None = None
    program: str | None = None
    year: int | None = None
    fields: list[str] = field(default_factory=list)
    orgs: list[OrgLink] = field(default_factory=list)
    proposers: list[Person] = field(default_factory=list)

    @property
    def host_org_id(self) -> str | None:
        return next((o.id for o in self.orgs if o.role == "host"), None)

    @property
    def text(self) -> str:
        """What affinity is measured on: the title, then the abstract."""
        return f"{self.title}. {self.abstract or ''}".strip()

    def subject(self) -> Subject:
        """The proposal as conflict rules see it; windows count from its year (or this year)."""
        return Subject(
            key=self.code,
            year=self.year or date.today().year,
            proposers=tuple(p.id for p in self.proposers),
            orgs=tuple((o.id, o.role) for o in self.orgs),
        )


def _check_references(graph: Graph, proposal: Proposal) -> None:
    """Every expert, organization and field the proposal names must be in the graph; lists all."""
    for what, query, ids in (
        ("experts", MISSING_EXPERTS, [p.id for p in proposal.proposers]),
        ("organizations", MISSING_ORGS, [o.id for o in proposal.orgs]),
        ("field codes", MISSING_FIELDS, proposal.fields),
    ):
        if ids:
            missing = [row["id"] for row in graph.read(query, {"ids": ids})]
            if missing:
                raise UnknownReference(what, missing)


def save_proposal(graph: Graph, proposal: Proposal) -> Proposal:
    """Create or replace the proposal, its fields, organizations and proposers in one transaction."""
    _check_references(graph, proposal)
    title = normalize(proposal.title)
    abstract = normalize(proposal.abstract) if proposal.abstract else None
    program = normalize(proposal.program) if proposal.program else None
    values = {
        "title": title,
        "title_key": fold(title),
        "abstract": abstract,
        "abstract_key": fold(abstract) if abstract else None,
        "level": proposal.level,
        "program": program,
        "program_key": fold(program) if program else None,
        "year": proposal.year,
    }
    props = {k: v for k, v in values.items() if v is not None}
    row: dict[str, Any] = {
        "id": proposal.code,
        "props": props,
        "row_hash": None,
        "fields": proposal.fields,
        "orgs": [{"org_id": o.id, "role": o.role} for o in proposal.orgs],
    }
    members = [{"expert_id": p.id, "role": p.role, "row_hash": None} for p in proposal.proposers]

    def work(tx: ManagedTransaction) -> None:
        tx.run(upserts.MERGE_PROPOSALS, rows=[row]).consume()
        tx.run(upserts.REPLACE_PROPOSAL_FIELDS, rows=[row]).consume()
        tx.run(upserts.REPLACE_PROPOSAL_ORGS, rows=[row]).consume()
        tx.run(upserts.REPLACE_PROPOSAL_MEMBERS, code=proposal.code, rows=members).consume()

    graph.write_tx(work)
    return get_proposal(graph, proposal.code)


def get_proposal(graph: Graph, code: str) -> Proposal:
    rows = graph.read(GET_PROPOSAL, {"code": code})
    if not rows:
        raise ProposalNotFound(code)
    row = rows[0]
    p = row["proposal"]
    return Proposal(
        code=p["code"],
        title=p["title"],
        abstract=p.get("abstract"),
        level=p.get("level"),
        program=p.get("program"),
        year=p.get("year"),
        fields=sorted(row["fields"]),
        orgs=sorted(
            (OrgLink(o["id"], o["name"], o["role"]) for o in row["orgs"] if o["id"]),
            key=lambda o: (o.role != "host", o.id),
        ),
        proposers=sorted(
            (Person(e["id"], e["name"], e["role"]) for e in row["proposers"] if e["id"]),
            key=lambda e: (ROLE_ORDER.get(e.role, 9), e.id),
        ),
    )


def list_proposals(graph: Graph, program: str | None = None, limit: int = 500) -> list[dict[str, Any]]:
    """Proposals by code, optionally of one program (a call); diacritics in `program` optional."""
    key = fold(program) if program else None
    return graph.read(LIST_PROPOSALS, {"program_key": key, "limit": limit})


def list_programs(graph: Graph) -> list[str]:
    """The programs (calls) proposals were sent to."""
    return [r["program"] for r in graph.read(PROGRAMS)]
