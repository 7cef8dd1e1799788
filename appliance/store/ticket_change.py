"""Changes to a ticket: assignee, category, priority, and logged actions (the status is moved by
``ticket_status``). Import them from ``appliance.store.tickets``.

Each change is made by a user who may work tickets, is based on the version the user saw
(``expected_version``; ``StaleTicketError`` when the ticket moved on), bumps the version and
``updated_at``, and writes a history row in ``ticket_actions`` with the old and new values.
Setting a field to the value it already has changes nothing and writes no history.
A closed ticket is read-only until reopened.
"""

from __future__ import annotations

from datetime import datetime

import apsw

from appliance.domain.clock import to_db
from appliance.domain.sla import CalendarError, due_times
from appliance.domain.workflow import (
    PRIORITIES,
    VISIBILITIES,
    WORK_KINDS,
    action_counts_as_response,
)
from appliance.store.sla import load_plan
from appliance.store.sla_recompute import due_json, write_sla_history
from appliance.store.ticket_checks import check_assignee, check_category, check_worker
from appliance.store.ticket_types import Changed, TicketInputError
from appliance.store.ticket_versioning import (
    CurrentTicket,
    change_time,
    current_ticket,
    db_time,
    require_editable,
    write_changes,
    write_history,
)

ACTION_TEXT_MAX = 20_000
# A week of work in one entry is the most that makes sense; more is a typo.
ACTION_MINUTES_MAX = 1440 * 7


def _set_field(
    conn: apsw.Connection,
    *,
    ticket_id: int,
    user_id: int,
    expected_version: int,
    now: datetime | None,
    column: str,
    kind: str,
    value: object,
) -> Changed:
    check_worker(conn, user_id)
    now = change_time(now)
    with conn:
        current = current_ticket(conn, ticket_id, expected_version)
        require_editable(current)
        old = getattr(current, column)
        if old == value:
            return Changed(ticket_id, current.version, None)
        version = write_changes(conn, current, {column: value}, now)
        action_id = write_history(
            conn, ticket_id=ticket_id, user_id=user_id, now=now, kind=kind, old=old, new=value
        )
    return Changed(ticket_id, version, action_id)


def assign(
    conn: apsw.Connection,
    *,
    ticket_id: int,
    assignee_id: int | None,
    user_id: int,
    expected_version: int,
    now: datetime | None = None,
) -> Changed:
    """Give the ticket to ``assignee_id`` (an active technician or admin), or to nobody (None)."""
    check_assignee(conn, assignee_id)
    return _set_field(
        conn,
        ticket_id=ticket_id,
        user_id=user_id,
        expected_version=expected_version,
        now=now,
        column="assignee_id",
        kind="assignment",
        value=assignee_id,
    )


def set_category(
    conn: apsw.Connection,
    *,
    ticket_id: int,
    category_id: int | None,
    user_id: int,
    expected_version: int,
    now: datetime | None = None,
) -> Changed:
    check_category(conn, category_id)
    return _set_field(
        conn,
        ticket_id=ticket_id,
        user_id=user_id,
        expected_version=expected_version,
        now=now,
        column="category_id",
        kind="category",
        value=category_id,
    )


def set_priority(
    conn: apsw.Connection,
    *,
    ticket_id: int,
    priority: str,
    user_id: int,
    expected_version: int,
    now: datetime | None = None,
) -> Changed:
    """Change the priority and recompute the unmet SLA due times from ``received_at`` with the new
    priority's targets, keeping the business time the clock already stood still."""
    if priority not in PRIORITIES:
        raise TicketInputError("ticket_input.bad_priority", value=priority)
    check_worker(conn, user_id)
    now = change_time(now)
    with conn:
        current = current_ticket(conn, ticket_id, expected_version)
        require_editable(current)
        if priority == current.priority:
            return Changed(ticket_id, current.version, None)
        changes: dict[str, object] = {"priority": priority}
        changes.update(_recomputed_due(conn, current, priority))
        version = write_changes(conn, current, changes, now)
        # The due times' move first, so the priority change is the ticket's latest history row.
        _sla_history(conn, current, changes, user_id, now)
        action_id = write_history(
            conn,
            ticket_id=ticket_id,
            user_id=user_id,
            now=now,
            kind="priority",
            old=current.priority,
            new=priority,
        )
    return Changed(ticket_id, version, action_id)


def _recomputed_due(
    conn: apsw.Connection, current: CurrentTicket, priority: str
) -> dict[str, object]:
    plan = load_plan(conn, current.sla_plan_id) if current.sla_plan_id is not None else None
    if plan is None:
        return {}
    targets = plan.targets_for(priority)
    response_due: datetime | None = None
    resolution_due: datetime | None = None
    if targets is not None:
        try:
            response_due, resolution_due = due_times(
                plan.calendar,
                current.sla.received_at,
                response_minutes=targets.response_minutes,
                resolution_minutes=targets.resolution_minutes,
                paused_seconds=current.sla.paused_seconds,
            )
        except CalendarError:
            response_due = resolution_due = None
    changes: dict[str, object] = {}
    # A target already met keeps the due time it was met against.
    if current.sla.first_response_at is None:
        changes["response_due_at"] = db_time(response_due)
    if current.sla.resolved_at is None:
        changes["resolution_due_at"] = db_time(resolution_due)
    return changes


def _sla_history(
    conn: apsw.Connection,
    current: CurrentTicket,
    changes: dict[str, object],
    user_id: int,
    now: datetime,
) -> None:
    """The 'sla' history row of a priority change that moved the due times."""
    old_response = db_time(current.sla.response_due_at)
    old_resolution = db_time(current.sla.resolution_due_at)
    new_response = changes.get("response_due_at", old_response)
    new_resolution = changes.get("resolution_due_at", old_resolution)
    if (new_response, new_resolution) == (old_response, old_resolution):
        return
    write_sla_history(
        conn,
        [
            (
                current.id,
                user_id,
                to_db(now),
                "priority",
                due_json(old_response, old_resolution),
                due_json(new_response, new_resolution),  # type: ignore[arg-type]
            )
        ],
    )


def add_action(
    conn: apsw.Connection,
    *,
    ticket_id: int,
    user_id: int,
    kind: str,
    text: str,
    minutes: int = 0,
    additional_work: bool = False,
    visibility: str = "internal",
    expected_version: int | None = None,
    now: datetime | None = None,
) -> Changed:
    """Log a piece of work (kind in ``WORK_KINDS``) with the minutes it took.

    The first action that is a response (``action_counts_as_response``: anything but an internal
    comment) sets ``first_response_at``. The status is left alone: logging work on a 'new' ticket
    does not take it into work behind the technician's back. A public action reaches the client's
    feed. ``expected_version`` None adds the action whatever changed meanwhile.
    """
    if kind not in WORK_KINDS:
        raise TicketInputError("ticket_input.bad_kind", value=kind)
    if visibility not in VISIBILITIES:
        raise TicketInputError("ticket_input.bad_visibility", value=visibility)
    if not isinstance(text, str) or not text.strip():
        raise TicketInputError("ticket_input.empty_text")
    text = text.strip()
    if len(text) > ACTION_TEXT_MAX:
        raise TicketInputError("ticket_input.text_too_long", limit=ACTION_TEXT_MAX)
    if (
        not isinstance(minutes, int)
        or isinstance(minutes, bool)
        or not 0 <= minutes <= ACTION_MINUTES_MAX
    ):
        raise TicketInputError("ticket_input.bad_minutes", limit=ACTION_MINUTES_MAX)
    if not isinstance(additional_work, bool):
        raise TicketInputError("ticket_input.bad_additional_work")
    check_worker(conn, user_id)
    now = change_time(now)
    with conn:
        current = current_ticket(conn, ticket_id, expected_version)
        require_editable(current)
        changes: dict[str, object] = {}
        if current.sla.first_response_at is None and action_counts_as_response(kind, visibility):
            changes["first_response_at"] = to_db(now)
        version = write_changes(conn, current, changes, now)
        conn.execute(
            "INSERT INTO ticket_actions(ticket_id, user_id, created_at, kind, text, minutes,"
            " additional_work, visibility) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            (ticket_id, user_id, to_db(now), kind, text, minutes, int(additional_work), visibility),
        )
        action_id = conn.last_insert_rowid()
    return Changed(ticket_id, version, action_id)
