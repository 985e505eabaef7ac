"""`Graph.read` builds rows without `Record.data()`'s walk, and must still give exactly its rows."""

from __future__ import annotations

from typing import Any, LiteralString

import pytest
from neo4j import ManagedTransaction

from graph.connection import Graph
from queries.search import match_experts, search_experts

CREATE_PROBE: LiteralString = """
CREATE (a:RowsProbe {name: 'Nguyễn Văn Đức', tags: ['a', 'b'], born: date('1970-02-03')})
CREATE (b:RowsProbe {name: 'Lò Thị Hoà', score: 0.5, raw: $raw})
CREATE (a)-[:ROWS_PROBE_LINK {since: 2020}]->(b)
"""
# Every kind of value a statement can return, alone and nested in lists and maps.
READ_PROBE: LiteralString = """
MATCH p = (a:RowsProbe)-[r:ROWS_PROBE_LINK]->(b)
RETURN a, r, p, [a, b] AS nodes, {who: a, many: [1, 2.5, null, true, 'x', [b]]} AS nested,
       [1, 2, 3] AS ints, ['LC-1', 'LC-2'] AS ids, [[0.25, 0.5], []] AS lists, 7 AS n, 0.5 AS x,
       null AS nothing, false AS flag, 'chè Shan tuyết' AS text, date('2026-11-25') AS day,
       datetime('2026-11-25T08:00:00Z') AS moment, duration('P1D') AS span, b.raw AS raw,
       point({x: 1.0, y: 2.0}) AS place, [date('2020-01-01')] AS days,
       {m: {k: [point({x: 0, y: 0})], r: [r]}} AS maps, $param AS param
"""
PARAM = [1, [2, {"k": 3, "l": [True, None]}], "s", 0.5]


def _as_driver_exports(tx: ManagedTransaction) -> list[dict[str, Any]]:
    return [record.data() for record in tx.run(READ_PROBE, {"param": PARAM})]


def test_rows_equal_the_drivers_record_data(empty_graph: Graph) -> None:
    empty_graph.write(CREATE_PROBE, {"raw": b"\x00\x01"})
    expected = empty_graph.read_tx(_as_driver_exports)
    fast = empty_graph.read(READ_PROBE, {"param": PARAM})
    many = empty_graph.read_many([(READ_PROBE, {"param": PARAM}), (READ_PROBE, {"param": PARAM})])
    assert fast == expected
    assert many == [expected, expected]
    assert [list(row) for row in fast] == [list(row) for row in expected]  # same column order
    for key, value in fast[0].items():
        assert type(value) is type(expected[0][key]), key
    assert type(fast[0]["nested"]["many"][3]) is bool
    assert fast[0]["a"]["tags"] == ["a", "b"]  # a node exports as its properties
    assert fast[0]["r"][1] == "ROWS_PROBE_LINK"  # a relationship as (start, type, end)


class _CountingGraph(Graph):
    """The real graph, counting the sessions (so the transactions) its reads open."""

    def __init__(self, graph: Graph) -> None:
        super().__init__(graph.driver, graph.database)
        self.sessions = 0

    def _session(self, access: str):  # type: ignore[no-untyped-def,override]
        self.sessions += 1
        return super()._session(access)


def test_a_search_reads_in_one_transaction(demo_graph: Graph) -> None:
    """The ranking's reads share one transaction (each cost ~0.6 ms of CPU to open and commit); the
    page is the same as with a transaction per read."""
    counting = _CountingGraph(demo_graph)
    page = search_experts(counting, "chè Shan tuyết")  # marked: no tone marks to restore in a read
    assert page.hits
    assert counting.sessions == 1
    again = match_experts(counting, "Phát triển vùng chè", "chè Shan tuyết gắn với du lịch cộng đồng")
    assert again.hits and counting.sessions == 2


def test_reads_together_refuses_writes_and_rolls_nothing_half(empty_graph: Graph) -> None:
    def work(graph: Graph) -> list[dict[str, Any]]:
        first = graph.read("RETURN 1 AS one")
        with pytest.raises(TypeError):
            graph.write("CREATE (:RowsProbe)")
        return first + graph.read_many([("RETURN 2 AS one", {})])[0]

    assert empty_graph.reads_together(work) == [{"one": 1}, {"one": 2}]
    assert empty_graph.read("MATCH (n:RowsProbe) RETURN count(n) AS n") == [{"n": 0}]
