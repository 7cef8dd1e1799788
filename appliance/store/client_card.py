"""What the client card's Overview and Tickets tabs read about an organisation's tickets: the
open ones, the latest ones, and this month's count and time spent."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

import apsw

from appliance.domain.clock import from_db, to_db
from appliance.store.rows import fetch_all

_OPEN = "('new', 'in_progress', 'waiting')"
DESCRIPTION_CHARS = 120


@dataclass(frozen=True)
class MonthStats:
    open_tickets: int
    tickets_this_month: int
    minutes_this_month: int


@dataclass(frozen=True)
class TicketLine:
    id: int
    number: int
    status: str
    priority: str
    received_at: datetime
    description: str
    person_name: str | None

    @classmethod
    def from_row(cls, **row: object) -> TicketLine:
        return cls(**{**row, "received_at": from_db(str(row["received_at"]))})  # type: ignore[arg-type]


def month_stats(conn: apsw.Connection, org_id: int, *, month_start: datetime) -> MonthStats:
    """Open tickets now; tickets received and minutes logged since ``month_start`` (UTC)."""
    since = to_db(month_start)
    (open_count,) = conn.execute(
        f"SELECT count(*) FROM tickets WHERE org_id = ? AND status IN {_OPEN}", (org_id,)
    ).fetchall()[0]
    (month_count,) = conn.execute(
        "SELECT count(*) FROM tickets WHERE org_id = ? AND received_at >= ?", (org_id, since)
    ).fetchall()[0]
    (minutes,) = conn.execute(
        "SELECT coalesce(sum(a.minutes), 0) FROM ticket_actions AS a"
        " JOIN tickets AS t ON t.id = a.ticket_id WHERE t.org_id = ? AND a.created_at >= ?",
        (org_id, since),
    ).fetchall()[0]
    return MonthStats(int(open_count), int(month_count), int(minutes))  # type: ignore[arg-type]


def org_tickets(
    conn: apsw.Connection, org_id: int, *, open_only: bool = False, limit: int = 50
) -> list[TicketLine]:
    """The organisation's tickets, newest first (only open ones, if asked)."""
    status = f" AND t.status IN {_OPEN}" if open_only else ""
    return fetch_all(
        conn,
        TicketLine.from_row,
        "SELECT t.id AS id, t.number AS number, t.status AS status, t.priority AS priority,"
        " t.received_at AS received_at, substr(t.description, 1, ?) AS description,"
        " p.full_name AS person_name"
        " FROM tickets AS t LEFT JOIN persons AS p ON p.id = t.person_id"
        f" WHERE t.org_id = ?{status} ORDER BY t.received_at DESC, t.id DESC LIMIT ?",
        (DESCRIPTION_CHARS, org_id, limit),
    )
