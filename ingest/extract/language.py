"""Which language a title is in, cheaply: Vietnamese or English.

Titles are short and mixed ("Ứng dụng GIS trong ..."), so a language model is overkill. Vietnamese
text with diacritics is told by its share of marked letters; Vietnamese typed without diacritics
("nghien cuu trong che") by its common function syllables outnumbering English function words.
"""

from __future__ import annotations

import unicodedata
from typing import Literal

from graph.text import fold

Language = Literal["vi", "en"]

# A title with at least this share of marked letters is Vietnamese ("Nghiên cứu" has 2 of 9).
MIN_MARKED_SHARE = 0.08

# Frequent syllables of Vietnamese titles, folded; none is a common English word.
_VI_SYLLABLES_TEXT = (
    "nghien cuu cua cac va trong cho tai tinh huyen giai phap phat trien ung dung xay dung danh gia "
    "thuc trang nang cao hoc mot ve tren dia ban nguoi dan toc quan ly thong voi den nhung bang theo "
    "tu nhien xa hoi khoa ky thuat cong nghe mo hinh san xuat huong giao duc truong sinh vien"
)
_VI_SYLLABLES = frozenset(_VI_SYLLABLES_TEXT.split())
_EN_WORDS_TEXT = (
    "the of and in for on with from by to an at as its using based study analysis towards between "
    "into under over new case"
)
_EN_WORDS = frozenset(_EN_WORDS_TEXT.split())


def marked_share(text: str) -> float:
    """Share of letters that carry a Vietnamese mark (tone, circumflex, breve, horn) or are đ."""
    letters = [ch for ch in text if ch.isalpha()]
    if not letters:
        return 0.0
    marked = sum(
        1
        for ch in letters
        if ch in "đĐ" or any(unicodedata.combining(c) for c in unicodedata.normalize("NFD", ch))
    )
    return marked / len(letters)


def detect_language(text: str) -> Language:
    if marked_share(text) >= MIN_MARKED_SHARE:
        return "vi"
    words = fold(text).split()
    vi = sum(1 for w in words if w in _VI_SYLLABLES)
    en = sum(1 for w in words if w in _EN_WORDS)
    return "vi" if vi > en else "en"
