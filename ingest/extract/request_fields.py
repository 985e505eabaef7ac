"""The fields a request (a task's title and description) is about, read the way imported items are.

Users mostly type a title and a description and name no field; the ranking's field tree and topical
standing then only had full-text hits on field names. This runs the importer's own extractor
(gazetteer of field names and keywords, else the nearest level-2 field by embedding; the first
level-2 field narrowed to its level-3 child when the text picks one) over the request, so a request
and the projects it should find are tagged by one method. The caller passes the links to the
ranking (`queries.inferred_fields`), which weighs them below named fields.
"""

from __future__ import annotations

import threading
import time

from graph.connection import Graph
from ingest.extract.apply import catalog_fingerprint, load_catalog
from ingest.extract.pipeline import Extractor, FieldLink

# The request is read up to this many characters, title first: a 20,000-character description with
# no keyword took over a second in the embedding fallback, and the ranking embeds only ~600 either.
REQUEST_CHARS = 600
# Reading the field catalog takes ~60 ms, more than the extraction itself, and it changes only when
# the reference taxonomy is reloaded: it is read again at most this often.
CATALOG_TTL_S = 300.0
_LOCK = threading.Lock()
_CACHE: dict[str, Extractor] = {}  # catalog fingerprint -> extractor (spaCy matchers, field vectors)
_CHECKED: dict[int, tuple[float, str]] = {}  # id(graph) -> (when read, fingerprint)


def _extractor(graph: Graph) -> Extractor:
    """One extractor per field catalog: building the matchers and field vectors takes seconds."""
    now = time.monotonic()
    with _LOCK:
        seen = _CHECKED.get(id(graph))
        if seen is not None and now - seen[0] < CATALOG_TTL_S and seen[1] in _CACHE:
            return _CACHE[seen[1]]
    catalog = load_catalog(graph)
    key = catalog_fingerprint(catalog)
    with _LOCK:
        _CHECKED[id(graph)] = (now, key)
        found = _CACHE.get(key)
        if found is None:
            _CACHE.clear()
            found = _CACHE[key] = Extractor(catalog)
        return found


def request_fields(graph: Graph, text: str) -> list[FieldLink]:
    """Up to three fields with the extractor's confidence; none when the text says nothing known."""
    if not text.strip():
        return []
    extractor = _extractor(graph)
    with _LOCK:  # spaCy matchers are not documented as thread-safe; a match takes milliseconds
        return extractor.extract([text[:REQUEST_CHARS]])[0].fields
