"""Signing in (token for API clients, cookie for the web pages), accounts, and the audit log."""

from __future__ import annotations

import html
from datetime import datetime
from typing import Annotated

from fastapi import APIRouter, Form, HTTPException, Query, Request, status
from fastapi.responses import HTMLResponse, RedirectResponse

from api.deps import TOKEN_COOKIE, Admin, AuditDep, GraphDep, SettingsDep, UserDep, token_secret
from api.schemas import AuditOut, TokenOut, UserIn, UserOut, UserPatch
from api.security import hash_password, issue_token, verify_password
from graph.connection import Graph
from queries import audit
from queries.users import get_user, list_users, set_active, upsert_user

router = APIRouter(tags=["auth"])


def _authenticate(graph: Graph, username: str, password: str, ip: str | None) -> tuple[str, str]:
    user = get_user(graph, username)
    ok = verify_password(user.password_hash if user else None, password)
    if user is None or not ok or not user.active:
        audit.append(graph, user=username[:64], role="", action="login_failed", ip=ip)
        raise HTTPException(
            status.HTTP_401_UNAUTHORIZED,
            detail="Sai tên đăng nhập hoặc mật khẩu / wrong username or password",
            headers={"WWW-Authenticate": "Bearer"},
        )
    audit.append(graph, user=user.username, role=user.role, action="login", ip=ip)
    return user.username, user.role


@router.post(
    "/api/v1/auth/token",
    response_model=TokenOut,
    responses={401: {"description": "wrong username or password"}},
)
def token(
    request: Request,
    graph: GraphDep,
    settings: SettingsDep,
    username: Annotated[str, Form(min_length=1, max_length=64)],
    password: Annotated[str, Form(min_length=1, max_length=200)],
) -> TokenOut:
    """OAuth2 password flow (form fields `username`, `password`): a token for `Authorization: Bearer`."""
    ip = request.client.host if request.client else None
    username, role = _authenticate(graph, username, password, ip)
    minutes = settings.auth_token_minutes
    signed = issue_token(token_secret(request, graph, settings), username, role, minutes)
    return TokenOut(access_token=signed, role=role, expires_in=minutes * 60)


@router.get("/api/v1/auth/me", response_model=UserOut)
def me(user: UserDep, graph: GraphDep) -> UserOut:
    found = get_user(graph, user.username)
    return UserOut(
        username=user.username, name=found.name if found else user.username, role=user.role, active=True
    )


_LOGIN_PAGE = """<!doctype html>
<html lang="vi"><head><meta charset="utf-8"><title>Đăng nhập — expertgraph</title>
<meta name="viewport" content="width=device-width, initial-scale=1">
<style>body{{font-family:system-ui,sans-serif;max-width:24rem;margin:4rem auto;padding:0 1rem;color:#111}}
label{{display:block;margin-top:1rem}}input{{width:100%;padding:.5rem;font-size:1rem}}
button{{margin-top:1.5rem;padding:.6rem 1.2rem;font-size:1rem;background:#0b5394;color:#fff;border:0}}
.error{{color:#a40000}}</style></head>
<body><main><h1>Đăng nhập</h1>{error}
<form method="post" action="/login"><input type="hidden" name="next" value="{next}">
<label for="username">Tên đăng nhập</label>
<input id="username" name="username" autocomplete="username" required>
<label for="password">Mật khẩu</label>
<input id="password" name="password" type="password" autocomplete="current-password" required>
<button type="submit">Đăng nhập</button></form></main></body></html>"""


def _safe_next(target: str) -> str:
    return target if target.startswith("/") and not target.startswith("//") else "/"


@router.get("/login", response_class=HTMLResponse, include_in_schema=False)
def login_page(next: str = "/") -> HTMLResponse:
    return HTMLResponse(_LOGIN_PAGE.format(error="", next=html.escape(_safe_next(next))))


@router.post("/login", include_in_schema=False, response_model=None)
def login(
    request: Request,
    graph: GraphDep,
    settings: SettingsDep,
    username: Annotated[str, Form(max_length=64)],
    password: Annotated[str, Form(max_length=200)],
    next: Annotated[str, Form(max_length=500)] = "/",
) -> RedirectResponse | HTMLResponse:
    ip = request.client.host if request.client else None
    try:
        name, role = _authenticate(graph, username, password, ip)
    except HTTPException:
        error = '<p class="error" role="alert">Sai tên đăng nhập hoặc mật khẩu.</p>'
        page = _LOGIN_PAGE.format(error=error, next=html.escape(_safe_next(next)))
        return HTMLResponse(page, status_code=401)
    minutes = settings.auth_token_minutes
    signed = issue_token(token_secret(request, graph, settings), name, role, minutes)
    response = RedirectResponse(_safe_next(next), status_code=303)
    response.set_cookie(TOKEN_COOKIE, signed, max_age=minutes * 60, httponly=True, samesite="lax")
    return response


@router.post("/logout", include_in_schema=False)
def logout() -> RedirectResponse:
    response = RedirectResponse("/login", status_code=303)
    response.delete_cookie(TOKEN_COOKIE)
    return response


@router.get("/api/v1/users", response_model=list[UserOut])
def users(_: Admin, graph: GraphDep) -> list[UserOut]:
    return [
        UserOut(username=u.username, name=u.name, role=u.role, active=u.active) for u in list_users(graph)
    ]


@router.post("/api/v1/users", response_model=UserOut, status_code=201)
def create_user(body: UserIn, _: Admin, graph: GraphDep, record: AuditDep) -> UserOut:
    if get_user(graph, body.username) is not None:
        raise HTTPException(status.HTTP_409_CONFLICT, detail=f"user {body.username!r} exists")
    upsert_user(graph, body.username, body.name, body.role, hash_password(body.password))
    record("create_user", body.username, f"role={body.role}")
    return UserOut(username=body.username, name=body.name, role=body.role, active=True)


@router.patch("/api/v1/users/{username}", response_model=UserOut)
def update_user(username: str, body: UserPatch, _: Admin, graph: GraphDep, record: AuditDep) -> UserOut:
    if not set_active(graph, username, body.active):
        raise HTTPException(status.HTTP_404_NOT_FOUND, detail=f"no user {username!r}")
    record("activate_user" if body.active else "deactivate_user", username)
    found = get_user(graph, username)
    assert found is not None
    return UserOut(username=found.username, name=found.name, role=found.role, active=found.active)


@router.get("/api/v1/audit", response_model=list[AuditOut])
def audit_log(
    _: Admin,
    graph: GraphDep,
    user: Annotated[str | None, Query(max_length=64)] = None,
    action: Annotated[str | None, Query(max_length=64)] = None,
    since: Annotated[
        str | None,
        Query(pattern=r"^\d{4}-\d{2}-\d{2}([T ]\d{2}:\d{2}(:\d{2})?)?$", description="ISO date or date-time"),
    ] = None,
    limit: Annotated[int, Query(ge=1, le=1000)] = 100,
    offset: Annotated[int, Query(ge=0, le=1_000_000)] = 0,
) -> list[AuditOut]:
    """The audit log, newest first (admins only). It is append-only: no route changes it."""
    if since is not None:
        try:
            datetime.fromisoformat(since)
        except ValueError as exc:
            raise HTTPException(422, detail=f"since: {since!r} is not a date") from exc
    rows = audit.entries(
        graph,
        user=user,
        action=action,
        since=since,
        limit=limit,
        offset=offset,
    )
    return [AuditOut(**{**r.__dict__, "at": r.at.isoformat()}) for r in rows]
