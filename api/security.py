"""Roles, permissions, password hashing and signed tokens.

Four roles, each including the one before: viewer (search, read profiles with personal data masked),
analyst (+ network and statistics), editor (+ import, tasks, assignments, councils, unmasked personal
data), admin (+ users, audit log, settings). Passwords are hashed with Argon2id; tokens are HS256 JWTs
signed with a secret shared by every API process.
"""

from __future__ import annotations

import secrets
from datetime import UTC, datetime, timedelta
from enum import StrEnum

import jwt
from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError


class Role(StrEnum):
    VIEWER = "viewer"
    ANALYST = "analyst"
    EDITOR = "editor"
    ADMIN = "admin"


class Permission(StrEnum):
    READ = "read"  # search, profiles, projects, fields
    ANALYZE = "analyze"  # network analysis, workforce statistics
    PERSONAL_DATA = "personal_data"  # contacts, birth year, ethnicity unmasked
    EDIT = "edit"  # import, tasks, assignments, proposals, councils
    ADMIN = "admin"  # users, audit log, settings


ROLE_PERMISSIONS: dict[Role, frozenset[Permission]] = {
    Role.VIEWER: frozenset({Permission.READ}),
    Role.ANALYST: frozenset({Permission.READ, Permission.ANALYZE}),
    Role.EDITOR: frozenset({Permission.READ, Permission.ANALYZE, Permission.PERSONAL_DATA, Permission.EDIT}),
    Role.ADMIN: frozenset(Permission),
}

# Profile fields that are personal data under Decree 13/2023/NĐ-CP (ethnicity is sensitive data).
PERSONAL_FIELDS = ("email", "phone", "birth_year", "ethnicity", "ethnic_minority", "staff_code")

_hasher = PasswordHasher()
ALGORITHM = "HS256"
MIN_PASSWORD_LENGTH = 8


class InvalidToken(Exception):
    pass


def can(role: str, permission: Permission) -> bool:
    try:
        return permission in ROLE_PERMISSIONS[Role(role)]
    except ValueError:
        return False


def hash_password(password: str) -> str:
    if len(password) < MIN_PASSWORD_LENGTH:
        raise ValueError(f"a password needs at least {MIN_PASSWORD_LENGTH} characters")
    return _hasher.hash(password)


def verify_password(password_hash: str | None, password: str) -> bool:
    if not password_hash:
        _hasher.hash(password)  # spend the same time as a real check: no user enumeration by timing
        return False
    try:
        return _hasher.verify(password_hash, password)
    except (VerificationError, InvalidHashError):
        return False


def new_secret() -> str:
    return secrets.token_urlsafe(48)


def issue_token(secret: str, username: str, role: str, minutes: int) -> str:
    now = datetime.now(UTC)
    claims = {"sub": username, "role": role, "iat": now, "exp": now + timedelta(minutes=minutes)}
    return jwt.encode(claims, secret, algorithm=ALGORITHM)


def read_token(secret: str, token: str) -> tuple[str, str]:
    """(username, role) of a valid token; InvalidToken for a forged, expired or malformed one."""
    try:
        claims = jwt.decode(token, secret, algorithms=[ALGORITHM], options={"require": ["sub", "exp"]})
    except jwt.PyJWTError as exc:
        raise InvalidToken(str(exc)) from exc
    return str(claims["sub"]), str(claims.get("role", ""))


def mask_personal(expert: dict[str, object], role: str) -> tuple[dict[str, object], list[str]]:
    """The expert record as `role` may see it, and the names of the fields hidden from it."""
    if can(role, Permission.PERSONAL_DATA):
        return expert, []
    hidden = [f for f in PERSONAL_FIELDS if expert.get(f) is not None]
    return {k: (None if k in PERSONAL_FIELDS else v) for k, v in expert.items()}, hidden
