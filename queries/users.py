"""Accounts of the service and the signing secret every API process shares."""

from __future__ import annotations

from dataclasses import dataclass
from typing import LiteralString

from graph.connection import Graph

UPSERT_USER: LiteralString = """
MERGE (u:User {username: $username})
ON CREATE SET u.created_at = datetime()
SET u.name = $name, u.role = $role, u.password_hash = $password_hash, u.active = true
RETURN u.username AS username
"""
GET_USER: LiteralString = """
MATCH (u:User {username: $username})
RETURN u.username AS username, u.name AS name, u.role AS role, u.active AS active,
       u.password_hash AS password_hash
"""
LIST_USERS: LiteralString = """
MATCH (u:User)
RETURN u.username AS username, u.name AS name, u.role AS role, u.active AS active,
       null AS password_hash
ORDER BY u.username
"""
SET_ACTIVE: LiteralString = """
MATCH (u:User {username: $username}) SET u.active = $active RETURN u.username AS username
"""
# First writer wins: concurrent API processes starting at once all read back the same value.
SHARED_SECRET: LiteralString = """
MERGE (s:AppSecret {name: $name})
ON CREATE SET s.value = $candidate, s.created_at = datetime()
RETURN s.value AS value
"""


@dataclass(frozen=True)
class User:
    username: str
    name: str
    role: str
    active: bool
    password_hash: str | None = None


def upsert_user(graph: Graph, username: str, name: str, role: str, password_hash: str) -> None:
    graph.write(
        UPSERT_USER, {"username": username, "name": name, "role": role, "password_hash": password_hash}
    )


def get_user(graph: Graph, username: str) -> User | None:
    rows = graph.read(GET_USER, {"username": username})
    return User(**rows[0]) if rows else None


def list_users(graph: Graph) -> list[User]:
    return [User(**row) for row in graph.read(LIST_USERS)]


def set_active(graph: Graph, username: str, active: bool) -> bool:
    return bool(graph.write(SET_ACTIVE, {"username": username, "active": active}))


def shared_secret(graph: Graph, name: str, candidate: str) -> str:
    value: str = graph.write(SHARED_SECRET, {"name": name, "candidate": candidate})[0]["value"]
    return value
