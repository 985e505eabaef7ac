"""Parse one cell's text into a value, or fail with a reason in plain words.

Each parser takes the stripped cell text (never empty: empty cells are "unknown" and never reach
them) and raises a `cell_error`, whose message reads after the value: `"abc" is not an email
address`. `ingest.rows` uses them as pydantic validators; pydantic passes a `PydanticCustomError`
through with its message untouched.
"""

from __future__ import annotations

import re
from datetime import date

from pydantic_core import PydanticCustomError

from graph.external_ids import parse_external_id
from graph.text import fold, normalize
from ingest.vocab import code_key

YEAR_RANGE = (1900, 2100)
MIN_BIRTH_YEAR = 1930
LIST_SEPARATORS = re.compile(r"[;|\n]")
_EMAIL = re.compile(r"^[^@\s;,<>]+@[^@\s;,<>]+\.[a-z]{2,}$")
_ORCID = re.compile(r"^(\d{4})-?(\d{4})-?(\d{4})-?(\d{3}[\dX])$")
_ORCID_PREFIX = re.compile(r"^(https?://)?(www\.)?orcid\.org/", re.IGNORECASE)
_DOI_PREFIX = re.compile(r"^(https?://(dx\.)?doi\.org/|doi:\s*)", re.IGNORECASE)
_DOI = re.compile(r"^10\.\d{4,9}/\S+$")
_YEAR = re.compile(r"^(\d{4})(?:[.,]0+|-\d{2}-\d{2}.*)?$")
_WHOLE = re.compile(r"^(\d+)(?:[.,]0+)?$")
_GROUPED = re.compile(r"^\d{1,3}(?:([.,])\d{3})(?:\1\d{3})*$")
_FIELD_CODE = re.compile(r"^\d(?:\d{2}(?:\d{2})?)?$")


def cell_error(reason: str, field: str | None = None) -> PydanticCustomError:
    """A cell that cannot be read; the message is the plain-words reason.

    `field` names the column at fault when the check spans several (a model validator has no
    location of its own).
    """
    return PydanticCustomError("cell", reason, {"field": field} if field else None)


def text(value: str) -> str:
    return normalize(value)


def split_list(value: str) -> list[str]:
    """Items of a list cell, separated by `;`, `|` or a line break; blanks dropped, order kept."""
    return [item.strip() for item in LIST_SEPARATORS.split(value) if item.strip()]


def year(value: str, low: int = YEAR_RANGE[0], high: int = YEAR_RANGE[1]) -> int:
    """A four-digit year; "2019.0" (a number cell saved as text) and an ISO date give their year."""
    match = _YEAR.match(value.strip())
    if not match:
        raise cell_error("is not a year")
    found = int(match.group(1))
    if not low <= found <= high:
        raise cell_error(f"is not a year between {low} and {high}")
    return found


def birth_year(value: str) -> int:
    """Nobody under fifteen is an expert, and the oldest living ones were born in the 1930s."""
    return year(value, MIN_BIRTH_YEAR, date.today().year - 15)


def whole_number(value: str) -> int:
    """A count: "12", "12.0", or thousands grouped as "1,234" / "1.234" / "1 234"."""
    compact = value.replace(" ", "").replace("\u00a0", "")
    match = _WHOLE.match(compact)
    if match:
        return int(match.group(1))
    if _GROUPED.match(compact):
        return int(re.sub(r"[.,]", "", compact))
    raise cell_error("is not a whole number")


def decimal(value: str) -> float:
    """A non-negative amount written the Vietnamese ("1.200,5") or the English ("1,200.5") way.

    The rule: with both `.` and `,`, the last one is the decimal mark and the other groups
    thousands. With one of them repeated ("1.200.000"), it groups thousands. With one of them once,
    it is the decimal mark ("1200,5", "0.250"), except after one to three digits other than a lone
    0 and before exactly three ("1.200", "12,500"): that reads as 1200 in Vietnam and 1.2 in
    English, so it is rejected rather than guessed.
    """
    compact = value.replace(" ", "").replace("\u00a0", "")
    if not re.fullmatch(r"\d[\d.,]*", compact) or not compact[-1].isdigit():
        raise cell_error("is not a number")
    dots, commas = compact.count("."), compact.count(",")
    if dots and commas:
        mark = "." if compact.rfind(".") > compact.rfind(",") else ","
        whole, _, fraction = compact.rpartition(mark)
        if not _GROUPED.match(whole) and not whole.isdigit():
            raise cell_error("is not a number")
        return float(re.sub(r"[.,]", "", whole) + "." + fraction)
    if dots + commas == 0:
        return float(compact)
    mark = "." if dots else ","
    if dots + commas > 1:
        if not _GROUPED.match(compact):
            raise cell_error("is not a number")
        return float(compact.replace(mark, ""))
    whole, _, fraction = compact.partition(mark)
    if len(fraction) == 3 and 1 <= len(whole) <= 3 and whole != "0":
        raise cell_error(
            "is ambiguous: write thousands without a separator (1200) "
            "and decimals with one or two digits or both marks (1,2 or 1.200,0)"
        )
    return float(whole + "." + fraction)


def email(value: str) -> str:
    address = value.strip().lower().removeprefix("mailto:")
    if not _EMAIL.match(address):
        raise cell_error("is not an email address")
    return address


def orcid(value: str) -> str:
    """The bare 0000-0000-0000-000X form, from it, its URL form or its 16 characters run together."""
    bare = _ORCID_PREFIX.sub("", value.strip()).upper()
    match = _ORCID.match(bare)
    if not match:
        raise cell_error("is not an ORCID iD (like 0000-0002-1825-0097)")
    digits = "".join(match.groups())
    total = 0
    for char in digits[:-1]:  # ISO 7064 MOD 11-2
        total = (total + int(char)) * 2
    result = (12 - total % 11) % 11
    if digits[-1] != ("X" if result == 10 else str(result)):
        raise cell_error("is not a valid ORCID iD: its check digit is wrong")
    return "-".join(match.groups())


def doi(value: str) -> str:
    """DOIs are case-insensitive, so they are stored lowercased and without a resolver prefix."""
    bare = _DOI_PREFIX.sub("", value.strip()).lower()
    if not _DOI.match(bare):
        raise cell_error("is not a DOI (like 10.1234/abc.5678)")
    return bare


def phone(value: str) -> str:
    """Spreadsheets drop the leading 0 of numbers typed as numbers; nine digits get it back."""
    shown = normalize(value)
    if shown.isdigit() and len(shown) == 9 and not shown.startswith("0"):
        return "0" + shown
    return shown


def country(value: str) -> str:
    if fold(value).replace(" ", "") in ("vietnam", "vn"):
        return "VN"
    if not re.fullmatch(r"[A-Za-z]{2}", value.strip()):
        raise cell_error("is not a two-letter country code (like VN)")
    return value.strip().upper()


def geolocation(value: str) -> tuple[float, float]:
    """Latitude and longitude in degrees, "lat,lon" as CORDIS writes them ("31.8945761,34.7354878")."""
    match = re.fullmatch(r"\s*(-?\d{1,3}(?:\.\d+)?)\s*[,;]\s*(-?\d{1,3}(?:\.\d+)?)\s*", value)
    if not match:
        raise cell_error("is not a latitude,longitude pair (like 21.4,103.2)")
    latitude, longitude = float(match.group(1)), float(match.group(2))
    if abs(latitude) > 90 or abs(longitude) > 180:
        raise cell_error("is not a latitude,longitude pair: out of range")
    return latitude, longitude


def field_codes(value: str, known: set[str] | None) -> list[str]:
    """Distinct field codes (1, 3 or 5 digits); checked against `known` unless it is None."""
    codes = list(dict.fromkeys(split_list(value)))
    malformed = [c for c in codes if not _FIELD_CODE.match(c)]
    if malformed:
        raise cell_error(f"holds {', '.join(malformed)}, not a field code (1, 3 or 5 digits, like 40101)")
    if known is not None:
        unknown = [c for c in codes if c not in known]
        if unknown:
            hint = " (no field taxonomy is loaded: run `python -m ingest reference`)"
            raise cell_error(f"holds unknown field code(s) {', '.join(unknown)}" + ("" if known else hint))
    return codes


def external_ids(value: str) -> list[str]:
    """Another system's ids of an organization, each `scheme:value` made canonical
    (`graph.external_ids`); a ROR or OpenAlex URL names its scheme itself."""
    found: list[str] = []
    for item in split_list(value):
        try:
            found.append(parse_external_id(item))
        except ValueError:
            raise cell_error(
                f"holds {item}, not an external id (scheme:value, like ror:04vnq7t77 or pic:999974747)"
            ) from None
    return list(dict.fromkeys(found))


_YES = frozenset({"x", "1", "true", "yes", "y", "co", "dung"})
_NO = frozenset({"0", "false", "no", "n", "khong", "sai"})


def flag(value: str) -> bool:
    """A yes/no cell: "có"/"không", "x", "1"/"0", "True"/"False" (CORDIS writes the last)."""
    key = fold(value)
    if key in _YES:
        return True
    if key in _NO:
        return False
    raise cell_error("is not yes or no: write có or không (x, 1 or 0)")


def coded(value: str, vocab: dict[str, str], codes: tuple[str, ...]) -> str:
    """One of `codes`, from the code itself or an accepted Vietnamese spelling."""
    found = vocab.get(code_key(value))
    if found is None:
        raise cell_error(f"is not one of: {', '.join(codes)}")
    return found
