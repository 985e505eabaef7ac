"""Liveness that tells the truth about the database behind the API."""

from __future__ import annotations

from fastapi import APIRouter
from fastapi.responses import JSONResponse

from api.deps import GraphDep
from api.schemas import Health
from graph.errors import GraphUnavailable
from graph.migrations import LATEST_VERSION, schema_version

router = APIRouter(tags=["health"])


@router.get("/health", response_model=Health, responses={503: {"model": Health}})
def health(graph: GraphDep) -> Health | JSONResponse:
    """200 when Neo4j answers (with the schema version), 503 when it does not."""
    try:
        version = schema_version(graph)
    except GraphUnavailable:
        body = Health(
            status="unavailable", neo4j=False, schema_version=None, latest_schema_version=LATEST_VERSION
        )
        return JSONResponse(status_code=503, content=body.model_dump())
    return Health(status="ok", neo4j=True, schema_version=version, latest_schema_version=LATEST_VERSION)
