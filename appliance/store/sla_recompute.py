"""Recomputing the due times of open tickets after a plan, an organisation's plan, the default
plan or a calendar changed (``appliance.domain.sla.recompute_due``), with a history row on each
ticket whose due times moved.

The caller loads the plans as they were before the change (``load_plans``), makes the change,
and calls ``recompute_open`` in the same transaction: the business time each ticket already
used is measured on the calendar it ran on, the rest of the new target on the new one. Met
targets keep their due times. The history row (kind 'sla') carries the reason in ``text`` and
the old and new due times as JSON ``{"response": iso|null, "resolution": iso|null}``.
"""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime

import apsw

from appliance.domain.clock import from_db, from_db_or_none, to_db
from appliance.domain.sla import BusinessCalendar, CalendarError, recompute_due
from appliance.domain.workflow import OPEN_STATUSES
from appliance.store.rows import fetch_all
from appliance.store.sla import SlaPlan, load_plans

REASONS = ("plan", "calendar", "org_plan", "default_plan", "priority")

_KEEP = object()


@dataclass(frozen=True)
class _Open:
    id: int
    priority: str
    sla_plan_id: int | None
    received_at: str
    first_response_at: str | None
    resolved_at: str | None
    sla_paused_since: str | None
    sla_paused_seconds: int
    response_due_at: str | None
    resolution_due_at: str | None


@dataclass(frozen=True)
class NewDue:
    response_due_at: str | None
    resolution_due_at: str | None


def new_due_times(
    *,
    old_calendar: BusinessCalendar | None,
    new_plan: SlaPlan | None,
    priority: str,
    received_at: datetime,
    clock_at: datetime,
    paused_seconds: int,
    response_due_at: str | None,
    resolution_due_at: str | None,
    responded: bool,
    resolved: bool,
) -> NewDue:
    """The stored due times of one ticket on ``new_plan`` (met targets keep theirs)."""
    targets = new_plan.targets_for(priority) if new_plan is not None else None
    response = resolution = None
    if new_plan is not None and targets is not None:
        # A ticket that ran on no plan used its time on the new plan's calendar.
        old = old_calendar or new_plan.calendar
        try:
            response = to_db(
                recompute_due(
                    old,
                    new_plan.calendar,
                    received_at=received_at,
                    clock_at=clock_at,
                    paused_seconds=paused_seconds,
                    target_seconds=targets.response_minutes * 60,
                )
            )
            resolution = to_db(
                recompute_due(
                    old,
                    new_plan.calendar,
                    received_at=received_at,
                    clock_at=clock_at,
                    paused_seconds=paused_seconds,
                    target_seconds=targets.resolution_minutes * 60,
                )
            )
        except CalendarError:
            response = resolution = None
    return NewDue(
        response_due_at if responded else response,
        resolution_due_at if resolved else resolution,
    )


def recompute_open(
    conn: apsw.Connection,
    *,
    before: Mapping[int, SlaPlan],
    where: str,
    params: Sequence[object],
    reason: str,
    user_id: int | None,
    now: datetime,
    new_plan_id: int | object | None = _KEEP,
) -> int:
    """Recompute the open tickets ``where`` selects (SQL on ``tickets AS t``); ``new_plan_id``
    moves them to another plan (None: no plan). Returns how many tickets' due times moved."""
    assert reason in REASONS
    after = load_plans(conn)
    marks = ", ".join("?" * len(OPEN_STATUSES))
    rows = fetch_all(
        conn,
        _Open,
        "SELECT t.id, t.priority, t.sla_plan_id, t.received_at, t.first_response_at,"
        " t.resolved_at, t.sla_paused_since, t.sla_paused_seconds, t.response_due_at,"
        f" t.resolution_due_at FROM tickets AS t WHERE t.status IN ({marks}) AND ({where})",
        (*OPEN_STATUSES, *params),
    )
    at = to_db(now)
    updates: list[tuple[object, ...]] = []
    history: list[tuple[object, ...]] = []
    for row in rows:
        plan_id = row.sla_plan_id if new_plan_id is _KEEP else new_plan_id
        assert plan_id is None or isinstance(plan_id, int)
        old_plan = before.get(row.sla_plan_id) if row.sla_plan_id is not None else None
        new_plan = after.get(plan_id) if plan_id is not None else None
        paused_since = from_db_or_none(row.sla_paused_since)
        due = new_due_times(
            old_calendar=old_plan.calendar if old_plan else None,
            new_plan=new_plan,
            priority=row.priority,
            received_at=from_db(row.received_at),
            clock_at=paused_since or max(now, from_db(row.received_at)),
            paused_seconds=row.sla_paused_seconds,
            response_due_at=row.response_due_at,
            resolution_due_at=row.resolution_due_at,
            responded=row.first_response_at is not None,
            resolved=row.resolved_at is not None,
        )
        old = NewDue(row.response_due_at, row.resolution_due_at)
        if due == old and plan_id == row.sla_plan_id:
            continue
        updates.append((plan_id, due.response_due_at, due.resolution_due_at, at, row.id))
        if due != old:
            history.append((row.id, user_id, at, reason, _json(old), _json(due)))
    conn.executemany(
        "UPDATE tickets SET sla_plan_id = ?, response_due_at = ?, resolution_due_at = ?,"
        " version = version + 1, updated_at = ? WHERE id = ?",
        updates,
    )
    write_sla_history(conn, history)
    return len(history)


def write_sla_history(conn: apsw.Connection, rows: Sequence[tuple[object, ...]]) -> None:
    """Rows of (ticket_id, user_id, created_at, text, old_value, new_value), kind 'sla'."""
    conn.executemany(
        "INSERT INTO ticket_actions(ticket_id, user_id, created_at, kind, text, old_value,"
        " new_value) VALUES (?, ?, ?, 'sla', ?, ?, ?)",
        rows,
    )


def _json(due: NewDue) -> str:
    return json.dumps({"response": due.response_due_at, "resolution": due.resolution_due_at})


def due_json(response_due_at: str | None, resolution_due_at: str | None) -> str:
    return _json(NewDue(response_due_at, resolution_due_at))


def plans_before(conn: apsw.Connection) -> dict[int, SlaPlan]:
    """The plans as they are now: take this before a change, pass it as ``before``."""
    return load_plans(conn)


# -- what each change touches -------------------------------------------------------------------


def after_plan_change(
    conn: apsw.Connection,
    before: Mapping[int, SlaPlan],
    plan_id: int,
    *,
    user_id: int | None,
    now: datetime,
) -> int:
    """The plan's targets, calendar or options changed: its open tickets."""
    return recompute_open(
        conn,
        before=before,
        where="t.sla_plan_id = ?",
        params=(plan_id,),
        reason="plan",
        user_id=user_id,
        now=now,
    )


def after_calendar_change(
    conn: apsw.Connection,
    before: Mapping[int, SlaPlan],
    calendar_id: int,
    *,
    user_id: int | None,
    now: datetime,
) -> int:
    """The calendar's hours, zone or days changed: open tickets of every plan on it."""
    return recompute_open(
        conn,
        before=before,
        where="t.sla_plan_id IN (SELECT id FROM sla_plans WHERE calendar_id = ?)",
        params=(calendar_id,),
        reason="calendar",
        user_id=user_id,
        now=now,
    )


def after_org_plan_change(
    conn: apsw.Connection,
    before: Mapping[int, SlaPlan],
    org_id: int,
    plan_id: int | None,
    *,
    user_id: int | None,
    now: datetime,
) -> int:
    """The organisation got another plan (``plan_id``: its own or the default): its open
    tickets move to it."""
    return recompute_open(
        conn,
        before=before,
        where="t.org_id = ?",
        params=(org_id,),
        reason="org_plan",
        user_id=user_id,
        now=now,
        new_plan_id=plan_id,
    )


def after_default_change(
    conn: apsw.Connection,
    before: Mapping[int, SlaPlan],
    plan_id: int | None,
    *,
    user_id: int | None,
    now: datetime,
) -> int:
    """Another plan became the default: open tickets of organisations without a plan of their
    own (and tickets without an organisation) move to it."""
    return recompute_open(
        conn,
        before=before,
        where="t.org_id IS NULL OR t.org_id IN (SELECT id FROM organizations"
        " WHERE sla_plan_id IS NULL)",
        params=(),
        reason="default_plan",
        user_id=user_id,
        now=now,
        new_plan_id=plan_id,
    )
