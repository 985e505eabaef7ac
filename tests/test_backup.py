"""Backup and restore: a dump of the demo restored into a fresh server holds the same graph."""

from __future__ import annotations

from pathlib import Path
from typing import LiteralString

import pytest

from graph.backup import backup, restore
from graph.connection import Graph
from graph.migrations import migrate
from graph.runtime import open_runtime, wait_until_ready
from graph.server import LocalNeo4j
from graph.settings import Settings
from ingest.demo_load import load_demo

COUNTS: LiteralString = """
MATCH (n) WITH labels(n)[0] AS label, count(*) AS n RETURN label, n ORDER BY label
"""
REL_COUNTS: LiteralString = "MATCH ()-[r]->() RETURN type(r) AS type, count(*) AS n ORDER BY type"
SAMPLE: LiteralString = """
MATCH (e:Expert) WITH e ORDER BY e.id LIMIT 25
OPTIONAL MATCH (e)-[m:MEMBER_OF]->(p:Project)
RETURN e.id AS id, e.name AS name, e.email AS email, collect([p.code, m.role]) AS projects ORDER BY id
"""


def _state(graph: Graph) -> tuple[object, ...]:
    return (graph.read(COUNTS), graph.read(REL_COUNTS), graph.read(SAMPLE))


def test_restore_into_a_fresh_server_gives_the_same_graph(tmp_path: Path, settings: Settings) -> None:
    if settings.neo4j_uri:
        pytest.skip("backup drives the local server's neo4j-admin")
    runtime = open_runtime(settings, home=tmp_path / "source", port=0)
    assert runtime.server is not None
    try:
        migrate(runtime.graph)
        load_demo(runtime.graph, settings.model_copy(update={"demo_dir": tmp_path / "demo"}))
        before = _state(runtime.graph)
        dump = backup(runtime.server, tmp_path / "backups")
        assert dump.path.is_file() and dump.bytes > 100_000
        wait_until_ready(runtime.graph)  # the source server came back after the dump
        assert _state(runtime.graph) == before
    finally:
        runtime.close()

    target = LocalNeo4j.from_settings(settings, home=tmp_path / "target", port=0)
    restore(target, dump.path)
    restored = open_runtime(settings, home=tmp_path / "target", port=target.port)
    try:
        assert _state(restored.graph) == before
    finally:
        restored.close()


def test_restore_refuses_a_running_server(tmp_path: Path, settings: Settings) -> None:
    server = LocalNeo4j.from_settings(settings, home=tmp_path / "up", port=0)
    server.pid_file.parent.mkdir(parents=True)
    server.pid_file.write_text("1")  # pid 1 is always alive: the server counts as running
    with pytest.raises(RuntimeError, match="stop the server"):
        restore(server, tmp_path / "x.dump")
