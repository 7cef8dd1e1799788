"""People of client organisations (table persons) with their OS logins (person_logins), which
match a client's request to the person who sent it."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime
from typing import Any

import apsw

from appliance.domain import validation
from appliance.domain.clock import from_db, to_db, utc_now
from appliance.domain.errors import Conflict, InvalidInput, NotFound
from appliance.store.edits import required_text, update_columns
from appliance.store.rows import fetch_all

EDITABLE = ("full_name", "position", "phone", "email", "notes", "workstation_id", "key_person")


@dataclass(frozen=True)
class Person:
    id: int
    org_id: int
    full_name: str
    position: str
    phone: str
    email: str
    notes: str
    active: bool
    created_at: datetime
    logins: tuple[str, ...]
    workstation_id: int | None = None
    workstation_name: str | None = None
    key_person: bool = False

    @classmethod
    def from_row(cls, **row: Any) -> Person:
        logins = tuple(sorted(row["logins"].split("\n"))) if row["logins"] else ()
        return cls(
            **{
                **row,
                "active": bool(row["active"]),
                "key_person": bool(row["key_person"]),
                "created_at": from_db(row["created_at"]),
                "logins": logins,
            }
        )


def check_org(conn: apsw.Connection, org_id: int) -> None:
    """``InvalidInput`` unless organisation ``org_id`` exists (rows of other aggregates)."""
    if not conn.execute("SELECT 1 FROM organizations WHERE id = ?", (org_id,)).fetchone():
        raise InvalidInput("clients.error.org_unknown")


def _check_workstation(conn: apsw.Connection, equipment_id: int | None, org_id: int) -> None:
    if (
        equipment_id is not None
        and not conn.execute(
            "SELECT 1 FROM equipment WHERE id = ? AND org_id = ?", (equipment_id, org_id)
        ).fetchone()
    ):
        raise InvalidInput("clients.error.equipment_not_of_org", field="workstation_id")


def clean_logins(logins: Iterable[str]) -> list[str]:
    # person_logins compares logins without case: "Ivanov" and "ivanov" are one login.
    seen: dict[str, str] = {}
    for login in logins:
        text = login.strip()
        if text and text.casefold() not in seen:
            seen[text.casefold()] = text
    return list(seen.values())


def create_person(
    conn: apsw.Connection,
    *,
    org_id: int,
    full_name: str,
    position: str = "",
    phone: str = "",
    email: str = "",
    notes: str = "",
    logins: Iterable[str] = (),
    workstation_id: int | None = None,
    key_person: bool = False,
    created_at: datetime | None = None,
) -> int:
    full_name = required_text(full_name, "clients.error.person_name_empty", "full_name")
    check_org(conn, org_id)
    _check_workstation(conn, workstation_id, org_id)
    conn.execute(
        "INSERT INTO persons(org_id, full_name, position, phone, email, notes, workstation_id,"
        " key_person, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
        (
            org_id,
            full_name,
            position.strip(),
            validation.phone(phone, "phone"),
            validation.email(email, "email"),
            notes,
            workstation_id,
            int(bool(key_person)),
            to_db(created_at or utc_now()),
        ),
    )
    person_id = conn.last_insert_rowid()
    set_logins(conn, person_id, logins)
    return person_id


def set_logins(conn: apsw.Connection, person_id: int, logins: Iterable[str]) -> None:
    """Replace the person's OS logins."""
    conn.execute("DELETE FROM person_logins WHERE person_id = ?", (person_id,))
    conn.executemany(
        "INSERT INTO person_logins(person_id, login) VALUES (?, ?)",
        [(person_id, login) for login in clean_logins(logins)],
    )


def update_person(conn: apsw.Connection, person_id: int, **changes: Any) -> None:
    """Change some of ``EDITABLE``; ``logins=[...]`` replaces the OS logins."""
    logins = changes.pop("logins", None)
    if "full_name" in changes:
        changes["full_name"] = required_text(
            changes["full_name"], "clients.error.person_name_empty", "full_name"
        )
    if "phone" in changes:
        changes["phone"] = validation.phone(changes["phone"], "phone")
    if "email" in changes:
        changes["email"] = validation.email(changes["email"], "email")
    if "key_person" in changes:
        changes["key_person"] = int(bool(changes["key_person"]))
    if changes.get("workstation_id") is not None:
        org = conn.execute("SELECT org_id FROM persons WHERE id = ?", (person_id,)).fetchone()
        if org is not None:
            _check_workstation(conn, changes["workstation_id"], int(org[0]))
    update_columns(
        conn,
        "persons",
        person_id,
        changes,
        editable=EDITABLE,
        missing_key="clients.error.person_missing",
    )
    if logins is not None:
        set_logins(conn, person_id, logins)


def archive_person(conn: apsw.Connection, person_id: int, *, active: bool = False) -> None:
    update_columns(
        conn,
        "persons",
        person_id,
        {"active": int(active)},
        editable=("active",),
        missing_key="clients.error.person_missing",
    )


_SELECT = (
    "SELECT p.id AS id, p.org_id AS org_id, p.full_name AS full_name, p.position AS position,"
    " p.phone AS phone, p.email AS email, p.notes AS notes, p.active AS active,"
    " p.created_at AS created_at, p.workstation_id AS workstation_id,"
    " (SELECT e.name FROM equipment AS e WHERE e.id = p.workstation_id) AS workstation_name,"
    " p.key_person AS key_person,"
    " (SELECT group_concat(l.login, char(10)) FROM person_logins AS l"
    "  WHERE l.person_id = p.id) AS logins"
    " FROM persons AS p"
)


def get_person(conn: apsw.Connection, person_id: int) -> Person | None:
    found = fetch_all(conn, Person.from_row, f"{_SELECT} WHERE p.id = ?", (person_id,))
    return found[0] if found else None


def list_persons(
    conn: apsw.Connection, *, org_id: int, include_archived: bool = False
) -> list[Person]:
    active = "" if include_archived else " AND p.active = 1"
    return fetch_all(
        conn,
        Person.from_row,
        f"{_SELECT} WHERE p.org_id = ?{active} ORDER BY p.full_name COLLATE NOCASE, p.id",
        (org_id,),
    )


def delete_person(conn: apsw.Connection, person_id: int) -> None:
    """Remove a person entered by mistake. Refused (``Conflict``) once tickets name them:
    archive them then, so the history keeps its names."""
    if get_person(conn, person_id) is None:
        raise NotFound("clients.error.person_missing")
    if conn.execute("SELECT 1 FROM tickets WHERE person_id = ? LIMIT 1", (person_id,)).fetchone():
        raise Conflict("cards.error.person_has_tickets")
    conn.execute("UPDATE equipment SET person_id = NULL WHERE person_id = ?", (person_id,))
    conn.execute("DELETE FROM persons WHERE id = ?", (person_id,))
