"""`python -m api [--demo]`: serve the API (and, with --demo, load the Lai Châu demo first).

Without `NEO4J_URI` the local Neo4j server is started on `var/neo4j` (kept between runs) and stopped
when the API stops.
"""

from __future__ import annotations

import time

import typer
import uvicorn

from api.app import create_app
from graph.migrations import migrate
from graph.runtime import open_runtime
from graph.settings import get_settings
from ingest.demo_load import load_demo

cli = typer.Typer(add_completion=False)


@cli.command()
def serve(demo: bool = typer.Option(False, help="generate and import the synthetic Lai Châu demo")) -> None:
    settings = get_settings()
    started = time.perf_counter()
    runtime = open_runtime(settings)
    where = runtime.server.uri if runtime.server else settings.neo4j_uri
    typer.echo(f"Neo4j ready at {where} ({time.perf_counter() - started:.1f} s)")
    try:
        migrate(runtime.graph)
        if demo:
            t0 = time.perf_counter()
            summary = load_demo(runtime.graph, settings)
            typer.echo(f"demo data loaded in {time.perf_counter() - t0:.1f} s: {summary}")
        typer.echo(f"API and web UI at http://{settings.api_host}:{settings.api_port}/ (Ctrl-C stops)")
        uvicorn.run(create_app(runtime.graph), host=settings.api_host, port=settings.api_port)
    finally:
        runtime.close()


if __name__ == "__main__":
    cli()
