"""SLA warnings: which open tickets crossed their plan's warning share or their due time, each
recorded once per ticket, target and threshold in ``sla_notices``; a breach also writes an 'sla'
history row (text 'breach'). ``record_crossings`` is called by the appliance's periodic checker
(``appliance.sla_watch``), which tells the open windows."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

import apsw

from appliance.domain.clock import to_db
from appliance.domain.sla import SlaClock, crossed_thresholds
from appliance.store.rows import fetch_all
from appliance.store.sla import load_plans
from appliance.store.sla_recompute import due_json, write_sla_history
from appliance.store.ticket_types import take_sla_clock

# The target the timer counts down to: response until the first response, then resolution.
_RUNNING_TARGET = (
    "CASE WHEN t.first_response_at IS NULL AND t.response_due_at IS NOT NULL"
    " THEN 'response' ELSE 'resolution' END"
)
# The worst notice sent for the running target, for the ticket list's row.
SLA_NOTICE_SQL = (
    "(SELECT CASE WHEN max(n.threshold = 'breach') THEN 'breach' ELSE 'warning' END"
    " FROM sla_notices AS n WHERE n.ticket_id = t.id AND n.target = "
    f"{_RUNNING_TARGET} HAVING count(*) > 0)"
)


@dataclass(frozen=True)
class SlaNotice:
    """One threshold one ticket crossed, to tell its assignee (or the team when unassigned)."""

    ticket_id: int
    number: int
    summary: str
    target: str
    threshold: str
    due_at: datetime | None
    assignee_id: int | None
    warn_percent: int


@dataclass(frozen=True)
class _Candidate:
    id: int
    number: int
    summary: str
    assignee_id: int | None
    sla_plan_id: int
    received_at: str
    response_due_at: str | None
    resolution_due_at: str | None
    first_response_at: str | None
    resolved_at: str | None
    closed_at: str | None
    sla_paused_since: str | None
    sla_paused_seconds: int

    def clock(self) -> SlaClock:
        return take_sla_clock(
            {
                "received_at": self.received_at,
                "response_due_at": self.response_due_at,
                "resolution_due_at": self.resolution_due_at,
                "first_response_at": self.first_response_at,
                "resolved_at": self.resolved_at,
                "closed_at": self.closed_at,
                "sla_paused_since": self.sla_paused_since,
                "sla_paused_seconds": self.sla_paused_seconds,
            }
        )


@dataclass(frozen=True)
class _Seen:
    ticket_id: int
    target: str
    threshold: str


def record_crossings(conn: apsw.Connection, now: datetime) -> list[SlaNotice]:
    """Record and return the thresholds crossed since the last call (each once, ever)."""
    plans = load_plans(conn)
    if not plans:
        return []
    candidates = fetch_all(
        conn,
        _Candidate,
        "SELECT t.id, t.number, substr(t.description, 1, 120) AS summary, t.assignee_id,"
        " t.sla_plan_id, t.received_at, t.response_due_at, t.resolution_due_at,"
        " t.first_response_at, t.resolved_at, t.closed_at, t.sla_paused_since,"
        " t.sla_paused_seconds"
        " FROM tickets AS t WHERE t.status IN ('new', 'in_progress', 'waiting')"
        " AND t.sla_paused_since IS NULL AND t.sla_plan_id IS NOT NULL"
        " AND NOT EXISTS (SELECT 1 FROM sla_notices AS n WHERE n.ticket_id = t.id"
        f" AND n.threshold = 'breach' AND n.target = {_RUNNING_TARGET})",
    )
    if not candidates:
        return []
    seen = {
        (s.ticket_id, s.target, s.threshold)
        for s in fetch_all(
            conn,
            _Seen,
            "SELECT n.ticket_id, n.target, n.threshold FROM sla_notices AS n"
            " JOIN tickets AS t ON t.id = n.ticket_id"
            " WHERE t.status IN ('new', 'in_progress', 'waiting')",
        )
    }
    at = to_db(now)
    found: list[SlaNotice] = []
    for row in candidates:
        plan = plans.get(row.sla_plan_id)
        if plan is None:
            continue
        clock = row.clock()
        for target, threshold in crossed_thresholds(clock, plan.calendar, now, plan.warn_percent):
            if (row.id, target, threshold) in seen:
                continue
            due = clock.response_due_at if target == "response" else clock.resolution_due_at
            found.append(
                SlaNotice(
                    row.id,
                    row.number,
                    " ".join(row.summary.split()),
                    target,
                    threshold,
                    due,
                    row.assignee_id,
                    plan.warn_percent,
                )
            )
    conn.executemany(
        "INSERT OR IGNORE INTO sla_notices(ticket_id, target, threshold, at) VALUES (?, ?, ?, ?)",
        [(n.ticket_id, n.target, n.threshold, at) for n in found],
    )
    # Open lists and screens reload through the change watcher and show the row's warning.
    conn.executemany(
        "INSERT INTO ticket_changes(ticket_id, kind, at) VALUES (?, 'updated', ?)",
        [(ticket_id, at) for ticket_id in sorted({n.ticket_id for n in found})],
    )
    # The breach goes into the ticket's history (by nobody: the clock ran out).
    write_sla_history(
        conn,
        [
            (
                n.ticket_id,
                None,
                at,
                f"breach_{n.target}",
                None,
                due_json(
                    to_db(n.due_at) if n.due_at and n.target == "response" else None,
                    to_db(n.due_at) if n.due_at and n.target == "resolution" else None,
                ),
            )
            for n in found
            if n.threshold == "breach"
        ],
    )
    return found
