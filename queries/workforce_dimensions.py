"""The fixed set of dimensions workforce statistics can be broken down and filtered by.

Each dimension has a Vietnamese name, a label for each value, and (when its values are a closed list)
the values it accepts. Filters match a value by its code or its label, folded (graph.text.fold), so
"nu", "nữ", "F" and "Nữ" are one filter, and "Tam Duong" finds "Tam Đường".
"""

from __future__ import annotations

from dataclasses import dataclass, field

from graph.errors import InvalidStatsRequest
from graph.schema import ACADEMIC_TITLES, DEGREES
from graph.sectors import SECTOR_BY_CODE
from graph.text import fold

UNKNOWN = "(chưa rõ)"
AGE_BANDS = ("<25", "25-29", "30-34", "35-39", "40-44", "45-49", "50-54", "55-59", "60+")
DEGREE_LABELS: dict[object, str] = {
    "TSKH": "Tiến sĩ khoa học",
    "TS": "Tiến sĩ",
    "CKII": "Bác sĩ chuyên khoa II",
    "ThS": "Thạc sĩ",
    "CKI": "Bác sĩ chuyên khoa I",
    "BS": "Bác sĩ",
    "DS": "Dược sĩ",
    "KS": "Kỹ sư",
    "CN": "Cử nhân",
    "CD": "Cao đẳng",
}
LEVEL_LABELS: dict[object, str] = {
    "doctorate": "Tiến sĩ (TS, TSKH)",
    "master": "Thạc sĩ và tương đương (ThS, CKI, CKII)",
    "university": "Đại học",
    "college": "Cao đẳng",
}
TITLE_LABELS: dict[object, str] = {"GS": "Giáo sư", "PGS": "Phó giáo sư"}
GENDER_LABELS: dict[object, str] = {"M": "Nam", "F": "Nữ"}
MINORITY_LABELS: dict[object, str] = {True: "Dân tộc thiểu số", False: "Dân tộc Kinh"}


def _band_label(band: str) -> str:
    if band == "<25":
        return "Dưới 25 tuổi"
    if band == "60+":
        return "Từ 60 tuổi"
    return band.replace("-", "–") + " tuổi"


@dataclass(frozen=True)
class Dimension:
    name: str
    name_vi: str
    labels: dict[object, str] = field(default_factory=dict)
    closed: bool = False  # values are exactly the keys of `labels`
    aliases: dict[str, object] = field(default_factory=dict)  # folded input -> value
    null_label: str = UNKNOWN

    def label(self, value: object, names: dict[str, str] | None = None) -> str:
        if value is None:
            return self.null_label
        if names and str(value) in names:
            return names[str(value)]
        return self.labels.get(value, str(value))

    def accepts(self, text: str, value: object, names: dict[str, str] | None = None) -> bool:
        """True when what a user typed names `value` (by code, label or alias, folded)."""
        wanted = fold(text)
        if not wanted:
            return False
        if wanted in self.aliases:
            return bool(self.aliases[wanted] == value)
        if value is None:
            return wanted in (fold(self.null_label), "null", "none")
        return wanted in (fold(str(value)), fold(self.label(value, names)))

    def check(self, text: str) -> None:
        """Reject a filter value a closed dimension can never have, naming what it accepts."""
        if not self.closed:
            return
        values: list[object] = [*self.labels, None]
        if not any(self.accepts(text, v) for v in values):
            allowed = ", ".join(f"{v} ({self.labels[v]})" for v in self.labels)
            raise InvalidStatsRequest(
                self.name, text, f"is not a value of {self.name_vi}; use one of {allowed}"
            )


DIMENSIONS: dict[str, Dimension] = {
    d.name: d
    for d in (
        Dimension("degree", "Học vị", {d: DEGREE_LABELS[d] for d in DEGREES}, closed=True),
        Dimension("degree_level", "Trình độ", dict(LEVEL_LABELS), closed=True),
        Dimension(
            "academic_title",
            "Học hàm",
            {t: TITLE_LABELS[t] for t in ACADEMIC_TITLES},
            closed=True,
            null_label="Không có học hàm",
            aliases={"khong": None, "khong co": None},
        ),
        Dimension(
            "sector",
            "Lĩnh vực (ngành) của chương trình",
            {code: s.name_vi for code, s in SECTOR_BY_CODE.items()},
            closed=True,
        ),
        Dimension("field", "Lĩnh vực khoa học (cấp 1, QĐ 12/2008)"),
        Dimension("organization", "Cơ quan, đơn vị"),
        Dimension("district", "Huyện, thành phố"),
        Dimension(
            "gender",
            "Giới tính",
            dict(GENDER_LABELS),
            closed=True,
            aliases={"nam": "M", "m": "M", "male": "M", "nu": "F", "f": "F", "female": "F"},
        ),
        Dimension(
            "ethnic_minority",
            "Dân tộc thiểu số",
            dict(MINORITY_LABELS),
            closed=True,
            aliases={
                "true": True,
                "1": True,
                "co": True,
                "yes": True,
                "thieu so": True,
                "dan toc thieu so": True,
                "false": False,
                "0": False,
                "khong": False,
                "no": False,
                "kinh": False,
                "dan toc kinh": False,
            },
        ),
        Dimension("ethnicity", "Dân tộc"),
        Dimension("age_band", "Nhóm tuổi", {b: _band_label(b) for b in AGE_BANDS}, closed=True),
    )
}
