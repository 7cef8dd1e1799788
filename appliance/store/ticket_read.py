"""Reading tickets: by uuid or number (idempotency, look-ups), one ticket in full with the names
shown beside its ids, and its history. Import them from ``appliance.store.tickets``.
Rows are built by column name (``appliance.store.rows``)."""

from __future__ import annotations

import json
import uuid as uuid_lib
from dataclasses import replace
from typing import Any

import apsw

from appliance.domain.clock import from_db
from appliance.store.rows import fetch_all, fetch_one
from appliance.store.ticket_types import (
    ActionRow,
    TicketDetail,
    TicketInputError,
    TicketNotFoundError,
    TicketRef,
    take_sla_clock,
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
    return fetch_one(
        conn, TicketRef, f"SELECT {_REF_COLUMNS} FROM tickets WHERE uuid = ?", (canonical,)
    )


def find_by_number(conn: apsw.Connection, number: int) -> TicketRef | None:
    return fetch_one(
        conn, TicketRef, f"SELECT {_REF_COLUMNS} FROM tickets WHERE number = ?", (number,)
    )


def ticket_id_by_number(conn: apsw.Connection, number: int) -> int | None:
    row = conn.execute("SELECT id FROM tickets WHERE number = ?", (number,)).fetchone()
    return int(row[0]) if row else None


def change_stamp(conn: apsw.Connection, ticket_id: int) -> tuple[int, int] | None:
    """(version, last history row id): what tells whether a screen's snapshot is current."""
    row = conn.execute(
        "SELECT t.version, (SELECT max(id) FROM ticket_actions WHERE ticket_id = t.id)"
        " FROM tickets AS t WHERE t.id = ?",
        (ticket_id,),
    ).fetchone()
    return (int(row[0]), int(row[1] or 0)) if row else None


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
_DETAIL_SQL = (
    "SELECT "
    + ", ".join(f"{expr} AS {name}" for name, expr in _DETAIL_COLUMNS)
    + " FROM tickets AS t"
    " LEFT JOIN organizations AS o ON o.id = t.org_id"
    " LEFT JOIN persons AS p ON p.id = t.person_id"
    " LEFT JOIN equipment AS e ON e.id = t.equipment_id"
    " LEFT JOIN categories AS c ON c.id = t.category_id"
    " LEFT JOIN categories AS cp ON cp.id = c.parent_id"
    " LEFT JOIN users AS a ON a.id = t.assignee_id"
    " LEFT JOIN users AS cb ON cb.id = t.created_by"
    " WHERE t.id = ?"
)


def _detail(
    *, submitted_at: str, updated_at: str, machine_facts: str, **columns: Any
) -> TicketDetail:
    clock = take_sla_clock(columns)
    return TicketDetail(
        submitted_at=from_db(submitted_at),
        updated_at=from_db(updated_at),
        machine_facts=json.loads(machine_facts),
        sla=clock,
        attachments=(),
        **columns,
    )


def get_ticket(conn: apsw.Connection, ticket_id: int) -> TicketDetail | None:
    """Everything about one ticket, with the names a screen shows beside the ids."""
    ticket = fetch_one(conn, _detail, _DETAIL_SQL, (ticket_id,))
    if ticket is None:
        return None
    attachments = tuple(
        str(r[0])
        for r in conn.execute(
            "SELECT sha256 FROM ticket_attachments WHERE ticket_id = ? ORDER BY position, sha256",
            (ticket_id,),
        )
    )
    return replace(ticket, attachments=attachments)


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
    "SELECT x.id AS id, x.ticket_id AS ticket_id, x.user_id AS user_id,"
    f" {_user_name('u')} AS user_name, x.created_at AS created_at, x.kind AS kind,"
    " x.text AS text, x.minutes AS minutes, x.additional_work AS additional_work,"
    " x.visibility AS visibility, x.old_value AS old_value, x.new_value AS new_value,"
    f" {_label_sql('x.old_value')} AS old_label, {_label_sql('x.new_value')} AS new_label"
    " FROM ticket_actions AS x LEFT JOIN users AS u ON u.id = x.user_id"
    " WHERE x.ticket_id = ? ORDER BY x.created_at, x.id"
)


def _action(*, created_at: str, additional_work: int, **columns: Any) -> ActionRow:
    return ActionRow(
        created_at=from_db(created_at), additional_work=bool(additional_work), **columns
    )


def ticket_history(conn: apsw.Connection, ticket_id: int) -> list[ActionRow]:
    """The ticket's actions and changes, oldest first."""
    return fetch_all(conn, _action, _HISTORY_SQL, (ticket_id,))


def require_ticket(conn: apsw.Connection, ticket_id: int) -> TicketDetail:
    ticket = get_ticket(conn, ticket_id)
    if ticket is None:
        raise TicketNotFoundError(ticket_id)
    return ticket
