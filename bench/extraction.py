"""Accuracy of field extraction on labelled Vietnamese and English titles, against baselines.

    python -m bench.extraction [--calibrate]

Scores, in the same run and on the same titles (`bench.extraction_sample`): the keyword-only
baseline (gazetteer), embedding only (at the calibrated threshold, and with no threshold), and the
combined pipeline. For each: coverage (share of titles given any field) and top-1/top-3 accuracy at
level 1 and level 2 (a title with no field counts as a miss; level 2 only over titles whose label
names level-2 codes). At level 3 (titles with a level-3 label, `bench.extraction_level3_labels`),
also the combined pipeline with its first level-2 field narrowed to a child (`ingest.extract.level3`),
by words alone, by words then meaning where the fallback embedded the title anyway (what the extractor
does), and with every title embedded: accuracy (the first level-3 code is accepted), precision
(accepted level-3 codes among all predicted) and recall (some predicted level-3 code is accepted), a
title with no level-3 code being a miss for accuracy and recall. Speed: medians of 5 runs, per title.
`--calibrate` instead picks the embedding threshold on the development set, disjoint from the sample.
"""

from __future__ import annotations

import argparse
import statistics
import tempfile
import time
from collections.abc import Callable, Sequence
from pathlib import Path

from bench.extraction_sample import Labelled, demo_development, english, vietnamese
from graph.settings import Settings
from ingest.demo import generate_demo
from ingest.extract.catalog import FieldCatalog
from ingest.extract.embedding import THRESHOLD, FieldEmbedder, Neighbour, embed_texts
from ingest.extract.gazetteer import Gazetteer, GazetteerResult
from ingest.extract.level3 import Level3Refiner
from ingest.extract.pipeline import combine, embedding_links, gazetteer_links, narrowed_links

REPEATS = 5


def _levels(catalog: FieldCatalog, codes: Sequence[str], level: int) -> list[str]:
    return list(dict.fromkeys(a for c in codes if (a := catalog.ancestor(c, level)) is not None))


def score(
    catalog: FieldCatalog, items: Sequence[Labelled], predicted: Sequence[list[str]]
) -> dict[str, float]:
    """Coverage and top-k hit rates; each over its denominator (all titles, or those with level 2)."""
    hits = {"top1 L1": 0, "top3 L1": 0, "top1 L2": 0, "top3 L2": 0}
    with_l2 = 0
    for item, codes in zip(items, predicted, strict=True):
        l1 = _levels(catalog, codes, 1)
        hits["top1 L1"] += bool(set(l1[:1]) & item.level1)
        hits["top3 L1"] += bool(set(l1[:3]) & item.level1)
        if item.level2:
            with_l2 += 1
            l2 = _levels(catalog, codes, 2)
            hits["top1 L2"] += bool(set(l2[:1]) & item.level2)
            hits["top3 L2"] += bool(set(l2[:3]) & item.level2)
    n = len(items)
    result = {"coverage": sum(1 for c in predicted if c) / n}
    for key, value in hits.items():
        result[key] = value / (with_l2 if "L2" in key else n) if (with_l2 if "L2" in key else n) else 0.0
    return result


def score_level3(
    catalog: FieldCatalog, items: Sequence[Labelled], predicted: Sequence[list[str]]
) -> dict[str, float]:
    """Accuracy, precision and recall at level 3 over the titles with a level-3 label."""
    labelled = [(i, p) for i, p in zip(items, predicted, strict=True) if i.level3]
    top1 = recall = right = made = 0
    for item, codes in labelled:
        level3 = [c for c in codes if catalog.entries[c].level == 3]
        top1 += bool(level3[:1]) and level3[0] in item.level3
        recall += bool(set(level3) & item.level3)
        right += sum(1 for c in level3 if c in item.level3)
        made += len(level3)
    n = len(labelled) or 1
    return {
        "L3 n": len(labelled),
        "acc L3": top1 / n,
        "prec L3": right / made if made else 0.0,
        "rec L3": recall / n,
    }


def _median_ms_per_title(run: Callable[[], object], titles: int) -> float:
    samples = []
    for _ in range(REPEATS):
        started = time.perf_counter()
        run()
        samples.append((time.perf_counter() - started) * 1000 / titles)
    return statistics.median(samples)


def _neighbours(embedder: FieldEmbedder, texts: Sequence[str]) -> list[list[Neighbour]]:
    return embedder.neighbours(embed_texts(texts), k=5) if texts else []


def evaluate(shared: Path) -> None:
    catalog = FieldCatalog.from_shared_data(shared)
    items = vietnamese(shared) + english(shared)[0]
    texts = [i.text for i in items]
    started = time.perf_counter()
    gazetteer = Gazetteer(catalog)
    build_s = time.perf_counter() - started
    embedder = FieldEmbedder(catalog)
    matched: list[GazetteerResult] = [gazetteer.match(t) for t in texts]
    near = _neighbours(embedder, texts)
    vectors = embed_texts(texts)
    refiner = Level3Refiner(catalog)
    combined = [combine(m, n, THRESHOLD) for m, n in zip(matched, near, strict=True)]
    methods: dict[str, list[list[str]]] = {
        "keyword-only (gazetteer) baseline": [[f.code for f in gazetteer_links(m)] for m in matched],
        f"embedding only (cosine >= {THRESHOLD})": [
            [f.code for f in embedding_links(n, THRESHOLD)] for n in near
        ],
        "embedding only (no threshold, top 3)": [[x.code for x in n[:3]] for n in near],
        "combined (gazetteer, else embedding)": [[f.code for f in links] for links in combined],
        "combined + level 3 by words": [
            [f.code for f in narrowed_links(links, t, None, refiner)]
            for links, t in zip(combined, texts, strict=True)
        ],
        "combined + level 3 by words, then meaning where embedded (the extractor)": [
            [f.code for f in narrowed_links(links, t, None if gazetteer_links(m) else v, refiner)]
            for links, t, v, m in zip(combined, texts, vectors, matched, strict=True)
        ],
        "combined + level 3 by words, then meaning (every title embedded)": [
            [f.code for f in narrowed_links(links, t, v, refiner)]
            for links, t, v in zip(combined, texts, vectors, strict=True)
        ],
    }
    print(f"{len(catalog)} fields, {gazetteer.phrase_count} phrases (gazetteer built in {build_s:.2f} s)")
    slices = {
        "all": list(range(len(items))),
        "vi": [i for i, x in enumerate(items) if x.language == "vi"],
        "en": [i for i, x in enumerate(items) if x.language == "en"],
    }
    for name, idx in slices.items():
        subset = [items[i] for i in idx]
        n_l2 = sum(1 for x in subset if x.level2)
        print(f"\n### {name}: {len(subset)} titles ({n_l2} with a level-2 label)\n")
        print("| method | coverage | top-1 L1 | top-3 L1 | top-1 L2 | top-3 L2 |")
        print("|---|---:|---:|---:|---:|---:|")
        for method, predicted in methods.items():
            s = score(catalog, subset, [predicted[i] for i in idx])
            cells = " | ".join(
                f"{100 * s[k]:.1f} %" for k in ("coverage", "top1 L1", "top3 L1", "top1 L2", "top3 L2")
            )
            print(f"| {method} | {cells} |")
        n_l3 = sum(1 for x in subset if x.level3)
        print(f"\nlevel 3, {n_l3} titles with a level-3 label\n")
        print("| method | accuracy L3 | precision L3 | recall L3 |")
        print("|---|---:|---:|---:|")
        for method, predicted in methods.items():
            s3 = score_level3(catalog, subset, [predicted[i] for i in idx])
            cells = " | ".join(f"{100 * s3[k]:.1f} %" for k in ("acc L3", "prec L3", "rec L3"))
            print(f"| {method} | {cells} |")
    timing = texts[:40]
    gazetteer_ms = _median_ms_per_title(lambda: [gazetteer.match(t) for t in texts], len(texts))
    embed_ms = _median_ms_per_title(lambda: _neighbours(embedder, timing), len(timing))
    print(
        f"\nSpeed, median of {REPEATS} runs: gazetteer {gazetteer_ms:.3f} ms/title ({len(texts)} titles), "
        f"embedding {embed_ms:.1f} ms/title ({len(timing)} titles); ratio {embed_ms / gazetteer_ms:.0f}x"
    )


def calibrate(shared: Path) -> None:
    """The threshold that maximizes (right - wrong) level-1 guesses on development titles with no
    gazetteer hit, i.e. accept a guess where it is more often right than wrong."""
    catalog = FieldCatalog.from_shared_data(shared)
    gazetteer = Gazetteer(catalog)
    embedder = FieldEmbedder(catalog)
    with tempfile.TemporaryDirectory() as tmp:
        generate_demo(Path(tmp), shared, seed=Settings().demo_seed)
        development = demo_development(Path(tmp))
    development += english(shared)[1][::10]
    unmatched = [d for d in development if not gazetteer.match(d.text).fields]
    near = _neighbours(embedder, [d.text for d in unmatched])
    pairs = [
        (n[0].cosine, catalog.ancestor(n[0].code, 1) in d.level1)
        for d, n in zip(unmatched, near, strict=True)
    ]
    print(f"{len(development)} development titles, {len(unmatched)} with no gazetteer field")
    best = max(
        (sum(1 if right else -1 for cos, right in pairs if cos >= t / 1000), t / 1000)
        for t in range(700, 951, 5)
    )
    for t in (0.75, 0.78, 0.80, 0.82, 0.84, 0.86, best[1]):
        accepted = [right for cos, right in pairs if cos >= t]
        precision = sum(accepted) / len(accepted) if accepted else 0.0
        print(
            f"threshold {t:.3f}: accepts {len(accepted)}/{len(pairs)}, "
            f"level-1 precision {100 * precision:.1f} %"
        )
    print(f"best threshold: {best[1]:.3f} (right - wrong = {best[0]})")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--calibrate", action="store_true")
    args = parser.parse_args()
    shared = Settings().shared_data
    (calibrate if args.calibrate else evaluate)(shared)


if __name__ == "__main__":
    main()
