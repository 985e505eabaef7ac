"""A result's evidence as the pages show it: the sentences of api/explain.py with page links."""

from __future__ import annotations

from dataclasses import dataclass

from api import explain
from queries.ranking import Evidence

reason = explain.reason
sentence = explain.sentence


@dataclass(frozen=True)
class EvidenceView:
    kind: str
    sentence: str
    url: str | None  # None: no page (patents, awards)
    contribution: float


def views(lang: str, evidence: list[Evidence]) -> list[EvidenceView]:
    return [
        EvidenceView(ev.kind, explain.sentence(lang, ev), explain.page_url(ev), ev.contribution)
        for ev in evidence
    ]
