"""Network measures, filters, gaps, suggestions and exports on a small graph with known answers."""

from __future__ import annotations

import csv
import io
import math
from collections.abc import Iterator
from pathlib import Path

import networkx as nx
import pytest
from networkx.algorithms.link_analysis.pagerank_alg import _pagerank_python

from graph.connection import Graph
from graph.errors import InvalidNetworkFilter, NetworkNodeNotFound
from graph.runtime import Runtime
from queries.network.analysis import Analysis, analyse
from queries.network.ego import ego
from queries.network.export import csv_table, gexf, graphml
from queries.network.filters import NetworkFilter, ProjectionKind, province_values
from queries.network.gaps import gaps
from queries.network.measures import betweenness, to_igraph
from queries.network.suggestions import suggest
from queries.network.summaries import brokers, communities, field_names, summarize
from tests.conftest import wipe
from tests.network_fixture import AS_OF, load_small_network

EXPERT = ProjectionKind.EXPERT


@pytest.fixture(scope="module")
def small(runtime: Runtime, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Graph]:
    """Built once for the module on the scratch server; no test here writes to it."""
    wipe(runtime.graph)
    load_small_network(runtime.graph, tmp_path_factory.mktemp("network"))
    yield runtime.graph


def _experts(graph: Graph, **flt: object) -> Analysis:
    return analyse(graph, EXPERT, NetworkFilter(**flt), as_of=AS_OF)  # type: ignore[arg-type]


def _metric(analysis: Analysis, node: str, name: str) -> float:
    return float(analysis.node_metrics(node)[name])


def test_ties_are_weighted_by_count_and_recency(small: Graph) -> None:
    edges = _experts(small).network.edges
    assert edges[("T-A", "T-B")]["weight"] == pytest.approx(1.5)  # 2020 project 0.5 + 2025 paper 1.0
    assert edges[("T-A", "T-B")]["projects"] == 1 and edges[("T-A", "T-B")]["publications"] == 1
    assert edges[("T-A", "T-C")]["weight"] == pytest.approx(0.25)
    assert edges[("T-A", "T-D")]["weight"] == pytest.approx(0.125)
    assert edges[("T-E", "T-G")]["weight"] == pytest.approx(1.0)
    assert len(edges) == 5


def test_degree_strength_and_isolates(small: Graph) -> None:
    a = _experts(small)
    assert _metric(a, "T-A", "degree") == 3
    assert _metric(a, "T-A", "strength") == pytest.approx(1.875)
    assert _metric(a, "T-E", "degree") == 2
    assert _metric(a, "T-H", "degree") == 0
    s = summarize(a)
    assert (s.nodes, s.edges, s.isolates, s.components, s.largest_component) == (8, 5, 1, 3, 4)


def test_betweenness_known_answers(small: Graph) -> None:
    a = _experts(small)
    pairs = 7 * 6 / 2  # (n-1)(n-2)/2 with n = 8
    assert _metric(a, "T-A", "betweenness") == pytest.approx(3 / pairs)  # B–C, B–D, C–D go through A
    assert _metric(a, "T-E", "betweenness") == pytest.approx(1 / pairs)  # F–G goes through E
    assert _metric(a, "T-B", "betweenness") == 0
    assert a.measures.betweenness_method == "exact"


def test_sampled_betweenness_with_every_source_equals_exact(small: Graph) -> None:
    g, ids = to_igraph(_experts(small).network)
    exact, _ = betweenness(g)
    sampled, method = betweenness(g, exact_max=0, samples=len(ids))
    assert sampled == pytest.approx(exact)
    assert method == f"sampled from {len(ids)} of {len(ids)} sources"


def test_pagerank_matches_an_independent_implementation(small: Graph) -> None:
    a = _experts(small)
    g = nx.Graph()
    g.add_nodes_from(a.network.nodes)
    g.add_weighted_edges_from((u, v, t["weight"]) for (u, v), t in a.network.edges.items())
    expected = _pagerank_python(g, weight="weight", tol=1e-12, max_iter=1000)
    for node in a.network.nodes:
        assert _metric(a, node, "pagerank") == pytest.approx(expected[node], abs=1e-6)
    assert sum(a.measures.pagerank) == pytest.approx(1.0)
    assert _metric(a, "T-A", "pagerank") > _metric(a, "T-B", "pagerank") > _metric(a, "T-D", "pagerank")


def test_communities_and_modularity(small: Graph) -> None:
    a = _experts(small)
    group = {node: int(_metric(a, node, "community")) for node in a.network.nodes}
    assert group["T-A"] == group["T-B"] == group["T-C"] == group["T-D"]
    assert group["T-E"] == group["T-F"] == group["T-G"] != group["T-A"]
    assert group["T-H"] not in (group["T-A"], group["T-E"])
    # m = 3.375; star: 1.875/m - (3.75/2m)^2; E-F-G: 1.5/m - (3/2m)^2
    m = 3.375
    expected = 1.875 / m - (3.75 / (2 * m)) ** 2 + 1.5 / m - (3 / (2 * m)) ** 2
    assert a.measures.modularity == pytest.approx(expected)
    found = communities(a, small)
    assert [c.size for c in found] == [4, 3]
    assert found[0].main_fields[0].code == "401"  # 401 and 40101 roll up to 401
    assert found[0].main_sectors[0].code == "AGRI_FOREST"
    assert found[0].top_members[0].id == "T-A"


def test_brokers_bridge_enterprises_and_research(small: Graph) -> None:
    orgs = analyse(small, ProjectionKind.ORGANIZATION, as_of=AS_OF)
    top = brokers(orgs)
    assert [b.node.id for b in top] == ["T-E1"]  # U1–E1 (P1), E1–G1 (P4)
    assert top[0].node.betweenness == pytest.approx(1 / 3)  # n = 4: 1 of 3 pairs
    assert top[0].neighbour_kinds == {"university": 1, "government_agency": 1}
    assert top[0].bridges_enterprise_research is False  # E1 is the enterprise; its ties are not


def test_period_filter_keeps_only_ties_of_the_period(small: Graph) -> None:
    a = _experts(small, year_from=2016)
    assert set(a.network.edges) == {("T-A", "T-B"), ("T-E", "T-F"), ("T-E", "T-G")}
    assert len(a.network.nodes) == 8  # the period filters ties, not people


def test_sector_filter_by_code_or_folded_name(small: Graph) -> None:
    by_code = _experts(small, sector="HEALTH")
    by_name = _experts(small, sector="y te")
    assert set(by_code.network.edges) == set(by_name.network.edges) == {("T-E", "T-F"), ("T-E", "T-G")}
    assert set(by_code.network.nodes) == {"T-E", "T-F", "T-G"}


def test_field_filter_includes_subfields(small: Graph) -> None:
    a = _experts(small, field="401")
    assert set(a.network.edges) == {("T-A", "T-B"), ("T-A", "T-C")}  # P1 (401), P2 (40101), W1 (401)


def test_province_filter_with_and_without_diacritics(small: Graph) -> None:
    assert province_values(small, "lai chau") == province_values(small, "LAI CHÂU") == ["Lai Châu"]
    a = _experts(small, province="lai chau")
    assert "T-A" not in a.network.nodes  # A works in Hà Nội
    assert set(a.network.edges) == {("T-E", "T-F"), ("T-E", "T-G")}


def test_bad_filters_are_refused_by_name(small: Graph) -> None:
    with pytest.raises(InvalidNetworkFilter, match='"sector"'):
        _experts(small, sector="thể thao")
    with pytest.raises(InvalidNetworkFilter, match='"field"'):
        _experts(small, field="99999")
    with pytest.raises(InvalidNetworkFilter, match='"year_from"'):
        _experts(small, year_from=2020, year_to=2010)


def test_other_projections(small: Graph) -> None:
    orgs = analyse(small, ProjectionKind.ORGANIZATION, as_of=AS_OF)
    assert set(orgs.network.edges) == {("T-E1", "T-U1"), ("T-E1", "T-G1")}
    assert orgs.network.edges[("T-E1", "T-U1")]["weight"] == pytest.approx(0.5)
    mixed = analyse(small, ProjectionKind.EXPERT_ORGANIZATION, as_of=AS_OF)
    tie = mixed.network.edges[("E:T-A", "O:T-U1")]  # A works at U1 and did P1 with it
    assert tie["employment"] == 1 and tie["projects"] == 1 and tie["weight"] == pytest.approx(1.5)
    assert ("E:T-A", "O:T-E1") in mixed.network.edges  # P1 with E1
    sectors = analyse(small, ProjectionKind.SECTOR, as_of=AS_OF)
    assert set(sectors.network.edges) == {("CULTURE", "HEALTH")}
    assert sectors.network.edges[("CULTURE", "HEALTH")]["weight"] == pytest.approx(1.0)
    assert sectors.network.nodes["AGRI_FOREST"]["internal_ties"] == 3


def test_gaps(small: Graph) -> None:
    found = gaps(
        small,
        _experts(small),
        analyse(small, ProjectionKind.SECTOR, as_of=AS_OF),
        province_values(small, "Lai Châu"),
    )
    assert [o.id for o in found.enterprises_without_research_partner] == ["T-E2"]
    assert found.intellectuals_without_collaborator == 1
    assert [x.id for x in found.intellectuals_without_collaborator_sample] == ["T-H"]
    field = next(d for d in found.demand if d.kind == "field" and d.code == "40101")
    # two proposals; B and C know 40101, B is on the ongoing P1, so one is free
    assert (field.demand, field.experts, field.available, field.shortage) == (2, 2, 1, True)
    assert found.demand[0].shortage
    missing = {(t.a, t.b) for t in found.sector_pairs_without_tie}
    assert missing == {("AGRI_FOREST", "CULTURE"), ("AGRI_FOREST", "HEALTH")}
    assert [(t.a, t.b) for t in found.community_pairs_without_tie] == [("0", "1")]


def test_suggestions_rank_common_partners_and_shared_fields(small: Graph) -> None:
    a = _experts(small)
    found = suggest(a, field_names(small))
    pairs = [(s.a, s.b) for s in found]
    assert pairs[0] == ("T-B", "T-C")  # A in common and the same field 40101
    assert found[0].adamic_adar == pytest.approx(1 / math.log(3), abs=1e-4)
    assert found[0].score == pytest.approx(1 / math.log(3) + 1.0, abs=1e-4)
    assert "Nguyễn Văn Đức" in found[0].reason and "chung" in found[0].reason
    assert set(pairs) == {("T-B", "T-C"), ("T-B", "T-D"), ("T-C", "T-D"), ("T-F", "T-G")}
    only_d = suggest(a, field_names(small), node_id="T-D")
    assert {(s.a, s.b) for s in only_d} == {("T-B", "T-D"), ("T-C", "T-D")}
    with pytest.raises(NetworkNodeNotFound):
        suggest(a, {}, node_id="nobody")


def test_ego_network_by_depth(small: Graph) -> None:
    a = _experts(small)
    one = ego(a, "T-B", depth=1)
    assert {n.id for n in one.nodes} == {"T-A", "T-B"}
    two = ego(a, "T-B", depth=2)
    assert {n.id for n in two.nodes} == {"T-A", "T-B", "T-C", "T-D"}
    assert {n.id: n.distance for n in two.nodes}["T-C"] == 2
    assert len(two.ties) == 3
    mixed = analyse(small, ProjectionKind.EXPERT_ORGANIZATION, as_of=AS_OF)
    assert ego(mixed, "T-U1").center == "O:T-U1"  # plain ids work in the mixed network


def test_graphml_and_gexf_read_back_with_networkx(small: Graph, tmp_path: Path) -> None:
    a = _experts(small)
    for name, body, reader in (("n.graphml", graphml(a), nx.read_graphml), ("n.gexf", gexf(a), nx.read_gexf)):
        path = tmp_path / name
        path.write_bytes(body)
        g = reader(path)
        assert set(g.nodes) == set(a.network.nodes)
        assert {tuple(sorted(e)) for e in g.edges} == set(a.network.edges)
        assert float(g.edges["T-A", "T-B"]["weight"]) == pytest.approx(1.5)
        attrs = g.nodes["T-A"]
        assert attrs["name"] == "Nguyễn Văn Đức"
        assert int(attrs["degree"]) == 3
        assert float(attrs["betweenness"]) == pytest.approx(3 / 21, abs=1e-6)


def test_csv_has_a_bom_and_reads_back(small: Graph) -> None:
    a = _experts(small)
    body = csv_table(a, "edges")
    assert body.startswith("\ufeff".encode())
    rows = list(csv.reader(io.StringIO(body.decode("utf-8-sig"))))
    assert rows[0][0] == "Mã nguồn (source)"
    g = nx.Graph()
    g.add_weighted_edges_from((r[0], r[2], float(r[4])) for r in rows[1:])
    assert {tuple(sorted(e)) for e in g.edges} == set(a.network.edges)
    assert "Nguyễn Văn Đức" in {r[1] for r in rows[1:]}
    nodes = csv_table(a, "nodes", semicolon=True).decode("utf-8-sig")
    header, *lines = list(csv.reader(io.StringIO(nodes), delimiter=";"))
    assert len(lines) == 8 and header[0] == "Mã (id)"
    row_a = next(r for r in lines if r[0] == "T-A")
    assert row_a[7] == "1,875"  # decimal comma for Excel under Vietnamese settings
