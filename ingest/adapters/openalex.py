"""The OpenAlex sample (shared/data/openalex_idb03) as import tables, loaded like a user's files.

OpenAlex people become experts (`OA-A…`), institutions organizations (`OA-I…`), works publications
(`OA-W…`) with their bylines, and each work's OpenAlex topics give it Vietnamese field codes through
the crosswalk below (OpenAlex field → QĐ 12/2008 level-2 field). An expert's employer is the
institution most often on their bylines, and their fields the most frequent fields of their works.
The tables go through `ingest.load.import_tables`: the same validation and loading as user files.

`hold_out` names works to leave out entirely (no publication, no byline, no share in the authors'
fields): the quality benchmark asks who wrote them, so the graph must not already know.
"""

from __future__ import annotations

import csv
import gzip
from collections import Counter, defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from graph.connection import Graph
from ingest.columns import COLUMNS, Kind
from ingest.load import ImportReport, import_tables
from ingest.readers import RawRow, Table

# OpenAlex's 26 fields → the closest Vietnamese level-2 field (QĐ 12/2008).
FIELD_CROSSWALK: dict[str, str] = {
    "Engineering": "299",
    "Environmental Science": "105",
    "Earth and Planetary Sciences": "105",
    "Computer Science": "102",
    "Agricultural and Biological Sciences": "106",
    "Medicine": "302",
    "Social Sciences": "599",
    "Materials Science": "205",
    "Arts and Humanities": "699",
    "Biochemistry, Genetics and Molecular Biology": "106",
    "Energy": "299",
    "Chemistry": "104",
    "Economics, Econometrics and Finance": "502",
    "Physics and Astronomy": "103",
    "Neuroscience": "301",
    "Psychology": "501",
    "Decision Sciences": "101",
    "Immunology and Microbiology": "106",
    "Business, Management and Accounting": "502",
    "Chemical Engineering": "204",
    "Pharmacology, Toxicology and Pharmaceutics": "304",
    "Health Professions": "303",
    "Dentistry": "302",
    "Mathematics": "101",
    "Nursing": "303",
    "Veterinary": "403",
}
ORG_KINDS = {
    "education": "university",
    "facility": "research_institute",
    "company": "enterprise",
    "government": "government_agency",
    "nonprofit": "association",
    "healthcare": "hospital",
}
PREFIX = "https://openalex.org/"
FIELDS_PER_EXPERT = 3


@dataclass(frozen=True)
class OpenAlexSample:
    tables: dict[Kind, Table]
    held_out: dict[str, list[str]]  # held-out work id (OA-W…) -> its authors' expert ids, byline order
    titles: dict[str, str]  # every work id (OA-W…) -> title


def short(openalex_id: str) -> str:
    """`https://openalex.org/A5010401681` (or `A5010401681`, or `OA-A5010401681`) → `OA-A5010401681`."""
    if not openalex_id or openalex_id.startswith("OA-"):
        return openalex_id
    return f"OA-{openalex_id.removeprefix(PREFIX)}"


def _read(path: Path) -> Iterator[dict[str, str]]:
    opener = gzip.open if path.suffix == ".gz" else open
    with opener(path, "rt", encoding="utf-8", newline="") as handle:
        yield from csv.DictReader(handle)


def _table(kind: Kind, source: str, rows: Iterable[dict[str, str]]) -> Table:
    header = [c.name for c in COLUMNS[kind]]
    raw = [
        RawRow(number, tuple(row.get(c, "") or "" for c in header))
        for number, row in enumerate(rows, start=2)
    ]
    return Table(source, "", header, raw, encoding="utf-8")


def read_sample(directory: Path, hold_out: Iterable[str] = ()) -> OpenAlexSample:
    """The import tables of the sample; `hold_out` holds OpenAlex work ids (short or full)."""
    held = {short(w) for w in hold_out}
    topic_field = {
        r["topic_id"]: FIELD_CROSSWALK[r["field_name"]]
        for r in _read(directory / "topics.csv")
        if r["field_name"] in FIELD_CROSSWALK
    }
    work_fields: dict[str, list[str]] = defaultdict(list)
    for r in _read(directory / "work_topics.csv"):
        code = topic_field.get(r["topic_id"])
        wid = short(r["work_id"])
        if code and code not in work_fields[wid]:
            work_fields[wid].append(code)
    works = list(_read(directory / "works.csv"))
    titles = {short(w["work_id"]): w["title"] for w in works}
    bylines = list(_read(directory / "authorships.csv.gz"))
    known_works = {short(w["work_id"]) for w in works}
    authors = {short(a["author_id"]): a for a in _read(directory / "authors.csv")}
    held_out: dict[str, list[str]] = defaultdict(list)
    employer: dict[str, Counter[str]] = defaultdict(Counter)
    expert_fields: dict[str, Counter[str]] = defaultdict(Counter)
    author_rows: dict[tuple[str, str], dict[str, str]] = {}
    for b in sorted(bylines, key=lambda b: (b["work_id"], int(b["author_order"] or 0))):
        wid, aid = short(b["work_id"]), short(b["author_id"])
        if aid not in authors or wid not in known_works:
            continue
        if wid in held:
            held_out[wid].append(aid)
            continue
        author_rows.setdefault((wid, aid), {"pub_id": wid, "expert_id": aid, "position": b["author_order"]})
        for inst in filter(None, b["institution_ids"].split("|")):
            employer[aid][short(inst)] += 1
        expert_fields[aid].update(work_fields.get(wid, []))
    institutions = {short(i["institution_id"]): i for i in _read(directory / "institutions.csv")}
    used_orgs = sorted({c.most_common(1)[0][0] for c in employer.values() if c} & set(institutions))
    orgs = [
        {
            "org_id": oid,
            "name": institutions[oid]["name"],
            "kind": ORG_KINDS.get(institutions[oid]["type"], "other"),
            "country": institutions[oid]["country_code"],
            # The ROR id joins this node with any file that names the institution by it.
            "external_ids": institutions[oid]["ror"],
        }
        for oid in used_orgs
    ]
    experts = []
    for aid, a in sorted(authors.items()):
        top_org = employer[aid].most_common(1)[0][0] if employer[aid] else ""
        experts.append(
            {
                "expert_id": aid,
                "full_name": a["display_name"],
                "orcid": a["orcid"],
                "org_id": top_org if top_org in institutions else "",
                "fields": "; ".join(c for c, _ in expert_fields[aid].most_common(FIELDS_PER_EXPERT)),
            }
        )
    publications = [
        {
            "pub_id": short(w["work_id"]),
            "title": w["title"],
            "year": w["year"],
            "venue": w["venue"],
            "doi": w["doi"],
            "citations": w["citations"],
            "fields": "; ".join(work_fields.get(short(w["work_id"]), [])),
        }
        for w in works
        if short(w["work_id"]) not in held and w["title"].strip()
    ]
    tables = {
        Kind.ORGANIZATIONS: _table(Kind.ORGANIZATIONS, "institutions.csv", orgs),
        Kind.EXPERTS: _table(Kind.EXPERTS, "authors.csv", experts),
        Kind.PUBLICATIONS: _table(Kind.PUBLICATIONS, "works.csv", publications),
        Kind.PUBLICATION_AUTHORS: _table(
            Kind.PUBLICATION_AUTHORS, "authorships.csv.gz", author_rows.values()
        ),
    }
    return OpenAlexSample(tables, dict(held_out), titles)


def load_openalex(graph: Graph, directory: Path, hold_out: Iterable[str] = ()) -> ImportReport:
    """Validate and import the sample through the user-file path (ImportRejected if a row is bad)."""
    sample = read_sample(directory, hold_out)
    return import_tables(graph, sample.tables)
