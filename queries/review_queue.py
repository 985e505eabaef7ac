"""The review queue as people read it: open (or decided) items, each with the stored record beside
the incoming row. Typed results; `api/` turns them into response models."""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

from graph import review_queue
from graph.connection import Graph

# Internal bookkeeping that a reviewer does not need to see (and `embedding*`: a 384-number vector).
_HIDDEN = frozenset({"row_hash", "name_key", "initials_key", "topics_key"})


@dataclass(frozen=True)
class ReviewItem:
    id: str
    kind: str
    status: str
    score: float
    reason: str
    features: dict[str, float | None]
    incoming: dict[str, Any]
    candidate_id: str
    candidate: dict[str, Any] | None
    candidate_employers: list[str]
    file: str | None
    sheet: str | None
    row: int | None


@dataclass(frozen=True)
class ReviewItems:
    total: int
    items: list[ReviewItem]


def _visible(props: dict[str, Any] | None) -> dict[str, Any] | None:
    if props is None:
        return None
    return {k: v for k, v in sorted(props.items()) if k not in _HIDDEN and not k.startswith("embedding")}


def list_review_items(
    graph: Graph, *, status: str = "open", kind: str | None = None, limit: int = 50, offset: int = 0
) -> ReviewItems:
    params = {"status": status, "kind": kind, "limit": limit, "offset": offset}
    total = graph.read(review_queue.COUNT_REVIEW_ITEMS, params)[0]["total"]
    items = []
    for row in graph.read(review_queue.REVIEW_ITEMS, params):
        item = row["item"]
        incoming = json.loads(item["incoming"])
        items.append(
            ReviewItem(
                id=item["id"],
                kind=item["kind"],
                status=item["status"],
                score=item["score"],
                reason=item.get("reason") or "score",
                features=json.loads(item["features"]),
                incoming={k: v for k, v in incoming.items() if v not in (None, [], "")},
                candidate_id=item["candidate_id"],
                candidate=_visible(row["candidate"]),
                candidate_employers=row["candidate_employers"] or [],
                file=item.get("file"),
                sheet=item.get("sheet") or None,
                row=item.get("row"),
            )
        )
    return ReviewItems(total, items)
