"""Cypher for the review queue: (:ReviewItem) nodes holding an incoming row that resolution could not
decide, the stored record it may be, the score and the features behind it.

An item's id is derived from its row's content, so importing the same file again finds the same
item instead of adding one. A decided item (accepted or rejected) is remembered by its `row_key`, so
the same row imported again follows the decision instead of returning to the queue.
"""

from __future__ import annotations

from typing import LiteralString

MERGE_REVIEW_ITEMS: LiteralString = """
UNWIND $items AS item
MERGE (r:ReviewItem {id: item.id})
ON CREATE SET r += item.props, r.status = 'open', r.created_at = datetime()
"""
# The decisions already taken on rows with these keys (the newest one per row).
REVIEW_DECISIONS: LiteralString = """
UNWIND $row_keys AS key
MATCH (r:ReviewItem {row_key: key})
WHERE r.status IN ['accepted', 'rejected']
WITH key, r ORDER BY r.decided_at DESC
WITH key, collect(r)[0] AS r
RETURN key AS row_key, r.status AS status, r.candidate_id AS candidate_id, r.created_id AS created_id
"""
REVIEW_ITEMS: LiteralString = """
MATCH (r:ReviewItem)
WHERE r.status = $status AND ($kind IS NULL OR r.kind = $kind)
WITH r ORDER BY r.created_at, r.id SKIP $offset LIMIT $limit
OPTIONAL MATCH (e:Expert {id: r.candidate_id}) WHERE r.kind = 'expert'
OPTIONAL MATCH (o:Organization {id: r.candidate_id}) WHERE r.kind = 'organization'
WITH r, coalesce(e, o) AS c
RETURN properties(r) AS item, properties(c) AS candidate,
       [(c)-[:WORKS_AT {current: true}]->(w:Organization) | w.name] AS candidate_employers
"""
COUNT_REVIEW_ITEMS: LiteralString = """
MATCH (r:ReviewItem)
WHERE r.status = $status AND ($kind IS NULL OR r.kind = $kind)
RETURN count(r) AS total
"""
REVIEW_ITEM: LiteralString = "MATCH (r:ReviewItem {id: $id}) RETURN properties(r) AS item"
# Only an open item is decided; the WHERE makes a retried transaction change nothing.
DECIDE_REVIEW_ITEM: LiteralString = """
MATCH (r:ReviewItem {id: $id})
WHERE r.status = 'open'
SET r.status = $status, r.decided_by = $decided_by, r.decided_at = datetime(),
    r.created_id = $created_id
RETURN r.id AS id
"""
