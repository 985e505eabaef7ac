"""The labelled titles the extraction benchmark scores against, and the development set.

Vietnamese: `vn_research/vn_research_projects.csv`. SGU rows carry SGU's own coarse `field_label`,
mapped per that folder's README (level 1, and level 2 where the label names one); HUS rows get their
label from the faculty. Textbook/reference-material labels (BSGT, BSTL) are kinds of output, not
fields, and are left out, as are HUS units that imply no field.
English: OpenAlex works (`openalex_idb03`), labelled by the OpenAlex field of their first-listed
(primary) topic, mapped below; at most `PER_FIELD` works per OpenAlex field, drawn with a fixed
seed, so geoscience (60 % of the works) does not swamp the rest.
Development set (for calibrating the embedding threshold, never scored): the synthetic demo titles
with their generated fields, and OpenAlex works outside the sample.
"""

from __future__ import annotations

import csv
import random
from dataclasses import dataclass
from pathlib import Path

from bench.extraction_level3_labels import OPENALEX_SUBFIELDS, VIETNAMESE_TITLES

# Gold codes: (acceptable level-1 codes, acceptable level-2 codes; empty = only level 1 is known).
Gold = tuple[frozenset[str], frozenset[str]]


def _gold(level1: str, level2: str = "") -> Gold:
    return frozenset(level1.split()), frozenset(level2.split())


SGU_LABELS: dict[str, Gold] = {
    "Khoa học Giáo dục": _gold("5", "503"),
    "Khoa học Tự nhiên": _gold("1"),
    "Khoa học Kỹ thuật": _gold("2"),
    "Khoa học Môi trường": _gold("1 2", "105 207"),
    "Khoa học Xã hội": _gold("5 6"),
    "Khoa học Kinh tế": _gold("5", "502"),
    "VH - DL, Chính trị, Luật, TV - TT": _gold("5 6", "502 505 506 508 604 699"),
}
HUS_FACULTIES: dict[str, Gold] = {
    "Khoa Vật lý": _gold("1", "103"),
    "Khoa Hóa học": _gold("1", "104"),
    "Khoa Sinh học": _gold("1", "106"),
    "Khoa Toán - Cơ - Tin học": _gold("1", "101 102"),
    "Khoa Địa chất": _gold("1", "105"),
    "Khoa Địa lý": _gold("1", "105"),
    "Khoa KT-TV-HDH": _gold("1", "105"),
    "Khoa Môi trường": _gold("1", "105"),
}
# OpenAlex field -> Vietnamese classification (QĐ 12/2008). Where OpenAlex is broader than one
# Vietnamese field, every fitting code is accepted; where no level-2 code fits, only level 1 counts.
OPENALEX_FIELDS: dict[str, Gold] = {
    "Earth and Planetary Sciences": _gold("1", "105"),
    "Environmental Science": _gold("1 2", "105 207"),
    "Engineering": _gold("2"),
    "Energy": _gold("2", "207 299"),  # VN puts petroleum and energy engineering under 207
    "Computer Science": _gold("1", "102"),
    "Chemistry": _gold("1", "104"),
    "Chemical Engineering": _gold("2", "204"),
    "Physics and Astronomy": _gold("1", "103"),
    "Mathematics": _gold("1", "101"),
    "Materials Science": _gold("2", "205 210"),
    "Agricultural and Biological Sciences": _gold("1 4", "106 401 402 404 405 499"),
    "Biochemistry, Genetics and Molecular Biology": _gold("1", "106"),
    "Immunology and Microbiology": _gold("1 3", "106 301"),
    "Neuroscience": _gold("1 3", "106 301"),
    "Medicine": _gold("3"),
    "Health Professions": _gold("3"),
    "Nursing": _gold("3", "302"),
    "Dentistry": _gold("3", "302"),
    "Pharmacology, Toxicology and Pharmaceutics": _gold("3", "301 304"),
    "Psychology": _gold("5", "501"),
    "Economics, Econometrics and Finance": _gold("5", "502"),
    "Business, Management and Accounting": _gold("5", "502"),
    "Decision Sciences": _gold("1 5", "101 502"),
    "Social Sciences": _gold("5"),
    "Arts and Humanities": _gold("6"),
}
PER_FIELD = 20
SEED = 4


@dataclass(frozen=True)
class Labelled:
    id: str
    text: str
    language: str  # "vi" or "en": the sample's language, not the extractor's guess
    level1: frozenset[str]
    level2: frozenset[str]  # empty: scored at level 1 only
    level3: frozenset[str] = frozenset()  # empty: not scored at level 3 (bench.extraction_level3_labels)


def vietnamese(shared: Path) -> list[Labelled]:
    found = []
    with (shared / "vn_research" / "vn_research_projects.csv").open(encoding="utf-8") as handle:
        for row in csv.DictReader(handle):
            if row["id"].startswith("hus"):
                gold = HUS_FACULTIES.get(row["institution"].split(", ")[-1])
            else:
                gold = SGU_LABELS.get(row["field_label"])
            if gold is not None:
                level3 = frozenset(VIETNAMESE_TITLES.get(row["id"], "").split())
                found.append(Labelled(row["id"], row["title_vi"], "vi", *gold, level3))
    return found


def _openalex_primary(shared: Path) -> dict[str, tuple[str, str, str]]:
    """work id -> (title, OpenAlex field, OpenAlex subfield) of its first-listed topic."""
    folder = shared / "openalex_idb03"
    with (folder / "topics.csv").open(encoding="utf-8") as handle:
        field_of = {r["topic_id"]: (r["field_name"], r["subfield_name"]) for r in csv.DictReader(handle)}
    primary: dict[str, tuple[str, str]] = {}
    with (folder / "work_topics.csv").open(encoding="utf-8") as handle:
        for r in csv.DictReader(handle):
            if r["work_id"] not in primary and r["topic_id"] in field_of:
                primary[r["work_id"]] = field_of[r["topic_id"]]
    with (folder / "works.csv").open(encoding="utf-8") as handle:
        titles = {r["work_id"]: r["title"] for r in csv.DictReader(handle) if r["title"].strip()}
    return {w: (titles[w], f, sub) for w, (f, sub) in primary.items() if w in titles and f in OPENALEX_FIELDS}


def english(shared: Path) -> tuple[list[Labelled], list[Labelled]]:
    """(sample, the remaining works for development), deterministic from `SEED`."""
    works = _openalex_primary(shared)
    by_field: dict[str, list[str]] = {}
    for work, (_, field, _sub) in sorted(works.items()):
        by_field.setdefault(field, []).append(work)
    rng = random.Random(SEED)
    sample: list[Labelled] = []
    rest: list[Labelled] = []
    for field, ids in sorted(by_field.items()):
        rng.shuffle(ids)
        for i, work in enumerate(ids):
            title, _, subfield = works[work]
            level3 = frozenset(OPENALEX_SUBFIELDS.get(subfield, "").split())
            item = Labelled(work.rsplit("/", 1)[-1], title, "en", *OPENALEX_FIELDS[field], level3)
            (sample if i < PER_FIELD else rest).append(item)
    return sample, rest


def demo_development(demo_dir: Path) -> list[Labelled]:
    """Demo titles with their generated fields (level 2 and level 1 taken from the codes)."""
    found = []
    for name, key in (("projects.csv", "project_code"), ("publications.csv", "pub_id")):
        with (demo_dir / name).open(encoding="utf-8") as handle:
            for row in csv.DictReader(handle):
                codes = [c.strip() for c in row["fields"].split(";") if c.strip()]
                level2 = frozenset(c[:3] for c in codes if len(c) >= 3)
                level1 = frozenset(c[:1] for c in codes)
                language = "vi" if any(ord(ch) > 127 for ch in row["title"]) else "en"
                found.append(Labelled(row[key], row["title"], language, level1, level2))
    return found
