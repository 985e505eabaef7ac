"""The combined extractor: keyword evidence first, the embedding model only where none is found.

A text gets up to `MAX_FIELDS` field links. When the gazetteer finds field names or keywords, their
fields are the answer (source 'gazetteer', confidence = the branch's share of the matched words).
Otherwise the nearest level-2 fields by embedding are taken when their cosine clears the calibrated
threshold and lies within `EMBEDDING_MARGIN` of the best (source 'embedding', confidence = cosine).
The first link, when at level 2, is then replaced by its level-3 child when the text picks one
(`ingest.extract.level3`; same source and confidence). Topics are the curated keywords found
(source 'gazetteer', confidence 1.0: the word is in the text) and the corpus phrases the text
contains (source 'corpus', confidence = the phrase's cohesion).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Literal

from graph.text import fold
from ingest.extract.catalog import FieldCatalog
from ingest.extract.embedding import FieldEmbedder, Neighbour, embed_texts
from ingest.extract.gazetteer import Gazetteer, GazetteerResult
from ingest.extract.language import Language
from ingest.extract.level3 import Level3Refiner, Vector
from ingest.extract.topics import CorpusPhrases

Source = Literal["gazetteer", "embedding", "corpus"]
# The sources extraction owns: it replaces these links and never touches 'manual' or 'import'.
EXTRACTED_SOURCES: tuple[Source, ...] = ("gazetteer", "embedding", "corpus")
MAX_FIELDS = 3
# Embedding guesses this close to the best one are kept too: the model cannot tell them apart.
EMBEDDING_MARGIN = 0.01
MAX_TOPICS = 6


@dataclass(frozen=True)
class FieldLink:
    code: str
    source: Source
    confidence: float


@dataclass(frozen=True)
class TopicLink:
    key: str  # folded, the Topic node's key
    name: str
    source: Source
    confidence: float


@dataclass(frozen=True)
class Extraction:
    language: Language
    fields: list[FieldLink]
    topics: list[TopicLink]


def gazetteer_links(found: GazetteerResult) -> list[FieldLink]:
    return [FieldLink(h.code, "gazetteer", h.confidence) for h in found.fields[:MAX_FIELDS]]


def embedding_links(neighbours: Sequence[Neighbour], threshold: float) -> list[FieldLink]:
    kept = [n for n in neighbours if n.cosine >= threshold]
    if not kept:
        return []
    best = kept[0].cosine
    return [
        FieldLink(n.code, "embedding", n.cosine)
        for n in kept[:MAX_FIELDS]
        if n.cosine >= best - EMBEDDING_MARGIN
    ]


def narrowed_links(
    links: Sequence[FieldLink], text: str, vector: Vector | None, refiner: Level3Refiner
) -> list[FieldLink]:
    """The first (most confident) link replaced by the child the text is about, when one leads,
    with the same source and confidence. Only the first: a child can be no better than its branch,
    and the weaker branches are wrong more often. It replaces its parent rather than joining it, so
    one guess is not counted twice (the field tree reaches the parent's experts through the child's
    ancestry only at the child's own weight)."""
    out: list[FieldLink] = []
    for i, link in enumerate(links):
        child = refiner.narrow(text, vector, link.code) if i == 0 else None
        out.append(FieldLink(child.code, link.source, link.confidence) if child is not None else link)
    return list({link.code: link for link in out}.values())


def combine(
    found: GazetteerResult, neighbours: Sequence[Neighbour] | None, threshold: float
) -> list[FieldLink]:
    """Gazetteer fields when there are any, else the embedding's (when it was asked)."""
    return gazetteer_links(found) or (embedding_links(neighbours, threshold) if neighbours else [])


class Extractor:
    """Built once and reused: the gazetteer's matchers and the field vectors are made one time."""

    def __init__(self, catalog: FieldCatalog, *, use_embedding: bool = True, level3: bool = True) -> None:
        """`level3`: name the child of the first level-2 field that the text is about
        (`ingest.extract.level3`): by its words, and by meaning only for texts the fallback embedded
        anyway, so it costs no extra model call."""
        self.catalog = catalog
        self.gazetteer = Gazetteer(catalog)
        self.embedder = FieldEmbedder(catalog) if use_embedding else None
        self.refiner = Level3Refiner(catalog) if level3 else None

    def extract(
        self,
        texts: Sequence[str],
        *,
        fields_for: Sequence[bool] | None = None,
        corpus: CorpusPhrases | None = None,
    ) -> list[Extraction]:
        """Fields and topics per text; `fields_for[i]` False skips fields (and the model) for text i."""
        wanted = list(fields_for) if fields_for is not None else [True] * len(texts)
        matched = [self.gazetteer.match(t) for t in texts]
        fields = [gazetteer_links(m) if w else [] for m, w in zip(matched, wanted, strict=True)]
        fallback = [i for i, links in enumerate(fields) if wanted[i] and not links and texts[i].strip()]
        vectors: dict[int, Vector] = {}
        if fallback and self.embedder is not None:
            matrix = embed_texts([texts[i] for i in fallback])
            vectors = dict(zip(fallback, matrix, strict=True))
            for i, near in zip(fallback, self.embedder.neighbours(matrix), strict=True):
                fields[i] = embedding_links(near, self.embedder.threshold)
        if self.refiner is not None:
            for i, links in enumerate(fields):
                if links:
                    fields[i] = narrowed_links(links, texts[i], vectors.get(i), self.refiner)
        return [
            Extraction(m.language, f, self._topics(t, m, corpus))
            for t, m, f in zip(texts, matched, fields, strict=True)
        ]

    @staticmethod
    def _topics(text: str, found: GazetteerResult, corpus: CorpusPhrases | None) -> list[TopicLink]:
        links = {fold(k): TopicLink(fold(k), k, "gazetteer", 1.0) for k in found.keywords}
        for topic in corpus.topics_in(text) if corpus is not None else []:
            links.setdefault(topic.key, TopicLink(topic.key, topic.name, "corpus", topic.confidence))
        return list(links.values())[:MAX_TOPICS]
