"""The FastAPI application: one driver for the process, opened in the lifespan."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from fastapi import FastAPI

from api import errors
from api.routers import experts, health, tasks
from api.routers import fields as field_leaders
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
    errors.install(app)
    app.include_router(health.router)
    app.include_router(experts.router)
    app.include_router(field_leaders.router)
    app.include_router(tasks.router)
    return app
