"""Counts of tickets for the Reports page: per category and per status over a period."""

from __future__ import annotations

from dataclasses import dataclass

import apsw

from appliance.store.categories import LABEL_SQL
from appliance.store.rows import fetch_all


@dataclass(frozen=True)
class Count:
    label: str | None  # None: tickets without a category
    count: int


def tickets_per_category(conn: apsw.Connection, since: str) -> list[Count]:
    """Tickets received at or after ``since`` (stored time text) per category, most first."""
    return fetch_all(
        conn,
        Count,
        f"SELECT CASE WHEN c.id IS NULL THEN NULL ELSE {LABEL_SQL} END AS label,"
        " count(*) AS count FROM tickets AS t"
        " LEFT JOIN categories AS c ON c.id = t.category_id"
        " LEFT JOIN categories AS parent ON parent.id = c.parent_id"
        " WHERE t.received_at >= ? GROUP BY label ORDER BY count(*) DESC, label",
        (since,),
    )


def tickets_per_status(conn: apsw.Connection, since: str) -> list[Count]:
    """Tickets received at or after ``since`` per status, in the statuses' workflow order."""
    return fetch_all(
        conn,
        Count,
        "SELECT status AS label, count(*) AS count FROM tickets WHERE received_at >= ?"
        " GROUP BY status ORDER BY CASE status WHEN 'new' THEN 0 WHEN 'in_progress' THEN 1"
        " WHEN 'waiting' THEN 2 WHEN 'resolved' THEN 3 ELSE 4 END",
        (since,),
    )
