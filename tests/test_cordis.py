"""The CORDIS adapter on real files, loaded through the real validation and loading path."""

from __future__ import annotations

import gzip
from datetime import date
from pathlib import Path

import pytest

from graph.connection import Graph
from graph.errors import ImportRejected
from graph.settings import Settings
from ingest.adapters import cordis
from ingest.columns import Kind
from ingest.load import import_tables

FOLDER = Settings().shared_data / "cordis_h2020"


def _counts(graph: Graph) -> dict[str, int]:
    rows = graph.read("MATCH (n) WHERE n:Organization OR n:Project RETURN labels(n)[0] AS l, count(*) AS n")
    rels = graph.read("MATCH ()-[r:PARTNER_IN]->() RETURN count(r) AS n")
    return {row["l"]: row["n"] for row in rows} | {"PARTNER_IN": rels[0]["n"]}


def test_the_schema_exact_organization_csv_loads_whole_and_again_changes_nothing(empty_graph: Graph) -> None:
    tables = cordis.organization_csv(FOLDER / "cordis_organization_fixture.csv", today=date(2024, 1, 1))
    assert tables.source_rows == 2722
    report = import_tables(empty_graph, tables.tables())
    # 2,722 rows hold 2,719 distinct (project, organization) pairs: repeats merge into one link.
    assert {k: r.created for k, r in report.kinds.items()} == {
        Kind.ORGANIZATIONS: 1819,
        Kind.PROJECTS: 336,
        Kind.PROJECT_PARTNERS: 2719,
    }
    assert _counts(empty_graph) == {"Organization": 1819, "Project": 336, "PARTNER_IN": 2719}
    (row,) = empty_graph.read(
        "MATCH (o:Organization {id: 'EU-PIC-930078002'})-[r:PARTNER_IN]->(p:Project {code: 'H2020-859111'}) "
        "RETURN o.name AS name, o.kind AS kind, o.country AS country, o.unnamed AS unnamed, "
        "r.role AS role, r.contribution_eur AS eur, p.level AS level, p.untitled AS untitled, "
        "p.title AS title"
    )
    assert row == {
        "name": "OPTIQGAIN LTD", "kind": "enterprise", "country": "IL", "unnamed": False, "role": "host",
        "eur": 1788682.0, "level": "international", "untitled": True, "title": "SRSensor (H2020 859111)",
    }  # fmt: skip
    again = import_tables(
        empty_graph, cordis.organization_csv(FOLDER / "cordis_organization_fixture.csv").tables()
    )
    assert again.written == 0


def test_organizations_keep_where_they_are(empty_graph: Graph) -> None:
    """The city from both files (the cross-source matcher's evidence), the rest from organization.csv;
    names damaged in `org_names.csv` (UTF-8 read as Mac Roman) are repaired."""
    tables = cordis.organization_csv(FOLDER / "cordis_organization_fixture.csv", today=date(2024, 1, 1))
    import_tables(empty_graph, tables.tables())
    (foi,) = empty_graph.read(
        "MATCH (o:Organization {id: 'EU-PIC-999627875'}) RETURN o.city AS city, o.address AS address, "
        "o.post_code AS post_code, o.latitude AS lat, o.longitude AS lon"
    )
    assert foi == {"city": "Stockholm", "address": "Gullfossgatan 6", "post_code": "164 90",
                   "lat": 59.4044539, "lon": 17.9453627}  # fmt: skip
    names = cordis.read_org_names(FOLDER / "org_names.csv")
    assert names["999858056"].name == "ERNST-MORITZ-ARNDT-UNIVERSITÄT GREIFSWALD"
    assert names["999858056"].city == "GREIFSWALD"


def test_participations_map_kinds_roles_countries_and_stand_in_names(empty_graph: Graph) -> None:
    names = cordis.read_org_names(FOLDER / "org_names.csv")
    parts = cordis.read_programme_parts(FOLDER / "programme_parts.csv.gz")
    tables = cordis.participations(FOLDER / "h2020.csv.gz", names, parts, limit=3000, today=date(2024, 1, 1))
    import_tables(empty_graph, tables.tables())
    kinds = empty_graph.read("MATCH (o:Organization) RETURN DISTINCT o.kind AS kind")
    assert {r["kind"] for r in kinds} <= {
        "university",
        "research_institute",
        "enterprise",
        "government_agency",
        "other",
    }
    unnamed = empty_graph.read(
        "MATCH (o:Organization {unnamed: true}) RETURN o.name AS name, o.id AS id LIMIT 5"
    )
    assert unnamed and all(r["name"] == "CORDIS PIC " + r["id"].removeprefix("EU-PIC-") for r in unnamed)
    assert tables.named + tables.unnamed == _counts(empty_graph)["Organization"]
    (project,) = empty_graph.read("MATCH (p:Project {code: 'H2020-RCN-221856'}) RETURN p {.*} AS p")
    assert project["p"] | {"row_hash": None, "title_key": None} == {
        "code": "H2020-RCN-221856", "title": "H2020 project, CORDIS rcn 221856 (SC4)",
        "level": "international", "kind": "project", "start_year": 2019, "end_year": 2022,
        "status": "completed", "programme": "H2020 SC4",
        "budget_eur": 2928125.0, "untitled": True, "row_hash": None, "title_key": None,
    }  # fmt: skip
    roles = empty_graph.read(
        "MATCH (o)-[r:PARTNER_IN]->(:Project {code: 'H2020-RCN-221856'}) RETURN o.id AS id, r.role AS role"
    )
    assert {r["id"]: r["role"] for r in roles}["EU-PIC-984516342"] == "host"
    assert not empty_graph.read("MATCH (o:Organization) WHERE o.country IN ['EL', 'UK'] RETURN o.id LIMIT 1")
    cities = empty_graph.read(
        "MATCH (o:Organization {unnamed: false}) WHERE o.city IS NULL RETURN count(o) AS n"
    )
    assert cities == [{"n": 0}]  # every named organization has its city


def test_a_file_in_another_format_is_refused_naming_the_missing_columns(tmp_path: Path) -> None:
    path = tmp_path / "h2020.csv.gz"
    with gzip.open(path, "wt", encoding="utf-8") as handle:
        handle.write("rcn,role,pic\n1,coordinator,2\n")
    with pytest.raises(ImportRejected) as info:
        cordis.participations(path, {}, {})
    (error,) = info.value.errors
    assert error.file == "h2020.csv.gz"
    assert "type, contribution, country, end_date, total_cost are missing" in error.reason
