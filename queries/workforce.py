"""Counts and shares of the workforce, broken down by any combination of fixed dimensions.

Every request groups the per-version snapshot of `queries.workforce_people` (one compact row per
person, read from the graph once per data version) in Python, by dimension names from the whitelist
in `queries.workforce_dimensions`. Filters match grouped values with and without diacritics. Every
person falls in exactly one group of each dimension (unknown values form their own group), so the
groups always add up to the total.
"""

from __future__ import annotations

import datetime
from collections import Counter, defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any, LiteralString

from graph.connection import Graph
from graph.errors import InvalidStatsRequest
from graph.settings import Settings
from queries.workforce_dimensions import DIMENSIONS
from queries.workforce_facts import degree_level
from queries.workforce_people import Member, People, people

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


def age_band(birth_year: int | None, year: int) -> str | None:
    if birth_year is None:
        return None
    age = year - birth_year
    if age < 25:
        return "<25"
    if age >= 60:
        return "60+"
    low = age // 5 * 5
    return f"{low}-{low + 4}"


def dimension_values(m: Member, year: int) -> dict[str, Any]:
    """A person's value in every dimension (None: unknown) in `year`."""
    return {
        "degree": m.degree,
        "degree_level": degree_level(m.degree),
        "academic_title": m.academic_title,
        "sector": m.sector,
        "organization": m.organization,
        "field": m.field,
        "district": m.district,
        "gender": m.gender,
        "ethnic_minority": m.ethnic_minority,
        "ethnicity": m.ethnicity,
        "age_band": age_band(m.birth_year, year),
    }


def group_counts(found: People, keys: Sequence[str], year: int) -> list[tuple[tuple[Any, ...], int]]:
    """(values, count) rows grouped by `keys` (whitelisted dimension names), over all people."""
    for k in keys:
        if k not in DIMENSIONS:
            raise InvalidStatsRequest("by", k, "is not a dimension")
    counts: Counter[tuple[Any, ...]] = Counter()
    for m in found.members:
        d = dimension_values(m, year)
        counts[tuple(d[k] for k in keys)] += 1
    return list(counts.items())


Ranks = list[dict[Any, int]]


def _ranks(by: Sequence[str]) -> Ranks:
    """Each dimension's vocabulary order as a lookup, built once per table rather than per value."""
    return [{v: i for i, v in enumerate(DIMENSIONS[k].labels)} for k in by]


def _order(ranks: dict[Any, int], value: Any) -> tuple[int, int, str]:
    """Closed vocabularies keep their own order (TSKH, TS, ...; age bands); unknown comes last."""
    return (value is None, ranks.get(value, len(ranks)), str(value))


def _sort_key(ranks: Ranks, values: tuple[Any, ...]) -> tuple[tuple[int, int, str], ...]:
    return tuple(_order(r, v) for r, v in zip(ranks, values, strict=True))


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
    found = people(graph)
    raw = group_counts(found, keys, year)
    names = {k: found.names.get(k, {}) for k in keys}

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
    # Small groups leave first and only the shown ones are sorted: by every dimension most groups
    # are small, and sorting all of them was most of such a table's time (bench/README.md, issue 10).
    shown = []
    for values, n in totals.items():
        if threshold is not None and n < threshold:
            small_n += n
            small_groups += 1
        else:
            shown.append(values)
    ranks = _ranks(by)
    for values in sorted(shown, key=lambda v: _sort_key(ranks, v)):
        n = totals[values]
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
        smallest = min(groups, key=lambda g: (g.count, _sort_key(ranks, tuple(g.values.values()))))
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
# in Python. bench/stats.py times it as the naive baseline (it also walks up to the level-1 field).
EXPERT_ROWS: LiteralString = """
MATCH (e:Expert)
RETURN e.degree AS degree, e.academic_title AS academic_title, e.district AS district,
       e.gender AS gender, e.ethnic_minority AS ethnic_minority, e.ethnicity AS ethnicity,
       e.birth_year AS birth_year,
       [(e)-[:IN_SECTOR]->(s:Sector) | s.code] AS sectors,
       [(e)-[w:WORKS_AT]->(o:Organization) WHERE w.current | o.id] AS orgs,
       [(e)-[:HAS_EXPERTISE]->(:Field)-[:SUBFIELD_OF*0..2]->(t:Field) WHERE t.level = 1 | t.code] AS fields
"""
