"""Share forecasts (sector balance, women, ethnic minorities, the young) on constructed histories with
known answers, and on the demo graph through the API."""

from __future__ import annotations

import math
from collections.abc import Iterator

import pytest
from fastapi.testclient import TestClient

from graph.connection import Graph
from queries.forecast import project
from queries.share_forecast import Member, project_share, required_intake_share, younger_than
from tests.conftest import api_client

YEAR = 2025


def _same_each_year(members: list[Member]) -> dict[int, list[Member]]:
    return {y: members for y in range(2015, 2025)}


def test_share_of_women_on_a_constant_history_is_exact() -> None:
    # 20 men born 1990 stay past 2045; every year one woman and one man (born 1995) join.
    people = [Member("M", 1990, False, 20)]
    newcomers = _same_each_year([Member("F", 1995, True), Member("M", 1995, False)])
    proj = project_share(people, newcomers, YEAR, 2045, replicates=500)
    assert proj.current == 0.0 and proj.intake_share == 50.0 and proj.mean_intake == 2
    at_2030, at_2045 = proj.at(2030), proj.at(2045)
    assert at_2030.low == at_2030.median == at_2030.high == pytest.approx(100 * 5 / 30)
    assert at_2045.low == at_2045.median == at_2045.high == pytest.approx(100 * 20 / 60)
    # 40 % by 2030 needs 12 of the 10 newcomers: more than recruitment alone can give.
    assert required_intake_share(proj, 2030, 40) == pytest.approx(120.0)
    assert required_intake_share(proj, 2045, 30) == pytest.approx(100 * 18 / 40)


def test_share_counts_retirements_like_the_headcount_forecast() -> None:
    # 10 men born 1968 retire in 2030 (at 62); 10 women born 1990 stay; nobody joins.
    people = [Member("M", 1968, False, 10), Member("F", 1990, True, 10)]
    proj = project_share(people, {}, YEAR, 2045, replicates=200)
    assert proj.at(2029).median == 50.0
    assert proj.at(2030).median == 100.0 and proj.at(2030).survivors == 10


def test_young_share_ages_people_and_replayed_newcomers() -> None:
    # 10 men aged 30 today; each year one man joins at 25 (a replayed newcomer keeps that age).
    people = [Member("M", 1995, False, 10)]
    newcomers = {y: [Member("M", y - 25)] for y in range(2015, 2025)}
    proj = project_share(people, newcomers, YEAR, 2045, younger_than(35), replicates=300)
    assert proj.current == 100.0 and proj.intake_share == 100.0
    assert proj.at(2030).median == pytest.approx(100 * 5 / 15)  # the 10 turned 35; 5 newcomers, all young
    # By 2045 only those who joined 2036-2045 are under 35: 10 of 20 newcomers, none of the 10.
    assert proj.at(2045).median == pytest.approx(100 * 10 / 30)


def test_share_band_comes_from_the_same_draws_as_the_headcount() -> None:
    # Uneven history: women join only in even years (4 each), men only in odd years (4 each).
    women, men = [Member("F", 1995, True, 4)], [Member("M", 1995, False, 4)]
    newcomers = {y: women if y % 2 == 0 else men for y in range(2015, 2025)}
    proj = project_share([], newcomers, YEAR, 2045, replicates=2000)
    far = proj.at(2045)
    assert far.low < 50.0 < far.high and abs(far.median - 50.0) <= 10
    assert proj.at(2026).low == 0.0 and proj.at(2026).high == 100.0
    # The denominator is the headcount projection of the same history with the same seed: a
    # constant 4 a year, so every replicate has 4 x years newcomers.
    counts = project([], dict.fromkeys(range(2015, 2025), 4), YEAR, 2045, replicates=2000)
    assert counts.at(2045).low == counts.at(2045).high == 80


def test_an_empty_group_has_no_share() -> None:
    proj = project_share([], {}, YEAR, 2030, replicates=50)
    assert proj.current is None and math.isnan(proj.at(2030).median)
    assert required_intake_share(proj, 2030, 40) is None


@pytest.fixture
def client(demo_graph: Graph) -> Iterator[TestClient]:
    with api_client(demo_graph, "analyst") as c:
        yield c


def test_forecast_endpoint_projects_sector_balance_and_program_shares(client: TestClient) -> None:
    body = client.get(f"/api/v1/stats/forecast?year={YEAR}").json()
    shares = {s["key"]: s for s in body["shares"]}
    sectors = {g["key"] for g in body["sectors"]}
    assert sectors | {"women_postgrad", "ethnic_minority", "young"} == set(shares)
    for s in shares.values():
        years = {y["year"]: y for y in s["years"]}
        for horizon in (2030, 2045):
            y = years[horizon]
            assert 0 <= y["low"] <= y["median"] <= y["high"] <= 100
    now = sum(next(y for y in shares[k]["years"] if y["year"] == YEAR)["median"] for k in sectors)
    assert now == pytest.approx(100, abs=0.1)  # the sector balance today adds up


def test_share_targets_get_a_forecast_that_starts_from_their_current_value(client: TestClient) -> None:
    targets = {t["key"]: t for t in client.get(f"/api/v1/stats/targets?year={YEAR}").json()["targets"]}
    shares = {s["key"]: s for s in client.get(f"/api/v1/stats/forecast?year={YEAR}").json()["shares"]}
    for target, share in (
        ("women_postgrad_share", "women_postgrad"),
        ("ethnic_minority_share", "ethnic_minority"),
        ("young_share", "young"),
    ):
        t = targets[target]
        assert t["current"] == shares[share]["current"]
        f = t["forecast"]
        assert f is not None and f["year"] == 2030
        assert f["low"] <= f["median"] <= f["high"]
        assert f["on_track"] == (f["median"] >= t["value"])
        assert f["required_intake_share"] is not None and f["intake_share"] is not None
        assert f["required_intake"] is None
