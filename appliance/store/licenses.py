"""Software licenses of client organisations (table licenses). The key is a secret: rows read
here say only whether one is stored; it leaves the store through ``credentials.reveal``."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

import apsw

from appliance.domain.errors import InvalidInput, NotFound
from appliance.store.credentials import check_equipment_of_org
from appliance.store.edits import required_text, update_columns
from appliance.store.equipment import check_person_of_org
from appliance.store.persons import check_org
from appliance.store.rows import fetch_all, fetch_one

EDITABLE = (
    "product",
    "license_key",
    "seats",
    "valid_until",
    "person_id",
    "equipment_id",
    "notes",
)
_COLUMNS = (
    "id, org_id, product, seats, valid_until, person_id, equipment_id, notes,"
    " license_key <> '' AS has_key"
)


@dataclass(frozen=True)
class License:
    id: int
    org_id: int
    product: str
    seats: int
    valid_until: date | None  # None: perpetual
    person_id: int | None
    equipment_id: int | None
    notes: str
    has_key: bool

    @classmethod
    def from_row(cls, **row: Any) -> License:
        until = row["valid_until"]
        return cls(
            **{
                **row,
                "valid_until": date.fromisoformat(until) if until else None,
                "has_key": bool(row["has_key"]),
            }
        )


def _seats(seats: int) -> int:
    if seats < 0:
        raise InvalidInput("clients.error.seats_negative")
    return seats


def _day(value: date | None) -> str | None:
    return value.isoformat() if value is not None else None


def create_license(
    conn: apsw.Connection,
    *,
    org_id: int,
    product: str,
    license_key: str = "",
    seats: int = 1,
    valid_until: date | None = None,
    person_id: int | None = None,
    equipment_id: int | None = None,
    notes: str = "",
) -> int:
    product = required_text(product, "clients.error.license_product_empty")
    check_org(conn, org_id)
    check_person_of_org(conn, person_id, org_id)
    check_equipment_of_org(conn, equipment_id, org_id)
    conn.execute(
        "INSERT INTO licenses(org_id, product, license_key, seats, valid_until, person_id,"
        " equipment_id, notes) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
        (
            org_id,
            product,
            license_key,
            _seats(seats),
            _day(valid_until),
            person_id,
            equipment_id,
            notes,
        ),
    )
    return conn.last_insert_rowid()


def update_license(conn: apsw.Connection, license_id: int, **changes: Any) -> None:
    if "product" in changes:
        changes["product"] = required_text(
            changes["product"], "clients.error.license_product_empty"
        )
    if "seats" in changes:
        _seats(changes["seats"])
    if "valid_until" in changes:
        changes["valid_until"] = _day(changes["valid_until"])
    current = get_license(conn, license_id)
    if current is not None:
        check_person_of_org(conn, changes.get("person_id"), current.org_id)
        check_equipment_of_org(conn, changes.get("equipment_id"), current.org_id)
    update_columns(
        conn,
        "licenses",
        license_id,
        changes,
        editable=EDITABLE,
        missing_key="clients.error.license_missing",
    )


def delete_license(conn: apsw.Connection, license_id: int) -> None:
    """Licenses have no archived state: one given up or replaced is removed."""
    if get_license(conn, license_id) is None:
        raise NotFound("clients.error.license_missing")
    conn.execute("DELETE FROM licenses WHERE id = ?", (license_id,))


def get_license(conn: apsw.Connection, license_id: int) -> License | None:
    return fetch_one(
        conn, License.from_row, f"SELECT {_COLUMNS} FROM licenses WHERE id = ?", (license_id,)
    )


def list_licenses(conn: apsw.Connection, *, org_id: int) -> list[License]:
    """The organisation's licenses, the first to run out first (perpetual ones last)."""
    return fetch_all(
        conn,
        License.from_row,
        f"SELECT {_COLUMNS} FROM licenses WHERE org_id = ?"
        " ORDER BY valid_until IS NULL, valid_until, product COLLATE NOCASE, id",
        (org_id,),
    )
