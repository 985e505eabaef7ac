"""The network pipeline on the real CORDIS H2020 organization graph: time and peak memory per stage.

    python -m bench.network [--repeats 5] [--nx-repeats 1] [--pairwise-repeats 1] [--home DIR [--load-only]]

With `--home`, the bench server keeps its data there: a first run with `--load-only` loads CORDIS
(outside the exclusive CPU lock), later runs find it loaded and only time the pipeline.

Loads ../shared/data/cordis_h2020/h2020.csv.gz (144,726 participations, 31,451 projects, 35,871
organizations) into a bench-only Neo4j with its own UNWIND loader (the import path of issue 4 may
not exist on this branch), then runs the production pipeline of `queries.network` on the
organization–organization projection: projection from Neo4j, degree, strength, PageRank, sampled
betweenness, components and Leiden communities in igraph. The baseline, in the same run and on the
same edges, is networkx: building its graph, degree, PageRank (pure-Python power iteration: scipy is
not a dependency), betweenness from the same number of sampled sources, components and Louvain.
The projection's baseline is the former one (`queries.network.pairwise`: every pair of partners
expanded and grouped in Cypher), timed in the same run and checked to give the same ties.

Peak memory is the process's peak resident set (VmHWM), reset before each stage through
/proc/self/clear_refs; the Neo4j server's peak is read from its own /proc entry at the end.
"""

from __future__ import annotations

import argparse
import csv
import gzip
import os
import random
import statistics
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any, LiteralString, TypeVar

import networkx as nx
from networkx.algorithms.link_analysis.pagerank_alg import _pagerank_python

from graph.connection import Graph
from graph.migrations import migrate
from graph.runtime import Runtime, open_runtime
from graph.settings import Settings
from queries.network.filters import NetworkFilter, ProjectionKind
from queries.network.measures import BETWEENNESS_SAMPLES, SEED, betweenness, leiden, to_igraph
from queries.network.pairwise import PAIRWISE
from queries.network.projections import Network, project

T = TypeVar("T")
PAIRWISE_STAGE = "baseline: pairwise projection (former Cypher)"

# Bench-local loader (bench code may hold its own Cypher): CORDIS activity types to our org kinds.
KINDS = {"HES": "university", "REC": "research_institute", "PRC": "enterprise", "PUB": "government_agency"}
LOAD_ORGS: LiteralString = """
UNWIND $rows AS row
MERGE (o:Organization {id: row.id})
SET o.name = row.name, o.kind = row.kind, o.country = row.country, o.province = row.country
"""
LOAD_PROJECTS: LiteralString = """
UNWIND $rows AS row
MERGE (p:Project {code: row.code})
SET p.start_year = row.start_year, p.end_year = row.end_year, p.status = 'completed'
"""
LOAD_PARTICIPATIONS: LiteralString = """
UNWIND $rows AS row
MATCH (o:Organization {id: row.org}), (p:Project {code: row.code})
MERGE (o)-[r:PARTNER_IN]->(p)
SET r.role = row.role
"""
COUNT_PARTICIPATIONS: LiteralString = "MATCH ()-[r:PARTNER_IN]->() RETURN count(r) AS n"


def _peak_reset() -> None:
    Path("/proc/self/clear_refs").write_text("5")


def _peak_mb(pid: str = "self") -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    return float("nan")


def _stage(name: str, fn: Callable[[], T], log: dict[str, list[tuple[float, float]]]) -> T:
    _peak_reset()
    started = time.perf_counter()
    result = fn()
    log.setdefault(name, []).append((time.perf_counter() - started, _peak_mb()))
    return result


def _year(text: str) -> int | None:
    return int(text) if text.strip().isdigit() else None


def load_cordis(graph: Graph, data: Path, batch: int = 10_000) -> int:
    names = {}
    with (data / "org_names.csv").open(encoding="utf-8") as f:
        for row in csv.DictReader(f):
            names[row["pic"]] = row["name"]
    orgs: dict[str, dict[str, Any]] = {}
    projects: dict[str, dict[str, Any]] = {}
    links = []
    with gzip.open(data / "h2020.csv.gz", "rt", encoding="utf-8") as f:
        for row in csv.DictReader(f):
            orgs.setdefault(
                row["pic"],
                {"id": row["pic"], "name": names.get(row["pic"], f"PIC {row['pic']}"),
                 "kind": KINDS.get(row["type"], "other"), "country": row["country"]},
            )  # fmt: skip
            projects.setdefault(
                row["rcn"],
                {"code": f"H2020-{row['rcn']}", "start_year": _year(row["start_year"]),
                 "end_year": _year(row["end_year"])},
            )  # fmt: skip
            links.append({"org": row["pic"], "code": f"H2020-{row['rcn']}", "role": row["role"]})
    for statement, rows in (
        (LOAD_ORGS, list(orgs.values())),
        (LOAD_PROJECTS, list(projects.values())),
        (LOAD_PARTICIPATIONS, links),
    ):
        for i in range(0, len(rows), batch):
            graph.write(statement, {"rows": rows[i : i + batch]})
    return int(graph.read(COUNT_PARTICIPATIONS)[0]["n"])


def run_igraph(net: Network, log: dict[str, list[tuple[float, float]]]) -> dict[str, Any]:
    g, _ = _stage("igraph: build graph", lambda: to_igraph(net), log)
    _stage("igraph: degree + strength", lambda: (g.degree(), g.strength(weights="weight")), log)
    _stage("igraph: PageRank", lambda: g.pagerank(weights="weight", directed=False), log)
    _stage(f"igraph: betweenness, {BETWEENNESS_SAMPLES} sources", lambda: betweenness(g, exact_max=0), log)
    comps = _stage("igraph: components", lambda: g.connected_components(), log)
    membership, q = _stage("igraph: Leiden communities", lambda: leiden(g), log)
    return {"components": len(comps), "communities": len(set(membership)), "modularity": q}


def run_networkx(net: Network, log: dict[str, list[tuple[float, float]]], samples: int) -> dict[str, Any]:
    def build() -> nx.Graph:
        g = nx.Graph()
        g.add_nodes_from(net.nodes)
        g.add_weighted_edges_from((a, b, t["weight"]) for (a, b), t in net.edges.items())
        for _, _, d in g.edges(data=True):
            d["distance"] = 1.0 / d["weight"]
        return g

    g = _stage("networkx: build graph", build, log)
    _stage("networkx: degree + strength", lambda: (dict(g.degree()), dict(g.degree(weight="weight"))), log)
    _stage("networkx: PageRank (pure Python)", lambda: _pagerank_python(g, weight="weight"), log)
    _stage(
        f"networkx: betweenness, {samples} sources",
        lambda: nx.betweenness_centrality(g, k=samples, weight="distance", seed=SEED),
        log,
    )
    comps = _stage("networkx: components", lambda: list(nx.connected_components(g)), log)
    found = _stage(
        "networkx: Louvain communities",
        lambda: nx.community.louvain_communities(g, weight="weight", seed=SEED),
        log,
    )
    q = nx.community.modularity(g, found, weight="weight")
    return {"components": len(comps), "communities": len(found), "modularity": q}


def same_ties(fast: Network, reference: Network) -> bool:
    """Same pairs, counts and last years; weights equal but for the order of summing."""
    if fast.edges.keys() != reference.edges.keys():
        return False
    for key, tie in reference.edges.items():
        got = fast.edges[key]
        if (got["projects"], got["last_year"]) != (tie["projects"], tie["last_year"]):
            return False
        if abs(got["weight"] - tie["weight"]) > 1e-12 * tie["weight"]:
            return False
    return True


def _report(log: dict[str, list[tuple[float, float]]]) -> None:
    print(f"{'stage':48} {'median s':>9} {'n':>3} {'peak RSS MB':>12}")
    for name, samples in log.items():
        times = [t for t, _ in samples]
        peak = max(m for _, m in samples)
        print(f"{name:48} {statistics.median(times):9.2f} {len(times):3d} {peak:12.0f}")


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--repeats", type=int, default=5, help="runs of the igraph pipeline")
    parser.add_argument("--nx-repeats", type=int, default=1, help="runs of the (slow) networkx baseline")
    parser.add_argument("--nx-samples", type=int, default=8, help="betweenness sources for networkx")
    parser.add_argument("--pairwise-repeats", type=int, default=1, help="runs of the former projection")
    parser.add_argument("--heap", default="1g", help="Neo4j heap for the bench server")
    parser.add_argument("--home", type=Path, help="keep the bench server's data here (default: a temp dir)")
    parser.add_argument("--load-only", action="store_true", help="load CORDIS into --home and stop")
    args = parser.parse_args()
    settings = Settings().model_copy(update={"local_heap": args.heap, "local_pagecache": "512m"})
    random.seed(SEED)
    with tempfile.TemporaryDirectory() as tmp:
        runtime: Runtime = open_runtime(settings, home=args.home or Path(tmp) / "neo4j", port=0)
        try:
            migrate(runtime.graph)
            links = int(runtime.graph.read(COUNT_PARTICIPATIONS)[0]["n"])
            if links == 0:
                started = time.perf_counter()
                links = load_cordis(runtime.graph, settings.shared_data / "cordis_h2020")
                print(f"CORDIS loaded: {links} participations in {time.perf_counter() - started:.1f} s")
            else:
                print(f"CORDIS already in {args.home}: {links} participations")
            if args.load_only:
                return
            print(f"load average at start {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores", flush=True)
            log: dict[str, list[tuple[float, float]]] = {}
            totals: list[float] = []
            net: Network | None = None
            for _ in range(args.repeats):
                t0 = time.perf_counter()
                net = _stage(
                    "projection from Neo4j (organization)",
                    lambda: project(runtime.graph, ProjectionKind.ORGANIZATION, NetworkFilter(), as_of=2021),
                    log,
                )
                found = run_igraph(net, log)
                totals.append(time.perf_counter() - t0)
                print(f"  projection + measures + communities: {totals[-1]:.1f} s", flush=True)
            assert net is not None
            print(f"organizations {len(net.nodes)}, co-participation edges {len(net.edges)}")
            for _ in range(args.pairwise_repeats):
                former = _stage(
                    PAIRWISE_STAGE,
                    lambda: project(
                        runtime.graph, ProjectionKind.ORGANIZATION, NetworkFilter(), as_of=2021, ties=PAIRWISE
                    ),
                    log,
                )
                print(f"former projection gives the same ties: {same_ties(net, former)}", flush=True)
                del former
            print(f"igraph pipeline: {found}")
            nx_totals: list[float] = []
            for _ in range(args.nx_repeats):
                t0 = time.perf_counter()
                nx_found = run_networkx(net, log, args.nx_samples)
                nx_totals.append(time.perf_counter() - t0)
            print(f"networkx baseline: {nx_found}")
            _report(log)
            total = statistics.median(totals)
            print(f"projection + all measures + communities (igraph), median of {len(totals)}: {total:.1f} s")
            if nx_totals:
                nx_total = statistics.median(nx_totals)
                print(
                    f"networkx measures + Louvain (no projection), median of {len(nx_totals)}: "
                    f"{nx_total:.1f} s"
                )
            projection = statistics.median(t for t, _ in log["projection from Neo4j (organization)"])
            if args.pairwise_repeats:
                former_s = statistics.median(t for t, _ in log[PAIRWISE_STAGE])
                print(
                    f"projection: {projection:.1f} s vs former pairwise Cypher {former_s:.1f} s, "
                    f"{former_s / projection:.0f}x"
                )
            print(f"load average at end {os.getloadavg()[0]:.1f}")
            if runtime.server is not None and runtime.server.running_pid():
                print(f"Neo4j server peak RSS: {_peak_mb(str(runtime.server.running_pid())):.0f} MB")
        finally:
            runtime.close()


if __name__ == "__main__":
    main()
