"""Does the ranking find the right experts? Held-out OpenAlex works and the demo's Vietnamese tasks.

    python -m bench.quality [--held-out 120] [--seed 5] [--variant lexical_hits=100 ...]

Runs on its own throw-away Neo4j. Two evaluations, each scored for the full ranking and, in the same
run, for the baseline of full-text relevance alone (`match_experts(..., lexical_only=True)`), which
is what `POST /api/v1/experts/match` calls:
1. OpenAlex (real data, ../shared/data/openalex_idb03): works whose authors all have other works
   are held out (neither the work nor its bylines are imported), and each held-out title is matched;
   its authors are the relevant experts.
2. The Lai Châu demo's `tasks_eval.csv`: 35 task descriptions (Vietnamese, English and unaccented
   Vietnamese) with the experts who should come first.
Reports MRR, NDCG@10 and recall@10 (means over queries) and the ratio to the baseline.
"""

from __future__ import annotations

import argparse
import csv
import random
import statistics
import tempfile
import time
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

from bench.metrics import ndcg_at, recall_at, reciprocal_rank
from graph.connection import Graph
from graph.migrations import migrate
from graph.runtime import open_runtime
from graph.settings import RankingSettings, Settings, get_ranking
from ingest.adapters.openalex import read_sample
from ingest.columns import Kind
from ingest.demo_load import load_demo
from ingest.embed import embed_missing
from ingest.load import import_tables
from ingest.reference import load_reference
from queries.search import match_experts

DEPTH = 100  # ranks kept per query for MRR
WIPE = (
    "MATCH (n) WHERE NOT n:SchemaMigration AND NOT n:Sector AND NOT n:AuditEntry AND NOT n:AuditHead "
    "CALL { WITH n DETACH DELETE n } IN TRANSACTIONS"
)


@dataclass(frozen=True)
class Query:
    title: str
    description: str
    relevant: set[str]
    fields: tuple[str, ...] = ()  # the required fields a user would tick (demo tasks only)


@dataclass(frozen=True)
class Scores:
    mrr: float
    ndcg10: float
    recall10: float
    seconds: float


def evaluate(
    graph: Graph,
    queries: list[Query],
    *,
    lexical_only: bool,
    with_fields: bool = False,
    ranking: RankingSettings | None = None,
) -> Scores:
    rr, nd, rc, times = [], [], [], []
    for q in queries:
        started = time.perf_counter()
        page = match_experts(
            graph,
            q.title,
            q.description,
            fields=q.fields if with_fields else (),
            limit=DEPTH,
            lexical_only=lexical_only,
            ranking=ranking,
        )
        times.append(time.perf_counter() - started)
        ranked = [h.id for h in page.hits]
        rr.append(reciprocal_rank(ranked, q.relevant))
        nd.append(ndcg_at(ranked, q.relevant, 10))
        rc.append(recall_at(ranked, q.relevant, 10))
    return Scores(statistics.mean(rr), statistics.mean(nd), statistics.mean(rc), statistics.median(times))


def held_out_works(directory: Path, n: int, seed: int) -> list[str]:
    """Works with 1-8 known authors who each have at least two other works in the sample."""
    full = read_sample(directory)
    bylines: dict[str, list[str]] = {}
    for row in full.tables[Kind.PUBLICATION_AUTHORS].rows:
        bylines.setdefault(row.values[0], []).append(row.values[1])
    count = Counter(a for authors in bylines.values() for a in authors)
    eligible = sorted(
        w for w, authors in bylines.items() if 1 <= len(authors) <= 8 and all(count[a] >= 3 for a in authors)
    )
    return random.Random(seed).sample(eligible, min(n, len(eligible)))


def openalex_queries(graph: Graph, directory: Path, n: int, seed: int) -> list[Query]:
    chosen = held_out_works(directory, n, seed)
    sample = read_sample(directory, hold_out=chosen)
    import_tables(graph, sample.tables)
    embed_missing(graph)
    return [Query(sample.titles[w], "", set(sample.held_out[w])) for w in chosen if sample.held_out.get(w)]


def demo_queries(demo_dir: Path) -> list[Query]:
    with (demo_dir / "tasks_eval.csv").open(encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    return [
        Query(
            r["title"],
            r["description"],
            {x.strip() for x in r["relevant_expert_ids"].split(";") if x.strip()},
            tuple(x.strip() for x in r["fields"].split(";") if x.strip()),
        )
        for r in rows
    ]


def report(name: str, n: int, rows: list[tuple[str, Scores]]) -> None:
    """A table of the runs; ratios are to the first row (the baseline)."""
    base = rows[0][1]
    print(f"\n{name}: {n} queries")
    print(f"{'':34}{'MRR':>7}{'NDCG@10':>9}{'recall@10':>11}{'s/query':>9}{'NDCG@10 vs baseline':>21}")
    for label, s in rows:
        ratio = f"{s.ndcg10 / base.ndcg10:.2f}x" if base.ndcg10 else "n/a"
        print(f"{label:34}{s.mrr:7.3f}{s.ndcg10:9.3f}{s.recall10:11.3f}{s.seconds:9.2f}{ratio:>21}")


def variant_ranking(spec: str) -> RankingSettings:
    """The ranking settings with `name=value` pairs changed: to see what a smaller pool costs in
    quality, in the same run as the defaults."""
    ranking = get_ranking()
    changes: dict[str, object] = {}
    for pair in spec.split(","):
        name, _, value = pair.partition("=")
        kind = type(getattr(ranking, name.strip()))
        changes[name.strip()] = kind(value)
    return ranking.model_copy(update=changes)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--held-out", type=int, default=120)
    parser.add_argument("--seed", type=int, default=5)
    parser.add_argument("--only-demo", action="store_true", help="skip the OpenAlex evaluation")
    parser.add_argument(
        "--variant",
        action="append",
        default=[],
        metavar="NAME=VALUE[,NAME=VALUE]",
        help="also score the ranking with these RankingSettings changed (repeatable), e.g. lexical_hits=100",
    )
    args = parser.parse_args()
    settings = Settings()
    variants = [(f"ranking, {v}", variant_ranking(v)) for v in args.variant]
    with tempfile.TemporaryDirectory() as tmp:
        runtime = open_runtime(settings, home=Path(tmp) / "neo4j", port=0)
        try:
            graph = runtime.graph
            migrate(graph)
            load_reference(graph, settings.shared_data)
            queries = (
                []
                if args.only_demo
                else openalex_queries(
                    graph, settings.shared_data / "openalex_idb03", args.held_out, args.seed
                )
            )
            if queries:
                report(
                    "OpenAlex held-out works (title only)",
                    len(queries),
                    [
                        ("baseline: full-text only", evaluate(graph, queries, lexical_only=True)),
                        ("ranking (all signals)", evaluate(graph, queries, lexical_only=False)),
                    ]
                    + [
                        (label, evaluate(graph, queries, lexical_only=False, ranking=r))
                        for label, r in variants
                    ],
                )
            graph.run_schema(WIPE)
            demo_settings = settings.model_copy(update={"demo_dir": Path(tmp) / "demo"})
            load_demo(graph, demo_settings)
            tasks = demo_queries(demo_settings.demo_dir)
            report(
                "Lai Châu demo tasks (title + description)",
                len(tasks),
                [
                    ("baseline: full-text only", evaluate(graph, tasks, lexical_only=True)),
                    ("ranking, text only", evaluate(graph, tasks, lexical_only=False)),
                    (
                        "ranking, text + required fields",
                        evaluate(graph, tasks, lexical_only=False, with_fields=True),
                    ),
                ]
                + [
                    row
                    for label, r in variants
                    for row in (
                        (f"{label}, text only", evaluate(graph, tasks, lexical_only=False, ranking=r)),
                        (
                            f"{label}, + fields",
                            evaluate(graph, tasks, lexical_only=False, with_fields=True, ranking=r),
                        ),
                    )
                ],
            )
        finally:
            runtime.close()


if __name__ == "__main__":
    main()
