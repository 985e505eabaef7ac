"""The projections read one row per project or paper and form the pairs in numpy; the Cypher that
expanded every pair (queries/network/pairwise.py) is the reference they must agree with, on the
small known graph and on the demo, for every projection and every filter."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from graph.connection import Graph
from graph.runtime import Runtime
from queries.network.filters import NetworkFilter, ProjectionKind, check_filter
from queries.network.pairwise import PAIRWISE
from queries.network.projections import Network, project
from queries.network.ties import PairInstances, recency
from tests.conftest import wipe
from tests.network_fixture import AS_OF, load_small_network

FILTERS = [
    NetworkFilter(),
    NetworkFilter(year_from=2015),
    NetworkFilter(year_to=2015),
    NetworkFilter(year_from=2012, year_to=2020),
    NetworkFilter(sector="AGRI_FOREST"),
    NetworkFilter(sector="y te"),
    NetworkFilter(field="401"),
    NetworkFilter(field="3"),
    NetworkFilter(province="lai chau"),
    NetworkFilter(province="Hà Nội"),
    NetworkFilter(year_from=2015, sector="nong nghiep", province="Lai Châu"),
]
CASES = [(kind, flt) for kind in ProjectionKind for flt in FILTERS]


def _same(fast: Network, reference: Network) -> None:
    assert fast.nodes == reference.nodes
    assert fast.edges.keys() == reference.edges.keys()
    for key, tie in reference.edges.items():
        got = fast.edges[key]
        # Only the order of summing the recency factors differs.
        assert got == {**tie, "weight": pytest.approx(tie["weight"], rel=1e-12)}, key


@pytest.fixture(scope="module")
def small(runtime: Runtime, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Graph]:
    wipe(runtime.graph)
    load_small_network(runtime.graph, tmp_path_factory.mktemp("projection"))
    yield runtime.graph


@pytest.mark.parametrize(("kind", "flt"), CASES, ids=[f"{k.value}-{f}" for k, f in CASES])
def test_member_lists_give_the_pairwise_ties_on_the_small_graph(
    small: Graph, kind: ProjectionKind, flt: NetworkFilter
) -> None:
    checked = check_filter(small, flt)
    _same(project(small, kind, checked, AS_OF), project(small, kind, checked, AS_OF, ties=PAIRWISE))


def test_the_small_graph_ties_are_the_known_ones(small: Graph) -> None:
    """A guard that the comparison above compares something: the fixture's hand-computed ties."""
    net = project(small, ProjectionKind.EXPERT, NetworkFilter(), AS_OF)
    assert {k: round(t["weight"], 6) for k, t in net.edges.items()} == {
        ("T-A", "T-B"): 1.5,
        ("T-A", "T-C"): 0.25,
        ("T-A", "T-D"): 0.125,
        ("T-E", "T-F"): 0.5,
        ("T-E", "T-G"): 1.0,
    }
    orgs = project(small, ProjectionKind.ORGANIZATION, NetworkFilter(), AS_OF)
    assert {k: (t["projects"], t["last_year"]) for k, t in orgs.edges.items()} == {
        ("T-E1", "T-G1"): (1, 2020),
        ("T-E1", "T-U1"): (1, 2020),
    }


@pytest.mark.parametrize(("kind", "flt"), CASES, ids=[f"{k.value}-{f}" for k, f in CASES])
def test_member_lists_give_the_pairwise_ties_on_the_demo(
    demo_graph: Graph, kind: ProjectionKind, flt: NetworkFilter
) -> None:
    checked = check_filter(demo_graph, flt)
    fast = project(demo_graph, kind, checked)
    _same(fast, project(demo_graph, kind, checked, ties=PAIRWISE))
    if kind is not ProjectionKind.SECTOR and flt.is_empty():
        assert len(fast.edges) > 100  # the demo is collaborative enough for the check to bite


def test_pairs_skip_outsiders_and_self_pairs_and_weigh_unknown_years_as_one_half_life() -> None:
    pairs = PairInstances(["a", "b", "c"])
    pairs.add_within(
        [
            (2020, ["a", "b", "x"]),  # x is outside the network: only a-b remains
            (None, ["b", "a"]),  # no year: one half-life
            (2010, ["c", "c"]),  # one member listed twice is no tie
        ]
    )
    edges: dict[tuple[str, str], dict[str, object]] = {}
    pairs.merge_into(edges, "projects", 2025)
    assert edges == {
        ("a", "b"): {
            "weight": pytest.approx(recency(2020, 2025) + 0.5),
            "projects": 2,
            "publications": 0,
            "employment": 0,
            "last_year": 2020,
        }
    }


def test_pairs_across_two_kinds_of_member() -> None:
    pairs = PairInstances(["E:1", "E:2", "O:1", "O:9"])
    pairs.add_across([(2025, ["1", "2"], ["1", "7"])], ("E:", "O:"))
    edges: dict[tuple[str, str], dict[str, object]] = {}
    pairs.merge_into(edges, "projects", 2025)
    assert sorted(edges) == [("E:1", "O:1"), ("E:2", "O:1")]
    assert all(t["weight"] == 1.0 and t["projects"] == 1 for t in edges.values())
