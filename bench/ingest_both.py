"""Loading both real sets, CORDIS H2020 and the OpenAlex sample, one after the other: the time of
the second load with the cross-source organization step (`ingest.cross_source`) against the same
load without it, in the same run, alternating.

    python -m bench.ingest_both [--repeats 5]

Each repeat starts from an empty graph on a throw-away local server (reference taxonomy loaded, not
timed), loads the first set untimed, then times the second: read, validate, join, write. Both
orders are measured: OpenAlex then CORDIS (35,871 CORDIS rows are matched against the OpenAlex
institutions) and CORDIS then OpenAlex (the OpenAlex institutions against 17,811 named CORDIS
organizations). It also reports how many organizations each load joined and queued for review.
"""

from __future__ import annotations

import argparse
import os
import statistics
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from graph.connection import Graph
from graph.import_runs import DELETE_IMPORTED_DATA
from graph.migrations import migrate
from graph.runtime import open_runtime
from graph.settings import Settings
from ingest.adapters import cordis
from ingest.adapters.openalex import read_sample
from ingest.columns import Kind
from ingest.load import ImportReport, import_tables
from ingest.reference import load_reference

Load = Callable[[Graph, bool], ImportReport]


def _wipe(graph: Graph, shared: Path) -> None:
    with graph.driver.session(database=graph.database) as session:
        session.run(DELETE_IMPORTED_DATA).consume()
    load_reference(graph, shared)


def _cordis(shared: Path) -> Load:
    folder = shared / "cordis_h2020"

    def load(graph: Graph, cross_source: bool) -> ImportReport:
        tables = cordis.participations(
            folder / "h2020.csv.gz",
            cordis.read_org_names(folder / "org_names.csv"),
            cordis.read_programme_parts(folder / "programme_parts.csv.gz"),
        )
        return import_tables(graph, tables.tables(), batch_size=10_000, cross_source=cross_source)

    return load


def _openalex(shared: Path) -> Load:
    def load(graph: Graph, cross_source: bool) -> ImportReport:
        sample = read_sample(shared / "openalex_idb03")
        return import_tables(graph, sample.tables, cross_source=cross_source)

    return load


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--repeats", type=int, default=5)
    args = parser.parse_args()
    settings = Settings()
    shared = settings.shared_data
    orders = (("OpenAlex, then CORDIS", _openalex(shared), _cordis(shared)),
              ("CORDIS, then OpenAlex", _cordis(shared), _openalex(shared)))  # fmt: skip
    results: dict[tuple[str, bool], list[float]] = {}
    joined: dict[tuple[str, bool], tuple[int, int]] = {}
    with tempfile.TemporaryDirectory(prefix="bench-both-") as home:
        runtime = open_runtime(settings, home=Path(home), port=0)
        try:
            graph = runtime.graph
            migrate(graph)
            print(f"load average at start {os.getloadavg()}", flush=True)
            for _ in range(args.repeats):
                for name, first, second in orders:
                    for cross_source in (True, False):
                        _wipe(graph, shared)
                        first(graph, False)
                        started = time.perf_counter()
                        report = second(graph, cross_source)
                        seconds = time.perf_counter() - started
                        results.setdefault((name, cross_source), []).append(seconds)
                        orgs = report.kinds.get(Kind.ORGANIZATIONS)
                        joined[(name, cross_source)] = (orgs.merged, orgs.queued) if orgs else (0, 0)
                        print(f"  {name}, cross-source {cross_source}: {seconds:.1f} s", flush=True)
            _wipe(graph, shared)
        finally:
            runtime.close()
    print("| order | second load | median (min–max) | organizations joined / queued |")
    print("|---|---|---|---|")
    for name, _, _ in orders:
        for cross_source in (False, True):
            times = results[(name, cross_source)]
            label = "with the cross-source step" if cross_source else "baseline: without it"
            merged, queued = joined[(name, cross_source)]
            spread = f"{statistics.median(times):.1f} s ({min(times):.1f}–{max(times):.1f})"
            print(f"| {name} | {label} | {spread} | {merged} / {queued} |")
        ratio = statistics.median(results[(name, True)]) / statistics.median(results[(name, False)])
        print(f"| {name} | with / without | {ratio:.2f}x | |")
    print(f"load average at end {os.getloadavg()}")


if __name__ == "__main__":
    main()
