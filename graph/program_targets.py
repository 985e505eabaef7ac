"""The 2030 targets of Lai Châu's action program for Resolution 45-NQ/TW, as seed data.

They are seeded once by a migration and then belong to the users: `PUT /api/v1/stats/targets` edits
the stored values, and a later release never overwrites them. A target whose `metric` is None cannot
be measured from the graph's data; it is stored so that the page lists it and says so.
Shares are in percent (25.0 means 25 %).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

PROGRAM = "Chương trình hành động của tỉnh Lai Châu thực hiện Nghị quyết 45-NQ/TW"
TEAM = "Do nhóm kỹ thuật đề xuất để theo dõi; cần lãnh đạo xác nhận (team-defined, to be confirmed)"
COMPARISONS = ("more_than", "at_least", "between")


@dataclass(frozen=True)
class TargetSeed:
    key: str
    name_vi: str
    name_en: str
    metric: str | None  # a name from queries.target_metrics.METRICS; None: not measurable
    comparison: str  # one of COMPARISONS
    value: float
    value_max: float | None
    unit: str  # "người" or "%"
    deadline_year: int
    source: str
    note: str = ""

    def row(self) -> dict[str, Any]:
        return {
            "key": self.key,
            "name_vi": self.name_vi,
            "name_en": self.name_en,
            "metric": self.metric,
            "comparison": self.comparison,
            "value": self.value,
            "value_max": self.value_max,
            "unit": self.unit,
            "deadline_year": self.deadline_year,
            "source": self.source,
            "note": self.note,
        }


NOT_MEASURABLE = "Không đo được từ dữ liệu hiện có (not measurable from this data): "

TARGET_SEEDS: tuple[TargetSeed, ...] = (
    TargetSeed(
        "phd_2030",
        "Số tiến sĩ (TS, TSKH)",
        "Doctorates (TS, TSKH)",
        "phd_count",
        "more_than",
        50,
        None,
        "người",
        2030,
        PROGRAM,
    ),
    TargetSeed(
        "master_2030",
        "Số thạc sĩ (ThS, BS CKI, BS CKII)",
        "Masters (ThS and the medical CKI, CKII)",
        "master_count",
        "more_than",
        1200,
        None,
        "người",
        2030,
        PROGRAM,
        "Bác sĩ chuyên khoa I, II được tính tương đương thạc sĩ (graph.schema.MASTER_DEGREES).",
    ),
    TargetSeed(
        "women_postgrad_share",
        "Tỷ lệ nữ trong số thạc sĩ, tiến sĩ",
        "Share of women among masters and doctorates",
        "women_share_postgrad",
        "at_least",
        40,
        None,
        "%",
        2030,
        TEAM,
    ),
    TargetSeed(
        "ethnic_minority_share",
        "Tỷ lệ trí thức người dân tộc thiểu số",
        "Share of ethnic-minority intellectuals",
        "ethnic_minority_share",
        "at_least",
        45,
        None,
        "%",
        2030,
        TEAM,
    ),
    TargetSeed(
        "young_share",
        "Tỷ lệ trí thức trẻ (dưới 35 tuổi)",
        "Share of young intellectuals (under 35)",
        "young_share",
        "at_least",
        30,
        None,
        "%",
        2030,
        TEAM,
    ),
    TargetSeed(
        "leaders_international",
        "Tỷ lệ lãnh đạo cấp tỉnh đủ khả năng làm việc trong môi trường quốc tế",
        "Provincial leaders able to work internationally",
        None,
        "between",
        25,
        35,
        "%",
        2030,
        PROGRAM,
        NOT_MEASURABLE + "dữ liệu không ghi năng lực ngoại ngữ hay kinh nghiệm làm việc quốc tế.",
    ),
    TargetSeed(
        "civil_servants_meet_requirements",
        "Cán bộ, công chức, viên chức đáp ứng yêu cầu vị trí việc làm",
        "Civil servants meeting the requirements of their position",
        None,
        "at_least",
        100,
        None,
        "%",
        2030,
        PROGRAM,
        NOT_MEASURABLE + "dữ liệu không ghi khung năng lực của từng vị trí việc làm.",
    ),
)
