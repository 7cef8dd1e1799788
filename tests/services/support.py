"""Accounts of every role (and a disabled technician) and audit reading for service tests."""

from __future__ import annotations

from typing import Any

import apsw

from appliance.services.actor import Actor
from appliance.store import Store
from appliance.store.users import create_user, set_active


def make_accounts(store: Store) -> dict[str, Actor]:
    def build(conn: apsw.Connection) -> dict[str, Actor]:
        actors = {
            role: Actor.user(create_user(conn, login=role, password_hash="x", role=role))
            for role in ("admin", "technician", "manager")
        }
        gone = create_user(conn, login="gone", password_hash="x", role="admin")
        set_active(conn, gone, False)
        actors["disabled"] = Actor.user(gone)
        return actors

    return store.write_sync(build)


def audit_rows(store: Store) -> list[tuple[Any, ...]]:
    return store.read_sync(
        lambda c: c.execute(
            "SELECT user_id, action, object_type, object_id, detail FROM audit_log ORDER BY id"
        ).fetchall()
    )
