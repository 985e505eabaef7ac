"""Import with a record: every import through the API or the CLI leaves an `(:ImportRun)` in the graph.

Statuses: `done` (written), `rejected` (failed validation; nothing of it was written), `running` (a
chunked import that has not finished: it was interrupted if it stays so), `failed` (the server failed
midway through a chunked import). A dry run writes nothing, not even its record.
"""

from __future__ import annotations

import hashlib
import json
import time
import uuid
from collections.abc import Iterable
from contextlib import suppress
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

from neo4j import ManagedTransaction

from graph.connection import Graph
from graph.errors import ImportRejected, RowError
from graph.import_runs import RECORD_IMPORT_RUN
from graph.settings import get_settings
from ingest.load import ImportReport, TableInput, import_tables
from ingest.write import Progress, Runner


def sha256_hex(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


@dataclass
class ImportRun:
    """What is known of an import before it starts; `ingest.load.Recorder` for `import_tables`."""

    kind: str  # the kind, or the kinds of a workbook joined by ", "
    file: str  # file name(s) as the user gave them, joined by ", "
    sha256: str  # hex digest(s) of the file bytes, in the order of `file`, joined by ", "
    user: str
    id: str = field(default_factory=lambda: uuid.uuid4().hex)
    at: str = field(default_factory=lambda: datetime.now(UTC).isoformat())
    started_at: float = field(default_factory=time.perf_counter)

    def _write(self, run: Runner, props: dict[str, Any]) -> None:
        base = {"kind": self.kind, "file": self.file, "sha256": self.sha256, "user": self.user}
        params = {"id": self.id, "at": self.at, "props": base | props}

        def work(tx: ManagedTransaction) -> None:
            tx.run(RECORD_IMPORT_RUN, params).consume()

        run(work)

    def started(self, run: Runner, report: ImportReport) -> None:
        self._write(run, {"status": "running", **_totals(report)})

    def finished(self, run: Runner, report: ImportReport) -> None:
        self._write(run, {"status": "done", **_totals(report)})

    def rejected(self, graph: Graph, errors: list[RowError]) -> None:
        rows = len({(e.file, e.sheet, e.row) for e in errors})
        props = {
            "status": "rejected",
            "rejected": rows,
            "errors": len(errors),
            "seconds": time.perf_counter() - self.started_at,
        }
        self._write(graph.write_tx, props)

    def failed(self, graph: Graph) -> None:
        props = {"status": "failed", "seconds": time.perf_counter() - self.started_at}
        self._write(graph.write_tx, props)


def _totals(report: ImportReport) -> dict[str, Any]:
    per_kind = {
        kind.value: {
            "read": r.read,
            "duplicates": r.duplicates,
            "created": r.created,
            "updated": r.updated,
            "unchanged": r.unchanged,
        }
        for kind, r in report.kinds.items()
    }
    totals = {
        name: sum(counts[name] for counts in per_kind.values())
        for name in ("read", "duplicates", "created", "updated", "unchanged")
    }
    return totals | {
        "rejected": 0,
        "errors": 0,
        "seconds": report.elapsed_s,
        "atomic": report.atomic,
        "counts": json.dumps(per_kind, ensure_ascii=False),
    }


def import_recorded(
    graph: Graph,
    tables: TableInput,
    run: ImportRun,
    *,
    dry_run: bool = False,
    batch_size: int = 5000,
    atomic_limit: int | None = None,
    progress: Progress | None = None,
    resolve: bool = False,
) -> ImportReport:
    """`import_tables`, recording the run: done with the data, or rejected with its error count.

    `atomic_limit` defaults to the IMPORT_ATOMIC_LIMIT setting.
    """
    if atomic_limit is None:
        atomic_limit = get_settings().import_atomic_limit
    try:
        return import_tables(
            graph,
            tables,
            batch_size=batch_size,
            atomic_limit=atomic_limit,
            dry_run=dry_run,
            recorder=None if dry_run else run,
            progress=progress,
            resolve=resolve,
        )
    except ImportRejected as exc:
        if not dry_run:
            run.rejected(graph, exc.errors)
        raise
    except Exception:
        # The server failed or refused the transaction: say so, if it still answers. If it does not,
        # a chunked run stays "running", which says as much.
        if not dry_run:
            with suppress(Exception):
                run.failed(graph)
        raise


def joined(values: Iterable[str]) -> str:
    return ", ".join(values)
