"""Encrypted backups: the use cases behind ``tiketnitsa backup`` and Settings -> Backups.

Making a backup reads the store (the backup API's copy) and writes a file; the store is written
only for the record: one transaction with the actor read afresh, the history row and the audit
row (``backup.create``, ``backup.failed``). A failure is recorded too, so the page and the log
show it. Verify, restore and a new passphrase for a file work on files only (the command line,
run by whoever holds the box).
"""

from __future__ import annotations

import asyncio
import json
import logging
import os
import threading
import time
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import apsw

from appliance.backup import restore as restore_mod
from appliance.backup.format import KdfParams, WrappingKey, rewrap_file, rewrite_key_slot
from appliance.backup.schedule import Schedule, backup_name, moment_of, next_run, to_delete
from appliance.backup.snapshot import Created, Progress, create_backup_file
from appliance.backup.strength import MIN_LENGTH, strength
from appliance.config import DataDir
from appliance.domain.clock import utc_now
from appliance.domain.errors import AppError, Conflict, InvalidInput, NotFound
from appliance.domain.permissions import Permission
from appliance.i18n import t
from appliance.services.actor import Actor, acting_user
from appliance.store import Store, audit
from appliance.store import backups as backup_store
from appliance.store.backups import BackupRun

__all__ = [
    "BackupRun",
    "BackupSettings",
    "Checked",
    "Created",
    "Schedule",
    "back_up_to_folder",
    "backup_file_path",
    "backup_settings",
    "change_file_passphrase",
    "check_passphrase",
    "create_backup",
    "last_backup_failed",
    "passphrase_strength",
    "restore_backup",
    "run_scheduled_backup",
    "save_schedule",
    "set_backup_passphrase",
    "verify_backup",
]

log = logging.getLogger("tiketnitsa.backup")
Checked = restore_mod.Checked
SCHEDULE_ADDR = "schedule"
# One backup at a time in this process: two would only compete for the disk.
_RUNNING = threading.Lock()


@dataclass(frozen=True)
class BackupSettings:
    schedule: Schedule
    has_passphrase: bool
    runs: list[BackupRun]
    next_run: datetime | None
    files: list[tuple[str, int]]  # scheduled backups in the folder: name, size


def check_passphrase(passphrase: str, repeat: str | None = None) -> str:
    if repeat is not None and passphrase != repeat:
        raise InvalidInput("backup.passphrases_differ")
    if len(passphrase) < MIN_LENGTH:
        raise InvalidInput("backup.weak_passphrase", n=MIN_LENGTH)
    return passphrase


def passphrase_strength(passphrase: str) -> str:
    return strength(passphrase)


def wrapping_for(passphrase: str) -> WrappingKey:
    """Argon2id of a new passphrase (about half a second: run it off the event loop)."""
    return WrappingKey.from_passphrase(passphrase)


# -- making a backup ----------------------------------------------------------------------------


async def create_backup(
    store: Store,
    actor: Actor,
    *,
    data_dir: DataDir,
    out: Path,
    wrapping: WrappingKey,
    trigger: str = "manual",
    progress: Progress | None = None,
) -> Created:
    """Write a backup of the installation to ``out``; record it (or its failure)."""
    await store.read(lambda conn: acting_user(conn, actor, Permission.MANAGE_SETTINGS))
    return await _run_and_record(
        store,
        actor,
        lambda: create_backup_file(
            store, data_dir, out, wrapping, progress=progress or _ignore_progress
        ),
        out=out,
        trigger=trigger,
        lang=data_dir_lang(data_dir),
    )


def _ignore_progress(phase: str, done: int, total: int) -> None:
    return None


def data_dir_lang(data_dir: DataDir) -> str:
    try:
        return data_dir.load_settings().lang
    except AppError:
        return "en"


async def _run_and_record(
    store: Store,
    actor: Actor | None,
    work: object,
    *,
    out: Path,
    trigger: str,
    lang: str,
) -> Created:
    if not _RUNNING.acquire(blocking=False):
        raise Conflict("backup.running")
    started = utc_now()
    began = time.monotonic()
    try:
        created: Created = await asyncio.to_thread(work)  # type: ignore[arg-type]
    except AppError as error:
        text = t(error.key, lang, **error.values)
        log.error("backup to %s failed: %s", out, error)
        await _record(
            store, actor, started, time.monotonic() - began, trigger, out, None, error, text
        )
        raise
    except Exception as exc:
        log.exception("backup to %s failed", out)
        await _record(
            store, actor, started, time.monotonic() - began, trigger, out, None, None, repr(exc)
        )
        raise
    finally:
        _RUNNING.release()
    await _record(store, actor, started, created.seconds, trigger, out, created, None, "")
    log.info("backup written: %s (%d bytes, %.1f s)", out, created.size, created.seconds)
    return created


async def _record(
    store: Store,
    actor: Actor | None,
    started: datetime,
    seconds: float,
    trigger: str,
    out: Path,
    created: Created | None,
    error: AppError | None,
    error_text: str,
) -> None:
    def write(conn: apsw.Connection) -> None:
        user_id = None
        if actor is not None:
            user = acting_user(conn, actor, Permission.MANAGE_SETTINGS)
            user_id = user.id if user is not None else None
        backup_store.record_run(
            conn,
            started_at=started,
            seconds=seconds,
            trigger=trigger,
            result="ok" if created is not None else "failed",
            file_name=out.name,
            folder=str(out.parent),
            size=created.size if created is not None else 0,
            error_key=error.key if error is not None else "",
            error_text=error_text,
        )
        audit.record(
            conn,
            user_id=user_id,
            action="backup.create" if created is not None else "backup.failed",
            object_type="backup",
            detail=str(out) if created is not None else f"{out}: {error_text}",
            remote_addr=actor.audit_addr if actor is not None else SCHEDULE_ADDR,
        )

    await store.write(write)


# -- the schedule -------------------------------------------------------------------------------


def _schedule(conn: apsw.Connection) -> Schedule:
    return Schedule.from_json(backup_store.get_schedule_json(conn))


def read_schedule(conn: apsw.Connection) -> Schedule:
    """The schedule, for the appliance's own scheduler (no actor: it is the box itself)."""
    return _schedule(conn)


def _wrapping(conn: apsw.Connection) -> WrappingKey | None:
    raw = backup_store.get_wrapping_json(conn)
    if not raw:
        return None
    doc = json.loads(raw)
    kdf = KdfParams(
        time_cost=int(doc["time_cost"]),
        memory_kib=int(doc["memory_kib"]),
        lanes=int(doc["lanes"]),
        salt=bytes.fromhex(doc["salt"]),
    )
    return WrappingKey(kdf=kdf, key=bytes.fromhex(doc["key"]))


async def last_backup_failed(store: Store, actor: Actor) -> bool:
    """Whether the most recent backup failed (the settings page flags it beside the link)."""

    def read(conn: apsw.Connection) -> bool:
        acting_user(conn, actor, Permission.MANAGE_SETTINGS)
        runs = backup_store.recent_runs(conn, limit=1)
        return bool(runs) and runs[0].result == "failed"

    return await store.read(read)


def _files(folder: str) -> list[tuple[str, int]]:
    if not folder or not Path(folder).is_dir():
        return []
    found = []
    for entry in os.scandir(folder):
        if entry.is_file() and moment_of(entry.name) is not None:
            found.append((entry.name, entry.stat().st_size))
    return sorted(found, reverse=True)


async def backup_settings(
    store: Store, actor: Actor, *, zone: ZoneInfo, now: datetime | None = None
) -> BackupSettings:
    def read(conn: apsw.Connection) -> tuple[Schedule, bool, list[BackupRun]]:
        acting_user(conn, actor, Permission.MANAGE_SETTINGS)
        return _schedule(conn), _wrapping(conn) is not None, backup_store.recent_runs(conn)

    schedule, has_passphrase, runs = await store.read(read)
    moment = (now or utc_now()).astimezone(zone)
    upcoming = next_run(schedule, moment) if schedule.enabled and has_passphrase else None
    files = await asyncio.to_thread(_files, schedule.folder)
    return BackupSettings(schedule, has_passphrase, runs, upcoming, files)


def _folder_usable(folder: str) -> None:
    path = Path(folder)
    if not folder or not path.is_absolute() or not path.is_dir() or not os.access(path, os.W_OK):
        raise InvalidInput("backup.folder_missing", path=folder)


async def save_schedule(store: Store, actor: Actor, schedule: Schedule) -> None:
    schedule.checked()
    if schedule.enabled or schedule.folder:
        _folder_usable(schedule.folder)

    def write(conn: apsw.Connection) -> None:
        user = acting_user(conn, actor, Permission.MANAGE_SETTINGS)
        backup_store.set_schedule_json(conn, schedule.to_json())
        audit.record(
            conn,
            user_id=user.id if user is not None else None,
            action="backup.schedule",
            object_type="backup",
            detail=f"{'on' if schedule.enabled else 'off'} {schedule.at} {schedule.folder}"
            f" keep {schedule.keep_daily}d/{schedule.keep_weekly}w",
            remote_addr=actor.audit_addr,
        )

    await store.write(write)


async def set_backup_passphrase(store: Store, actor: Actor, passphrase: str, repeat: str) -> int:
    """The passphrase of future backups; only the key derived from it is kept (in the store).
    The backups in the folder made under the previous one are rewrapped to the new one (their
    data untouched): returns how many."""
    check_passphrase(passphrase, repeat)
    old, schedule = await store.read(
        lambda conn: (
            acting_user(conn, actor, Permission.MANAGE_SETTINGS),
            _wrapping(conn),
            _schedule(conn),
        )[1:]
    )
    wrapping = await asyncio.to_thread(wrapping_for, passphrase)
    doc = {
        "time_cost": wrapping.kdf.time_cost,
        "memory_kib": wrapping.kdf.memory_kib,
        "lanes": wrapping.kdf.lanes,
        "salt": wrapping.kdf.salt.hex(),
        "key": wrapping.key.hex(),
    }

    def write(conn: apsw.Connection) -> None:
        user = acting_user(conn, actor, Permission.MANAGE_SETTINGS)
        backup_store.set_wrapping_json(conn, json.dumps(doc))
        audit.record(
            conn,
            user_id=user.id if user is not None else None,
            action="backup.passphrase",
            object_type="backup",
            detail="the backup passphrase was set",
            remote_addr=actor.audit_addr,
        )

    await store.write(write)
    if old is None:
        return 0
    return await asyncio.to_thread(_rewrap_folder, schedule.folder, old, wrapping)


def _rewrap_folder(folder: str, old: WrappingKey, new: WrappingKey) -> int:
    done = 0
    for name, _ in _files(folder):
        try:
            done += rewrap_file(Path(folder) / name, old, new)
        except (AppError, OSError) as exc:
            log.error("backup %s not rewrapped to the new passphrase: %s", name, exc)
    return done


async def back_up_to_folder(
    store: Store,
    actor: Actor | None,
    *,
    data_dir: DataDir,
    now_local: datetime,
    trigger: str,
    progress: Progress | None = None,
) -> Created:
    """A backup into the schedule's folder under a dated name, then retention. ``actor`` None is
    the appliance's own schedule."""

    def read(conn: apsw.Connection) -> tuple[Schedule, WrappingKey | None]:
        if actor is not None:
            acting_user(conn, actor, Permission.MANAGE_SETTINGS)
        return _schedule(conn), _wrapping(conn)

    schedule, wrapping = await store.read(read)
    if wrapping is None:
        raise InvalidInput("backup.no_passphrase_set")
    out = Path(schedule.folder) / backup_name(now_local)

    def work() -> Created:
        _folder_usable(schedule.folder)  # inside: a missing folder is a failed run, recorded
        return create_backup_file(
            store, data_dir, out, wrapping, progress=progress or _ignore_progress
        )

    created = await _run_and_record(
        store,
        actor,
        work,
        out=out,
        trigger=trigger,
        lang=data_dir_lang(data_dir),
    )
    await asyncio.to_thread(_apply_retention, schedule)
    return created


def _apply_retention(schedule: Schedule) -> None:
    names = [name for name, _ in _files(schedule.folder)]
    for name in to_delete(names, keep_daily=schedule.keep_daily, keep_weekly=schedule.keep_weekly):
        try:
            (Path(schedule.folder) / name).unlink()
            log.warning("old backup removed by retention: %s", name)
        except OSError as exc:
            log.error("could not remove old backup %s: %s", name, exc)


async def run_scheduled_backup(
    store: Store, *, data_dir: DataDir, now_local: datetime
) -> Created | None:
    """What the scheduler runs when the time comes: None when the schedule is off."""
    schedule = await store.read(_schedule)
    if not schedule.enabled:
        return None
    return await back_up_to_folder(
        store, None, data_dir=data_dir, now_local=now_local, trigger="schedule"
    )


async def backup_file_path(store: Store, actor: Actor, name: str) -> Path:
    """A scheduled backup in the folder, for download: only names the folder lists."""
    schedule = await store.read(
        lambda conn: (acting_user(conn, actor, Permission.MANAGE_SETTINGS), _schedule(conn))[1]
    )
    files = dict(await asyncio.to_thread(_files, schedule.folder))
    if name not in files:
        raise NotFound("backup.no_such_backup")
    return Path(schedule.folder) / name


# -- files: verify, restore, a new passphrase ----------------------------------------------------


def verify_backup(
    backup: Path,
    passphrase: str,
    *,
    progress: Progress | None = None,
    temp_parent: Path | None = None,
    check_database: bool = False,
) -> restore_mod.Checked:
    return restore_mod.verify_backup(
        backup,
        passphrase,
        progress=progress or _ignore_progress,
        temp_parent=temp_parent,
        check_database=check_database,
    )


def restore_backup(
    backup: Path,
    passphrase: str,
    target: Path,
    *,
    force: bool = False,
    progress: Progress | None = None,
) -> restore_mod.Checked:
    return restore_mod.restore_backup(
        backup, passphrase, target, force=force, progress=progress or _ignore_progress
    )


def change_file_passphrase(backup: Path, old: str, new: str) -> None:
    check_passphrase(new)
    if not backup.is_file():
        raise NotFound("backup.no_file", path=backup)
    rewrite_key_slot(backup, old, wrapping_for(new))
