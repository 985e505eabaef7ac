"""The audit log: who did what, when, from where. Append-only: this module never updates or deletes."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any, LiteralString

from graph.connection import Graph

APPEND: LiteralString = """
CREATE (a:AuditEntry {at: datetime(), user: $user, role: $role, action: $action, target: $target,
                      ip: $ip, detail: $detail})
"""
LIST: LiteralString = """
MATCH (a:AuditEntry)
WHERE ($user IS NULL OR a.user = $user) AND ($action IS NULL OR a.action = $action)
  AND ($since IS NULL OR a.at >= datetime($since))
RETURN a.at AS at, a.user AS user, a.role AS role, a.action AS action, a.target AS target,
       a.ip AS ip, a.detail AS detail
ORDER BY a.at DESC
SKIP $offset LIMIT $limit
"""


@dataclass(frozen=True)
class AuditEntry:
    at: datetime
    user: str
    role: str
    action: str
    target: str | None
    ip: str | None
    detail: str | None


def append(
    graph: Graph,
    *,
    user: str,
    role: str,
    action: str,
    target: str | None = None,
    ip: str | None = None,
    detail: str | None = None,
) -> None:
    graph.write(
        APPEND,
        {"user": user, "role": role, "action": action, "target": target, "ip": ip, "detail": detail},
    )


def entries(
    graph: Graph,
    *,
    user: str | None = None,
    action: str | None = None,
    since: str | None = None,
    limit: int = 100,
    offset: int = 0,
) -> list[AuditEntry]:
    params: dict[str, Any] = {
        "user": user,
        "action": action,
        "since": since,
        "limit": limit,
        "offset": offset,
    }
    return [AuditEntry(**{**row, "at": row["at"].to_native()}) for row in graph.read(LIST, params)]
