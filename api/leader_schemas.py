"""Response bodies of leading experts per field and sector, and of the program's gaps."""

from __future__ import annotations

from pydantic import BaseModel, Field

from api.schemas import EvidenceOut


class LeaderOut(BaseModel):
    id: str
    name: str
    academic_title: str | None = None
    degree: str | None = None
    org_id: str | None = None
    organization: str | None = None
    in_province: bool | None = None
    score: float = Field(description="0..1: standing on work in this field or sector")
    above_bar: bool = Field(description="reaches the leader bar (docs/ranking.md)")
    evidence: list[EvidenceOut]
    url: str


class LeadersOut(BaseModel):
    kind: str = Field(description="field or sector")
    code: str
    name_vi: str
    name_en: str | None = None
    bar: float
    leaders: list[LeaderOut]


class GapOut(BaseModel):
    kind: str
    code: str
    name_vi: str
    name_en: str | None = None
    experts: int = Field(description="experts holding the field, or in the sector")
    leaders: int = Field(description="of them, how many reach the bar")
    best_score: float


class GapsOut(BaseModel):
    bar: float
    bar_meaning: str
    gaps: list[GapOut] = Field(description="program fields and sectors without a leader above the bar")
    all: list[GapOut] = Field(description="every program field and sector, with its counts")
