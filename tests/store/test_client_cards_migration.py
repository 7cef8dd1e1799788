"""Migration 0009 on a store with a client's card: the rows are kept, license owners move to
license_assignments, secrets get their change time, and kind 'mfp' is accepted by this and by
every other open connection (the widened CHECK reaches them through the schema cookie)."""

from __future__ import annotations

from pathlib import Path

import apsw
import pytest

from appliance.store.connection import open_connection
from appliance.store.keys import StoreKey
from appliance.store.migrate import apply_migrations, bundled_migrations

AT = "2026-03-02T07:00:00.000000Z"


def test_the_card_survives_and_mfp_is_accepted(tmp_path: Path, store_key: StoreKey) -> None:
    conn = open_connection(tmp_path / "m.db", store_key)
    apply_migrations(conn, [m for m in bundled_migrations() if m.version < 9])
    conn.execute(
        "INSERT INTO organizations(id, name, created_at) VALUES (1, 'Org', ?);"
        "INSERT INTO persons(id, org_id, full_name, created_at) VALUES (1, 1, 'Anna', ?);"
        "INSERT INTO equipment(id, org_id, kind, name, created_at) VALUES (1, 1, 'nas', 'NAS', ?);"
        "INSERT INTO credentials(id, org_id, equipment_id, title, secret, updated_at)"
        " VALUES (1, 1, 1, 'NAS admin', 's3cret', ?);"
        "INSERT INTO licenses(id, org_id, product, person_id) VALUES (1, 1, 'Office', 1);"
        "INSERT INTO licenses(id, org_id, product, equipment_id) VALUES (2, 1, 'Veeam', 1);",
        (AT, AT, AT, AT),
    )
    other = open_connection(tmp_path / "m.db", store_key)
    other.execute("SELECT count(*) FROM equipment").fetchall()  # its schema is the old one
    with pytest.raises(apsw.ConstraintError):
        other.execute(
            "INSERT INTO equipment(org_id, kind, name, created_at) VALUES (1, 'mfp', 'x', ?)",
            (AT,),
        )

    apply_migrations(conn)

    assert conn.execute(
        "SELECT credentials.equipment_id, secret_changed_at, active FROM credentials"
    ).fetchall() == [(1, AT, 1)]
    assert conn.execute(
        "SELECT license_id, person_id, equipment_id FROM license_assignments ORDER BY license_id"
    ).fetchall() == [(1, 1, None), (2, None, 1)]
    for connection in (conn, other):
        connection.execute(
            "INSERT INTO equipment(org_id, kind, name, created_at) VALUES (1, 'mfp', 'MFP', ?)",
            (AT,),
        )
        with pytest.raises(apsw.ConstraintError):
            connection.execute(
                "INSERT INTO equipment(org_id, kind, name, created_at)"
                " VALUES (1, 'toaster', 't', ?)",
                (AT,),
            )
    assert conn.execute("SELECT count(*) FROM equipment WHERE kind = 'mfp'").fetchone()[0] == 2
    assert conn.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
    assert conn.execute("PRAGMA foreign_key_check").fetchall() == []
