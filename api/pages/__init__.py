"""The web pages, served at `/` next to the JSON API under `/api/v1` (see docs/ui.md).

Each module holds one page family's routes; `routers` is what api/app.py mounts. A new page adds its
module here, its template under api/templates/, its strings in api/i18n.py and, if it is a
destination of its own, a NavEntry in api/pages/render.py.
"""

from __future__ import annotations

from fastapi import APIRouter

from api.pages import dashboard, export, imports, network, records, search

routers: list[APIRouter] = [search.router, export.router, records.router]
# Mounted behind the analyst and the editor page gates (api/app.py); the POST forms among them carry
# the same-origin check of api/pages/csrf.py.
analyst_routers: list[APIRouter] = [network.router, dashboard.router]
editor_routers: list[APIRouter] = [imports.router]
