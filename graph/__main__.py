"""`python -m graph fetch|start|stop|migrate`: manage the local Neo4j server and the schema."""

from __future__ import annotations

import time
from pathlib import Path
from typing import Annotated

import typer

from graph.backup import backup as dump_database
from graph.backup import restore as load_database
from graph.migrations import migrate as apply_migrations
from graph.runtime import open_runtime
from graph.server import LocalNeo4j, ensure_jars
from graph.settings import get_settings

cli = typer.Typer(add_completion=False, help=__doc__)


@cli.command()
def fetch() -> None:
    """Fetch the Neo4j server jars from Maven Central into the cache (once)."""
    s = get_settings()
    started = time.perf_counter()
    lib = ensure_jars(s.local_cache, s.neo4j_version)
    typer.echo(f"Neo4j {s.neo4j_version} jars in {lib} ({time.perf_counter() - started:.1f} s)")


@cli.command()
def start() -> None:
    """Start the local server on the demo's data folder and leave it running."""
    s = get_settings()
    started = time.perf_counter()
    server = LocalNeo4j.from_settings(s)
    server.stop_with_parent = False  # this command exists to leave the server running
    server.start()
    typer.echo(f"Neo4j up at {server.uri} in {time.perf_counter() - started:.1f} s (home {server.home})")


@cli.command()
def stop() -> None:
    """Stop the local server started on the demo's data folder."""
    LocalNeo4j.from_settings(get_settings()).stop()
    typer.echo("Neo4j stopped")


@cli.command()
def migrate() -> None:
    """Apply schema migrations to the configured server (starting the local one if needed)."""
    runtime = open_runtime(get_settings())
    try:
        done = apply_migrations(runtime.graph)
        typer.echo(f"applied migrations: {done or 'none (up to date)'}")
    finally:
        runtime.close(stop_server=False)


@cli.command()
def backup(to: Annotated[Path, typer.Option(help="folder for the dump file")] = Path("var/backups")) -> None:
    """Dump the local database (the server pauses for the dump if it is running)."""
    result = dump_database(LocalNeo4j.from_settings(get_settings()), to)
    typer.echo(f"backup written: {result.path} ({result.bytes / 1e6:.1f} MB, {result.seconds:.1f} s)")


@cli.command()
def restore(dump: Path) -> None:
    """Replace the local database with a dump file (stop the server first)."""
    seconds = load_database(LocalNeo4j.from_settings(get_settings()), dump)
    typer.echo(f"restored {dump} in {seconds:.1f} s; start the server to use it")


if __name__ == "__main__":
    cli()
