"""What patents and awards cost the standing read, on the demo with synthetic patents and awards.

    python -m bench.standing --home var/bench-standing --build-only     # once, outside the CPU lock
    flock -x /tmp/eg-cpu.lock python -m bench.standing --home var/bench-standing [--repeats 5]

Build: the Lai Châu demo through the real import path, then synthetic patents and awards (seeded,
in the agreed model of graph/schema.py; the demo itself has none yet): about a tenth of the experts
invented one to three patents and about a sixth received an award, each ABOUT one of the holder's
fields. Timed, warm (each case run once first), median and p95: for every level-2 field with at
least 30 experts, `queries.standing.standings()` of its experts with the field's subtree, in a
search's chunk (70 experts: a first page of 20 plus 50) and whole (up to 1,000: leaders, gaps),
against the baseline of main's standing read (projects, publications, title and degree:
`BASELINE_STANDING`, a copy of main's statement), the two interleaved so load drift hits both.
`--leaders` (not timed) counts, per program field and sector, the experts above the leader bar with
main's weights and bar (no patents or awards, 0.5) and with this branch's (0.4).
"""

from __future__ import annotations

import argparse
import random
import statistics
import tempfile
import time
from pathlib import Path
from typing import Any, LiteralString

from graph.connection import Graph
from graph.migrations import migrate
from graph.runtime import Runtime, open_runtime
from graph.schema import AWARD_LEVELS, PATENT_KINDS
from graph.settings import Settings, get_ranking
from ingest.demo_load import load_demo
from queries.filters import reference_year
from queries.leaders import field_leaders, gaps, sector_leaders
from queries.standing import standing_of, standings

# main's STANDING_IN_SUBTREES (queries/standing.py before patents and awards): the baseline.
BASELINE_STANDING: LiteralString = """
UNWIND $ids AS eid
MATCH (e:Expert {id: eid})
RETURN e.id AS id, e.academic_title AS academic_title, e.degree AS degree,
  [(e)-[m:MEMBER_OF]->(p:Project) WHERE $subs IS NULL OR EXISTS {
      (p)-[:ABOUT]->(f:Field) WHERE f.code IN $subs }
   | {ref: p.code, label: p.title, role: m.role, level: p.level,
      year: coalesce(p.end_year, p.start_year)}] AS projects,
  [(e)-[:AUTHORED]->(w:Publication) WHERE $subs IS NULL OR EXISTS {
      (w)-[:ABOUT]->(f:Field) WHERE f.code IN $subs }
   | {ref: w.id, label: w.title, year: w.year, citations: coalesce(w.citations, 0)}] AS publications
"""
EXPERT_FIELDS: LiteralString = """
MATCH (e:Expert)-[:HAS_EXPERTISE]->(f:Field)
RETURN e.id AS id, collect(f.code) AS fields ORDER BY id
"""
COUNT_PATENTS: LiteralString = "MATCH (t:Patent) RETURN count(t) AS n"
WRITE_PATENTS: LiteralString = """
UNWIND $rows AS row
MERGE (t:Patent {id: row.id})
SET t.number = row.id, t.title = row.title, t.kind = row.kind, t.status = row.status,
    t.filing_year = row.filing_year, t.grant_year = row.grant_year,
    t.year = coalesce(row.grant_year, row.filing_year), t.country = 'VN'
WITH t, row
MATCH (e:Expert {id: row.expert}), (f:Field {code: row.field})
MERGE (e)-[:INVENTED {position: 1}]->(t)
MERGE (t)-[:ABOUT {source: 'bench', confidence: 1.0}]->(f)
"""
WRITE_AWARDS: LiteralString = """
UNWIND $rows AS row
MERGE (a:Award {id: row.id})
SET a.name = row.name, a.level = row.level, a.year = row.year
WITH a, row
MATCH (e:Expert {id: row.expert}), (f:Field {code: row.field})
MERGE (e)-[:RECEIVED]->(a)
MERGE (a)-[:ABOUT {source: 'bench', confidence: 1.0}]->(f)
"""
# Level-2 fields with their subtree and the experts who hold a field in it.
FIELD_CASES: LiteralString = """
MATCH (f:Field {level: 2})
MATCH (s:Field)-[:SUBFIELD_OF*0..3]->(f)
WITH f, collect(DISTINCT s.code) AS subs
MATCH (e:Expert)-[:HAS_EXPERTISE]->(h:Field) WHERE h.code IN subs
WITH f, subs, collect(DISTINCT e.id) AS ids
WHERE size(ids) >= 30
RETURN f.code AS code, subs, ids ORDER BY code
"""


def synthetic_evidence(graph: Graph, seed: int) -> tuple[int, int]:
    """Patents and awards for a share of the demo's experts, about one of their own fields."""
    rng = random.Random(seed)
    patents: list[dict[str, Any]] = []
    awards: list[dict[str, Any]] = []
    for row in graph.read(EXPERT_FIELDS):
        if rng.random() < 0.10:
            for _ in range(rng.choice((1, 1, 2, 3))):
                filed = rng.randint(2008, 2025)
                granted = filed + rng.randint(2, 5) if rng.random() < 0.6 else None
                granted = granted if granted is not None and granted <= 2025 else None
                patents.append(
                    {
                        "id": f"BENCH:{len(patents):05d}",
                        "title": f"Quy trình {rng.randint(1, 999)}",
                        "kind": rng.choices(PATENT_KINDS, weights=(4, 4, 1, 1))[0],
                        "status": "granted" if granted else "filed",
                        "filing_year": filed,
                        "grant_year": granted,
                        "field": rng.choice(row["fields"]),
                        "expert": row["id"],
                    }
                )
        if rng.random() < 0.16:
            awards.append(
                {
                    "id": f"BENCH-AW:{len(awards):05d}",
                    "name": f"Giải thưởng {rng.randint(1, 99)}",
                    "level": rng.choices(AWARD_LEVELS, weights=(1, 4, 7, 10, 12))[0],
                    "year": rng.randint(2005, 2025),
                    "field": rng.choice(row["fields"]),
                    "expert": row["id"],
                }
            )
    graph.write(WRITE_PATENTS, {"rows": patents})
    graph.write(WRITE_AWARDS, {"rows": awards})
    return len(patents), len(awards)


def open_built(settings: Settings, home: Path) -> Runtime:
    runtime = open_runtime(settings, home=home, port=0)
    migrate(runtime.graph)
    graph = runtime.graph
    if graph.read(COUNT_PATENTS)[0]["n"] == 0:
        started = time.perf_counter()
        demo = settings.model_copy(update={"demo_dir": home / "demo-csv"})
        load_demo(graph, demo)
        made = synthetic_evidence(graph, seed=5)
        print(f"built in {time.perf_counter() - started:.0f} s: demo + {made[0]} patents, {made[1]} awards")
    return runtime


def percentile(samples: list[float], p: float) -> float:
    ordered = sorted(samples)
    return ordered[min(len(ordered) - 1, round(p / 100 * (len(ordered) - 1)))]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--home", type=Path, help="Neo4j home kept between runs (built when new)")
    parser.add_argument("--build-only", action="store_true")
    parser.add_argument("--repeats", type=int, default=5)
    parser.add_argument("--leaders", action="store_true", help="compare leader counts, not time")
    args = parser.parse_args()
    settings = Settings()
    with tempfile.TemporaryDirectory() as tmp:
        runtime = open_built(settings, args.home or Path(tmp) / "neo4j")
        try:
            if args.leaders:
                compare_leaders(runtime.graph)
            elif not args.build_only:
                run(runtime.graph, args.repeats)
        finally:
            runtime.close()


def compare_leaders(graph: Graph) -> None:
    """Leaders per program field and sector: main's standing and bar against this branch's. Nobody
    should lose the bar, and everyone who gains it should hold a patent or award in the field."""
    ranking = get_ranking()
    old = ranking.model_copy(update={"standing_patents": 0.0, "standing_awards": 0.0, "leader_bar": 0.5})
    rows, _ = gaps(graph, ranking)
    before_n = after_n = lost = gained = gained_with_evidence = 0
    for row in rows:
        found = {}
        for name, r in (("before", old), ("after", ranking)):
            if row.kind == "field":
                _, leaders = field_leaders(graph, row.code, limit=100_000, ranking=r)
            else:
                leaders = sector_leaders(graph, row.code, limit=100_000, ranking=r)
            found[name] = {x.id: x for x in leaders if x.score >= r.leader_bar}
        before_n += len(found["before"])
        after_n += len(found["after"])
        lost += len(found["before"].keys() - found["after"].keys())
        new = found["after"].keys() - found["before"].keys()
        gained += len(new)
        gained_with_evidence += sum(
            any(it.kind in ("patent", "award") for it in found["after"][eid].evidence) for eid in new
        )
    print(
        f"{len(rows)} program fields and sectors: leaders (expert, field) before {before_n}, after "
        f"{after_n}; lost {lost}; gained {gained}, of whom {gained_with_evidence} show a patent or award"
    )
    print(f"gaps: before {len(gaps(graph, old)[1])}, after {len(gaps(graph, ranking)[1])}")


def run(graph: Graph, repeats: int) -> None:
    ranking = get_ranking()
    year = reference_year(ranking)

    def baseline(ids: list[str], subs: list[str]) -> None:
        for row in graph.read(BASELINE_STANDING, {"ids": ids, "subs": subs}):
            standing_of(row, ranking, year)

    def with_patents(ids: list[str], subs: list[str]) -> None:
        standings(graph, ids, ranking, year, subs)

    cases = graph.read(FIELD_CASES)
    counted = {"patent": 0, "award": 0}
    for size_name, size in (("chunk of 70", 70), ("whole field (≤ 1,000)", 1000)):
        samples: dict[str, list[float]] = {"baseline": [], "patents": []}
        for case in cases:
            ids, subs = sorted(case["ids"])[:size], case["subs"]
            for fn in (baseline, with_patents):
                fn(ids, subs)  # warm
            for _ in range(repeats):
                for name, fn in (("baseline", baseline), ("patents", with_patents)):
                    started = time.perf_counter()
                    fn(ids, subs)
                    samples[name].append((time.perf_counter() - started) * 1000)
            if size == 1000:
                for s in standings(graph, ids, ranking, year, subs).values():
                    for it in s.items:
                        if it.kind in counted:
                            counted[it.kind] += 1
        base, new = samples["baseline"], samples["patents"]
        print(f"\n{size_name}: {len(cases)} level-2 fields x {repeats} runs")
        for name, got in (("baseline: main's standing read", base), ("with patents and awards", new)):
            median = statistics.median(got)
            ratio = statistics.median(base) / median
            print(f"  {name:34} median {median:7.2f} ms  p95 {percentile(got, 95):7.2f} ms  {ratio:.2f}x")
    print(f"\nevidence items shown, whole fields: {counted['patent']} patents, {counted['award']} awards")


if __name__ == "__main__":
    main()
