"""Workforce statistics on the demo: a full group-by from the per-version snapshot vs a naive client.

    python -m bench.stats [--repeats 30] [--home DIR --port N [--no-load]]

Candidate: `queries.workforce.workforce` grouped by every dimension (the widest table there is),
plus a typical three-way table, as the API serves them: from the per-person snapshot kept per data
version (`queries.workforce_people`; each call still reads the graph version). Also timed cold, with
the snapshot dropped before every call (the first request after an import). Baseline in the same
run: fetch one row per expert (`queries.workforce.EXPERT_ROWS`) and group in Python. Every case is
warm (one untimed call first); reports median and p95 over the repeats and their ratio. Without
--home/--port it starts a throw-away local server, loads the demo through the import path, and
stops the server at the end; --no-load skips loading into an already loaded server.
"""

from __future__ import annotations

import argparse
import statistics
import tempfile
import time
from collections import Counter
from collections.abc import Callable
from pathlib import Path
from typing import Any

from graph.connection import Graph
from graph.migrations import migrate
from graph.runtime import open_runtime
from graph.settings import Settings
from ingest.demo_load import load_demo
from queries.workforce import EXPERT_ROWS, workforce
from queries.workforce_dimensions import DIMENSIONS
from queries.workforce_people import CACHE

YEAR = 2025


def _naive(graph: Graph) -> int:
    """Fetch every expert, then compute each dimension and group in Python."""
    groups: Counter[tuple[Any, ...]] = Counter()
    for r in graph.read(EXPERT_ROWS):
        age = YEAR - r["birth_year"] if r["birth_year"] is not None else None
        band = None if age is None else "<25" if age < 25 else "60+" if age >= 60 else f"{age // 5 * 5}"
        field = Counter(r["fields"]).most_common(1)[0][0] if r["fields"] else None
        groups[
            (
                r["degree"], r["academic_title"], min(r["sectors"], default=None), field,
                min(r["orgs"], default=None), r["district"], r["gender"], r["ethnic_minority"],
                r["ethnicity"], band,
            )
        ] += 1  # fmt: skip
    return sum(groups.values())


def _times(fn: Callable[[], object], repeats: int) -> list[float]:
    fn()
    out = []
    for _ in range(repeats):
        started = time.perf_counter()
        fn()
        out.append((time.perf_counter() - started) * 1000)
    return out


def _p95(samples: list[float]) -> float:
    return sorted(samples)[max(0, round(0.95 * len(samples)) - 1)]


def _cold(graph: Graph, settings: Settings, by: list[str]) -> object:
    """The first request after an import: the snapshot is read from the graph again."""
    CACHE.clear()
    return workforce(graph, settings, by, year=YEAR)


def run(graph: Graph, settings: Settings, repeats: int) -> None:
    full = list(DIMENSIONS)
    cases: dict[str, Callable[[], object]] = {
        f"group-by all {len(full)} dimensions (candidate)": lambda: workforce(
            graph, settings, full, year=YEAR
        ),
        f"group-by all {len(full)} dimensions, snapshot re-read every call": lambda: _cold(
            graph, settings, full
        ),
        "group-by degree, gender, sector (candidate)": lambda: workforce(
            graph, settings, ["degree", "gender", "sector"], year=YEAR
        ),
        "fetch every expert, group in Python (baseline)": lambda: _naive(graph),
    }
    results = {name: _times(fn, repeats) for name, fn in cases.items()}
    base = statistics.median(results["fetch every expert, group in Python (baseline)"])
    for name, samples in results.items():
        med = statistics.median(samples)
        print(
            f"{name}: median {med:.1f} ms, p95 {_p95(samples):.1f} ms (n={repeats}); "
            f"baseline/this {base / med:.2f}x"
        )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--repeats", type=int, default=30)
    parser.add_argument("--home", type=Path)
    parser.add_argument("--port", type=int)
    parser.add_argument("--no-load", action="store_true", help="the server already holds the demo")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        settings = Settings(demo_dir=Path(tmp) / "demo")
        own = args.home is None
        runtime = open_runtime(settings, home=args.home or Path(tmp) / "neo4j", port=args.port or 0)
        try:
            if not args.no_load:
                migrate(runtime.graph)
                load_demo(runtime.graph, settings)
            run(runtime.graph, settings, args.repeats)
        finally:
            runtime.close(stop_server=own)


if __name__ == "__main__":
    main()
