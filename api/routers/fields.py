"""Leading experts ("chuyên gia đầu ngành") per field and sector, and the program's gaps."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Path, Query

from api.deps import GraphDep
from api.hits import evidence_out
from api.leader_schemas import GapOut, GapsOut, LeaderOut, LeadersOut
from graph.sectors import SECTOR_BY_CODE
from graph.settings import get_ranking
from queries.leaders import Leader, field_leaders, gaps, sector_leaders
from queries.ranking import Evidence

router = APIRouter(prefix="/api/v1", tags=["leaders"])

BAR_MEANING = (
    "Điểm uy tín trong lĩnh vực ≥ ngưỡng: ví dụ PGS/TS từng chủ nhiệm đề tài cấp tỉnh trở lên về lĩnh vực "
    "này trong khoảng 10 năm gần đây. Score on work in the field at or above the bar (docs/ranking.md)."
)


def _leader_out(x: Leader, bar: float) -> LeaderOut:
    evidence = [
        Evidence(it.signal, it.kind, it.ref, it.label, it.detail, round(it.share, 4)) for it in x.evidence
    ]
    return LeaderOut(
        id=x.id,
        name=x.name,
        academic_title=x.academic_title,
        degree=x.degree,
        org_id=x.org_id,
        organization=x.organization,
        in_province=x.in_province,
        score=x.score,
        above_bar=x.score >= bar,
        evidence=evidence_out(list(evidence)),
        url=f"/api/v1/experts/{x.id}",
    )


@router.get("/fields/gaps", response_model=GapsOut)
def field_gaps(graph: GraphDep) -> GapsOut:
    """Fields and sectors of the action program where no expert reaches the leader bar."""
    rows, missing = gaps(graph)
    bar = get_ranking().leader_bar
    return GapsOut(
        bar=bar,
        bar_meaning=BAR_MEANING,
        gaps=[GapOut.model_validate(g.__dict__) for g in missing],
        all=[GapOut.model_validate(g.__dict__) for g in rows],
    )


@router.get(
    "/fields/{code}/leaders", response_model=LeadersOut, responses={404: {"description": "no such field"}}
)
def leaders_of_field(
    graph: GraphDep,
    code: Annotated[str, Path(pattern=r"^\d{1,5}$")],
    limit: Annotated[int, Query(ge=1, le=100)] = 20,
) -> LeadersOut:
    """Experts of a field (subfields included) ranked by their standing on work in it."""
    info, found = field_leaders(graph, code, limit=limit)
    bar = get_ranking().leader_bar
    return LeadersOut(
        kind="field",
        code=str(info["code"]),
        name_vi=str(info["name_vi"]),
        name_en=info["name_en"] if isinstance(info["name_en"], str) else None,
        bar=bar,
        leaders=[_leader_out(x, bar) for x in found],
    )


@router.get(
    "/sectors/{code}/leaders", response_model=LeadersOut, responses={404: {"description": "no such sector"}}
)
def leaders_of_sector(
    graph: GraphDep,
    code: Annotated[str, Path(pattern=r"^[A-Z_]{2,20}$")],
    limit: Annotated[int, Query(ge=1, le=100)] = 20,
) -> LeadersOut:
    """A sector's experts ranked by their standing on work in the sector's fields."""
    found = sector_leaders(graph, code, limit=limit)
    sector = SECTOR_BY_CODE[code]
    bar = get_ranking().leader_bar
    return LeadersOut(
        kind="sector",
        code=code,
        name_vi=sector.name_vi,
        name_en=sector.name_en,
        bar=bar,
        leaders=[_leader_out(x, bar) for x in found],
    )
