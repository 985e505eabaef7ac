"""Turn what a user typed into a Lucene query for Neo4j's full-text indexes.

Input is folded first (graph.text.fold), which leaves only [0-9a-z] and spaces, so nothing a user
types can reach Lucene's syntax. Vietnamese words are mostly two syllables ("nông nghiệp"), and a
single syllable matches far too much ("nghiệp" is also in "công nghiệp"), so adjacent pairs are
searched as phrases and lone syllables only count a little.
"""

from __future__ import annotations

import itertools

from graph.text import fold

MAX_TERMS = 32  # Lucene's clause limit is far away; long task texts are cut here


def terms(text: str) -> list[str]:
    return fold(text).split()[:MAX_TERMS]


def build(
    text: str, *, phrase_boost: float = 4.0, pair_boost: float = 1.5, single_boost: float = 0.2
) -> str | None:
    """The query string, or None when nothing searchable is left."""
    words = terms(text)
    if not words:
        return None
    if len(words) == 1:
        return words[0]
    clauses: list[str] = []
    if len(words) <= 8:
        clauses.append(f'"{" ".join(words)}"^{phrase_boost}')
    pairs = sorted({f"{a} {b}" for a, b in itertools.pairwise(words)})
    if len(words) > 2:
        clauses += [f'"{pair}"^{pair_boost}' for pair in pairs]
    clauses += [f"{w}^{single_boost}" for w in sorted(set(words)) if len(w) > 1]
    return " OR ".join(clauses)
