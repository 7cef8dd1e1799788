"""Client equipment (table equipment): computers, network gear, printers, each of one kind.

Equipment is archived (``active = 0``) rather than deleted once tickets point at it; an admin
may delete a row entered by mistake.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

import apsw

from appliance.domain import validation
from appliance.domain.clock import from_db, to_db, utc_now
from appliance.domain.errors import Conflict, InvalidInput, NotFound
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
    "mfp",
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
    "os",
    "purchase_date",
    "warranty_until",
)
# Network gear: what the Network tab and the ticket screen's network list show.
NETWORK_KINDS = ("router", "switch", "firewall", "access_point")
# Computers a person works at: what a request from an enrolled PC is matched to.
COMPUTER_KINDS = ("workstation", "laptop", "server")
_COLUMNS = (
    "id, org_id, kind, name, hostname, model, serial, ip, mac, location, person_id, notes,"
    " created_at, os, purchase_date, warranty_until, active,"
    " (SELECT p.full_name FROM persons AS p WHERE p.id = equipment.person_id) AS person_name"
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
    os: str = ""
    purchase_date: date | None = None
    warranty_until: date | None = None
    active: bool = True
    person_name: str | None = None

    @classmethod
    def from_row(cls, **row: Any) -> Equipment:
        return cls(
            **{
                **row,
                "created_at": from_db(row["created_at"]),
                "purchase_date": _stored_day(row["purchase_date"]),
                "warranty_until": _stored_day(row["warranty_until"]),
                "active": bool(row["active"]),
            }
        )


def _stored_day(text: str | None) -> date | None:
    return date.fromisoformat(text) if text else None


def _check_kind(kind: str) -> str:
    if kind not in KINDS:
        raise InvalidInput("clients.error.equipment_kind_unknown", kind=kind, field="kind")
    return kind


def _checked(values: dict[str, Any]) -> dict[str, Any]:
    """Formatted fields checked and normalised, text fields stripped (notes kept as typed)."""
    out = dict(values)
    for column in ("model", "serial", "location", "os"):
        if column in out:
            out[column] = out[column].strip()
    if "hostname" in out:
        out["hostname"] = validation.hostname(out["hostname"], "hostname")
    if "ip" in out:
        out["ip"] = validation.ip(out["ip"], "ip")
    if "mac" in out:
        out["mac"] = validation.mac(out["mac"], "mac")
    for column in ("purchase_date", "warranty_until"):
        if column in out:
            out[column] = validation.day_text(out[column], column)
    return out


def check_person_of_org(conn: apsw.Connection, person_id: int | None, org_id: int) -> None:
    """``InvalidInput`` unless ``person_id`` is None or a person of organisation ``org_id``."""
    if (
        person_id is not None
        and not conn.execute(
            "SELECT 1 FROM persons WHERE id = ? AND org_id = ?", (person_id, org_id)
        ).fetchone()
    ):
        raise InvalidInput("clients.error.person_not_of_org", field="person_id")


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
    os: str = "",
    purchase_date: date | str | None = None,
    warranty_until: date | str | None = None,
    created_at: datetime | None = None,
) -> int:
    name = required_text(name, "clients.error.equipment_name_empty", "name")
    check_org(conn, org_id)
    check_person_of_org(conn, person_id, org_id)
    values = _checked(
        {
            "org_id": org_id,
            "kind": _check_kind(kind),
            "name": name,
            "hostname": hostname,
            "model": model,
            "serial": serial,
            "ip": ip,
            "mac": mac,
            "location": location,
            "person_id": person_id,
            "notes": notes,
            "os": os,
            "purchase_date": purchase_date,
            "warranty_until": warranty_until,
            "created_at": to_db(created_at or utc_now()),
        }
    )
    validation.days_in_order(
        _stored_day(values["purchase_date"]),
        _stored_day(values["warranty_until"]),
        "warranty_until",
    )
    conn.execute(
        f"INSERT INTO equipment({', '.join(values)}) VALUES ({', '.join('?' * len(values))})",
        tuple(values.values()),
    )
    return conn.last_insert_rowid()


def update_equipment(conn: apsw.Connection, equipment_id: int, **changes: Any) -> None:
    if "name" in changes:
        changes["name"] = required_text(
            changes["name"], "clients.error.equipment_name_empty", "name"
        )
    if "kind" in changes:
        _check_kind(changes["kind"])
    changes = _checked(changes)
    current = get_equipment(conn, equipment_id)
    if current is not None:
        if changes.get("person_id") is not None:
            check_person_of_org(conn, changes["person_id"], current.org_id)
        purchase = changes.get("purchase_date", validation.day_text(current.purchase_date, ""))
        until = changes.get("warranty_until", validation.day_text(current.warranty_until, ""))
        validation.days_in_order(_stored_day(purchase), _stored_day(until), "warranty_until")
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


def list_equipment(
    conn: apsw.Connection,
    *,
    org_id: int,
    include_archived: bool = False,
    kinds: tuple[str, ...] = (),
) -> list[Equipment]:
    """The organisation's equipment (active only, unless asked), by kind and name; ``kinds``
    narrows to those kinds."""
    where = "org_id = ?" + ("" if include_archived else " AND active = 1")
    params: list[Any] = [org_id]
    if kinds:
        where += f" AND kind IN ({', '.join('?' * len(kinds))})"
        params += list(kinds)
    return fetch_all(
        conn,
        Equipment.from_row,
        f"SELECT {_COLUMNS} FROM equipment WHERE {where} ORDER BY kind, name COLLATE NOCASE, id",
        params,
    )


def archive_equipment(conn: apsw.Connection, equipment_id: int, *, active: bool = False) -> None:
    """Take the equipment off the card (``active=True`` brings it back)."""
    update_columns(
        conn,
        "equipment",
        equipment_id,
        {"active": int(active)},
        editable=("active",),
        missing_key="clients.error.equipment_missing",
    )


def delete_equipment(conn: apsw.Connection, equipment_id: int) -> None:
    """Remove equipment entered by mistake. Refused (``Conflict``) once tickets name it: archive
    it then, so the history keeps it."""
    if get_equipment(conn, equipment_id) is None:
        raise NotFound("clients.error.equipment_missing")
    if conn.execute(
        "SELECT 1 FROM tickets WHERE equipment_id = ? LIMIT 1", (equipment_id,)
    ).fetchone():
        raise Conflict("cards.error.equipment_has_tickets")
    conn.execute("DELETE FROM equipment WHERE id = ?", (equipment_id,))
