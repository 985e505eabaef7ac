"""Cypher for entity resolution: reading the stored candidates an import row is compared with, and
writing a merged row into the node it was resolved to, filling gaps only.

A merged row never overwrites: its properties arrive already cut to those the node lacks, and its
links are added, never replaced (the node's own import keeps deciding its link sets). Every statement
is safe to run twice.
"""

from __future__ import annotations

from typing import LiteralString

from graph import upserts

# People whose strong keys or name blocks (see ingest.resolve_people.block_keys) meet the batch's.
# One pass over the experts per batch: the blocks are computed from the stored folded keys.
EXPERT_CANDIDATES: LiteralString = """
MATCH (e:Expert)
WITH e, split(coalesce(e.name_key, ''), ' ') AS t
WHERE e.email IN $emails OR e.orcid IN $orcids OR e.staff_code IN $staff_codes
   OR e.initials_key IN $initials
   OR (size(t) > 0 AND t[0] <> '' AND left(t[0], 1) + ' ' + t[-1] IN $edges)
   OR (size(t) > 0 AND e.initials_key IS NOT NULL
       AND left(e.initials_key, size(e.initials_key) - size(t[-1]) + 1) IN $typos)
RETURN e.id AS id, e.name AS name, e.birth_year AS birth_year, e.gender AS gender,
       e.ethnicity AS ethnicity, e.district AS district, e.email AS email, e.phone AS phone,
       e.orcid AS orcid, e.staff_code AS staff_code,
       [(e)-[:WORKS_AT]->(o:Organization) | o.id] AS org_ids,
       [(e)-[:WORKS_AT]->(o:Organization) | o.name] AS org_names,
       [(e)-[:HAS_EXPERTISE]->(f) WHERE 'Field' IN labels(f) | f.code] AS fields,
       [(e)-[:HAS_EXPERTISE]->(x) WHERE 'Topic' IN labels(x) | x.key] AS topics,
       properties(e) AS props
"""
EXPERT_BY_ID: LiteralString = """
MATCH (e:Expert {id: $id})
RETURN e.id AS id, properties(e) AS props,
       [(e)-[:WORKS_AT]->(o:Organization) | o.name] AS org_names
"""
# Organizations are few next to people (tens of thousands at most): all of them, blocked in memory.
ORGANIZATION_CANDIDATES: LiteralString = """
MATCH (o:Organization)
RETURN o.id AS id, o.name AS name, o.short_name AS short_name, o.province AS province,
       o.kind AS kind, properties(o) AS props
"""
ORGANIZATION_BY_ID: LiteralString = """
MATCH (o:Organization {id: $id}) RETURN o.id AS id, properties(o) AS props
"""

# --- merged rows: fill gaps, add links ----------------------------------------------------------

FILL_EXPERT_GAPS: LiteralString = """
UNWIND $rows AS row
MATCH (n:Expert {id: row.id})
SET n += row.props
"""
# A second employer is added as current only when the person has no current one.
ADD_EXPERT_EMPLOYERS: LiteralString = """
UNWIND $rows AS row
MATCH (e:Expert {id: row.id}), (o:Organization {id: row.org_id})
WITH e, o, row, NOT EXISTS { (e)-[:WORKS_AT {current: true}]->() } AS free
MERGE (e)-[w:WORKS_AT]->(o)
ON CREATE SET w.current = free, w.since = row.since, w.position = row.position
"""
ADD_EXPERT_SECTORS: LiteralString = """
UNWIND $rows AS row
MATCH (n:Expert {id: row.id}), (s:Sector {code: row.sector})
WHERE NOT EXISTS { (n)-[:IN_SECTOR]->(:Sector) }
MERGE (n)-[:IN_SECTOR {source: 'import'}]->(s)
"""
ADD_EXPERT_FIELDS: LiteralString = """
UNWIND $rows AS row
MATCH (n:Expert {id: row.id})
UNWIND row.fields AS code
MATCH (f:Field {code: code})
MERGE (n)-[r:HAS_EXPERTISE {source: 'import'}]->(f)
ON CREATE SET r.confidence = 1.0
"""
ADD_EXPERT_TOPICS: LiteralString = """
UNWIND $rows AS row
MATCH (n:Expert {id: row.id})
UNWIND row.topics AS topic
MERGE (t:Topic {key: topic.key})
ON CREATE SET t.name = topic.name
MERGE (n)-[r:HAS_EXPERTISE {source: 'import'}]->(t)
ON CREATE SET r.confidence = 1.0
"""
FILL_ORGANIZATION_GAPS: LiteralString = """
UNWIND $rows AS row
MATCH (n:Organization {id: row.id})
SET n += row.props
"""
ADD_ORGANIZATION_EXTERNAL_IDS: LiteralString = upserts.LINK_ORGANIZATION_EXTERNAL_IDS
ADD_ORGANIZATION_PARENTS: LiteralString = """
UNWIND $rows AS row
MATCH (n:Organization {id: row.id}), (parent:Organization {id: row.parent_id})
WHERE NOT EXISTS { (n)-[:PART_OF]->(:Organization) }
MERGE (n)-[:PART_OF]->(parent)
"""

# --- one organization across data sources (ingest.cross_source) ----------------------------------

# Named organizations whose id has one of the given adapter prefixes ("EU-PIC-", "OA-"), in the
# given countries (all when $countries is null): the bodies of the other sources an incoming row may be.
ORGANIZATIONS_WITH_PREFIX: LiteralString = """
UNWIND $prefixes AS prefix
MATCH (o:Organization) WHERE o.id STARTS WITH prefix
  AND NOT coalesce(o.unnamed, false)
  AND ($countries IS NULL OR o.country IN $countries OR o.country IS NULL)
RETURN o.id AS id, o.name AS name, o.short_name AS short_name, o.country AS country, o.city AS city
"""
# Ids with these prefixes already in the graph.
ORGANIZATION_IDS_WITH_PREFIX: LiteralString = """
UNWIND $prefixes AS prefix
MATCH (o:Organization) WHERE o.id STARTS WITH prefix
RETURN o.id AS id
"""
# Which organization holds each external id of these schemes (few: only links that were made).
EXTERNAL_IDS_OF_SCHEMES: LiteralString = """
MATCH (o:Organization)-[:IDENTIFIED_BY]->(x:ExternalId)
WHERE x.scheme IN $schemes
RETURN x.key AS key, o.id AS holder
"""
ORGANIZATION_PROPS: LiteralString = """
UNWIND $ids AS id
MATCH (o:Organization {id: id})
RETURN o.id AS id, properties(o) AS props
"""
