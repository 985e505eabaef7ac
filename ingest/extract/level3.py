"""Narrow a level-2 guess to the level-3 field the text is about, inside that branch.

The gazetteer and the embedding fallback mostly name a level-2 branch ("405 Thủy sản"): level-3
fields inherit their parent's keywords, so keywords cannot tell siblings apart. Inside one branch the
choice is small (2-16 siblings), and two signals can:
- words: the syllables of a child's name that few of its siblings share ("bệnh" in "Bệnh học thủy
  sản", "giống" in "Di truyền học và nhân giống thủy sản"), weighted by how rare they are among the
  siblings, found in the text (with diacritics when the text has them, else folded);
- meaning, when no word decides: the cosine of the text's embedding to each child's name.
A child is named only when it leads: a word score `WORD_LEAD` above the next sibling's, else (no
word, or a close call) a cosine lead of `MARGIN` over the next contender. "Other ..." children (x99,
"... khác") are never chosen: their names say nothing.
Child names are embedded once per `Level3Refiner` (one catalog), on first use.
"""

from __future__ import annotations

import math
import re
from collections import Counter, defaultdict
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

from graph import embeddings
from graph.text import fold, has_diacritics, normalize
from ingest.extract.catalog import FieldCatalog, FieldEntry

# Chosen on development titles disjoint from the evaluation sample (demo titles and OpenAlex works
# outside it; bench/README.md): a child named by a word lead below `WORD_LEAD` (in summed rarity,
# ln((siblings + 1) / siblings sharing the syllable)) was right half as often, and meaning helps only
# with a cosine lead of `MARGIN` over the next sibling.
WORD_LEAD = 1.0
MARGIN = 0.02
# Syllables of field names that never tell one field from another.
_FILLER = frozenset(
    ["và", "các", "khác", "nói", "chung", "trong", "của", "cho", "về", "bao", "gồm", "cả", "những", "một"]
)
_WORD = re.compile(r"\w+")

Vector = npt.NDArray[np.float32]


@dataclass(frozen=True)
class Narrowed:
    code: str  # the level-3 child, or the level-2 code itself when no child leads
    by: str  # "words", "meaning" or "" (not narrowed)


def _specific(entry: FieldEntry) -> bool:
    return not entry.code.endswith("99") and not entry.name_vi.lower().endswith(" khác")


def _syllables(text: str, folded: bool) -> list[str]:
    return _WORD.findall(fold(text) if folded else normalize(text).lower())


class Level3Refiner:
    def __init__(self, catalog: FieldCatalog, margin: float = MARGIN) -> None:
        self.catalog = catalog
        self.margin = margin
        children: dict[str, list[str]] = defaultdict(list)
        for entry in catalog.at_level(3):
            if entry.parent and entry.parent in catalog and _specific(entry):
                children[entry.parent].append(entry.code)
        self.children = {p: sorted(c) for p, c in children.items()}
        # branch -> (folded?) -> child -> {syllable: weight}
        self._words: dict[str, dict[bool, dict[str, dict[str, float]]]] = {
            b: {f: self._distinctive(codes, f) for f in (True, False)} for b, codes in self.children.items()
        }
        self._vectors: dict[str, Vector] = {}

    def _distinctive(self, codes: list[str], folded: bool) -> dict[str, dict[str, float]]:
        sets = {
            c: {
                fold(w) if folded else w
                for w in _syllables(self.catalog.entries[c].name_vi, False)
                if w not in _FILLER
            }
            for c in codes
        }
        df = Counter(w for s in sets.values() for w in s)
        n = len(codes)
        return {c: {w: math.log((n + 1) / df[w]) for w in s if df[w] < n} for c, s in sets.items()}

    def _child_vectors(self, branch: str) -> Vector:
        if not self._vectors:  # all branches in one pass, once
            order = [(p, c) for p, cs in self.children.items() for c in cs]
            matrix = np.asarray(
                [embeddings.embed_query(self.catalog.entries[c].name_vi) for _, c in order], dtype=np.float32
            )
            rows: dict[str, list[int]] = defaultdict(list)
            for i, (p, _) in enumerate(order):
                rows[p].append(i)
            self._vectors = {p: matrix[idx] for p, idx in rows.items()}
        return self._vectors[branch]

    def word_scores(self, text: str, branch: str) -> dict[str, float]:
        folded = not has_diacritics(text)
        present = set(_syllables(text, folded))
        table = self._words.get(branch, {}).get(folded, {})
        return {c: round(sum(v for w, v in ws.items() if w in present), 4) for c, ws in table.items()}

    def narrow(self, text: str, vector: Vector | None, code: str) -> Narrowed:
        """The child of a level-2 `code` the text is about, when one leads; else `code`."""
        if code not in self.children or self.catalog.entries[code].level != 2:
            return Narrowed(code, "")
        words = self.word_scores(text, code)
        ranked_words = sorted(words.values(), reverse=True)
        best = ranked_words[0] if ranked_words else 0.0
        runner_up = ranked_words[1] if len(ranked_words) > 1 else 0.0
        if best > 0 and best - runner_up >= WORD_LEAD:
            return Narrowed(max(words, key=lambda c: words[c]), "words")
        if vector is None:
            return Narrowed(code, "")
        # The close call is between the children within WORD_LEAD of the best (all when no word).
        candidates = [c for c in self.children[code] if words.get(c, 0.0) > best - WORD_LEAD]
        cosines = self._child_vectors(code) @ vector
        by_code = dict(zip(self.children[code], (float(x) for x in cosines), strict=True))
        ranked = sorted(candidates, key=lambda c: -by_code[c])
        lead = by_code[ranked[0]] - (by_code[ranked[1]] if len(ranked) > 1 else -1.0)
        return Narrowed(ranked[0], "meaning") if lead >= self.margin else Narrowed(code, "")
