"""Organizations across CORDIS (PIC) and OpenAlex (ROR): precision and recall of the cross-source
matcher (`ingest.org_crosswalk`) against a baseline in the same run, on hand-labelled pairs.

Every OpenAlex institution of `openalex_idb03/institutions.csv` (954) is matched against every
named CORDIS organization of `cordis_h2020/org_names.csv` (17,811), as an OpenAlex import after a
CORDIS load would. Baseline: the exact folded name (case, diacritics and punctuation ignored), the
first such PIC, any country.

Labels (`bench/org_crosswalk_labels.csv`, one pair a row, `same` yes/no):

* `sample-a`, `sample-b`: seeded random samples of the 562 institutions that share a word, an
  acronym or a short name with some CORDIS organization of their country; for each, every true PIC
  among those organizations (or none), judged by hand. The rules were written looking at sample A;
  sample B was drawn and labelled after they were frozen.
* `sure-audit`: every sure match the matcher makes on the full set, judged by hand;
  `baseline-audit`: the baseline's matches that no other row judges.

Precision counts sure matches only; recall (sure) = institutions whose sure match is a true PIC /
institutions with a true PIC; recall (sure + review) also counts a review item proposing a true PIC.

    .venv/bin/python -m bench.org_crosswalk [--repeats 5]
"""

from __future__ import annotations

import argparse
import csv
import os
import re
import statistics
import time
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from graph.settings import get_settings
from graph.text import fold
from ingest.adapters.cordis import COUNTRY_CODES, unmangle
from ingest.org_crosswalk import CrossIndex, CrossOrg

LABELS = Path(__file__).with_name("org_crosswalk_labels.csv")
SAMPLES = ("sample-a", "sample-b", "sample-c")
_NON_WORD = re.compile(r"[^a-z0-9]+")


@dataclass(frozen=True)
class Outcome:
    action: str  # merge, review or new
    pic: str | None


def read_sets(shared: Path) -> tuple[list[CrossOrg], list[CrossOrg]]:
    """(OpenAlex institutions, named CORDIS organizations) as the adapters write them."""
    with (shared / "openalex_idb03" / "institutions.csv").open(encoding="utf-8") as handle:
        openalex = [
            CrossOrg.of(r["institution_id"].rsplit("/", 1)[-1], r["name"], r["country_code"])
            for r in csv.DictReader(handle)
        ]
    with (shared / "cordis_h2020" / "org_names.csv").open(encoding="utf-8") as handle:
        cordis = [
            CrossOrg.of(
                r["pic"],
                unmangle(r["name"]),
                COUNTRY_CODES.get(r["country"], r["country"]),
                unmangle(r["short_name"]),
                unmangle(r["city"]),
            )
            for r in csv.DictReader(handle)
            if r["name"].strip()
        ]
    return openalex, cordis


def matcher(openalex: list[CrossOrg], cordis: list[CrossOrg]) -> dict[str, Outcome]:
    index = CrossIndex(cordis)
    found = {}
    for org in openalex:
        match = index.best(org)
        found[org.id] = Outcome(match.action, match.candidate.id) if match else Outcome("new", None)
    return found


def _folded(name: str) -> str:
    return " ".join(w for w in _NON_WORD.split(fold(name)) if w)


def baseline(openalex: list[CrossOrg], cordis: list[CrossOrg]) -> dict[str, Outcome]:
    by_name: dict[str, str] = {}
    for org in sorted(cordis, key=lambda o: o.id):
        by_name.setdefault(_folded(org.name), org.id)
    found = {}
    for org in openalex:
        pic = by_name.get(_folded(org.name))
        found[org.id] = Outcome("merge", pic) if pic else Outcome("new", None)
    return found


@dataclass(frozen=True)
class Scores:
    institutions: int
    positives: int
    sure: int
    right: int
    review_right: int
    reviews: int

    @property
    def precision(self) -> float:
        return self.right / self.sure if self.sure else 1.0

    @property
    def recall(self) -> float:
        return self.right / self.positives if self.positives else 1.0

    @property
    def recall_with_review(self) -> float:
        return (self.right + self.review_right) / self.positives if self.positives else 1.0


def read_labels() -> dict[str, dict[str, dict[str, bool]]]:
    """{set: {openalex id: {pic: same}}}; a sample institution with no true PIC has an empty dict."""
    labels: dict[str, dict[str, dict[str, bool]]] = defaultdict(dict)
    with LABELS.open(encoding="utf-8") as handle:
        for r in csv.DictReader(handle):
            pairs = labels[r["set"]].setdefault(r["openalex_id"], {})
            if r["pic"]:
                pairs[r["pic"]] = r["same"] == "yes"
    return labels


def score_sample(outcomes: dict[str, Outcome], sample: dict[str, dict[str, bool]]) -> Scores:
    positives = sure = right = review_right = reviews = 0
    for institution, pairs in sample.items():
        true = {pic for pic, same in pairs.items() if same}
        positives += bool(true)
        outcome = outcomes[institution]
        if outcome.action == "merge":
            sure += 1
            right += outcome.pic in true
        elif outcome.action == "review":
            reviews += 1
            review_right += outcome.pic in true
    return Scores(len(sample), positives, sure, right, review_right, reviews)


def audit(outcomes: dict[str, Outcome], labelled: dict[str, dict[str, bool]]) -> tuple[int, int, int]:
    """(sure matches judged right, judged wrong, not judged) over the whole set."""
    right = wrong = unknown = 0
    for institution, outcome in outcomes.items():
        if outcome.action != "merge":
            continue
        same = labelled.get(institution, {}).get(outcome.pic or "")
        right += same is True
        wrong += same is False
        unknown += same is None
    return right, wrong, unknown


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeats", type=int, default=5)
    args = parser.parse_args()
    openalex, cordis = read_sets(get_settings().shared_data)
    labels = read_labels()
    print(f"load average at start: {os.getloadavg()}")
    print(f"{len(openalex)} OpenAlex institutions against {len(cordis)} named CORDIS organizations\n")
    print(
        "| method | set | institutions (with a true PIC) | precision | recall (sure) "
        "| recall (sure + review) | sure / review | median time (all 954) |"
    )
    print("|---|---|---|---|---|---|---|---|")
    methods: tuple[tuple[str, Callable[[list[CrossOrg], list[CrossOrg]], dict[str, Outcome]]], ...] = (
        ("baseline: exact folded name", baseline),
        ("cross-source matcher", matcher),
    )
    audits = []
    for name, method in methods:
        times, outcomes = [], {}
        for _ in range(args.repeats):
            started = time.perf_counter()
            outcomes = method(openalex, cordis)
            times.append((time.perf_counter() - started) * 1000)
        ms = statistics.median(times)
        for set_name in SAMPLES:
            s = score_sample(outcomes, labels[set_name])
            print(
                f"| {name} | {set_name} | {s.institutions} ({s.positives}) | {s.precision:.3f} | "
                f"{s.recall:.3f} | {s.recall_with_review:.3f} | {s.sure} / {s.reviews} | {ms:.0f} ms |"
            )
        everything: dict[str, dict[str, bool]] = {}
        for labelled in labels.values():
            for institution, pairs in labelled.items():
                everything[institution] = {**everything.get(institution, {}), **pairs}
        audits.append(
            (name, audit(outcomes, everything), sum(o.action == "review" for o in outcomes.values()))
        )
    print()
    for name, (right, wrong, unknown), reviews in audits:
        print(
            f"{name}: sure matches over all 954 institutions: {right} judged right, {wrong} judged wrong, "
            f"{unknown} not judged; review items: {reviews}"
        )
    print(f"load average at end: {os.getloadavg()}")


if __name__ == "__main__":
    main()
