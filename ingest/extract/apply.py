"""Run the extractor over the graph's projects, publications and patents and store its links.

`extract_fields` is the step after loading: the import path and the demo load call it, and so does
`python -m ingest extract-fields`. Each item remembers an `extraction_key` (a hash of its text,
whether it is labelled, the field catalog and `EXTRACTOR_VERSION`); with `only_missing=True` only
items whose key changed are extracted again, so a re-run after an unchanged import writes nothing.
Corpus topics are counted over every text in the graph, even when only a few items are extracted.
"""

from __future__ import annotations

import hashlib
import json
import time
from collections import Counter
from dataclasses import dataclass, field
from typing import Any, LiteralString

from graph import extraction_links as cypher
from graph.connection import Graph
from ingest.extract.catalog import FieldCatalog
from ingest.extract.pipeline import EXTRACTED_SOURCES, Extraction, Extractor
from ingest.extract.topics import CorpusPhrases

# Bump when the extractor's output for the same text changes (phrases, ranking, threshold).
EXTRACTOR_VERSION = "2"
HUMAN_SOURCES = ("manual", "import")
BATCH = 1000


@dataclass
class ExtractionReport:
    items: int = 0  # projects, publications and patents in the graph
    extracted: int = 0  # items whose links were (re)written
    labelled: int = 0  # of those, items a person or file gave fields: topics only
    field_links: Counter[str] = field(default_factory=Counter)  # by source
    topic_links: Counter[str] = field(default_factory=Counter)
    elapsed_s: float = 0.0

    def __str__(self) -> str:
        fields = ", ".join(f"{s} {n}" for s, n in sorted(self.field_links.items())) or "none"
        topics = ", ".join(f"{s} {n}" for s, n in sorted(self.topic_links.items())) or "none"
        return (
            f"{self.extracted} of {self.items} items extracted ({self.labelled} already had fields) "
            f"in {self.elapsed_s:.1f} s; field links: {fields}; topic links: {topics}"
        )


def load_catalog(graph: Graph) -> FieldCatalog:
    return FieldCatalog.from_rows(graph.read(cypher.FIELD_CATALOG))


def catalog_fingerprint(catalog: FieldCatalog) -> str:
    entries = sorted((e.code, e.name_vi, e.name_en, e.keywords) for e in catalog.entries.values())
    return hashlib.sha1(json.dumps(entries, ensure_ascii=False).encode()).hexdigest()[:12]


def _text(row: dict[str, Any]) -> str:
    return ". ".join(part for part in (row["title"], row["abstract"]) if part)


def _key(row: dict[str, Any], catalog_print: str) -> str:
    payload = json.dumps([EXTRACTOR_VERSION, catalog_print, _text(row), row["labelled"]], ensure_ascii=False)
    return hashlib.sha1(payload.encode()).hexdigest()


def _rows(items: list[dict[str, Any]], found: list[Extraction]) -> list[dict[str, Any]]:
    return [
        {
            "key": item["key"],
            "extraction_key": item["new_key"],
            "fields": [vars(link) for link in result.fields],
            "topics": [vars(link) for link in result.topics],
        }
        for item, result in zip(items, found, strict=True)
    ]


def extract_fields(
    graph: Graph,
    *,
    only_missing: bool = True,
    use_embedding: bool = True,
    extractor: Extractor | None = None,
) -> ExtractionReport:
    """Tag unlabelled projects, publications and patents with fields, and every one with topics."""
    started = time.perf_counter()
    report = ExtractionReport()
    catalog = extractor.catalog if extractor is not None else load_catalog(graph)
    if not len(catalog):
        return report  # no reference taxonomy loaded: nothing to tag with
    human = {"human": list(HUMAN_SOURCES)}
    kinds: list[tuple[LiteralString, list[dict[str, Any]]]] = [
        (cypher.REPLACE_PROJECT_EXTRACTION, graph.read(cypher.PROJECT_TEXTS, human)),
        (cypher.REPLACE_PUBLICATION_EXTRACTION, graph.read(cypher.PUBLICATION_TEXTS, human)),
        (cypher.REPLACE_PATENT_EXTRACTION, graph.read(cypher.PATENT_TEXTS, human)),
    ]
    report.items = sum(len(items) for _, items in kinds)
    todo_by_kind: list[tuple[LiteralString, list[dict[str, Any]]]] = []
    catalog_print = catalog_fingerprint(catalog)
    for statement, items in kinds:
        for item in items:
            item["new_key"] = _key(item, catalog_print)
        todo = [i for i in items if not only_missing or i["extraction_key"] != i["new_key"]]
        todo_by_kind.append((statement, todo))
    if not any(todo for _, todo in todo_by_kind):
        report.elapsed_s = time.perf_counter() - started
        return report
    # Corpus phrases come from projects and publications only: patent titles are few and short, and
    # leaving them out keeps the topics of the other items what they were before patents existed.
    corpus = CorpusPhrases(_text(item) for _, items in kinds[:2] for item in items)
    extractor = extractor or Extractor(catalog, use_embedding=use_embedding)
    for statement, todo in todo_by_kind:
        for start in range(0, len(todo), BATCH):
            batch = todo[start : start + BATCH]
            found = extractor.extract(
                [_text(i) for i in batch], fields_for=[not i["labelled"] for i in batch], corpus=corpus
            )
            params = {"rows": _rows(batch, found), "ours": list(EXTRACTED_SOURCES), **human}
            graph.write(statement, params)
            report.extracted += len(batch)
            report.labelled += sum(1 for i in batch if i["labelled"])
            report.field_links.update(link.source for r in found for link in r.fields)
            report.topic_links.update(link.source for r in found for link in r.topics)
    graph.write(cypher.DELETE_ORPHAN_TOPICS)
    report.elapsed_s = time.perf_counter() - started
    return report
