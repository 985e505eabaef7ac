"""The labelled sets the entity-resolution benchmark scores: incoming person records, the stored
people they are resolved against, and for each incoming record the stored id it truly is (or None).

(a) Demo: the generator's noisy re-typings of its experts (`experts_noisy_duplicates.csv`), with
    namesakes who are other people (hard negatives), against the demo's experts and employers.
(b) OpenAlex: real authorship rows of `openalex_idb03`. For every author with two or more works in
    the sample, one authorship (the latest work) is held out as the incoming record and the author's
    other works form the stored profile; authors with one work come in as new people, to be matched
    against nobody. ORCID iDs are withheld, so names, co-authors, institutions and topics decide.
"""

from __future__ import annotations

import csv
import gzip
from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from graph.text import fold
from ingest.columns import Kind
from ingest.demo import generate_demo
from ingest.match_score import name_tokens
from ingest.person_records import person_from_row
from ingest.resolve_orgs import org_words
from ingest.resolve_people import PersonRecord
from ingest.rows import ExpertRow, parse_row


@dataclass(frozen=True)
class LabelledSet:
    name: str
    stored: list[PersonRecord]
    incoming: list[PersonRecord]
    truth: list[str | None]  # the stored id each incoming record is, None for a new person
    # OpenAlex only, never shown to the resolver: ORCID iDs, to audit merges the labels call wrong.
    incoming_orcids: list[str | None] | None = None
    stored_orcids: dict[str, str] | None = None
    # OpenAlex only, never shown to the resolver: the author id of each incoming record.
    incoming_authors: list[str] | None = None


def _read(path: Path) -> Iterator[dict[str, str]]:
    opener = gzip.open if path.suffix == ".gz" else open
    with opener(path, "rt", encoding="utf-8-sig", newline="") as handle:
        yield from csv.DictReader(handle)


def _expert(raw: dict[str, str]) -> ExpertRow:
    row = parse_row(Kind.EXPERTS, raw, {"resolve": True})
    assert isinstance(row, ExpertRow)
    return row


def demo_set(work_dir: Path, shared_data: Path, seed: int = 45) -> LabelledSet:
    generate_demo(work_dir, shared_data, seed=seed)
    org_names = {r["org_id"]: r["name"] for r in _read(work_dir / "organizations.csv")}
    stored = [person_from_row(_expert(r), org_names) for r in _read(work_dir / "experts.csv")]
    incoming: list[PersonRecord] = []
    truth: list[str | None] = []
    for raw in _read(work_dir / "experts_noisy_duplicates.csv"):
        values = {k: v for k, v in raw.items() if k not in ("source_row_id", "true_expert_id")}
        incoming.append(person_from_row(_expert(values), org_names))
        truth.append(raw["true_expert_id"] or None)
    return LabelledSet("demo noisy duplicates", stored, incoming, truth)


@dataclass
class _Profile:
    name: str = ""
    works: int = 0
    institutions: set[str] | None = None
    coauthors: set[str] | None = None
    topics: set[str] | None = None


def _short(openalex_id: str) -> str:
    return openalex_id.rsplit("/", 1)[-1]


def openalex_set(folder: Path) -> LabelledSet:
    works = {_short(r["work_id"]): r for r in _read(folder / "works.csv")}
    institutions = {_short(r["institution_id"]): r["name"] for r in _read(folder / "institutions.csv")}
    topics: dict[str, set[str]] = defaultdict(set)
    for r in _read(folder / "work_topics.csv"):
        topics[_short(r["work_id"])].add(fold(r["topic_name"]))
    by_work: dict[str, list[dict[str, str]]] = defaultdict(list)
    by_author: dict[str, list[dict[str, str]]] = defaultdict(list)
    for r in _read(folder / "authorships.csv.gz"):
        by_work[_short(r["work_id"])].append(r)
        by_author[_short(r["author_id"])].append(r)

    def year(r: dict[str, str]) -> tuple[str, str]:
        return (works.get(_short(r["work_id"]), {}).get("publication_date", ""), r["work_id"])

    def record(author: str, rows: list[dict[str, str]], keep_id: bool) -> PersonRecord:
        insts: set[str] = set()
        coauthors: set[str] = set()
        work_topics: set[str] = set()
        for r in rows:
            insts |= {_short(i) for i in r["institution_ids"].split("|") if i}
            work = _short(r["work_id"])
            coauthors |= {_short(o["author_id"]) for o in by_work[work]} - {author}
            work_topics |= topics.get(work, set())
        name = rows[0]["author_name"]
        return PersonRecord(
            id=author if keep_id else None,
            name=name,
            tokens=tuple(name_tokens(name)),
            org_ids=frozenset(insts),
            org_names=tuple(tuple(org_words(institutions[i])) for i in sorted(insts) if i in institutions),
            topics=frozenset(work_topics),
            coworkers=frozenset(coauthors),
        )

    orcids = {_short(r["author_id"]): r["orcid"] for r in _read(folder / "authors.csv") if r["orcid"]}
    stored: list[PersonRecord] = []
    incoming: list[PersonRecord] = []
    truth: list[str | None] = []
    for author, rows in sorted(by_author.items()):
        rows = sorted(rows, key=year)
        if len(rows) >= 2:
            stored.append(record(author, rows[:-1], keep_id=True))
            incoming.append(record(author, rows[-1:], keep_id=False))
            truth.append(author)
        else:
            incoming.append(record(author, rows, keep_id=False))
            truth.append(None)
    incoming_orcids = [orcids.get(author) for author in sorted(by_author)]
    stored_orcids = {r.id: orcids[r.id] for r in stored if r.id in orcids}
    name = "OpenAlex authorships (ORCID withheld)"
    return LabelledSet(name, stored, incoming, truth, incoming_orcids, stored_orcids, sorted(by_author))
