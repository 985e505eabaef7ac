"""Migrations, constraints and indexes on the real server."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

import pytest
from neo4j.exceptions import ConstraintError

from graph.connection import Graph
from graph.errors import ServerStartError
from graph.migrations import LATEST_VERSION, MIGRATIONS, migrate, schema_version
from graph.runtime import Runtime
from graph.schema import KEYS, Label
from graph.server import LocalNeo4j
from graph.settings import Settings


def _snapshot(graph: Graph) -> dict[str, object]:
    return {
        "constraints": sorted(r["name"] for r in graph.read("SHOW CONSTRAINTS YIELD name")),
        "indexes": sorted(r["name"] for r in graph.read("SHOW INDEXES YIELD name")),
        "versions": sorted(r["v"] for r in graph.read("MATCH (m:SchemaMigration) RETURN m.version AS v")),
        "sectors": graph.read("MATCH (s:Sector) RETURN count(s) AS n")[0]["n"],
    }


def test_migrations_are_idempotent(empty_graph: Graph) -> None:
    before = _snapshot(empty_graph)
    assert migrate(empty_graph) == []
    assert migrate(empty_graph) == []
    assert _snapshot(empty_graph) == before
    assert before["versions"] == [m.version for m in MIGRATIONS]
    assert before["sectors"] == 8
    assert schema_version(empty_graph) == LATEST_VERSION


def test_every_natural_key_has_a_uniqueness_constraint(empty_graph: Graph) -> None:
    rows = empty_graph.read(
        "SHOW CONSTRAINTS YIELD type, labelsOrTypes, properties "
        "WHERE type = 'UNIQUENESS' RETURN labelsOrTypes[0] AS label, properties[0] AS prop"
    )
    constrained = {(r["label"], r["prop"]) for r in rows}
    for label, key in KEYS.items():
        assert (label.value, key) in constrained


def test_the_constraint_refuses_a_second_expert_with_the_same_id(empty_graph: Graph) -> None:
    empty_graph.write("CREATE (:Expert {id: 'X-1', name: 'Lò Văn A'})")
    with pytest.raises(ConstraintError):
        empty_graph.write("CREATE (:Expert {id: 'X-1', name: 'Lò Văn B'})")
    assert empty_graph.read("MATCH (e:Expert {id: 'X-1'}) RETURN count(e) AS n")[0]["n"] == 1


def test_fulltext_indexes_are_online(empty_graph: Graph) -> None:
    rows = empty_graph.read("SHOW FULLTEXT INDEXES YIELD name, state RETURN name, state")
    assert {r["name"] for r in rows} >= {"expert_text", "field_text", "project_text", "publication_text"}
    assert all(r["state"] == "ONLINE" for r in rows)


def test_a_second_start_reuses_the_adopted_server(runtime: Runtime, settings: Settings) -> None:
    assert runtime.server is not None
    again = LocalNeo4j.from_settings(settings, home=runtime.server.home, port=runtime.server.port)
    assert again.running_pid() is not None
    assert again.start().uri == runtime.server.uri  # adopted, not started twice


def test_a_server_that_cannot_start_says_why_with_its_log(tmp_path: Path, settings: Settings) -> None:
    server = LocalNeo4j.from_settings(settings, home=tmp_path / "bad", port=0)
    server.pagecache = "not-a-size"
    with pytest.raises(ServerStartError) as info:
        server.start()
    message = str(info.value)
    assert "last lines of" in message
    assert "not-a-size" in message or "pagecache" in message.lower()
    assert Label.EXPERT  # the schema module imports cleanly beside the server


def test_a_killed_owner_takes_its_server_down_with_it(tmp_path: Path) -> None:
    """A crashed test run or a killed `make run` must not leave Neo4j holding a port and its store."""
    script = (
        "import os, sys\n"
        "from pathlib import Path\n"
        "from graph.server import LocalNeo4j\n"
        "from graph.settings import Settings\n"
        f"s = LocalNeo4j.from_settings(Settings(), home=Path({str(tmp_path / 'owned')!r}), port=0).start()\n"
        "print(s._proc.pid, flush=True)\n"
        "os.kill(os.getpid(), 9)\n"
    )
    child = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=False)
    server_pid = int(child.stdout.strip())
    deadline = time.monotonic() + 90
    while time.monotonic() < deadline:
        try:
            os.kill(server_pid, 0)
        except ProcessLookupError:
            return
        time.sleep(0.5)
    os.kill(server_pid, 9)
    pytest.fail("the server outlived the process that started it")
