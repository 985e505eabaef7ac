"""Ranked experts from `queries.ranking` as API models, with their explanation."""

from __future__ import annotations

from api.explain import API_LANG, reason, url_for
from api.schemas import EvidenceOut, ExpertHitOut
from api.security import mask_personal
from queries.ranking import Evidence, RankedExpert


def evidence_out(evidence: list[Evidence]) -> list[EvidenceOut]:
    """Evidence as API models, each with the link to the record behind it."""
    return [
        EvidenceOut(
            signal=ev.signal,
            kind=ev.kind,
            ref=ev.ref,
            label=ev.label,
            detail=ev.detail,
            contribution=ev.contribution,
            url=url_for(ev),
        )
        for ev in evidence
    ]


def hit_out(hit: RankedExpert, role: str) -> ExpertHitOut:
    """The API model of one result; personal fields are masked for roles without that right."""
    card, _ = mask_personal(dict(hit.card), role)
    return ExpertHitOut(
        id=hit.id,
        name=card["name"],
        academic_title=card["academic_title"],
        degree=card["degree"],
        org_id=card["org_id"],
        organization=card["organization"],
        sector=card["sector"],
        sector_name=card["sector_name"],
        gender=card["gender"],
        birth_year=card["birth_year"],
        ethnic_minority=card["ethnic_minority"],
        district=card["district"],
        province=card["province"],
        in_province=card["in_province"],
        load=card["load"] or 0,
        score=hit.score,
        components=hit.components,
        reason=reason(API_LANG, hit.evidence),
        evidence=evidence_out(hit.evidence),
        url=f"/api/v1/experts/{hit.id}",
    )
