"""Exact reviewer assignment against the greedy baseline on the Lai Châu demo.

    python -m bench.assign [--proposals 200] [--k 3] [--limit 2] [--repeats 5] [--fair-seconds 60]

Starts a throw-away local Neo4j, loads the demo through the import path, turns the first N demo
projects (by code) into proposals (their members propose, their host organization hosts), builds
the affinity matrix with `queries.affinity` and the conflict mask with `queries.conflicts` for
every expert of the demo (about 1,500: the demo has no more), then times, in one run, the exact
min-cost-flow solver against greedy, and the CP-SAT fairness variant once.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import LiteralString

import numpy as np

from graph.migrations import migrate
from graph.runtime import open_runtime
from graph.settings import ConflictRules, Settings
from ingest.demo.draws import REFERENCE_YEAR
from ingest.demo_load import load_demo
from queries.assign import Problem, build_problem
from queries.assign_solver import Solution, greedy, solve_fair, solve_max_total
from queries.proposals import OrgLink, Person, Proposal, save_proposal

DEMO_PROJECTS: LiteralString = """
MATCH (p:Project)
OPTIONAL MATCH (o:Organization)-[:PARTNER_IN {role: 'host'}]->(p)
OPTIONAL MATCH (e:Expert)-[m:MEMBER_OF]->(p)
OPTIONAL MATCH (p)-[:ABOUT]->(f:Field)
WITH p, head(collect(DISTINCT o.id)) AS host, collect(DISTINCT {id: e.id, role: m.role}) AS team,
     collect(DISTINCT f.code) AS fields
RETURN p.code AS code, p.title AS title, p.abstract AS abstract, host, team, fields
ORDER BY code LIMIT $n
"""


def _median_s(samples: list[float]) -> str:
    low, high = min(samples), max(samples)
    return f"median {statistics.median(samples):.3f} s (n={len(samples)}, min {low:.3f}, max {high:.3f})"


def _timed(fn: Callable[[], Solution], repeats: int) -> tuple[Solution, list[float]]:
    times: list[float] = []
    result: Solution | None = None
    for _ in range(repeats):
        started = time.perf_counter()
        result = fn()
        times.append(time.perf_counter() - started)
    assert result is not None
    return result, times


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--proposals", type=int, default=200)
    parser.add_argument("--k", type=int, default=3)
    parser.add_argument("--limit", type=int, default=2)
    parser.add_argument("--repeats", type=int, default=5)
    parser.add_argument("--fair-seconds", type=float, default=60.0)
    parser.add_argument("--cache", type=Path, help="keep the built problem here (.npz) and reuse it")
    args = parser.parse_args()
    if args.cache and args.cache.exists():
        problem, build_s = _load(args.cache), float("nan")
    else:
        problem, build_s = _build(args)
        if args.cache:
            _save(args.cache, problem)
    _report(args, problem, build_s)


def _save(path: Path, problem: Problem) -> None:
    np.savez_compressed(
        path, affinity=problem.affinity, allowed=problem.allowed, capacity=np.asarray(problem.capacity)
    )


def _load(path: Path) -> Problem:
    data = np.load(path)
    allowed = data["allowed"]
    n_e = allowed.shape[1]
    return Problem([], [str(j) for j in range(n_e)], data["affinity"], allowed,
                   [int(c) for c in data["capacity"]], int((~allowed).sum()))  # fmt: skip


def _build(args: argparse.Namespace) -> tuple[Problem, float]:
    settings = Settings()
    with tempfile.TemporaryDirectory() as tmp:
        runtime = open_runtime(settings, home=Path(tmp) / "neo4j", port=0)
        try:
            migrate(runtime.graph)
            load_demo(runtime.graph, settings.model_copy(update={"demo_dir": Path(tmp) / "demo"}))
            graph = runtime.graph
            codes = []
            for row in graph.read(DEMO_PROJECTS, {"n": args.proposals}):
                proposal = Proposal(
                    code=f"DX-{row['code']}",
                    title=row["title"],
                    abstract=row["abstract"],
                    year=REFERENCE_YEAR,
                    fields=sorted(row["fields"]),
                    orgs=[OrgLink(row["host"], None, "host")] if row["host"] else [],
                    proposers=[Person(m["id"], None, m["role"]) for m in row["team"] if m["id"]],
                )
                codes.append(save_proposal(graph, proposal).code)
            started = time.perf_counter()
            problem = build_problem(graph, codes, None, args.limit, ConflictRules(), "bench")
            build_s = time.perf_counter() - started
        finally:
            runtime.close()
    return problem, build_s


def _report(args: argparse.Namespace, problem: Problem, build_s: float) -> None:
    n_p, n_e = problem.affinity.shape
    positive = int((problem.affinity > 0).sum())
    print(f"{n_p} proposals x {n_e} experts (every demo expert), k={args.k}, L={args.limit}")
    print(
        f"affinity > 0 on {positive} pairs ({positive / (n_p * n_e):.1%}); "
        f"{problem.conflicts} pairs in conflict"
    )
    print(f"building affinities and conflicts from the graph: {build_s:.1f} s (once)")
    sys.stdout.flush()
    exact, exact_t = _timed(
        lambda: solve_max_total(problem.affinity, problem.allowed, args.k, problem.capacity), args.repeats
    )
    base, base_t = _timed(
        lambda: greedy(problem.affinity, problem.allowed, args.k, problem.capacity), args.repeats
    )
    started = time.perf_counter()
    fair = solve_fair(
        problem.affinity, problem.allowed, args.k, problem.capacity, time_limit_s=args.fair_seconds
    )
    fair_s = time.perf_counter() - started
    print(
        f"exact (min-cost flow): total {exact.total:.4f}, worst proposal {exact.worst:.4f}, "
        f"{_median_s(exact_t)}"
    )
    print(
        f"greedy baseline:       total {base.total:.4f}, worst proposal {base.worst:.4f}, "
        f"unfilled seats {base.unfilled}, {_median_s(base_t)}"
    )
    print(
        f"fair (CP-SAT max-min): total {fair.total:.4f}, worst proposal {fair.worst:.4f}, "
        f"proved optimal {fair.optimal}, {fair_s:.1f} s (n=1)"
    )
    ratio = base.total / exact.total if exact.total else 1.0
    print(f"greedy / exact total affinity: {ratio:.4f} (shortfall {1 - ratio:.2%})")
    print(f"exact time / greedy time: {statistics.median(exact_t) / statistics.median(base_t):.1f}x")


if __name__ == "__main__":
    main()
