"""Live updates: one watcher per app notices every change of a ticket and tells the open pages.

Every write to a ticket, from any source (the client API, a technician's page, a command in
another process), leaves a row in ``ticket_changes`` through the schema's triggers. The watcher
reads that table on one read connection every ``POLL_INTERVAL`` seconds, and when there are new
rows it emits ``ticket_changes()`` once with all of them. Browser windows never poll the database
themselves; a page subscribes to the event and refreshes what it shows.

API for pages::

    from appliance.live import TicketChanges, ticket_changes

    async def on_change(changes: TicketChanges) -> None:
        if changes.touches(ticket_id):        # this ticket was created, updated or got an action
            await reload()
        if changes.created_ids:                # ids of tickets that are new since the last event
            ...

    ticket_changes().subscribe(on_change)      # inside the page function

Subscribed inside a page, the handler runs in that page's context (``ui`` calls work) and is
unsubscribed when the browser window goes away (``nicegui.Event`` semantics). A handler may be
sync or async. ``TicketChanges.changes`` lists each change (``seq``, ``ticket_id``, ``kind`` in
'created' | 'updated' | 'action') in commit order; a ticket created and edited within one poll
appears in ``created_ids`` and ``updated_ids``.

The web app calls ``install_change_watcher(store)`` once while it is built; it starts polling when
the app starts and stops before the store closes.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from dataclasses import dataclass

from nicegui import Event, app, background_tasks

from appliance.services.ticket_changes import (
    TicketChange,
    changes_since,
    latest_change,
    prune_old_changes,
)
from appliance.services.types import Store

log = logging.getLogger("tiketnitsa.live")

POLL_INTERVAL = 0.2  # seconds: new tickets show within ~0.2 s plus one page refresh
_RETRY_AFTER_ERROR = 2.0
PRUNE_EVERY = 600.0  # seconds


@dataclass(frozen=True)
class TicketChanges:
    """The changes committed since the previous event, oldest first."""

    changes: tuple[TicketChange, ...]

    @property
    def last_seq(self) -> int:
        return self.changes[-1].seq if self.changes else 0

    @property
    def ticket_ids(self) -> frozenset[int]:
        return frozenset(c.ticket_id for c in self.changes)

    def ids_of(self, kind: str) -> frozenset[int]:
        return frozenset(c.ticket_id for c in self.changes if c.kind == kind)

    @property
    def created_ids(self) -> frozenset[int]:
        return self.ids_of("created")

    @property
    def updated_ids(self) -> frozenset[int]:
        return self.ids_of("updated")

    @property
    def action_ids(self) -> frozenset[int]:
        return self.ids_of("action")

    def touches(self, ticket_id: int) -> bool:
        return any(c.ticket_id == ticket_id for c in self.changes)


class ChangeWatcher:
    """Polls ``ticket_changes`` and emits ``event`` with what is new."""

    def __init__(self, store: Store, *, interval: float = POLL_INTERVAL) -> None:
        self.store = store
        self.interval = interval
        self.event: Event[TicketChanges] = Event()
        self.last_seq: int | None = None
        self._task: asyncio.Task[None] | None = None

    async def poll_once(self) -> TicketChanges | None:
        """Read what is new since the last poll, emit it, and return it (None if nothing)."""
        if self.last_seq is None:
            # Start from now: pages load their state fresh; history is not replayed.
            self.last_seq = await latest_change(self.store)
            return None
        rows = await changes_since(self.store, self.last_seq)
        if not rows:
            return None
        changes = TicketChanges(tuple(rows))
        self.last_seq = changes.last_seq
        self.event.emit(changes)
        return changes

    async def _run(self) -> None:
        loop = asyncio.get_running_loop()
        next_prune = loop.time()
        while True:
            try:
                await self.poll_once()
                if loop.time() >= next_prune:
                    await prune_old_changes(self.store)
                    next_prune = loop.time() + PRUNE_EVERY
            except asyncio.CancelledError:
                raise
            except Exception:
                # A locked or briefly unavailable store must not end live updates for good.
                log.exception("reading ticket changes failed; retrying")
                await asyncio.sleep(_RETRY_AFTER_ERROR)
            await asyncio.sleep(self.interval)

    def start(self) -> None:
        if self._task is None or self._task.done():
            self._task = background_tasks.create(self._run(), name="ticket change watcher")

    async def stop(self) -> None:
        task, self._task = self._task, None
        if task is not None and not task.done():
            task.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await task


def install_change_watcher(store: Store) -> ChangeWatcher:
    """Create the app's watcher; it polls from app start to app shutdown."""
    watcher = ChangeWatcher(store)
    app.state.change_watcher = watcher
    app.on_startup(watcher.start)
    app.on_shutdown(watcher.stop)
    return watcher


def change_watcher() -> ChangeWatcher:
    watcher: ChangeWatcher | None = getattr(app.state, "change_watcher", None)
    if watcher is None:
        raise RuntimeError("no change watcher: the web app must call install_change_watcher")
    return watcher


def ticket_changes() -> Event[TicketChanges]:
    """The event every page subscribes to for live updates (see the module docstring)."""
    return change_watcher().event
