"""The entity-resolution review queue: unsure matches wait here for a person; nothing merges alone."""

from __future__ import annotations

from dataclasses import asdict
from typing import Annotated, Literal

from fastapi import APIRouter, Body, Path, Query

from api.deps import AuditDep, Editor, GraphDep
from api.schemas import ReviewDecisionIn, ReviewDecisionOut, ReviewItemOut, ReviewPage
from ingest import review
from queries.review_queue import list_review_items

router = APIRouter(prefix="/api/v1/import/review", tags=["import"])
ItemId = Annotated[str, Path(max_length=100, pattern=r"^RV-[0-9A-F]+$")]
Decision = Annotated[ReviewDecisionIn | None, Body()]


def _decider(username: str, decision: ReviewDecisionIn | None) -> str:
    """The signed-in account decides; a name typed in the form is kept beside it."""
    typed = (decision or ReviewDecisionIn()).decided_by.strip()
    return f"{username} ({typed})" if typed and typed != username else username


@router.get("", response_model=ReviewPage)
def list_items(
    graph: GraphDep,
    status: Literal["open", "accepted", "rejected"] = "open",
    kind: Annotated[Literal["expert", "organization"] | None, Query()] = None,
    limit: Annotated[int, Query(ge=1, le=500)] = 50,
    offset: Annotated[int, Query(ge=0, le=1_000_000)] = 0,
) -> ReviewPage:
    """Rows resolution could not decide, each beside the stored record it may be, with the score
    and the features that drove it (Hàng chờ xem xét: bản ghi có thể trùng)."""
    found = list_review_items(graph, status=status, kind=kind, limit=limit, offset=offset)
    items = [ReviewItemOut(**asdict(item)) for item in found.items]
    return ReviewPage(total=found.total, limit=limit, offset=offset, items=items)


@router.post(
    "/{item_id}/accept",
    response_model=ReviewDecisionOut,
    responses={404: {"description": "no such item"}, 409: {"description": "already decided"}},
)
def accept(
    graph: GraphDep, user: Editor, record: AuditDep, item_id: ItemId, decision: Decision = None
) -> ReviewDecisionOut:
    """Same record (Cùng một người/tổ chức): merge the held row into the candidate, filling gaps; for a
    cross-source organization, merge its node into the candidate (links, ids, name) and delete it."""
    outcome = review.accept(graph, item_id, _decider(user.username, decision))
    merged = f"; {outcome.merge.summary}" if outcome.merge is not None else ""
    record("review_accept", item_id, outcome.record_id + merged)
    return ReviewDecisionOut(id=outcome.item_id, status=outcome.status, record_id=outcome.record_id)


@router.post(
    "/{item_id}/reject",
    response_model=ReviewDecisionOut,
    responses={404: {"description": "no such item"}, 409: {"description": "already decided"}},
)
def reject(
    graph: GraphDep, user: Editor, record: AuditDep, item_id: ItemId, decision: Decision = None
) -> ReviewDecisionOut:
    """Different records (Khác nhau): load the held row as a new record."""
    outcome = review.reject(graph, item_id, _decider(user.username, decision))
    record("review_reject", item_id, outcome.record_id)
    return ReviewDecisionOut(id=outcome.item_id, status=outcome.status, record_id=outcome.record_id)
