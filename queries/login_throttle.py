"""Failed sign-ins per user name and per client address, kept in Neo4j so every API process agrees.

Each key (`user:<name>`, `addr:<ip>`) is one `(:LoginThrottle)` node counting failures since the
first failure of its window. Reaching the limit locks the key for the lockout time; while a key is
locked, every sign-in it covers is refused, even with the right password, or the lock would not slow
a guesser down. A success clears its user name's count, never its address's (one valid account
must not reset the count of an address that is guessing others). Time is the database's
(`timestamp()`), so API processes with skewed clocks still agree.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import LiteralString

from graph.connection import Graph

LOCKS: LiteralString = """
UNWIND $keys AS key
OPTIONAL MATCH (t:LoginThrottle {key: key})
RETURN key, t.locked_until AS locked_until, timestamp() AS now
"""
# `SET t._lock` first takes the node's write lock, so concurrent failures (several API processes)
# read the count only once they hold it, and none is lost. A driver retry may count one failure
# twice, which only errs on the safe side.
RECORD_FAILURE: LiteralString = """
UNWIND $limits AS limit
MERGE (t:LoginThrottle {key: limit.key})
SET t._lock = true
WITH t, limit, timestamp() AS now
WITH t, limit, now,
     CASE WHEN t.window_start IS NULL OR now - t.window_start > $window_ms THEN 0
          ELSE coalesce(t.failures, 0) END AS before
SET t.failures = before + 1,
    t.window_start = CASE WHEN before = 0 THEN now ELSE t.window_start END,
    t.locked_until = CASE WHEN before + 1 >= limit.max THEN now + $lockout_ms ELSE t.locked_until END,
    t.updated_at = now
REMOVE t._lock
RETURN t.key AS key, t.failures AS failures, t.locked_until AS locked_until, now
"""
CLEAR: LiteralString = "MATCH (t:LoginThrottle {key: $key}) DELETE t"
# Keys idle for a whole window and no longer locked carry nothing; a few go with each failure.
FORGET_STALE: LiteralString = """
MATCH (t:LoginThrottle)
WHERE t.updated_at < timestamp() - $window_ms AND coalesce(t.locked_until, 0) < timestamp()
WITH t LIMIT 100
DELETE t
"""


@dataclass(frozen=True)
class Limits:
    per_user: int
    per_address: int
    window_s: int
    lockout_s: int


def user_key(username: str) -> str:
    return "user:" + username.strip().casefold()


def address_key(address: str | None) -> str | None:
    return None if not address else "addr:" + address


def _keys(username: str, address: str | None) -> list[str]:
    keys = [user_key(username)]
    addr = address_key(address)
    return keys if addr is None else [*keys, addr]


def retry_after(graph: Graph, username: str, address: str | None) -> int | None:
    """Seconds until sign-ins for this user name from this address are allowed again; None: now."""
    waits = [
        r["locked_until"] - r["now"]
        for r in graph.read(LOCKS, {"keys": _keys(username, address)})
        if r["locked_until"] is not None and r["locked_until"] > r["now"]
    ]
    return math.ceil(max(waits) / 1000) if waits else None


def record_failure(graph: Graph, username: str, address: str | None, limits: Limits) -> int | None:
    """Count a failed sign-in; seconds of the lockout it started (or None if it started none)."""
    rows = [{"key": user_key(username), "max": limits.per_user}]
    addr = address_key(address)
    if addr is not None:
        rows.append({"key": addr, "max": limits.per_address})
    params = {"limits": rows, "window_ms": limits.window_s * 1000, "lockout_ms": limits.lockout_s * 1000}
    found = graph.write(RECORD_FAILURE, params)
    graph.write(FORGET_STALE, {"window_ms": limits.window_s * 1000})
    waits = [
        r["locked_until"] - r["now"]
        for r in found
        if r["locked_until"] is not None and r["locked_until"] > r["now"]
    ]
    return math.ceil(max(waits) / 1000) if waits else None


def record_success(graph: Graph, username: str) -> None:
    graph.write(CLEAR, {"key": user_key(username)})
