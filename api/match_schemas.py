"""Request and response bodies of task matching (POST /api/v1/experts/match)."""

from __future__ import annotations

from pydantic import BaseModel, Field

from api.schemas import ExpertHitOut


class MatchIn(BaseModel):
    title: str = Field(min_length=1, max_length=500, description="task or proposal title, VI or EN")
    description: str = Field("", max_length=20_000, description="what the task needs, VI or EN")
    fields: list[str] = Field(
        default_factory=list, max_length=20, description="field codes the task needs (subfields count)"
    )
    candidate_ids: list[str] | None = Field(
        None, max_length=500, description="score only these experts (e.g. a shortlist)"
    )
    limit: int = Field(20, ge=1, le=100, strict=True)
    offset: int = Field(0, ge=0, le=10_000, strict=True)


class MatchResult(BaseModel):
    total: int
    limit: int
    offset: int
    results: list[ExpertHitOut]
