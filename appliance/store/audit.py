"""The audit log: who did what sensitive thing, when. Never holds a secret itself."""

from __future__ import annotations

from dataclasses import dataclass

import apsw

from appliance.domain.clock import now_db
from appliance.store.rows import fetch_all


def record(
    conn: apsw.Connection,
    *,
    user_id: int | None,
    action: str,
    object_type: str = "",
    object_id: int | None = None,
    detail: str = "",
    remote_addr: str = "",
) -> int:
    conn.execute(
        "INSERT INTO audit_log(at, user_id, action, object_type, object_id, detail, remote_addr)"
        " VALUES (?, ?, ?, ?, ?, ?, ?)",
        (now_db(), user_id, action, object_type, object_id, detail, remote_addr),
    )
    return conn.last_insert_rowid()


# -- reading (Settings -> Audit log) -----------------------------------------------------------
#
# Append-only: this module has no update or delete, and migration 0006 makes the database
# refuse both.

# Actions that hand a secret to a person: the audit page makes them stand out.
REVEAL_ACTIONS = ("credential.reveal", "credential.copy", "license.reveal", "license.copy")


@dataclass(frozen=True)
class AuditEntry:
    id: int
    at: str
    user_id: int | None
    user_login: str | None
    action: str
    object_type: str
    object_id: int | None
    detail: str
    remote_addr: str


@dataclass(frozen=True)
class AuditFilter:
    """Every field optional; times are stored UTC text (``since`` inclusive, ``until``
    exclusive)."""

    user_id: int | None = None
    action: str | None = None
    object_type: str | None = None
    object_id: int | None = None
    since: str | None = None
    until: str | None = None


def _where(wanted: AuditFilter) -> tuple[str, list[object]]:
    clauses: list[str] = []
    args: list[object] = []
    for column, value in (
        ("a.user_id", wanted.user_id),
        ("a.action", wanted.action),
        ("a.object_type", wanted.object_type),
        ("a.object_id", wanted.object_id),
    ):
        if value is not None:
            clauses.append(f"{column} = ?")
            args.append(value)
    if wanted.since is not None:
        clauses.append("a.at >= ?")
        args.append(wanted.since)
    if wanted.until is not None:
        clauses.append("a.at < ?")
        args.append(wanted.until)
    return (" WHERE " + " AND ".join(clauses) if clauses else ""), args


_ENTRY = (
    "SELECT a.id, a.at, a.user_id, u.login AS user_login, a.action, a.object_type,"
    " a.object_id, a.detail, a.remote_addr FROM audit_log AS a"
    " LEFT JOIN users AS u ON u.id = a.user_id"
)


def entries(
    conn: apsw.Connection, wanted: AuditFilter, *, limit: int, offset: int = 0
) -> list[AuditEntry]:
    """Newest first."""
    where, args = _where(wanted)
    return fetch_all(
        conn,
        AuditEntry,
        f"{_ENTRY}{where} ORDER BY a.at DESC, a.id DESC LIMIT ? OFFSET ?",
        (*args, limit, offset),
    )


def count(conn: apsw.Connection, wanted: AuditFilter) -> int:
    where, args = _where(wanted)
    return int(conn.execute(f"SELECT count(*) FROM audit_log AS a{where}", args).get or 0)


def actions(conn: apsw.Connection) -> list[str]:
    return [row[0] for row in conn.execute("SELECT DISTINCT action FROM audit_log ORDER BY 1")]


def object_types(conn: apsw.Connection) -> list[str]:
    return [
        row[0]
        for row in conn.execute(
            "SELECT DISTINCT object_type FROM audit_log WHERE object_type != '' ORDER BY 1"
        )
    ]
