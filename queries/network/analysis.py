"""One analysed projection: the network, its measures, and the graph version they were computed on."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from graph.connection import Graph
from queries.network.cache import CACHE, GraphVersion
from queries.network.filters import NetworkFilter, ProjectionKind, check_filter
from queries.network.measures import Measures, measure
from queries.network.projections import Network, project


@dataclass
class Analysis:
    network: Network
    measures: Measures
    version: GraphVersion

    def node_metrics(self, node_id: str) -> dict[str, float | int]:
        i = self.measures.index()[node_id]
        m = self.measures
        return {
            "degree": m.degree[i],
            "strength": m.strength[i],
            "pagerank": m.pagerank[i],
            "betweenness": m.betweenness[i],
            "community": m.community[i],
            "component": m.component[i],
        }


def analyse(
    graph: Graph, kind: ProjectionKind, flt: NetworkFilter | None = None, as_of: int | None = None
) -> Analysis:
    """Project and measure, or reuse the result computed on the same graph version."""
    checked = check_filter(graph, flt or NetworkFilter())
    year = as_of if as_of is not None else date.today().year

    def compute(version: GraphVersion) -> Analysis:
        net = project(graph, kind, checked, as_of=year)
        return Analysis(net, measure(net), version)

    return CACHE.get_or_compute(graph, ("analysis", kind, checked, year), compute)
