"""Reading tickets: by uuid or number (idempotency, look-ups), one ticket in full with the names
shown beside its ids, and its history. Import them from ``appliance.store.tickets``."""

from __future__ import annotations

import json
import uuid as uuid_lib
from typing import Any

import apsw

from appliance.domain.clock import from_db
from appliance.store.ticket_model import (
    ActionRow,
    TicketDetail,
    TicketInputError,
    TicketNotFoundError,
    TicketRef,
)


def normalise_uuid(value: str) -> str:
    """The canonical text of a client's uuid (lower case, hyphenated), so that one uuid written two
    ways is one ticket."""
    try:
        return str(uuid_lib.UUID(str(value)))
    except ValueError:
        raise TicketInputError("ticket_input.bad_uuid") from None


_REF_COLUMNS = "id, number, uuid, content_hash, status, version"


def find_by_uuid(conn: apsw.Connection, uuid: str) -> TicketRef | None:
    try:
        canonical = normalise_uuid(uuid)
    except TicketInputError:
        return None
    row = conn.execute(
        f"SELECT {_REF_COLUMNS} FROM tickets WHERE uuid = ?", (canonical,)
    ).fetchone()
    return TicketRef(*row) if row else None


def find_by_number(conn: apsw.Connection, number: int) -> TicketRef | None:
    row = conn.execute(f"SELECT {_REF_COLUMNS} FROM tickets WHERE number = ?", (number,)).fetchone()
    return TicketRef(*row) if row else None


def _user_name(alias: str) -> str:
    return f"COALESCE(NULLIF({alias}.full_name, ''), {alias}.login)"


# "Service / Problem" for a problem, the service's name for a service; aliases c and cp.
_CATEGORY_NAME = "CASE WHEN cp.id IS NULL THEN c.name ELSE cp.name || ' / ' || c.name END"

_DETAIL_COLUMNS = (
    ("id", "t.id"),
    ("number", "t.number"),
    ("uuid", "t.uuid"),
    ("content_hash", "t.content_hash"),
    ("org_id", "t.org_id"),
    ("org_name", "o.name"),
    ("person_id", "t.person_id"),
    ("person_name", "p.full_name"),
    ("equipment_id", "t.equipment_id"),
    ("equipment_name", "e.name"),
    ("device_id", "t.device_id"),
    ("source", "t.source"),
    ("description", "t.description"),
    ("contact_phone", "t.contact_phone"),
    ("priority", "t.priority"),
    ("status", "t.status"),
    ("category_id", "t.category_id"),
    ("category_name", _CATEGORY_NAME),
    ("assignee_id", "t.assignee_id"),
    ("assignee_name", _user_name("a")),
    ("created_by", "t.created_by"),
    ("created_by_name", _user_name("cb")),
    ("machine_facts", "t.machine_facts"),
    ("sla_plan_id", "t.sla_plan_id"),
    ("submitted_at", "t.submitted_at"),
    ("received_at", "t.received_at"),
    ("first_response_at", "t.first_response_at"),
    ("resolved_at", "t.resolved_at"),
    ("closed_at", "t.closed_at"),
    ("response_due_at", "t.response_due_at"),
    ("resolution_due_at", "t.resolution_due_at"),
    ("sla_paused_since", "t.sla_paused_since"),
    ("sla_paused_seconds", "t.sla_paused_seconds"),
    ("updated_at", "t.updated_at"),
    ("version", "t.version"),
)
_TIME_FIELDS = frozenset(name for name, _ in _DETAIL_COLUMNS if name.endswith(("_at", "_since")))
_DETAIL_SQL = (
    "SELECT " + ", ".join(expr for _, expr in _DETAIL_COLUMNS) + " FROM tickets AS t"
    " LEFT JOIN organizations AS o ON o.id = t.org_id"
    " LEFT JOIN persons AS p ON p.id = t.person_id"
    " LEFT JOIN equipment AS e ON e.id = t.equipment_id"
    " LEFT JOIN categories AS c ON c.id = t.category_id"
    " LEFT JOIN categories AS cp ON cp.id = c.parent_id"
    " LEFT JOIN users AS a ON a.id = t.assignee_id"
    " LEFT JOIN users AS cb ON cb.id = t.created_by"
    " WHERE t.id = ?"
)


def get_ticket(conn: apsw.Connection, ticket_id: int) -> TicketDetail | None:
    """Everything about one ticket, with the names a screen shows beside the ids."""
    row = conn.execute(_DETAIL_SQL, (ticket_id,)).fetchone()
    if row is None:
        return None
    values: dict[str, Any] = {}
    for (name, _), value in zip(_DETAIL_COLUMNS, row, strict=True):
        if name in _TIME_FIELDS and value is not None:
            value = from_db(value)
        values[name] = value
    values["machine_facts"] = json.loads(values["machine_facts"])
    values["attachments"] = tuple(
        r[0]
        for r in conn.execute(
            "SELECT sha256 FROM ticket_attachments WHERE ticket_id = ? ORDER BY position, sha256",
            (ticket_id,),
        )
    )
    return TicketDetail(**values)


def _label_sql(column: str) -> str:
    """A name for a history row's old or new value: people and categories by name."""
    return (
        f"CASE x.kind WHEN 'assignment' THEN (SELECT {_user_name('lu')} FROM users AS lu"
        f" WHERE lu.id = CAST({column} AS INTEGER))"
        f" WHEN 'category' THEN (SELECT {_CATEGORY_NAME} FROM categories AS c"
        f" LEFT JOIN categories AS cp ON cp.id = c.parent_id"
        f" WHERE c.id = CAST({column} AS INTEGER))"
        f" ELSE {column} END"
    )


_HISTORY_SQL = (
    f"SELECT x.id, x.ticket_id, x.user_id, {_user_name('u')}, x.created_at, x.kind, x.text,"
    " x.minutes, x.additional_work, x.visibility, x.old_value, x.new_value,"
    f" {_label_sql('x.old_value')}, {_label_sql('x.new_value')}"
    " FROM ticket_actions AS x LEFT JOIN users AS u ON u.id = x.user_id"
    " WHERE x.ticket_id = ? ORDER BY x.created_at, x.id"
)


def ticket_history(conn: apsw.Connection, ticket_id: int) -> list[ActionRow]:
    """The ticket's actions and changes, oldest first."""
    rows: list[tuple[Any, ...]] = conn.execute(_HISTORY_SQL, (ticket_id,)).fetchall()
    return [
        ActionRow(
            id=r[0],
            ticket_id=r[1],
            user_id=r[2],
            user_name=r[3],
            created_at=from_db(r[4]),
            kind=r[5],
            text=r[6],
            minutes=r[7],
            additional_work=bool(r[8]),
            visibility=r[9],
            old_value=r[10],
            new_value=r[11],
            old_label=r[12],
            new_label=r[13],
        )
        for r in rows
    ]


def require_ticket(conn: apsw.Connection, ticket_id: int) -> TicketDetail:
    ticket = get_ticket(conn, ticket_id)
    if ticket is None:
        raise TicketNotFoundError(ticket_id)
    return ticket
