"""Changes to a ticket: status, assignee, category, priority, and logged actions. Import them from
``appliance.store.tickets``.

Each change is made by a user who may work tickets, is based on the version the user saw
(``expected_version``; ``StaleTicketError`` when the ticket moved on), bumps the version and
``updated_at``, and writes a history row in ``ticket_actions`` with the old and new values.
Setting a field to the value it already has changes nothing and writes no history.
A closed ticket is read-only until reopened.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

import apsw

from appliance.domain.clock import from_db, to_db, utc_now
from appliance.domain.sla import (
    BusinessCalendar,
    CalendarError,
    due_times,
    resume_shift,
    shift_due_times,
)
from appliance.domain.workflow import (
    PRIORITIES,
    VISIBILITIES,
    WORK_KINDS,
    action_counts_as_response,
    effects,
    is_read_only,
)
from appliance.store.sla import load_plan
from appliance.store.ticket_model import (
    Changed,
    StaleTicketError,
    TicketInputError,
    TicketNotFoundError,
    TicketReadOnlyError,
)
from appliance.store.ticket_refs import check_assignee, check_category, check_worker

ACTION_TEXT_MAX = 20_000
# A week of work in one entry is the most that makes sense; more is a typo.
ACTION_MINUTES_MAX = 1440 * 7


@dataclass(frozen=True)
class _Current:
    id: int
    status: str
    version: int
    priority: str
    assignee_id: int | None
    category_id: int | None
    sla_plan_id: int | None
    received_at: datetime
    first_response_at: datetime | None
    resolved_at: datetime | None
    response_due_at: datetime | None
    resolution_due_at: datetime | None
    sla_paused_since: datetime | None
    sla_paused_seconds: int


_CURRENT_SQL = (
    "SELECT id, status, version, priority, assignee_id, category_id, sla_plan_id, received_at,"
    " first_response_at, resolved_at, response_due_at, resolution_due_at, sla_paused_since,"
    " sla_paused_seconds FROM tickets WHERE id = ?"
)


def _opt(text: str | None) -> datetime | None:
    return from_db(text) if text is not None else None


def _current(conn: apsw.Connection, ticket_id: int, expected_version: int | None) -> _Current:
    row: tuple[Any, ...] | None = conn.execute(_CURRENT_SQL, (ticket_id,)).fetchone()
    if row is None:
        raise TicketNotFoundError(ticket_id)
    current = _Current(
        id=row[0],
        status=row[1],
        version=row[2],
        priority=row[3],
        assignee_id=row[4],
        category_id=row[5],
        sla_plan_id=row[6],
        received_at=from_db(row[7]),
        first_response_at=_opt(row[8]),
        resolved_at=_opt(row[9]),
        response_due_at=_opt(row[10]),
        resolution_due_at=_opt(row[11]),
        sla_paused_since=_opt(row[12]),
        sla_paused_seconds=row[13],
    )
    if expected_version is not None and current.version != expected_version:
        raise StaleTicketError(ticket_id, expected_version, current.version)
    return current


def _editable(current: _Current) -> None:
    if is_read_only(current.status):
        raise TicketReadOnlyError("workflow.read_only")


def _now(now: datetime | None) -> datetime:
    if now is None:
        return utc_now()
    if now.tzinfo is None:
        raise TicketInputError("ticket_input.bad_time", field="now")
    return now


def _calendar(conn: apsw.Connection, current: _Current) -> BusinessCalendar | None:
    if current.sla_plan_id is None:
        return None
    plan = load_plan(conn, current.sla_plan_id)
    return plan.calendar if plan else None


def _update(
    conn: apsw.Connection, current: _Current, changes: dict[str, object], now: datetime
) -> int:
    """Write ``changes`` (column -> value) and bump the version; returns the new version."""
    assignments = "".join(f"{column} = ?, " for column in changes)
    conn.execute(
        f"UPDATE tickets SET {assignments}version = version + 1, updated_at = ?"
        " WHERE id = ? AND version = ?",
        (*changes.values(), to_db(now), current.id, current.version),
    )
    # _current read the version inside this same write transaction; nobody can slip between.
    assert conn.changes() == 1
    return current.version + 1


def _history(
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


def _db(moment: datetime | None) -> str | None:
    return to_db(moment) if moment is not None else None


def change_status(
    conn: apsw.Connection,
    *,
    ticket_id: int,
    new_status: str,
    user_id: int,
    expected_version: int,
    now: datetime | None = None,
) -> Changed:
    """Move the ticket to ``new_status`` (``TransitionError`` if the workflow forbids it), with
    the timestamps and SLA pause/resume the move implies (``appliance.domain.workflow``)."""
    check_worker(conn, user_id)
    now = _now(now)
    with conn:
        current = _current(conn, ticket_id, expected_version)
        if new_status == current.status:
            return Changed(ticket_id, current.version, None)
        effect = effects(current.status, new_status)
        changes: dict[str, object] = {"status": new_status}
        first_response_at = current.first_response_at
        resolved_at = current.resolved_at
        if effect.counts_as_response and first_response_at is None:
            first_response_at = now
            changes["first_response_at"] = to_db(now)
        if effect.set_resolved_at:
            changes["resolved_at"] = to_db(now)
        if effect.clear_resolved_at:
            resolved_at = None
            changes["resolved_at"] = None
        if effect.set_closed_at:
            changes["closed_at"] = to_db(now)
        if effect.clear_closed_at:
            changes["closed_at"] = None
        calendar = _calendar(conn, current)
        if effect.pause_clock and calendar is not None:
            changes["sla_paused_since"] = to_db(now)
        if effect.resume_clock and current.sla_paused_since is not None:
            changes["sla_paused_since"] = None
            if calendar is not None:
                shift = resume_shift(calendar, current.sla_paused_since, now)
                response_due, resolution_due = shift_due_times(
                    calendar,
                    shift_seconds=shift,
                    response_due=current.response_due_at,
                    resolution_due=current.resolution_due_at,
                    first_response_at=first_response_at,
                    resolved_at=resolved_at,
                )
                changes["response_due_at"] = _db(response_due)
                changes["resolution_due_at"] = _db(resolution_due)
                changes["sla_paused_seconds"] = current.sla_paused_seconds + shift
        version = _update(conn, current, changes, now)
        action_id = _history(
            conn,
            ticket_id=ticket_id,
            user_id=user_id,
            now=now,
            kind="status",
            old=current.status,
            new=new_status,
        )
    return Changed(ticket_id, version, action_id)


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
    now = _now(now)
    with conn:
        current = _current(conn, ticket_id, expected_version)
        _editable(current)
        old = getattr(current, column)
        if old == value:
            return Changed(ticket_id, current.version, None)
        version = _update(conn, current, {column: value}, now)
        action_id = _history(
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
    now = _now(now)
    with conn:
        current = _current(conn, ticket_id, expected_version)
        _editable(current)
        if priority == current.priority:
            return Changed(ticket_id, current.version, None)
        changes: dict[str, object] = {"priority": priority}
        changes.update(_recomputed_due(conn, current, priority))
        version = _update(conn, current, changes, now)
        action_id = _history(
            conn,
            ticket_id=ticket_id,
            user_id=user_id,
            now=now,
            kind="priority",
            old=current.priority,
            new=priority,
        )
    return Changed(ticket_id, version, action_id)


def _recomputed_due(conn: apsw.Connection, current: _Current, priority: str) -> dict[str, object]:
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
                current.received_at,
                response_minutes=targets.response_minutes,
                resolution_minutes=targets.resolution_minutes,
                paused_seconds=current.sla_paused_seconds,
            )
        except CalendarError:
            response_due = resolution_due = None
    changes: dict[str, object] = {}
    # A target already met keeps the due time it was met against.
    if current.first_response_at is None:
        changes["response_due_at"] = _db(response_due)
    if current.resolved_at is None:
        changes["resolution_due_at"] = _db(resolution_due)
    return changes


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
    now = _now(now)
    with conn:
        current = _current(conn, ticket_id, expected_version)
        _editable(current)
        changes: dict[str, object] = {}
        if current.first_response_at is None and action_counts_as_response(kind, visibility):
            changes["first_response_at"] = to_db(now)
        version = _update(conn, current, changes, now)
        conn.execute(
            "INSERT INTO ticket_actions(ticket_id, user_id, created_at, kind, text, minutes,"
            " additional_work, visibility) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            (ticket_id, user_id, to_db(now), kind, text, minutes, int(additional_work), visibility),
        )
        action_id = conn.last_insert_rowid()
    return Changed(ticket_id, version, action_id)
