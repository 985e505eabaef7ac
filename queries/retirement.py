"""Vietnam's legal retirement ages (Labour Code 2019, art. 169; Decree 135/2020/NĐ-CP), as a schedule.

Under normal working conditions the age rises from 60 years 3 months (men) and 55 years 4 months
(women) in 2021 by 3 months a year for men until 62 in 2028, and by 4 months a year for women until
60 in 2035; before 2021 it was 60 and 55. The graph stores only birth years, so everyone is taken
to be born on 1 July (the middle of the year): the error is at most half a year either way.
Pure functions, no graph: the forecast and its tests use them directly.
"""

from __future__ import annotations

from functools import lru_cache

MEN, WOMEN = "M", "F"
_START = {MEN: 60 * 12, WOMEN: 55 * 12}  # months, the age up to 2020
_STEP = {MEN: 3, WOMEN: 4}  # months added each year from 2021
_CAP = {MEN: 62 * 12, WOMEN: 60 * 12}
ASSUMED_BIRTH_MONTH = 7


def retirement_age_months(gender: str, year: int) -> int:
    """The legal retirement age, in months, of someone who reaches it in `year`."""
    steps = max(0, year - 2020)
    return min(_START[gender] + _STEP[gender] * steps, _CAP[gender])


def retirement_date(gender: str, birth_year: int, birth_month: int = ASSUMED_BIRTH_MONTH) -> tuple[int, int]:
    """(year, month) in which a person reaches the legal retirement age in force at that time."""
    year = birth_year + _START[gender] // 12
    while True:
        age_at_year_start = (year - birth_year) * 12 - (birth_month - 1)
        for month in range(1, 13):
            if age_at_year_start + (month - 1) >= retirement_age_months(gender, year):
                return year, month
        year += 1


@lru_cache(maxsize=4096)
def retirement_year(gender: str | None, birth_year: int | None) -> int | None:
    """The year a person retires; None when gender or birth year is unknown (kept in the stock)."""
    if gender not in (MEN, WOMEN) or birth_year is None:
        return None
    return retirement_date(gender, birth_year)[0]


def working_at_end_of(year: int, gender: str | None, birth_year: int | None) -> bool:
    """Still below the retirement age on 31 December of `year`."""
    retires = retirement_year(gender, birth_year)
    return retires is None or retires > year
