"""The candidate pool of a ranking in one statement, and only the candidates that can reach the page.

The pool is the experts behind the top hits of each full-text and vector index (or exactly the
experts a match names), filtered. The server rolls up each expert's lexical and semantic relevance
(queries/relevance.py), applies the filters and computes field relevance and standing's title and
degree part, all in one round trip. It then drops the experts that cannot reach the top `depth`:
an expert's score is at least `least` (standing is at least its title and degree part) and at most
`most` (standing at its ceiling, queries/standing.py), so anyone whose `most` is below the `depth`-th
best `least` is out. The page is the same as ranking the whole pool; only the pool's size (`total`)
and, when the field tree may add experts, its ids come back for the rest.
Before this, the pool (~1,500 experts per query on the demo, ~2,500 at 100,000) went to Python and
back as parameters, and was sorted there, which cost more CPU than ranking the page.
"""

from __future__ import annotations

import math
from typing import Any, LiteralString

from graph.settings import RankingSettings
from queries.filters import EXPERT_FILTER
from queries.relevance import _FIELD_SCORE, _TITLE_DEGREE, LEXICAL_KEYS, SEMANTIC_KEYS
from queries.relevance import _SEMANTIC_FOR_IDS as SEMANTIC_FOR_IDS_ITEMS
from queries.standing import ceiling as standing_ceiling
from queries.standing import floor as standing_floor


# Per expert node: the best strength of each item, noisy-or within a kind, kinds weighted: the same
# arithmetic as `relevance.roll_up`, which builds the explanation of the page.
# Each expert also keeps the items behind their score ([signal, kind, ref, strength]), so the
# explanation of the page reads only those items' labels instead of querying the indexes again.
def _roll_up_nodes(signal: LiteralString) -> LiteralString:
    return (
        """
WITH expert, kind, ref, max(CASE WHEN strength > 1 THEN 1.0 ELSE strength END) AS s
WHERE s > 0
WITH expert, kind, reduce(miss = 1.0, x IN collect(s) | miss * (1 - 0.999 * x)) AS miss,
     collect(['"""
        + signal
        + """', kind, ref, s]) AS items
WITH expert, sum($w.kinds[kind] * (1 - miss)) AS score,
     reduce(all = [], i IN collect(items) | all + i) AS items
"""
    )


_CAPPED: LiteralString = "CASE WHEN score > 1 THEN 1.0 ELSE score END"
_LEXICAL: LiteralString = (
    LEXICAL_KEYS
    + _roll_up_nodes("lexical")
    + "RETURN expert, "
    + _CAPPED
    + " AS lexical, 0.0 AS semantic, items, 0.0 AS field, 1 AS found"
)
_SEMANTIC: LiteralString = (
    SEMANTIC_KEYS
    + _roll_up_nodes("semantic")
    + "RETURN expert, 0.0 AS lexical, "
    + _CAPPED
    + " AS semantic, items, 0.0 AS field, 1 AS found"
)
_SEMANTIC_FOR_IDS: LiteralString = (
    "CALL { "
    + SEMANTIC_FOR_IDS_ITEMS
    + " }"
    + _roll_up_nodes("semantic")
    + "RETURN expert, 0.0 AS lexical, "
    + _CAPPED
    + " AS semantic, items, 0.0 AS field, 1 AS found"
)
# A match that names its candidates scores exactly those, found or not.
_NAMED: LiteralString = """
UNWIND coalesce($ids, []) AS eid
MATCH (expert:Expert {id: eid})
RETURN expert, 0.0 AS lexical, 0.0 AS semantic, [] AS items, 0.0 AS field, 1 AS found
"""
# Field relevance from the field side: every holder of a query subfield (`$subs`, as in
# relevance._FIELD_SCORE), not a pool member by itself (`found` 0). Fields have few holders on a
# province's graph, and a field node's relationships are grouped by type, so this reads far less
# than walking each pool expert's whole relationship chain (~15 reads each); a broad field of a big
# graph has tens of thousands of holders, and then the pool side is cheaper (`FIELD_SIDE_MAX`).
_FIELD_HOLDERS: LiteralString = """
UNWIND $sub_codes AS code
MATCH (:Field {code: code})<-[h:HAS_EXPERTISE]-(expert:Expert)
UNWIND keys($subs[code]) AS query_field
WITH expert, query_field, max($subs[code][query_field] * coalesce(h.confidence, 1.0)) AS s
WITH expert, 1 - reduce(miss = 1.0, x IN collect(s) | miss * (1 - 0.999 * x)) AS field
RETURN expert, 0.0 AS lexical, 0.0 AS semantic, [] AS items, field, 0 AS found
"""
# Bounds of an expert's score from a relevance part `P` (weighted, over Σw) and title/degree `td`:
# standing is at least its title and degree part and at most its ceiling, through the gate.
_GATE_LOW: LiteralString = "CASE WHEN low * $b.to_gate > 1 THEN 1.0 ELSE low * $b.to_gate END"
_GATE_HIGH: LiteralString = "CASE WHEN high * $b.to_gate > 1 THEN 1.0 ELSE high * $b.to_gate END"
_GATE: LiteralString = "CASE WHEN P * $b.to_gate > 1 THEN 1.0 ELSE P * $b.to_gate END"
# From the per-expert rows of the signals: filters, then the candidates in two rounds. When field
# relevance is not known yet (pool side), the first round bounds it (at most holding every query
# field, `$b.most_field`) and it is computed only for the experts that could still reach the top
# $depth; the second round, exact, keeps those that still can. `total` counts the
# experts the field tree alone adds (up to $cap, queries/relevance.FIELD_ONLY_SCORES) whether or not
# the page reads them, and the pool's ids come back only when it may have to (its depth-th score
# may not be above what such an expert can score, `$b.field_only_most`).
_HEAD_POOL_SIDE: LiteralString = (
    """
WITH expert AS e, sum(lexical) AS lexical, sum(semantic) AS semantic,
     reduce(all = [], i IN collect(items) | all + i) AS items
"""
    + EXPERT_FILTER
    + """
WITH e, lexical, semantic, items, null AS known, """
    + _TITLE_DEGREE
    + """ AS td
"""
)
_HEAD_FIELD_SIDE: LiteralString = (
    """
WITH expert AS e, sum(lexical) AS lexical, sum(semantic) AS semantic,
     reduce(all = [], i IN collect(items) | all + i) AS items, sum(field) AS known, sum(found) AS found
WHERE found > 0
WITH e, lexical, semantic, items, known
"""
    + EXPERT_FILTER
    + """
WITH e, lexical, semantic, items, known, """
    + _TITLE_DEGREE
    + """ AS td
"""
)
_ROUNDS: LiteralString = (
    """
WITH e, lexical, semantic, items, known, td,
     ($b.lexical * lexical + $b.semantic * semantic + $b.field * coalesce(known, 0.0)) / $b.total AS low
WITH e, lexical, semantic, items, known, td, low,
     CASE WHEN known IS NULL THEN low + $b.field * $b.most_field / $b.total ELSE low END AS high
WITH e, lexical, semantic, items, known, td, low, high,
     """
    + _GATE_LOW
    + """ AS low_gate, """
    + _GATE_HIGH
    + """ AS high_gate
WITH collect({e: e, lexical: lexical, semantic: semantic, items: items, known: known, td: td,
              least: low + $b.standing * low_gate * $b.least_per_td * td / $b.total,
              most: high + $b.standing * high_gate * (CASE WHEN $b.most_base + $b.most_per_td * td > 1
                    THEN 1.0 ELSE $b.most_base + $b.most_per_td * td END) / $b.total}) AS pool
CALL {
  WITH pool
  UNWIND pool AS x
  WITH x.least AS least ORDER BY least DESC
  RETURN collect(least) AS lows
}
WITH pool, CASE WHEN $depth IS NULL OR size(lows) < $depth THEN -1.0
                ELSE lows[$depth - 1] - $b.margin END AS bar
CALL {
  WITH pool
  WITH [x IN pool | x.e] AS nodes
  UNWIND $expand AS code
  MATCH (:Field {code: code})<-[:SUBFIELD_OF*0..3]-(:Field)<-[:HAS_EXPERTISE]-(e:Expert)
  WHERE NOT e IN nodes
  WITH DISTINCT e
"""
    + EXPERT_FILTER
    + """
  WITH e LIMIT $cap
  RETURN count(e) AS field_only
}
WITH size(pool) + field_only AS total,
     CASE WHEN bar <= $b.field_only_most THEN [x IN pool | x.e.id] END AS pool,
     [x IN pool WHERE x.most >= bar] AS round1
UNWIND CASE WHEN round1 = [] THEN [null] ELSE round1 END AS x
WITH total, pool, x, x.e AS e
"""
)
# Field relevance of the first round's experts: walked from each (pool side), or already known.
_FIELD_OF_ROUND: LiteralString = _FIELD_SCORE
_FIELD_KNOWN: LiteralString = "WITH total, pool, x, e, x.known AS score\n"
_ROUND_TWO: LiteralString = (
    """
WITH total, pool, x, score AS field,
     ($b.lexical * x.lexical + $b.semantic * x.semantic + $b.field * score) / $b.total AS P
WITH total, pool, x, field, P, """
    + _GATE
    + """ AS gate
WITH total, pool, collect(CASE WHEN x IS NOT NULL THEN {
       e: x.e, lexical: x.lexical, semantic: x.semantic, items: x.items, td: x.td, field: field,
       least: P + $b.standing * gate * $b.least_per_td * x.td / $b.total,
       most: P + $b.standing * gate * (CASE WHEN $b.most_base + $b.most_per_td * x.td > 1
             THEN 1.0 ELSE $b.most_base + $b.most_per_td * x.td END) / $b.total} END) AS round2
CALL {
  WITH round2
  UNWIND round2 AS x
  WITH x.least AS least ORDER BY least DESC
  RETURN collect(least) AS lows
}
WITH total, pool, round2, CASE WHEN $depth IS NULL OR size(lows) < $depth THEN -1.0
                               ELSE lows[$depth - 1] - $b.margin END AS bar
WITH total, pool, [x IN round2 WHERE x.most >= bar] AS kept
RETURN total, pool, [x IN kept | x.e.id] AS ids, [x IN kept | x.lexical] AS lexical,
       [x IN kept | x.semantic] AS semantic, [x IN kept | x.field] AS field,
       [x IN kept | x.td] AS title_degree,
       [x IN kept | x.items] AS items
"""
    # (`items`: per candidate, the hits behind their scores, for the explanation.)
)


def _statement(field_side: bool, *parts: LiteralString) -> LiteralString:
    body: LiteralString = parts[0]
    for part in parts[1:]:
        body = body + " UNION ALL " + part
    if field_side:
        body = body + " UNION ALL " + _FIELD_HOLDERS
        return "CALL { " + body + " }" + _HEAD_FIELD_SIDE + _ROUNDS + _FIELD_KNOWN + _ROUND_TWO
    return "CALL { " + body + " }" + _HEAD_POOL_SIDE + _ROUNDS + _FIELD_OF_ROUND + _ROUND_TWO


_BRANCHES: dict[tuple[bool, str | None], tuple[LiteralString, ...]] = {
    (True, None): (_LEXICAL, _NAMED),
    (True, "index"): (_LEXICAL, _SEMANTIC, _NAMED),
    (True, "ids"): (_LEXICAL, _SEMANTIC_FOR_IDS, _NAMED),
    (False, None): (_NAMED,),
    (False, "index"): (_SEMANTIC, _NAMED),
    (False, "ids"): (_SEMANTIC_FOR_IDS, _NAMED),
}
# One text per combination (lexical query?, semantic: none / index / ids, field side?), so each
# keeps one cached plan.
POOL_STATEMENTS: dict[tuple[bool, str | None, bool], LiteralString] = {
    (*key, side): _statement(side, *branches) for key, branches in _BRANCHES.items() for side in (False, True)
}
# Field relevance is read from the field side when the query's subfields have at most this many
# holders in all (and no candidate ids are named): below it that reads less than the pool side.
FIELD_SIDE_MAX = 3000

# The most an expert's score can still differ from the bounds through float rounding: far below
# the 4 decimals scores are shown (and ordered) with.
MARGIN = 1e-3


def bounds_param(
    weights: dict[str, float], ranking: RankingSettings, strengths: dict[str, float]
) -> dict[str, Any]:
    """`$b` of the pool statement: the score's weights and standing's bounds as a linear function of
    the title and degree part (`standing.floor` and `standing.ceiling` are linear in it)."""
    total = sum(weights.values()) or 1.0
    most_base = standing_ceiling(0.0, ranking)
    relevance = (weights["lexical"] + weights["semantic"] + weights["field"]) or 1.0
    to_gate = total / relevance / ranking.relevance_gate
    most_field = 1.0 - math.prod(1.0 - 0.999 * x for x in strengths.values())
    part = weights["field"] * most_field / total
    return {
        "lexical": weights["lexical"],
        "semantic": weights["semantic"],
        "field": weights["field"],
        "standing": weights["standing"],
        "total": total,
        # relevance part x to_gate = the gate before it is capped at 1 (ranking._score)
        "to_gate": total
        / ((weights["lexical"] + weights["semantic"] + weights["field"]) or 1.0)
        / ranking.relevance_gate,
        "least_per_td": standing_floor(1.0, ranking),
        "most_base": most_base,
        "most_per_td": standing_ceiling(1.0, ranking) - most_base,
        "margin": MARGIN,
        # The most field relevance anyone can have: holding every query field (`strengths`).
        "most_field": most_field,
        # The most an expert only the field tree reaches can score (standing at 1, through the gate).
        "field_only_most": part + weights["standing"] * min(1.0, part * to_gate) / total,
    }
