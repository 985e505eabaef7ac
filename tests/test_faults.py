"""Faults: Neo4j killed in the middle of an import leaves nothing of that batch; a re-run completes it."""

from __future__ import annotations

import threading
import time
from pathlib import Path

import pytest

from graph.connection import Graph
from graph.migrations import migrate
from graph.runtime import open_runtime
from graph.settings import Settings
from ingest.demo import generate_demo
from ingest.load import import_directory
from ingest.reference import load_reference

COUNT = "MATCH (n) WHERE n:Expert OR n:Project OR n:Publication OR n:Organization RETURN count(n) AS n"
WRITING = "SHOW TRANSACTIONS YIELD currentQuery WHERE currentQuery CONTAINS 'UNWIND' RETURN count(*) AS n"


def _wait_for_a_write(graph: Graph, timeout_s: float = 120) -> None:
    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        if graph.read(WRITING)[0]["n"]:
            return
        time.sleep(0.02)
    pytest.fail("the import never started writing")


def test_a_killed_server_mid_import_keeps_nothing_and_a_rerun_completes(
    tmp_path: Path, settings: Settings
) -> None:
    if settings.neo4j_uri:
        pytest.skip("kills the local server")
    demo_dir = tmp_path / "demo"
    totals = generate_demo(demo_dir, settings.shared_data, seed=7)
    runtime = open_runtime(settings, home=tmp_path / "neo4j", port=0)
    assert runtime.server is not None
    server = runtime.server
    try:
        migrate(runtime.graph)
        load_reference(runtime.graph, settings.shared_data)
        outcome: list[BaseException | None] = []

        def run_import() -> None:
            try:
                report = import_directory(runtime.graph, demo_dir)
                assert report.atomic  # the demo is one transaction: all or nothing
                outcome.append(None)
            except BaseException as exc:  # the server vanishing mid-write is the point
                outcome.append(exc)

        worker = threading.Thread(target=run_import)
        worker.start()
        watcher = Graph.connect(runtime.server.uri, settings)
        try:
            _wait_for_a_write(watcher)
        finally:
            watcher.close()
        server.kill()
        worker.join(180)
        assert outcome and outcome[0] is not None, "the import should have failed with the server gone"

        server.start()
        runtime.graph.close()
        runtime = open_runtime(settings, home=tmp_path / "neo4j", port=server.port)
        assert runtime.graph.read(COUNT)[0]["n"] == 0  # nothing of the batch survived

        report = import_directory(runtime.graph, demo_dir)
        assert report.kinds
        experts = runtime.graph.read("MATCH (e:Expert) RETURN count(e) AS n")[0]["n"]
        assert experts == totals.experts
    finally:
        runtime.close()
        server.stop()
