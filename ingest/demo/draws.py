"""Seeded draws shared by the demo stages: one `random.Random` per stage, quotas and weighted
sampling without replacement. Nothing here iterates over a set or reads the clock."""

from __future__ import annotations

import random
from collections.abc import Callable, Sequence
from typing import TypeVar

REFERENCE_YEAR = 2025  # "today" for ages, statuses and the latest degree year

T = TypeVar("T")


def stage_rng(seed: int, stage: str) -> random.Random:
    """A generator of its own per stage, so that changing one stage leaves the others as they were."""
    return random.Random(f"lai-chau-demo:{seed}:{stage}")


def quota(n: int, shares: dict[str, float]) -> list[str]:
    """Exactly n labels in the given shares (largest remainder)."""
    counts = {k: int(n * v) for k, v in shares.items()}
    by_remainder = sorted(shares, key=lambda k: (counts[k] - n * shares[k], k))
    for k in by_remainder[: n - sum(counts.values())]:
        counts[k] += 1
    return [k for k in shares for _ in range(counts[k])]


def weighted_sample(rng: random.Random, items: Sequence[T], weight: Callable[[T], float], k: int) -> list[T]:
    """k items without replacement, more likely the heavier ones (Efraimidis-Spirakis keys)."""
    keyed = [(rng.random() ** (1 / w), i) for i, x in enumerate(items) if (w := weight(x)) > 0]
    keyed.sort(reverse=True)
    return [items[i] for _, i in keyed[:k]]
