"""Search and match latency on a scaled graph (100,000 experts, ~0.94 million relationships).

    python -m bench.search --home var/bench-search --build-only        # once, outside the CPU lock
    flock -x /tmp/eg-cpu.lock python -m bench.search --home var/bench-search [--repeats 5]
    python -m bench.search --demo --home var/demo-search --build-only  # the demo, loaded once
    flock -x /tmp/eg-cpu.lock python -m bench.search --demo --home var/demo-search [--repeats 5]

Builds the graph of `bench.scale_graph` in a Neo4j home (kept with `--home`, so the 100,000-expert
graph is built once; a throw-away one without it), then times, warm (every query run once before
timing), median and p95 over all runs:
- search: `search_experts` for 20 short queries; embedding cached (a repeated query, as when paging)
  and not (every run a new text);
- match: `match_experts` for 10 task texts (title + ~300-character description);
- search with filters (sector and age band; gender, province and degree);
- baseline: one naive `CONTAINS` scan over expert names and topics, project and publication titles;
- the embedding alone, and each stage of the ranking (queries/ranking.py `Stages`).

`--demo` times the Lai Châu demo (1,500 experts) instead, with the queries and task texts of
bench/load.py, and also the CPU one search costs this process and the Neo4j server (read from
/proc): what bounds the searches per second two cores can serve (issue 10's load target).
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import tempfile
import time
from collections.abc import Callable
from functools import partial
from pathlib import Path
from typing import LiteralString

from bench.load import QUERIES as LOAD_QUERIES
from bench.load import TASKS as LOAD_TASKS
from bench.scale_graph import COUNT_EXPERTS, build, phrases_by_field
from graph import embeddings
from graph.migrations import migrate
from graph.runtime import Runtime, open_runtime
from graph.settings import Settings, get_ranking
from graph.text import fold, normalize
from ingest.demo_load import load_demo
from ingest.reference import load_reference
from queries.filters import ExpertFilters
from queries.search import match_experts, search_experts, task_text

CONTAINS_SCAN: LiteralString = """
CALL {
  MATCH (e:Expert) WHERE e.name_key CONTAINS $q OR e.topics_key CONTAINS $q RETURN e
  UNION
  MATCH (e:Expert)-[:MEMBER_OF]->(p:Project) WHERE p.title_key CONTAINS $q RETURN e
  UNION
  MATCH (e:Expert)-[:AUTHORED]->(w:Publication) WHERE w.title_key CONTAINS $q RETURN e
}
RETURN e.id AS id ORDER BY id LIMIT 20
"""


def percentile(samples: list[float], p: float) -> float:
    ordered = sorted(samples)
    return ordered[min(len(ordered) - 1, round(p / 100 * (len(ordered) - 1)))]


def timed(fn: Callable[[], object], repeats: int) -> list[float]:
    fn()  # warm: plans cached, pages in memory
    samples = []
    for _ in range(repeats):
        started = time.perf_counter()
        fn()
        samples.append((time.perf_counter() - started) * 1000)
    return samples


def line(name: str, samples: list[float], baseline: list[float] | None = None) -> str:
    med, p95 = statistics.median(samples), percentile(samples, 95)
    text = f"{name:44} median {med:7.1f} ms   p95 {p95:7.1f} ms   (n={len(samples)})"
    if baseline:
        text += f"   baseline/this: {statistics.median(baseline) / med:5.1f}x"
    return text


BUILT_MARK = "scale-graph-built"


def open_scaled(settings: Settings, home: Path, port: int | None = None) -> Runtime:
    """Start Neo4j on `home` and build the scaled graph there unless an earlier run finished it.

    A home without the mark file holds a half-built graph (the builder CREATEs, so it cannot resume):
    refuse it rather than time a partial graph."""
    mark = home / BUILT_MARK
    if not mark.exists() and (home / "data").exists():
        raise SystemExit(f"{home} holds an unfinished scaled graph; delete it and build again")
    runtime = open_runtime(settings, home=home, port=port or 0)
    graph = runtime.graph
    migrate(graph)
    if mark.exists():
        print(f"scaled graph in {home}: {graph.read(COUNT_EXPERTS)[0]['n']} experts (built earlier)")
        return runtime
    load_reference(graph, settings.shared_data)
    started = time.perf_counter()
    rels = build(graph)
    experts = graph.read(COUNT_EXPERTS)[0]["n"]
    took = time.perf_counter() - started
    print(f"scaled graph: {experts} experts, {rels} relationships, built in {took:.0f} s")
    mark.write_text(f"{experts} experts, {rels} relationships, built in {took:.0f} s\n")
    return runtime


def open_demo(settings: Settings, home: Path, port: int | None = None) -> Runtime:
    """Start Neo4j on `home` and load the demo through the real import path unless it is there."""
    runtime = open_runtime(settings, home=home, port=port or 0)
    migrate(runtime.graph)
    if runtime.graph.read(COUNT_EXPERTS)[0]["n"] == 0:
        started = time.perf_counter()
        load_demo(runtime.graph, settings.model_copy(update={"demo_dir": home.parent / "demo-csv"}))
        print(f"demo loaded in {time.perf_counter() - started:.0f} s")
    print(f"demo graph in {home}: {runtime.graph.read(COUNT_EXPERTS)[0]['n']} experts")
    return runtime


def cpu_seconds(pid: int) -> float:
    """User + system CPU of a process so far (Linux /proc)."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def demo(runtime: Runtime, repeats: int) -> None:
    """Search and match on the demo with the load benchmark's queries, and the CPU per search."""
    graph = runtime.graph
    server_pid = runtime.server.running_pid() if runtime.server else None

    def scan(q: str) -> None:
        graph.read(CONTAINS_SCAN, {"q": fold(q)})

    def search(q: str) -> None:
        search_experts(graph, q)

    def match(text: str) -> None:
        match_experts(graph, " ".join(text.split()[:8]), text)

    base = [s for q in LOAD_QUERIES for s in timed(partial(scan, q), repeats)]
    searched = [s for q in LOAD_QUERIES for s in timed(partial(search, q), repeats)]
    matched = [s for t in LOAD_TASKS for s in timed(partial(match, t), repeats)]
    print(line("baseline: CONTAINS scan (names, titles)", base))
    print(line("search (load mix queries, embedding cached)", searched, base))
    print(line("match (load mix task texts)", matched, base))
    if server_pid is None:
        return
    runs = repeats * len(LOAD_QUERIES)
    server0, client0, wall0 = cpu_seconds(server_pid), time.process_time(), time.perf_counter()
    for _ in range(repeats):
        for q in LOAD_QUERIES:
            search(q)
    server = (cpu_seconds(server_pid) - server0) / runs * 1000
    client = (time.process_time() - client0) / runs * 1000
    wall = (time.perf_counter() - wall0) / runs * 1000
    print(
        f"CPU per search: Python {client:.1f} ms + Neo4j {server:.1f} ms = {client + server:.1f} ms "
        f"(wall {wall:.1f} ms, n={runs}): at most {2000 / (client + server):.0f} searches/s on 2 cores"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeats", type=int, default=5)
    parser.add_argument("--demo", action="store_true", help="the demo (1,500 experts), load mix queries")
    parser.add_argument("--port", type=int, help="Bolt port of a server already running on --home (kept)")
    parser.add_argument("--home", type=Path, help="Neo4j home kept between runs (built when new)")
    parser.add_argument("--build-only", action="store_true", help="build the graph in --home and stop")
    args = parser.parse_args()
    settings = Settings().model_copy(update={"local_heap": "1g", "local_pagecache": "1g"})
    rng = random.Random(3)
    phrases = [p for ps in phrases_by_field().values() for p in ps if len(p.split()) >= 2]
    queries = rng.sample(phrases, 20)
    tasks = [
        (
            f"Nghiên cứu {a} gắn với {b}",
            f"Tỉnh cần chuyên gia về {a}, {b} và {c} để tư vấn, phản biện "
            f"đề án phát triển kinh tế - xã hội vùng cao, đánh giá hiện trạng, đề xuất giải pháp {d} "
            "phù hợp điều kiện của đồng bào các dân tộc và nguồn lực của địa phương.",
        )
        for a, b, c, d in (rng.sample(phrases, 4) for _ in range(10))
    ]
    with tempfile.TemporaryDirectory() as tmp:
        home = args.home or Path(tmp) / "neo4j"
        if args.port:
            settings = settings.model_copy(update={"local_bolt_port": args.port})
        opener = open_demo if args.demo else open_scaled
        runtime = opener(settings, home, args.port)
        try:
            graph = runtime.graph
            if args.build_only:
                return
            if args.demo:
                demo(runtime, args.repeats)
                return

            stages: dict[str, dict[str, list[float]]] = {"search": {}, "match": {}}

            def keep(kind: str, timings: dict[str, float]) -> None:
                for stage, ms in timings.items():
                    stages[kind].setdefault(stage, []).append(ms)

            def scan(q: str) -> None:
                graph.read(CONTAINS_SCAN, {"q": fold(q)})

            def cached_search(q: str) -> None:
                search_experts(graph, q)

            def filtered_search(q: str, filters: ExpertFilters) -> None:
                search_experts(graph, q, filters=filters)

            def fresh_search(q: str) -> None:
                embeddings._cached.cache_clear()
                timings: dict[str, float] = {}
                search_experts(graph, q, timings=timings)
                keep("search", timings)

            def fresh_match(task: tuple[str, str]) -> None:
                embeddings._cached.cache_clear()
                timings: dict[str, float] = {}
                match_experts(graph, task[0], task[1], timings=timings)
                keep("match", timings)

            def embed(text: str) -> None:
                embeddings.embed_query(normalize(text).lower()[: get_ranking().query_embed_chars])

            filters = (
                ExpertFilters(sector="AGRI_FOREST", age_band="under_35"),
                ExpertFilters(gender="F", in_province=True, degrees=("TS",)),
            )
            base = [s for q in queries for s in timed(partial(scan, q), args.repeats)]
            cached = [s for q in queries for s in timed(partial(cached_search, q), args.repeats)]
            filtered = [
                s
                for i, q in enumerate(queries)
                for s in timed(partial(filtered_search, q, filters[i % 2]), args.repeats)
            ]
            fresh = [s for q in queries for s in timed(partial(fresh_search, q), args.repeats)]
            embed_query = [s for q in queries for s in timed(partial(embed, q), args.repeats)]
            match = [s for t in tasks for s in timed(partial(fresh_match, t), args.repeats)]
            embed_task = [s for t in tasks for s in timed(partial(embed, task_text(*t)), args.repeats)]
            print(line("baseline: CONTAINS scan (names, titles)", base))
            print(line("search, query embedding cached", cached, base))
            print(line("search with filters, embedding cached", filtered, base))
            print(line("search, query embedded each time", fresh, base))
            print(line("  of which: embedding the query", embed_query))
            print(line("match (task text embedded each time)", match, base))
            print(line("  of which: embedding the task text", embed_task))
            for kind, per_stage in stages.items():
                print(f"stages of {kind} (query embedded each time; warm-up runs included):")
                for stage, samples in per_stage.items():
                    print(line(f"  {stage}", samples))
        finally:
            runtime.close(stop_server=not args.port)


if __name__ == "__main__":
    main()
