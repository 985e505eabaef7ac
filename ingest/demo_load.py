"""Build the synthetic Lai Châu demo and load it the way a user's files are loaded.

The generator writes the same CSV files a user would import; they go through the real import path
(readers, validation, loading), never straight Cypher, so the demo exercises what users rely on.
"""

from __future__ import annotations

from dataclasses import dataclass

from graph.connection import Graph
from graph.settings import Settings
from ingest.demo import DemoTotals, generate_demo
from ingest.embed import embed_missing
from ingest.extract.apply import extract_fields
from ingest.load import ImportReport, import_directory
from ingest.reference import load_reference


@dataclass(frozen=True)
class DemoLoad:
    totals: DemoTotals
    report: ImportReport

    def __str__(self) -> str:
        kinds = ", ".join(
            f"{k.value} {r.created} new/{r.updated} changed/{r.unchanged} same"
            for k, r in self.report.kinds.items()
        )
        return f"{self.totals.experts} experts; {kinds}"


def load_demo(graph: Graph, settings: Settings) -> DemoLoad:
    """Generate the demo CSVs into `settings.demo_dir` and import them (idempotent)."""
    settings.demo_dir.mkdir(parents=True, exist_ok=True)
    totals = generate_demo(
        settings.demo_dir, settings.shared_data, seed=settings.demo_seed, n_experts=settings.demo_experts
    )
    load_reference(graph, settings.shared_data)
    report = import_directory(graph, settings.demo_dir)
    embed_missing(graph)
    extract_fields(graph)  # demo items all carry fields, so this adds topics
    return DemoLoad(totals, report)
