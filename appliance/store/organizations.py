"""Client organisations (table organizations): create, update, archive, read, list.

An organisation is never deleted: its tickets, people and devices keep pointing at it. Archiving
(``active = 0``) takes it off the lists.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

import apsw

from appliance.domain.clock import from_db, to_db, utc_now
from appliance.domain.errors import Conflict, InvalidInput
from appliance.store.edits import required_text, update_columns
from appliance.store.rows import fetch_all, fetch_one

EDITABLE = ("name", "short_name", "tax_id", "address", "phone", "email", "notes", "sla_plan_id")
_OPEN = "('new', 'in_progress', 'waiting')"
_COLUMNS = (
    "id, name, short_name, tax_id, address, phone, email, notes, sla_plan_id, active, created_at"
)


@dataclass(frozen=True)
class Organization:
    id: int
    name: str
    short_name: str
    tax_id: str
    address: str
    phone: str
    email: str
    notes: str
    sla_plan_id: int | None
    active: bool
    created_at: datetime

    @classmethod
    def from_row(cls, **row: Any) -> Organization:
        return cls(
            **{**row, "active": bool(row["active"]), "created_at": from_db(row["created_at"])}
        )


@dataclass(frozen=True)
class OrganizationSummary:
    """An active organisation with the counts the clients page shows."""

    id: int
    name: str
    short_name: str
    people: int
    equipment: int
    open_tickets: int


def _check_name(conn: apsw.Connection, name: str, *, other_than: int | None = None) -> str:
    name = required_text(name, "clients.error.org_name_empty")
    taken = conn.execute(
        "SELECT 1 FROM organizations WHERE name = ? AND id IS NOT ?", (name, other_than)
    ).fetchone()
    if taken:
        raise Conflict("clients.error.org_name_taken", name=name)
    return name


def _check_plan(conn: apsw.Connection, plan_id: int | None) -> None:
    if (
        plan_id is not None
        and not conn.execute("SELECT 1 FROM sla_plans WHERE id = ?", (plan_id,)).fetchone()
    ):
        raise InvalidInput("clients.error.plan_unknown")


def create_organization(
    conn: apsw.Connection,
    *,
    name: str,
    short_name: str = "",
    tax_id: str = "",
    address: str = "",
    phone: str = "",
    email: str = "",
    notes: str = "",
    sla_plan_id: int | None = None,
    created_at: datetime | None = None,
) -> int:
    name = _check_name(conn, name)
    _check_plan(conn, sla_plan_id)
    conn.execute(
        "INSERT INTO organizations(name, short_name, tax_id, address, phone, email, notes,"
        " sla_plan_id, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
        (
            name,
            short_name.strip(),
            tax_id.strip(),
            address.strip(),
            phone.strip(),
            email.strip(),
            notes,
            sla_plan_id,
            to_db(created_at or utc_now()),
        ),
    )
    return conn.last_insert_rowid()


def update_organization(conn: apsw.Connection, org_id: int, **changes: Any) -> None:
    """Change some of ``EDITABLE`` (name, contacts, notes, SLA plan) of organisation ``org_id``."""
    if "name" in changes:
        changes["name"] = _check_name(conn, changes["name"], other_than=org_id)
    if "sla_plan_id" in changes:
        _check_plan(conn, changes["sla_plan_id"])
    update_columns(
        conn,
        "organizations",
        org_id,
        changes,
        editable=EDITABLE,
        missing_key="clients.error.org_missing",
    )


def archive_organization(conn: apsw.Connection, org_id: int, *, active: bool = False) -> None:
    """Take the organisation off the lists (``active=True`` brings it back)."""
    update_columns(
        conn,
        "organizations",
        org_id,
        {"active": int(active)},
        editable=("active",),
        missing_key="clients.error.org_missing",
    )


def get_organization(conn: apsw.Connection, org_id: int) -> Organization | None:
    return fetch_one(
        conn,
        Organization.from_row,
        f"SELECT {_COLUMNS} FROM organizations WHERE id = ?",
        (org_id,),
    )


def list_organizations(
    conn: apsw.Connection, *, include_archived: bool = False
) -> list[Organization]:
    where = "" if include_archived else "WHERE active = 1"
    return fetch_all(
        conn,
        Organization.from_row,
        f"SELECT {_COLUMNS} FROM organizations {where} ORDER BY name COLLATE NOCASE, id",
    )


def organization_summaries(conn: apsw.Connection) -> list[OrganizationSummary]:
    """Active organisations with their active people, equipment and open tickets, by name."""
    return fetch_all(
        conn,
        OrganizationSummary,
        "SELECT o.id AS id, o.name AS name, o.short_name AS short_name,"
        " (SELECT count(*) FROM persons AS p WHERE p.org_id = o.id AND p.active = 1) AS people,"
        " (SELECT count(*) FROM equipment AS e WHERE e.org_id = o.id) AS equipment,"
        " (SELECT count(*) FROM tickets AS t WHERE t.org_id = o.id"
        f" AND t.status IN {_OPEN}) AS open_tickets"
        " FROM organizations AS o WHERE o.active = 1 ORDER BY o.name COLLATE NOCASE",
    )
