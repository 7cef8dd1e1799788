"""Software licenses of client organisations (table licenses) and whom or what each is assigned
to (license_assignments: people and pieces of equipment). The key is a secret: rows read here say
only whether one is stored; it leaves the store through ``credentials.reveal``."""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from typing import Any

import apsw

from appliance.domain import validation
from appliance.domain.errors import InvalidInput, NotFound
from appliance.store.credentials import check_equipment_of_org
from appliance.store.edits import required_text, update_columns
from appliance.store.equipment import check_person_of_org
from appliance.store.persons import check_org
from appliance.store.rows import fetch_all, fetch_one

EDITABLE = (
    "product",
    "vendor",
    "license_key",
    "seats",
    "seats_used",
    "valid_from",
    "valid_until",
    "notes",
)
_COLUMNS = (
    "l.id AS id, l.org_id AS org_id, l.product AS product, l.seats AS seats,"
    " l.valid_until AS valid_until, l.notes AS notes, l.license_key <> '' AS has_key,"
    " l.vendor AS vendor, l.seats_used AS seats_used, l.valid_from AS valid_from,"
    " l.active AS active,"
    " (SELECT json_group_array(json_array(a.person_id, p.full_name))"
    "  FROM license_assignments AS a JOIN persons AS p ON p.id = a.person_id"
    "  WHERE a.license_id = l.id) AS people,"
    " (SELECT json_group_array(json_array(a.equipment_id, e.name))"
    "  FROM license_assignments AS a JOIN equipment AS e ON e.id = a.equipment_id"
    "  WHERE a.license_id = l.id) AS machines"
)


@dataclass(frozen=True)
class License:
    id: int
    org_id: int
    product: str
    seats: int
    valid_until: date | None  # None: perpetual
    notes: str
    has_key: bool
    vendor: str = ""
    seats_used: int = 0
    valid_from: date | None = None
    active: bool = True
    # Assigned to: (id, name) of people and of equipment, by name.
    people: tuple[tuple[int, str], ...] = ()
    machines: tuple[tuple[int, str], ...] = ()

    @property
    def person_ids(self) -> tuple[int, ...]:
        return tuple(pid for pid, _ in self.people)

    @property
    def equipment_ids(self) -> tuple[int, ...]:
        return tuple(eid for eid, _ in self.machines)

    @classmethod
    def from_row(cls, **row: Any) -> License:
        return cls(
            **{
                **row,
                "valid_until": _stored_day(row["valid_until"]),
                "valid_from": _stored_day(row["valid_from"]),
                "has_key": bool(row["has_key"]),
                "active": bool(row["active"]),
                "people": _pairs(row["people"]),
                "machines": _pairs(row["machines"]),
            }
        )


def _pairs(text: str | None) -> tuple[tuple[int, str], ...]:
    pairs = [(int(i), str(name)) for i, name in json.loads(text or "[]")]
    return tuple(sorted(pairs, key=lambda pair: (pair[1].casefold(), pair[0])))


def _stored_day(text: str | None) -> date | None:
    return date.fromisoformat(text) if text else None


def _checked(values: dict[str, Any]) -> dict[str, Any]:
    out = dict(values)
    if "vendor" in out:
        out["vendor"] = out["vendor"].strip()
    for column in ("seats", "seats_used"):
        if column in out:
            if isinstance(out[column], int) and out[column] < 0:
                raise InvalidInput("clients.error.seats_negative", field=column)
            out[column] = validation.count(out[column], column)
    for column in ("valid_from", "valid_until"):
        if column in out:
            out[column] = validation.day_text(out[column], column)
    return out


def _check_order(values: dict[str, Any]) -> None:
    validation.days_in_order(
        _stored_day(values.get("valid_from")), _stored_day(values.get("valid_until")), "valid_until"
    )


def set_assignments(
    conn: apsw.Connection,
    license_id: int,
    *,
    person_ids: Iterable[int] | None = None,
    equipment_ids: Iterable[int] | None = None,
) -> None:
    """Replace whom (``person_ids``) and/or what (``equipment_ids``) the license is assigned to;
    None leaves that side as it is. Each must belong to the license's organisation."""
    row = conn.execute("SELECT org_id FROM licenses WHERE id = ?", (license_id,)).fetchone()
    if row is None:
        raise NotFound("clients.error.license_missing")
    org_id = int(row[0])
    if person_ids is not None:
        people = list(dict.fromkeys(person_ids))
        for person_id in people:
            check_person_of_org(conn, person_id, org_id)
        conn.execute(
            "DELETE FROM license_assignments WHERE license_id = ? AND person_id IS NOT NULL",
            (license_id,),
        )
        conn.executemany(
            "INSERT INTO license_assignments(license_id, person_id) VALUES (?, ?)",
            [(license_id, pid) for pid in people],
        )
    if equipment_ids is not None:
        machines = list(dict.fromkeys(equipment_ids))
        for equipment_id in machines:
            check_equipment_of_org(conn, equipment_id, org_id)
        conn.execute(
            "DELETE FROM license_assignments WHERE license_id = ? AND equipment_id IS NOT NULL",
            (license_id,),
        )
        conn.executemany(
            "INSERT INTO license_assignments(license_id, equipment_id) VALUES (?, ?)",
            [(license_id, eid) for eid in machines],
        )


def create_license(
    conn: apsw.Connection,
    *,
    org_id: int,
    product: str,
    license_key: str = "",
    seats: int = 1,
    valid_until: date | str | None = None,
    notes: str = "",
    vendor: str = "",
    seats_used: int = 0,
    valid_from: date | str | None = None,
    person_ids: Iterable[int] = (),
    equipment_ids: Iterable[int] = (),
) -> int:
    product = required_text(product, "clients.error.license_product_empty", "product")
    check_org(conn, org_id)
    values = _checked(
        {
            "org_id": org_id,
            "product": product,
            "license_key": license_key.strip(),
            "seats": seats,
            "valid_until": valid_until,
            "notes": notes,
            "vendor": vendor,
            "seats_used": seats_used,
            "valid_from": valid_from,
        }
    )
    _check_order(values)
    conn.execute(
        f"INSERT INTO licenses({', '.join(values)}) VALUES ({', '.join('?' * len(values))})",
        tuple(values.values()),
    )
    license_id = conn.last_insert_rowid()
    set_assignments(conn, license_id, person_ids=person_ids, equipment_ids=equipment_ids)
    return license_id


def update_license(conn: apsw.Connection, license_id: int, **changes: Any) -> None:
    """Change some of ``EDITABLE``; ``person_ids=[...]`` / ``equipment_ids=[...]`` replace the
    assignments."""
    person_ids = changes.pop("person_ids", None)
    equipment_ids = changes.pop("equipment_ids", None)
    if "product" in changes:
        changes["product"] = required_text(
            changes["product"], "clients.error.license_product_empty", "product"
        )
    if "license_key" in changes:
        changes["license_key"] = changes["license_key"].strip()
    changes = _checked(changes)
    current = get_license(conn, license_id)
    if current is not None:
        _check_order(
            {
                "valid_from": changes.get(
                    "valid_from", validation.day_text(current.valid_from, "")
                ),
                "valid_until": changes.get(
                    "valid_until", validation.day_text(current.valid_until, "")
                ),
            }
        )
    update_columns(
        conn,
        "licenses",
        license_id,
        changes,
        editable=EDITABLE,
        missing_key="clients.error.license_missing",
    )
    set_assignments(conn, license_id, person_ids=person_ids, equipment_ids=equipment_ids)


def archive_license(conn: apsw.Connection, license_id: int, *, active: bool = False) -> None:
    """Take a license given up or replaced off the card (``active=True`` brings it back)."""
    update_columns(
        conn,
        "licenses",
        license_id,
        {"active": int(active)},
        editable=("active",),
        missing_key="clients.error.license_missing",
    )


def delete_license(conn: apsw.Connection, license_id: int) -> None:
    """Remove a license for good (admins; others archive it)."""
    if get_license(conn, license_id) is None:
        raise NotFound("clients.error.license_missing")
    conn.execute("DELETE FROM licenses WHERE id = ?", (license_id,))


def get_license(conn: apsw.Connection, license_id: int) -> License | None:
    return fetch_one(
        conn,
        License.from_row,
        f"SELECT {_COLUMNS} FROM licenses AS l WHERE l.id = ?",
        (license_id,),
    )


def list_licenses(
    conn: apsw.Connection, *, org_id: int, include_archived: bool = False
) -> list[License]:
    """The organisation's licenses, the first to run out first (perpetual ones last)."""
    active = "" if include_archived else " AND l.active = 1"
    return fetch_all(
        conn,
        License.from_row,
        f"SELECT {_COLUMNS} FROM licenses AS l WHERE l.org_id = ?{active}"
        " ORDER BY l.valid_until IS NULL, l.valid_until, l.product COLLATE NOCASE, l.id",
        (org_id,),
    )
