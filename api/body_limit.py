"""Refuse request bodies over the upload limit while they arrive, before they are held anywhere.

An endpoint's own size check runs only after the framework has parsed the whole multipart body (into
memory, or a spooled temporary file), so a client could make every API process take in gigabytes.
This ASGI middleware answers 413 at once when `Content-Length` says too much, and otherwise counts
the bytes as they are received and stops reading at the limit. The limit is the largest upload
(`IMPORT_MAX_BYTES`) plus room for the multipart framing; the import routes still check the file
itself against `IMPORT_MAX_BYTES` exactly.
"""

from __future__ import annotations

import json

from starlette.types import ASGIApp, Message, Receive, Scope, Send

from graph.settings import get_settings

FRAMING_BYTES = 1024 * 1024  # multipart boundaries, headers and form fields beside the file


def limit_bytes() -> int:
    return get_settings().import_max_bytes + FRAMING_BYTES


def too_large_body(limit: int) -> bytes:
    megabytes = get_settings().import_max_bytes / 1024 / 1024
    detail = (
        f"Tệp quá lớn: tối đa {megabytes:.0f} MB; hãy chia thành nhiều tệp. "
        f"The file is larger than {megabytes:.0f} MB; split it into several files."
    )
    return json.dumps({"detail": detail, "error": "FileTooLarge", "limit_bytes": limit}).encode()


class BodyTooLarge(Exception):
    pass


class BodyLimit:
    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def _refuse(self, send: Send, limit: int) -> None:
        body = too_large_body(limit)
        headers = [(b"content-type", b"application/json"), (b"content-length", str(len(body)).encode())]
        # The rest of the body is never read, so the connection cannot be reused for another request.
        headers.append((b"connection", b"close"))
        await send({"type": "http.response.start", "status": 413, "headers": headers})
        await send({"type": "http.response.body", "body": body})

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        limit = limit_bytes()
        declared = dict(scope.get("headers", [])).get(b"content-length")
        if declared is not None and declared.isdigit() and int(declared) > limit:
            await self._refuse(send, limit)
            return

        received = 0
        exceeded = False
        started = False

        async def counted() -> Message:
            nonlocal received, exceeded
            if exceeded:
                raise BodyTooLarge
            message = await receive()
            if message["type"] == "http.request":
                received += len(message.get("body", b""))
                if received > limit:
                    exceeded = True
                    raise BodyTooLarge
            return message

        async def guarded(message: Message) -> None:
            # The framework may turn the interrupted read into an error response of its own (a 400
            # "error parsing the body"); the client gets the 413 instead.
            nonlocal started
            if exceeded:
                if message["type"] == "http.response.start" and not started:
                    started = True
                    await self._refuse(send, limit)
                return
            started = started or message["type"] == "http.response.start"
            await send(message)

        try:
            await self.app(scope, counted, guarded)
        except Exception:
            if not exceeded:
                raise
            if not started:  # the interrupted read surfaced as an error of whatever layer read it
                await self._refuse(send, limit)
