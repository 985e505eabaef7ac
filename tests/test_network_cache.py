"""Analyses are reused on an unchanged graph and recomputed after an import changes it."""

from __future__ import annotations

from pathlib import Path

from graph.connection import Graph
from ingest.load import import_directory
from queries.network.analysis import analyse
from queries.network.cache import CACHE, graph_version
from queries.network.filters import ProjectionKind
from tests.network_fixture import AS_OF, load_small_network, write_tables


def test_same_version_reuses_and_an_import_recomputes(empty_graph: Graph, tmp_path: Path) -> None:
    load_small_network(empty_graph, tmp_path / "first")
    before = graph_version(empty_graph)
    first = analyse(empty_graph, ProjectionKind.EXPERT, as_of=AS_OF)
    assert analyse(empty_graph, ProjectionKind.EXPERT, as_of=AS_OF) is first  # served from the cache
    assert ("T-B", "T-H") not in first.network.edges

    write_tables(
        tmp_path / "second",
        {"publications": [{"pub_id": "T-W9", "title": "Hợp tác mới", "year": "2025"}],
         "publication_authors": [{"pub_id": "T-W9", "expert_id": "T-B"},
                                 {"pub_id": "T-W9", "expert_id": "T-H"}]},
    )  # fmt: skip
    import_directory(empty_graph, tmp_path / "second")
    after = graph_version(empty_graph)
    assert after.version == before.version + 1 and after != before
    second = analyse(empty_graph, ProjectionKind.EXPERT, as_of=AS_OF)
    assert second is not first
    assert ("T-B", "T-H") in second.network.edges
    assert second.version.label != first.version.label


def test_reimport_of_unchanged_files_keeps_the_version(empty_graph: Graph, tmp_path: Path) -> None:
    load_small_network(empty_graph, tmp_path)
    before = graph_version(empty_graph)
    import_directory(empty_graph, tmp_path)  # nothing to change: no bump, the cache stays valid
    assert graph_version(empty_graph) == before
    hits = CACHE.hits
    analyse(empty_graph, ProjectionKind.ORGANIZATION, as_of=AS_OF)
    analyse(empty_graph, ProjectionKind.ORGANIZATION, as_of=AS_OF)
    assert CACHE.hits == hits + 1


def test_a_project_without_years_still_ties_its_members(empty_graph: Graph, tmp_path: Path) -> None:
    """collect() drops null years; such a project once gave a zero-weight tie that broke betweenness."""
    write_tables(
        tmp_path,
        {"experts": [{"expert_id": "Y-1", "full_name": "Lò Văn Một"},
                     {"expert_id": "Y-2", "full_name": "Lò Văn Hai"}],
         "projects": [{"project_code": "Y-P", "title": "Không rõ năm"}],
         "project_members": [{"project_code": "Y-P", "expert_id": "Y-1", "role": "lead"},
                             {"project_code": "Y-P", "expert_id": "Y-2", "role": "member"}]},
    )  # fmt: skip
    import_directory(empty_graph, tmp_path)
    tie = analyse(empty_graph, ProjectionKind.EXPERT, as_of=AS_OF).network.edges[("Y-1", "Y-2")]
    assert tie["projects"] == 1 and tie["weight"] == 0.5
