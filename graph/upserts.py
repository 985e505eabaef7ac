"""Cypher for loading: one `UNWIND $rows` statement per step, MERGE on each label's natural key.

Rows come from `ingest.records`. Properties arrive as `row.props` with unknown (empty) values already
dropped, so `SET n += row.props` never erases a stored value. Link sets (fields, topics, sector) are
replaced only when the file gives one, and only the links whose `source` is 'import': links made by
hand ('manual') or by other pipelines belong to them. Every statement is safe to run twice, since a
transaction function may be retried.
"""

from __future__ import annotations

from typing import LiteralString

# --- reads used before writing ------------------------------------------------------------------

# Stored row hashes of the keys in `$keys` (a missing key is a new row); also used to check that a
# referenced key exists.
ORGANIZATION_HASHES: LiteralString = """
UNWIND $keys AS key MATCH (n:Organization {id: key}) RETURN key, n.row_hash AS row_hash
"""
EXPERT_HASHES: LiteralString = """
UNWIND $keys AS key MATCH (n:Expert {id: key}) RETURN key, n.row_hash AS row_hash
"""
PROJECT_HASHES: LiteralString = """
UNWIND $keys AS key MATCH (n:Project {code: key}) RETURN key, n.row_hash AS row_hash
"""
PUBLICATION_HASHES: LiteralString = """
UNWIND $keys AS key MATCH (n:Publication {id: key}) RETURN key, n.row_hash AS row_hash
"""
# Relationship rows are keyed [project_code or pub_id, expert_id or org_id], as in the files. Both
# ends are bound before the pattern comprehension, so the pair is checked from its smaller side
# (Expand(Into)); a plain MATCH let the planner walk every relationship of a busy organization for
# every key, which made a 145k-participation load quadratic.
MEMBER_HASHES: LiteralString = """
UNWIND $keys AS key
MATCH (e:Expert {id: key[1]}), (p:Project {code: key[0]})
WITH key, [(e)-[r:MEMBER_OF]->(p) | r.row_hash] AS found
WHERE found <> []
RETURN key, found[0] AS row_hash
"""
PARTNER_HASHES: LiteralString = """
UNWIND $keys AS key
MATCH (o:Organization {id: key[1]}), (p:Project {code: key[0]})
WITH key, [(o)-[r:PARTNER_IN]->(p) | r.row_hash] AS found
WHERE found <> []
RETURN key, found[0] AS row_hash
"""
AUTHOR_HASHES: LiteralString = """
UNWIND $keys AS key
MATCH (e:Expert {id: key[1]}), (w:Publication {id: key[0]})
WITH key, [(e)-[r:AUTHORED]->(w) | r.row_hash] AS found
WHERE found <> []
RETURN key, found[0] AS row_hash
"""

# Which experts already hold a value of a uniquely constrained property.
EXPERTS_BY_EMAIL: LiteralString = """
UNWIND $values AS value MATCH (n:Expert {email: value}) RETURN value, n.id AS id
"""
EXPERTS_BY_ORCID: LiteralString = """
UNWIND $values AS value MATCH (n:Expert {orcid: value}) RETURN value, n.id AS id
"""
EXPERTS_BY_STAFF_CODE: LiteralString = """
UNWIND $values AS value MATCH (n:Expert {staff_code: value}) RETURN value, n.id AS id
"""

FIELD_CODES: LiteralString = "MATCH (f:Field) RETURN f.code AS code"

# --- user data ----------------------------------------------------------------------------------

MERGE_ORGANIZATIONS: LiteralString = """
UNWIND $rows AS row
MERGE (n:Organization {id: row.id})
SET n += row.props, n.row_hash = row.row_hash
SET n.country = coalesce(n.country, 'VN')
"""
# An organization has one parent body; a new one replaces the old.
LINK_ORGANIZATION_PARENTS: LiteralString = """
UNWIND $rows AS row
MATCH (n:Organization {id: row.id}), (parent:Organization {id: row.parent_id})
FOREACH (old IN [(n)-[r:PART_OF]->(x) WHERE x.id <> row.parent_id | r] | DELETE old)
MERGE (n)-[:PART_OF]->(parent)
"""
# Another system's id names one organization: MERGE on scheme + value (migration 70), then link it.
LINK_ORGANIZATION_EXTERNAL_IDS: LiteralString = """
UNWIND $rows AS row
MATCH (n:Organization {id: row.id})
UNWIND row.external_ids AS ext
MERGE (x:ExternalId {key: ext.key})
ON CREATE SET x.scheme = ext.scheme, x.value = ext.value
MERGE (n)-[:IDENTIFIED_BY]->(x)
"""
# Who holds each id: linked through an ExternalId node, or by the adapter's own id form.
ORGANIZATIONS_BY_EXTERNAL_ID: LiteralString = """
UNWIND $ids AS ext
OPTIONAL MATCH (linked:Organization)-[:IDENTIFIED_BY]->(:ExternalId {key: ext.key})
WITH ext, collect(linked.id) AS linked
OPTIONAL MATCH (own:Organization {id: ext.implicit_id})
WITH ext, linked, collect(own.id) AS own
RETURN ext.key AS key, linked + own AS holders
"""

_IMPORT_FIELDS: LiteralString = """
FOREACH (old IN [(n)-[r:ABOUT {source: 'import'}]->(f) WHERE 'Field' IN labels(f)
                 AND NOT f.code IN row.fields | r] | DELETE old)
WITH n, row
UNWIND row.fields AS code
MATCH (f:Field {code: code})
MERGE (n)-[r:ABOUT {source: 'import'}]->(f)
SET r.confidence = 1.0
"""


def replace_import_fields(node: LiteralString) -> LiteralString:
    """The statement that makes a row's node (`node`, bound as `n` from `row`) ABOUT exactly the
    row's fields among its links of source 'import' (manual and extracted links stay): one text for
    every kind of work an import tags with fields, so a change to the rule reaches all of them."""
    return "\nUNWIND $rows AS row\nMATCH " + node + _IMPORT_FIELDS


MERGE_EXPERTS: LiteralString = """
UNWIND $rows AS row
MERGE (n:Expert {id: row.id})
SET n += row.props, n.row_hash = row.row_hash
"""
# A new employer closes the current job (current=false, until=$year) instead of deleting it.
SET_EXPERT_EMPLOYERS: LiteralString = """
UNWIND $rows AS row
MATCH (e:Expert {id: row.id}), (o:Organization {id: row.org_id})
FOREACH (old IN [(e)-[r:WORKS_AT {current: true}]->(x) WHERE x.id <> row.org_id | r] |
  SET old.current = false, old.until = $year)
MERGE (e)-[w:WORKS_AT]->(o)
SET w.current = true, w.until = null,
    w.since = coalesce(row.since, w.since), w.position = coalesce(row.position, w.position)
"""
REPLACE_EXPERT_SECTORS: LiteralString = """
UNWIND $rows AS row
MATCH (n:Expert {id: row.id}), (s:Sector {code: row.sector})
FOREACH (old IN [(n)-[r:IN_SECTOR {source: 'import'}]->(x) WHERE x.code <> row.sector | r] |
  DELETE old)
MERGE (n)-[r:IN_SECTOR {source: 'import'}]->(s)
"""
# The old-link comprehensions name the far node's label through labels(), not a pattern label: with
# a label, the planner may scan every Topic (or Field) and check each against the expert, which made
# the second chunk of 5,000 experts take 19 s instead of 0.1 s.
REPLACE_EXPERT_FIELDS: LiteralString = """
UNWIND $rows AS row
MATCH (n:Expert {id: row.id})
FOREACH (old IN [(n)-[r:HAS_EXPERTISE {source: 'import'}]->(f) WHERE 'Field' IN labels(f)
                 AND NOT f.code IN row.fields | r] | DELETE old)
WITH n, row
UNWIND row.fields AS code
MATCH (f:Field {code: code})
MERGE (n)-[r:HAS_EXPERTISE {source: 'import'}]->(f)
SET r.confidence = 1.0
"""
REPLACE_EXPERT_TOPICS: LiteralString = """
UNWIND $rows AS row
MATCH (n:Expert {id: row.id})
FOREACH (old IN [(n)-[r:HAS_EXPERTISE {source: 'import'}]->(t) WHERE 'Topic' IN labels(t)
                 AND NOT t.key IN [x IN row.topics | x.key] | r] | DELETE old)
WITH n, row
UNWIND row.topics AS topic
MERGE (t:Topic {key: topic.key})
ON CREATE SET t.name = topic.name
MERGE (n)-[r:HAS_EXPERTISE {source: 'import'}]->(t)
SET r.confidence = 1.0
"""

MERGE_PROJECTS: LiteralString = """
UNWIND $rows AS row
MERGE (n:Project {code: row.id})
SET n += row.props, n.row_hash = row.row_hash
"""
REPLACE_PROJECT_SECTORS: LiteralString = """
UNWIND $rows AS row
MATCH (n:Project {code: row.id}), (s:Sector {code: row.sector})
FOREACH (old IN [(n)-[r:IN_SECTOR {source: 'import'}]->(x) WHERE x.code <> row.sector | r] |
  DELETE old)
MERGE (n)-[r:IN_SECTOR {source: 'import'}]->(s)
"""
REPLACE_PROJECT_FIELDS = replace_import_fields("(n:Project {code: row.id})")

MERGE_PUBLICATIONS: LiteralString = """
UNWIND $rows AS row
MERGE (n:Publication {id: row.id})
SET n += row.props, n.row_hash = row.row_hash
"""
REPLACE_PUBLICATION_FIELDS = replace_import_fields("(n:Publication {id: row.id})")

MERGE_MEMBERS: LiteralString = """
UNWIND $rows AS row
MATCH (e:Expert {id: row.expert_id}), (p:Project {code: row.project_code})
MERGE (e)-[r:MEMBER_OF]->(p)
SET r.role = row.role, r.row_hash = row.row_hash
"""
MERGE_PARTNERS: LiteralString = """
UNWIND $rows AS row
MATCH (o:Organization {id: row.org_id}), (p:Project {code: row.project_code})
MERGE (o)-[r:PARTNER_IN]->(p)
SET r.role = row.role, r.row_hash = row.row_hash,
    r.contribution_eur = coalesce(row.contribution_eur, r.contribution_eur)
"""
MERGE_AUTHORS: LiteralString = """
UNWIND $rows AS row
MATCH (e:Expert {id: row.expert_id}), (p:Publication {id: row.pub_id})
MERGE (e)-[r:AUTHORED]->(p)
SET r.position = coalesce(row.position, r.position), r.row_hash = row.row_hash
"""

# --- reference taxonomy -------------------------------------------------------------------------
# Reference rows come whole from shared data, so they are SET as given (a dropped note is removed).

MERGE_FOS_FIELDS: LiteralString = """
UNWIND $rows AS row
MERGE (n:FosField {code: row.code})
SET n.name_en = row.name_en, n.name_key = row.name_key, n.level = row.level
"""
LINK_FOS_PARENTS: LiteralString = """
UNWIND $rows AS row
MATCH (n:FosField {code: row.code}), (parent:FosField {code: row.parent_code})
MERGE (n)-[:SUBFIELD_OF]->(parent)
"""
MERGE_FIELDS: LiteralString = """
UNWIND $rows AS row
MERGE (n:Field {code: row.code})
SET n.name_vi = row.name_vi, n.name_en = row.name_en, n.name_key = row.name_key,
    n.level = row.level, n.fos_code = row.fos_code, n.note = row.note,
    n.keywords = row.keywords, n.keywords_key = row.keywords_key
"""
LINK_FIELD_PARENTS: LiteralString = """
UNWIND $rows AS row
MATCH (n:Field {code: row.code}), (parent:Field {code: row.parent_code})
MERGE (n)-[:SUBFIELD_OF]->(parent)
"""
LINK_FIELDS_TO_FOS: LiteralString = """
UNWIND $rows AS row
MATCH (n:Field {code: row.code}), (fos:FosField {code: row.fos_code})
FOREACH (old IN [(n)-[r:MAPS_TO]->(x) WHERE x.code <> row.fos_code | r] | DELETE old)
MERGE (n)-[:MAPS_TO]->(fos)
"""

# --- data version -------------------------------------------------------------------------------
# Every import that wrote something bumps the counter; a new `epoch` marks a node made afresh (after a
# wipe), so a cache keyed on (epoch, n) never mistakes a rebuilt graph for the old one. Running it
# twice (a driver retry) only bumps twice, which is still "changed".
BUMP_DATA_VERSION: LiteralString = """
MERGE (v:DataVersion {key: 'data'})
ON CREATE SET v.epoch = randomUUID(), v.n = 0
SET v.n = v.n + 1, v.updated_at = datetime()
"""


# --- proposals (issue 6) ------------------------------------------------------------------------

PROPOSAL_HASHES: LiteralString = """
UNWIND $keys AS key MATCH (n:Proposal {code: key}) RETURN key, n.row_hash AS row_hash
"""
PROPOSAL_MEMBER_HASHES: LiteralString = """
UNWIND $keys AS key
MATCH (e:Expert {id: key[1]}), (p:Proposal {code: key[0]})
WITH key, [(e)-[r:PROPOSES]->(p) | r.row_hash] AS found
WHERE found <> []
RETURN key, found[0] AS row_hash
"""
MERGE_PROPOSALS: LiteralString = """
UNWIND $rows AS row
MERGE (n:Proposal {code: row.id})
SET n += row.props, n.row_hash = row.row_hash
"""
REPLACE_PROPOSAL_FIELDS = replace_import_fields("(n:Proposal {code: row.id})")
# The host and partner organizations as given replace the stored ones: a proposal names all of them.
REPLACE_PROPOSAL_ORGS: LiteralString = """
UNWIND $rows AS row
MATCH (n:Proposal {code: row.id})
FOREACH (old IN [(o)-[r:PARTNER_IN]->(n) WHERE NOT o.id IN [x IN row.orgs | x.org_id] | r] | DELETE old)
WITH n, row
UNWIND row.orgs AS link
MATCH (o:Organization {id: link.org_id})
MERGE (o)-[r:PARTNER_IN]->(n)
SET r.role = link.role
"""
MERGE_PROPOSAL_MEMBERS: LiteralString = """
UNWIND $rows AS row
MATCH (e:Expert {id: row.expert_id}), (p:Proposal {code: row.proposal_code})
MERGE (e)-[r:PROPOSES]->(p)
SET r.role = row.role, r.row_hash = row.row_hash
"""
# A proposal sent whole through the API replaces its proposers (an import row adds one at a time).
REPLACE_PROPOSAL_MEMBERS: LiteralString = """
MATCH (p:Proposal {code: $code})
FOREACH (old IN [(e)-[r:PROPOSES]->(p) WHERE NOT e.id IN [x IN $rows | x.expert_id] | r] | DELETE old)
WITH p
UNWIND $rows AS row
MATCH (e:Expert {id: row.expert_id})
MERGE (e)-[r:PROPOSES]->(p)
SET r.role = row.role, r.row_hash = row.row_hash
"""
