"""The stable keys of patents and awards, from what a file says about them.

A patent is named by its office and number: "1-0034567", "VN 1-0034567" and "vn:1-0034567" are one
patent, `VN:1-0034567`. A row without a number (a utility solution still being filed, a list typed
from memory) gets a key from its folded title and filing year, so the same row finds the same node
again. An award is one conferment shared by its co-recipients, keyed by its folded name, year and the
folded title of the work it honours: two people sharing a prize make one node with two links.
Lives in `graph/` because the import writes these keys and queries may look them up.
"""

from __future__ import annotations

import hashlib
import re

from graph.text import fold, normalize

_SPACES = re.compile(r"\s+")
# Words written before a number: "Số 1-0034567", "No. 1-0034567", "Bằng số: 2-0001234".
_NUMBER_LEAD = re.compile(r"^(?:bằng\s+số|số\s+bằng|số|no|number)\b[\s.:#]*", re.IGNORECASE)


def _digest(*parts: str) -> str:
    return hashlib.blake2b("|".join(parts).encode(), digest_size=5).hexdigest()


def patent_number(number: str, country: str = "VN") -> str:
    """The number as the office writes it: upper case, no spaces, without the country prefix or a
    leading "Số"/"No."."""
    compact = _SPACES.sub("", _NUMBER_LEAD.sub("", normalize(number))).upper()
    for prefix in (f"{country}:", f"{country}-", country):
        if compact.startswith(prefix) and compact[len(prefix) : len(prefix) + 1].isdigit():
            return compact[len(prefix) :]
    return compact


def patent_id(number: str | None, country: str | None, title: str, filing_year: int | None) -> str:
    """`VN:1-0034567` from a number; else `PAT-` and ten hex digits of folded title + filing year."""
    office = (country or "VN").upper()
    if number:
        bare = patent_number(number, office)
        if bare:
            return f"{office}:{bare}"
    return "PAT-" + _digest(fold(title), str(filing_year or ""))


def award_id(name: str, year: int | None, work: str | None) -> str:
    """`AWD-` and ten hex digits of the folded award name, year and folded title of the work."""
    return "AWD-" + _digest(fold(name), str(year or ""), fold(work or ""))
