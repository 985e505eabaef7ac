"""Uploads over IMPORT_MAX_BYTES are refused while they arrive, not after the body is held.

Starlette's test client reads a request body whole before the app sees it, so these tests speak ASGI
to the real app directly: the body arrives in chunks, and the test counts how much the app read.
"""

from __future__ import annotations

import asyncio
import json

import pytest

from api.app import create_app
from api.body_limit import FRAMING_BYTES
from graph.connection import Graph
from graph.settings import get_settings
from tests.conftest import api_client

LIMIT = 200_000  # IMPORT_MAX_BYTES in these tests
CHUNK = 64 * 1024
BOUNDARY = "expertgraph-test-boundary"


@pytest.fixture
def token(empty_graph: Graph, monkeypatch: pytest.MonkeyPatch) -> str:
    monkeypatch.setattr(get_settings(), "import_max_bytes", LIMIT)
    with api_client(empty_graph, "editor") as client:
        return str(client.headers["Authorization"])


Headers = list[tuple[bytes, bytes]]


def _call(graph: Graph, token: str, headers: Headers, chunks: int) -> tuple[int, bytes, int]:
    """POST a multipart upload of `chunks` chunks; (status, body, bytes the app read)."""
    app = create_app(graph)
    head = (
        f'--{BOUNDARY}\r\nContent-Disposition: form-data; name="file"; filename="experts.csv"\r\n'
        "Content-Type: text/csv\r\n\r\nexpert_id,full_name\r\n"
    ).encode()
    parts = [head] + [b"LC-1,Lo Van A\r\n" * (CHUNK // 15)] * chunks + [f"\r\n--{BOUNDARY}--\r\n".encode()]
    read = 0
    sent: list[dict[str, object]] = []

    async def receive() -> dict[str, object]:
        nonlocal read
        if not parts:
            return {"type": "http.disconnect"}
        body = parts.pop(0)
        read += len(body)
        return {"type": "http.request", "body": body, "more_body": bool(parts)}

    async def send(message: dict[str, object]) -> None:
        sent.append(message)

    scope = {
        "type": "http",
        "asgi": {"version": "3.0"},
        "http_version": "1.1",
        "method": "POST",
        "scheme": "http",
        "path": "/api/v1/import/experts",
        "raw_path": b"/api/v1/import/experts",
        "query_string": b"",
        "root_path": "",
        "headers": [
            (b"host", b"testserver"),
            (b"authorization", token.encode()),
            (b"content-type", f"multipart/form-data; boundary={BOUNDARY}".encode()),
            *headers,
        ],
        "client": ("127.0.0.1", 50000),
        "server": ("testserver", 80),
        "state": {},
    }
    asyncio.run(app(scope, receive, send))  # type: ignore[arg-type]
    start = next(m for m in sent if m["type"] == "http.response.start")
    body = b"".join(m.get("body", b"") for m in sent if m["type"] == "http.response.body")  # type: ignore[misc]
    return int(start["status"]), body, read  # type: ignore[call-overload]


def test_a_declared_oversize_upload_is_refused_before_reading_it(empty_graph: Graph, token: str) -> None:
    declared = [(b"content-length", str(10 * 1024**3).encode())]  # "10 GB coming"
    status, body, read = _call(empty_graph, token, declared, chunks=1)
    assert status == 413 and read == 0
    assert "Tệp quá lớn" in json.loads(body)["detail"]


def test_an_undeclared_stream_is_cut_off_at_the_limit(empty_graph: Graph, token: str) -> None:
    # Chunked: no Content-Length, 1,000 chunks (64 MB) on offer; the app must stop near the limit.
    status, body, read = _call(empty_graph, token, [], chunks=1000)
    assert status == 413 and json.loads(body)["error"] == "FileTooLarge"
    assert read <= LIMIT + FRAMING_BYTES + CHUNK
    assert empty_graph.read("MATCH (r:ImportRun) RETURN count(r) AS n")[0]["n"] == 0


def test_an_upload_under_the_limit_still_imports(empty_graph: Graph, token: str) -> None:
    status, body, _ = _call(empty_graph, token, [], chunks=1)
    assert status in (200, 422), body  # read and judged by the import (the rows lack fields it needs)
    assert empty_graph.read("MATCH (r:ImportRun) RETURN count(r) AS n")[0]["n"] == 1
