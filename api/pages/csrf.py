"""CSRF protection of the pages' forms: a per-session token in a hidden field, checked on every POST.

The session is the signed-in token cookie (`eg_token`), which a browser also sends with a form another
site makes it post. The token is HMAC-SHA256(signing secret, "csrf:" + cookie), so it needs no storage,
changes with each sign-in, and cannot be computed without the secret. A POST whose `csrf` field does
not match, or whose `Origin` header names another site, is refused with a 403 page. The cookie's
SameSite=lax already stops most cross-site POSTs; the token does not rely on it.
"""

from __future__ import annotations

import hashlib
import hmac
from typing import Annotated
from urllib.parse import urlsplit

from fastapi import Depends, Request

from api.deps import TOKEN_COOKIE, GraphDep, PageForbidden, SettingsDep, token_secret

FIELD = "csrf"


def _session(request: Request) -> str:
    return request.cookies.get(TOKEN_COOKIE, "")


def csrf_token(request: Request, graph: GraphDep, settings: SettingsDep) -> str:
    """The token forms of this session carry; a dependency, so handlers receive it ready."""
    secret = token_secret(request, graph, settings).encode()
    return hmac.new(secret, b"csrf:" + _session(request).encode(), hashlib.sha256).hexdigest()


CsrfToken = Annotated[str, Depends(csrf_token)]


def _same_origin(request: Request) -> bool:
    origin = request.headers.get("origin")
    if origin is None or origin == "null":
        return origin is None  # "null" comes from sandboxed or privacy-stripped cross-site forms
    sent = urlsplit(origin)
    return (sent.scheme, sent.netloc) == (request.url.scheme, request.url.netloc)


async def check_csrf(request: Request, expected: CsrfToken) -> None:
    """Refuse a POST without this session's token, or sent from another origin."""
    form = await request.form()  # Starlette caches it: the handler's Form(...) fields read the same
    sent = form.get(FIELD)
    if not isinstance(sent, str) or not hmac.compare_digest(sent, expected) or not _same_origin(request):
        raise PageForbidden("csrf", detail="CSRF token missing or wrong")


CsrfChecked = Depends(check_csrf)
