"""One organization across CORDIS (PIC) and OpenAlex (ROR), through the real import path on a real
Neo4j, with real rows of `cordis_h2020/org_names.csv` and `openalex_idb03/institutions.csv` written
the way the two adapters write them.

The University of Stuttgart is PIC 999974747 and OpenAlex I100066346; Universität Hamburg is PIC
999905101, and PIC 999838753 is another body of the same city (Technische Universität Hamburg);
"Florida College" (OpenAlex I94062374) is not the University of Florida (PIC 993392036); "RWTH
Aachen University" (I887968799) is PIC 999983962, written out in German with the short name RWTHAACHEN.
"""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

from graph.connection import Graph
from graph.settings import Settings
from ingest.adapters.cordis import ACTIVITY_KINDS, COUNTRY_CODES, unmangle
from ingest.adapters.openalex import ORG_KINDS
from ingest.load import import_paths
from ingest.org_crosswalk import CrossIndex, CrossOrg, compare
from ingest.review import accept, reject
from tests.test_ingest_load import counts, write_all

PICS = ["999974747", "999905101", "999838753", "993392036", "999983962"]
OPENALEX = ["I100066346", "I159176309", "I94062374", "I887968799"]


def cordis_orgs(shared: Path) -> list[dict[str, str]]:
    with (shared / "cordis_h2020" / "org_names.csv").open(encoding="utf-8") as handle:
        rows = {r["pic"]: r for r in csv.DictReader(handle) if r["pic"] in PICS}
    return [
        {
            "org_id": f"EU-PIC-{pic}",
            "name": rows[pic]["name"],
            "short_name": rows[pic]["short_name"],
            "kind": ACTIVITY_KINDS[rows[pic]["activity_type"]],
            "country": COUNTRY_CODES.get(rows[pic]["country"], rows[pic]["country"]),
        }
        for pic in PICS
    ]


def openalex_orgs(shared: Path) -> list[dict[str, str]]:
    with (shared / "openalex_idb03" / "institutions.csv").open(encoding="utf-8") as handle:
        rows = {r["institution_id"].rsplit("/", 1)[-1]: r for r in csv.DictReader(handle)}
    return [
        {
            "org_id": f"OA-{i}",
            "name": rows[i]["name"],
            "kind": ORG_KINDS[rows[i]["type"]],
            "country": rows[i]["country_code"],
            "external_ids": rows[i]["ror"],
        }
        for i in OPENALEX
    ]


@pytest.fixture
def shared(settings: Settings) -> Path:
    return settings.shared_data


def _cordis_tables(shared: Path) -> dict[str, list[dict[str, str]]]:
    return {
        "organizations": cordis_orgs(shared),
        "projects": [{"project_code": "H2020-RCN-221856", "title": "Dự án H2020", "level": "international"}],
        "project_partners": [
            {"project_code": "H2020-RCN-221856", "org_id": "EU-PIC-999974747", "role": "host"},
            {"project_code": "H2020-RCN-221856", "org_id": "EU-PIC-999838753", "role": "partner"},
        ],
    }


def _openalex_tables(shared: Path) -> dict[str, list[dict[str, str]]]:
    return {
        "organizations": openalex_orgs(shared),
        "experts": [
            {"expert_id": "OA-A5000000001", "full_name": "Nguyễn Văn An", "org_id": "OA-I100066346"},
            {"expert_id": "OA-A5000000002", "full_name": "Lò Thị Ba", "org_id": "OA-I94062374"},
            {"expert_id": "OA-A5000000003", "full_name": "Trần Văn Cường", "org_id": "OA-I887968799"},
        ],
    }


def _ids(graph: Graph) -> list[str]:
    return [r["id"] for r in graph.read("MATCH (o:Organization) RETURN o.id AS id ORDER BY id")]


def _keys(graph: Graph, org_id: str) -> list[str]:
    rows = graph.read(
        "MATCH (:Organization {id: $id})-[:IDENTIFIED_BY]->(x) RETURN x.key AS k ORDER BY k", {"id": org_id}
    )
    return [r["k"] for r in rows]


def test_openalex_after_cordis_joins_the_same_university_and_nothing_else(
    empty_graph: Graph, shared: Path, tmp_path: Path
) -> None:
    import_paths(empty_graph, write_all(tmp_path / "cordis", _cordis_tables(shared)))
    paths = write_all(tmp_path / "openalex", _openalex_tables(shared))
    report = import_paths(empty_graph, paths)
    orgs = next(k for k in report.kinds.values() if k.kind.value == "organizations")
    assert (orgs.merged, orgs.queued) == (2, 2)
    # Stuttgart and Hamburg joined their CORDIS nodes; the unsure two are their own nodes.
    assert _ids(empty_graph) == [*(f"EU-PIC-{p}" for p in sorted(PICS)), "OA-I887968799", "OA-I94062374"]
    assert _keys(empty_graph, "EU-PIC-999974747") == ["openalex:I100066346", "ror:04vnq7t77"]
    assert _keys(empty_graph, "EU-PIC-999838753") == []  # the other Hamburg university stays apart
    assert _keys(empty_graph, "EU-PIC-999905101")[0] == "openalex:I159176309"
    (stuttgart,) = empty_graph.read("MATCH (o:Organization {id: 'EU-PIC-999974747'}) RETURN o.name AS n")
    assert stuttgart["n"] == "UNIVERSITY OF STUTTGART"  # the stored name is kept
    works = empty_graph.read("MATCH (:Expert {id: 'OA-A5000000001'})-[:WORKS_AT]->(o) RETURN o.id AS id")
    assert works == [{"id": "EU-PIC-999974747"}]
    # The unsure pairs wait for a person, proposing the University of Florida and RWTH's PIC.
    items = empty_graph.read(
        "MATCH (r:ReviewItem) RETURN r.id AS id, r.candidate_id AS c, r.reason AS reason ORDER BY c"
    )
    assert [i["c"] for i in items] == ["EU-PIC-993392036", "EU-PIC-999983962"]
    assert all(i["reason"].startswith("cross-source") for i in items)
    # Importing OpenAlex again finds the joined nodes through their new ids: nothing changes.
    before = counts(empty_graph)
    import_paths(empty_graph, paths)
    assert counts(empty_graph) == before
    # A person rejects Florida (it stays its own node, no third one) and accepts RWTH: its OpenAlex
    # node merges into the CORDIS one, and the next OpenAlex import lands there, not refused for its ROR id.
    assert reject(empty_graph, items[0]["id"], "editor").record_id == "OA-I94062374"
    accept(empty_graph, items[1]["id"], "editor")
    assert "openalex:I887968799" in _keys(empty_graph, "EU-PIC-999983962")
    assert "OA-I887968799" not in _ids(empty_graph)
    import_paths(empty_graph, paths)
    assert len(_ids(empty_graph)) == len(PICS) + 1
    rwth = empty_graph.read(
        "MATCH (:Expert {id: 'OA-A5000000003'})-[:WORKS_AT {current: true}]->(o) RETURN o.id AS id"
    )
    assert rwth == [{"id": "EU-PIC-999983962"}]


def test_cordis_after_openalex_joins_and_rewrites_the_participations(
    empty_graph: Graph, shared: Path, tmp_path: Path
) -> None:
    import_paths(empty_graph, write_all(tmp_path / "openalex", _openalex_tables(shared)))
    paths = write_all(tmp_path / "cordis", _cordis_tables(shared))
    import_paths(empty_graph, paths)
    assert "EU-PIC-999974747" not in _ids(empty_graph) and "EU-PIC-999838753" in _ids(empty_graph)
    assert "EU-PIC-999983962" in _ids(empty_graph)  # RWTH is a review item: its own node meanwhile
    assert _keys(empty_graph, "OA-I100066346") == ["pic:999974747", "ror:04vnq7t77"]
    partners = empty_graph.read(
        "MATCH (:Project {code: 'H2020-RCN-221856'})<-[:PARTNER_IN]-(o) RETURN o.id AS id ORDER BY id"
    )
    assert partners == [{"id": "EU-PIC-999838753"}, {"id": "OA-I100066346"}]
    before = counts(empty_graph)
    import_paths(empty_graph, paths)
    assert counts(empty_graph) == before


def test_one_batch_of_one_source_alone_is_untouched(empty_graph: Graph, shared: Path, tmp_path: Path) -> None:
    """Nothing of another source stored: every row is its own node (the CORDIS load pays two reads)."""
    import_paths(empty_graph, write_all(tmp_path / "cordis", _cordis_tables(shared)))
    assert _ids(empty_graph) == [f"EU-PIC-{p}" for p in sorted(PICS)]
    assert empty_graph.read("MATCH (r:ReviewItem) RETURN count(r) AS n") == [{"n": 0}]


@pytest.mark.parametrize(
    ("a", "b", "action"),
    [
        (("University of Stuttgart", "DE", None), ("UNIVERSITY OF STUTTGART", "DE", None), "merge"),
        (("Delft University of Technology", "NL", None),
         ("TECHNISCHE UNIVERSITEIT DELFT", "NL", None), "merge"),
        (("Aix-Marseille Université", "FR", None), ("UNIVERSITE D'AIX MARSEILLE", "FR", None), "merge"),
        (("University of Perugia", "IT", None), ("UNIVERSITA DEGLI STUDI DI PERUGIA", "IT", None), "merge"),
        (("University of Stavanger", "NO", None), ("UNIVERSITETET I STAVANGER", "NO", None), "merge"),
        # the same words in another country: never
        (("University of Fribourg", "CH", None), ("UNIVERSITE DE FRIBOURG", "FR", None), None),
        # a numeral is a different university ("Rennes I"): a person decides
        (("Université de Rennes", "FR", None), ("UNIVERSITE DE RENNES I", "FR", None), "review"),
        # same city, another kind of body
        (("Universität Hamburg", "DE", None), ("TECHNISCHE UNIVERSITAT HAMBURG", "DE", "TUHH"), "review"),
        (("Florida College", "US", None), ("University of Florida", "US", "UF"), "review"),
        # a written short name that is the other's words run together or its acronym
        (("RWTH Aachen University", "DE", None),
         ("RHEINISCH-WESTFAELISCHE TECHNISCHE HOCHSCHULE AACHEN", "DE", "RWTHAACHEN"), "review"),
        # one shared city word out of several: not even a review
        (("Wuppertal Institute for Climate, Environment and Energy", "DE", None),
         ("BERGISCHE UNIVERSITAET  WUPPERTAL", "DE", "BUW"), None),
    ],
)  # fmt: skip
def test_cross_source_name_rules_on_real_pairs(
    a: tuple[str, str, str | None], b: tuple[str, str, str | None], action: str | None
) -> None:
    match = compare(CrossOrg.of("a", a[0], a[1], a[2]), CrossOrg.of("b", b[0], b[1], b[2]))
    assert (match.action if match else None) == action


@pytest.mark.parametrize(
    ("a", "b", "action"),
    [
        # a city's English name and its local one (ingest.city_exonyms)
        (("Ghent University", None), ("UNIVERSITEIT GENT", "GENT"), "merge"),
        (("University of Milan", None), ("UNIVERSITA DEGLI STUDI DI MILANO", "Milano"), "merge"),
        # the city agrees: words contained with the same kinds, or one more word shared: a person decides
        (("University of Urbino", None), ("Universita' degli Studi di Urbino Carlo Bo", "URBINO"), "review"),
        (("Universität Greifswald", None), ("ERNST-MORITZ-ARNDT-UNIVERSITÄT GREIFSWALD", "GREIFSWALD"),
         "review"),
        (("GEOMAR Helmholtz Centre for Ocean Research Kiel", None),
         ("HELMHOLTZ-ZENTRUM FUR OZEANFORSCHUNG KIEL (GEOMAR)", "KIEL"), "review"),
        (("University of Milan", None), ("UNIVERSITA DEGLI STUDI DI MILANO-BICOCCA", "MILANO"), "review"),
        # without the city, the same words contained are no evidence
        (("University of Urbino", None), ("Universita' degli Studi di Urbino Carlo Bo", None), None),
        # only two kind words, the same: a person decides
        (("École Polytechnique", None), ("ECOLE POLYTECHNIQUE", "PALAISEAU CEDEX"), "review"),
    ],
)  # fmt: skip
def test_city_and_exonym_rules_on_real_pairs(
    a: tuple[str, str | None], b: tuple[str, str | None], action: str | None
) -> None:
    country = "FR" if "cole" in a[0] else "IT" if "Mil" in a[0] or "Urb" in a[0] else "DE"
    country = "BE" if "Ghent" in a[0] else country
    match = compare(CrossOrg.of("a", a[0], country, city=a[1]), CrossOrg.of("b", b[0], country, city=b[1]))
    assert (match.action if match else None) == action


def test_the_candidate_with_more_agreeing_evidence_is_proposed() -> None:
    """Münster: the university whose city and kind agree, not the college sharing more of its words."""
    index = CrossIndex(
        [
            CrossOrg.of("EU-PIC-1", "FACHHOCHSCHULE MUNSTER", "DE", city="MUENSTER"),
            CrossOrg.of("EU-PIC-2", "WESTFAELISCHE WILHELMS-UNIVERSITAET MUENSTER", "DE", city="MUENSTER"),
        ]
    )
    match = index.best(CrossOrg.of("OA-I1", "University of Münster", "DE"))
    assert match is not None and (match.action, match.candidate.id) == ("review", "EU-PIC-2")


def test_a_name_damaged_in_the_source_is_repaired() -> None:
    assert (
        unmangle("ERNST-MORITZ-ARNDT-UNIVERSIT√ÑT GREIFSWALD") == "ERNST-MORITZ-ARNDT-UNIVERSITÄT GREIFSWALD"
    )
    assert unmangle("Aquitaine D√©veloppement Innovation") == "Aquitaine Développement Innovation"
    assert unmangle("UNIVERSITÄT WIEN √ 2") == "UNIVERSITÄT WIEN √ 2"  # not that damage: as it is


def test_two_sure_candidates_are_left_to_a_person() -> None:
    """CORDIS holds Nantes Université under two PICs; which one the OpenAlex row joins is not ours."""
    index = CrossIndex(
        [
            CrossOrg.of("EU-PIC-1", "NANTES UNIVERSITE", "FR"),
            CrossOrg.of("EU-PIC-2", "UNIVERSITE DE NANTES", "FR"),
        ]
    )
    match = index.best(CrossOrg.of("OA-I1", "Nantes Université", "FR"))
    assert match is not None and (match.action, match.reason) == ("review", "two sure matches")
