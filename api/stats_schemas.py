"""Request and response bodies of the statistics API (issue 8), beside `api/schemas.py` so that
parallel work on the two does not collide."""

from __future__ import annotations

from pydantic import BaseModel, Field


class GroupOut(BaseModel):
    values: dict[str, str | bool | None] = Field(description="dimension -> value code")
    labels: dict[str, str] = Field(description="dimension -> Vietnamese label")
    count: int
    share: float = Field(description="share of the total, 0..1")
    suppressed: bool = Field(description="the merged row of groups smaller than min_group_size")


class WorkforceOut(BaseModel):
    by: list[str]
    filters: dict[str, list[str]]
    year: int = Field(description="the year ages are computed for")
    total: int = Field(description="people matching the filters; the group counts add up to it")
    min_group_size: int | None = Field(
        description="threshold applied because a sensitive dimension was asked for, else null"
    )
    suppressed_groups: int
    headers: dict[str, str] = Field(description="dimension -> Vietnamese name")
    groups: list[GroupOut]


class TargetForecastOut(BaseModel):
    year: int
    median: float
    low: float = Field(description="5th percentile of the bootstrap")
    high: float = Field(description="95th percentile of the bootstrap")
    on_track: bool = Field(description="the median meets the target on the current trend")
    mean_intake: float = Field(
        description="people per year over the history window (for a share: joining its denominator)"
    )
    required_intake: float | None = Field(
        description="people per year needed from next year to the deadline (count targets)"
    )
    intake_share: float | None = Field(
        default=None, description="share targets: percent of recent newcomers who counted"
    )
    required_intake_share: float | None = Field(
        default=None,
        description="share targets: percent of newcomers from next year on who must count to meet it "
        "(above 100: recruitment alone cannot)",
    )


class TargetOut(BaseModel):
    key: str
    name_vi: str
    name_en: str
    metric: str | None
    comparison: str = Field(description="more_than, at_least or between")
    value: float
    value_max: float | None
    unit: str
    deadline_year: int
    source: str
    note: str
    measurable: bool
    current: float | None
    gap: float | None
    status: str = Field(description="đạt, chưa đạt, or không đo được")
    forecast: TargetForecastOut | None


class TargetsOut(BaseModel):
    year: int
    targets: list[TargetOut]


class TargetUpdateIn(BaseModel):
    key: str = Field(max_length=60)
    comparison: str = Field(max_length=20)
    value: float
    value_max: float | None = None
    deadline_year: int = Field(ge=2000, le=2100)
    note: str | None = Field(default=None, max_length=1000)


class HistoryOut(BaseModel):
    metrics: dict[str, str] = Field(description="metric -> Vietnamese description")
    rows: list[dict[str, float | int | None]]


class YearOut(BaseModel):
    year: int
    survivors: int
    median: float
    low: float
    high: float


class GroupForecastOut(BaseModel):
    key: str
    name_vi: str
    current: int
    mean_intake: float
    intake_history: dict[int, int]
    years: list[YearOut]


class ShareYearOut(BaseModel):
    year: int
    survivors: int = Field(description="people in the denominator today still working at the end of year")
    survivors_counting: int
    median: float | None = Field(description="percent; null when the denominator is empty")
    low: float | None
    high: float | None


class ShareForecastOut(BaseModel):
    key: str
    name_vi: str
    denominator_vi: str
    current: float | None = Field(description="percent today")
    mean_intake: float = Field(description="newcomers to the denominator per year over the window")
    intake_share: float | None = Field(description="percent of those newcomers who counted")
    years: list[ShareYearOut]


class ForecastOut(BaseModel):
    reference_year: int
    horizons: list[int]
    method_vi: str
    method_en: str
    assumptions: list[str]
    degrees: list[GroupForecastOut]
    sectors: list[GroupForecastOut]
    shares: list[ShareForecastOut] = Field(
        description="each sector's share of the whole (sector balance), and the program's shares"
    )


class ShortageOut(BaseModel):
    key: str
    name_vi: str
    source: str
    kind: str
    experts: int
    leading: int
    status: str
    projects: list[str]
