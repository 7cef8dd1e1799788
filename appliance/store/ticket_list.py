"""The technicians' ticket list: ready views, filters, sorting and paging, in SQL.

``list_tickets`` answers one page of one view with its total. Every ready view is served by an
index (``0001_schema.sql`` and ``0003_ticket_list_indexes.sql``; ``tests/store/test_ticket_list.py``
checks the plans), so a page costs a few milliseconds at 100k tickets.
The conditions of views and filters are in ``ticket_list_where``.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

import apsw

from appliance.domain.sla import BusinessCalendar, SlaClock
from appliance.store.rows import fetch_all
from appliance.store.sla import load_plans
from appliance.store.sla_notices import SLA_NOTICE_SQL
from appliance.store.ticket_list_where import (
    NEXT_DUE,
    OPEN,
    SLA_STATES,
    UNASSIGNED,
    VIEWS,
    ListFilters,
    ListQueryError,
    View,
    build_where,
)
from appliance.store.ticket_types import take_sla_clock

__all__ = [
    "MAX_PER_PAGE",
    "SLA_STATES",
    "SORTS",
    "SUMMARY_CHARS",
    "UNASSIGNED",
    "VIEWS",
    "ListFilters",
    "ListQueryError",
    "TicketPage",
    "TicketRow",
    "View",
    "build_where",
    "list_tickets",
    "load_calendars",
    "rows_by_id",
    "tickets_source",
    "view_counts",
]

SORTS = ("number", "received", "organisation", "priority", "status", "assignee", "due")
SUMMARY_CHARS = 120
MAX_PER_PAGE = 200

_PRIORITY_RANK = (
    "(CASE t.priority WHEN 'low' THEN 0 WHEN 'normal' THEN 1 WHEN 'high' THEN 2"
    " WHEN 'urgent' THEN 3 END)"
)
_STATUS_RANK = (
    "(CASE t.status WHEN 'new' THEN 0 WHEN 'in_progress' THEN 1 WHEN 'waiting' THEN 2"
    " WHEN 'resolved' THEN 3 WHEN 'closed' THEN 4 END)"
)
_ASSIGNEE_NAME = "COALESCE(NULLIF(u.full_name, ''), u.login)"
_SORT_KEYS: dict[str, str] = {
    "number": "t.number",
    "received": "t.received_at",
    "organisation": "o.name",
    "priority": _PRIORITY_RANK,
    "status": _STATUS_RANK,
    "assignee": _ASSIGNEE_NAME,
    "due": NEXT_DUE,
}
# Sort keys that may be NULL: NULLs go last whichever the direction.
_NULLABLE_SORTS = frozenset({"organisation", "assignee", "due"})


@dataclass(frozen=True, slots=True)
class TicketRow:
    id: int
    number: int
    org_name: str | None
    person_name: str | None
    summary: str
    category: str | None
    priority: str
    status: str
    assignee_id: int | None
    assignee_name: str | None
    sla: SlaClock
    calendar_id: int | None
    version: int
    # The SLA warning sent for the running target: 'warning', 'breach' or None (sla_notices).
    sla_notice: str | None = None

    # The clock's moments, by the names the list has always used.
    @property
    def received_at(self) -> datetime:
        return self.sla.received_at

    @property
    def response_due_at(self) -> datetime | None:
        return self.sla.response_due_at

    @property
    def resolution_due_at(self) -> datetime | None:
        return self.sla.resolution_due_at

    @property
    def first_response_at(self) -> datetime | None:
        return self.sla.first_response_at

    @property
    def resolved_at(self) -> datetime | None:
        return self.sla.resolved_at

    @property
    def closed_at(self) -> datetime | None:
        return self.sla.closed_at

    @property
    def paused_since(self) -> datetime | None:
        return self.sla.paused_since

    @property
    def paused_seconds(self) -> int:
        return self.sla.paused_seconds


@dataclass(frozen=True)
class TicketPage:
    rows: list[TicketRow]
    total: int
    page: int = 1
    per_page: int = 50


def load_calendars(conn: apsw.Connection) -> dict[int, BusinessCalendar]:
    """The business calendars of the SLA plans, by calendar id: ``TicketRow.calendar_id`` finds
    a row's calendar for its SLA timer (a handful of small rows)."""
    return {plan.calendar_id: plan.calendar for plan in load_plans(conn).values()}


def _order_by(sort: str, descending: bool, *, due_known: bool = False) -> str:
    """ORDER BY for ``sort``. ``due_known``: every row has a due time (a running-clock view),
    so ordering by due time is exactly the order of index tickets_next_due: no sort step."""
    if sort not in _SORT_KEYS:
        raise ListQueryError("ticket_list.error.sort", sort)
    key = _SORT_KEYS[sort]
    direction = "DESC" if descending else "ASC"
    if sort == "due" and due_known:
        return f"{key} {direction}, t.id {direction}"
    nulls = f"{key} IS NULL, " if sort in _NULLABLE_SORTS else ""
    # Ties (same organisation, same priority...) fall back to newest first, then the id.
    tie = "" if sort in ("number", "received") else ", t.received_at DESC"
    return f"{nulls}{key} {direction}{tie}, t.id {direction}"


_ROW_COLUMNS = f"""
    t.id AS id, t.number AS number, t.received_at AS received_at, o.name AS org_name,
    pe.full_name AS person_name, substr(t.description, 1, {SUMMARY_CHARS}) AS summary,
    length(t.description) > {SUMMARY_CHARS} AS cut, c.name AS category, cp.name AS service,
    t.priority AS priority, t.status AS status, t.assignee_id AS assignee_id,
    {_ASSIGNEE_NAME} AS assignee_name, t.response_due_at AS response_due_at,
    t.resolution_due_at AS resolution_due_at, t.first_response_at AS first_response_at,
    t.resolved_at AS resolved_at, t.closed_at AS closed_at, t.sla_paused_since AS sla_paused_since,
    t.sla_paused_seconds AS sla_paused_seconds, sp.calendar_id AS calendar_id, t.version AS version,
    {SLA_NOTICE_SQL} AS sla_notice
"""

_ROW_JOINS = """
    LEFT JOIN organizations AS o ON o.id = t.org_id
    LEFT JOIN persons AS pe ON pe.id = t.person_id
    LEFT JOIN categories AS c ON c.id = t.category_id
    LEFT JOIN categories AS cp ON cp.id = c.parent_id
    LEFT JOIN users AS u ON u.id = t.assignee_id
    LEFT JOIN sla_plans AS sp ON sp.id = t.sla_plan_id
"""


def _summary(text: str, cut: bool) -> str:
    flat = " ".join(text.split())
    return flat + "…" if cut else flat


def _row(
    *, summary: str, cut: int, category: str | None, service: str | None, **columns: Any
) -> TicketRow:
    clock = take_sla_clock(columns)
    return TicketRow(
        summary=_summary(summary, bool(cut)),
        category=f"{service} › {category}" if service is not None else category,
        sla=clock,
        **columns,
    )


def tickets_source(view: str, filters: ListFilters) -> str:
    """The FROM clause for a view. Running clocks by due time live in the partial index
    tickets_next_due; without statistics SQLite would rather walk every open ticket through the
    status index and read each row to compute its due time, so the index is named. (INDEXED BY
    also makes a schema change that loses the index an error, not a slow list.)"""
    if _on_due_index(view, filters):
        return "tickets AS t INDEXED BY tickets_next_due"
    return "tickets AS t"


def _on_due_index(view: str, filters: ListFilters) -> bool:
    return view == "breaching" or filters.sla in ("breached", "at_risk", "ok")


def _sort_join(sort: str) -> str:
    # The id query joins only what its ORDER BY needs; the page's rows get the rest afterwards.
    if sort == "organisation":
        return "LEFT JOIN organizations AS o ON o.id = t.org_id"
    if sort == "assignee":
        return "LEFT JOIN users AS u ON u.id = t.assignee_id"
    return ""


def list_tickets(
    conn: apsw.Connection,
    *,
    view: str,
    filters: ListFilters,
    sort: str,
    descending: bool,
    page: int,
    per_page: int,
    user_id: int,
    now: datetime,
) -> TicketPage:
    """One page (1-based) of ``view`` narrowed by ``filters``, sorted, and the matching total.

    Raises ``ListQueryError`` for an unknown view, sort or filter value. A page past the end is
    empty (the total still says how many there are).
    """
    per_page = max(1, min(per_page, MAX_PER_PAGE))
    page = max(1, page)
    where, params = build_where(conn, view=view, filters=filters, user_id=user_id, now=now)
    order = _order_by(sort, descending, due_known=_on_due_index(view, filters))
    total = _count(conn, view, filters, where, params)
    if total <= (page - 1) * per_page:
        return TicketPage(rows=[], total=total, page=page, per_page=per_page)
    ids = [
        row[0]
        for row in conn.execute(
            f"SELECT t.id FROM {tickets_source(view, filters)} {_sort_join(sort)}"
            f" WHERE {where} ORDER BY {order} LIMIT ? OFFSET ?",
            (*params, per_page, (page - 1) * per_page),
        )
    ]
    return TicketPage(rows=rows_by_id(conn, ids), total=total, page=page, per_page=per_page)


def rows_by_id(conn: apsw.Connection, ids: list[int]) -> list[TicketRow]:
    """The list rows of these tickets, in the order given (unknown ids are left out)."""
    if not ids:
        return []
    rows = fetch_all(
        conn,
        _row,
        f"SELECT {_ROW_COLUMNS} FROM tickets AS t {_ROW_JOINS}"
        f" WHERE t.id IN ({', '.join('?' * len(ids))})",
        ids,
    )
    found = {row.id: row for row in rows}
    return [found[i] for i in ids if i in found]


def _count(
    conn: apsw.Connection, view: str, filters: ListFilters, where: str, params: list[Any]
) -> int:
    if view in ("all", "closed") and filters == ListFilters():
        # A bare count(*) of the table is SQLite's b-tree count, far cheaper than counting a
        # hundred thousand index entries one by one; nearly every ticket is closed, so closed is
        # all minus the (few, indexed) open ones.
        total = _scalar(conn, "SELECT count(*) FROM tickets")
        if view == "all":
            return total
        return total - _scalar(conn, f"SELECT count(*) FROM tickets AS t WHERE {OPEN}")
    return _scalar(
        conn, f"SELECT count(*) FROM {tickets_source(view, filters)} WHERE {where}", params
    )


def _scalar(conn: apsw.Connection, sql: str, params: list[Any] | None = None) -> int:
    row = conn.execute(sql, params or []).fetchone()
    assert row is not None  # an aggregate always answers one row
    return int(row[0])


def view_counts(
    conn: apsw.Connection,
    *,
    user_id: int,
    now: datetime,
    filters: ListFilters | None = None,
    views: tuple[str, ...] = VIEWS,
) -> dict[str, int]:
    """How many tickets each of ``views`` holds with ``filters`` (the search text and the filter
    bar) applied: the numbers on the view tabs say what clicking the tab would show."""
    shown = filters or ListFilters()
    counts: dict[str, int] = {}
    for view in views:
        where, params = build_where(conn, view=view, filters=shown, user_id=user_id, now=now)
        counts[view] = _count(conn, view, shown, where, params)
    return counts
