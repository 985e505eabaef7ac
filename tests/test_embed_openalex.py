"""Embeddings at import time, and the OpenAlex sample through the user-file import path."""

from __future__ import annotations

from pathlib import Path

import pytest

from graph.connection import Graph
from graph.settings import Settings
from ingest.adapters.openalex import load_openalex, read_sample
from ingest.columns import Kind
from ingest.embed import embed_missing
from ingest.load import import_paths
from ingest.reference import load_reference
from tests.test_ingest_load import write_all

TABLES = {
    "organizations": [
        {
            "org_id": "O1",
            "name": "Sở Nông nghiệp Lai Châu",
            "kind": "government_agency",
            "province": "Lai Châu",
        }
    ],
    "experts": [{"expert_id": "E1", "full_name": "Lò Văn Chiến", "org_id": "O1", "topics": "chè Shan tuyết"}],
    "projects": [{"project_code": "P1", "title": "Chế biến chè Shan tuyết", "level": "provincial"}],
    "project_members": [{"project_code": "P1", "expert_id": "E1", "role": "lead"}],
}


@pytest.fixture
def graph(empty_graph: Graph, settings: Settings) -> Graph:
    load_reference(empty_graph, settings.shared_data)
    return empty_graph


def _hashes(graph: Graph) -> dict[str, str]:
    rows = graph.read(
        "MATCH (n) WHERE n.embedding IS NOT NULL RETURN coalesce(n.id, n.code) AS k, n.embedding_hash AS h"
    )
    return {r["k"]: r["h"] for r in rows}


def test_embeddings_are_made_once_and_again_only_for_changed_text(graph: Graph, tmp_path: Path) -> None:
    cache = tmp_path / "vectors.sqlite"
    import_paths(graph, write_all(tmp_path / "a", TABLES))
    assert embed_missing(graph, cache_path=cache) == 2  # the project and the expert's profile
    first = _hashes(graph)
    assert set(first) == {"E1", "P1"}
    assert embed_missing(graph, cache_path=cache) == 0
    changed = {**TABLES, "projects": [{**TABLES["projects"][0], "title": "Nhân giống sâm Lai Châu"}]}
    import_paths(graph, write_all(tmp_path / "b", changed))
    assert embed_missing(graph, cache_path=cache) == 2  # the title and the profile that lists it
    assert all(_hashes(graph)[k] != first[k] for k in ("E1", "P1"))
    dims = graph.read("MATCH (p:Project {code: 'P1'}) RETURN size(p.embedding) AS n")[0]["n"]
    assert dims == 384


def test_openalex_sample_loads_through_the_import_path(graph: Graph, settings: Settings) -> None:
    directory = settings.shared_data / "openalex_idb03"
    sample = read_sample(directory)
    held = sorted(w for w in {r.values[0] for r in sample.tables[Kind.PUBLICATION_AUTHORS].rows})[:5]
    report = load_openalex(graph, directory, hold_out=held)
    assert report.kinds[Kind.EXPERTS].created == len(sample.tables[Kind.EXPERTS].rows)
    counts = graph.read(
        "MATCH (w:Publication) WITH count(w) AS works "
        "MATCH (e:Expert) WITH works, count(e) AS experts "
        "MATCH (:Expert)-[a:AUTHORED]->() RETURN works, experts, count(a) AS bylines"
    )[0]
    assert counts["experts"] == 3776
    assert counts["works"] == 3848 - len(held)
    assert counts["bylines"] > 11_000
    assert graph.read("UNWIND $ids AS id MATCH (w:Publication {id: id}) RETURN w", {"ids": held}) == []
    fields = graph.read("MATCH (:Expert)-[:HAS_EXPERTISE]->(f:Field) RETURN DISTINCT f.code AS code")
    assert {"105"} <= {r["code"] for r in fields}
    again = load_openalex(graph, directory, hold_out=held)
    assert again.written == 0
