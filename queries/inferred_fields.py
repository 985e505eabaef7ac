"""Fields a request is about that the caller did not name, inferred from its text, in the ranking.

Most requests come as a title and a description alone, and without fields the field tree and
topical standing only had the full-text hits on field names (`FIELDS_BY_TEXT`), which match
single syllables of unrelated names. The importer's extractor (`ingest.extract`: spaCy gazetteer
over field names and keywords, else the nearest field by embedding) reads text far better; the
caller runs it (queries never import ingest) and passes its links here with their confidence.

An inferred field counts as a named one times `inferred_field_weight` (< 1: a guess is worth less
than the user's word) times its confidence relative to the best inferred field, and the fields it
infers become the fields the query is about (standing counts work in them) in place of the
full-text matches. Standing then counts `inferred_field_weight` times as much too: it is measured
in guessed fields, mostly whole level-2 branches ("401 Trồng trọt" for a ginseng request), so it
says less about authority on the subject than standing in the fields a user named.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from graph.settings import RankingSettings


@dataclass(frozen=True)
class InferredField:
    code: str
    confidence: float  # the extractor's: share of matched words (gazetteer) or cosine (embedding)


def inferred_strengths(inferred: Sequence[InferredField], ranking: RankingSettings) -> dict[str, float]:
    """Each inferred field's strength in [0, `inferred_field_weight`]: relative to the best one."""
    best = max((f.confidence for f in inferred), default=0.0)
    if best <= 0:
        return {}
    strengths: dict[str, float] = {}
    for f in inferred:
        s = ranking.inferred_field_weight * f.confidence / best
        if s > strengths.get(f.code, 0.0):
            strengths[f.code] = s
    return strengths


def with_inferred(
    strengths: dict[str, float],
    about: list[str],
    named: Sequence[str],
    inferred: dict[str, float],
) -> tuple[dict[str, float], list[str]]:
    """The query's field strengths and `about` fields once the inferred fields join: a field keeps
    its stronger strength; named fields, when there are any, still decide what the query is about."""
    if not inferred:
        return strengths, about
    merged = dict(strengths)
    for code, s in inferred.items():
        merged[code] = max(merged.get(code, 0.0), s)
    return merged, list(named) if named else sorted(inferred)


def standing_scale(named: Sequence[str], inferred: dict[str, float], ranking: RankingSettings) -> float:
    """How much standing counts: fully with named fields (or none inferred), else as a guess."""
    return ranking.inferred_field_weight if inferred and not named else 1.0
