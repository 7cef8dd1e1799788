"""The audit log: who did what sensitive thing, when. Never holds a secret itself."""

from __future__ import annotations

import apsw

from appliance.domain.clock import now_db


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
