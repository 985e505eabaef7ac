"""Open the graph the way the settings ask: an external server, or the embedded local one."""

from __future__ import annotations

import time
from dataclasses import dataclass
from pathlib import Path

from graph.connection import Graph
from graph.errors import GraphUnavailable
from graph.server import LocalNeo4j
from graph.settings import Settings

PING: str = "RETURN 1 AS ok"


@dataclass
class Runtime:
    graph: Graph
    server: LocalNeo4j | None

    def close(self, *, stop_server: bool = True) -> None:
        self.graph.close()
        if self.server is not None and stop_server:
            self.server.stop()


def wait_until_ready(graph: Graph, timeout_s: float = 60.0) -> None:
    """Bolt may accept connections a moment before the database answers; wait for an answer."""
    deadline = time.monotonic() + timeout_s
    last: Exception | None = None
    while time.monotonic() < deadline:
        try:
            graph.read("RETURN 1 AS ok")
            return
        except Exception as exc:  # any failure here means "not ready yet"
            last = exc
            time.sleep(0.3)
    raise GraphUnavailable(f"Neo4j did not answer within {timeout_s:.0f} s: {last}")


def open_runtime(settings: Settings, *, home: Path | None = None, port: int | None = None) -> Runtime:
    """Connect to `NEO4J_URI` if set; otherwise start (or adopt) the local server."""
    if settings.neo4j_uri:
        graph = Graph.connect(settings.neo4j_uri, settings)
        wait_until_ready(graph, timeout_s=30.0)
        return Runtime(graph, None)
    server = LocalNeo4j.from_settings(settings, home=home, port=port).start()
    graph = Graph.connect(server.uri, settings)
    try:
        wait_until_ready(graph)
    except GraphUnavailable:
        graph.close()
        server.stop()
        raise
    return Runtime(graph, server)
