"""Real Neo4j servers for the test run: never a mock driver or an in-memory fake.

Two local servers start once per run (or `NEO4J_URI` is used for both, which must then be a throw-away
database): `runtime` for tests that start from an empty graph, and `demo_runtime` holding the Lai Châu
demo loaded through the real import path, for tests that read it.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import LiteralString

import pytest
from fastapi.testclient import TestClient

from graph.connection import Graph
from graph.migrations import migrate
from graph.runtime import Runtime, open_runtime
from graph.settings import Settings
from ingest.demo_load import DemoLoad, load_demo

WIPE_DATA: LiteralString = """
MATCH (n) WHERE NOT n:SchemaMigration AND NOT n:Sector AND NOT n:Target
CALL { WITH n DETACH DELETE n } IN TRANSACTIONS OF 5000 ROWS
"""


@pytest.fixture(scope="session")
def settings() -> Settings:
    return Settings()


def _start(settings: Settings, home: Path) -> Runtime:
    runtime = open_runtime(settings, home=home, port=0)
    migrate(runtime.graph)
    return runtime


@pytest.fixture(scope="session")
def runtime(settings: Settings, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Runtime]:
    rt = _start(settings, tmp_path_factory.mktemp("neo4j-scratch"))
    yield rt
    rt.close()


def wipe(graph: Graph) -> None:
    with graph.driver.session(database=graph.database) as session:
        session.run(WIPE_DATA).consume()


@pytest.fixture
def empty_graph(runtime: Runtime) -> Graph:
    """A migrated graph holding only the schema's own nodes (migrations, sectors, targets)."""
    wipe(runtime.graph)
    return runtime.graph


COUNT_EXPERTS: LiteralString = "MATCH (e:Expert) RETURN count(e) AS n"


@dataclass
class Demo:
    runtime: Runtime
    loaded: DemoLoad
    settings: Settings

    @property
    def dir(self) -> Path:
        return self.settings.demo_dir


@pytest.fixture(scope="session")
def demo(settings: Settings, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Demo]:
    """A second server holding the Lai Châu demo, loaded once through the real import path.

    With `NEO4J_URI` set there is only one server; `demo_graph` then reloads the demo whenever a
    test that starts from an empty graph has wiped it.
    """
    demo_settings = settings.model_copy(update={"demo_dir": tmp_path_factory.mktemp("demo")})
    if settings.neo4j_uri:
        rt = open_runtime(settings)
        migrate(rt.graph)
    else:
        rt = _start(settings, tmp_path_factory.mktemp("neo4j-demo"))
    yield Demo(rt, load_demo(rt.graph, demo_settings), demo_settings)
    rt.close()


@pytest.fixture
def demo_graph(demo: Demo) -> Graph:
    """The demo graph. Tests may add records with their own ids, but never delete demo data."""
    graph = demo.runtime.graph
    if graph.read(COUNT_EXPERTS)[0]["n"] < demo.loaded.totals.experts:
        load_demo(graph, demo.settings)
    return graph


def api_client(graph: Graph, role: str = "admin") -> TestClient:
    """A test client signed in through the real token endpoint as a user of `role`.

    Use it as a context manager (`with api_client(g, "viewer") as c:`) so the app's lifespan runs.
    """
    from api.app import create_app

    username = ensure_user(graph, role)
    client = TestClient(create_app(graph))
    response = client.post("/api/v1/auth/token", data={"username": username, "password": TEST_PASSWORD})
    assert response.status_code == 200, response.text
    client.headers["Authorization"] = f"Bearer {response.json()['access_token']}"
    return client


def ensure_user(graph: Graph, role: str) -> str:
    """An account `test-<role>` with TEST_PASSWORD; returns its username."""
    from api.security import hash_password
    from queries.users import upsert_user

    username = f"test-{role}"
    upsert_user(graph, username, f"Test {role}", role, _password_hash(hash_password))
    return username


TEST_PASSWORD = "test-password-1"
_hashes: dict[str, str] = {}


def _password_hash(hasher: Callable[[str], str]) -> str:
    """Argon2 is slow on purpose; hash the one test password once per run."""
    if TEST_PASSWORD not in _hashes:
        _hashes[TEST_PASSWORD] = hasher(TEST_PASSWORD)
    return _hashes[TEST_PASSWORD]
