"""`python -m api serve [--demo]` serves the API and web pages; `create-user` makes an account.

Without `NEO4J_URI` the local Neo4j server is started on `var/neo4j` (kept between runs) and stopped
when the API stops.
"""

from __future__ import annotations

import getpass
import time
from typing import Annotated

import typer
import uvicorn

from api.app import create_app
from api.security import Role, hash_password
from graph.connection import Graph
from graph.migrations import migrate
from graph.runtime import open_runtime
from graph.settings import Settings, get_settings
from ingest.demo_load import load_demo
from queries.audit import verify
from queries.users import upsert_user

cli = typer.Typer(add_completion=False, no_args_is_help=True)


def create_demo_accounts(graph: Graph, settings: Settings) -> list[str]:
    """One account per role for the loopback demo, all with `DEMO_PASSWORD`."""
    password_hash = hash_password(settings.demo_password.get_secret_value())
    names = []
    for role in Role:
        username = f"demo-{role.value}"
        upsert_user(graph, username, f"Tài khoản thử ({role.value})", role.value, password_hash)
        names.append(username)
    return names


@cli.command()
def serve(
    demo: Annotated[bool, typer.Option(help="generate and import the synthetic Lai Châu demo")] = False,
) -> None:
    """Serve the API and the web pages."""
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
            accounts = create_demo_accounts(runtime.graph, settings)
            typer.echo(f"demo accounts: {', '.join(accounts)} (password: DEMO_PASSWORD or laichau-demo)")
        typer.echo(f"API and web UI at http://{settings.api_host}:{settings.api_port}/ (Ctrl-C stops)")
        uvicorn.run(create_app(runtime.graph), host=settings.api_host, port=settings.api_port)
    finally:
        runtime.close()


@cli.command("create-user")
def create_user(
    username: str,
    role: Annotated[Role, typer.Option(help="viewer, analyst, editor or admin")] = Role.ADMIN,
    name: Annotated[str, typer.Option(help="display name")] = "",
    password_stdin: Annotated[bool, typer.Option(help="read the password from standard input")] = False,
) -> None:
    """Create (or reset) an account; the first admin is made this way."""
    password = input() if password_stdin else getpass.getpass("Mật khẩu / password: ")
    runtime = open_runtime(get_settings())
    try:
        migrate(runtime.graph)
        upsert_user(runtime.graph, username, name or username, role.value, hash_password(password))
    finally:
        runtime.close(stop_server=False)
    typer.echo(f"account {username!r} ({role.value}) saved")


@cli.command("verify-audit")
def verify_audit() -> None:
    """Recompute the audit log's hash chain; exit 1 if an entry was edited, deleted or reordered."""
    runtime = open_runtime(get_settings())
    try:
        check = verify(runtime.graph)
    finally:
        runtime.close(stop_server=False)
    typer.echo(f"{check.entries} entries, head {check.head_seq} {check.head_hash}")
    if check.unchained:
        typer.echo(f"{check.unchained} entries predate the hash chain and cannot be checked")
    for problem in check.problems:
        typer.echo(f"PROBLEM: {problem}")
    typer.echo("audit log intact" if check.ok else "audit log was tampered with")
    raise typer.Exit(0 if check.ok else 1)


if __name__ == "__main__":
    cli()
