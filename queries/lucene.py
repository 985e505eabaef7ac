"""Turn what a user typed into a Lucene query for Neo4j's full-text indexes.

Input is folded first (graph.text.fold), which leaves only [0-9a-z] and spaces, so nothing a user
types can reach Lucene's syntax. Vietnamese words are mostly two syllables ("nông nghiệp"), and a
single syllable matches far too much ("nghiệp" is also in "công nghiệp"), so adjacent pairs are
searched as phrases and lone syllables only count a little.
"""

from __future__ import annotations

import itertools
import re

from graph.text import fold, has_diacritics, normalize

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


_DISPLAY_WORD = re.compile(r"[^\W_]+")


def build_both(text: str, *, display_boost: float = 0.5) -> str | None:
    """The folded query, plus the words as typed (with diacritics) when they have any.

    The full-text indexes hold display text beside the folded key, so "cá" typed with its mark also
    scores on the display field and ranks above "ca" and "cà"; without marks it is the folded query
    alone. Only runs of letters and digits are kept, so nothing reaches Lucene's syntax.
    """
    folded = build(text)
    if folded is None or not has_diacritics(text):
        return folded
    words = [w for w in _DISPLAY_WORD.findall(normalize(text).lower()) if has_diacritics(w)][:MAX_TERMS]
    if not words:
        return folded
    return folded + " OR " + " OR ".join(f"{w}^{display_boost}" for w in sorted(set(words)))
