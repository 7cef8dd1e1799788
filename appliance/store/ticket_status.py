"""Moving a ticket through the workflow (``appliance.domain.workflow``): timestamps, the first
response a resolution gives, and the SLA clock stopping and running again. Import
``change_status`` from ``appliance.store.tickets``."""

from __future__ import annotations

from datetime import datetime

import apsw

from appliance.domain.clock import to_db
from appliance.domain.sla import resume_shift, shift_due_times
from appliance.domain.workflow import OPEN_STATUSES, effects
from appliance.store.sla import SlaPlan
from appliance.store.ticket_checks import check_worker
from appliance.store.ticket_types import Changed
from appliance.store.ticket_versioning import (
    change_time,
    current_ticket,
    db_time,
    plan_of,
    write_changes,
    write_history,
)


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
    now = change_time(now)
    with conn:
        current = current_ticket(conn, ticket_id, expected_version)
        if new_status == current.status:
            return Changed(ticket_id, current.version, None)
        effect = effects(current.status, new_status)
        changes: dict[str, object] = {"status": new_status}
        first_response_at = current.sla.first_response_at
        resolved_at = current.sla.resolved_at
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
        plan = plan_of(conn, current)
        calendar = plan.calendar if plan is not None else None
        pause_clock, resume_clock = effect.pause_clock, effect.resume_clock
        if plan is not None:
            # The plan says which open statuses stop the clock (by default 'waiting'). A clock
            # stopped under the plan's former pause statuses runs again at the next move to a
            # running status.
            stopped = current.sla.paused_since is not None
            runs = _runs(new_status, plan)
            pause_clock, resume_clock = not stopped and not runs, stopped and runs
        if pause_clock and calendar is not None:
            changes["sla_paused_since"] = to_db(now)
        if resume_clock and current.sla.paused_since is not None:
            changes["sla_paused_since"] = None
            if calendar is not None:
                shift = resume_shift(calendar, current.sla.paused_since, now)
                response_due, resolution_due = shift_due_times(
                    calendar,
                    shift_seconds=shift,
                    response_due=current.sla.response_due_at,
                    resolution_due=current.sla.resolution_due_at,
                    first_response_at=first_response_at,
                    resolved_at=resolved_at,
                )
                changes["response_due_at"] = db_time(response_due)
                changes["resolution_due_at"] = db_time(resolution_due)
                changes["sla_paused_seconds"] = current.sla.paused_seconds + shift
        version = write_changes(conn, current, changes, now)
        action_id = write_history(
            conn,
            ticket_id=ticket_id,
            user_id=user_id,
            now=now,
            kind="status",
            old=current.status,
            new=new_status,
        )
    return Changed(ticket_id, version, action_id)


def _runs(status: str, plan: SlaPlan) -> bool:
    return status in OPEN_STATUSES and status not in plan.pause_statuses
