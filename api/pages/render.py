"""Rendering a page: one Jinja2 environment, the reader's language, the navigation bar, HTML errors.

Pages are server-rendered and work as plain HTML forms; api/static/app.js only adds niceties. Every
visible string goes through api/i18n.py, picked by the `lang` query parameter (remembered in a cookie)
and Vietnamese otherwise.
"""

from __future__ import annotations

from collections.abc import Callable, Coroutine
from dataclasses import dataclass
from functools import partial
from pathlib import Path
from typing import Annotated, Any
from urllib.parse import quote, urlencode

from fastapi import Depends, Request, Response
from fastapi.routing import APIRoute
from fastapi.templating import Jinja2Templates

from api.i18n import LANGS, pick_lang, term, translate
from api.security import Permission, can
from graph.errors import GraphUnavailable, NotFound

PACKAGE_DIR = Path(__file__).resolve().parent.parent
TEMPLATES_DIR = PACKAGE_DIR / "templates"
STATIC_DIR = PACKAGE_DIR / "static"
LANG_COOKIE = "lang"
LANG_COOKIE_MAX_AGE = 365 * 24 * 3600

templates = Jinja2Templates(directory=TEMPLATES_DIR)


@dataclass(frozen=True)
class NavEntry:
    """One link of the navigation bar: only pages that exist get one (see docs/ui.md)."""

    path: str
    key: str  # i18n key of its label
    permission: Permission = Permission.READ  # shown only to roles that may open the page


NAV: list[NavEntry] = [
    NavEntry("/", "nav.search"),
    NavEntry("/network", "nav.network", Permission.ANALYZE),
    NavEntry("/dashboard", "nav.dashboard", Permission.ANALYZE),
    NavEntry("/tasks", "nav.tasks", Permission.EDIT),
    NavEntry("/proposals", "nav.proposals", Permission.EDIT),
    NavEntry("/reviews/assign", "nav.reviews", Permission.EDIT),
    NavEntry("/import", "nav.import", Permission.EDIT),
]


def nav_for(request: Request) -> list[NavEntry]:
    """The entries the signed-in reader's role may open (pages set the user in `require_page`)."""
    user = getattr(request.state, "user", None)
    role = getattr(user, "role", None)
    return [
        e for e in NAV if e.permission == Permission.READ or (role is not None and can(role, e.permission))
    ]


def page_lang(request: Request) -> str:
    return pick_lang(request.query_params.get("lang"), request.cookies.get(LANG_COOKIE))


LangDep = Annotated[str, Depends(page_lang)]


def _switch_url(request: Request, lang: str) -> str:
    params = [(k, v) for k, v in request.query_params.multi_items() if k != "lang"] + [("lang", lang)]
    return f"{request.url.path}?{urlencode(params)}"


def ref_path(prefix: str, ref: str) -> str:
    """A page link for a record key; keys may hold '/' or spaces, so they are escaped whole."""
    return f"{prefix}/{quote(ref, safe='')}"


def render(request: Request, lang: str, template: str, *, status_code: int = 200, **context: Any) -> Response:
    values: dict[str, Any] = {
        "lang": lang,
        "t": partial(translate, lang),
        "term": partial(term, lang),
        "nav": nav_for(request),
        "current_path": request.url.path,
        "ref_path": ref_path,
        "switch_urls": {other: _switch_url(request, other) for other in LANGS if other != lang},
        **context,
    }
    response = templates.TemplateResponse(request, template, values, status_code=status_code)
    if request.query_params.get("lang") in LANGS:
        response.set_cookie(LANG_COOKIE, lang, max_age=LANG_COOKIE_MAX_AGE, samesite="lax")
    return response


class PageRoute(APIRoute):
    """A page's "not found" and "database down" become HTML pages in the reader's language.

    The JSON API maps the same errors in api/errors.py; a person in a browser needs a page instead.
    """

    def get_route_handler(self) -> Callable[[Request], Coroutine[Any, Any, Response]]:
        handler = super().get_route_handler()

        async def handle(request: Request) -> Response:
            try:
                return await handler(request)
            except NotFound as exc:
                ref = request.path_params.get("ref", str(exc))
                return render(
                    request, page_lang(request), "error.html", status_code=404, ref=ref, kind="not_found"
                )
            except GraphUnavailable:
                return render(request, page_lang(request), "error.html", status_code=503, kind="unavailable")

        return handle


async def forbidden_page(request: Request, exc: Exception) -> Response:
    """A page the role may not open, or a form whose CSRF token is wrong: a 403 page, not JSON."""
    reason = getattr(exc, "reason", "role")
    return render(request, page_lang(request), "error.html", status_code=403, kind=f"forbidden_{reason}")
