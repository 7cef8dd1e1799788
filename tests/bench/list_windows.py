"""Light technician windows for the load benchmarks: NiceGUI clients without a browser.

A window is what a Chromium tab on ``/tickets`` is to the appliance: the page requested over HTTP
with the signed-in browser's cookie (the appliance builds the whole page for it: queries, table,
timers, subscriptions), then NiceGUI's socket.io connection with the page's own query (client id,
tab id, implicit handshake), acknowledging what it receives every 3 s as ``nicegui.js`` does. It
renders nothing: every ``update`` message is searched for ticket markers, and the first moment
each marker arrives is recorded. So the appliance's cost of 50 windows is measured without 50
renderers competing for the same 2 cores.
"""

from __future__ import annotations

import ast
import asyncio
import contextlib
import json
import re
import threading
import time
import uuid
from dataclasses import dataclass, field

import httpx
import socketio

MARKER = re.compile(r"LOAD\d-\d\d-\d{4}")
_QUERY = re.compile(r"query: (\{.*?\}),\n")
ACK_SECONDS = 3.0


@dataclass
class WindowRecord:
    seen: dict[str, float] = field(default_factory=dict)  # marker -> time.time() in ms
    loads: int = 0
    updates: int = 0
    update_bytes: int = 0


class ListWindow:
    """One simulated window; ``reload`` closes it and opens the page anew (a browser reload)."""

    def __init__(self, base_url: str, cookies: dict[str, str], record: WindowRecord) -> None:
        self.base_url = base_url
        self.cookies = cookies
        self.record = record
        self.tab_id = str(uuid.uuid4())
        self.sio: socketio.AsyncClient | None = None
        self.client_id = ""
        self.next_message_id = 0
        self.acked = -1

    async def open(self, http: httpx.AsyncClient) -> None:
        page = await http.get(self.base_url + "/tickets", headers=self._cookie_header())
        page.raise_for_status()
        found = _QUERY.search(page.text)
        assert found, "no NiceGUI query in the page"
        query = ast.literal_eval(found.group(1))  # the template writes a Python dict
        self._note(page.text)
        self.client_id = query["client_id"]
        self.next_message_id = int(query["next_message_id"])
        query.update(document_id=str(uuid.uuid4()), tab_id=self.tab_id)
        query["implicit_handshake"] = "true"  # as the browser's query string says it
        sio = socketio.AsyncClient(reconnection=False)

        @sio.on("update")  # type: ignore[untyped-decorator]
        async def _update(data: dict[str, object]) -> None:
            self._message(data)
            text = json.dumps(data, ensure_ascii=False)
            self.record.updates += 1
            self.record.update_bytes += len(text)
            self._note(text)

        @sio.on("*")  # type: ignore[untyped-decorator]
        async def _other(event: str, data: object = None) -> None:
            if isinstance(data, dict):
                self._message(data)

        headers = self._cookie_header()
        await sio.connect(
            self.base_url + "?" + httpx.QueryParams(query).__str__(),
            socketio_path="/_nicegui_ws/socket.io",
            transports=["websocket"],
            headers=headers,
        )
        self.sio = sio
        self.record.loads += 1

    def _cookie_header(self) -> dict[str, str]:
        return {"Cookie": "; ".join(f"{k}={v}" for k, v in self.cookies.items())}

    def _message(self, data: dict[str, object]) -> None:
        message_id = data.get("_id")
        if isinstance(message_id, int) and message_id >= self.next_message_id:
            self.next_message_id = message_id + 1

    def _note(self, text: str) -> None:
        now = time.time() * 1000
        for marker in MARKER.findall(text):
            self.record.seen.setdefault(marker, now)

    async def ack(self) -> None:
        if self.sio is None or self.acked >= self.next_message_id:
            return
        with contextlib.suppress(Exception):
            await self.sio.emit(
                "ack", {"client_id": self.client_id, "next_message_id": self.next_message_id}
            )
            self.acked = self.next_message_id

    async def close(self) -> None:
        if self.sio is not None:
            with contextlib.suppress(Exception):
                await self.sio.disconnect()
            self.sio = None


class Windows:
    """``count`` windows on an event loop in a thread of their own, from ``start`` to ``stop``;
    with ``reload_every`` seconds, each window reloads itself at that pace (phases spread)."""

    def __init__(
        self, base_url: str, cookies: dict[str, str], count: int, *, reload_every: float = 0.0
    ) -> None:
        self.base_url = base_url
        self.cookies = cookies
        self.records = [WindowRecord() for _ in range(count)]
        self.reload_every = reload_every
        self.opened_in = 0.0
        self._loop = asyncio.new_event_loop()
        self._thread = threading.Thread(target=self._loop.run_forever, daemon=True)
        self._stop: asyncio.Event | None = None
        self._done: object = None
        self.errors: list[str] = []

    def start(self) -> None:
        self._thread.start()
        ready = asyncio.run_coroutine_threadsafe(self._open_all(), self._loop)
        ready.result(timeout=600)
        self._done = asyncio.run_coroutine_threadsafe(self._run(), self._loop)

    async def _open_all(self) -> None:
        self._stop = asyncio.Event()
        self._http = httpx.AsyncClient(timeout=120)
        began = time.monotonic()
        self._windows = []
        for record in self.records:  # one after another, as a person opens windows
            window = ListWindow(self.base_url, self.cookies, record)
            await window.open(self._http)
            self._windows.append(window)
        self.opened_in = time.monotonic() - began

    async def _run(self) -> None:
        assert self._stop is not None
        tasks = [asyncio.create_task(self._keep(i, w)) for i, w in enumerate(self._windows)]
        await self._stop.wait()
        for task in tasks:
            task.cancel()
        await asyncio.gather(*tasks, return_exceptions=True)
        for window in self._windows:
            await window.close()
        await self._http.aclose()

    async def _keep(self, index: int, window: ListWindow) -> None:
        next_reload = (
            time.monotonic() + self.reload_every * (index + 1) / len(self._windows)
            if self.reload_every
            else float("inf")
        )
        while True:
            await asyncio.sleep(ACK_SECONDS)
            await window.ack()
            if time.monotonic() >= next_reload:
                await window.close()
                try:
                    await window.open(self._http)
                except Exception as exc:  # counted and shown; the run goes on
                    self.errors.append(repr(exc))
                next_reload += self.reload_every

    def stop(self) -> None:
        assert self._stop is not None
        self._loop.call_soon_threadsafe(self._stop.set)
        asyncio.run_coroutine_threadsafe(asyncio.sleep(0), self._loop).result(timeout=30)
        if self._done is not None:
            self._done.result(timeout=120)  # type: ignore[attr-defined]
        self._loop.call_soon_threadsafe(self._loop.stop)
        self._thread.join(timeout=30)
