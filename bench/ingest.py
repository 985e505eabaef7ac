"""Loading the full CORDIS H2020 set through the import path, against one transaction per row.

    python -m bench.ingest [--repeats 5] [--baseline-participations 5000] [--baseline-repeats 3]

Each repeat starts from an empty graph (on a throw-away local server, or `NEO4J_URI`) and times what
`python -m ingest load-cordis` does: read the files, validate every row, write. Rows are the import
rows: organizations + projects + project_partners (212,048 at full size). The baseline writes a
sample (the first N participations, turned into the same tables) with one transaction per row and
per statement (`batch_size=1`, no whole-batch transaction); its rows/s is extrapolated to the full
set, since one transaction per row for 212k rows would take hours. Peak memory is the maximum
resident set size of this process, the importer (`resource.getrusage`).
"""

from __future__ import annotations

import argparse
import os
import resource
import statistics
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

from graph.connection import Graph
from graph.import_runs import DELETE_IMPORTED_DATA
from graph.migrations import migrate
from graph.runtime import open_runtime
from graph.settings import Settings
from ingest.adapters import cordis
from ingest.load import ATOMIC_LIMIT, import_tables


@dataclass(frozen=True)
class Sample:
    seconds: float
    rows: int

    @property
    def rate(self) -> float:
        return self.rows / self.seconds


def _wipe(graph: Graph) -> None:
    with graph.driver.session(database=graph.database) as session:
        session.run(DELETE_IMPORTED_DATA).consume()


def _load(graph: Graph, folder: Path, limit: int | None, *, batch_size: int, atomic_limit: int) -> Sample:
    started = time.perf_counter()
    tables = cordis.participations(
        folder / "h2020.csv.gz",
        cordis.read_org_names(folder / "org_names.csv"),
        cordis.read_programme_parts(folder / "programme_parts.csv.gz"),
        limit=limit,
    )
    report = import_tables(graph, tables.tables(), batch_size=batch_size, atomic_limit=atomic_limit)
    seconds = time.perf_counter() - started
    assert report.written == tables.rows, (report.written, tables.rows)
    return Sample(seconds, tables.rows)


def _peak_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # KiB on Linux


def _summary(samples: list[Sample]) -> str:
    seconds = [s.seconds for s in samples]
    return (
        f"median {statistics.median(seconds):.1f} s (n={len(samples)}, min {min(seconds):.1f}, "
        f"max {max(seconds):.1f}); {samples[0].rows:,} rows; "
        f"{statistics.median(s.rate for s in samples):,.0f} rows/s"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--repeats", type=int, default=5)
    parser.add_argument("--baseline-participations", type=int, default=5000)
    parser.add_argument("--baseline-repeats", type=int, default=3)
    parser.add_argument("--batch-size", type=int, default=10_000)
    parser.add_argument("--atomic-limit", type=int, default=ATOMIC_LIMIT)
    args = parser.parse_args()
    settings = Settings()
    folder = settings.shared_data / "cordis_h2020"
    with tempfile.TemporaryDirectory(prefix="bench-ingest-") as home:
        runtime = open_runtime(settings, home=Path(home), port=0)
        try:
            graph = runtime.graph
            migrate(graph)
            load_avg = os.getloadavg()[0]
            print(f"server heap {settings.local_heap}, page cache {settings.local_pagecache}; "
                  f"load average at start {load_avg:.1f} on {os.cpu_count()} cores")  # fmt: skip
            full: list[Sample] = []
            for _ in range(args.repeats):
                _wipe(graph)
                full.append(
                    _load(graph, folder, None, batch_size=args.batch_size, atomic_limit=args.atomic_limit)
                )
                print(f"  full load {full[-1].seconds:.1f} s", flush=True)
            peak = _peak_rss_mb()
            baseline: list[Sample] = []
            batched: list[Sample] = []
            for _ in range(args.baseline_repeats):
                _wipe(graph)
                baseline.append(
                    _load(graph, folder, args.baseline_participations, batch_size=1, atomic_limit=0)
                )
                _wipe(graph)
                batched.append(
                    _load(
                        graph,
                        folder,
                        args.baseline_participations,
                        batch_size=args.batch_size,
                        atomic_limit=args.atomic_limit,
                    )
                )
                print(
                    f"  baseline {baseline[-1].seconds:.1f} s, batched {batched[-1].seconds:.1f} s",
                    flush=True,
                )
            _wipe(graph)
        finally:
            runtime.close()
    full_rate = statistics.median(s.rate for s in full)
    base_rate = statistics.median(s.rate for s in baseline)
    sample_rate = statistics.median(s.rate for s in batched)
    print(f"full CORDIS, UNWIND batches of {args.batch_size:,}: {_summary(full)}")
    print(f"baseline, one transaction per row, first {args.baseline_participations:,} participations: "
          f"{_summary(baseline)}; extrapolated to {full[0].rows:,} rows: "
          f"{full[0].rows / base_rate / 60:.0f} min")  # fmt: skip
    print(f"same sample, UNWIND batches: {_summary(batched)}")
    print(f"speed-up: full load {full_rate / base_rate:.0f}x the baseline's rows/s; "
          f"on the same sample {sample_rate / base_rate:.0f}x")  # fmt: skip
    print(f"peak importer memory (max RSS): {peak:.0f} MB")
    print(f"load average at end {os.getloadavg()[0]:.1f}")


if __name__ == "__main__":
    main()
