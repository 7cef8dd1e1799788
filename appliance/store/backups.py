"""Backup history (``backup_runs``) and the backup settings kept in ``settings``."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

import apsw

from appliance.domain.clock import to_db
from appliance.store.rows import fetch_all
from appliance.store.settings import get_setting, set_setting

SCHEDULE_KEY = "backup.schedule"
WRAPPING_KEY = "backup.wrapping"
HISTORY_KEPT = 200


@dataclass(frozen=True)
class BackupRun:
    id: int
    started_at: str
    seconds: float
    trigger: str
    result: str
    file_name: str
    folder: str
    size: int
    error_key: str
    error_text: str


def record_run(
    conn: apsw.Connection,
    *,
    started_at: datetime,
    seconds: float,
    trigger: str,
    result: str,
    file_name: str = "",
    folder: str = "",
    size: int = 0,
    error_key: str = "",
    error_text: str = "",
) -> int:
    conn.execute(
        "INSERT INTO backup_runs(started_at, seconds, trigger, result, file_name, folder, size,"
        " error_key, error_text) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
        (
            to_db(started_at),
            seconds,
            trigger,
            result,
            file_name,
            folder,
            size,
            error_key,
            error_text,
        ),
    )
    run_id = conn.last_insert_rowid()
    # The page shows the recent ones; the audit log keeps every backup for good.
    conn.execute(
        "DELETE FROM backup_runs WHERE id NOT IN"
        " (SELECT id FROM backup_runs ORDER BY started_at DESC, id DESC LIMIT ?)",
        (HISTORY_KEPT,),
    )
    return int(run_id)


def recent_runs(conn: apsw.Connection, limit: int = 20) -> list[BackupRun]:
    return fetch_all(
        conn,
        BackupRun,
        "SELECT id, started_at, seconds, trigger, result, file_name, folder, size, error_key,"
        " error_text FROM backup_runs ORDER BY started_at DESC, id DESC LIMIT ?",
        (limit,),
    )


def get_schedule_json(conn: apsw.Connection) -> str | None:
    return get_setting(conn, SCHEDULE_KEY)


def set_schedule_json(conn: apsw.Connection, value: str) -> None:
    set_setting(conn, SCHEDULE_KEY, value)


def get_wrapping_json(conn: apsw.Connection) -> str | None:
    return get_setting(conn, WRAPPING_KEY)


def set_wrapping_json(conn: apsw.Connection, value: str) -> None:
    set_setting(conn, WRAPPING_KEY, value)
