"""`python -m ingest`: load the reference taxonomy, import files, or build and load the demo.

Each command opens the graph the way the settings say (`NEO4J_URI`, else the local server), applies
pending migrations, and leaves a local server running if it was already running before.
"""

from __future__ import annotations

import getpass
from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager
from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn
from rich.table import Table as RichTable

from graph.connection import Graph
from graph.errors import ExpertgraphError, ImportRejected, RowError
from graph.migrations import migrate
from graph.runtime import open_runtime
from graph.server import LocalNeo4j
from graph.settings import Settings
from ingest.adapters import cordis
from ingest.adapters.openalex import load_openalex
from ingest.demo_load import load_demo
from ingest.embed import embed_missing
from ingest.extract.apply import extract_fields
from ingest.load import ImportReport, tables_of_paths
from ingest.reference import load_reference
from ingest.runs import ImportRun, import_recorded, joined, sha256_hex


class Lang(StrEnum):
    """Languages of the error messages."""

    VI = "vi"
    EN = "en"


CORDIS_PARTICIPATIONS = 144_726  # rows of h2020.csv.gz, for the progress bar before it is read
app = typer.Typer(help="Load data into the expertgraph knowledge graph.", no_args_is_help=True)
console = Console()
errors_console = Console(stderr=True)


@contextmanager
def _graph(settings: Settings) -> Iterator[Graph]:
    """A migrated graph; a local server this command started is stopped again at the end."""
    was_running = settings.neo4j_uri is None and LocalNeo4j.from_settings(settings).running_pid() is not None
    runtime = open_runtime(settings)
    try:
        migrate(runtime.graph)
        yield runtime.graph
    finally:
        runtime.close(stop_server=not was_running)


def print_report(report: ImportReport) -> None:
    how = "one transaction" if report.atomic else "one transaction per chunk"
    how = "dry run: nothing written" if report.dry_run else how
    table = RichTable(title=f"Import finished in {report.elapsed_s:.1f} s ({how})")
    table.add_column("kind", no_wrap=True)
    for column in ("read", "duplicates", "created", "updated", "unchanged"):
        table.add_column(column, justify="right")
    for kind_report in report.kinds.values():
        counts = (
            kind_report.read,
            kind_report.duplicates,
            kind_report.created,
            kind_report.updated,
            kind_report.unchanged,
        )
        table.add_row(kind_report.kind.value, *(str(n) for n in counts))
    console.print(table)
    for kind_report in report.kinds.values():
        files = ", ".join(
            f"{name} ({report.encodings[name]})" if name in report.encodings else name
            for name in kind_report.files
        )
        console.print(f"{kind_report.kind.value}: {files}", highlight=False)
        if kind_report.merged or kind_report.queued or kind_report.resolved_new:
            console.print(
                f"{kind_report.kind.value}: resolution merged {kind_report.merged}, held for review "
                f"{kind_report.queued} (GET /api/v1/import/review), new {kind_report.resolved_new}",
                highlight=False,
            )


def print_rejection(errors: list[RowError], lang: str = "en") -> None:
    """Every error, then how many rows of each file were rejected: nothing was written."""
    for error in errors:
        errors_console.print(error.message(lang), markup=False, highlight=False)
    rows = Counter((e.file, e.sheet) for e in {(e.file, e.sheet, e.row): e for e in errors}.values())
    vi = lang == "vi"
    for (file, sheet), count in sorted(rows.items()):
        where = f"{file} ({'trang tính' if vi else 'sheet'} {sheet})" if sheet else file
        counted = f"{count} dòng có lỗi" if vi else f"{count} row(s) with problems"
        errors_console.print(f"{where}: {counted}", markup=False)
    if vi:
        errors_console.print(f"[bold red]Từ chối: {len(errors)} lỗi; chưa ghi gì vào cơ sở dữ liệu.[/]")
    else:
        errors_console.print(f"[bold red]Rejected: {len(errors)} problem(s); nothing was written.[/]")


@app.command()
def reference() -> None:
    """Load the field taxonomies (OECD FOS 2007, Vietnamese QĐ 12/2008) from shared data."""
    settings = Settings()
    with _graph(settings) as graph:
        counts = load_reference(graph, settings.shared_data)
    for name, count in counts.items():
        console.print(f"{name}: {count}")


@app.command("load-files")
def load_files(
    files: Annotated[list[Path], typer.Argument(exists=True, dir_okay=False, readable=True)],
    batch_size: Annotated[int, typer.Option(min=1)] = 5000,
    resolve: Annotated[
        bool, typer.Option(help="resolve experts/organizations without an id (entity resolution)")
    ] = False,
    extract: Annotated[bool, typer.Option(help="tag new projects/publications/patents with fields")] = True,
    user: Annotated[str, typer.Option(help="who imports (recorded on the run)")] = "",
    dry_run: Annotated[bool, typer.Option("--dry-run", help="validate and count; write nothing")] = False,
    lang: Annotated[Lang, typer.Option(help="language of the error messages (vi: tiếng Việt)")] = Lang.EN,
) -> None:
    """Import .csv/.xlsx files named after their table (experts.csv, tri_thuc.xlsx, ...)."""
    user = user or getpass.getuser()
    run = ImportRun(
        kind="",
        file=joined(path.name for path in files),
        sha256=joined(sha256_hex(path.read_bytes()) for path in files),
        user=user,
    )
    with _graph(Settings()) as graph:
        try:
            tables = tables_of_paths(files)
            run.kind = joined(kind.value for kind in tables)
            report = import_recorded(
                graph, tables, run, dry_run=dry_run, batch_size=batch_size, resolve=resolve
            )
        except ImportRejected as exc:
            if not run.kind:  # unreadable files: record the attempt too
                run.rejected(graph, exc.errors)
            print_rejection(exc.errors, lang.value)
            raise typer.Exit(1) from exc
        print_report(report)
        if not dry_run:
            console.print(f"recorded as import run {run.id}", highlight=False)
        if extract and not dry_run:
            console.print(f"field extraction: {extract_fields(graph)}", highlight=False)


@app.command("extract-fields")
def extract_fields_command(
    all_items: Annotated[
        bool, typer.Option("--all", help="extract every item again, not only new or changed ones")
    ] = False,
    embedding: Annotated[
        bool, typer.Option(help="fall back to the embedding model for text no keyword matches")
    ] = True,
) -> None:
    """Tag projects and publications with fields and topics (gazetteer, then embedding model).

    Links given by people ('manual') or files ('import') are never changed; items that have them
    get topics only. A re-run only looks at items whose text changed.
    """
    with _graph(Settings()) as graph:
        report = extract_fields(graph, only_missing=not all_items, use_embedding=embedding)
    console.print(str(report), highlight=False)


@app.command()
def demo(
    seed: Annotated[int | None, typer.Option(help="random seed (default: DEMO_SEED)")] = None,
) -> None:
    """Generate the demo CSVs into DEMO_DIR, load the reference taxonomy, and import them."""
    settings = Settings()
    if seed is not None:
        settings = settings.model_copy(update={"demo_seed": seed})
    with _graph(settings) as graph:
        try:
            loaded = load_demo(graph, settings)
        except ImportRejected as exc:
            print_rejection(exc.errors)
            raise typer.Exit(1) from exc
    console.print(f"demo data written to {settings.demo_dir}: {loaded.totals}")
    print_report(loaded.report)


@app.command("load-openalex")
def load_openalex_command(
    directory: Annotated[
        Path | None, typer.Argument(help="the sample folder (default: SHARED_DATA/openalex_idb03)")
    ] = None,
) -> None:
    """Import the OpenAlex sample (researchers, institutions, works, bylines) and embed it."""
    settings = Settings()
    with _graph(settings) as graph:
        load_reference(graph, settings.shared_data)
        try:
            report = load_openalex(graph, directory or settings.shared_data / "openalex_idb03")
        except ImportRejected as exc:
            print_rejection(exc.errors)
            raise typer.Exit(1) from exc
        embedded = embed_missing(graph)
    print_report(report)
    console.print(f"embedded {embedded} new or changed texts")


def main() -> None:
    try:
        app()
    except ExpertgraphError as exc:
        errors_console.print(f"[bold red]{type(exc).__name__}:[/] {exc}", highlight=False)
        raise SystemExit(1) from exc


@app.command("load-cordis")
def load_cordis(
    directory: Annotated[
        Path | None, typer.Option(help="folder with h2020.csv.gz (default: SHARED_DATA/cordis_h2020)")
    ] = None,
    limit: Annotated[int | None, typer.Option(min=1, help="only the first N participations")] = None,
    batch_size: Annotated[int, typer.Option(min=1)] = 10_000,
    user: Annotated[str, typer.Option(help="who imports (recorded on the run)")] = "",
    dry_run: Annotated[bool, typer.Option("--dry-run", help="validate and count; write nothing")] = False,
) -> None:
    """Import the EU CORDIS H2020 participations (organizations, projects, roles) at full size."""
    settings = Settings()
    folder = directory or settings.shared_data / "cordis_h2020"
    source = folder / "h2020.csv.gz"
    columns = (
        TextColumn("{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
    )
    with Progress(*columns, console=console) as bar:
        reading = bar.add_task("đọc CORDIS / reading", total=limit or CORDIS_PARTICIPATIONS)
        tables = cordis.participations(
            source,
            cordis.read_org_names(folder / "org_names.csv"),
            cordis.read_programme_parts(folder / "programme_parts.csv.gz"),
            limit=limit,
            progress=lambda n: bar.advance(reading, n),
        )
        bar.update(reading, total=tables.source_rows, completed=tables.source_rows)
        tasks = {
            kind: bar.add_task(f"ghi / writing {kind.value}", total=sum(len(t.rows) for t in kind_tables))
            for kind, kind_tables in tables.tables().items()
        }
        run = ImportRun(
            kind=joined(kind.value for kind in tasks),
            file=source.name,
            sha256=sha256_hex(source.read_bytes()),
            user=user or getpass.getuser(),
        )
        with _graph(settings) as graph:
            try:
                report = import_recorded(
                    graph,
                    tables.tables(),
                    run,
                    dry_run=dry_run,
                    batch_size=batch_size,
                    progress=lambda kind, n: bar.advance(tasks[kind], n),
                )
            except ImportRejected as exc:
                print_rejection(exc.errors)
                raise typer.Exit(1) from exc
    print_report(report)
    console.print(
        f"{tables.source_rows} participations; organizations named {tables.named}, "
        f"unnamed (stand-in name) {tables.unnamed}",
        highlight=False,
    )
