"""The records search results point to: projects, publications and fields."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Path

from api.deps import GraphDep
from api.schemas import FieldDetailOut, ProjectDetailOut, PublicationDetailOut
from queries.records import get_field, get_project, get_publication

router = APIRouter(prefix="/api/v1", tags=["records"])
NOT_FOUND: dict[int | str, dict[str, Any]] = {404: {"description": "no such record"}}


@router.get("/projects/{code}", response_model=ProjectDetailOut, responses=NOT_FOUND)
def project(graph: GraphDep, code: Annotated[str, Path(max_length=100)]) -> ProjectDetailOut:
    """A project with its members and their roles, partner organizations and fields."""
    return ProjectDetailOut.model_validate(get_project(graph, code))


@router.get("/publications/{pub_id}", response_model=PublicationDetailOut, responses=NOT_FOUND)
def publication(graph: GraphDep, pub_id: Annotated[str, Path(max_length=200)]) -> PublicationDetailOut:
    """A publication with its authors in byline order and its fields."""
    return PublicationDetailOut.model_validate(get_publication(graph, pub_id))


@router.get("/fields/{code}", response_model=FieldDetailOut, responses=NOT_FOUND)
def field(graph: GraphDep, code: Annotated[str, Path(pattern=r"^\d{1,5}$")]) -> FieldDetailOut:
    """A field of the Vietnamese classification with its parent, subfields and expert count."""
    return FieldDetailOut.model_validate(get_field(graph, code))
