"""The field taxonomies from shared data: names, hierarchy, crosswalk and searchable keywords."""

from __future__ import annotations

import csv

from graph.connection import Graph
from graph.settings import Settings
from ingest.field_keywords import FIELD_KEYWORDS
from ingest.reference import VN_FIELDS, field_rows, load_reference


def counts(graph: Graph) -> dict[str, int]:
    nodes = graph.read("MATCH (n) RETURN labels(n)[0] AS name, count(*) AS n")
    rels = graph.read("MATCH ()-[r]->() RETURN type(r) AS name, count(*) AS n")
    return {row["name"]: row["n"] for row in nodes + rels}


def test_every_level_2_field_has_curated_keywords() -> None:
    with (Settings().shared_data / VN_FIELDS).open(encoding="utf-8") as handle:
        level_2 = {row["code"] for row in csv.DictReader(handle) if row["level"] == "2"}
    assert level_2 - FIELD_KEYWORDS.keys() == set()
    rows = {row["code"]: row for row in field_rows(Settings().shared_data, {})}
    assert rows["40101"]["keywords_key"] == rows["401"]["keywords_key"]
    assert rows["104"]["name_vi"] == "Hóa học"  # the source writes "Hoá học"


def test_reference_loads_idempotently_with_english_names(empty_graph: Graph) -> None:
    found = load_reference(empty_graph, Settings().shared_data)
    assert (found["fields"], found["fos_fields"], found["fos_mappings"]) == (345, 48, 345)
    before = counts(empty_graph)
    assert load_reference(empty_graph, Settings().shared_data) == found
    assert counts(empty_graph) == before
    (row,) = empty_graph.read(
        "MATCH (f:Field {code: '40101'})-[:SUBFIELD_OF]->(p:Field)-[:MAPS_TO]->(x:FosField) "
        "-[:SUBFIELD_OF]->(top:FosField) "
        "RETURN p.code AS parent, p.name_en AS name_en, x.code AS fos, top.code AS top"
    )
    assert row == {
        "parent": "401",
        "name_en": "Agriculture, forestry, and fisheries",
        "fos": "4.1",
        "top": "4",
    }


def test_everyday_words_in_both_languages_find_their_field(empty_graph: Graph) -> None:
    load_reference(empty_graph, Settings().shared_data)
    # Queries arrive folded (graph.text.fold), as the search API sends them.
    for query, code in (
        ("tea", "401"),
        ("cardamom", "401"),
        ("teaching", "503"),
        ("giao vien", "503"),
        ("trong rung", "404"),
        ("sam lai chau", "304"),
    ):
        hits = empty_graph.read(
            "CALL db.index.fulltext.queryNodes('field_text', $q) YIELD node "
            "WHERE node.level = 2 RETURN node.code AS code LIMIT 1",
            {"q": query},
        )
        assert hits == [{"code": code}], query
