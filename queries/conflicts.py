"""Conflict-of-interest rules: who may not judge a proposal, and why, with the evidence.

A subject (a proposal, or a task with only a host organization) has proposers, organizations and a
reference year. Each rule is one Cypher query that returns one row per piece of evidence (the shared
paper, project, employer or declared tie), so an answer lists every rule that fires and what made it
fire. Windows and switches come from `graph.settings.ConflictRules`; docs/conflicts.md gives each
default and its reason.

Unknown dates are read on the safe side: a former job with no end year, a paper with no year or a
project with no years counts as inside the window. A secretary would rather check a tie than miss one.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any, LiteralString

from graph.connection import Graph
from graph.settings import ConflictRules

# Evidence row shape of every rule: expert_id, proposer_id, ref, label, year.
PROPOSER: LiteralString = """
UNWIND $proposers AS pid
MATCH (e:Expert {id: pid})
WHERE $experts IS NULL OR e.id IN $experts
RETURN e.id AS expert_id, pid AS proposer_id, $subject AS ref, 'là người đề xuất' AS label,
       $year AS year
"""

# Both ties to the same organization are current, or ended within the window.
EMPLOYER: LiteralString = """
UNWIND $proposers AS pid
MATCH (pr:Expert {id: pid})-[w1:WORKS_AT]->(o:Organization)<-[w2:WORKS_AT]-(e:Expert)
WHERE e <> pr AND ($experts IS NULL OR e.id IN $experts)
  AND (w1.current OR coalesce(w1.until, $year) >= $since)
  AND (w2.current OR coalesce(w2.until, $year) >= $since)
RETURN e.id AS expert_id, pid AS proposer_id, o.id AS ref, o.name AS label,
       CASE WHEN w1.current AND w2.current THEN $year
            ELSE coalesce(CASE WHEN w1.current THEN w2.until
                               WHEN w2.current THEN w1.until
                               ELSE CASE WHEN w1.until < w2.until THEN w1.until ELSE w2.until END
                          END, $year) END AS year
"""

# NIH: the same institution now. A unit counts as its parent body, except under a government agency:
# the province's departments (Sở) are units of the People's Committee but separate employers.
SAME_INSTITUTION: LiteralString = """
UNWIND $proposers AS pid
MATCH (pr:Expert {id: pid})-[:WORKS_AT {current: true}]->(o1:Organization)
OPTIONAL MATCH (o1)-[:PART_OF]->(p1:Organization) WHERE p1.kind <> 'government_agency'
WITH pid, pr, coalesce(p1, o1) AS inst
MATCH (inst)<-[:PART_OF*0..1]-(o2:Organization)<-[:WORKS_AT {current: true}]-(e:Expert)
WHERE e <> pr AND ($experts IS NULL OR e.id IN $experts)
RETURN DISTINCT e.id AS expert_id, pid AS proposer_id, inst.id AS ref, inst.name AS label,
       $year AS year
"""

# Works now at the host or a partner organization, or at a unit of one.
HOST_ORGANIZATION: LiteralString = """
UNWIND $orgs AS org
MATCH (o:Organization {id: org.id})<-[:PART_OF*0..2]-(u:Organization)<-[:WORKS_AT {current: true}]-(e:Expert)
WHERE $experts IS NULL OR e.id IN $experts
RETURN DISTINCT e.id AS expert_id, null AS proposer_id, o.id AS ref,
       o.name + CASE org.role WHEN 'host' THEN ' (chủ trì)' ELSE ' (phối hợp)' END AS label,
       $year AS year
"""

COAUTHOR: LiteralString = """
UNWIND $proposers AS pid
MATCH (pr:Expert {id: pid})-[:AUTHORED]->(w:Publication)<-[:AUTHORED]-(e:Expert)
WHERE e <> pr AND ($experts IS NULL OR e.id IN $experts)
  AND coalesce(w.year, $year) >= $since
  AND ($max_authors IS NULL OR COUNT { (w)<-[:AUTHORED]-(:Expert) } <= $max_authors)
RETURN e.id AS expert_id, pid AS proposer_id, w.id AS ref, w.title AS label, w.year AS year
"""

CO_PROJECT: LiteralString = """
UNWIND $proposers AS pid
MATCH (pr:Expert {id: pid})-[:MEMBER_OF]->(p:Project)<-[:MEMBER_OF]-(e:Expert)
WHERE e <> pr AND ($experts IS NULL OR e.id IN $experts)
  AND coalesce(p.end_year, p.start_year, $year) >= $since
RETURN e.id AS expert_id, pid AS proposer_id, p.code AS ref, p.title AS label,
       coalesce(p.end_year, p.start_year) AS year
"""

# Declared ties count in either direction; lifelong kinds never lapse, others lapse after `until`.
DECLARED: LiteralString = """
UNWIND $proposers AS pid
MATCH (pr:Expert {id: pid})-[c:CONFLICT_WITH]-(e:Expert)
WHERE e <> pr AND ($experts IS NULL OR e.id IN $experts)
  AND (c.kind IN $lifelong OR c.until IS NULL OR c.until >= $since)
RETURN e.id AS expert_id, pid AS proposer_id, c.kind AS ref,
       coalesce(c.reason, c.kind) AS label, c.since AS year,
       c.kind IN $lifelong AS lifelong
"""


@dataclass(frozen=True)
class Rule:
    name: str
    description_vi: str
    query: LiteralString
    window: str | None  # the ConflictRules field giving its window in years, if any
    between_members: bool  # also checked between two council members


RULES: tuple[Rule, ...] = (
    Rule("proposer", "là người đề xuất / thành viên đề xuất", PROPOSER, None, False),
    Rule("employer", "cùng cơ quan công tác với người đề xuất", EMPLOYER, "employer_years", True),
    Rule("same_institution", "cùng tổ chức (đơn vị) với người đề xuất", SAME_INSTITUTION, None, False),
    Rule("host_organization", "công tác tại tổ chức chủ trì/phối hợp", HOST_ORGANIZATION, None, False),
    Rule("coauthor", "đồng tác giả công bố", COAUTHOR, "coauthor_years", True),
    Rule("co_project", "cùng tham gia đề tài/dự án", CO_PROJECT, "project_years", True),
    Rule("declared", "xung đột lợi ích đã khai báo", DECLARED, "declared_years", True),
)
RULE_NAMES = (*(r.name for r in RULES), "declared_lifelong")


@dataclass(frozen=True)
class Subject:
    """What is judged: proposers, organizations with their roles, and the year windows count from."""

    key: str  # proposal code or a task label, shown as evidence of the proposer rule
    year: int
    proposers: tuple[str, ...] = ()
    orgs: tuple[tuple[str, str], ...] = ()  # (org_id, host|partner)


@dataclass(frozen=True)
class ConflictHit:
    rule: str
    description_vi: str
    expert_id: str
    proposer_id: str | None
    ref: str | None  # the shared paper, project, organization, or the declared kind
    label: str | None
    year: int | None


@dataclass
class ConflictReport:
    """Every hit per expert; an expert without hits is free of conflict."""

    hits: dict[str, list[ConflictHit]] = field(default_factory=dict)

    def rules_of(self, expert_id: str) -> list[str]:
        return sorted({h.rule for h in self.hits.get(expert_id, [])})


def _params(rule: Rule, subject: Subject, rules: ConflictRules, experts: list[str] | None) -> dict[str, Any]:
    window = getattr(rules, rule.window) if rule.window else 0
    return {
        "subject": subject.key,
        "proposers": list(subject.proposers),
        "orgs": [{"id": o, "role": role} for o, role in subject.orgs],
        "experts": experts,
        "year": subject.year,
        "since": subject.year - window,
        "max_authors": rules.coauthor_max_authors,
        "lifelong": list(rules.lifelong_kinds),
    }


def _hit(rule: Rule, row: dict[str, Any]) -> ConflictHit:
    name = rule.name
    description = rule.description_vi
    if row.get("lifelong"):
        name, description = "declared_lifelong", "xung đột suốt đời đã khai báo (gia đình, hướng dẫn)"
    return ConflictHit(
        rule=name,
        description_vi=description,
        expert_id=row["expert_id"],
        proposer_id=row["proposer_id"],
        ref=None if row["ref"] is None else str(row["ref"]),
        label=row["label"],
        year=row["year"],
    )


def _order(hit: ConflictHit) -> tuple[int, str, str, str]:
    return (RULE_NAMES.index(hit.rule), hit.proposer_id or "", hit.ref or "", str(hit.year))


def find_conflicts(
    graph: Graph, subject: Subject, rules: ConflictRules, experts: list[str] | None = None
) -> ConflictReport:
    """Every rule that fires for each expert (all experts when `experts` is None), evidence sorted."""
    report = ConflictReport()
    for rule in RULES:
        if rule.name in rules.disabled:
            continue
        for row in graph.read(rule.query, _params(rule, subject, rules, experts)):
            report.hits.setdefault(row["expert_id"], []).append(_hit(rule, row))
    for hits in report.hits.values():
        hits.sort(key=_order)
    return report


def pair_conflicts(
    graph: Graph, ids: list[str], rules: ConflictRules, year: int
) -> dict[frozenset[str], list[ConflictHit]]:
    """Conflicts between two of `ids` (e.g. a chair and a reviewer from one team), by unordered pair."""
    subject = Subject(key="", year=year, proposers=tuple(ids))
    pairs: dict[frozenset[str], list[ConflictHit]] = defaultdict(list)
    for rule in RULES:
        if not rule.between_members or rule.name in rules.disabled:
            continue
        for row in graph.read(rule.query, _params(rule, subject, rules, ids)):
            if row["expert_id"] != row["proposer_id"]:
                pairs[frozenset((row["expert_id"], row["proposer_id"]))].append(_hit(rule, row))
    return dict(pairs)
