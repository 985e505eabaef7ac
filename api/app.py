"""The FastAPI application: one driver for the process, opened in the lifespan."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from fastapi import Depends, FastAPI
from fastapi.staticfiles import StaticFiles

from api import errors, openapi, pages
from api.body_limit import BodyLimit
from api.deps import PageForbidden, require, require_page
from api.pages.render import STATIC_DIR, forbidden_page
from api.routers import auth, councils, experts, health, imports, network, records, review, stats, tasks
from api.routers import fields as field_leaders
from api.security import Permission
from graph.connection import Graph
from graph.migrations import migrate
from graph.runtime import open_runtime
from graph.settings import get_settings


def create_app(graph: Graph | None = None) -> FastAPI:
    """With `graph`, serve it (the caller owns it); without, open what the settings say and own it."""

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        if graph is not None:
            app.state.graph = graph
            yield
            return
        runtime = open_runtime(get_settings())
        migrate(runtime.graph)
        app.state.graph = runtime.graph
        try:
            yield
        finally:
            runtime.close(stop_server=False)

    app = FastAPI(
        title="expertgraph",
        summary="Tìm chuyên gia, trí thức tỉnh Lai Châu — find Lai Châu's experts for a task",
        version="0.1.0",
        lifespan=lifespan,
    )
    if graph is not None:
        app.state.graph = graph  # usable before the lifespan runs (e.g. a client not yet entered)
    errors.install(app)
    openapi.install(app)
    app.add_middleware(BodyLimit)  # uploads over IMPORT_MAX_BYTES stop while they arrive (413)
    # The access policy in one place: each router's floor; a route may ask for more.
    app.include_router(health.router)
    app.include_router(auth.router)
    reader = [Depends(require(Permission.READ))]
    analyst = [Depends(require(Permission.ANALYZE))]
    editor = [Depends(require(Permission.EDIT))]
    app.include_router(experts.router, dependencies=reader)
    # /fields/gaps and /fields/{code}/leaders before /fields/{code}: a path matches the first route.
    app.include_router(field_leaders.router, dependencies=reader)
    app.include_router(records.router, dependencies=reader)
    app.include_router(stats.router, dependencies=analyst)
    app.include_router(review.router, dependencies=editor)
    app.include_router(network.router, dependencies=analyst)
    app.include_router(councils.router, dependencies=editor)
    app.include_router(imports.router, dependencies=editor)
    app.include_router(tasks.router, dependencies=editor)
    # Web pages (issue 9): last, so API paths win; assets are served from the package, never a CDN.
    app.mount("/static", StaticFiles(directory=STATIC_DIR), name="static")
    page_reader = [Depends(require_page(Permission.READ))]
    for router in pages.routers:
        app.include_router(router, dependencies=page_reader)
    page_editor = [Depends(require_page(Permission.EDIT))]
    for router in pages.editor_routers:
        app.include_router(router, dependencies=page_editor)
    page_analyst = [Depends(require_page(Permission.ANALYZE))]
    for router in pages.analyst_routers:
        app.include_router(router, dependencies=page_analyst)
    app.add_exception_handler(PageForbidden, forbidden_page)  # a 403 page, not JSON
    return app
