"""Creating a ticket: validated, numbered gap-free, idempotent by uuid, with its SLA due times.

Runs inside the caller's write transaction; the insert works in its own savepoint, so when it
raises, nothing it did stays behind (and the number goes back). A known uuid returns the ticket
it created before (``created=False``), unchanged.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from datetime import datetime
from typing import Any

import apsw

from appliance.domain.clock import to_db, utc_now
from appliance.domain.sla import CalendarError, due_times
from appliance.domain.workflow import PRIORITIES, SOURCES
from appliance.store.sla import load_plan, plan_id_for_org
from appliance.store.ticket_checks import check_assignee, check_category, check_user, resolve_org
from appliance.store.ticket_read import find_by_uuid, normalise_uuid
from appliance.store.ticket_types import CreatedTicket, TicketInputError, UnknownAttachment

DESCRIPTION_MAX = 20_000
CONTACT_PHONE_MAX = 64
CONTENT_HASH_MAX = 128
MACHINE_FACTS_MAX_BYTES = 64 * 1024
ATTACHMENTS_MAX = 20


def _aware(moment: datetime, name: str) -> datetime:
    if not isinstance(moment, datetime) or moment.tzinfo is None:
        raise TicketInputError("ticket_input.bad_time", field=name)
    return moment


def _machine_facts_json(facts: dict[str, Any] | None) -> str:
    if facts is None:
        return "{}"
    if not isinstance(facts, dict):
        raise TicketInputError("ticket_input.bad_machine_facts")
    try:
        text = json.dumps(facts, ensure_ascii=False, sort_keys=True, allow_nan=False)
    except (TypeError, ValueError):
        raise TicketInputError("ticket_input.bad_machine_facts") from None
    if len(text.encode("utf-8")) > MACHINE_FACTS_MAX_BYTES:
        raise TicketInputError("ticket_input.machine_facts_too_big", limit=MACHINE_FACTS_MAX_BYTES)
    return text


def _attachments(conn: apsw.Connection, attachments: Sequence[str]) -> list[str]:
    if isinstance(attachments, str):
        raise TicketInputError("ticket_input.bad_attachment", value=attachments)
    unique = list(dict.fromkeys(attachments))
    if len(unique) > ATTACHMENTS_MAX:
        raise TicketInputError("ticket_input.too_many_attachments", limit=ATTACHMENTS_MAX)
    for sha in unique:
        if (
            not isinstance(sha, str)
            or not conn.execute("SELECT 1 FROM blobs WHERE sha256 = ?", (sha,)).fetchone()
        ):
            raise UnknownAttachment(sha)
    return unique


def _sla_due(
    conn: apsw.Connection, plan_id: int | None, priority: str, received_at: datetime
) -> tuple[str | None, str | None]:
    plan = load_plan(conn, plan_id) if plan_id is not None else None
    targets = plan.targets_for(priority) if plan else None
    if plan is None or targets is None:
        return None, None
    try:
        response, resolution = due_times(
            plan.calendar,
            received_at,
            response_minutes=targets.response_minutes,
            resolution_minutes=targets.resolution_minutes,
        )
    except CalendarError:
        # A calendar without working hours (only possible if written around create_calendar):
        # the ticket is still taken; it just has no due times.
        return None, None
    return to_db(response), to_db(resolution)


def create_ticket(
    conn: apsw.Connection,
    *,
    uuid: str,
    source: str,
    description: str,
    submitted_at: datetime,
    received_at: datetime | None = None,
    org_id: int | None = None,
    person_id: int | None = None,
    equipment_id: int | None = None,
    device_id: int | None = None,
    contact_phone: str = "",
    priority: str = "normal",
    category_id: int | None = None,
    assignee_id: int | None = None,
    created_by: int | None = None,
    machine_facts: dict[str, Any] | None = None,
    content_hash: str = "",
    attachments: Sequence[str] = (),
) -> CreatedTicket:
    """Take a ticket in and give it the next number; or, for a known uuid, return that ticket
    unchanged (``created=False``; compare ``find_by_uuid(...).content_hash`` to detect a
    conflicting resend). ``org_id`` is taken from the person, equipment or device when not given.
    The SLA due times come from the organisation's plan and the priority."""
    uuid = normalise_uuid(uuid)
    existing = find_by_uuid(conn, uuid)
    if existing is not None:
        return CreatedTicket(existing.id, existing.number, existing.uuid, created=False)

    if source not in SOURCES:
        raise TicketInputError("ticket_input.bad_source", value=source)
    if priority not in PRIORITIES:
        raise TicketInputError("ticket_input.bad_priority", value=priority)
    if not isinstance(description, str) or not description.strip():
        raise TicketInputError("ticket_input.empty_description")
    description = description.strip()
    if len(description) > DESCRIPTION_MAX:
        raise TicketInputError("ticket_input.description_too_long", limit=DESCRIPTION_MAX)
    if not isinstance(contact_phone, str) or len(contact_phone) > CONTACT_PHONE_MAX:
        raise TicketInputError("ticket_input.bad_contact_phone", limit=CONTACT_PHONE_MAX)
    if not isinstance(content_hash, str) or len(content_hash) > CONTENT_HASH_MAX:
        raise TicketInputError("ticket_input.bad_content_hash")
    submitted_at = _aware(submitted_at, "submitted_at")
    received_at = _aware(received_at, "received_at") if received_at is not None else utc_now()
    facts = _machine_facts_json(machine_facts)
    org_id = resolve_org(
        conn, org_id=org_id, person_id=person_id, equipment_id=equipment_id, device_id=device_id
    )
    check_category(conn, category_id)
    check_assignee(conn, assignee_id)
    check_user(conn, created_by, "created_by")
    shas = _attachments(conn, attachments)
    plan_id = plan_id_for_org(conn, org_id)
    response_due, resolution_due = _sla_due(conn, plan_id, priority, received_at)
    received = to_db(received_at)

    with conn:  # savepoint: the number goes back if anything below fails
        row = conn.execute(
            "UPDATE counters SET value = value + 1 WHERE name = 'ticket_number' RETURNING value"
        ).fetchone()
        if row is None:
            raise RuntimeError("the ticket_number counter is missing from the store")
        number = int(row[0])
        conn.execute(
            "INSERT INTO tickets(number, uuid, content_hash, org_id, person_id, equipment_id,"
            " device_id, source, description, contact_phone, priority, status, category_id,"
            " assignee_id, created_by, machine_facts, sla_plan_id, submitted_at, received_at,"
            " response_due_at, resolution_due_at, updated_at)"
            " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'new', ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (
                number,
                uuid,
                content_hash,
                org_id,
                person_id,
                equipment_id,
                device_id,
                source,
                description,
                contact_phone,
                priority,
                category_id,
                assignee_id,
                created_by,
                facts,
                plan_id,
                to_db(submitted_at),
                received,
                response_due,
                resolution_due,
                received,
            ),
        )
        ticket_id = conn.last_insert_rowid()
        conn.executemany(
            "INSERT INTO ticket_attachments(ticket_id, sha256, kind, position)"
            " VALUES (?, ?, 'screenshot', ?)",
            [(ticket_id, sha, i) for i, sha in enumerate(shas)],
        )
        conn.execute(
            "INSERT INTO ticket_actions(ticket_id, user_id, created_at, kind, new_value)"
            " VALUES (?, ?, ?, 'created', ?)",
            (ticket_id, created_by, received, source),
        )
    return CreatedTicket(ticket_id, number, uuid, created=True)
