"""A loopback HTTP proxy that loses requests and responses on purpose.

For each request it reads the whole request from the client, then, by a seeded coin:
- drops it (closes the client's connection; the appliance never sees it), or
- forwards it (one upstream connection per request, ``Connection: close``), reads the
  appliance's whole answer, and then drops that (the appliance has done the work, the client
  never hears) or passes it on.

Bounded: it stops by itself after ``lifetime`` seconds, and ``stop()`` ends it at once. Only
what LiveViewer sends is supported (Content-Length bodies, no chunked uploads).
"""

from __future__ import annotations

import asyncio
import contextlib
import random
import threading
from dataclasses import dataclass

HEAD_LIMIT = 64 * 1024


@dataclass
class ProxyCounts:
    requests: int = 0
    dropped_requests: int = 0
    dropped_responses: int = 0
    passed: int = 0


class LossyProxy:
    def __init__(
        self,
        upstream_port: int,
        *,
        drop_request: float = 0.25,
        drop_response: float = 0.25,
        seed: int = 1,
        lifetime: float = 300.0,
    ) -> None:
        self.upstream_port = upstream_port
        self.drop_request = drop_request
        self.drop_response = drop_response
        self.lifetime = lifetime
        self.counts = ProxyCounts()
        self.port = 0
        self._rng = random.Random(seed)
        self._loop = asyncio.new_event_loop()
        self._ready = threading.Event()
        self._stopped: asyncio.Event | None = None
        self._thread = threading.Thread(target=self._run, name="lossy-proxy", daemon=True)

    # -- lifecycle ---------------------------------------------------------------------------

    def start(self) -> LossyProxy:
        self._thread.start()
        if not self._ready.wait(10):
            raise RuntimeError("proxy did not start")
        return self

    def stop(self) -> None:
        if self._stopped is not None and self._thread.is_alive():
            self._loop.call_soon_threadsafe(self._stopped.set)
        self._thread.join(timeout=10)

    def __enter__(self) -> LossyProxy:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def _run(self) -> None:
        asyncio.set_event_loop(self._loop)
        self._loop.run_until_complete(self._serve())
        self._loop.close()

    async def _serve(self) -> None:
        self._stopped = asyncio.Event()
        server = await asyncio.start_server(self._handle, "127.0.0.1", 0)
        self.port = server.sockets[0].getsockname()[1]
        self._ready.set()
        async with server:
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(self._stopped.wait(), timeout=self.lifetime)
            server.close()
            await server.wait_closed()

    # -- one client connection -----------------------------------------------------------------

    async def _handle(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        try:
            await self._serve_connection(reader, writer)
        except (ConnectionError, asyncio.IncompleteReadError, asyncio.LimitOverrunError):
            pass
        finally:
            writer.close()
            with contextlib.suppress(ConnectionError):
                await writer.wait_closed()

    async def _serve_connection(
        self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter
    ) -> None:
        head = await reader.readuntil(b"\r\n\r\n")
        if len(head) > HEAD_LIMIT:
            return
        lines = head.decode("latin-1").split("\r\n")
        length = 0
        kept = [lines[0]]
        for line in lines[1:]:
            if not line:
                continue
            name, _, value = line.partition(":")
            if name.strip().lower() == "content-length":
                length = int(value.strip())
            if name.strip().lower() in ("connection", "keep-alive"):
                continue
            kept.append(line)
        body = await reader.readexactly(length) if length else b""
        self.counts.requests += 1
        if self._rng.random() < self.drop_request:
            self.counts.dropped_requests += 1
            return  # closed without an answer; the appliance never saw it
        kept.append("Connection: close")
        upstream_reader, upstream_writer = await asyncio.open_connection(
            "127.0.0.1", self.upstream_port
        )
        try:
            upstream_writer.write(("\r\n".join(kept) + "\r\n\r\n").encode("latin-1") + body)
            await upstream_writer.drain()
            answer = await upstream_reader.read()  # until the appliance closes: the whole answer
        finally:
            upstream_writer.close()
            with contextlib.suppress(ConnectionError):
                await upstream_writer.wait_closed()
        if self._rng.random() < self.drop_response:
            self.counts.dropped_responses += 1
            return  # the appliance did the work; the client hears nothing
        self.counts.passed += 1
        writer.write(answer)
        await writer.drain()
