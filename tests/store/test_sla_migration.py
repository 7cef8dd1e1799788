"""Migration 0005 on a store with tickets: the history is kept, its triggers still feed live
updates and the client feed, and the new history kind 'sla' is accepted."""

from __future__ import annotations

from pathlib import Path

import apsw
import pytest

from appliance.store.connection import open_connection
from appliance.store.keys import StoreKey
from appliance.store.migrate import apply_migrations, bundled_migrations


def test_history_survives_and_triggers_work(tmp_path: Path, store_key: StoreKey) -> None:
    conn = open_connection(tmp_path / "m.db", store_key)
    before = [m for m in bundled_migrations() if m.version < 5]
    apply_migrations(conn, before)
    at = "2026-03-02T07:00:00.000000Z"
    conn.execute(
        "INSERT INTO tickets(id, number, uuid, source, description, submitted_at, received_at,"
        " updated_at) VALUES (1, 1, 'u-1', 'phone', 'x', ?, ?, ?)",
        (at, at, at),
    )
    conn.execute(
        "INSERT INTO ticket_actions(ticket_id, created_at, kind, text, visibility)"
        " VALUES (1, ?, 'comment', 'before', 'public')",
        (at,),
    )
    apply_migrations(conn)
    assert conn.execute("SELECT kind, text FROM ticket_actions").fetchall() == [
        ("comment", "before")
    ]
    changes = conn.execute("SELECT count(*) FROM ticket_changes").fetchone()[0]
    feed = conn.execute("SELECT count(*) FROM feed_events").fetchone()[0]
    conn.execute(
        "INSERT INTO ticket_actions(ticket_id, created_at, kind, text, visibility)"
        " VALUES (1, ?, 'sla', 'plan', 'internal'), (1, ?, 'comment', 'after', 'public')",
        (at, at),
    )
    assert conn.execute("SELECT count(*) FROM ticket_changes").fetchone()[0] == changes + 2
    assert conn.execute("SELECT count(*) FROM feed_events").fetchone()[0] == feed + 1
    with pytest.raises(apsw.ConstraintError):
        conn.execute(
            "INSERT INTO ticket_actions(ticket_id, created_at, kind) VALUES (1, ?, 'bogus')",
            (at,),
        )
    assert conn.execute("PRAGMA foreign_key_check").fetchall() == []
