"""Response models of the network analysis API (issue 7).

Kept beside `api/schemas.py` rather than in it so parallel branches do not collide in one file;
each mirrors a result type of `queries.network` and is built from it with `model_validate`.
"""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict, Field


class _FromResult(BaseModel):
    model_config = ConfigDict(from_attributes=True)


class NodeScoreOut(_FromResult):
    id: str
    name: str
    kind: str = Field(description="expert, organization or sector")
    org_kind: str | None
    degree: int
    strength: float = Field(description="weighted degree: sum of tie weights (recency-weighted)")
    pagerank: float
    betweenness: float = Field(description="0..1, share of shortest paths through the node")
    community: int


class SummaryOut(_FromResult):
    projection: str
    graph_version: str
    nodes: int
    edges: int
    density: float
    components: int
    largest_component: int
    isolates: int
    communities: int = Field(description="communities with two members or more")
    modularity: float
    betweenness_method: str
    top_degree: list[NodeScoreOut]
    top_pagerank: list[NodeScoreOut]
    top_betweenness: list[NodeScoreOut]


class NamedOut(_FromResult):
    code: str
    name: str
    count: int


class CommunityOut(_FromResult):
    id: int
    size: int
    internal_ties: int
    external_ties: int
    main_fields: list[NamedOut]
    main_organizations: list[NamedOut]
    main_sectors: list[NamedOut]
    kinds: dict[str, int]
    top_members: list[NodeScoreOut]


class CommunitiesOut(BaseModel):
    projection: str
    graph_version: str
    method: str
    modularity: float
    singletons: int = Field(description="nodes alone in their community (no tie)")
    communities: list[CommunityOut]


class BrokerOut(_FromResult):
    node: NodeScoreOut
    communities_reached: int
    neighbour_kinds: dict[str, int]
    bridges_enterprise_research: bool


class BrokersOut(BaseModel):
    projection: str
    graph_version: str
    betweenness_method: str
    brokers: list[BrokerOut]


class EgoNodeOut(_FromResult):
    id: str
    name: str
    kind: str
    org_kind: str | None
    distance: int
    community: int
    degree: int
    strength: float


class EgoTieOut(_FromResult):
    source: str
    target: str
    weight: float
    projects: int
    publications: int
    last_year: int | None


class EgoOut(_FromResult):
    center: str
    depth: int
    projection: str
    graph_version: str
    truncated: bool
    nodes: list[EgoNodeOut]
    ties: list[EgoTieOut]


class LoneOrganizationOut(_FromResult):
    id: str
    name: str
    province: str | None
    projects: int
    staff: int


class DemandOut(_FromResult):
    kind: str = Field(description="field or sector")
    code: str
    name: str
    demand: int = Field(description="proposed projects")
    experts: int
    available: int = Field(description="experts not on an ongoing project")
    shortage: bool


class LoneOut(_FromResult):
    id: str
    name: str


class MissingTieOut(_FromResult):
    a: str
    a_name: str
    b: str
    b_name: str


class GapsOut(_FromResult):
    graph_version: str
    enterprises_without_research_partner: list[LoneOrganizationOut]
    demand: list[DemandOut]
    intellectuals_without_collaborator: int
    intellectuals_without_collaborator_sample: list[LoneOut]
    sector_pairs_without_tie: list[MissingTieOut]
    community_pairs_without_tie: list[MissingTieOut]


class SuggestionOut(_FromResult):
    a: str
    a_name: str
    b: str
    b_name: str
    score: float = Field(description="Adamic–Adar + field overlap (0..1); higher is a likelier tie")
    adamic_adar: float
    common_neighbours: list[str]
    shared_fields: list[str]
    reason: str = Field(description="why, in Vietnamese")
    reason_en: str


class SuggestionsOut(BaseModel):
    projection: str
    graph_version: str
    suggestions: list[SuggestionOut]
