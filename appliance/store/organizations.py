"""Client organisations (table organizations): create, update, archive, read, list.

An organisation is never deleted: its tickets, people and devices keep pointing at it. Archiving
(``active = 0``) takes it off the lists.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from typing import Any

import apsw

from appliance.domain import validation
from appliance.domain.clock import from_db, to_db, utc_now
from appliance.domain.errors import Conflict, InvalidInput, NotFound
from appliance.store.edits import required_text, update_columns
from appliance.store.rows import fetch_all, fetch_one

EDITABLE = (
    "name",
    "short_name",
    "tax_id",
    "address",
    "phone",
    "email",
    "notes",
    "sla_plan_id",
    "contact_name",
    "contract",
    "subnets",
    "gateway",
    "dns_servers",
    "isp",
    "external_ip",
)
_OPEN = "('new', 'in_progress', 'waiting')"
_COLUMNS = (
    "id, name, short_name, tax_id, address, phone, email, notes, sla_plan_id, active, created_at,"
    " contact_name, contract, subnets, gateway, dns_servers, isp, external_ip"
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
    contact_name: str = ""
    contract: str = ""
    subnets: str = ""  # CIDRs, one a line
    gateway: str = ""
    dns_servers: str = ""  # IPs, one a line
    isp: str = ""
    external_ip: str = ""

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
    active: bool = True
    sla_plan: str | None = None


def _check_name(conn: apsw.Connection, name: str, *, other_than: int | None = None) -> str:
    name = required_text(name, "clients.error.org_name_empty", "name")
    taken = conn.execute(
        "SELECT 1 FROM organizations WHERE name = ? AND id IS NOT ?", (name, other_than)
    ).fetchone()
    if taken:
        raise Conflict("clients.error.org_name_taken", name=name, field="name")
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
    contact_name: str = "",
    contract: str = "",
    subnets: str = "",
    gateway: str = "",
    dns_servers: str = "",
    isp: str = "",
    external_ip: str = "",
    created_at: datetime | None = None,
) -> int:
    name = _check_name(conn, name)
    _check_plan(conn, sla_plan_id)
    values = _checked(
        {
            "short_name": short_name,
            "tax_id": tax_id,
            "address": address,
            "phone": phone,
            "email": email,
            "notes": notes,
            "contact_name": contact_name,
            "contract": contract,
            "subnets": subnets,
            "gateway": gateway,
            "dns_servers": dns_servers,
            "isp": isp,
            "external_ip": external_ip,
        }
    )
    columns = ", ".join(values)
    conn.execute(
        f"INSERT INTO organizations(name, sla_plan_id, created_at, {columns})"
        f" VALUES (?, ?, ?, {', '.join('?' * len(values))})",
        (name, sla_plan_id, to_db(created_at or utc_now()), *values.values()),
    )
    return conn.last_insert_rowid()


# Text fields with a format, and how each is checked and normalised (the rest is stripped).
_FORMATS: dict[str, Callable[[str, str], str]] = {
    "phone": validation.phone,
    "email": validation.email,
    "subnets": validation.cidr_list,
    "gateway": validation.ip,
    "dns_servers": validation.ip_list,
    "external_ip": validation.ip,
}


def _checked(values: dict[str, Any]) -> dict[str, Any]:
    """``values`` with formatted fields checked and the others stripped (notes kept as typed)."""
    out: dict[str, Any] = {}
    for column, value in values.items():
        if column in _FORMATS:
            out[column] = _FORMATS[column](value, column)
        elif isinstance(value, str) and column != "notes":
            out[column] = value.strip()
        else:
            out[column] = value
    return out


def update_organization(conn: apsw.Connection, org_id: int, **changes: Any) -> None:
    """Change some of ``EDITABLE`` (name, contacts, notes, SLA plan) of organisation ``org_id``."""
    if "name" in changes:
        changes["name"] = _check_name(conn, changes["name"], other_than=org_id)
    if "sla_plan_id" in changes:
        _check_plan(conn, changes["sla_plan_id"])
    changes = _checked(changes)
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


def organization_summaries(
    conn: apsw.Connection, *, include_archived: bool = False, search: str = ""
) -> list[OrganizationSummary]:
    """Organisations (active ones, or all) with their active people and equipment, open tickets
    and SLA plan, by name; ``search`` narrows to names, short names and tax ids containing it."""
    where = ["1 = 1" if include_archived else "o.active = 1"]
    params: list[Any] = []
    if search.strip():
        where.append(
            "(instr(tk_fold(o.name), ?) OR instr(tk_fold(o.short_name), ?) OR instr(o.tax_id, ?))"
        )
        folded = search.strip().casefold()
        params += [folded, folded, search.strip()]
    return fetch_all(
        conn,
        OrganizationSummary,
        "SELECT o.id AS id, o.name AS name, o.short_name AS short_name,"
        " (SELECT count(*) FROM persons AS p WHERE p.org_id = o.id AND p.active = 1) AS people,"
        " (SELECT count(*) FROM equipment AS e WHERE e.org_id = o.id AND e.active = 1)"
        " AS equipment,"
        " (SELECT count(*) FROM tickets AS t WHERE t.org_id = o.id"
        f" AND t.status IN {_OPEN}) AS open_tickets, o.active AS active,"
        " (SELECT s.name FROM sla_plans AS s WHERE s.id = o.sla_plan_id) AS sla_plan"
        f" FROM organizations AS o WHERE {' AND '.join(where)}"
        " ORDER BY o.name COLLATE NOCASE, o.id",
        params,
    )


# What keeps an organisation from being deleted: history the help desk must keep.
_KEEPERS = ("tickets", "devices", "blob_owners")


def delete_organization(conn: apsw.Connection, org_id: int) -> None:
    """Remove an organisation created by mistake, with its card (people, equipment, credentials,
    licenses). Refused (``Conflict``) once it has tickets or enrolled devices: archive it then."""
    if get_organization(conn, org_id) is None:
        raise NotFound("clients.error.org_missing")
    for table in _KEEPERS:
        if conn.execute(f"SELECT 1 FROM {table} WHERE org_id = ? LIMIT 1", (org_id,)).fetchone():
            raise Conflict("cards.error.org_has_history")
    for table in ("credentials", "licenses", "enrollment_codes"):
        conn.execute(f"DELETE FROM {table} WHERE org_id = ?", (org_id,))
    conn.execute("UPDATE persons SET workstation_id = NULL WHERE org_id = ?", (org_id,))
    conn.execute("DELETE FROM equipment WHERE org_id = ?", (org_id,))
    conn.execute("DELETE FROM persons WHERE org_id = ?", (org_id,))
    conn.execute("DELETE FROM organizations WHERE id = ?", (org_id,))
