"""How uvicorn serves the API with several worker processes (`uvicorn api.serve_app:app --workers N`)."""

from __future__ import annotations

import asyncio
import socket

import uvicorn


class _Report(asyncio.Protocol):
    nodelay: int | None = None

    def connection_made(self, transport: asyncio.BaseTransport) -> None:
        sock = transport.get_extra_info("socket")
        _Report.nodelay = sock.getsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY)
        transport.close()


async def _accept_one(listener: socket.socket) -> None:
    loop = asyncio.get_running_loop()
    server = await loop.create_server(_Report, sock=listener)
    port = listener.getsockname()[1]
    _, writer = await asyncio.open_connection("127.0.0.1", port)
    for _ in range(200):
        if _Report.nodelay is not None:
            break
        await asyncio.sleep(0.01)
    writer.close()
    server.close()
    await server.wait_closed()


def test_connections_to_a_multi_worker_server_have_tcp_nodelay() -> None:
    """With `--workers N` the supervisor binds the socket and hands it to each worker; plain asyncio
    then leaves Nagle's algorithm on for every connection (the socket's `proto` is 0, uvicorn issue
    #3149), so each keep-alive response waited for the client's delayed ACK: ~40 ms on every request
    of the load bench. The event loop uvicorn picks here must turn TCP_NODELAY on regardless."""
    config = uvicorn.Config("api.serve_app:app", host="127.0.0.1", port=0, workers=2, log_level="warning")
    listener = config.bind_socket()  # exactly what the multiprocess supervisor does
    factory = config.get_loop_factory()
    _Report.nodelay = None
    with asyncio.Runner(loop_factory=factory) as runner:
        runner.run(_accept_one(listener))
    listener.close()
    assert _Report.nodelay == 1
