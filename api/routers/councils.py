"""Proposals, conflicts of interest, councils and reviewer assignment (issue 6)."""

from __future__ import annotations

from datetime import date
from typing import Annotated, Any

from fastapi import APIRouter, Path, Query

from api.deps import AuditDep, GraphDep
from api.schemas import (
    AssignIn,
    AssignOut,
    ComposeIn,
    ConflictOut,
    ConflictsResult,
    CouncilMemberOut,
    CouncilOut,
    DeclaredConflictIn,
    DeclaredConflictOut,
    ExclusionOut,
    ExpertConflictsOut,
    PersonOut,
    ProposalAssignmentOut,
    ProposalIn,
    ProposalOut,
    ReviewerOut,
)
from graph.errors import Infeasible
from graph.settings import get_conflict_rules
from queries.assign import assign_reviewers
from queries.conflicts import ConflictHit, find_conflicts
from queries.council import CouncilRequest, Member, compose_council
from queries.declared_conflicts import declare_conflict, list_declared
from queries.proposals import OrgLink, Person, Proposal, get_proposal, save_proposal

router = APIRouter(prefix="/api/v1", tags=["review"])
NOT_FOUND: dict[int | str, dict[str, Any]] = {404: {"description": "no such proposal or expert"}}
UNMET: dict[int | str, dict[str, Any]] = {
    422: {"description": "invalid request, unknown ids, or a constraint that cannot be met"}
}


def _proposal_out(p: Proposal) -> ProposalOut:
    return ProposalOut(
        code=p.code,
        title=p.title,
        abstract=p.abstract,
        level=p.level,
        program=p.program,
        year=p.year,
        fields=p.fields,
        organizations=[PersonOut(id=o.id, name=o.name, role=o.role) for o in p.orgs],
        proposers=[PersonOut(id=e.id, name=e.name, role=e.role) for e in p.proposers],
    )


def _conflict_out(h: ConflictHit) -> ConflictOut:
    return ConflictOut(
        rule=h.rule,
        description_vi=h.description_vi,
        proposer_id=h.proposer_id,
        ref=h.ref,
        label=h.label,
        year=h.year,
    )


def _member_out(m: Member) -> CouncilMemberOut:
    return CouncilMemberOut(**m.__dict__)


@router.post("/proposals", response_model=ProposalOut, status_code=201, responses=UNMET)
def create_proposal(graph: GraphDep, body: ProposalIn) -> ProposalOut:
    """Create or replace a proposal (hồ sơ đề xuất) with its proposers, organizations and fields."""
    orgs = [OrgLink(body.host_org_id, None, "host")] if body.host_org_id else []
    orgs += [OrgLink(o, None, "partner") for o in body.partner_org_ids if o != body.host_org_id]
    proposal = Proposal(
        code=body.code,
        title=body.title,
        abstract=body.abstract,
        level=body.level,
        program=body.program,
        year=body.year,
        fields=sorted(set(body.fields)),
        orgs=orgs,
        proposers=[Person(p.expert_id, None, p.role) for p in body.proposers],
    )
    return _proposal_out(save_proposal(graph, proposal))


@router.get("/proposals/{code}", response_model=ProposalOut, responses=NOT_FOUND)
def read_proposal(graph: GraphDep, code: Annotated[str, Path(max_length=100)]) -> ProposalOut:
    return _proposal_out(get_proposal(graph, code))


@router.get("/conflicts", response_model=ConflictsResult, responses=NOT_FOUND)
def conflicts(
    graph: GraphDep,
    proposal: Annotated[str, Query(max_length=100, description="proposal code")],
    expert: Annotated[str | None, Query(max_length=100, description="one expert; omit for all")] = None,
) -> ConflictsResult:
    """Every conflict rule that fires between the expert(s) and the proposal, with its evidence."""
    subject = get_proposal(graph, proposal).subject()
    report = find_conflicts(graph, subject, get_conflict_rules(), [expert] if expert else None)
    ids = [expert] if expert else sorted(report.hits)
    return ConflictsResult(
        proposal=proposal,
        year=subject.year,
        experts=[
            ExpertConflictsOut(
                expert_id=e,
                conflicted=bool(report.hits.get(e)),
                rules=report.rules_of(e),
                evidence=[_conflict_out(h) for h in report.hits.get(e, [])],
            )
            for e in ids
        ],
    )


@router.post(
    "/experts/{expert_id}/conflicts",
    response_model=list[DeclaredConflictOut],
    status_code=201,
    responses=NOT_FOUND | UNMET,
)
def declare(
    graph: GraphDep, expert_id: Annotated[str, Path(max_length=100)], body: DeclaredConflictIn
) -> list[DeclaredConflictOut]:
    """Declare a conflict the graph cannot see (family, supervisor, student, ...); either side may."""
    ties = declare_conflict(
        graph,
        expert_id,
        body.other_id,
        body.kind,
        reason=body.reason,
        since=body.since,
        until=body.until,
        declared_by=body.declared_by,
    )
    return [DeclaredConflictOut(**t.__dict__) for t in ties]


@router.get("/experts/{expert_id}/conflicts", response_model=list[DeclaredConflictOut], responses=NOT_FOUND)
def declared(graph: GraphDep, expert_id: Annotated[str, Path(max_length=100)]) -> list[DeclaredConflictOut]:
    return [DeclaredConflictOut(**t.__dict__) for t in list_declared(graph, expert_id)]


@router.post("/councils/compose", response_model=CouncilOut, responses=NOT_FOUND | UNMET)
def compose(graph: GraphDep, record: AuditDep, body: ComposeIn) -> CouncilOut:
    """The best conflict-free council for a proposal or a task, with alternates and exclusions."""
    if (body.proposal is None) == (body.task is None):
        raise Infeasible("subject", "give exactly one of proposal (a code) or task")
    request = CouncilRequest(
        proposal_code=body.proposal,
        task_title=body.task.title if body.task else None,
        task_fields=tuple(body.task.fields) if body.task else (),
        task_host_org_id=body.task.host_org_id if body.task else None,
        program=body.program,
        size=body.size,
        reviewers=body.reviewers,
        outside_host_share=body.outside_host_share,
        outside_province_share=body.outside_province_share,
        women_target=body.women_target,
        minority_target=body.minority_target,
        rotation_last_n=body.rotation_last_n,
        cap_per_period=body.cap_per_period,
        period=body.period or str(date.today().year),
        save=body.save,
        council_id=body.council_id,
    )
    c = compose_council(graph, request, get_conflict_rules())
    if body.save:  # council decisions are traceable
        record("compose_council", body.proposal or (body.task.title if body.task else None), None)
    return CouncilOut(
        council_id=c.council_id,
        subject=c.subject,
        program=c.program,
        period=c.period,
        members=[_member_out(m) for m in c.members],
        alternates={seat: [_member_out(m) for m in alts] for seat, alts in c.alternates.items()},
        excluded=[
            ExclusionOut(
                expert_id=x.expert_id,
                name=x.name,
                affinity=x.affinity,
                rules=x.rules,
                evidence=[_conflict_out(h) for h in x.evidence],
                detail=x.detail,
            )
            for x in c.excluded
        ],
        objective=c.objective,
        optimal=c.optimal,
        women=c.women,
        ethnic_minority=c.ethnic_minority,
        outside_host=c.outside_host,
        outside_province=c.outside_province,
        saved=c.saved,
    )


@router.post("/reviews/assign", response_model=AssignOut, responses=NOT_FOUND | UNMET)
def assign(graph: GraphDep, record: AuditDep, body: AssignIn) -> AssignOut:
    """Reviewers for many proposals at once, solved exactly, with the greedy baseline's shortfall."""
    result = assign_reviewers(
        graph,
        body.proposals,
        body.experts,
        k=body.k,
        max_per_reviewer=body.max_per_reviewer,
        objective=body.objective or ("worst_proposal" if body.fair else "total"),
        rules=get_conflict_rules(),
        period=body.period,
        save=body.save,
    )
    problem, best, base = result.problem, result.solution, result.baseline
    if body.save:
        record("assign_reviewers", None, f"{len(body.proposals)} proposals")
    return AssignOut(
        objective=result.objective,
        optimal=best.optimal,
        total_affinity=round(best.total, 4),
        worst_proposal_affinity=round(best.worst, 4),
        weakest_reviewer_affinity=round(best.weakest, 4),
        worst_proposal_gap=None if best.worst_bound is None else round(best.worst_bound - best.worst, 4),
        total_gap=None if best.total_bound is None else round(best.total_bound - best.total, 4),
        greedy_total_affinity=round(base.total, 4),
        greedy_worst_proposal_affinity=round(base.worst, 4),
        greedy_weakest_reviewer_affinity=round(base.weakest, 4),
        greedy_unfilled_seats=base.unfilled,
        greedy_shortfall=round(1 - base.total / best.total, 6) if best.total else 0.0,
        excluded_pairs=problem.conflicts,
        assignments=[
            ProposalAssignmentOut(
                proposal=p.code,
                reviewers=[
                    ReviewerOut(
                        expert_id=problem.experts[j], affinity=round(float(problem.affinity[i, j]), 4)
                    )
                    for j in best.reviewers[i]
                ],
                total_affinity=round(best.per_proposal[i], 4),
            )
            for i, p in enumerate(problem.proposals)
        ],
    )
