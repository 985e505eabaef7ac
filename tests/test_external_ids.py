"""Organizations named by another system's id (ROR, CORDIS PIC, an agency's own code) resolve to one
node when they come again under another name, through the real import path on a real Neo4j.

The ids are real: the University of Stuttgart is `I100066346` in OpenAlex (`openalex_idb03`), ROR
`04vnq7t77`, and PIC `999974747` in CORDIS (`cordis_h2020/org_names.csv`).
"""

from __future__ import annotations

from pathlib import Path

import pytest

from graph.connection import Graph
from graph.errors import ImportRejected
from graph.external_ids import parse_external_id
from ingest.load import import_paths
from tests.test_ingest_load import counts, write_all, write_csv

STORED = [
    # as the OpenAlex adapter writes it: its id, and the ROR id from institutions.csv
    {"org_id": "I100066346", "name": "University of Stuttgart", "kind": "university", "country": "DE",
     "external_ids": "ror:04vnq7t77"},
    # as the CORDIS adapter writes it: EU-PIC-<pic>, no external_ids column at all
    {"org_id": "EU-PIC-999974747", "name": "UNIVERSITY OF STUTTGART", "kind": "university",
     "country": "DE"},
]  # fmt: skip


@pytest.fixture
def graph(empty_graph: Graph, tmp_path: Path) -> Graph:
    import_paths(empty_graph, write_all(tmp_path / "base", {"organizations": STORED}))
    return empty_graph


def _org_ids(graph: Graph) -> list[str]:
    return [r["id"] for r in graph.read("MATCH (o:Organization) RETURN o.id AS id ORDER BY id")]


@pytest.mark.parametrize(
    ("written", "canonical"),
    [
        ("https://ror.org/04VNQ7T77", "ror:04vnq7t77"),
        ("ROR: 04vnq7t77", "ror:04vnq7t77"),
        ("https://openalex.org/I100066346", "openalex:I100066346"),
        ("pic:999974747", "pic:999974747"),
        ("Bộ KHCN: cs-0173", "bokhcn:CS-0173"),
    ],
)
def test_an_external_id_has_one_canonical_form(written: str, canonical: str) -> None:
    assert parse_external_id(written) == canonical


@pytest.mark.parametrize("bad", ["04vnq7t77", "ror:stuttgart", "pic:12ab", ":x"])
def test_a_malformed_external_id_is_refused(bad: str) -> None:
    with pytest.raises(ValueError):
        parse_external_id(bad)


def test_the_id_is_stored_once_per_scheme_and_value(graph: Graph) -> None:
    rows = graph.read(
        "MATCH (o:Organization)-[:IDENTIFIED_BY]->(x:ExternalId) RETURN o.id AS org, x {.*} AS x"
    )
    assert rows == [
        {"org": "I100066346", "x": {"key": "ror:04vnq7t77", "scheme": "ror", "value": "04vnq7t77"}}
    ]


def test_an_unnamed_row_resolves_on_its_ror_id_under_another_name(graph: Graph, tmp_path: Path) -> None:
    """ "Universität Stuttgart" shares one distinctive word with "University of Stuttgart": the name
    score alone makes it a new organization; the ROR id makes it the stored one."""
    row = {"name": "Universität Stuttgart", "kind": "university", "country": "DE",
           "external_ids": "https://ror.org/04vnq7t77", "short_name": "USTUTT"}  # fmt: skip
    path = write_csv(tmp_path / "organizations.csv", [row])
    report = import_paths(graph, [path], resolve=True)
    assert report.kinds[next(iter(report.kinds))].merged == 1
    assert _org_ids(graph) == ["EU-PIC-999974747", "I100066346"]
    (stored,) = graph.read("MATCH (o:Organization {id: 'I100066346'}) RETURN o.name AS n, o.short_name AS s")
    assert stored == {"n": "University of Stuttgart", "s": "USTUTT"}  # the name kept, a gap filled


def test_a_cordis_pic_finds_the_node_the_cordis_adapter_made(graph: Graph, tmp_path: Path) -> None:
    row = {"name": "Universitaet Stuttgart", "kind": "university", "external_ids": "pic:999974747"}
    import_paths(graph, [write_csv(tmp_path / "organizations.csv", [row])], resolve=True)
    assert _org_ids(graph) == ["EU-PIC-999974747", "I100066346"]
    linked = graph.read(
        "MATCH (:Organization {id: 'EU-PIC-999974747'})-[:IDENTIFIED_BY]->(x) RETURN x.key AS k"
    )
    assert linked == [{"k": "pic:999974747"}]


def test_an_agency_code_is_rewritten_to_the_organization_its_ror_id_names(
    graph: Graph, tmp_path: Path
) -> None:
    """An agency's export keys the university by its own code, and its experts point at that code:
    both land on the stored node, and importing the files again changes nothing."""
    tables = {
        "organizations": [
            {"org_id": "DAAD-0042", "name": "Universität Stuttgart", "kind": "university",
             "external_ids": "ror:04vnq7t77; daad:0042"},
        ],
        "experts": [{"expert_id": "DE-1", "full_name": "Nguyễn Thị Lan", "org_id": "DAAD-0042"}],
    }  # fmt: skip
    paths = write_all(tmp_path / "agency", tables)
    import_paths(graph, paths, resolve=True)
    assert _org_ids(graph) == ["EU-PIC-999974747", "I100066346"]
    works = graph.read("MATCH (:Expert {id: 'DE-1'})-[:WORKS_AT]->(o) RETURN o.id AS id")
    assert works == [{"id": "I100066346"}]
    keys = graph.read(
        "MATCH (:Organization {id: 'I100066346'})-[:IDENTIFIED_BY]->(x) RETURN x.key AS k ORDER BY k"
    )
    assert keys == [{"k": "daad:0042"}, {"k": "ror:04vnq7t77"}]
    before = counts(graph)
    import_paths(graph, paths, resolve=True)
    assert counts(graph) == before


def test_without_resolution_a_taken_id_is_an_error_naming_its_holder(graph: Graph, tmp_path: Path) -> None:
    row = {"org_id": "DAAD-0042", "name": "Universität Stuttgart", "kind": "university",
           "external_ids": "ror:04vnq7t77"}  # fmt: skip
    before = counts(graph)
    with pytest.raises(ImportRejected) as info:
        import_paths(graph, [write_csv(tmp_path / "organizations.csv", [row])])
    (error,) = info.value.errors
    assert (error.row, error.field, error.value) == (2, "external_ids", "ror:04vnq7t77")
    assert error.reason == "is already an external id of organization I100066346 in the graph"
    assert "đã là mã hệ thống khác của tổ chức I100066346" in error.message("vi")
    assert counts(graph) == before


def test_two_codes_sharing_one_external_id_in_one_file_are_an_error(graph: Graph, tmp_path: Path) -> None:
    rows = [
        {"org_id": "A-1", "name": "Viện Khoa học Nông nghiệp", "kind": "research_institute",
         "external_ids": "bnn:VAAS"},
        {"org_id": "A-2", "name": "Viện KHNN Việt Nam", "kind": "research_institute",
         "external_ids": "bnn:vaas"},
    ]  # fmt: skip
    with pytest.raises(ImportRejected) as info:
        import_paths(graph, [write_csv(tmp_path / "organizations.csv", rows)], resolve=True)
    (error,) = info.value.errors
    assert (error.row, error.value) == (3, "bnn:VAAS")
    assert error.reason == "is also an external id of organization A-1 (row 2)"
