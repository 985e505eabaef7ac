"""Finding experts and reading their profiles."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Path, Query

from api.deps import AuditDep, GraphDep, Reader
from api.explain import reason, url_for
from api.schemas import EvidenceOut, ExpertHitOut, ProfileOut, SearchResult
from api.security import mask_personal
from graph.sectors import SECTOR_BY_CODE
from queries.profile import get_profile
from queries.search import search_experts

router = APIRouter(prefix="/api/v1/experts", tags=["experts"])

SECTOR_PATTERN = "^(" + "|".join(SECTOR_BY_CODE) + ")$"


@router.get("/search", response_model=SearchResult)
def search(
    graph: GraphDep,
    q: Annotated[str, Query(max_length=500, description="Vietnamese or English, diacritics optional")] = "",
    sector: Annotated[str | None, Query(pattern=SECTOR_PATTERN, description="sector code")] = None,
    field: Annotated[
        str | None, Query(pattern=r"^\d{1,5}$", description="field code; subfields included")
    ] = None,
    limit: Annotated[int, Query(ge=1, le=100)] = 20,
    offset: Annotated[int, Query(ge=0, le=10_000)] = 0,
) -> SearchResult:
    """Experts ranked by how well the graph's evidence matches `q`, each with the reason."""
    page = search_experts(graph, q, sector=sector, field_code=field, limit=limit, offset=offset)
    results = [
        ExpertHitOut(
            id=h.id,
            name=h.name,
            academic_title=h.academic_title,
            degree=h.degree,
            org_id=h.org_id,
            organization=h.organization,
            sector=h.sector,
            sector_name=h.sector_name,
            score=h.score,
            reason=reason(h.evidence),
            evidence=[
                EvidenceOut(
                    kind=ev.kind,
                    ref=ev.ref,
                    label=ev.label,
                    detail=ev.detail,
                    contribution=ev.contribution,
                    url=url_for(ev),
                )
                for ev in h.evidence
            ],
            url=f"/api/v1/experts/{h.id}",
        )
        for h in page.hits
    ]
    return SearchResult(query=q, total=page.total, limit=limit, offset=offset, results=results)


@router.get("/{expert_id}", response_model=ProfileOut, responses={404: {"description": "no such expert"}})
def profile(
    graph: GraphDep, user: Reader, record: AuditDep, expert_id: Annotated[str, Path(max_length=100)]
) -> ProfileOut:
    """The expert's sector, fields, organizations, projects with roles, publications and co-workers.

    Contacts, birth year and ethnicity are personal data: roles without that right see them masked.
    Every view is written to the audit log.
    """
    found = get_profile(graph, expert_id)
    found["expert"], masked = mask_personal(found["expert"], user.role)
    record("view_profile", expert_id, "masked" if masked else None)
    return ProfileOut.model_validate({**found, "masked": masked})
