"""Checks of what a ticket refers to (organisation, person, equipment, device, category, users),
so that a bad id is a clear ``TicketInputError`` rather than a foreign-key failure."""

from __future__ import annotations

import apsw

from appliance.domain.permissions import Permission, allowed
from appliance.store.ticket_types import TicketInputError, TicketPermissionError


def _org_of(conn: apsw.Connection, table: str, field: str, row_id: int | None) -> int | None:
    if row_id is None:
        return None
    row = conn.execute(f"SELECT org_id FROM {table} WHERE id = ?", (row_id,)).fetchone()
    if row is None:
        raise TicketInputError("ticket_input.unknown_reference", field=field, value=row_id)
    return int(row[0])


def resolve_org(
    conn: apsw.Connection,
    *,
    org_id: int | None,
    person_id: int | None,
    equipment_id: int | None,
    device_id: int | None,
) -> int | None:
    """The ticket's organisation: the one given, else that of its person, equipment or device.
    They must all agree: a ticket of one client never points at another client's things."""
    if (
        org_id is not None
        and not conn.execute("SELECT 1 FROM organizations WHERE id = ?", (org_id,)).fetchone()
    ):
        raise TicketInputError("ticket_input.unknown_reference", field="org_id", value=org_id)
    found = {
        field: _org_of(conn, table, field, row_id)
        for table, field, row_id in (
            ("persons", "person_id", person_id),
            ("equipment", "equipment_id", equipment_id),
            ("devices", "device_id", device_id),
        )
    }
    for field, owner in found.items():
        if owner is None:
            continue
        if org_id is None:
            org_id = owner
        elif owner != org_id:
            raise TicketInputError("ticket_input.other_org", field=field)
    return org_id


def check_category(conn: apsw.Connection, category_id: int | None) -> None:
    if (
        category_id is not None
        and not conn.execute("SELECT 1 FROM categories WHERE id = ?", (category_id,)).fetchone()
    ):
        raise TicketInputError(
            "ticket_input.unknown_reference", field="category_id", value=category_id
        )


def check_user(conn: apsw.Connection, user_id: int | None, field: str) -> None:
    if (
        user_id is not None
        and not conn.execute("SELECT 1 FROM users WHERE id = ?", (user_id,)).fetchone()
    ):
        raise TicketInputError("ticket_input.unknown_reference", field=field, value=user_id)


def _role(conn: apsw.Connection, user_id: int) -> tuple[str, bool] | None:
    row = conn.execute("SELECT role, active FROM users WHERE id = ?", (user_id,)).fetchone()
    return (str(row[0]), bool(row[1])) if row else None


def check_assignee(conn: apsw.Connection, assignee_id: int | None) -> None:
    """An assignee is an active user who may work tickets (not a manager)."""
    if assignee_id is None:
        return
    found = _role(conn, assignee_id)
    if found is None:
        raise TicketInputError(
            "ticket_input.unknown_reference", field="assignee_id", value=assignee_id
        )
    role, active = found
    if not active or not allowed(role, Permission.WORK_TICKETS):
        raise TicketInputError("ticket_input.bad_assignee")


def check_worker(conn: apsw.Connection, user_id: int) -> str:
    """The role of ``user_id`` if that user may work tickets now; refused otherwise."""
    found = _role(conn, user_id)
    if found is None or not found[1] or not allowed(found[0], Permission.WORK_TICKETS):
        raise TicketPermissionError("workflow.not_permitted")
    return found[0]
