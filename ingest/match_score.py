"""Scoring pieces shared by person and organization resolution: name similarity, overlaps, and the
log-odds sum that turns features into one match score.

A feature is a number in [0, 1] or None (unknown: one side left the cell empty). Unknown features add
nothing, so a pair that agrees on the name alone stays unsure; evidence for and against moves the
score (Fellegi-Sunter in spirit: each feature adds a weight for agreement and subtracts one for
disagreement). The score is a probability-like number in (0, 1).
"""

from __future__ import annotations

import math
from collections.abc import Collection, Mapping

from rapidfuzz import fuzz

from graph.text import fold, split_titles


def name_tokens(full_name: str) -> list[str]:
    """Folded words of a person's name, without the titles written before it ("PGS.TS.")."""
    return fold(split_titles(full_name).name).split()


def _initials_compatible(short: list[str], full: list[str]) -> bool:
    """ "n v an" fits "nguyen van an": same last word, and each initial starts the matching word."""
    if len(short) != len(full) or short[-1] != full[-1]:
        return False
    return all(
        s == f or (len(s) == 1 and f.startswith(s)) for s, f in zip(short[:-1], full[:-1], strict=True)
    )


def _loose_initials(short: list[str], full: list[str]) -> bool:
    """ "p allen" fits "philip a allen": first initial and last word agree, a middle name is missing."""
    return (
        len(short) == 2
        and len(full) > 2
        and short[-1] == full[-1]
        and full[0].startswith(short[0])
        and (len(short[0]) == 1 or short[0] == full[0])
    )


def initials_form(a: list[str], b: list[str]) -> bool:
    """One name is the other written with initials ("Y. Hu" / "Yazhou Hu"), the words not all equal."""
    if a == b or not a or not b:
        return False
    has_initials = any(len(w) == 1 for w in a[:-1]) or any(len(w) == 1 for w in b[:-1])
    return has_initials and (_initials_compatible(a, b) or _initials_compatible(b, a))


def name_similarity(a: list[str], b: list[str]) -> float:
    """How alike two folded names are, 0..1.

    1.0 for the same letters; ~0.9 when one side writes initials ("N. V. An" / "Nguyễn Văn An");
    0.9 for the same words in another order ("Wenying Chen" / "Chen Wenying", English-style order);
    otherwise the edit similarity of the whole names, which absorbs a slipped or doubled letter.
    """
    if not a or not b:
        return 0.0
    if a == b:
        return 1.0
    if initials_form(a, b):
        return 0.92
    if _loose_initials(a, b) or _loose_initials(b, a):
        return 0.85
    if sorted(a) == sorted(b):
        return 0.9
    plain = fuzz.ratio(" ".join(a), " ".join(b)) / 100.0
    # A slip in one word keeps the others equal; the family name (first) must agree for a high score.
    if a[0] != b[0] and a[-1] != b[-1]:
        plain = min(plain, 0.6)
    return plain


def year_agreement(a: int | None, b: int | None) -> float | None:
    """1 for the same year, 0.6 one year apart (a common slip), 0 further apart; None if unknown."""
    if a is None or b is None:
        return None
    gap = abs(a - b)
    return 1.0 if gap == 0 else 0.6 if gap == 1 else 0.0


def overlap(a: Collection[str], b: Collection[str]) -> float | None:
    """Share of the smaller set found in the other (0..1); None when either side is empty."""
    if not a or not b:
        return None
    return len(set(a) & set(b)) / min(len(set(a)), len(set(b)))


def same_value(a: str | None, b: str | None) -> float | None:
    """1 when two known values are equal after folding, 0 when they differ, None if one is unknown."""
    if not a or not b:
        return None
    return 1.0 if fold(a) == fold(b) else 0.0


def contribution(value: float | None, agree: float, disagree: float, center: float = 0.5) -> float:
    """A feature's points: +agree at 1, 0 at `center`, -disagree at 0, linear in between."""
    if value is None:
        return 0.0
    if value >= center:
        return agree * (value - center) / (1.0 - center)
    return -disagree * (center - value) / center


def to_score(points: float, bias: float) -> float:
    """Logistic of the summed points less the bias: the score a threshold is compared with."""
    return 1.0 / (1.0 + math.exp(-(points - bias)))


def rounded(features: Mapping[str, float | None]) -> dict[str, float | None]:
    return {k: None if v is None else round(v, 3) for k, v in features.items()}
