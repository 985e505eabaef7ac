"""The web pages, served at `/` next to the JSON API under `/api/v1` (see docs/ui.md).

Each module holds one page family's routes; `routers` is what api/app.py mounts. A new page adds its
module here, its template under api/templates/, its strings in api/i18n.py and, if it is a
destination of its own, a NavEntry in api/pages/render.py.
"""

from __future__ import annotations

from fastapi import APIRouter

from api.pages import (
    councils,
    dashboard,
    export,
    imports,
    network,
    proposals,
    records,
    reviews,
    search,
    tasks,
)

routers: list[APIRouter] = [search.router, export.router, records.router]
# Pages that act (commission, compose, assign, import): editors only. `proposals` before `councils`, so
# /proposals/new is not read as a proposal code.
editor_routers: list[APIRouter] = [
    tasks.router, proposals.router, councils.router, reviews.router, imports.router
]  # fmt: skip
# Behind the analyst page gate (api/app.py): the network and the workforce dashboard.
analyst_routers: list[APIRouter] = [network.router, dashboard.router]
