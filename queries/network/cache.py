"""Analyses kept per graph version: the same question on unchanged data is answered from memory.

The version is a cheap fingerprint read on every request: node and relationship counts (constant
time from Neo4j's count store) plus the `DataVersion` node that every import bumps (its `epoch` is
new whenever the node is made afresh, e.g. after a wipe). Any import that writes, and any change in
counts, gives a new fingerprint, and the next request recomputes. Edits made outside the import path
that keep every count change nothing here: bump the version (graph/upserts.py) after such edits.
"""

from __future__ import annotations

import hashlib
import threading
from collections import OrderedDict
from collections.abc import Callable
from dataclasses import dataclass
from typing import LiteralString, TypeVar

from graph.connection import Graph

GRAPH_FINGERPRINT: LiteralString = """
CALL { MATCH (n:Expert) RETURN count(n) AS experts }
CALL { MATCH (n:Organization) RETURN count(n) AS organizations }
CALL { MATCH (n:Project) RETURN count(n) AS projects }
CALL { MATCH (n:Publication) RETURN count(n) AS publications }
CALL { MATCH ()-[r:MEMBER_OF]->() RETURN count(r) AS members }
CALL { MATCH ()-[r:PARTNER_IN]->() RETURN count(r) AS partners }
CALL { MATCH ()-[r:AUTHORED]->() RETURN count(r) AS authors }
CALL { MATCH ()-[r:WORKS_AT]->() RETURN count(r) AS jobs }
CALL { MATCH ()-[r:HAS_EXPERTISE]->() RETURN count(r) AS expertise }
CALL { MATCH ()-[r:IN_SECTOR]->() RETURN count(r) AS sectors }
CALL { MATCH ()-[r:ABOUT]->() RETURN count(r) AS about }
OPTIONAL MATCH (v:DataVersion {key: 'data'})
RETURN [experts, organizations, projects, publications, members, partners, authors, jobs,
        expertise, sectors, about] AS counts, v.epoch AS epoch, coalesce(v.n, 0) AS version
"""

T = TypeVar("T")


@dataclass(frozen=True)
class GraphVersion:
    epoch: str | None
    version: int
    counts: tuple[int, ...]

    @property
    def label(self) -> str:
        """Short, stable text for responses, e.g. "v3-1a2b3c4d"."""
        digest = hashlib.sha1(repr((self.epoch, self.counts)).encode()).hexdigest()[:8]
        return f"v{self.version}-{digest}"


def graph_version(graph: Graph) -> GraphVersion:
    row = graph.read(GRAPH_FINGERPRINT)[0]
    return GraphVersion(row["epoch"], int(row["version"]), tuple(int(c) for c in row["counts"]))


class AnalysisCache:
    """A small LRU of results keyed by (database, version, question); safe across API threads."""

    def __init__(self, max_entries: int = 32) -> None:
        self._entries: OrderedDict[tuple[object, ...], object] = OrderedDict()
        self._lock = threading.Lock()
        self.max_entries = max_entries
        self.hits = 0
        self.misses = 0

    def get_or_compute(
        self, graph: Graph, question: tuple[object, ...], compute: Callable[[GraphVersion], T]
    ) -> T:
        version = graph_version(graph)
        key = (id(graph.driver), graph.database, version, *question)
        with self._lock:
            if key in self._entries:
                self._entries.move_to_end(key)
                self.hits += 1
                found: T = self._entries[key]  # type: ignore[assignment]
                return found
        value = compute(version)
        with self._lock:
            self.misses += 1
            self._entries[key] = value
            while len(self._entries) > self.max_entries:
                self._entries.popitem(last=False)
        return value

    def clear(self) -> None:
        """Forget every result (benchmarks time the cold path with it)."""
        with self._lock:
            self._entries.clear()


CACHE = AnalysisCache()
