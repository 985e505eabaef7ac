"""Cross-site request forgery: a page's POST must come from one of this site's own pages.

Two layers, both needed because the session is a cookie the browser attaches by itself:
the sign-in cookie is `SameSite=Strict` (a browser leaves it off any request another site starts),
and every unsafe request to a page must carry an `Origin` (else a `Referer`) naming this host. A
request with neither is refused: every browser that honours SameSite sends `Origin` on a form POST,
so only a stripped or forged request lacks both. API clients that send `Authorization: Bearer` are
not checked, since another site cannot make a browser add that header. See docs/ui.md.
"""

from __future__ import annotations

from typing import Annotated
from urllib.parse import urlsplit

from fastapi import Depends, HTTPException, Request, status

SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})


def _host_of(url: str) -> str | None:
    """`host[:port]` of an absolute URL, lower-cased; None for "null", relative or malformed values."""
    try:
        parts = urlsplit(url.strip())
    except ValueError:
        return None
    if parts.scheme not in ("http", "https") or not parts.netloc:
        return None
    return parts.netloc.lower()


def same_origin(request: Request) -> None:
    """Refuse (403) an unsafe request whose Origin/Referer is missing or names another host."""
    if request.method in SAFE_METHODS:
        return
    if request.headers.get("authorization", "").lower().startswith("bearer "):
        return
    own = request.headers.get("host", request.url.netloc).lower()
    claimed = request.headers.get("origin") or request.headers.get("referer")
    if claimed is None or _host_of(claimed) != own:
        raise HTTPException(
            status.HTTP_403_FORBIDDEN,
            detail="Yêu cầu không xuất phát từ trang của hệ thống / cross-site request refused",
        )


SameOrigin = Annotated[None, Depends(same_origin)]
