"""What ``tiketnitsa doctor`` reads from the store: the last good backup and the clients'
recent submissions (their clock against the appliance's)."""

from __future__ import annotations

from dataclasses import dataclass

import apsw

from appliance.store.rows import fetch_all, fetch_one


@dataclass(frozen=True)
class LastBackup:
    started_at: str
    file_name: str
    folder: str


@dataclass(frozen=True)
class ClientSubmission:
    device_id: int
    hostname: str
    submitted_at: str
    received_at: str


def last_successful_backup(conn: apsw.Connection) -> LastBackup | None:
    return fetch_one(
        conn,
        LastBackup,
        "SELECT started_at, file_name, folder FROM backup_runs WHERE result = 'ok'"
        " ORDER BY started_at DESC, id DESC LIMIT 1",
    )


def recent_client_submissions(
    conn: apsw.Connection, *, since: str, limit: int = 5000
) -> list[ClientSubmission]:
    """Requests that came from LiveViewer machines since ``since``, newest first."""
    return fetch_all(
        conn,
        ClientSubmission,
        "SELECT t.device_id AS device_id, d.hostname AS hostname,"
        " t.submitted_at AS submitted_at, t.received_at AS received_at"
        " FROM tickets t JOIN devices d ON d.id = t.device_id"
        " WHERE t.source = 'client' AND t.received_at >= ?"
        " ORDER BY t.received_at DESC LIMIT ?",
        (since, limit),
    )
