"""Entity resolution: precision, recall and F1 of sure merges, and the share sent to review, on the
labelled sets of `bench.resolution_sets`, against a baseline in the same run.

Baseline: merge when a stored person has exactly the incoming name after folding and title removal
(the first such person, in id order), else a new person. That is what a loader keyed on names does.

Counting, per incoming record: a sure merge into its true person is a true positive, a sure merge
into anyone else a false positive. Recall (sure) = true positives / records that have a true person;
recall (sure + review) also counts records whose review item proposes the true person, since a
reviewer then merges them. Precision counts sure merges only: the review queue never merges alone.

    .venv/bin/python -m bench.resolution [--repeats 5]
"""

from __future__ import annotations

import argparse
import statistics
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from bench.resolution_orcid import KnownIdentitySet, Split, orcid_set
from bench.resolution_sets import LabelledSet, demo_set, openalex_set
from graph.settings import ResolutionSettings, get_settings
from ingest.people_index import PeopleIndex
from ingest.resolve_people import Decision, PersonRecord, resolve_person


@dataclass(frozen=True)
class Outcome:
    action: str  # merge, review or new
    candidate: str | None


@dataclass(frozen=True)
class Metrics:
    merges: int
    correct_merges: int
    reviews: int
    review_correct: int
    positives: int
    hard_negatives_merged: int
    # Wrong merges (by the labels) whose two sides both have an ORCID iD, and different ones.
    orcid_proven_wrong: int = 0

    @property
    def precision(self) -> float:
        return self.correct_merges / self.merges if self.merges else 1.0

    @property
    def precision_orcid_audit(self) -> float:
        """Precision when only the wrong merges that ORCID iDs prove wrong count as errors."""
        return 1 - self.orcid_proven_wrong / self.merges if self.merges else 1.0

    @property
    def recall(self) -> float:
        return self.correct_merges / self.positives if self.positives else 1.0

    @property
    def recall_with_review(self) -> float:
        return (self.correct_merges + self.review_correct) / self.positives if self.positives else 1.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0


def resolver(settings: ResolutionSettings) -> Callable[[LabelledSet], list[Outcome]]:
    def run(data: LabelledSet) -> list[Outcome]:
        index = PeopleIndex(data.stored)
        index.expect(data.incoming)
        decisions: list[Decision] = [resolve_person(r, index, settings) for r in data.incoming]
        return [Outcome(d.action, d.candidate_id) for d in decisions]

    return run


def baseline(data: LabelledSet) -> list[Outcome]:
    by_name: dict[tuple[str, ...], str] = {}
    for record in sorted(data.stored, key=lambda r: r.id or ""):
        by_name.setdefault(record.tokens, record.id or "")
    found = [by_name.get(r.tokens) for r in data.incoming]
    return [Outcome("merge", f) if f else Outcome("new", None) for f in found]


def measure(data: LabelledSet, outcomes: list[Outcome]) -> Metrics:
    merges = correct = reviews = review_correct = negatives_merged = proven_wrong = 0
    incoming_orcids = data.incoming_orcids or [None] * len(data.truth)
    stored_orcids = data.stored_orcids or {}
    for outcome, truth, orcid in zip(outcomes, data.truth, incoming_orcids, strict=True):
        if outcome.action == "merge":
            merges += 1
            correct += outcome.candidate == truth
            negatives_merged += truth is None
            other = stored_orcids.get(outcome.candidate or "")
            proven_wrong += outcome.candidate != truth and bool(orcid and other and orcid != other)
        elif outcome.action == "review":
            reviews += 1
            review_correct += truth is not None and outcome.candidate == truth
    positives = sum(t is not None for t in data.truth)
    return Metrics(merges, correct, reviews, review_correct, positives, negatives_merged, proven_wrong)


@dataclass(frozen=True)
class KnownMetrics:
    """Counts over the pairs whose identity is known (`bench.resolution_orcid`)."""

    right: int  # sure merges into a profile known to be the same person
    wrong: int  # sure merges into a profile known to be someone else
    unknown: int  # sure merges whose pair has no known identity: left out of precision
    positives: int  # records with a stored profile known to be the same person
    review_right: int
    reviews: int
    records: int
    by_author_id: Metrics  # the same outcomes scored with the old author-id labels

    @property
    def precision(self) -> float:
        return self.right / (self.right + self.wrong) if self.right + self.wrong else 1.0

    @property
    def recall(self) -> float:
        return self.right / self.positives if self.positives else 1.0

    @property
    def recall_with_review(self) -> float:
        return (self.right + self.review_right) / self.positives if self.positives else 1.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0


def measure_known(known: KnownIdentitySet, outcomes: list[Outcome], split: Split | None) -> KnownMetrics:
    """Scores one split (or all records with `split` None) on the known-identity labels."""
    picked = [i for i, s in enumerate(known.splits) if split is None or s == split]
    right = wrong = unknown = review_right = reviews = 0
    for i in picked:
        outcome = outcomes[i]
        relation = known.relation(i, outcome.candidate or "")
        if outcome.action == "merge":
            right += relation == "same"
            wrong += relation == "different"
            unknown += relation == "unknown"
        elif outcome.action == "review":
            reviews += 1
            review_right += relation == "same"
    positives = sum(known.has_known_match(i) for i in picked)
    data = known.data
    subset = LabelledSet(
        data.name,
        data.stored,
        [data.incoming[i] for i in picked],
        [data.truth[i] for i in picked],
    )
    old = measure(subset, [outcomes[i] for i in picked])
    return KnownMetrics(right, wrong, unknown, positives, review_right, reviews, len(picked), old)


def known_report(known: KnownIdentitySet, repeats: int, settings: ResolutionSettings) -> list[str]:
    data = known.data
    lines = [
        f"### {data.name}: {len(data.incoming)} incoming records "
        f"({sum(known.has_known_match(i) for i in range(len(data.incoming)))} with a stored profile "
        f"known to be the same person), {len(data.stored)} stored profiles",
        "",
        "| method | split | precision (known pairs) | recall (sure) | F1 (sure) | recall (sure + review) "
        "| sent to review | sure merges: known right / known wrong / unknown | precision by author id "
        "| median time (all records) |",
        "|---|---|---|---|---|---|---|---|---|---|",
    ]
    for name, method in (("baseline: exact folded name", baseline), ("resolver", resolver(settings))):
        times = []
        outcomes: list[Outcome] = []
        for _ in range(repeats):
            started = time.perf_counter()
            outcomes = method(data)
            times.append((time.perf_counter() - started) * 1000)
        ms = statistics.median(times)
        for split in ("dev", "test", None):
            m = measure_known(known, outcomes, split)
            lines.append(
                f"| {name} | {split or 'all'} ({m.records}) | {m.precision:.3f} | {m.recall:.3f} | "
                f"{m.f1:.3f} | {m.recall_with_review:.3f} | {m.reviews / m.records:.1%} | "
                f"{m.right} / {m.wrong} / {m.unknown} | {m.by_author_id.precision:.3f} | {ms:.0f} ms |"
            )
    lines.append("")
    return lines


def _row(name: str, data: LabelledSet, m: Metrics, ms: float) -> str:
    share = m.reviews / len(data.incoming)
    return (
        f"| {name} | {m.precision:.3f} | {m.recall:.3f} | {m.f1:.3f} | {m.recall_with_review:.3f} | "
        f"{share:.1%} | {m.merges} | {m.hard_negatives_merged} | {ms:.0f} ms |"
    )


def report(data: LabelledSet, repeats: int, settings: ResolutionSettings) -> list[str]:
    lines = [
        f"### {data.name}: {len(data.incoming)} incoming records "
        f"({sum(t is not None for t in data.truth)} with a true person, "
        f"{sum(t is None for t in data.truth)} new people), {len(data.stored)} stored people",
        "",
        "| method | precision | recall (sure) | F1 (sure) | recall (sure + review) | sent to review | "
        "sure merges | new people merged | median time |",
        "|---|---|---|---|---|---|---|---|---|",
    ]
    results: dict[str, tuple[Metrics, float]] = {}
    for name, method in (("baseline: exact folded name", baseline), ("resolver", resolver(settings))):
        times = []
        outcomes: list[Outcome] = []
        for _ in range(repeats):
            started = time.perf_counter()
            outcomes = method(data)
            times.append((time.perf_counter() - started) * 1000)
        results[name] = (measure(data, outcomes), statistics.median(times))
        lines.append(_row(name, data, *results[name]))
    base_ms, ours_ms = results["baseline: exact folded name"][1], results["resolver"][1]
    lines += ["", f"Resolver time / baseline time: {ours_ms / base_ms:.1f}x (medians of {repeats} runs)"]
    if data.incoming_orcids:
        for name, (m, _) in results.items():
            lines.append(
                f"{name}: {m.merges - m.correct_merges} merges the labels call wrong, "
                f"{m.orcid_proven_wrong} of them between two different ORCID iDs; precision counting "
                f"only those as errors: {m.precision_orcid_audit:.3f}"
            )
    lines.append("")
    return lines


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeats", type=int, default=5)
    args = parser.parse_args()
    settings = get_settings()
    resolution = ResolutionSettings()
    with tempfile.TemporaryDirectory() as tmp:
        sets = [
            demo_set(Path(tmp), settings.shared_data, settings.demo_seed),
            openalex_set(settings.shared_data / "openalex_idb03"),
        ]
        for data in sets:
            print("\n".join(report(data, args.repeats, resolution)))
    for spelling in ("as given", "initials"):
        known = orcid_set(settings.shared_data / "openalex_idb03", spelling)
        print("\n".join(known_report(known, args.repeats, resolution)))


def errors(
    data: LabelledSet, settings: ResolutionSettings
) -> list[tuple[PersonRecord, Decision, str | None]]:
    """The records the resolver got wrong or sent to review, for reading by hand."""
    index = PeopleIndex(data.stored)
    index.expect(data.incoming)
    found = []
    for record, truth in zip(data.incoming, data.truth, strict=True):
        decision = resolve_person(record, index, settings)
        if (
            decision.action == "review"
            or (decision.action == "merge") != (truth is not None)
            or (decision.action == "merge" and decision.candidate_id != truth)
        ):
            found.append((record, decision, truth))
    return found


if __name__ == "__main__":
    main()
