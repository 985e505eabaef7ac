"""Finding experts (search box, task matching) and reading their profiles."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, HTTPException, Path, Query

from api.deps import AuditDep, GraphDep, Reader
from api.hits import hit_out
from api.match_schemas import MatchIn, MatchResult
from api.schemas import ProfileOut, SearchResult
from api.security import mask_personal
from graph.schema import ACADEMIC_TITLES, DEGREES
from graph.sectors import SECTOR_BY_CODE
from ingest.extract.request_fields import request_fields
from queries.filters import AGE_BANDS, ExpertFilters, normalize_gender
from queries.inferred_fields import InferredField
from queries.profile import get_profile
from queries.search import match_experts, search_experts, task_text

router = APIRouter(prefix="/api/v1/experts", tags=["experts"])

SECTOR_PATTERN = "^(" + "|".join(SECTOR_BY_CODE) + ")$"
AGE_PATTERN = "^(" + "|".join(AGE_BANDS) + ")$"
FIELD_PATTERN = r"^\d{1,5}$"
_DEGREE_BY_KEY = {d.lower(): d for d in DEGREES}
_TITLE_BY_KEY = {t.lower(): t for t in ACADEMIC_TITLES}


def _codes(values: list[str], known: dict[str, str], what: str) -> tuple[str, ...]:
    """Case-blind codes ("ts", "TS", "ThS"); an unknown one is a 422 naming it."""
    found = []
    for value in values:
        for part in value.replace(";", ",").split(","):
            if not part.strip():
                continue
            code = known.get(part.strip().lower().replace(".", ""))
            if code is None:
                raise HTTPException(
                    422, f"{what} {part.strip()!r} is not one of: {', '.join(known.values())}"
                )
            found.append(code)
    return tuple(found)


@router.get("/search", response_model=SearchResult)
def search(
    graph: GraphDep,
    user: Reader,
    q: Annotated[str, Query(max_length=500, description="Vietnamese or English, diacritics optional")] = "",
    sector: Annotated[str | None, Query(pattern=SECTOR_PATTERN, description="sector code")] = None,
    field: Annotated[
        str | None, Query(pattern=FIELD_PATTERN, description="field code; subfields included")
    ] = None,
    degree: Annotated[
        list[str], Query(description="học vị: TSKH, TS, ThS, CKII, ... (repeat or comma)")
    ] = [],  # noqa: B006
    academic_title: Annotated[list[str], Query(description="học hàm: GS, PGS")] = [],  # noqa: B006
    gender: Annotated[str | None, Query(description="nam/nữ, M/F")] = None,
    ethnic_minority: Annotated[bool | None, Query(description="người dân tộc thiểu số")] = None,
    age_band: Annotated[
        str | None, Query(pattern=AGE_PATTERN, description="under_35 (trí thức trẻ), 35_44, 45_59, 60_plus")
    ] = None,
    org: Annotated[
        str | None, Query(max_length=100, description="organization id; its units included")
    ] = None,
    district: Annotated[str | None, Query(max_length=100, description="huyện, diacritics optional")] = None,
    province: Annotated[str | None, Query(max_length=100, description="tỉnh of the employer")] = None,
    in_province: Annotated[
        bool | None, Query(description="employer inside Lai Châu (true) or outside")
    ] = None,
    max_load: Annotated[int | None, Query(ge=0, le=50, description="at most this many active tasks")] = None,
    limit: Annotated[int, Query(ge=1, le=100)] = 20,
    offset: Annotated[int, Query(ge=0, le=10_000)] = 0,
) -> SearchResult:
    """Experts ranked by how well the graph's evidence matches `q`, each with the reason."""
    try:
        gender_code = normalize_gender(gender)
    except ValueError as exc:
        raise HTTPException(422, str(exc)) from exc
    filters = ExpertFilters(
        sector=sector,
        field=field,
        degrees=_codes(degree, _DEGREE_BY_KEY, "degree"),
        titles=_codes(academic_title, _TITLE_BY_KEY, "academic_title"),
        gender=gender_code,
        ethnic_minority=ethnic_minority,
        age_band=age_band,
        org_id=org,
        district=district,
        province=province,
        in_province=in_province,
        max_load=max_load,
    )
    page = search_experts(graph, q, filters=filters, limit=limit, offset=offset)
    results = [hit_out(h, user.role) for h in page.hits]
    return SearchResult(query=q, total=page.total, limit=limit, offset=offset, results=results)


@router.post("/match", response_model=MatchResult)
def match(graph: GraphDep, user: Reader, body: MatchIn) -> MatchResult:
    """Experts for a task or proposal text (VI or EN), scored and explained. Without named fields,
    the fields the importer's extractor reads in the text count, below named ones."""
    bad = [code for code in body.fields if not code.isdigit() or len(code) > 5]
    if bad:
        raise HTTPException(422, f"fields: {', '.join(bad)} are not field codes (QĐ 12/2008, e.g. 40101)")
    inferred = (
        []
        if body.fields
        else [
            InferredField(link.code, link.confidence)
            for link in request_fields(graph, task_text(body.title, body.description))
        ]
    )
    page = match_experts(
        graph,
        body.title,
        body.description,
        fields=body.fields,
        candidate_ids=body.candidate_ids,
        limit=body.limit,
        offset=body.offset,
        inferred=inferred,
    )
    results = [hit_out(h, user.role) for h in page.hits]
    return MatchResult(total=page.total, limit=body.limit, offset=body.offset, results=results)


@router.get("/{expert_id}", response_model=ProfileOut, responses={404: {"description": "no such expert"}})
def profile(
    graph: GraphDep, user: Reader, record: AuditDep, expert_id: Annotated[str, Path(max_length=100)]
) -> ProfileOut:
    """The expert's sector, fields, organizations, projects with roles, publications, co-workers,
    councils and commissioned tasks with the current load.

    Contacts, birth year and ethnicity are personal data: roles without that right see them masked.
    Every view is written to the audit log.
    """
    found = get_profile(graph, expert_id)
    found["expert"], masked = mask_personal(found["expert"], user.role)
    record("view_profile", expert_id, "masked" if masked else None)
    return ProfileOut.model_validate({**found, "masked": masked})
