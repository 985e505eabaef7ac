"""A search result's evidence as sentences and page links, in the reader's language.

api/explain.py says the same for the JSON API in Vietnamese only; pages need both languages and link
to pages rather than to JSON.
"""

from __future__ import annotations

from dataclasses import dataclass

from api.i18n import term, translate
from api.pages.render import ref_path
from queries.ranking import Evidence

SHOWN_IN_REASON = 3


@dataclass(frozen=True)
class EvidenceView:
    kind: str
    sentence: str
    url: str
    contribution: float


def sentence(lang: str, ev: Evidence) -> str:
    if ev.kind == "project":
        role, _, level = (ev.detail or "").partition(" / ")
        text = translate(
            lang,
            "ev.project",
            role=term(lang, "role", role),
            level=term(lang, "level", level),
            label=ev.label,
            ref=ev.ref,
        )
        return text[:1].upper() + text[1:]
    if ev.kind == "publication":
        if ev.detail:
            return translate(lang, "ev.publication", label=ev.label, detail=ev.detail)
        return translate(lang, "ev.publication_undated", label=ev.label)
    if ev.kind == "field":
        return translate(lang, "ev.field", label=ev.label, ref=ev.ref)
    if ev.kind == "title":
        return translate(lang, "ev.profile", label=ev.label)
    return translate(lang, "ev.profile", label=ev.label)


def page_url(ev: Evidence) -> str:
    prefix = {"project": "/projects", "publication": "/publications", "field": "/fields"}.get(
        ev.kind, "/experts"
    )
    return ref_path(prefix, ev.ref)


def views(lang: str, evidence: list[Evidence]) -> list[EvidenceView]:
    return [EvidenceView(ev.kind, sentence(lang, ev), page_url(ev), ev.contribution) for ev in evidence]


def reason(lang: str, evidence: list[Evidence]) -> str:
    """One sentence on why an expert matched: the strongest few pieces of evidence."""
    if not evidence:
        return translate(lang, "ev.filters_only")
    return "; ".join(sentence(lang, ev) for ev in evidence[:SHOWN_IN_REASON])
