"""Compose one review council for a proposal or a task: conflict-free, covering, explained.

Candidates are the experts of highest affinity (`queries.affinity`). Anyone a conflict rule, the
rotation rule or the per-period cap excludes is set aside with the reason; the rest go to the CP-SAT
model of `queries.council_model`. The answer lists the seats, up to two alternates per seat (the
best outsiders who could take that seat with every hard constraint still met), and the strong
candidates that were excluded, each with the rule that excluded them.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from graph.connection import Graph
from graph.schema import DOCTORAL_DEGREES
from graph.settings import ConflictRules
from graph.text import fold, normalize
from queries import council_store
from queries.affinity import affinity
from queries.conflicts import ConflictHit, Subject, find_conflicts, pair_conflicts
from queries.council_model import Candidate, Requirements, holds, requirements, solve
from queries.proposals import get_proposal

POOL = 60  # candidates given to the model, best affinity first
SEARCH = 200  # experts scored before exclusions
STRONG_SHOWN = 10


@dataclass(frozen=True)
class CouncilRequest:
    proposal_code: str | None = None
    # A task instead of a proposal: what it is about and who hosts it.
    task_title: str | None = None
    task_fields: tuple[str, ...] = ()
    task_host_org_id: str | None = None
    program: str | None = None
    size: int = 7
    reviewers: int = 2
    outside_host_share: float = 0.5
    outside_province_share: float = 0.0
    women_target: int = 2
    minority_target: int = 1
    rotation_last_n: int = 0
    cap_per_period: int = 3
    period: str | None = None
    save: bool = False
    council_id: str | None = None


@dataclass(frozen=True)
class Member:
    role: str
    expert_id: str
    name: str | None
    affinity: float
    organization: str | None
    gender: str | None
    ethnic_minority: bool | None
    covers: list[str]


@dataclass(frozen=True)
class Exclusion:
    expert_id: str
    name: str | None
    affinity: float
    rules: list[str]
    evidence: list[ConflictHit] = field(default_factory=list)
    detail: str | None = None


@dataclass(frozen=True)
class Council:
    council_id: str
    subject: str
    program: str | None
    period: str
    members: list[Member]
    alternates: dict[str, list[Member]]  # expert id of the seat -> alternates, best first
    excluded: list[Exclusion]
    objective: int
    optimal: bool
    women: int
    ethnic_minority: int
    outside_host: int
    outside_province: int
    saved: bool


def _subject(graph: Graph, req: CouncilRequest) -> tuple[Subject, str, list[str], str | None, str | None]:
    """(conflict subject, text, fields, host org, program) of the proposal or the task."""
    if req.proposal_code is not None:
        p = get_proposal(graph, req.proposal_code)
        return p.subject(), p.text, p.fields, p.host_org_id, req.program or p.program
    title = normalize(req.task_title or "")
    orgs = ((req.task_host_org_id, "host"),) if req.task_host_org_id else ()
    subject = Subject(key=fold(title)[:60] or "task", year=date.today().year, orgs=orgs)
    return subject, title, list(req.task_fields), req.task_host_org_id, req.program


def compose_council(graph: Graph, req: CouncilRequest, rules: ConflictRules) -> Council:
    """The best conflict-free council for the request; raises Infeasible naming what cannot hold."""
    subject, text, fields, host, program = _subject(graph, req)
    period = req.period or str(date.today().year)
    program_key = fold(program) if program else ""
    council_id = req.council_id or f"HD-{subject.key}-{period}"
    scores = affinity(graph, text, fields, None, SEARCH)
    ids = list(scores)
    conflicts = find_conflicts(graph, subject, rules, ids)
    recent = council_store.recent_members(graph, program_key, req.rotation_last_n, council_id)
    loads = council_store.workload(graph, ids, period, [council_id])
    facts = council_store.candidate_facts(graph, ids)
    excluded: list[Exclusion] = []
    eligible: list[str] = []
    for expert_id in ids:
        reasons = conflicts.rules_of(expert_id)
        detail = None
        if expert_id in recent:
            reasons.append("rotation")
            detail = f"sat on {', '.join(recent[expert_id])}"
        if loads.get(expert_id, 0) >= req.cap_per_period:
            reasons.append("council_cap")
            detail = f"already on {loads[expert_id]} councils in {period}"
        if reasons:
            name = facts.get(expert_id, {}).get("name")
            hits = conflicts.hits.get(expert_id, [])
            excluded.append(Exclusion(expert_id, name, scores[expert_id], reasons, hits, detail))
        elif len(eligible) < POOL:
            eligible.append(expert_id)
    covers = council_store.field_covers(graph, fields, eligible)
    units = council_store.host_units(graph, host)
    candidates = [_candidate(e, scores[e], facts[e], units, loads.get(e, 0), covers) for e in eligible]
    pairs = pair_conflicts(graph, eligible, rules, subject.year)
    requirement = requirements(
        size=req.size,
        reviewers=req.reviewers,
        fields=fields,
        outside_host_share=req.outside_host_share,
        outside_province_share=req.outside_province_share,
        women_target=req.women_target,
        minority_target=req.minority_target,
    )
    composition = solve(candidates, requirement, set(pairs))
    by_id = {c.id: c for c in candidates}
    members = [_member(role, by_id[e], facts[e]) for role, e in composition.seats]
    chosen = [by_id[e] for _, e in composition.seats]
    roles = [role for role, _ in composition.seats]
    alternates = _alternates(chosen, roles, candidates, requirement, set(pairs), facts)
    weakest = min(m.affinity for m in members)
    strong = [x for x in excluded if x.affinity >= weakest][:STRONG_SHOWN]
    council = Council(
        council_id=council_id,
        subject=subject.key,
        program=program,
        period=period,
        members=members,
        alternates=alternates,
        excluded=strong,
        objective=composition.objective,
        optimal=composition.optimal,
        women=sum(c.women for c in chosen),
        ethnic_minority=sum(c.minority for c in chosen),
        outside_host=sum(c.outside_host for c in chosen),
        outside_province=sum(c.outside_province for c in chosen),
        saved=req.save,
    )
    if req.save:
        council_store.save_councils(
            graph,
            [
                {
                    "id": council_id,
                    "kind": "council",
                    "program": program,
                    "program_key": program_key or None,
                    "period": period,
                    "title": text[:200],
                    "proposal": req.proposal_code,
                    "seats": [{"expert_id": m.expert_id, "role": m.role} for m in members],
                }
            ],
        )
    return council


def _candidate(
    expert_id: str,
    score: float,
    fact: dict[str, object],
    host_units: set[str],
    load: int,
    covers: dict[str, frozenset[str]],
) -> Candidate:
    org_ids = fact.get("org_ids") or []
    assert isinstance(org_ids, list)
    return Candidate(
        id=expert_id,
        affinity=score,
        women=fact.get("gender") == "F",
        minority=bool(fact.get("minority")),
        outside_host=not (set(org_ids) & host_units),
        outside_province=not fact.get("in_province"),
        senior=fact.get("degree") in DOCTORAL_DEGREES or bool(fact.get("title")),
        load=load,
        covers=covers.get(expert_id, frozenset()),
    )


def _member(role: str, c: Candidate, fact: dict[str, object]) -> Member:
    names = fact.get("org_names") or []
    assert isinstance(names, list)
    gender = fact.get("gender")
    minority = fact.get("minority")
    return Member(
        role=role,
        expert_id=c.id,
        name=str(fact.get("name") or ""),
        affinity=c.affinity,
        organization=names[0] if names else None,
        gender=gender if isinstance(gender, str) else None,
        ethnic_minority=minority if isinstance(minority, bool) else None,
        covers=sorted(c.covers),
    )


def _alternates(
    chosen: list[Candidate],
    roles: list[str],
    candidates: list[Candidate],
    req: Requirements,
    pairs: set[frozenset[str]],
    facts: dict[str, dict[str, object]],
    per_seat: int = 2,
) -> dict[str, list[Member]]:
    """For each seat, the best outsiders (by affinity, then id) whose swap keeps every hard rule."""
    seated = {c.id for c in chosen}
    outsiders = sorted((c for c in candidates if c.id not in seated), key=lambda c: (-c.affinity, c.id))
    result: dict[str, list[Member]] = {}
    for index, (current, role) in enumerate(zip(chosen, roles, strict=True)):
        found: list[Member] = []
        for alt in outsiders:
            swapped = [*chosen[:index], alt, *chosen[index + 1 :]]
            if holds(swapped, req, pairs):
                found.append(_member(role, alt, facts[alt.id]))
                if len(found) == per_seat:
                    break
        result[current.id] = found
    return result
