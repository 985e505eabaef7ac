"""The web pages, served at `/` next to the JSON API under `/api/v1` (see docs/ui.md).

Each module holds one page family's routes; `routers` is what api/app.py mounts. A new page adds its
module here, its template under api/templates/, its strings in api/i18n.py and, if it is a
destination of its own, a NavEntry in api/pages/render.py.
"""

from __future__ import annotations

from fastapi import APIRouter

from api.pages import dashboard, export, imports, network, records, search

routers: list[APIRouter] = [search.router, export.router, records.router]
# Behind the editor and the analyst page gates (api/app.py); their POST forms carry the CSRF token.
editor_routers: list[APIRouter] = [imports.router]
analyst_routers: list[APIRouter] = [network.router, dashboard.router]
