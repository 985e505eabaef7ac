"""Cypher for field and topic extraction (`ingest.extract`): read texts, replace extracted links.

Extraction owns the ABOUT links whose `source` is one of `$ours` ('gazetteer', 'embedding',
'corpus') and no others: links from people ('manual') and files ('import') are never deleted, and
no extracted link is added beside a human link to the same field or topic. Each write deletes the
item's own earlier links and merges the new ones, so a retried or repeated run leaves the same graph.
"""

from __future__ import annotations

from typing import LiteralString

FIELD_CATALOG: LiteralString = """
MATCH (f:Field)
OPTIONAL MATCH (f)-[:SUBFIELD_OF]->(p:Field)
RETURN f.code AS code, f.level AS level, f.name_vi AS name_vi, f.name_en AS name_en,
       f.keywords AS keywords, p.code AS parent_code
ORDER BY code
"""

# `labelled`: a person or a file gave the item a field, so extraction adds no field to it.
PROJECT_TEXTS: LiteralString = """
MATCH (n:Project)
RETURN n.code AS key, n.title AS title, n.abstract AS abstract, n.extraction_key AS extraction_key,
       EXISTS { (n)-[r:ABOUT]->(f:Field) WHERE r.source IN $human } AS labelled
"""
PUBLICATION_TEXTS: LiteralString = """
MATCH (n:Publication)
RETURN n.id AS key, n.title AS title, n.abstract AS abstract, n.extraction_key AS extraction_key,
       EXISTS { (n)-[r:ABOUT]->(f:Field) WHERE r.source IN $human } AS labelled
"""
# Patents carry a title only (issue 4): their fields come from it.
PATENT_TEXTS: LiteralString = """
MATCH (n:Patent)
RETURN n.id AS key, n.title AS title, null AS abstract, n.extraction_key AS extraction_key,
       EXISTS { (n)-[r:ABOUT]->(f:Field) WHERE r.source IN $human } AS labelled
"""

_REPLACE_LINKS: LiteralString = """
FOREACH (old IN [(n)-[r:ABOUT]->() WHERE r.source IN $ours | r] | DELETE old)
SET n.extraction_key = row.extraction_key
WITH n, row
CALL {
  WITH n, row
  UNWIND row.fields AS link
  MATCH (f:Field {code: link.code})
  WITH n, f, link WHERE NOT EXISTS { (n)-[h:ABOUT]->(f) WHERE h.source IN $human }
  MERGE (n)-[r:ABOUT {source: link.source}]->(f)
  SET r.confidence = link.confidence
  RETURN count(r) AS fields
}
CALL {
  WITH n, row
  UNWIND row.topics AS link
  MERGE (t:Topic {key: link.key})
  ON CREATE SET t.name = link.name, t.origin = 'extraction'
  WITH n, t, link WHERE NOT EXISTS { (n)-[h:ABOUT]->(t) WHERE h.source IN $human }
  MERGE (n)-[r:ABOUT {source: link.source}]->(t)
  SET r.confidence = link.confidence
  RETURN count(r) AS topics
}
RETURN sum(fields) AS fields, sum(topics) AS topics
"""
REPLACE_PROJECT_EXTRACTION: LiteralString = (
    "UNWIND $rows AS row MATCH (n:Project {code: row.key})" + _REPLACE_LINKS
)
REPLACE_PUBLICATION_EXTRACTION: LiteralString = (
    "UNWIND $rows AS row MATCH (n:Publication {id: row.key})" + _REPLACE_LINKS
)
REPLACE_PATENT_EXTRACTION: LiteralString = (
    "UNWIND $rows AS row MATCH (n:Patent {id: row.key})" + _REPLACE_LINKS
)

# Topics extraction created and no longer links to anything.
DELETE_ORPHAN_TOPICS: LiteralString = """
MATCH (t:Topic {origin: 'extraction'}) WHERE NOT EXISTS { (t)--() }
DELETE t
RETURN count(*) AS deleted
"""
