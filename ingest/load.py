"""Import a batch of tables: validate all of it, then write it, kind by kind in dependency order.

Nothing is written unless every row of every table is valid (`ImportRejected` carries every error).
A batch of usual size is written in one transaction, so it commits whole or not at all; rows whose
hash is already stored are skipped, which is what makes a second import of the same files write
nothing. `ingest.write` does the writing; this module finds the tables and reports what happened.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any, Protocol

from neo4j import ManagedTransaction

from graph import upserts
from graph.connection import Graph
from graph.errors import ImportRejected, RowError
from graph.settings import ResolutionSettings, get_resolution_settings
from ingest.columns import LOAD_ORDER, Kind, kind_for_name
from ingest.cross_source import resolve_across_sources
from ingest.gc_pause import paused_gc
from ingest.merge_write import write_merges, write_review_items
from ingest.readers import Table, read_table
from ingest.records import to_record
from ingest.resolution import Resolved, resolve_batch
from ingest.validate import validate_batch
from ingest.write import NewKeys, Progress, Runner, count_kind, write_cost, write_kind


@dataclass
class KindReport:
    """Counts for one kind. `rejected` is the number of rows with an error (0 when it loaded)."""

    kind: Kind
    files: list[str] = field(default_factory=list)
    read: int = 0
    duplicates: int = 0  # identical repeated rows, collapsed
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    rejected: int = 0
    # Entity resolution (import with resolve=True): rows merged into a stored record, rows held in
    # the review queue, and rows that became new records.
    merged: int = 0
    queued: int = 0
    resolved_new: int = 0


@dataclass
class ImportReport:
    kinds: dict[Kind, KindReport]
    elapsed_s: float
    encodings: dict[str, str] = field(default_factory=dict)  # CSV file -> encoding used
    atomic: bool = True  # written in one transaction (else one per chunk: see import_tables)
    dry_run: bool = False  # validated and compared with the graph; nothing was written

    @property
    def written(self) -> int:
        return sum(k.created + k.updated for k in self.kinds.values())


# The most writes (see `ingest.write.write_cost`) one transaction takes. Measured on the local server's
# 512 MB heap (about 360 MB of transaction memory): 10,000 experts with 7 writes each commit in one
# transaction, 20,000 do not.
ATOMIC_LIMIT = 40_000
TableInput = Mapping[Kind, Table | Sequence[Table]] | Mapping[str, Table | Sequence[Table]]


class Recorder(Protocol):
    """Writes the record of an import (`ingest.runs`) through the import's own runner.

    `started` runs before a chunked import writes anything (an interrupted one stays visible);
    `finished` runs in the same transaction as the data of an atomic import, so both commit, or neither.
    """

    def started(self, run: Runner, report: ImportReport) -> None: ...

    def finished(self, run: Runner, report: ImportReport) -> None: ...


@paused_gc()
def import_tables(
    graph: Graph,
    tables: TableInput,
    *,
    batch_size: int = 5000,
    atomic_limit: int = ATOMIC_LIMIT,
    resolve: bool = False,
    resolution: ResolutionSettings | None = None,
    cross_source: bool = True,
    dry_run: bool = False,
    recorder: Recorder | None = None,
    progress: Progress | None = None,
) -> ImportReport:
    """Validate every table (raising ImportRejected, having written nothing), then write all kinds.

    A batch of up to `atomic_limit` writes (nodes and links) goes in one transaction: all or
    nothing. A larger one would outgrow the server's transaction memory (145k CORDIS rows need far
    more than a 512 MB heap gives), so each chunk commits on its own. The batch is valid by then,
    so only a server failure can stop it midway, and importing the same files again completes it.

    With `resolve`, expert and organization rows may leave their id empty: entity resolution
    (`ingest.resolution`) merges them into the stored record they surely are, holds unsure ones in
    the review queue, or gives them a new deterministic id.
    """
    started = time.perf_counter()
    by_kind: dict[Kind, list[Table]] = {}
    for kind_name, given in tables.items():
        kind = Kind(kind_name)
        by_kind.setdefault(kind, []).extend([given] if isinstance(given, Table) else given)
    batch = validate_batch(graph, by_kind, resolve=resolve)
    resolved = Resolved()
    if resolve:
        resolved = resolve_batch(graph, batch, resolution or get_resolution_settings())
    # CORDIS and OpenAlex name one university twice: join them (explicit ids, so not only with
    # `resolve`). `cross_source=False` is the benchmark's baseline (bench/ingest_both.py).
    if cross_source:
        resolve_across_sources(graph, batch, resolved)
    records = {
        kind: [to_record(kind, row.model) for row in batch.rows[kind]]
        for kind in LOAD_ORDER
        if kind in batch.rows
    }
    reports = {
        kind: KindReport(
            kind,
            batch.files[kind],
            batch.read[kind],
            duplicates=batch.duplicates[kind],
            merged=resolved.merged.get(kind, 0),
            queued=resolved.queued.get(kind, 0),
            resolved_new=resolved.new.get(kind, 0),
        )
        for kind in records
    }
    year = date.today().year
    cost = sum(write_cost(kind, r) for kind, kind_records in records.items() for r in kind_records)

    def write_all(run: Runner) -> None:
        new_keys: NewKeys = {}  # per attempt: a retried transaction starts again from nothing
        for kind, kind_records in records.items():
            counts = write_kind(
                run,
                kind,
                kind_records,
                batch_size=batch_size,
                year=year,
                progress=progress,
                new_keys=new_keys,
            )
            report = reports[kind]
            report.created, report.updated, report.unchanged = (
                counts.created,
                counts.updated,
                counts.unchanged,
            )
            write_merges(run, kind, resolved.merges.records.get(kind, []))
        write_review_items(run, resolved.review_items)

    encodings = {
        table.file: table.encoding
        for kind_tables in by_kind.values()
        for table in kind_tables
        if table.encoding
    }
    report = ImportReport(reports, 0.0, encodings, cost <= atomic_limit, dry_run)

    def finish(run: Runner) -> None:
        report.elapsed_s = time.perf_counter() - started
        if recorder is not None:
            recorder.finished(run, report)

    if dry_run:
        for kind, kind_records in records.items():
            counts = count_kind(graph.read_tx, kind, kind_records, batch_size=batch_size)
            reports[kind].created, reports[kind].updated, reports[kind].unchanged = (
                counts.created,
                counts.updated,
                counts.unchanged,
            )
        report.elapsed_s = time.perf_counter() - started
    elif report.atomic:
        # One transaction for the whole batch and its record; a retry re-runs all of it.
        def atomic_work(tx: ManagedTransaction) -> None:
            def run(work: Callable[[ManagedTransaction], Any]) -> Any:
                return work(tx)

            write_all(run)
            finish(run)

        graph.write_tx(atomic_work)
    else:
        if recorder is not None:
            recorder.started(graph.write_tx, report)
        write_all(graph.write_tx)
        finish(graph.write_tx)
    if not dry_run and any(r.created or r.updated for r in reports.values()):
        graph.write(upserts.BUMP_DATA_VERSION)  # tells analysis caches the data changed
    return report


def import_paths(
    graph: Graph,
    paths: Sequence[Path],
    *,
    batch_size: int = 5000,
    atomic_limit: int = ATOMIC_LIMIT,
    resolve: bool = False,
) -> ImportReport:
    """Import files whose names say their kind: `experts.csv`, `tri_thuc.xlsx`, `02_de_tai.csv`.

    A workbook with sheets named after kinds holds one table per such sheet (other sheets, such as
    instructions, are ignored); otherwise its file name gives the kind of its first sheet.
    """
    return import_tables(
        graph, tables_of_paths(paths), batch_size=batch_size, atomic_limit=atomic_limit, resolve=resolve
    )


def tables_of_paths(paths: Sequence[Path]) -> dict[Kind, list[Table]]:
    """Read every file; the problems of all unreadable files are raised together."""
    tables: dict[Kind, list[Table]] = {}
    errors: list[RowError] = []
    for path in paths:
        try:
            for kind, table in _tables_of(path):
                tables.setdefault(kind, []).append(table)
        except ImportRejected as exc:
            errors.extend(exc.errors)
    if errors:
        raise ImportRejected(errors)
    return tables


def import_directory(
    graph: Graph, directory: Path, *, batch_size: int = 5000, atomic_limit: int = ATOMIC_LIMIT
) -> ImportReport:
    """Every `.csv`/`.xlsx` in `directory` whose name is a kind; other files are left alone."""
    paths = sorted(
        path
        for path in directory.iterdir()
        if path.suffix.lower() in (".csv", ".xlsx") and kind_for_name(path.stem) is not None
    )
    return import_paths(graph, paths, batch_size=batch_size, atomic_limit=atomic_limit)


def _tables_of(path: Path) -> list[tuple[Kind, Table]]:
    if path.suffix.lower() in (".xlsx", ".xlsm"):
        sheets = read_table(path)
        named = [(kind, t) for t in sheets if (kind := kind_for_name(t.sheet)) is not None]
        if named:
            return named
        sheets = sheets[:1]
    else:
        sheets = read_table(path)
    kind = kind_for_name(path.stem)
    if kind is None:
        names = ", ".join(f"{k.value}{path.suffix}" for k in Kind)
        reason = f"does not say which table it holds; name it one of: {names}"
        raise ImportRejected([RowError(path.name, 0, "", "", reason)])
    return [(kind, table) for table in sheets]
