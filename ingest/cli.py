"""`python -m ingest`: load the reference taxonomy, import files, or build and load the demo.

Each command opens the graph the way the settings say (`NEO4J_URI`, else the local server), applies
pending migrations, and leaves a local server running if it was already running before.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.table import Table as RichTable

from graph.connection import Graph
from graph.errors import ExpertgraphError, ImportRejected, RowError
from graph.migrations import migrate
from graph.runtime import open_runtime
from graph.server import LocalNeo4j
from graph.settings import Settings
from ingest.adapters.openalex import load_openalex
from ingest.demo_load import load_demo
from ingest.embed import embed_missing
from ingest.load import ImportReport, import_paths
from ingest.reference import load_reference

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


def print_rejection(errors: list[RowError]) -> None:
    """Every error, then how many rows of each file were rejected: nothing was written."""
    for error in errors:
        errors_console.print(str(error), markup=False, highlight=False)
    rows = Counter((e.file, e.sheet) for e in {(e.file, e.sheet, e.row): e for e in errors}.values())
    for (file, sheet), count in sorted(rows.items()):
        where = f"{file} (sheet {sheet})" if sheet else file
        errors_console.print(f"{where}: {count} row(s) with problems", markup=False)
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
) -> None:
    """Import .csv/.xlsx files named after their table (experts.csv, tri_thuc.xlsx, ...)."""
    with _graph(Settings()) as graph:
        try:
            report = import_paths(graph, files, batch_size=batch_size)
        except ImportRejected as exc:
            print_rejection(exc.errors)
            raise typer.Exit(1) from exc
    print_report(report)


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
