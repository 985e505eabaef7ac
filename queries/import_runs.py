"""The import history: the newest runs first, with who imported which file and what it changed."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import Any, LiteralString

from graph.connection import Graph

LIST_IMPORT_RUNS: LiteralString = """
MATCH (r:ImportRun)
WHERE $status IS NULL OR r.status = $status
RETURN r {.*, at: toString(r.at)} AS run
ORDER BY r.at DESC, r.id
SKIP $offset LIMIT $limit
"""
COUNT_IMPORT_RUNS: LiteralString = """
MATCH (r:ImportRun) WHERE $status IS NULL OR r.status = $status RETURN count(r) AS n
"""


@dataclass(frozen=True)
class ImportRunRow:
    id: str
    kind: str
    file: str
    sha256: str
    user: str
    at: str
    status: str
    seconds: float
    read: int = 0
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    duplicates: int = 0
    rejected: int = 0
    errors: int = 0
    atomic: bool | None = None
    counts: dict[str, dict[str, int]] = field(default_factory=dict)


def _row(run: dict[str, Any]) -> ImportRunRow:
    counts = json.loads(run.get("counts") or "{}")
    return ImportRunRow(
        id=run["id"],
        kind=run.get("kind") or "",
        file=run.get("file") or "",
        sha256=run.get("sha256") or "",
        user=run.get("user") or "",
        at=run.get("at") or "",
        status=run.get("status") or "",
        seconds=float(run.get("seconds") or 0.0),
        read=run.get("read") or 0,
        created=run.get("created") or 0,
        updated=run.get("updated") or 0,
        unchanged=run.get("unchanged") or 0,
        duplicates=run.get("duplicates") or 0,
        rejected=run.get("rejected") or 0,
        errors=run.get("errors") or 0,
        atomic=run.get("atomic"),
        counts=counts,
    )


def list_import_runs(
    graph: Graph, *, status: str | None = None, limit: int = 50, offset: int = 0
) -> tuple[int, list[ImportRunRow]]:
    """How many runs match, and one page of them, newest first."""
    params = {"status": status, "limit": limit, "offset": offset}
    total = graph.read(COUNT_IMPORT_RUNS, params)[0]["n"]
    return total, [_row(record["run"]) for record in graph.read(LIST_IMPORT_RUNS, params)]


GET_IMPORT_RUN: LiteralString = "MATCH (r:ImportRun {id: $id}) RETURN r {.*, at: toString(r.at)} AS run"


def get_import_run(graph: Graph, run_id: str) -> ImportRunRow | None:
    """One recorded import: the report page a confirmed upload leads to."""
    rows = graph.read(GET_IMPORT_RUN, {"id": run_id})
    return _row(rows[0]["run"]) if rows else None
