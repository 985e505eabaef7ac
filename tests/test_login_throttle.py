"""Repeated failed sign-ins are refused for a while, per user name and per address, with the state in
Neo4j so that every API process enforces the same lock."""

from __future__ import annotations

import time

import pytest
from fastapi.testclient import TestClient

from api.app import create_app
from graph.connection import Graph
from graph.settings import get_settings
from queries import audit
from tests.conftest import TEST_PASSWORD, ensure_user

TOKEN = "/api/v1/auth/token"
LOCKOUT_S = 2


@pytest.fixture
def graph(empty_graph: Graph, monkeypatch: pytest.MonkeyPatch) -> Graph:
    settings = get_settings()
    monkeypatch.setattr(settings, "auth_max_failures_per_user", 3)
    monkeypatch.setattr(settings, "auth_max_failures_per_address", 6)
    monkeypatch.setattr(settings, "auth_failure_window_seconds", 60)
    monkeypatch.setattr(settings, "auth_lockout_seconds", LOCKOUT_S)
    return empty_graph


def _sign_in(client: TestClient, username: str, password: str) -> int:
    return client.post(TOKEN, data={"username": username, "password": password}).status_code


def test_repeated_failures_for_one_name_are_refused_for_a_while(graph: Graph) -> None:
    viewer, analyst = ensure_user(graph, "viewer"), ensure_user(graph, "analyst")
    with TestClient(create_app(graph)) as client:
        assert [_sign_in(client, viewer, "wrong-password") for _ in range(3)] == [401, 401, 401]
        refused = client.post(TOKEN, data={"username": viewer, "password": TEST_PASSWORD})
        assert refused.status_code == 429  # even the right password, or the lock would not slow a guesser
        assert 1 <= int(refused.headers["Retry-After"]) <= LOCKOUT_S
        assert "thử lại sau" in refused.json()["detail"]
        assert _sign_in(client, viewer.upper(), TEST_PASSWORD) == 429  # one name, however it is typed
        assert _sign_in(client, analyst, TEST_PASSWORD) == 200  # other accounts are not locked
        time.sleep(LOCKOUT_S + 0.5)
        assert _sign_in(client, viewer, TEST_PASSWORD) == 200
        # The success cleared the count: two more failures do not lock the name again.
        assert [_sign_in(client, viewer, "wrong-password") for _ in range(2)] == [401, 401]
        assert _sign_in(client, viewer, TEST_PASSWORD) == 200
    throttled = audit.entries(graph, action="login_throttled")
    assert len(throttled) == 2 and throttled[0].ip == "testclient"


def test_failures_from_one_address_across_names_lock_the_address(graph: Graph) -> None:
    viewer = ensure_user(graph, "viewer")
    with TestClient(create_app(graph)) as client:
        guesses = [_sign_in(client, f"guess-{i}", "wrong-password") for i in range(6)]
        assert guesses == [401] * 6
        assert _sign_in(client, viewer, TEST_PASSWORD) == 429
        assert _sign_in(client, "guess-7", "wrong-password") == 429  # refused before any password check


def test_the_lock_holds_across_api_processes(graph: Graph) -> None:
    viewer = ensure_user(graph, "viewer")
    # Two apps share nothing but the graph, as two API processes behind a load balancer do.
    with TestClient(create_app(graph)) as first, TestClient(create_app(graph)) as second:
        assert _sign_in(first, viewer, "wrong-password") == 401
        assert _sign_in(second, viewer, "wrong-password") == 401
        assert _sign_in(first, viewer, "wrong-password") == 401
        assert _sign_in(second, viewer, TEST_PASSWORD) == 429


def test_the_sign_in_page_says_when_to_try_again(graph: Graph) -> None:
    viewer = ensure_user(graph, "viewer")
    with TestClient(create_app(graph)) as browser:
        for _ in range(3):
            wrong = browser.post("/login", data={"username": viewer, "password": "nope-nope"})
            assert wrong.status_code == 401
        page = browser.post("/login", data={"username": viewer, "password": TEST_PASSWORD})
        assert page.status_code == 429 and "Retry-After" in page.headers
        assert "Đăng nhập sai quá nhiều lần" in page.text
        assert "eg_token" not in page.headers.get("set-cookie", "")
