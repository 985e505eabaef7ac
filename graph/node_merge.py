"""Merge two nodes of one label that a person judged to be one record: the duplicate's relationships
move onto the kept node, its ids and name stay on the kept node as aliases, and the duplicate goes.

Neo4j Community has no APOC, so this is plain Cypher. Relationship types cannot be parameters in
the classic syntax; Cypher 5.26's dynamic types (`[:$(t)]`) take one, and `t` is always a type the
relationship already has, filtered by `$types`: the fixed set of `graph.schema.Rel`, never input.

A moved relationship that the kept node already has (same type, same node at the other end, same
identity properties, e.g. `source` of HAS_EXPERTISE) is not duplicated: the two combine, the kept
node's values winning and the duplicate's filling gaps, except that the more responsible role wins
(host over partner, lead over member), a current job stays current and the earlier `since` stays.
A link between the two nodes themselves is dropped. Types a node holds once (a parent body, a
sector) move only when the kept node has none.

Everything runs in the caller's transaction: the merge commits whole or not at all. If the duplicate
still holds a relationship of a type outside the schema, `MergeRefused` is raised before it is
deleted, which rolls back all of it. Running it again once done changes nothing: the duplicate is gone.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, LiteralString

from neo4j import ManagedTransaction

from graph.errors import MergeRefused
from graph.schema import (
    ASSIGNMENT_ROLES,
    ASSOCIATION_ROLES,
    COUNCIL_ROLES,
    PARTNER_ROLES,
    PROJECT_ROLES,
    Label,
    Rel,
)

# Where to find the two nodes: one fixed statement per label that can be merged.
_FIND: dict[Label, LiteralString] = {
    Label.ORGANIZATION: """
        OPTIONAL MATCH (keep:Organization {id: $keep_id})
        OPTIONAL MATCH (dup:Organization {id: $dup_id})
        RETURN elementId(keep) AS keep, elementId(dup) AS dup, properties(dup) AS dup_props,
               properties(keep) AS keep_props""",
    Label.EXPERT: """
        OPTIONAL MATCH (keep:Expert {id: $keep_id})
        OPTIONAL MATCH (dup:Expert {id: $dup_id})
        RETURN elementId(keep) AS keep, elementId(dup) AS dup, properties(dup) AS dup_props,
               properties(keep) AS keep_props""",
}
# Properties that say which relationship it is, beside its type and ends: two HAS_EXPERTISE links,
# one 'import' and one 'manual', are both kept.
IDENTITY: dict[str, list[str]] = {
    Rel.HAS_EXPERTISE: ["source"],
    Rel.ABOUT: ["source"],
    Rel.IN_SECTOR: ["source"],
    Rel.CONFLICT_WITH: ["kind"],
}
# Roles from the most to the least responsible, per relationship type (graph.schema's vocabularies).
ROLE_RANKS: dict[str, list[str]] = {
    Rel.PARTNER_IN: ["host", "partner"],
    Rel.MEMBER_OF: ["lead", "secretary", "member"],
    Rel.PROPOSES: ["lead", "secretary", "member"],
    Rel.SERVES_ON: ["chair", "secretary", "reviewer", "member"],
    Rel.ASSIGNED_TO: ["lead", "reviewer", "advisor", "member"],
    Rel.BELONGS_TO: ["chair", "vice_chair", "secretary", "executive", "member"],
}
# The same vocabularies as graph.schema, only ordered.
assert {rel: set(ranks) for rel, ranks in ROLE_RANKS.items()} == {
    Rel.PARTNER_IN: set(PARTNER_ROLES),
    Rel.MEMBER_OF: set(PROJECT_ROLES),
    Rel.PROPOSES: set(PROJECT_ROLES),
    Rel.SERVES_ON: set(COUNCIL_ROLES),
    Rel.ASSIGNED_TO: set(ASSIGNMENT_ROLES),
    Rel.BELONGS_TO: set(ASSOCIATION_ROLES),
}
# Outgoing types a node holds at most one of: a parent body, a sector.
SINGLE: list[str] = [Rel.PART_OF, Rel.IN_SECTOR]

# The combining rules, shared by both directions (`same` is the kept node's own relationship).
_COMBINE: LiteralString = """
CALL (same, moved, t, loop) {
  WITH same, moved, t WHERE same IS NOT NULL AND NOT loop
  WITH same, moved, t, properties(same) AS kept, coalesce($ranks[t], []) AS ranks
  WITH same, moved, kept, size(ranks) AS last,
       head([i IN range(0, size(ranks) - 1) WHERE ranks[i] = moved.role]) AS moved_rank,
       head([i IN range(0, size(ranks) - 1) WHERE ranks[i] = kept.role]) AS kept_rank
  SET same = moved
  SET same += kept
  SET same.role = CASE WHEN moved_rank < coalesce(kept_rank, last) THEN moved.role
                       ELSE same.role END,
      same.current = CASE WHEN moved.current OR kept.current THEN true ELSE same.current END,
      same.since = CASE WHEN moved.since < kept.since THEN moved.since ELSE same.since END
  SET same.until = CASE WHEN same.current THEN null ELSE same.until END
}
"""
MOVE_OUTGOING: LiteralString = (
    """
MATCH (dup) WHERE elementId(dup) = $dup
MATCH (keep) WHERE elementId(keep) = $keep
MATCH (dup)-[r]->(other)
WHERE type(r) IN $types
WITH keep, dup, r, other, type(r) AS t, properties(r) AS moved
OPTIONAL MATCH (keep)-[s]->(other)
WHERE type(s) = t
  AND all(k IN coalesce($identity[t], []) WHERE s[k] = moved[k] OR (s[k] IS NULL AND moved[k] IS NULL))
WITH keep, dup, r, other, t, moved, head(collect(s)) AS same
WITH keep, r, other, t, moved, same,
     other = keep OR other = dup AS loop,
     t IN $single AND EXISTS { MATCH (keep)-[x]->(y) WHERE type(x) = t AND y <> other } AS taken
CALL (keep, other, t, moved, same, loop, taken) {
  WITH keep, other, t, moved WHERE same IS NULL AND NOT loop AND NOT taken
  CREATE (keep)-[n:$(t)]->(other)
  SET n = moved
}
"""
    + _COMBINE
    + """
DELETE r
RETURN sum(CASE WHEN same IS NULL AND NOT loop AND NOT taken THEN 1 ELSE 0 END) AS moved,
       sum(CASE WHEN same IS NOT NULL AND NOT loop THEN 1 ELSE 0 END) AS combined,
       sum(CASE WHEN loop OR (same IS NULL AND taken) THEN 1 ELSE 0 END) AS dropped
"""
)
MOVE_INCOMING: LiteralString = (
    """
MATCH (dup) WHERE elementId(dup) = $dup
MATCH (keep) WHERE elementId(keep) = $keep
MATCH (dup)<-[r]-(other)
WHERE type(r) IN $types
WITH keep, dup, r, other, type(r) AS t, properties(r) AS moved
OPTIONAL MATCH (keep)<-[s]-(other)
WHERE type(s) = t
  AND all(k IN coalesce($identity[t], []) WHERE s[k] = moved[k] OR (s[k] IS NULL AND moved[k] IS NULL))
WITH keep, dup, r, other, t, moved, head(collect(s)) AS same
WITH keep, r, other, t, moved, same, other = keep OR other = dup AS loop, false AS taken
CALL (keep, other, t, moved, same, loop) {
  WITH keep, other, t, moved WHERE same IS NULL AND NOT loop
  CREATE (keep)<-[n:$(t)]-(other)
  SET n = moved
}
"""
    + _COMBINE
    + """
DELETE r
RETURN sum(CASE WHEN same IS NULL AND NOT loop THEN 1 ELSE 0 END) AS moved,
       sum(CASE WHEN same IS NOT NULL AND NOT loop THEN 1 ELSE 0 END) AS combined,
       sum(CASE WHEN loop THEN 1 ELSE 0 END) AS dropped
"""
)
# The duplicate's properties fill the kept node's gaps (after it is deleted: an email is unique); its
# name and id stay as aliases. The nodes come from `_FIND`, labelled; the audit guard is for the
# append-only scan (tests/test_audit_chain.py), which reads each statement on its own.
FILL_AND_ALIAS: LiteralString = """
MATCH (keep) WHERE elementId(keep) = $keep AND NOT keep:AuditEntry
WITH keep, properties(keep) AS kept, $dup_props AS dup
SET keep += $gaps
SET keep.aliases = [a IN coalesce(kept.aliases, []) + coalesce(dup.aliases, [])
                      + CASE WHEN dup.name IS NULL OR dup.name = keep.name THEN [] ELSE [dup.name] END
                    WHERE a <> keep.name | a],
    keep.merged_ids = coalesce(kept.merged_ids, []) + coalesce(dup.merged_ids, []) + [dup.id]
SET keep.aliases = reduce(seen = [], a IN keep.aliases | CASE WHEN a IN seen THEN seen ELSE seen + a END)
SET keep.merged_ids = reduce(seen = [], i IN keep.merged_ids |
                             CASE WHEN i IN seen THEN seen ELSE seen + i END)
"""
# Links the merge did not move: types outside the schema. The duplicate is not deleted with them.
LEFT_BEHIND: LiteralString = """
MATCH (dup)-[r]-() WHERE elementId(dup) = $dup
RETURN collect(DISTINCT type(r)) AS types
"""
DELETE_DUPLICATE: LiteralString = "MATCH (dup) WHERE elementId(dup) = $dup AND NOT dup:AuditEntry DELETE dup"
# The external id the duplicate's own id stood for (an adapter's PIC or OpenAlex id) names the kept node.
LINK_EXTERNAL_ID: LiteralString = """
MATCH (keep) WHERE elementId(keep) = $keep
UNWIND $external_ids AS ext
MERGE (x:ExternalId {key: ext.key})
ON CREATE SET x.scheme = ext.scheme, x.value = ext.value
MERGE (keep)-[:IDENTIFIED_BY]->(x)
"""

# Node properties that are the node's own and never copied from the duplicate.
_OWN = frozenset({"id", "name", "name_key", "initials_key", "row_hash", "aliases", "merged_ids", "unnamed"})


@dataclass(frozen=True)
class MergeResult:
    kept_id: str
    merged_id: str
    merged: bool  # False: there was nothing to merge (already done, or the same node)
    moved: int = 0  # relationships re-attached to the kept node
    combined: int = 0  # relationships the kept node had already: properties combined
    dropped: int = 0  # links between the two nodes, or a second parent / sector

    @property
    def summary(self) -> str:
        if not self.merged:
            return f"{self.merged_id} already merged into {self.kept_id}"
        return (
            f"{self.merged_id} merged into {self.kept_id}: {self.moved} links moved, "
            f"{self.combined} combined, {self.dropped} dropped"
        )


def merge_nodes(
    tx: ManagedTransaction,
    label: Label,
    keep_id: str,
    dup_id: str,
    *,
    external_ids: list[dict[str, str]] | None = None,
) -> MergeResult:
    """Merge node `dup_id` into `keep_id` (both of `label`) in the caller's transaction.

    `external_ids` ({key, scheme, value}) are linked to the kept node too: the ids the duplicate held
    only implicitly, in its own id. A missing duplicate means the merge was done already.
    """
    found = tx.run(_FIND[label], keep_id=keep_id, dup_id=dup_id).single(strict=True)
    if found["keep"] is None:
        raise MergeRefused(f"no {label.value} {keep_id!r} to merge into")
    if found["dup"] is None or found["dup"] == found["keep"]:
        return MergeResult(keep_id, dup_id, merged=False)
    nodes = {"keep": found["keep"], "dup": found["dup"]}
    params: dict[str, Any] = {
        **nodes,
        "types": [rel.value for rel in Rel],
        "identity": IDENTITY,
        "ranks": ROLE_RANKS,
        "single": SINGLE,
    }
    moved = combined = dropped = 0
    for statement in (MOVE_OUTGOING, MOVE_INCOMING):
        row = tx.run(statement, params).single(strict=True)
        moved, combined, dropped = moved + row["moved"], combined + row["combined"], dropped + row["dropped"]
    left = tx.run(LEFT_BEHIND, nodes).single(strict=True)["types"]
    if left:
        raise MergeRefused(
            f"{label.value} {dup_id!r} has links of types outside the schema ({', '.join(sorted(left))}); "
            "nothing was merged"
        )
    keep_props, dup_props = found["keep_props"], found["dup_props"]
    gaps = {
        k: v
        for k, v in dup_props.items()
        if k not in _OWN and not k.startswith("embedding") and keep_props.get(k) is None
    }
    tx.run(DELETE_DUPLICATE, nodes).consume()
    aliases = {k: dup_props.get(k) for k in ("id", "name", "aliases", "merged_ids")}
    tx.run(FILL_AND_ALIAS, {"keep": nodes["keep"], "gaps": gaps, "dup_props": aliases}).consume()
    if external_ids:
        tx.run(LINK_EXTERNAL_ID, {"keep": nodes["keep"], "external_ids": external_ids}).consume()
    return MergeResult(keep_id, dup_id, True, moved, combined, dropped)
