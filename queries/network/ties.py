"""Weighted ties from member lists: the pairs of each project or paper are formed here, in numpy.

Neo4j gives one row per project (or paper) with its year and its members; every pair of members is
one joint item. Expanding the pairs in Cypher instead (one row per pair and project) took 238 s for
the CORDIS organization graph (31k projects, 1.09M pair instances, 0.8M ties); here it is one
vectorized pass. A tie's weight is the sum, over its joint items, of `recency(year)`; counts and the
last year are kept beside it.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

import numpy as np
import numpy.typing as npt

HALF_LIFE_YEARS = 5.0
_NO_YEAR = np.iinfo(np.int64).min  # an item without a year: recency of one half-life, no last year

Ints = npt.NDArray[np.int64]


def recency(year: int | None, as_of: int) -> float:
    """Weight of one joint item: 1 this year, halving every HALF_LIFE_YEARS; unknown year = one half-life."""
    if year is None:
        return 0.5
    return float(0.5 ** (max(0, as_of - int(year)) / HALF_LIFE_YEARS))


def new_tie() -> dict[str, Any]:
    return {"weight": 0.0, "projects": 0, "publications": 0, "employment": 0, "last_year": None}


class PairInstances:
    """Pair instances (one per joint item) as node positions in sorted-id order, with their years."""

    def __init__(self, ids: Iterable[str]) -> None:
        self.ids = sorted(ids)
        self.position = {node_id: i for i, node_id in enumerate(self.ids)}
        self._a: list[Ints] = []
        self._b: list[Ints] = []
        self._years: list[Ints] = []

    def _positions(self, members: Sequence[str], prefix: str) -> list[int]:
        """Members outside the network (e.g. another province) drop out, and with them their pairs."""
        found = (self.position.get(prefix + m, -1) for m in members)
        return [p for p in found if p >= 0]

    def add_within(self, items: Iterable[tuple[int | None, Sequence[str]]], prefix: str = "") -> None:
        """Every pair of members of each item (a project's partners, a paper's authors)."""
        by_size: dict[int, tuple[list[list[int]], list[int]]] = {}
        for year, members in items:
            found = self._positions(members, prefix)
            if len(found) > 1:
                rows, years = by_size.setdefault(len(found), ([], []))
                rows.append(found)
                years.append(_NO_YEAR if year is None else int(year))
        for size, (rows, years) in by_size.items():  # one vectorized step per item size
            matrix = np.array(rows, dtype=np.int64)
            first, second = np.triu_indices(size, 1)
            self._a.append(matrix[:, first].ravel())
            self._b.append(matrix[:, second].ravel())
            self._years.append(np.repeat(np.array(years, dtype=np.int64), len(first)))

    def add_across(
        self,
        items: Iterable[tuple[int | None, Sequence[str], Sequence[str]]],
        prefixes: tuple[str, str],
    ) -> None:
        """Every (left, right) member pair of each item (an expert and a partner body of a project)."""
        for year, left, right in items:
            lefts = np.array(self._positions(left, prefixes[0]), dtype=np.int64)
            rights = np.array(self._positions(right, prefixes[1]), dtype=np.int64)
            if len(lefts) and len(rights):
                self._a.append(np.repeat(lefts, len(rights)))
                self._b.append(np.tile(rights, len(lefts)))
                self._years.append(np.full(len(lefts) * len(rights), _NO_YEAR if year is None else int(year)))

    def merge_into(self, edges: dict[tuple[str, str], dict[str, Any]], count_key: str, as_of: int) -> None:
        """Sum the instances per pair and add them to `edges` (keyed (a, b) with a < b)."""
        if not self._a:
            return
        a, b, years = np.concatenate(self._a), np.concatenate(self._b), np.concatenate(self._years)
        keep = a != b  # one body listed twice on a project is not a tie with itself
        low, high, years = np.minimum(a, b)[keep], np.maximum(a, b)[keep], years[keep]
        pair, inverse = np.unique(low * len(self.ids) + high, return_inverse=True)
        inverse = inverse.ravel()
        known = years != _NO_YEAR
        distinct = np.unique(years[known])
        factors = np.array([recency(int(y), as_of) for y in distinct], dtype=np.float64)
        item_weight = np.full(len(years), recency(None, as_of))
        item_weight[known] = factors[np.searchsorted(distinct, years[known])]
        weights = np.bincount(inverse, weights=item_weight, minlength=len(pair))
        counts = np.bincount(inverse, minlength=len(pair))
        last = np.full(len(pair), _NO_YEAR, dtype=np.int64)
        np.maximum.at(last, inverse, years)
        ids = self.ids
        for key, weight, count, year in zip(
            pair.tolist(), weights.tolist(), counts.tolist(), last.tolist(), strict=True
        ):
            tie = edges.setdefault((ids[key // len(ids)], ids[key % len(ids)]), new_tie())
            tie["weight"] += weight
            tie[count_key] += count
            if year != _NO_YEAR:
                tie["last_year"] = max(year, tie["last_year"] or 0)
