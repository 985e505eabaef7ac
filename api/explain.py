"""The one source of the sentences that say why an expert matched, in Vietnamese or English.

The JSON API (`api/hits.py`, Vietnamese) and the web pages (search results, task candidates, council
seats) all phrase a piece of ranking evidence, or a task candidate's conflict, here, with the words
from api/i18n.py, so the same evidence reads the same everywhere. Only the links differ: the API
points at JSON, pages at pages.
"""

from __future__ import annotations

from urllib.parse import quote

from api.i18n import term, translate
from queries.candidates import Conflict
from queries.ranking import Evidence

SHOWN_IN_REASON = 3
# Evidence kinds without a page or API resource: the sentence names them (title, number) instead.
NO_PAGE = ("patent", "award")
API_LANG = "vi"


def sentence(lang: str, ev: Evidence) -> str:
    """One piece of evidence as a sentence, e.g. «Chủ nhiệm đề tài cấp tỉnh «...» (DT-1)»."""
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
    if ev.kind == "patent":
        status, _, kind = (ev.detail or "").partition(" / ")
        return translate(
            lang,
            "ev.patent",
            kind=term(lang, "patent", kind) or term(lang, "kind", "patent"),
            label=ev.label,
            status=term(lang, "pstatus", status),
            ref=ev.ref,
        )
    if ev.kind == "award":
        level, _, year = (ev.detail or "").partition(" / ")
        text = translate(lang, "ev.award", level=term(lang, "level", level), label=ev.label, year=year)
        return text[:1].upper() + text[1:]
    if ev.kind == "field":
        return translate(lang, "ev.field", label=ev.label, ref=ev.ref)
    if ev.kind == "title":
        return translate(lang, "ev.title", label=ev.label)
    return translate(lang, "ev.profile", label=ev.label)


def reason(lang: str, evidence: list[Evidence]) -> str:
    """Why an expert matched, in one line: the strongest few pieces of evidence."""
    if not evidence:
        return translate(lang, "ev.filters_only")
    return "; ".join(sentence(lang, ev) for ev in evidence[:SHOWN_IN_REASON])


def conflict_sentence(lang: str, c: Conflict) -> str:
    """Why a task candidate was left out, e.g. «Cùng cơ quan đặt hàng (Sở Nông nghiệp ...)»."""
    return translate(lang, f"tconflict.{c.kind}", org=c.org, project=c.project, load=c.load, limit=c.limit)


def _segment(ref: str) -> str:
    return quote(ref, safe="")


def page_url(ev: Evidence) -> str | None:
    """The web page of the record behind the evidence (keys may hold '/', so escaped whole); patents
    and awards have no page of their own yet, so none."""
    if ev.kind in NO_PAGE:
        return None
    prefix = {"project": "/projects", "publication": "/publications", "field": "/fields"}.get(
        ev.kind, "/experts"
    )
    return f"{prefix}/{_segment(ev.ref)}"


def url_for(ev: Evidence) -> str | None:
    """The JSON API resource of the record behind the evidence (none for patents and awards)."""
    if ev.kind in NO_PAGE:
        return None
    if ev.kind in ("profile", "title"):
        return f"/api/v1/experts/{ev.ref}"
    if ev.kind == "project":
        return f"/api/v1/projects/{ev.ref}"
    if ev.kind == "publication":
        return f"/api/v1/publications/{ev.ref}"
    return f"/api/v1/fields/{ev.ref}/leaders"
