"""Client equipment (table equipment): computers, network gear, printers, each of one kind.

Equipment has no archived state in the schema; tickets keep pointing at it, so it stays.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

import apsw

from appliance.domain.clock import from_db, to_db, utc_now
from appliance.domain.errors import InvalidInput
from appliance.store.edits import required_text, update_columns
from appliance.store.persons import check_org
from appliance.store.rows import fetch_all, fetch_one

KINDS = (
    "workstation",
    "laptop",
    "server",
    "router",
    "switch",
    "firewall",
    "access_point",
    "printer",
    "nas",
    "ups",
    "phone",
    "other",
)
EDITABLE = (
    "kind",
    "name",
    "hostname",
    "model",
    "serial",
    "ip",
    "mac",
    "location",
    "person_id",
    "notes",
)
_COLUMNS = (
    "id, org_id, kind, name, hostname, model, serial, ip, mac, location, person_id, notes,"
    " created_at"
)


@dataclass(frozen=True)
class Equipment:
    id: int
    org_id: int
    kind: str
    name: str
    hostname: str
    model: str
    serial: str
    ip: str
    mac: str
    location: str
    person_id: int | None
    notes: str
    created_at: datetime

    @classmethod
    def from_row(cls, **row: Any) -> Equipment:
        return cls(**{**row, "created_at": from_db(row["created_at"])})


def _check_kind(kind: str) -> str:
    if kind not in KINDS:
        raise InvalidInput("clients.error.equipment_kind_unknown", kind=kind)
    return kind


def check_person_of_org(conn: apsw.Connection, person_id: int | None, org_id: int) -> None:
    """``InvalidInput`` unless ``person_id`` is None or a person of organisation ``org_id``."""
    if (
        person_id is not None
        and not conn.execute(
            "SELECT 1 FROM persons WHERE id = ? AND org_id = ?", (person_id, org_id)
        ).fetchone()
    ):
        raise InvalidInput("clients.error.person_not_of_org")


def create_equipment(
    conn: apsw.Connection,
    *,
    org_id: int,
    kind: str,
    name: str,
    hostname: str = "",
    model: str = "",
    serial: str = "",
    ip: str = "",
    mac: str = "",
    location: str = "",
    person_id: int | None = None,
    notes: str = "",
    created_at: datetime | None = None,
) -> int:
    name = required_text(name, "clients.error.equipment_name_empty")
    check_org(conn, org_id)
    check_person_of_org(conn, person_id, org_id)
    conn.execute(
        "INSERT INTO equipment(org_id, kind, name, hostname, model, serial, ip, mac, location,"
        " person_id, notes, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        (
            org_id,
            _check_kind(kind),
            name,
            hostname.strip(),
            model.strip(),
            serial.strip(),
            ip.strip(),
            mac.strip(),
            location.strip(),
            person_id,
            notes,
            to_db(created_at or utc_now()),
        ),
    )
    return conn.last_insert_rowid()


def update_equipment(conn: apsw.Connection, equipment_id: int, **changes: Any) -> None:
    if "name" in changes:
        changes["name"] = required_text(changes["name"], "clients.error.equipment_name_empty")
    if "kind" in changes:
        _check_kind(changes["kind"])
    if changes.get("person_id") is not None:
        current = get_equipment(conn, equipment_id)
        if current is not None:
            check_person_of_org(conn, changes["person_id"], current.org_id)
    update_columns(
        conn,
        "equipment",
        equipment_id,
        changes,
        editable=EDITABLE,
        missing_key="clients.error.equipment_missing",
    )


def get_equipment(conn: apsw.Connection, equipment_id: int) -> Equipment | None:
    return fetch_one(
        conn, Equipment.from_row, f"SELECT {_COLUMNS} FROM equipment WHERE id = ?", (equipment_id,)
    )


def list_equipment(conn: apsw.Connection, *, org_id: int) -> list[Equipment]:
    return fetch_all(
        conn,
        Equipment.from_row,
        f"SELECT {_COLUMNS} FROM equipment WHERE org_id = ? ORDER BY kind, name COLLATE NOCASE, id",
        (org_id,),
    )
