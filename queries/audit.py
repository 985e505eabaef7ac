"""The audit log: who did what, when, from where. Append-only, and tamper-evident.

Neo4j Community has no append-only storage or per-label write permissions, so the log is made
tamper-evident instead: entries form a hash chain. Each entry carries a sequence number, the hash of
the entry before it, and its own SHA-256 over its content and that previous hash; one `(:AuditHead)`
node holds the newest sequence number and hash. Appending locks the head, so entries from several
API processes chain in one order. `verify` recomputes the chain: an edited entry no longer matches
its hash, a deleted one leaves a gap in the sequence (or a head that points past the end), and a
reordered one breaks the links. Someone able to rewrite the whole chain and the head could hide an
edit; `verify` prints the head hash, which an operator can keep outside the database to catch that.
Nothing in this module (or elsewhere; tests/test_audit_chain.py checks the code) updates or deletes
an entry. Entries written before the chain existed (no `seq`) are counted as unchained.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from datetime import datetime
from typing import Any, LiteralString

from neo4j import ManagedTransaction

from graph.connection import Graph

GENESIS = "0" * 64
# Locks the head for the rest of the transaction: concurrent appends wait and then see the new head.
LOCK_HEAD: LiteralString = """
MERGE (h:AuditHead {key: 'audit'})
ON CREATE SET h.seq = 0, h.hash = $genesis
SET h._lock = true
RETURN h.seq AS seq, h.hash AS hash, toString(datetime()) AS at
"""
# The entry and the head's move in one statement: one round trip less per audited request, and the
# same transaction as before (the head stays locked from LOCK_HEAD to the commit).
APPEND: LiteralString = """
CREATE (a:AuditEntry {seq: $seq, at: datetime($at), user: $user, role: $role, action: $action,
                      target: $target, ip: $ip, detail: $detail, prev_hash: $prev_hash, hash: $hash})
WITH a
MATCH (h:AuditHead {key: 'audit'})
SET h.seq = $seq, h.hash = $hash
REMOVE h._lock
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
CHAIN_PAGE: LiteralString = """
MATCH (a:AuditEntry) WHERE a.seq > $after
RETURN a.seq AS seq, toString(a.at) AS at, a.user AS user, a.role AS role, a.action AS action,
       a.target AS target, a.ip AS ip, a.detail AS detail, a.prev_hash AS prev_hash, a.hash AS hash
ORDER BY a.seq
LIMIT $limit
"""
CHAIN_HEAD: LiteralString = """
OPTIONAL MATCH (h:AuditHead {key: 'audit'})
CALL { MATCH (a:AuditEntry) WHERE a.seq IS NULL RETURN count(a) AS unchained }
RETURN h.seq AS seq, h.hash AS hash, unchained
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


def entry_hash(seq: int, at: str, fields: dict[str, str | None], prev_hash: str) -> str:
    """SHA-256 of an entry's content in a fixed canonical form (JSON, keys sorted)."""
    content = {"seq": seq, "at": at, "prev_hash": prev_hash, **fields}
    text = json.dumps(content, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


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
    fields = {"user": user, "role": role, "action": action, "target": target, "ip": ip, "detail": detail}

    def work(tx: ManagedTransaction) -> None:
        head = tx.run(LOCK_HEAD, {"genesis": GENESIS}).single(strict=True)
        seq, prev = int(head["seq"]) + 1, str(head["hash"])
        digest = entry_hash(seq, head["at"], fields, prev)
        tx.run(APPEND, {**fields, "seq": seq, "at": head["at"], "prev_hash": prev, "hash": digest}).consume()

    graph.write_tx(work)


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


@dataclass(frozen=True)
class ChainCheck:
    ok: bool
    entries: int  # chained entries read
    head_seq: int
    head_hash: str
    unchained: int  # entries from before the chain existed
    problems: list[str]  # each names the sequence number where the chain breaks


def verify(graph: Graph, *, page: int = 5000, max_problems: int = 50) -> ChainCheck:
    """Recompute the whole chain and compare it with the head."""
    head = graph.read(CHAIN_HEAD)[0]
    head_seq, head_hash = int(head["seq"] or 0), str(head["hash"] or GENESIS)
    problems: list[str] = []
    expected_seq, prev, count, after = 1, GENESIS, 0, 0
    while True:
        rows = graph.read(CHAIN_PAGE, {"after": after, "limit": page})
        for r in rows:
            count += 1
            seq = int(r["seq"])
            if seq != expected_seq:
                problems.append(f"entries {expected_seq}–{seq - 1} are missing (deleted)")
            elif r["prev_hash"] != prev:
                problems.append(f"entry {seq} does not follow entry {seq - 1} (reordered or replaced)")
            fields = {k: r[k] for k in ("user", "role", "action", "target", "ip", "detail")}
            if entry_hash(seq, r["at"], fields, r["prev_hash"]) != r["hash"]:
                problems.append(f"entry {seq} was changed after it was written")
            expected_seq, prev = seq + 1, r["hash"]
        if len(rows) < page:
            break
        after = int(rows[-1]["seq"])
    last_seq = expected_seq - 1
    if last_seq != head_seq:
        problems.append(f"the log ends at entry {last_seq} but the head says {head_seq} (deleted at the end)")
    elif prev != head_hash:
        problems.append(f"entry {last_seq} is not the one the head recorded")
    return ChainCheck(
        ok=not problems,
        entries=count,
        head_seq=head_seq,
        head_hash=head_hash,
        unchained=int(head["unchained"]),
        problems=problems[:max_problems],
    )
