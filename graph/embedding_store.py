"""Cypher that reads the text each node is embedded from and stores its vector with the text's hash.

The hash (of the exact text embedded) lets `ingest.embed` skip nodes whose text has not changed, so a
re-import embeds nothing again. Labels cannot be parameters, hence one statement per label. Vectors are
stored with `db.create.setNodeVectorProperty` (float32, what the vector index reads).
"""

from __future__ import annotations

from typing import LiteralString

from graph.schema import Label

# Project and publication text: title and abstract.
PROJECT_TEXTS: LiteralString = """
MATCH (n:Project)
RETURN n.code AS key, n.embedding_hash AS hash, [n.title, n.abstract] AS parts
"""
PUBLICATION_TEXTS: LiteralString = """
MATCH (n:Publication)
RETURN n.id AS key, n.embedding_hash AS hash, [n.title, n.abstract] AS parts
"""
# An expert's profile without the name (a name says nothing about expertise): title, degree,
# position, employer, sector, fields, topics and the titles of the latest projects and publications.
EXPERT_TEXTS: LiteralString = """
MATCH (n:Expert)
RETURN n.id AS key, n.embedding_hash AS hash,
  [n.academic_title, n.degree, n.position] AS head,
  [(n)-[:WORKS_AT {current: true}]->(o:Organization) | o.name] AS orgs,
  [(n)-[:IN_SECTOR]->(s:Sector) | s.name_vi + ' (' + s.name_en + ')'] AS sectors,
  [(n)-[:HAS_EXPERTISE]->(f:Field) | f.name_vi + coalesce(' (' + f.name_en + ')', '')] AS fields,
  [(n)-[:HAS_EXPERTISE]->(t:Topic) | t.name] AS topics,
  [(n)-[:MEMBER_OF]->(p:Project) | [coalesce(p.start_year, 0), p.title]] AS projects,
  [(n)-[:AUTHORED]->(w:Publication) | [coalesce(w.year, 0), w.title]] AS publications
"""

SET_EXPERT_EMBEDDINGS: LiteralString = """
UNWIND $rows AS row
MATCH (n:Expert {id: row.key})
CALL db.create.setNodeVectorProperty(n, 'embedding', row.vector)
SET n.embedding_hash = row.hash
"""
SET_PROJECT_EMBEDDINGS: LiteralString = """
UNWIND $rows AS row
MATCH (n:Project {code: row.key})
CALL db.create.setNodeVectorProperty(n, 'embedding', row.vector)
SET n.embedding_hash = row.hash
"""
SET_PUBLICATION_EMBEDDINGS: LiteralString = """
UNWIND $rows AS row
MATCH (n:Publication {id: row.key})
CALL db.create.setNodeVectorProperty(n, 'embedding', row.vector)
SET n.embedding_hash = row.hash
"""

TEXTS: dict[Label, LiteralString] = {
    Label.PROJECT: PROJECT_TEXTS,
    Label.PUBLICATION: PUBLICATION_TEXTS,
    Label.EXPERT: EXPERT_TEXTS,
}
SETTERS: dict[Label, LiteralString] = {
    Label.PROJECT: SET_PROJECT_EMBEDDINGS,
    Label.PUBLICATION: SET_PUBLICATION_EMBEDDINGS,
    Label.EXPERT: SET_EXPERT_EMBEDDINGS,
}
