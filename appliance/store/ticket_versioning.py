"""What every change of a ticket does alike: read the ticket as of the version the user saw,
write the changed columns with a new version, and record the change in the ticket's history."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

import apsw

from appliance.domain.clock import to_db, utc_now
from appliance.domain.sla import BusinessCalendar, SlaClock
from appliance.domain.workflow import is_read_only
from appliance.store.rows import fetch_one
from appliance.store.sla import SlaPlan, load_plan
from appliance.store.ticket_types import (
    StaleTicketError,
    TicketInputError,
    TicketNotFoundError,
    TicketReadOnlyError,
    take_sla_clock,
)


@dataclass(frozen=True)
class CurrentTicket:
    id: int
    status: str
    version: int
    priority: str
    assignee_id: int | None
    category_id: int | None
    sla_plan_id: int | None
    sla: SlaClock


_CURRENT_SQL = (
    "SELECT id, status, version, priority, assignee_id, category_id, sla_plan_id, received_at,"
    " first_response_at, resolved_at, closed_at, response_due_at, resolution_due_at,"
    " sla_paused_since, sla_paused_seconds FROM tickets WHERE id = ?"
)


def _current(**columns: Any) -> CurrentTicket:
    return CurrentTicket(sla=take_sla_clock(columns), **columns)


def current_ticket(
    conn: apsw.Connection, ticket_id: int, expected_version: int | None
) -> CurrentTicket:
    current = fetch_one(conn, _current, _CURRENT_SQL, (ticket_id,))
    if current is None:
        raise TicketNotFoundError(ticket_id)
    if expected_version is not None and current.version != expected_version:
        raise StaleTicketError(ticket_id, expected_version, current.version)
    return current


def require_editable(current: CurrentTicket) -> None:
    if is_read_only(current.status):
        raise TicketReadOnlyError("workflow.read_only")


def change_time(now: datetime | None) -> datetime:
    if now is None:
        return utc_now()
    if now.tzinfo is None:
        raise TicketInputError("ticket_input.bad_time", field="now")
    return now


def plan_of(conn: apsw.Connection, current: CurrentTicket) -> SlaPlan | None:
    return load_plan(conn, current.sla_plan_id) if current.sla_plan_id is not None else None


def calendar_of(conn: apsw.Connection, current: CurrentTicket) -> BusinessCalendar | None:
    plan = plan_of(conn, current)
    return plan.calendar if plan else None


def write_changes(
    conn: apsw.Connection, current: CurrentTicket, changes: dict[str, object], now: datetime
) -> int:
    """Write ``changes`` (column -> value) and bump the version; returns the new version."""
    assignments = "".join(f"{column} = ?, " for column in changes)
    conn.execute(
        f"UPDATE tickets SET {assignments}version = version + 1, updated_at = ?"
        " WHERE id = ? AND version = ?",
        (*changes.values(), to_db(now), current.id, current.version),
    )
    # current_ticket read the version inside this same write transaction; nobody can slip between.
    assert conn.changes() == 1
    return current.version + 1


def write_history(
    conn: apsw.Connection,
    *,
    ticket_id: int,
    user_id: int,
    now: datetime,
    kind: str,
    old: object,
    new: object,
) -> int:
    conn.execute(
        "INSERT INTO ticket_actions(ticket_id, user_id, created_at, kind, old_value, new_value)"
        " VALUES (?, ?, ?, ?, ?, ?)",
        (
            ticket_id,
            user_id,
            to_db(now),
            kind,
            None if old is None else str(old),
            None if new is None else str(new),
        ),
    )
    return conn.last_insert_rowid()


def db_time(moment: datetime | None) -> str | None:
    return to_db(moment) if moment is not None else None
