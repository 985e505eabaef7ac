"""The eight sectors named by Lai Châu's action program for Resolution 45-NQ/TW.

Sectors are the planning unit of the program (not a research classification), so they are fixed
reference data here rather than user data. Each lists the Vietnamese S&T field codes
(QĐ 12/2008/QĐ-BKHCN) whose experts usually serve it; an expert's own sector always wins.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Sector:
    code: str
    name_vi: str
    name_en: str
    field_codes: tuple[str, ...]


SECTORS: tuple[Sector, ...] = (
    Sector("HEALTH", "Y tế", "Health", ("3", "206")),
    Sector("EDUCATION", "Giáo dục và đào tạo", "Education and training", ("503", "501", "602")),
    Sector(
        "AGRI_FOREST",
        "Nông nghiệp và lâm nghiệp",
        "Agriculture and forestry",
        ("4", "211", "208"),
    ),
    Sector("INDUSTRY", "Công nghiệp", "Industry", ("203", "204", "205", "209", "210", "502")),
    Sector("INFRA", "Hạ tầng", "Infrastructure", ("201", "207", "105", "507")),
    Sector("SCITECH", "Khoa học và công nghệ", "Science and technology", ("1", "299", "199")),
    Sector("DIGITAL", "Chuyển đổi số", "Digital transformation", ("102", "202", "508")),
    Sector("CULTURE", "Văn hóa và nghệ thuật", "Culture and arts", ("6", "504", "505", "506")),
)

SECTOR_BY_CODE: dict[str, Sector] = {s.code: s for s in SECTORS}
