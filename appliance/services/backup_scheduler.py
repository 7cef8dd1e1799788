"""The backup schedule, run inside the appliance process.

One asyncio task (started by ``web.build`` at start-up) wakes at least once a minute, reads the
schedule afresh (a change in Settings applies without a restart) and, when the set time of day
has come, runs the backup in a worker thread (``services.backup.run_scheduled_backup``). The
clock is injected: tests drive it with a fake one instead of waiting for 02:30.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from datetime import datetime
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from appliance.backup.schedule import Schedule, next_run
from appliance.config import DataDir
from appliance.domain.clock import utc_now
from appliance.domain.errors import AppError
from appliance.services import backup as backups
from appliance.store import Store

log = logging.getLogger("tiketnitsa.backup")
WAKE_SECONDS = 60.0


def zone(name: str) -> ZoneInfo:
    """The appliance's zone (UTC when the name is unknown to this machine)."""
    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        return ZoneInfo("UTC")


@dataclass
class SchedulerClock:
    now: Callable[[], datetime] = utc_now
    sleep: Callable[[float], Awaitable[None]] = asyncio.sleep


@dataclass
class BackupScheduler:
    store: Store
    data_dir: DataDir
    zone: ZoneInfo
    clock: SchedulerClock = field(default_factory=SchedulerClock)
    _task: asyncio.Task[None] | None = None
    _due: datetime | None = None

    def start(self) -> None:
        self._task = asyncio.get_running_loop().create_task(self.run_forever())

    async def stop(self) -> None:
        if self._task is not None:
            self._task.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await self._task
            self._task = None

    async def run_forever(self) -> None:
        while True:
            await self.tick()
            await self.clock.sleep(WAKE_SECONDS)

    async def tick(self) -> bool:
        """One look at the clock; True when a backup was run (successfully or not)."""
        now = self.clock.now().astimezone(self.zone)
        try:
            schedule = await self.store.read(backups.read_schedule)
        except Exception:  # the store closing at shutdown, say: try again next time
            log.exception("backup schedule unreadable")
            return False
        if not schedule.enabled:
            self._due = None
            return False
        if self._due is None or _moved(schedule, self._due):
            self._due = next_run(schedule, now)
        if now < self._due:
            return False
        self._due = next_run(schedule, now)
        try:
            await backups.run_scheduled_backup(self.store, data_dir=self.data_dir, now_local=now)
        except AppError as error:
            # Recorded in backup_runs and the audit log by the service; the log says it too.
            log.error("scheduled backup failed: %s", error)
        except Exception:
            log.exception("scheduled backup failed")
        return True


def _moved(schedule: Schedule, due: datetime) -> bool:
    """The admin changed the time of day since ``due`` was worked out."""
    at = schedule.time_of_day()
    return (due.hour, due.minute) != (at.hour, at.minute)
