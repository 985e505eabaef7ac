"""Which projection of the graph to analyse, and which slice of it.

Period, sector and field select the *ties*: only projects and publications of that period, sector
or field connect people or bodies. Province selects the *nodes* (an expert by the province of their
current employer, an organization by its own). With a sector or field, a node stays when it has a
tie left or is itself of that sector or field, so an enterprise with no partner in the sector still
shows up as alone rather than vanishing.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum
from typing import Any, LiteralString

from graph.connection import Graph
from graph.errors import InvalidNetworkFilter
from graph.sectors import SECTOR_BY_CODE, SECTORS
from graph.text import fold, normalize


class ProjectionKind(StrEnum):
    EXPERT = "expert"  # expert–expert: shared projects and co-authorship
    ORGANIZATION = "organization"  # organization–organization: co-participation in projects
    EXPERT_ORGANIZATION = "expert_organization"  # employment and project work, bipartite
    SECTOR = "sector"  # sector–sector: expert ties between sectors


@dataclass(frozen=True)
class NetworkFilter:
    year_from: int | None = None
    year_to: int | None = None
    sector: str | None = None  # a sector code, resolved from a code or a (folded) Vietnamese name
    field: str | None = None  # a field code; its subfields count too
    province: str | None = None  # as typed; matched after folding

    def is_empty(self) -> bool:
        return self == NetworkFilter()


DISTINCT_PROVINCES: LiteralString = """
MATCH (o:Organization) WHERE o.province IS NOT NULL
RETURN DISTINCT o.province AS province
"""
FIELD_EXISTS: LiteralString = "MATCH (f:Field {code: $code}) RETURN f.code AS code"


def resolve_sector(text: str | None) -> str | None:
    """A sector code from its code or its name, with or without diacritics ("nong nghiep" → AGRI_FOREST)."""
    if text is None or not text.strip():
        return None
    cleaned = normalize(text)
    if cleaned.upper() in SECTOR_BY_CODE:
        return cleaned.upper()
    key = fold(cleaned)
    for sector in SECTORS:
        if key in (fold(sector.name_vi), fold(sector.name_en)):
            return sector.code
    for sector in SECTORS:  # a unique partial name, e.g. "y te" or "nong nghiep"
        if key and key in fold(sector.name_vi):
            return sector.code
    known = ", ".join(f"{s.code} ({s.name_vi})" for s in SECTORS)
    raise InvalidNetworkFilter("sector", text, f"is not a sector; use one of {known}")


def check_filter(graph: Graph, flt: NetworkFilter) -> NetworkFilter:
    """Validate and resolve a filter: sector names to codes, field codes must exist, years in order."""
    if flt.year_from is not None and flt.year_to is not None and flt.year_from > flt.year_to:
        raise InvalidNetworkFilter("year_from", str(flt.year_from), f"is after year_to {flt.year_to}")
    sector = resolve_sector(flt.sector)
    field = flt.field.strip() if flt.field else None
    if field and not graph.read(FIELD_EXISTS, {"code": field}):
        raise InvalidNetworkFilter("field", field, "is not a field code (QĐ 12/2008)")
    province = normalize(flt.province) if flt.province and flt.province.strip() else None
    return NetworkFilter(flt.year_from, flt.year_to, sector, field or None, province)


def province_values(graph: Graph, province: str | None) -> list[str] | None:
    """The stored spellings of a province typed with or without diacritics (None: no filter)."""
    if province is None:
        return None
    key = fold(province)
    stored = [row["province"] for row in graph.read(DISTINCT_PROVINCES)]
    return [p for p in stored if fold(p) == key]


def cypher_params(graph: Graph, flt: NetworkFilter) -> dict[str, Any]:
    """The $parameters every projection query takes."""
    sector = SECTOR_BY_CODE.get(flt.sector) if flt.sector else None
    return {
        "year_from": flt.year_from,
        "year_to": flt.year_to,
        "sector": flt.sector,
        "sector_fields": list(sector.field_codes) if sector else None,
        "field": flt.field,
        "provinces": province_values(graph, flt.province),
    }
