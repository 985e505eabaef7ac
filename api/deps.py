"""Request dependencies as `Annotated` aliases, so handlers stay one line of intent."""

from __future__ import annotations

from typing import Annotated

from fastapi import Depends, Request

from graph.connection import Graph


def get_graph(request: Request) -> Graph:
    graph: Graph = request.app.state.graph
    return graph


GraphDep = Annotated[Graph, Depends(get_graph)]
