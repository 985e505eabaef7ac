"""Workforce statistics, targets, forecasts and exports (issue 8), against the real demo graph."""

from __future__ import annotations

import io
import json
from collections.abc import Iterator

import pytest
from fastapi.testclient import TestClient
from openpyxl import load_workbook

from graph.connection import Graph
from queries.forecast import Person, project, required_intake
from queries.retirement import retirement_age_months, retirement_date
from tests.conftest import Demo, api_client

YEAR = 2025  # the demo generator's REFERENCE_YEAR


@pytest.fixture
def client(demo_graph: Graph) -> Iterator[TestClient]:
    with api_client(demo_graph, "admin") as c:
        yield c


def _counts(body: dict[str, object], dim: str) -> dict[object, int]:
    groups = body["groups"]
    assert isinstance(groups, list)
    return {g["values"][dim]: g["count"] for g in groups}


def test_counts_match_the_generators_known_totals(client: TestClient, demo: Demo) -> None:
    totals = json.loads((demo.dir / "totals.json").read_text(encoding="utf-8"))
    base = f"/api/v1/stats/workforce?year={YEAR}&by="
    assert _counts(client.get(base + "degree").json(), "degree") == totals["by_degree"]
    assert _counts(client.get(base + "sector").json(), "sector") == totals["by_sector"]
    gender = _counts(client.get(base + "gender").json(), "gender")
    assert gender == {"M": totals["by_gender"]["nam"], "F": totals["by_gender"]["nữ"]}
    titles = _counts(client.get(base + "academic_title").json(), "academic_title")
    assert {k: v for k, v in titles.items() if k} == totals["by_academic_title"]
    minority = _counts(client.get(base + "ethnic_minority").json(), "ethnic_minority")
    assert minority[True] == totals["ethnic_minority"]
    young = client.get(base + "gender&age_band=<25&age_band=25-29&age_band=30-34").json()
    assert young["total"] == totals["under_35"]


def test_every_group_by_adds_up_to_the_total(client: TestClient, demo: Demo) -> None:
    body = client.get(
        f"/api/v1/stats/workforce?year={YEAR}&by=degree&by=academic_title&by=sector&by=field&by=district"
        "&by=gender&by=age_band&by=organization&by=degree_level"
    ).json()
    assert body["total"] == demo.loaded.totals.experts
    assert sum(g["count"] for g in body["groups"]) == body["total"]


def test_filters_work_with_and_without_diacritics(client: TestClient) -> None:
    plain = client.get("/api/v1/stats/workforce?by=degree_level&district=Tam Duong&gender=nu").json()
    marked = client.get("/api/v1/stats/workforce?by=degree_level&district=Tam Đường&gender=Nữ").json()
    assert plain["total"] == marked["total"] > 0
    assert plain["groups"] == marked["groups"]


def test_ethnicity_breakdowns_merge_small_groups(client: TestClient) -> None:
    body = client.get("/api/v1/stats/workforce?by=ethnicity&by=district").json()
    assert body["min_group_size"] == 5
    visible = [g for g in body["groups"] if not g["suppressed"]]
    assert all(g["count"] >= 5 for g in visible)
    merged = [g for g in body["groups"] if g["suppressed"]]
    assert len(merged) == 1 and merged[0]["count"] >= 5
    assert sum(g["count"] for g in body["groups"]) == body["total"]
    plain = client.get("/api/v1/stats/workforce?by=district").json()
    assert plain["min_group_size"] is None


def test_bad_requests_name_the_parameter(client: TestClient) -> None:
    r = client.get("/api/v1/stats/workforce?by=salary")
    assert r.status_code == 422 and '"by"' in r.json()["detail"] and "salary" in r.json()["detail"]
    r = client.get("/api/v1/stats/workforce?by=gender&degree=PhDx")
    assert r.status_code == 422 and "degree" in r.json()["detail"]


def test_targets_report_current_value_gap_and_forecast(client: TestClient, demo: Demo) -> None:
    body = client.get(f"/api/v1/stats/targets?year={YEAR}").json()
    by_key = {t["key"]: t for t in body["targets"]}
    degrees = demo.loaded.totals.by_degree
    phd = by_key["phd_2030"]
    assert phd["current"] == degrees["TS"] + degrees["TSKH"]
    assert phd["status"] == ("đạt" if phd["current"] > 50 else "chưa đạt")
    master = by_key["master_2030"]
    assert master["current"] == degrees["ThS"] + degrees["CKI"] + degrees["CKII"]
    assert master["gap"] == 1201 - master["current"]
    assert master["forecast"]["low"] <= master["forecast"]["median"] <= master["forecast"]["high"]
    assert by_key["leaders_international"]["status"] == "không đo được"
    assert "not measurable" in by_key["leaders_international"]["note"]


def test_targets_can_be_edited_and_bad_edits_change_nothing(client: TestClient) -> None:
    edit = {"key": "young_share", "comparison": "at_least", "value": 33, "deadline_year": 2030}
    try:
        r = client.put("/api/v1/stats/targets", json=[edit])
        assert r.status_code == 200
        assert {t["key"]: t for t in r.json()["targets"]}["young_share"]["value"] == 33
        bad = [{**edit, "value": 10}, {**edit, "key": "young_share", "value": 140}]
        assert client.put("/api/v1/stats/targets", json=bad).status_code == 422
        after = {t["key"]: t for t in client.get("/api/v1/stats/targets").json()["targets"]}
        assert after["young_share"]["value"] == 33
        assert client.put("/api/v1/stats/targets", json=[{**edit, "key": "nope"}]).status_code == 404
    finally:
        client.put("/api/v1/stats/targets", json=[{**edit, "value": 30}])


def test_history_ends_at_the_current_value(client: TestClient) -> None:
    rows = client.get(f"/api/v1/stats/targets/history?year={YEAR}&since=2010").json()["rows"]
    assert [r["year"] for r in rows] == list(range(2010, YEAR + 1))
    counts = [r["phd_count"] for r in rows]
    assert counts == sorted(counts)  # nobody in the demo has left yet
    targets = {t["key"]: t for t in client.get(f"/api/v1/stats/targets?year={YEAR}").json()["targets"]}
    assert rows[-1]["master_count"] == targets["master_2030"]["current"]


def test_retirement_ages_follow_the_2019_labour_code_roadmap() -> None:
    assert retirement_age_months("M", 2020) == 60 * 12
    assert retirement_age_months("M", 2021) == 60 * 12 + 3
    assert retirement_age_months("M", 2028) == 62 * 12
    assert retirement_age_months("M", 2040) == 62 * 12
    assert retirement_age_months("F", 2021) == 55 * 12 + 4
    assert retirement_age_months("F", 2035) == 60 * 12
    assert retirement_date("M", 1961) == (2021, 10)  # born July 1961, retires at 60y3m
    assert retirement_date("F", 1975) == (2035, 7)  # at 60, the end of the roadmap
    assert retirement_date("M", 1970) == (2032, 7)


def test_forecast_on_a_constructed_history_gives_the_known_answer() -> None:
    # 10 men born 1968 retire in 2030 (at 62, July); 20 women born 1990 stay past 2045.
    people = [Person("M", 1968, 10), Person("F", 1990, 20)]
    history = dict.fromkeys(range(2015, 2025), 4)  # exactly 4 new doctorates every year
    proj = project(people, history, 2025, 2045, window=10, replicates=500)
    assert proj.mean_intake == 4
    assert proj.at(2029).median == 30 + 4 * 4
    at_2030 = proj.at(2030)
    assert at_2030.survivors == 20  # the men retired in 2030
    assert at_2030.median == at_2030.low == at_2030.high == 20 + 4 * 5  # constant history: no band
    assert required_intake(proj, 2030, 51) == (51 - 20) / 5


def test_forecast_band_widens_with_a_variable_history() -> None:
    history = {y: (0 if y % 2 else 8) for y in range(2015, 2025)}  # mean 4, very uneven
    proj = project([], history, 2025, 2045, window=10, replicates=2000)
    near, far = proj.at(2026), proj.at(2045)
    assert near.low == 0 and near.high == 8
    assert far.low < 4 * 20 < far.high
    assert abs(far.median - 80) <= 8


def test_forecast_endpoint_states_method_and_assumptions(client: TestClient) -> None:
    body = client.get(f"/api/v1/stats/forecast?year={YEAR}").json()
    assert "bootstrap" in body["method_en"] and body["assumptions"]
    assert {g["key"] for g in body["degrees"]} == {"doctorate", "master"}
    assert len(body["sectors"]) == 8
    years = {y["year"] for y in body["degrees"][0]["years"]}
    assert {2030, 2045} <= years


def test_shortages_cover_program_needs_and_proposed_projects(client: TestClient) -> None:
    rows = client.get("/api/v1/stats/shortages").json()
    keys = {r["key"] for r in rows if r["source"] == "program"}
    assert {"it", "english", "informatics", "fine_arts", "music", "health", "education"} <= keys
    proposed = [r for r in rows if r["source"] == "proposed_projects"]
    assert proposed and all(r["projects"] for r in proposed)
    assert all(r["status"] in ("không có", "rất ít", "có") for r in rows)


@pytest.mark.parametrize(
    "path", ["workforce?by=sector&by=gender", "targets", "targets/history", "forecast", "shortages"]
)
def test_every_table_exports_to_xlsx_and_csv_with_vietnamese_headers(client: TestClient, path: str) -> None:
    sep = "&" if "?" in path else "?"
    xlsx = client.get(f"/api/v1/stats/{path}{sep}format=xlsx")
    assert xlsx.status_code == 200
    sheet = load_workbook(io.BytesIO(xlsx.content)).active
    assert sheet is not None
    rows = list(sheet.iter_rows(values_only=True))
    headers = [h for h in rows[1] if h]
    assert any(any(ch in str(h) for ch in "ốườạĩệăơư") for h in headers)
    assert len(rows) > 2
    csv = client.get(f"/api/v1/stats/{path}{sep}format=csv")
    assert csv.content.startswith(b"\xef\xbb\xbf")
    lines = csv.content.decode("utf-8-sig").splitlines()
    assert lines[0].split(",")[0] == str(rows[1][0])
    assert len(lines) == len(rows) - 1


def test_workforce_export_total_row_matches(client: TestClient, demo: Demo) -> None:
    xlsx = client.get("/api/v1/stats/workforce?by=degree&format=xlsx")
    sheet = load_workbook(io.BytesIO(xlsx.content)).active
    assert sheet is not None
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[-1][0] == "Tổng cộng" and rows[-1][1] == demo.loaded.totals.experts
    assert sum(r[1] for r in rows[2:-1]) == demo.loaded.totals.experts


@pytest.mark.parametrize("name", ["targets", "pyramid", "sectors"])
def test_charts_are_svg(client: TestClient, name: str) -> None:
    r = client.get(f"/api/v1/stats/charts/{name}.svg")
    assert r.status_code == 200 and r.headers["content-type"].startswith("image/svg+xml")
    assert r.text.startswith("<svg") and r.text.endswith("</svg>")


def test_a_reference_year_past_2030_still_draws_the_sector_chart(client: TestClient) -> None:
    """Schemathesis found a 500: a reference year past a horizon looked up a year never projected."""
    response = client.get("/api/v1/stats/charts/sectors.svg", params={"year": 2044})
    assert response.status_code == 200 and response.text.lstrip().startswith("<svg")
