"""Cypher for the record of each import, an `(:ImportRun)` node keyed by a random id.

A run's counts are flattened into number properties (Neo4j properties cannot hold maps), and the
per-kind detail is kept as JSON text in `counts`.
"""

from __future__ import annotations

from typing import LiteralString

# MERGE, not CREATE: the transaction that writes it may be retried, and `finished` updates the node
# that `started` wrote.
RECORD_IMPORT_RUN: LiteralString = """
MERGE (r:ImportRun {id: $id})
SET r += $props, r.at = datetime($at)
"""

# Benchmarks and tests of imports start each repeat from an empty graph; the schema's own nodes and
# the append-only audit log stay.
DELETE_IMPORTED_DATA: LiteralString = """
MATCH (n) WHERE NOT n:SchemaMigration AND NOT n:Sector AND NOT n:AuditEntry AND NOT n:AuditHead
CALL { WITH n DETACH DELETE n } IN TRANSACTIONS OF 10000 ROWS
"""
