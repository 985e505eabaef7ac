"""Embed what an import added or changed: projects, publications and expert profiles.

Each node stores its vector and the hash of the exact text embedded, so a node is embedded again only
when its text changes (a new title, a new project on the profile), and a second import embeds
nothing. Projects and publications go first: they are what expert profiles summarize.
"""

from __future__ import annotations

import hashlib
from pathlib import Path
from typing import Any

from graph.connection import Graph
from graph.embedding_store import SETTERS, TEXTS
from graph.embeddings import MODEL_NAME, embed_passages
from graph.schema import Label
from graph.settings import get_settings
from ingest.embed_cache import EmbeddingCache

PROFILE_TITLES = 3  # latest project and publication titles in a profile text
# Embedding time grows with length; the head of a profile (fields, topics, latest work) says most.
PROFILE_CHARS = 600


def _join(parts: list[Any]) -> str:
    return ". ".join(str(p).strip() for p in parts if p not in (None, "") and str(p).strip())


def _latest_titles(dated: list[list[Any]]) -> list[str]:
    return [title for _, title in sorted(dated, key=lambda d: (-(d[0] or 0), str(d[1])))[:PROFILE_TITLES]]


def profile_text(row: dict[str, Any]) -> str:
    """An expert's profile in words, name left out: what they are, where, in which fields, on what."""
    pieces = [
        _join(row["head"]),
        _join(row["orgs"]),
        _join(row["sectors"]),
        _join(sorted(row["fields"])),
        _join(sorted(row["topics"])),
        _join(_latest_titles(row["projects"])),
        _join(_latest_titles(row["publications"])),
    ]
    return ". ".join(p for p in pieces if p)[:PROFILE_CHARS]


def text_of(label: Label, row: dict[str, Any]) -> str:
    return profile_text(row) if label is Label.EXPERT else _join(row["parts"])


def text_hash(text: str) -> str:
    return hashlib.blake2b(f"{MODEL_NAME}\n{text}".encode(), digest_size=12).hexdigest()


def embed_missing(graph: Graph, batch: int = 256, cache_path: Path | None = None) -> int:
    """Embed every project, publication and expert whose vector is missing or stale; return how many.

    Vectors of texts embedded before (in any database) come from the on-disk cache."""
    cache = EmbeddingCache(cache_path or get_settings().local_cache.parent / "embeddings.sqlite")
    try:
        return _embed_missing(graph, batch, cache)
    finally:
        cache.close()


def _embed_missing(graph: Graph, batch: int, cache: EmbeddingCache) -> int:
    done = 0
    for label in (Label.PROJECT, Label.PUBLICATION, Label.EXPERT):
        todo: list[tuple[str, str, str]] = []
        for row in graph.read(TEXTS[label]):
            text = text_of(label, row)
            digest = text_hash(text)
            if text and digest != row["hash"]:
                todo.append((row["key"], text, digest))
        todo.sort()
        for start in range(0, len(todo), batch):
            chunk = todo[start : start + batch]
            known = cache.get_many(digest for _, _, digest in chunk)
            fresh = [(text, digest) for _, text, digest in chunk if digest not in known]
            computed = embed_passages([text for text, _ in fresh])
            cache.put_many((digest, v) for (_, digest), v in zip(fresh, computed, strict=True))
            known.update({digest: v for (_, digest), v in zip(fresh, computed, strict=True)})
            vectors = [known[digest] for _, _, digest in chunk]
            rows = [
                {"key": key, "hash": digest, "vector": vector}
                for (key, _, digest), vector in zip(chunk, vectors, strict=True)
            ]
            graph.write(SETTERS[label], {"rows": rows})
        done += len(todo)
    return done
