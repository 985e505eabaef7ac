"""The pages a result and a profile link to: an expert, a project, a publication, a field."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Path, Request, Response
from fastapi.responses import HTMLResponse

from api.deps import AuditDep, GraphDep, PageReader
from api.pages.ego_layout import layout
from api.pages.render import LangDep, PageRoute, render
from api.pages.search import sector_name
from api.security import mask_personal
from queries.ego_network import ties_among
from queries.profile import get_profile
from queries.records import get_field, get_project, get_publication

router = APIRouter(route_class=PageRoute, include_in_schema=False)
Ref = Annotated[str, Path(max_length=200)]


@router.get("/experts/{ref:path}", response_class=HTMLResponse)
def expert_page(
    request: Request, graph: GraphDep, lang: LangDep, user: PageReader, record: AuditDep, ref: Ref
) -> Response:
    profile = get_profile(graph, ref)
    profile["expert"], masked = mask_personal(profile["expert"], user.role)
    record("view_profile", ref, "page, masked" if masked else "page")
    expert = profile["expert"]
    coworkers = profile["coworkers"]
    ties = ties_among(graph, [c["id"] for c in coworkers])
    return render(
        request,
        lang,
        "expert.html",
        p=profile,
        e=expert,
        sectors=[sector_name(lang, s["code"]) for s in profile["sectors"]],
        picture=layout(expert["id"], expert["name"], coworkers, ties),
    )


@router.get("/projects/{ref:path}", response_class=HTMLResponse)
def project_page(request: Request, graph: GraphDep, lang: LangDep, ref: Ref) -> Response:
    record = get_project(graph, ref)
    sector = record["sector"]
    return render(
        request,
        lang,
        "project.html",
        r=record,
        sector=sector_name(lang, sector["code"]) if sector else "",
    )


@router.get("/publications/{ref:path}", response_class=HTMLResponse)
def publication_page(request: Request, graph: GraphDep, lang: LangDep, ref: Ref) -> Response:
    return render(request, lang, "publication.html", r=get_publication(graph, ref))


@router.get("/fields/{ref}", response_class=HTMLResponse)
def field_page(request: Request, graph: GraphDep, lang: LangDep, ref: Ref) -> Response:
    return render(request, lang, "field.html", r=get_field(graph, ref))
