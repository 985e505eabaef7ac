"""Bad input end to end: each case gets a clear error or is handled, and an error leaves the graph as it was.

Reader-level cases (empty files, encodings, BOM, delimiters, merged cells, cached formulas, cells over
the limit) are in test_ingest_readers.py; duplicates and unknown references in test_ingest_load.py.
Here: the same cases through a whole import, dates in year columns, a 50 MB upload, two concurrent
imports of one file, and a process killed in the middle of an import.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import threading
import time
from datetime import datetime
from pathlib import Path

import pytest
from openpyxl import Workbook

from graph.connection import Graph
from graph.errors import ImportRejected
from graph.runtime import Runtime
from graph.settings import PROJECT_ROOT, Settings
from ingest.load import import_paths
from ingest.readers import MAX_CELL_CHARS
from tests.conftest import api_client


def _counts(graph: Graph) -> dict[str, int]:
    nodes = graph.read("MATCH (n) RETURN labels(n)[0] AS name, count(*) AS n")
    rels = graph.read("MATCH ()-[r]->() RETURN type(r) AS name, count(*) AS n")
    return {row["name"]: row["n"] for row in nodes + rels}


def _orgs_csv(path: Path, count: int, prefix: str = "ORG") -> Path:
    lines = ["org_id,name,kind,province"]
    lines += [f"{prefix}-{i:06d},Tổ chức số {i},doanh_nghiep,Lai Châu" for i in range(count)]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def _workbook(path: Path, title: str, rows: list[list[object]]) -> Path:
    workbook = Workbook()
    sheet = workbook.active
    assert sheet is not None
    sheet.title = title
    for row in rows:
        sheet.append(row)
    workbook.save(path)
    return path


def test_a_wrong_header_rejects_the_file_and_leaves_the_graph_as_it_was(
    empty_graph: Graph, tmp_path: Path
) -> None:
    import_paths(empty_graph, [_orgs_csv(tmp_path / "organizations.csv", 3)])
    before = _counts(empty_graph)
    path = tmp_path / "experts.csv"
    path.write_text("ma tri thuc,ten nguoi,ngay sinh\nLC-1,Lò Văn A,1980\n", encoding="utf-8")
    with pytest.raises(ImportRejected) as info:
        import_paths(empty_graph, [path])
    fields = {(e.row, e.field) for e in info.value.errors}
    assert fields == {(1, "ten nguoi"), (1, "ngay sinh"), (1, "full_name")}
    assert _counts(empty_graph) == before


def test_dates_in_year_columns_give_their_year_and_other_text_a_clear_error(
    empty_graph: Graph, tmp_path: Path
) -> None:
    good = _workbook(
        tmp_path / "projects.xlsx",
        "projects",
        [
            ["project_code", "title", "start_year", "end_year"],
            ["P1", "Chè Shan tuyết", datetime(2021, 3, 15), "2023-12-31"],  # a date cell, an ISO text
            ["P2", "Sâm Lai Châu", 2022.0, "2024"],
        ],
    )
    import_paths(empty_graph, [good])
    years = empty_graph.read("MATCH (p:Project) RETURN p.code AS code, p.start_year AS s, p.end_year AS e")
    assert sorted((r["code"], r["s"], r["e"]) for r in years) == [("P1", 2021, 2023), ("P2", 2022, 2024)]
    before = _counts(empty_graph)
    bad = _workbook(
        tmp_path / "projects.xlsx",
        "projects",
        [["project_code", "title", "start_year"], ["P3", "Mắc ca", "15/03/2021"], ["P4", "Quế", 44270]],
    )
    with pytest.raises(ImportRejected) as info:
        import_paths(empty_graph, [bad])
    assert [(e.row, e.field, e.value, e.reason) for e in info.value.errors] == [
        (2, "start_year", "15/03/2021", "is not a year"),
        (3, "start_year", "44270", "is not a year"),  # a date serial typed as a number
    ]
    assert _counts(empty_graph) == before


def test_merged_cells_fill_every_row_they_cover(empty_graph: Graph, tmp_path: Path) -> None:
    workbook = Workbook()
    sheet = workbook.active
    assert sheet is not None
    sheet.title = "to_chuc"
    for row in (["ma_to_chuc", "ten", "loai"], ["A", "Alpha", "Hội"], ["B", "Beta", None]):
        sheet.append(row)
    sheet.merge_cells("C2:C3")
    path = tmp_path / "to_chuc.xlsx"
    workbook.save(path)
    import_paths(empty_graph, [path])
    kinds = empty_graph.read("MATCH (o:Organization) RETURN o.id AS id, o.kind AS kind ORDER BY id")
    assert kinds == [{"id": "A", "kind": "association"}, {"id": "B", "kind": "association"}]


def test_a_formula_without_a_saved_value_is_an_empty_cell_with_a_clear_error(
    empty_graph: Graph, tmp_path: Path
) -> None:
    path = _workbook(
        tmp_path / "organizations.xlsx",
        "organizations",
        [["org_id", "name", "kind"], ["A", '=CONCAT("Sở ","Y tế")', "co_quan"]],
    )
    with pytest.raises(ImportRejected) as info:
        import_paths(empty_graph, [path])
    assert [(e.row, e.field, e.reason) for e in info.value.errors] == [(2, "name", "is required")]
    assert "Organization" not in _counts(empty_graph)


def test_a_row_with_10000_characters_loads_and_one_more_is_refused(
    empty_graph: Graph, tmp_path: Path
) -> None:
    path = tmp_path / "publications.csv"
    path.write_text(f"pub_id,title,abstract\nW1,Tiêu đề,{'ạ' * MAX_CELL_CHARS}\n", encoding="utf-8")
    import_paths(empty_graph, [path])
    (row,) = empty_graph.read("MATCH (w:Publication) RETURN size(w.abstract) AS n")
    assert row["n"] == MAX_CELL_CHARS
    before = _counts(empty_graph)
    path.write_text(f"pub_id,title,abstract\nW2,Tiêu đề,{'ạ' * (MAX_CELL_CHARS + 1)}\n", encoding="utf-8")
    with pytest.raises(ImportRejected) as info:
        import_paths(empty_graph, [path])
    (error,) = info.value.errors
    assert (error.row, error.field) == (2, "abstract") and "10,001 characters long" in error.reason
    assert _counts(empty_graph) == before


def test_a_50_megabyte_upload_is_handled(empty_graph: Graph) -> None:
    """10,000 publications with 5,000-character abstracts: a 50 MB CSV, validated in a dry run."""
    abstract = "Nghiên cứu nhân giống sâm Lai Châu " * 150
    lines = ["pub_id,title,abstract"] + [f"W{i},Công bố {i},{abstract[:5000]}" for i in range(10_000)]
    data = ("\n".join(lines) + "\n").encode()
    assert len(data) > 50_000_000
    with api_client(empty_graph, "admin") as client:
        response = client.post(
            "/api/v1/import/publications", files={"file": ("cong_bo.csv", data)}, params={"dry_run": "true"}
        )
    assert response.status_code == 200, response.text[:500]
    assert response.json()["created"] == 10_000
    assert "Publication" not in _counts(empty_graph)


def test_two_concurrent_imports_of_one_file_give_no_duplicates(empty_graph: Graph, tmp_path: Path) -> None:
    path = _orgs_csv(tmp_path / "organizations.csv", 2000)
    failures: list[BaseException] = []
    start = threading.Barrier(2)

    def run() -> None:
        start.wait()
        try:
            import_paths(empty_graph, [path], batch_size=500)
        except BaseException as exc:  # reported below, with the other thread's outcome
            failures.append(exc)

    threads = [threading.Thread(target=run) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert failures == []
    rows = empty_graph.read("MATCH (o:Organization) RETURN count(o) AS n, count(DISTINCT o.id) AS ids")
    assert rows == [{"n": 2000, "ids": 2000}]


def _wait_for_open_transactions_to_end(graph: Graph, timeout: float = 120.0) -> None:
    """Wait until the killed importer's transaction is gone from the server.

    A fixed pause is not enough on a loaded machine: the server finishes the statement it is running
    before it notices the dropped connection and rolls back, and reading earlier sees a state that is
    about to change.
    """
    deadline = time.monotonic() + timeout
    while True:
        (row,) = graph.read(
            "SHOW TRANSACTIONS YIELD currentQuery "
            "WHERE NOT currentQuery STARTS WITH 'SHOW TRANSACTIONS' RETURN count(*) AS open"
        )
        if row["open"] == 0:
            return
        assert time.monotonic() < deadline, "the killed importer's transaction never ended"
        time.sleep(0.2)


def test_killing_the_importer_midway_leaves_all_or_nothing(
    runtime: Runtime, empty_graph: Graph, tmp_path: Path
) -> None:
    """`load-files` in a child process, killed at several moments: none of the file is stored, or all."""
    assert runtime.server is not None or Settings().neo4j_uri
    uri = runtime.server.uri if runtime.server is not None else Settings().neo4j_uri
    rows = 20_000  # one transaction (under the atomic limit), big enough to take seconds
    path = _orgs_csv(tmp_path / "organizations.csv", rows, prefix="KILL")
    env = {**os.environ, "NEO4J_URI": str(uri)}
    killed_midway = 0
    # The importer writes 20,000 rows in a few seconds on a quiet machine, so the first kills come
    # early; a run that ends before its kill must have stored the whole file.
    for delay in (0.5, 1.5, 3.0, 6.0):
        empty_graph.write("MATCH (n) WHERE n:Organization OR n:ImportRun DETACH DELETE n")
        child = subprocess.Popen(
            [sys.executable, "-m", "ingest", "load-files", str(path), "--user", "test"],
            cwd=PROJECT_ROOT,
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        time.sleep(delay)
        finished = child.poll() is not None
        if not finished:
            child.send_signal(signal.SIGKILL)
            killed_midway += 1
        child.wait()
        _wait_for_open_transactions_to_end(empty_graph)
        (found,) = empty_graph.read(
            "MATCH (o:Organization) WITH count(o) AS n "
            "OPTIONAL MATCH (r:ImportRun {status: 'done'}) RETURN n, count(r) AS done"
        )
        if finished:
            assert child.returncode == 0 and (found["n"], found["done"]) == (rows, 1), (delay, found)
        assert (found["n"], found["done"]) in ((0, 0), (rows, 1)), (delay, found)
    assert killed_midway > 0
