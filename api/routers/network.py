"""The collaboration network: measures, communities, brokers, gaps, suggestions, exports, pictures."""

from __future__ import annotations

from enum import StrEnum
from typing import Annotated

from fastapi import APIRouter, Depends, Path, Query
from fastapi.responses import Response

from api.deps import GraphDep
from api.network_schemas import (
    BrokersOut,
    CommunitiesOut,
    CommunityOut,
    EgoOut,
    GapsOut,
    SuggestionsOut,
    SummaryOut,
)
from graph.connection import Graph
from queries.network.analysis import Analysis, analyse
from queries.network.ego import ego, resolve_node
from queries.network.export import csv_table, gexf, graphml
from queries.network.filters import NetworkFilter, ProjectionKind, check_filter, province_values
from queries.network.gaps import gaps
from queries.network.pictures import communities_svg, ego_svg
from queries.network.suggestions import suggest
from queries.network.summaries import brokers, communities, field_names, summarize

router = APIRouter(prefix="/api/v1/network", tags=["network"])


def network_filter(
    year_from: Annotated[int | None, Query(ge=1900, le=2100, description="ties from this year on")] = None,
    year_to: Annotated[int | None, Query(ge=1900, le=2100, description="ties up to this year")] = None,
    sector: Annotated[
        str | None, Query(max_length=100, description="sector code or name, diacritics optional")
    ] = None,
    field: Annotated[
        str | None, Query(pattern=r"^\d{1,5}$", description="field code; subfields count")
    ] = None,
    province: Annotated[
        str | None, Query(max_length=100, description="province of the body, e.g. Lai Chau")
    ] = None,
) -> NetworkFilter:
    return NetworkFilter(year_from, year_to, sector, field, province)


FilterDep = Annotated[NetworkFilter, Depends(network_filter)]
ProjectionQuery = Annotated[
    ProjectionKind, Query(description="expert, organization, expert_organization or sector")
]


def _analysis(graph: Graph, projection: ProjectionKind, flt: NetworkFilter) -> Analysis:
    return analyse(graph, projection, flt)


@router.get("/summary", response_model=SummaryOut)
def summary(
    graph: GraphDep, flt: FilterDep, projection: ProjectionQuery = ProjectionKind.EXPERT
) -> SummaryOut:
    """Size, density, components, isolates, communities and the top nodes by each measure."""
    return SummaryOut.model_validate(summarize(_analysis(graph, projection, flt)))


def _communities(graph: Graph, analysis: Analysis, min_size: int, limit: int) -> CommunitiesOut:
    found = communities(analysis, graph, min_size=min_size, limit=limit)
    return CommunitiesOut(
        projection=analysis.network.kind.value,
        graph_version=analysis.version.label,
        method="Leiden (leidenalg, modularity, seed 45)",
        modularity=round(analysis.measures.modularity, 4),
        singletons=sum(1 for s in analysis.measures.community_sizes if s == 1),
        communities=[CommunityOut.model_validate(c) for c in found],
    )


@router.get("/communities", response_model=CommunitiesOut)
def list_communities(
    graph: GraphDep,
    flt: FilterDep,
    projection: ProjectionQuery = ProjectionKind.EXPERT,
    min_size: Annotated[int, Query(ge=1, le=10_000)] = 2,
    limit: Annotated[int, Query(ge=1, le=500)] = 50,
) -> CommunitiesOut:
    """Communities, largest first: size, main fields, main organizations and sectors, leading members."""
    return _communities(graph, _analysis(graph, projection, flt), min_size, limit)


@router.get("/communities.svg", response_class=Response, responses={200: {"content": {"image/svg+xml": {}}}})
def communities_picture(
    graph: GraphDep, flt: FilterDep, projection: ProjectionQuery = ProjectionKind.EXPERT
) -> Response:
    """The largest communities as a picture: one circle per community, tied by their ties."""
    analysis = _analysis(graph, projection, flt)
    found = communities(analysis, graph, min_size=2, limit=20)
    return Response(communities_svg(analysis, found), media_type="image/svg+xml")


@router.get("/brokers", response_model=BrokersOut)
def list_brokers(
    graph: GraphDep,
    flt: FilterDep,
    projection: ProjectionQuery = ProjectionKind.ORGANIZATION,
    limit: Annotated[int, Query(ge=1, le=200)] = 20,
) -> BrokersOut:
    """Who bridges: highest betweenness, with the communities and kinds of body each one connects."""
    analysis = _analysis(graph, projection, flt)
    return BrokersOut.model_validate(
        {
            "projection": analysis.network.kind.value,
            "graph_version": analysis.version.label,
            "betweenness_method": analysis.measures.betweenness_method,
            "brokers": brokers(analysis, limit),
        },
        from_attributes=True,
    )


NodeId = Annotated[str, Path(max_length=120, description="expert or organization id")]
Depth = Annotated[int, Query(ge=1, le=3, description="how many ties away from the centre")]


@router.get(
    "/ego/{node_id}.svg",
    response_class=Response,
    responses={200: {"content": {"image/svg+xml": {}}}, 404: {"description": "no such node"}},
)
def ego_picture(
    graph: GraphDep,
    node_id: NodeId,
    flt: FilterDep,
    depth: Depth = 1,
    projection: ProjectionQuery = ProjectionKind.EXPERT,
) -> Response:
    """The ego network drawn: the centre, its partners within `depth` ties, coloured by community."""
    return Response(
        ego_svg(ego(_analysis(graph, projection, flt), node_id, depth)), media_type="image/svg+xml"
    )


@router.get("/ego/{node_id}", response_model=EgoOut, responses={404: {"description": "no such node"}})
def ego_network(
    graph: GraphDep,
    node_id: NodeId,
    flt: FilterDep,
    depth: Depth = 1,
    projection: ProjectionQuery = ProjectionKind.EXPERT,
) -> EgoOut:
    """The nodes within `depth` ties of `node_id` and the ties among them."""
    return EgoOut.model_validate(ego(_analysis(graph, projection, flt), node_id, depth))


@router.get("/gaps", response_model=GapsOut)
def list_gaps(graph: GraphDep, flt: FilterDep) -> GapsOut:
    """Enterprises with no research partner, unmet demand, lone intellectuals, groups that never meet."""
    experts = _analysis(graph, ProjectionKind.EXPERT, flt)
    sectors = _analysis(graph, ProjectionKind.SECTOR, flt)
    provinces = province_values(graph, check_filter(graph, flt).province)
    return GapsOut.model_validate(gaps(graph, experts, sectors, provinces))


class SuggestionProjection(StrEnum):
    EXPERT = ProjectionKind.EXPERT.value
    ORGANIZATION = ProjectionKind.ORGANIZATION.value


@router.get("/suggestions", response_model=SuggestionsOut, responses={404: {"description": "no such node"}})
def list_suggestions(
    graph: GraphDep,
    flt: FilterDep,
    projection: Annotated[SuggestionProjection, Query()] = SuggestionProjection.EXPERT,
    node_id: Annotated[
        str | None, Query(max_length=120, description="only introductions for this one")
    ] = None,
    limit: Annotated[int, Query(ge=1, le=200)] = 20,
) -> SuggestionsOut:
    """Introductions worth making: pairs with partners in common and shared fields, each with why."""
    analysis = _analysis(graph, ProjectionKind(projection.value), flt)
    center = resolve_node(analysis, node_id) if node_id else None
    found = suggest(analysis, field_names(graph), node_id=center, limit=limit)
    return SuggestionsOut.model_validate(
        {
            "projection": analysis.network.kind.value,
            "graph_version": analysis.version.label,
            "suggestions": found,
        },
        from_attributes=True,
    )


def _download(body: bytes, media_type: str, name: str) -> Response:
    return Response(
        body, media_type=media_type, headers={"Content-Disposition": f'attachment; filename="{name}"'}
    )


@router.get("/export.graphml", response_class=Response)
def export_graphml(
    graph: GraphDep, flt: FilterDep, projection: ProjectionQuery = ProjectionKind.EXPERT
) -> Response:
    """The projection with every measure as node attributes, for Gephi, yEd or networkx."""
    body = graphml(_analysis(graph, projection, flt))
    return _download(body, "application/graphml+xml", f"network-{projection.value}.graphml")


@router.get("/export.gexf", response_class=Response)
def export_gexf(
    graph: GraphDep, flt: FilterDep, projection: ProjectionQuery = ProjectionKind.EXPERT
) -> Response:
    """The projection as GEXF, Gephi's own format."""
    body = gexf(_analysis(graph, projection, flt))
    return _download(body, "application/gexf+xml", f"network-{projection.value}.gexf")


class CsvTable(StrEnum):
    NODES = "nodes"
    EDGES = "edges"


class CsvSeparator(StrEnum):
    COMMA = "comma"
    SEMICOLON = "semicolon"


@router.get("/export.csv", response_class=Response)
def export_csv(
    graph: GraphDep,
    flt: FilterDep,
    projection: ProjectionQuery = ProjectionKind.EXPERT,
    table: Annotated[CsvTable, Query(description="nodes (with measures) or edges (ties)")] = CsvTable.EDGES,
    sep: Annotated[
        CsvSeparator, Query(description="semicolon and decimal comma for Excel under Vietnamese settings")
    ] = CsvSeparator.COMMA,
) -> Response:
    """Nodes or ties as CSV for Excel: UTF-8 with BOM, Vietnamese headers."""
    body = csv_table(_analysis(graph, projection, flt), table.value, semicolon=sep is CsvSeparator.SEMICOLON)
    return _download(body, "text/csv; charset=utf-8", f"network-{projection.value}-{table.value}.csv")
