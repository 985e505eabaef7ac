"""Request dependencies as `Annotated` aliases, so handlers stay one line of intent.

`require(permission)` is the one gate: it reads the bearer token (header, or the `eg_token` cookie the
web pages use), checks its signature, then reloads the user from the graph, so a deactivated account
or a changed role takes effect at once rather than when the token expires (that one read per request
stays: a per-process cache would let another API process, or a direct write, lag behind).

Dependencies that neither block nor read the graph are `async def` (all but `get_settings`, which
tests override): FastAPI runs a plain `def` dependency in the thread pool, a hop per dependency per
request, which the load bench pays on every call (bench/README.md, issue 10).
"""

from __future__ import annotations

from collections.abc import Callable, Coroutine
from dataclasses import dataclass
from functools import cache
from typing import Annotated, Any
from urllib.parse import quote

from fastapi import Depends, HTTPException, Request, status

from api.security import InvalidToken, Permission, Role, can, new_secret, read_token
from graph.connection import Graph
from graph.settings import Settings, get_settings
from queries import audit
from queries.users import get_user, shared_secret

TOKEN_COOKIE = "eg_token"


async def get_graph(request: Request) -> Graph:
    graph: Graph = request.app.state.graph
    return graph


GraphDep = Annotated[Graph, Depends(get_graph)]
# `get_settings` itself, not an async wrapper: tests and deployments override this dependency by it.
SettingsDep = Annotated[Settings, Depends(get_settings)]


def token_secret(request: Request, graph: GraphDep, settings: SettingsDep) -> str:
    """The signing secret: from settings, else created once in the graph and cached per process."""
    cached: str | None = getattr(request.app.state, "token_secret", None)
    if cached is None:
        if settings.auth_secret is not None:
            cached = settings.auth_secret.get_secret_value()
        else:
            cached = shared_secret(graph, "token", new_secret())
        request.app.state.token_secret = cached
    return cached


@dataclass(frozen=True)
class CurrentUser:
    username: str
    role: str

    def can(self, permission: Permission) -> bool:
        return can(self.role, permission)


def _bearer(request: Request) -> str | None:
    header = request.headers.get("authorization", "")
    if header.lower().startswith("bearer "):
        return header[7:].strip() or None
    return request.cookies.get(TOKEN_COOKIE)


def current_user(request: Request, graph: GraphDep, settings: SettingsDep) -> CurrentUser:
    if not settings.auth_enabled:
        return CurrentUser("local", Role.ADMIN)
    unauthorized = HTTPException(
        status.HTTP_401_UNAUTHORIZED,
        detail="Cần đăng nhập / sign in required: send a bearer token from POST /api/v1/auth/token",
        headers={"WWW-Authenticate": "Bearer"},
    )
    token = _bearer(request)
    if token is None:
        raise unauthorized
    try:
        username, _ = read_token(token_secret(request, graph, settings), token)
    except InvalidToken as exc:
        raise unauthorized from exc
    user = get_user(graph, username)
    if user is None or not user.active:
        raise unauthorized
    return CurrentUser(user.username, user.role)


UserDep = Annotated[CurrentUser, Depends(current_user)]


@cache
def require(permission: Permission) -> Callable[[CurrentUser], Coroutine[Any, Any, CurrentUser]]:
    """One gate per permission (cached), so a router's floor and a handler's `Reader` are the same
    dependency and FastAPI runs it once per request."""

    async def check(user: UserDep) -> CurrentUser:
        if not user.can(permission):
            raise HTTPException(
                status.HTTP_403_FORBIDDEN,
                detail=f"Vai trò {user.role!r} không có quyền này / role {user.role!r} lacks {permission}",
            )
        return user

    return check


class PageForbidden(HTTPException):
    """A signed-in reader whose role may not open a page (or a forged form): shown as an HTML page."""

    def __init__(self, reason: str = "role", detail: str = "forbidden") -> None:
        super().__init__(status.HTTP_403_FORBIDDEN, detail=detail)
        self.reason = reason  # role | csrf


def require_page(permission: Permission) -> Callable[[Request, GraphDep, SettingsDep], CurrentUser]:
    """The gate for web pages: a reader who is not signed in is sent to /login and brought back.

    The user is kept on `request.state`, so the navigation bar shows only the pages the role may open.
    """

    def check(request: Request, graph: GraphDep, settings: SettingsDep) -> CurrentUser:
        try:
            user = current_user(request, graph, settings)
        except HTTPException as exc:
            target = quote(str(request.url.path) + (f"?{request.url.query}" if request.url.query else ""))
            raise HTTPException(
                status.HTTP_303_SEE_OTHER, headers={"Location": f"/login?next={target}"}
            ) from exc
        request.state.user = user
        if not user.can(permission):
            raise PageForbidden("role", detail=f"role {user.role!r} lacks {permission}")
        return user

    return check


Reader = Annotated[CurrentUser, Depends(require(Permission.READ))]
PageReader = Annotated[CurrentUser, Depends(require_page(Permission.READ))]
PageEditor = Annotated[CurrentUser, Depends(require_page(Permission.EDIT))]
Analyst = Annotated[CurrentUser, Depends(require(Permission.ANALYZE))]
Editor = Annotated[CurrentUser, Depends(require(Permission.EDIT))]
Admin = Annotated[CurrentUser, Depends(require(Permission.ADMIN))]


@dataclass(frozen=True)
class Auditor:
    graph: Graph
    user: CurrentUser
    ip: str | None

    def __call__(self, action: str, target: str | None = None, detail: str | None = None) -> None:
        audit.append(
            self.graph,
            user=self.user.username,
            role=self.user.role,
            action=action,
            target=target,
            ip=self.ip,
            detail=detail,
        )


async def auditor(request: Request, graph: GraphDep, user: UserDep) -> Auditor:
    return Auditor(graph, user, request.client.host if request.client else None)


AuditDep = Annotated[Auditor, Depends(auditor)]
