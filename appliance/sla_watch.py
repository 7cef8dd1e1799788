"""The SLA checker: every ``interval`` seconds, finds open tickets that crossed their plan's
warning share or their due time (``appliance.services.sla_alerts``), records each crossing once,
and emits ``sla_alerts()`` with the new ones; pages show them to the assignee (or, for an
unassigned ticket, to every technician: ``appliance.ui.tickets.sla_warnings``).

Like the change watcher (``appliance.live``) it runs in the appliance process from app start to
shutdown; ``clock`` and ``interval`` are injectable so tests can move time and not wait.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import os
from collections.abc import Callable
from datetime import datetime

from nicegui import Event, app, background_tasks

from appliance.domain.clock import utc_now
from appliance.services.sla_alerts import SlaNotice, check_crossings
from appliance.services.types import Store

log = logging.getLogger("tiketnitsa.sla")

CHECK_INTERVAL_ENV = "TIKETNITSA_SLA_CHECK_SECONDS"
CHECK_INTERVAL = 30.0  # seconds: a warning is at most this late; a minute-grained SLA needs no less


class SlaChecker:
    def __init__(
        self,
        store: Store,
        *,
        interval: float = CHECK_INTERVAL,
        clock: Callable[[], datetime] = utc_now,
    ) -> None:
        self.store = store
        self.interval = interval
        self.clock = clock
        self.event: Event[list[SlaNotice]] = Event()
        self._task: asyncio.Task[None] | None = None

    async def check_once(self) -> list[SlaNotice]:
        notices = await check_crossings(self.store, self.clock())
        if notices:
            self.event.emit(notices)
        return notices

    async def _run(self) -> None:
        while True:
            try:
                await self.check_once()
            except asyncio.CancelledError:
                raise
            except Exception:
                # A locked store must not end the warnings for good.
                log.exception("checking SLA thresholds failed; retrying")
            await asyncio.sleep(self.interval)

    def start(self) -> None:
        if self._task is None or self._task.done():
            self._task = background_tasks.create(self._run(), name="sla checker")

    async def stop(self) -> None:
        task, self._task = self._task, None
        if task is not None and not task.done():
            task.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await task


def install_sla_checker(store: Store) -> SlaChecker:
    """The app's checker, from app start to shutdown. ``TIKETNITSA_SLA_CHECK_SECONDS`` sets its
    interval (tests: a fraction of a second)."""
    interval = CHECK_INTERVAL
    with contextlib.suppress(ValueError):
        interval = max(0.1, float(os.environ.get(CHECK_INTERVAL_ENV, CHECK_INTERVAL)))
    checker = SlaChecker(store, interval=interval)
    app.state.sla_checker = checker
    app.on_startup(checker.start)
    app.on_shutdown(checker.stop)
    return checker


def sla_checker() -> SlaChecker | None:
    checker: SlaChecker | None = getattr(app.state, "sla_checker", None)
    return checker
