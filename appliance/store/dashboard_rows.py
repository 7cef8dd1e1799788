"""What the home dashboard reads: open tickets by status, the tickets whose SLA comes due
soonest, intake per day, a user's queue, licenses running out, and the backups' last results."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

import apsw

from appliance.store.report_rows import OPEN_STATUSES, TICKETS_SQL, TicketFacts, fetch_rows
from appliance.store.rows import fetch_all, fetch_one


@dataclass(frozen=True)
class StatusCount:
    status: str
    count: int


def open_by_status(conn: apsw.Connection) -> list[StatusCount]:
    marks = ", ".join("?" * len(OPEN_STATUSES))
    return fetch_all(
        conn,
        StatusCount,
        f"SELECT status, count(*) AS count FROM tickets WHERE status IN ({marks}) GROUP BY status",
        OPEN_STATUSES,
    )


def due_soonest(conn: apsw.Connection, *, before: str, limit: int = 100) -> list[TicketFacts]:
    """Tickets whose clock runs, by the due time of their next target, up to ``before``
    (stored time text): the candidates for "breaching soon"."""
    due = (
        "CASE WHEN t.first_response_at IS NULL THEN t.response_due_at ELSE t.resolution_due_at END"
    )
    return fetch_rows(
        conn,
        TicketFacts,
        f"{TICKETS_SQL} WHERE t.status IN ('new', 'in_progress') AND t.sla_paused_since IS NULL"
        f" AND {due} IS NOT NULL AND {due} < ? ORDER BY {due} LIMIT ?",
        (before, limit),
    )


def received_since(conn: apsw.Connection, since: str) -> list[str]:
    """Reception times (stored text) of the tickets received at or after ``since``."""
    return [
        str(row[0])
        for row in conn.execute("SELECT received_at FROM tickets WHERE received_at >= ?", (since,))
    ]


def queue_of(
    conn: apsw.Connection, user_id: int, *, limit: int = 8
) -> tuple[int, list[TicketFacts]]:
    """How many open tickets ``user_id`` has, and the oldest ``limit`` of them."""
    marks = ", ".join("?" * len(OPEN_STATUSES))
    row = conn.execute(
        f"SELECT count(*) FROM tickets WHERE assignee_id = ? AND status IN ({marks})",
        (user_id, *OPEN_STATUSES),
    ).fetchone()
    rows = fetch_rows(
        conn,
        TicketFacts,
        f"{TICKETS_SQL} WHERE t.assignee_id = ? AND t.status IN ({marks})"
        " ORDER BY CASE t.priority WHEN 'urgent' THEN 0 WHEN 'high' THEN 1 WHEN 'normal' THEN 2"
        " ELSE 3 END, t.received_at LIMIT ?",
        (user_id, *OPEN_STATUSES, limit),
    )
    return (int(row[0]) if row else 0), rows


@dataclass(frozen=True)
class ExpiringLicense:
    id: int
    org_id: int
    org_name: str
    product: str
    seats: int
    valid_until: date

    @classmethod
    def from_row(cls, **row: object) -> ExpiringLicense:
        return cls(**{**row, "valid_until": date.fromisoformat(str(row["valid_until"]))})  # type: ignore[arg-type]


def licenses_expiring(conn: apsw.Connection, *, first: date, last: date) -> list[ExpiringLicense]:
    """Licenses valid until a day in [first, last], soonest first."""
    return fetch_all(
        conn,
        ExpiringLicense.from_row,
        "SELECT l.id AS id, l.org_id AS org_id, o.name AS org_name, l.product AS product,"
        " l.seats AS seats, l.valid_until AS valid_until FROM licenses AS l"
        " JOIN organizations AS o ON o.id = l.org_id"
        " WHERE l.valid_until >= ? AND l.valid_until <= ?"
        " ORDER BY l.valid_until, o.name, l.product",
        (first.isoformat(), last.isoformat()),
    )


@dataclass(frozen=True)
class BackupResult:
    started_at: str
    trigger: str
    result: str
    file_name: str
    error_text: str


def last_backup(conn: apsw.Connection, *, result: str | None = None) -> BackupResult | None:
    """The most recent backup run (or the most recent with ``result``: 'ok' or 'failed')."""
    where = "WHERE result = ?" if result else ""
    return fetch_one(
        conn,
        BackupResult,
        "SELECT started_at, trigger, result, file_name, error_text FROM backup_runs"
        f" {where} ORDER BY started_at DESC, id DESC LIMIT 1",
        (result,) if result else (),
    )
