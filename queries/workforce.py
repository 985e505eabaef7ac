"""Counts and shares of the workforce, broken down by any combination of fixed dimensions.

One Cypher statement serves every request: it computes each expert's dimension values as a map and
groups by `[k IN $keys | d[k]]`, where `$keys` are names from the whitelist in
`queries.workforce_dimensions`. Nothing from the request is ever written into the query text.
Filters are applied to the grouped rows in Python, so that they match with and without diacritics;
the database groups by the filter dimensions too, so filtering never needs the experts themselves.
Every expert falls in exactly one group of each dimension (unknown values form their own group), so
the groups always add up to the total.
"""

from __future__ import annotations

import datetime
from collections import defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any, LiteralString

from graph.connection import Graph
from graph.errors import InvalidStatsRequest
from graph.schema import DOCTORAL_DEGREES, MASTER_DEGREES
from graph.settings import Settings
from queries.workforce_dimensions import DIMENSIONS

# A person's field is the level-1 field most of their expertise falls under (ties: smallest code),
# so that each person counts once. QĐ 12/2008 codes are hierarchical and level-1 codes are one digit
# (1-6), so a field's level-1 ancestor is its first digit: no walk up SUBFIELD_OF is needed. Sector
# and current employer take the smallest code/id when a person has several, for the same reason.
WORKFORCE_GROUPS: LiteralString = """
MATCH (e:Expert)
CALL {
  WITH e
  OPTIONAL MATCH (e)-[:HAS_EXPERTISE]->(f:Field)
  WHERE $need_field
  WITH left(f.code, 1) AS code, count(f) AS n ORDER BY n DESC, code
  RETURN head(collect(code)) AS field
}
WITH e, field, $year - e.birth_year AS age
WITH {
  degree: e.degree,
  degree_level: CASE WHEN e.degree IS NULL THEN null
                     WHEN e.degree IN $doctoral THEN 'doctorate'
                     WHEN e.degree IN $master THEN 'master'
                     WHEN e.degree = 'CD' THEN 'college' ELSE 'university' END,
  academic_title: e.academic_title,
  sector: reduce(m = null, c IN [(e)-[:IN_SECTOR]->(s:Sector) WHERE $need_sector | s.code] |
                 CASE WHEN m IS NULL OR c < m THEN c ELSE m END),
  organization: reduce(m = null, c IN [(e)-[w:WORKS_AT]->(o:Organization)
                                       WHERE $need_org AND w.current | o.id] |
                       CASE WHEN m IS NULL OR c < m THEN c ELSE m END),
  field: field,
  district: e.district,
  gender: e.gender,
  ethnic_minority: e.ethnic_minority,
  ethnicity: e.ethnicity,
  age_band: CASE WHEN age IS NULL THEN null WHEN age < 25 THEN '<25' WHEN age >= 60 THEN '60+'
                 ELSE toString(age / 5 * 5) + '-' + toString(age / 5 * 5 + 4) END
} AS d
WITH [k IN $keys | d[k]] AS key, count(*) AS n
RETURN key, n
"""
FIELD_NAMES: LiteralString = (
    "UNWIND $codes AS c MATCH (f:Field {code: c}) RETURN f.code AS code, f.name_vi AS name"
)
ORG_NAMES: LiteralString = (
    "UNWIND $ids AS i MATCH (o:Organization {id: i}) RETURN o.id AS code, o.name AS name"
)

MAX_GROUP_BY = len(DIMENSIONS)
SMALL_GROUPS_LABEL = "Các nhóm nhỏ (gộp lại để bảo vệ thông tin cá nhân)"


@dataclass(frozen=True)
class Group:
    values: dict[str, Any]  # dimension -> value (code); all None in the merged small-groups row
    labels: dict[str, str]  # dimension -> Vietnamese label
    count: int
    share: float  # of the total, 0..1
    suppressed: bool = False  # the merged row of groups smaller than the threshold


@dataclass(frozen=True)
class WorkforceTable:
    by: list[str]
    filters: dict[str, list[str]]
    year: int
    total: int
    groups: list[Group]
    min_group_size: int | None  # the threshold applied, or None when nothing sensitive was asked
    suppressed_groups: int = 0
    headers: dict[str, str] = field(default_factory=dict)  # dimension -> Vietnamese name


def reference_year(settings: Settings) -> int:
    """'This year' for ages and forecasts: the setting, else the calendar year."""
    return settings.stats_reference_year or datetime.date.today().year


def validate_request(by: Sequence[str], filters: Mapping[str, Sequence[str]]) -> None:
    allowed = ", ".join(DIMENSIONS)
    for name in by:
        if name not in DIMENSIONS:
            raise InvalidStatsRequest("by", name, f"is not a dimension; use one of {allowed}")
    if len(set(by)) != len(by):
        raise InvalidStatsRequest("by", ",".join(by), "names a dimension twice")
    if len(by) > MAX_GROUP_BY:
        raise InvalidStatsRequest("by", ",".join(by), f"has more than {MAX_GROUP_BY} dimensions")
    for name, values in filters.items():
        if name not in DIMENSIONS:
            raise InvalidStatsRequest(name, ",".join(values), f"is not a dimension; use one of {allowed}")
        for value in values:
            DIMENSIONS[name].check(value)


def group_counts(graph: Graph, keys: Sequence[str], year: int) -> list[tuple[tuple[Any, ...], int]]:
    """Raw (values, count) rows grouped by `keys` (whitelisted dimension names), over all experts."""
    for k in keys:
        if k not in DIMENSIONS:
            raise InvalidStatsRequest("by", k, "is not a dimension")
    rows = graph.read(
        WORKFORCE_GROUPS,
        {
            "keys": list(keys),
            "year": year,
            "doctoral": list(DOCTORAL_DEGREES),
            "master": list(MASTER_DEGREES),
            "need_field": "field" in keys,
            "need_sector": "sector" in keys,
            "need_org": "organization" in keys,
        },
    )
    return [(tuple(r["key"]), r["n"]) for r in rows]


def value_names(graph: Graph, dimension: str, values: Sequence[Any]) -> dict[str, str]:
    """Display names of open-vocabulary codes (field codes, organization ids)."""
    present = sorted({str(v) for v in values if v is not None})
    if dimension == "field":
        return {r["code"]: r["name"] for r in graph.read(FIELD_NAMES, {"codes": present})}
    if dimension == "organization":
        return {r["code"]: r["name"] for r in graph.read(ORG_NAMES, {"ids": present})}
    return {}


def _order(dimension: str, value: Any) -> tuple[int, int, str]:
    """Closed vocabularies keep their own order (TSKH, TS, ...; age bands); unknown comes last."""
    order = list(DIMENSIONS[dimension].labels)
    rank = order.index(value) if value in order else len(order)
    return (value is None, rank, str(value))


def _sort_key(by: Sequence[str], values: tuple[Any, ...]) -> tuple[tuple[int, int, str], ...]:
    return tuple(_order(k, v) for k, v in zip(by, values, strict=True))


def workforce(
    graph: Graph,
    settings: Settings,
    by: Sequence[str],
    filters: Mapping[str, Sequence[str]] | None = None,
    year: int | None = None,
) -> WorkforceTable:
    """Counts and shares grouped by `by`, among the experts every filter accepts."""
    wanted = {k: list(v) for k, v in (filters or {}).items() if v}
    validate_request(by, wanted)
    year = year or reference_year(settings)
    filter_dims = [k for k in wanted if k not in by]
    keys = [*by, *filter_dims]
    raw = group_counts(graph, keys, year)
    names = {k: value_names(graph, k, [v[i] for v, _ in raw]) for i, k in enumerate(keys)}

    totals: dict[tuple[Any, ...], int] = defaultdict(int)
    for values, n in raw:
        row = dict(zip(keys, values, strict=True))
        if all(
            any(DIMENSIONS[k].accepts(text, row[k], names[k]) for text in texts)
            for k, texts in wanted.items()
        ):
            totals[tuple(row[k] for k in by)] += n
    total = sum(totals.values())

    sensitive = set(settings.stats_sensitive_dimensions) & (set(by) | set(wanted))
    threshold = settings.stats_min_group_size if sensitive else None
    groups: list[Group] = []
    small_n, small_groups = 0, 0
    for values in sorted(totals, key=lambda v: _sort_key(by, v)):
        n = totals[values]
        if threshold is not None and n < threshold:
            small_n += n
            small_groups += 1
            continue
        groups.append(
            Group(
                values=dict(zip(by, values, strict=True)),
                labels={k: DIMENSIONS[k].label(v, names[k]) for k, v in zip(by, values, strict=True)},
                count=n,
                share=n / total if total else 0.0,
            )
        )
    # One small group alone in the merged row would show its own count: merge the next smallest
    # visible groups into it until the merged row is itself large enough (secondary suppression).
    while threshold is not None and 0 < small_n < threshold and groups:
        smallest = min(groups, key=lambda g: (g.count, _sort_key(by, tuple(g.values.values()))))
        groups.remove(smallest)
        small_n += smallest.count
        small_groups += 1
    if small_groups:
        groups.append(
            Group(
                values=dict.fromkeys(by),
                labels=dict.fromkeys(by, SMALL_GROUPS_LABEL),
                count=small_n,
                share=small_n / total if total else 0.0,
                suppressed=True,
            )
        )
    return WorkforceTable(
        by=list(by),
        filters=wanted,
        year=year,
        total=total,
        groups=groups,
        min_group_size=threshold,
        suppressed_groups=small_groups,
        headers={k: DIMENSIONS[k].name_vi for k in by},
    )


# One row per expert with the raw facts behind every dimension: what a client would fetch to group
# in Python. bench/stats.py times it as the naive baseline against WORKFORCE_GROUPS.
EXPERT_ROWS: LiteralString = """
MATCH (e:Expert)
RETURN e.degree AS degree, e.academic_title AS academic_title, e.district AS district,
       e.gender AS gender, e.ethnic_minority AS ethnic_minority, e.ethnicity AS ethnicity,
       e.birth_year AS birth_year,
       [(e)-[:IN_SECTOR]->(s:Sector) | s.code] AS sectors,
       [(e)-[w:WORKS_AT]->(o:Organization) WHERE w.current | o.id] AS orgs,
       [(e)-[:HAS_EXPERTISE]->(:Field)-[:SUBFIELD_OF*0..2]->(t:Field) WHERE t.level = 1 | t.code] AS fields
"""
