"""Cypher that loads patents, awards and association memberships (the import's `patents`, `awards`
and `memberships` tables), in the shape of `graph.upserts`: one `UNWIND $rows` per step, MERGE on
the key under a uniqueness constraint (migration 80), safe to run twice.

Lists a row gives whole (a patent's inventors and holders) replace the stored ones; an empty cell
leaves them. Field and topic links are replaced only among those whose `source` is 'import'.
"""

from __future__ import annotations

from typing import LiteralString

from graph.upserts import replace_import_fields

PATENT_HASHES: LiteralString = """
UNWIND $keys AS key MATCH (n:Patent {id: key}) RETURN key, n.row_hash AS row_hash
"""
# Award rows are keyed [award_id, expert_id]: the hash sits on the recipient's RECEIVED link.
AWARD_HASHES: LiteralString = """
UNWIND $keys AS key
MATCH (e:Expert {id: key[1]}), (a:Award {id: key[0]})
WITH key, [(e)-[r:RECEIVED]->(a) | r.row_hash] AS found
WHERE found <> []
RETURN key, found[0] AS row_hash
"""
MEMBERSHIP_HASHES: LiteralString = """
UNWIND $keys AS key
MATCH (e:Expert {id: key[0]}), (o:Organization {id: key[1]})
WITH key, [(e)-[r:BELONGS_TO]->(o) | r.row_hash] AS found
WHERE found <> []
RETURN key, found[0] AS row_hash
"""
# The kind of each stored organization a membership names (it must be an association).
ORGANIZATION_KINDS: LiteralString = """
UNWIND $keys AS key MATCH (o:Organization {id: key}) RETURN key, o.kind AS kind
"""

MERGE_PATENTS: LiteralString = """
UNWIND $rows AS row
MERGE (n:Patent {id: row.id})
SET n += row.props, n.row_hash = row.row_hash
"""
REPLACE_PATENT_INVENTORS: LiteralString = """
UNWIND $rows AS row
MATCH (n:Patent {id: row.id})
FOREACH (old IN [(e)-[r:INVENTED]->(n) WHERE NOT e.id IN [x IN row.inventors | x.expert_id] | r] |
  DELETE old)
WITH n, row
UNWIND row.inventors AS link
MATCH (e:Expert {id: link.expert_id})
MERGE (e)-[r:INVENTED]->(n)
SET r.position = link.position
"""
REPLACE_PATENT_OWNERS: LiteralString = """
UNWIND $rows AS row
MATCH (n:Patent {id: row.id})
FOREACH (old IN [(o)-[r:OWNS]->(n) WHERE NOT o.id IN row.owners | r] | DELETE old)
WITH n, row
UNWIND row.owners AS org_id
MATCH (o:Organization {id: org_id})
MERGE (o)-[:OWNS]->(n)
"""
REPLACE_PATENT_FIELDS = replace_import_fields("(n:Patent {id: row.id})")
REPLACE_PATENT_TOPICS: LiteralString = """
UNWIND $rows AS row
MATCH (n:Patent {id: row.id})
FOREACH (old IN [(n)-[r:ABOUT {source: 'import'}]->(t) WHERE 'Topic' IN labels(t)
                 AND NOT t.key IN [x IN row.topics | x.key] | r] | DELETE old)
WITH n, row
UNWIND row.topics AS topic
MERGE (t:Topic {key: topic.key})
ON CREATE SET t.name = topic.name
MERGE (n)-[r:ABOUT {source: 'import'}]->(t)
SET r.confidence = 1.0
"""

# The award node is shared: every co-recipient's row sets the same properties (validation checks
# that co-recipients' rows agree), then links its recipient.
MERGE_AWARDS: LiteralString = """
UNWIND $rows AS row
MATCH (e:Expert {id: row.expert_id})
MERGE (a:Award {id: row.award_id})
SET a += row.props
MERGE (e)-[r:RECEIVED]->(a)
SET r.row_hash = row.row_hash
"""
REPLACE_AWARD_FIELDS = replace_import_fields("(n:Award {id: row.award_id})")

MERGE_MEMBERSHIPS: LiteralString = """
UNWIND $rows AS row
MATCH (e:Expert {id: row.expert_id}), (o:Organization {id: row.org_id})
MERGE (e)-[r:BELONGS_TO]->(o)
SET r.role = row.role, r.row_hash = row.row_hash,
    r.since = coalesce(row.since, r.since), r.until = coalesce(row.until, r.until)
"""
