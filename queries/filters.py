"""Search filters the action program's users ask for, as one Cypher WHERE over `e:Expert`.

Every filter is a parameter and null means "any", so one query text serves every combination (and
the plan cache keeps one plan). Each test is an EXISTS, which the planner skips when its parameter is
null; a COUNT would be computed for every expert first (a tenth of a search's reads at 100,000).
Free-text filters (district, province) are matched diacritic-blind:
the distinct stored values are folded in Python and the matching spellings passed as a list.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any, LiteralString

from graph.connection import Graph
from graph.schema import ACTIVE_ASSIGNMENT_STATUSES
from graph.settings import RankingSettings
from graph.text import fold

# Age bands, in whole years on the reference year. "under_35" is the program's young intellectuals.
AGE_BANDS: dict[str, tuple[int, int | None]] = {
    "under_35": (0, 34),
    "35_44": (35, 44),
    "45_59": (45, 59),
    "60_plus": (60, None),
}

GENDERS = {"m": "M", "nam": "M", "male": "M", "f": "F", "nu": "F", "female": "F"}

EXPERT_FILTER: LiteralString = """
WHERE ($ids IS NULL OR e.id IN $ids)
  AND ($sector IS NULL OR EXISTS { (e)-[:IN_SECTOR]->(:Sector {code: $sector}) })
  AND ($field IS NULL OR EXISTS {
        (e)-[:HAS_EXPERTISE]->(:Field)-[:SUBFIELD_OF*0..3]->(:Field {code: $field}) })
  AND ($degrees IS NULL OR e.degree IN $degrees)
  AND ($titles IS NULL OR e.academic_title IN $titles)
  AND ($gender IS NULL OR e.gender = $gender)
  AND ($ethnic_minority IS NULL OR e.ethnic_minority = $ethnic_minority)
  AND ($min_birth IS NULL OR e.birth_year >= $min_birth)
  AND ($max_birth IS NULL OR e.birth_year <= $max_birth)
  AND ($org IS NULL OR EXISTS {
        (e)-[:WORKS_AT {current: true}]->(:Organization)-[:PART_OF*0..2]->(:Organization {id: $org}) })
  AND ($districts IS NULL OR e.district IN $districts OR EXISTS {
        (e)-[:WORKS_AT {current: true}]->(o:Organization) WHERE o.district IN $districts })
  AND ($provinces IS NULL OR EXISTS {
        (e)-[:WORKS_AT {current: true}]->(o:Organization) WHERE o.province IN $provinces })
  AND ($in_province IS NULL OR EXISTS {
        (e)-[:WORKS_AT {current: true}]->(o:Organization) WHERE o.in_province = $in_province })
  AND ($max_load IS NULL OR NOT EXISTS {
        MATCH (e)-[a:ASSIGNED_TO]->(:Task) WHERE a.status IN $active
        WITH count(a) AS load WHERE load > $max_load RETURN load })
"""

# The card every result shows: employer, sector, location and current load.
EXPERT_CARD: LiteralString = """
OPTIONAL MATCH (e)-[:WORKS_AT {current: true}]->(o:Organization)
OPTIONAL MATCH (e)-[:IN_SECTOR]->(s:Sector)
WITH e, head(collect(DISTINCT o)) AS o, head(collect(DISTINCT s)) AS s
RETURN e.id AS id, e.name AS name, e.academic_title AS academic_title, e.degree AS degree,
       e.gender AS gender, e.birth_year AS birth_year, e.ethnic_minority AS ethnic_minority,
       e.district AS district, o.id AS org_id, o.name AS organization, o.province AS province,
       o.in_province AS in_province, s.code AS sector, s.name_vi AS sector_name,
       COUNT { (e)-[a:ASSIGNED_TO]->(:Task) WHERE a.status IN $active } AS load
"""

FILTER_IDS: LiteralString = (
    "UNWIND $pool AS pid MATCH (e:Expert {id: pid}) " + EXPERT_FILTER + " RETURN e.id AS id"
)
CARDS: LiteralString = "UNWIND $ids AS pid MATCH (e:Expert {id: pid}) " + EXPERT_CARD
BROWSE_CARDS: LiteralString = (
    "MATCH (e:Expert) "
    + EXPERT_FILTER
    + " WITH e ORDER BY e.name_key, e.id SKIP $offset LIMIT $limit "
    + EXPERT_CARD
)
BROWSE_TOTAL: LiteralString = "MATCH (e:Expert) " + EXPERT_FILTER + " RETURN count(e) AS total"

PLACE_VALUES: LiteralString = """
CALL {
  MATCH (e:Expert) WHERE e.district IS NOT NULL RETURN DISTINCT 'district' AS kind, e.district AS value
  UNION
  MATCH (o:Organization) WHERE o.district IS NOT NULL RETURN DISTINCT 'district' AS kind, o.district AS value
  UNION
  MATCH (o:Organization) WHERE o.province IS NOT NULL RETURN DISTINCT 'province' AS kind, o.province AS value
}
RETURN kind, value
"""


@dataclass(frozen=True)
class ExpertFilters:
    """What a user narrowed the search to; None everywhere means every expert."""

    sector: str | None = None
    field: str | None = None
    degrees: tuple[str, ...] = ()
    titles: tuple[str, ...] = ()
    gender: str | None = None
    ethnic_minority: bool | None = None
    age_band: str | None = None
    org_id: str | None = None
    district: str | None = None
    province: str | None = None
    in_province: bool | None = None
    max_load: int | None = None
    ids: tuple[str, ...] | None = None

    @property
    def empty(self) -> bool:
        return self == ExpertFilters()


def reference_year(ranking: RankingSettings) -> int:
    return ranking.reference_year or date.today().year


def normalize_gender(value: str | None) -> str | None:
    """`nam`/`nữ`, `M`/`F`, `male`/`female` (any case, any diacritics) as the stored M/F."""
    if value is None:
        return None
    found = GENDERS.get(fold(value))
    if found is None:
        raise ValueError(f"gender {value!r} is not one of: nam, nữ, M, F, male, female")
    return found


def _place_key(text: str) -> str:
    key = fold(text)
    for prefix in ("tinh ", "huyen ", "thanh pho ", "thi xa "):
        key = key.removeprefix(prefix)
    return key


def _places(graph: Graph, kind: str, wanted: str | None) -> list[str] | None:
    """The stored spellings of a place ("Tam Đường", "tam duong", "huyện Tam Đường"); [] if none."""
    if wanted is None:
        return None
    key = _place_key(wanted)
    return [
        r["value"] for r in graph.read(PLACE_VALUES) if r["kind"] == kind and _place_key(r["value"]) == key
    ]


def filter_params(graph: Graph, filters: ExpertFilters, ranking: RankingSettings) -> dict[str, Any]:
    """The Cypher parameters of `EXPERT_FILTER` for these filters."""
    min_birth = max_birth = None
    if filters.age_band is not None:
        low, high = AGE_BANDS[filters.age_band]
        year = reference_year(ranking)
        max_birth = year - low
        min_birth = None if high is None else year - high
    return {
        "ids": list(filters.ids) if filters.ids is not None else None,
        "sector": filters.sector,
        "field": filters.field,
        "degrees": list(filters.degrees) or None,
        "titles": list(filters.titles) or None,
        "gender": filters.gender,
        "ethnic_minority": filters.ethnic_minority,
        "min_birth": min_birth,
        "max_birth": max_birth,
        "org": filters.org_id,
        "districts": _places(graph, "district", filters.district),
        "provinces": _places(graph, "province", filters.province),
        "in_province": filters.in_province,
        "max_load": filters.max_load,
        "active": list(ACTIVE_ASSIGNMENT_STATUSES),
    }
