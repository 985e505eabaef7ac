"""Forecasts of doctorates, masters, each sector, and the program's shares to 2030 and 2045.

The arithmetic lives in `queries.forecast` and `queries.share_forecast` (pure, tested on constructed
histories); this module only turns the graph's facts into their inputs: who is in each group today,
and who joined it each year. A doctorate or master's degree joins its group in `degree_year`; a
person joins the workforce (a sector, the women/minority/young shares' denominators) in the year
their employment began, else their degree year.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from graph.connection import Graph
from graph.sectors import SECTORS
from queries.forecast import Person, Projection, project
from queries.share_forecast import Hit, Member, ShareProjection, flagged, project_share, younger_than
from queries.workforce_facts import Fact, fetch_facts
from queries.workforce_people import CACHE

HORIZONS = (2030, 2045)
WINDOW = 10
YOUNG_AGE = 35
METHOD_VI = (
    "Số người năm Y = số người hiện có chưa đến tuổi nghỉ hưu theo lộ trình Bộ luật Lao động 2019 "
    "(Nghị định 135/2020/NĐ-CP) vào cuối năm Y + số người mới của các năm sau năm hiện tại đến Y. "
    f"Số người mới mỗi năm được lấy mẫu lặp lại (bootstrap) từ {WINDOW} năm gần nhất đã trọn năm; "
    "khoảng dao động là phân vị 5–95 của 2.000 lần lấy mẫu. Các tỷ lệ (cơ cấu ngành, nữ trong số "
    "thạc sĩ, tiến sĩ, dân tộc thiểu số, dưới 35 tuổi) tính tử số và mẫu số trên cùng các lần lấy mẫu; "
    "người mới giữ tuổi lúc vào."
)
METHOD_EN = (
    "stock(Y) = people in the group today still below the legal retirement age (Labour Code 2019 "
    "roadmap, Decree 135/2020) at the end of Y + intake of the years after the reference year up to Y. "
    f"Yearly intake is bootstrapped from the last {WINDOW} complete years; the band is the 5th-95th "
    "percentile of 2,000 replicates, the central value their median. Shares (each sector's part, "
    "women among masters and doctorates, ethnic minorities, under-35s) project numerator and "
    "denominator in the same replicates; a replayed newcomer keeps the age they joined at."
)
ASSUMPTIONS = (
    "Xu hướng gần đây giữ nguyên (không ngoại suy tăng trưởng) — recent intake continues, no trend.",
    "Chỉ tính nghỉ hưu đúng tuổi luật định; không tính chuyển công tác, nghỉ việc, kéo dài thời gian "
    "công tác của người có trình độ cao — only legal-age retirement; no moves, resignations or extensions.",
    "Năm sinh được coi là giữa năm (1/7) — birth taken as 1 July.",
    "Người đã quá tuổi nghỉ hưu mà dữ liệu vẫn ghi đang làm việc được coi là nghỉ trong năm hiện tại "
    "— people already past the legal age are taken to retire in the reference year.",
    "Người chưa rõ giới tính hoặc năm sinh được giữ lại trong số liệu — unknown gender or birth year stays.",
    "Lịch sử chỉ thấy những người còn trong cơ sở dữ liệu, nên số người mới trong quá khứ là cận dưới "
    "— past intake only counts people still recorded, a lower bound.",
    "Thạc sĩ nâng lên tiến sĩ chỉ còn ghi học vị cao nhất, nên số thạc sĩ mới là số ròng — masters who "
    "later earned a doctorate are recorded once, so master intake is net of upgrades.",
    "Dữ liệu không có danh sách người đang đào tạo (nghiên cứu sinh, học viên cao học) nên chưa dùng "
    "được — the data holds no people in training, so they are not used.",
)


@dataclass(frozen=True)
class GroupForecast:
    key: str  # doctorate, master, or a sector code
    name_vi: str
    current: int
    projection: Projection


@dataclass(frozen=True)
class ShareForecast:
    key: str  # a sector code, or women_postgrad, ethnic_minority, young
    name_vi: str
    denominator_vi: str  # of whom the share is taken
    projection: ShareProjection


@dataclass(frozen=True)
class WorkforceForecast:
    reference_year: int
    horizons: tuple[int, ...]
    degrees: list[GroupForecast]
    sectors: list[GroupForecast]
    shares: list[ShareForecast]
    method_vi: str = METHOD_VI
    method_en: str = METHOD_EN
    assumptions: tuple[str, ...] = ASSUMPTIONS


def _forecast(
    facts: Sequence[Fact],
    year: int,
    horizon: int,
    member: Callable[[Fact], bool],
    joined: Callable[[Fact], int | None],
) -> tuple[int, Projection]:
    now = [f for f in facts if member(f) and f.employed_in(year) and f.holds_degree_in(year)]
    people = [Person(f.gender, f.birth_year, f.n) for f in now]
    intake: Counter[int] = Counter()
    for f in facts:
        when = joined(f)
        if member(f) and when is not None:
            intake[when] += f.n
    return sum(p.n for p in people), project(people, intake, year, horizon, window=WINDOW)


def _level_is(level: str) -> Callable[[Fact], bool]:
    return lambda f: f.level == level


def _sector_is(code: str) -> Callable[[Fact], bool]:
    return lambda f: f.sector == code


def _degree_year(f: Fact) -> int | None:
    return f.degree_year


def _hired_year(f: Fact) -> int | None:
    return f.since if f.since is not None else f.degree_year


def _share(
    facts: Sequence[Fact],
    year: int,
    horizon: int,
    member: Callable[[Fact], bool],
    counts: Callable[[Fact], bool],
    joined: Callable[[Fact], int | None],
    hit: Hit = flagged,
) -> ShareProjection:
    def as_member(f: Fact) -> Member:
        return Member(f.gender, f.birth_year, counts(f), f.n)

    now = [as_member(f) for f in facts if member(f) and f.employed_in(year) and f.holds_degree_in(year)]
    newcomers: dict[int, list[Member]] = {}
    for f in facts:
        when = joined(f)
        if member(f) and when is not None:
            newcomers.setdefault(when, []).append(as_member(f))
    return project_share(now, newcomers, year, horizon, hit, window=WINDOW)


def _minority_known(f: Fact) -> bool:
    return f.minority is not None


def _shares(facts: Sequence[Fact], year: int, horizon: int) -> list[ShareForecast]:
    def known_sector(f: Fact) -> bool:
        return f.sector is not None

    out = [
        ShareForecast(
            sector.code,
            sector.name_vi,
            "trí thức biết ngành",
            _share(facts, year, horizon, known_sector, _sector_is(sector.code), _hired_year),
        )
        for sector in SECTORS
    ]
    out.append(
        ShareForecast(
            "women_postgrad",
            "Nữ trong số thạc sĩ, tiến sĩ",
            "thạc sĩ, tiến sĩ biết giới tính",
            _share(
                facts,
                year,
                horizon,
                lambda f: f.level in ("doctorate", "master") and f.gender is not None,
                lambda f: f.gender == "F",
                _degree_year,
            ),
        )
    )
    out.append(
        ShareForecast(
            "ethnic_minority",
            "Người dân tộc thiểu số",
            "trí thức biết dân tộc",
            _share(facts, year, horizon, _minority_known, lambda f: bool(f.minority), _hired_year),
        )
    )
    out.append(
        ShareForecast(
            "young",
            f"Trí thức dưới {YOUNG_AGE} tuổi",
            "trí thức biết năm sinh",
            _share(
                facts,
                year,
                horizon,
                lambda f: f.birth_year is not None,
                lambda f: False,
                _hired_year,
                younger_than(YOUNG_AGE),
            ),
        )
    )
    return out


def forecast_workforce(
    facts: Sequence[Fact], year: int, horizons: tuple[int, ...] = HORIZONS
) -> WorkforceForecast:
    # A reference year past a horizon (planning "as of 2040") leaves that horizon in the past.
    horizons = tuple(h for h in horizons if h > year) or (max(horizons),)
    horizon = max(horizons)
    degrees = []
    for level, name in (("doctorate", "Tiến sĩ (TS, TSKH)"), ("master", "Thạc sĩ và tương đương")):
        current, proj = _forecast(facts, year, horizon, _level_is(level), _degree_year)
        degrees.append(GroupForecast(level, name, current, proj))
    sectors = []
    for sector in SECTORS:
        current, proj = _forecast(
            facts,
            year,
            horizon,
            _sector_is(sector.code),
            _hired_year,
        )
        sectors.append(GroupForecast(sector.code, sector.name_vi, current, proj))
    return WorkforceForecast(year, horizons, degrees, sectors, _shares(facts, year, horizon))


def forecast_for(graph: Graph, year: int) -> WorkforceForecast:
    """The forecast from the graph's facts, kept per data version and reference year (it is
    deterministic: fixed seed), since 21 bootstrap projections cost far more than reading the facts."""
    return CACHE.get_or_compute(
        graph, ("workforce-forecast", year), lambda _version: forecast_workforce(fetch_facts(graph), year)
    )
