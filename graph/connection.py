"""One driver per process, sessions per unit of work, and "the server is gone" as one error.

Queries call `Graph.read`/`Graph.write` with a Cypher constant and parameters. Both run as driver
transaction functions, which the driver retries on transient faults, so every write must be safe to
run twice (MERGE, not CREATE).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any, LiteralString, TypeVar

import neo4j
from neo4j import GraphDatabase, ManagedTransaction, Result
from neo4j.exceptions import DriverError, ServiceUnavailable, SessionExpired

from graph.errors import GraphUnavailable
from graph.settings import Settings

T = TypeVar("T")
Row = dict[str, Any]

_SCALARS = frozenset({str, int, float, bool, type(None)})


def _plain(value: Any) -> Any:
    """`value` as `Record.data()` exports it, without its isinstance walk over every list item (a
    search's rows carry lists of hundreds of ids and scores: that walk was a fifth of an API
    worker's CPU). Lists, maps and scalars stay as they are; anything else (nodes,
    relationships, paths, bytes, spatial and temporal values) goes through the driver's exporter."""
    kind = type(value)
    if kind in _SCALARS:
        return value
    if kind is list:  # the record is dropped after this, so a list of scalars is kept as it is
        return value if _SCALARS.issuperset(map(type, value)) else [_plain(v) for v in value]
    if kind is dict:
        if _SCALARS.issuperset(map(type, value.values())):
            return value
        return {k: _plain(v) for k, v in value.items()}
    return neo4j.Record({"v": value}).data()["v"]  # type: ignore[no-untyped-call]


def rows(result: Result) -> list[Row]:
    """Every record of `result` as a dict, equal to `record.data()` (tests/test_connection_rows.py);
    iterating a record still raises on a value the driver could not hydrate."""
    keys = result.keys()
    return [
        {k: v if type(v) in _SCALARS else _plain(v) for k, v in zip(keys, record, strict=True)}
        for record in result
    ]


@dataclass(frozen=True)
class Packed:
    """A read whose rows the server collects into one record (`packed`)."""

    query: LiteralString
    columns: tuple[str, ...]

    def unpack(self, result: Result) -> list[Row]:
        (record,) = list(result)
        return [dict(zip(self.columns, values, strict=True)) for values in record[0]]


def packed(statement: LiteralString, columns: LiteralString) -> Packed:
    """`statement` with its rows collected into one list in the server, in their order: the driver
    spends ~14 µs of Python per record it receives (and Neo4j ~3 µs sending it), so a few hundred
    item rows cost more than the rest of a search's reads. `columns` are the statement's own
    (comma-separated), and must be values (scalars, lists, maps), not nodes: the rows come back as
    the driver decodes them, without `Record.data()`'s export (tests/test_connection_rows.py)."""
    names = tuple(name.strip() for name in columns.split(","))
    return Packed("CALL { " + statement + " } RETURN collect([" + columns + "]) AS rows", names)


Statement = LiteralString | Packed


def _run(tx: ManagedTransaction, query: Statement, params: Mapping[str, Any] | None) -> list[Row]:
    if isinstance(query, Packed):
        return query.unpack(tx.run(query.query, dict(params or {})))
    return rows(tx.run(query, dict(params or {})))


class Graph:
    """A driver bound to one database."""

    def __init__(self, driver: neo4j.Driver, database: str) -> None:
        self.driver = driver
        self.database = database

    @classmethod
    def connect(cls, uri: str, settings: Settings) -> Graph:
        password = settings.neo4j_password.get_secret_value()
        auth = (settings.neo4j_user, password) if password else None
        driver = GraphDatabase.driver(
            uri,
            auth=auth,
            connection_timeout=5.0,
            connection_acquisition_timeout=10.0,
            max_transaction_retry_time=5.0,
            liveness_check_timeout=2.0,
            notifications_min_severity="OFF",
        )
        return cls(driver, settings.neo4j_database)

    def close(self) -> None:
        self.driver.close()

    @contextmanager
    def _session(self, access: str) -> Iterator[neo4j.Session]:
        try:
            with self.driver.session(database=self.database, default_access_mode=access) as session:
                yield session
        except (ServiceUnavailable, SessionExpired) as exc:
            raise GraphUnavailable(f"the Neo4j server cannot be reached: {exc}") from exc
        except DriverError as exc:
            if "connect" in str(exc).lower():
                raise GraphUnavailable(f"the Neo4j server cannot be reached: {exc}") from exc
            raise

    def read(self, query: Statement, params: Mapping[str, Any] | None = None) -> list[Row]:
        def work(tx: ManagedTransaction) -> list[Row]:
            return _run(tx, query, params)

        with self._session(neo4j.READ_ACCESS) as session:
            return session.execute_read(work)

    def read_many(self, statements: Sequence[tuple[Statement, Mapping[str, Any]]]) -> list[list[Row]]:
        """Several reads in one transaction: one session and one commit instead of one per read,
        which is a fair part of a fast query's time."""

        def work(tx: ManagedTransaction) -> list[list[Row]]:
            return [_run(tx, query, params) for query, params in statements]

        with self._session(neo4j.READ_ACCESS) as session:
            return session.execute_read(work)

    def write(self, query: LiteralString, params: Mapping[str, Any] | None = None) -> list[Row]:
        def work(tx: ManagedTransaction) -> list[Row]:
            return rows(tx.run(query, dict(params or {})))

        with self._session(neo4j.WRITE_ACCESS) as session:
            return session.execute_write(work)

    def write_tx(self, work: Callable[[ManagedTransaction], T]) -> T:
        """Several statements in one transaction: all of them commit, or none."""
        with self._session(neo4j.WRITE_ACCESS) as session:
            return session.execute_write(work)

    def read_tx(self, work: Callable[[ManagedTransaction], T]) -> T:
        with self._session(neo4j.READ_ACCESS) as session:
            return session.execute_read(work)

    def reads_together(self, work: Callable[[Graph], T]) -> T:
        """`work(graph)` with every read of that graph in one read transaction, which the driver
        may retry (so `work` must only read). The graph it gets must stay in this thread."""
        return self.read_tx(lambda tx: work(_InTransaction(self, tx)))

    def run_schema(self, query: LiteralString) -> None:
        """Schema statements cannot share a transaction with writes; each runs on its own."""
        with self._session(neo4j.WRITE_ACCESS) as session:
            session.run(query).consume()

    def ping(self) -> bool:
        try:
            self.driver.verify_connectivity()
        except (DriverError, OSError):
            return False
        return True


class _InTransaction(Graph):
    """A graph whose reads run in one open transaction (`Graph.reads_together`)."""

    def __init__(self, graph: Graph, tx: ManagedTransaction) -> None:
        super().__init__(graph.driver, graph.database)
        self._tx = tx

    def read(self, query: Statement, params: Mapping[str, Any] | None = None) -> list[Row]:
        return _run(self._tx, query, params)

    def read_many(self, statements: Sequence[tuple[Statement, Mapping[str, Any]]]) -> list[list[Row]]:
        return [_run(self._tx, query, params) for query, params in statements]

    def reads_together(self, work: Callable[[Graph], T]) -> T:
        return work(self)

    def close(self) -> None:
        """The driver belongs to the graph this one came from."""

    def write(self, query: LiteralString, params: Mapping[str, Any] | None = None) -> list[Row]:
        raise TypeError("a graph of reads_together only reads")

    def write_tx(self, work: Callable[[ManagedTransaction], T]) -> T:
        raise TypeError("a graph of reads_together only reads")

    def read_tx(self, work: Callable[[ManagedTransaction], T]) -> T:
        return work(self._tx)
