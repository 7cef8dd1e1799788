"""Caps on request bodies, enforced while reading, so a huge upload costs the appliance nothing.

``read_capped`` streams one request body (blobs: the limit is a setting). ``JsonBodyLimit`` is
an ASGI middleware for every other route: it reads the (small) body itself up to a fixed cap,
answers 413 past it, and hands the buffered body on.
"""

from __future__ import annotations

from collections.abc import Callable

from fastapi import Request
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from appliance.api.errors import ApiError, error_response
from sync.wire import ErrorCode


def size_text(limit: int) -> str:
    if limit >= 1024 * 1024 and limit % (1024 * 1024) == 0:
        return f"{limit // (1024 * 1024)} MiB"
    if limit >= 1024 and limit % 1024 == 0:
        return f"{limit // 1024} KiB"
    return f"{limit} B"


def too_large(limit: int) -> ApiError:
    return ApiError(
        413, ErrorCode.PAYLOAD_TOO_LARGE, "api.payload_too_large", limit=size_text(limit)
    )


def declared_length(request: Request) -> int | None:
    value = request.headers.get("content-length")
    if value is None:
        return None
    try:
        return int(value)
    except ValueError:
        return None


async def read_capped(request: Request, limit: int) -> bytes:
    """The whole body, or ``ApiError`` 413 as soon as it is known to pass ``limit``."""
    length = declared_length(request)
    if length is not None and length > limit:
        raise too_large(limit)
    chunks: list[bytes] = []
    size = 0
    async for chunk in request.stream():
        size += len(chunk)
        if size > limit:
            raise too_large(limit)
        chunks.append(chunk)
    return b"".join(chunks)


class JsonBodyLimit:
    """Buffers bodies of up to ``limit`` bytes for paths ``applies(path)`` says yes to."""

    def __init__(self, app: ASGIApp, *, limit: int, applies: Callable[[str], bool]) -> None:
        self.app = app
        self.limit = limit
        self.applies = applies

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or not self.applies(scope.get("path", "")):
            await self.app(scope, receive, send)
            return
        request = Request(scope, receive)
        try:
            body = await read_capped(request, self.limit)
        except ApiError as error:
            await error_response(request, error)(scope, receive, send)
            return
        delivered = False

        async def replay() -> Message:
            nonlocal delivered
            if not delivered:
                delivered = True
                return {"type": "http.request", "body": body, "more_body": False}
            return await receive()

        await self.app(scope, replay, send)
