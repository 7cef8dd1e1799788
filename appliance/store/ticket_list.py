"""The technicians' ticket list: ready views, filters, sorting and paging, in SQL.

``list_tickets`` answers one page of one view with its total. Every ready view is served by an
index (``0001_schema.sql`` and ``0003_ticket_list_indexes.sql``; ``tests/store/test_ticket_list.py``
checks the plans), so a page costs a few milliseconds at 100k tickets.

The SLA filter agrees with the timer the page shows (``appliance.domain.sla.sla_state``):
- "paused": the ticket waits for the client (open, clock stopped);
- "breached": the clock runs and the next due time has passed;
- "at_risk": the clock runs and less than ``AMBER_BELOW`` of the target's business-time budget is
  left, i.e. the due time is earlier than ``now`` plus that share of the budget in business time;
- "ok": the clock runs and more is left.
The next due time is the response due until the first response, then the resolution due.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any, Literal

import apsw

from appliance.domain.clock import to_db
from appliance.domain.errors import InvalidInput
from appliance.domain.sla import AMBER_BELOW, BusinessCalendar, SlaClock, add_business_seconds
from appliance.domain.text_search import parse
from appliance.domain.workflow import OPEN_STATUSES, PRIORITIES, STATUSES
from appliance.store.rows import fetch_all
from appliance.store.search import ticket_text_condition
from appliance.store.sla import load_plans

View = Literal["new", "mine", "unassigned", "breaching", "open", "closed", "all"]
# The ready views, and "all" (what a search from the header looks through).
VIEWS: tuple[View, ...] = ("new", "mine", "unassigned", "breaching", "open", "closed", "all")
SORTS = ("number", "received", "organisation", "priority", "status", "assignee", "due")
SLA_STATES = ("ok", "at_risk", "breached", "paused")
# "Breaching soon": the next due time is at most this far away (or already passed).
BREACHING_WITHIN = timedelta(hours=2)
SUMMARY_CHARS = 120
MAX_PER_PAGE = 200
UNASSIGNED = "none"

# The SQL literals below must read exactly like the partial indexes' WHERE clauses (0003), or
# SQLite cannot prove the index covers the query.
_OPEN = "t.status IN ('new', 'in_progress', 'waiting')"
# Closed as "not open" on purpose: an IN over the status index would make SQLite fetch every
# closed ticket and sort them; a NOT IN leaves it free to walk the received_at index backwards and
# stop after one page (or to use the index of another filter, such as the organisation's).
_CLOSED = "t.status NOT IN ('new', 'in_progress', 'waiting')"
# The due time the SLA timer counts down to; the same expression as index tickets_next_due.
NEXT_DUE = (
    "(CASE WHEN t.first_response_at IS NULL AND t.response_due_at IS NOT NULL"
    " THEN t.response_due_at ELSE t.resolution_due_at END)"
)
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

assert set(OPEN_STATUSES) == {"new", "in_progress", "waiting"}
assert set(STATUSES) - set(OPEN_STATUSES) == {"resolved", "closed"}


class ListQueryError(InvalidInput):
    """A view, sort or filter value the list does not know. ``key`` is an i18n key."""

    def __init__(self, key: str, value: object) -> None:
        super().__init__(key, value=value)
        self.value = value


@dataclass(frozen=True)
class ListFilters:
    """Filters on top of a view; empty means no restriction.

    ``assignee`` is a user id, or ``UNASSIGNED`` ("none") for tickets nobody holds.
    ``category_id`` of a service also selects the tickets filed under its problems.
    """

    statuses: tuple[str, ...] = ()
    priorities: tuple[str, ...] = ()
    org_id: int | None = None
    assignee: int | str | None = None
    category_id: int | None = None
    sla: str | None = None
    text: str = ""


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


@dataclass
class _Where:
    parts: list[str] = field(default_factory=list)
    params: list[Any] = field(default_factory=list)

    def add(self, sql: str, *params: Any) -> None:
        self.parts.append(sql)
        self.params.extend(params)

    @property
    def sql(self) -> str:
        return " AND ".join(self.parts) or "1"


def _view_condition(where: _Where, view: str, *, user_id: int, now: datetime) -> None:
    if view == "new":
        where.add("t.status = 'new'")
    elif view == "mine":
        where.add(_OPEN)
        where.add("t.assignee_id = ?", user_id)
    elif view == "unassigned":
        where.add(_OPEN)
        where.add("t.assignee_id IS NULL")
    elif view == "breaching":
        where.add(_OPEN)
        where.add("t.sla_paused_since IS NULL")
        where.add(f"{NEXT_DUE} <= ?", to_db(now + BREACHING_WITHIN))
    elif view == "open":
        where.add(_OPEN)
    elif view == "closed":
        where.add(_CLOSED)
    elif view == "all":
        pass
    else:
        raise ListQueryError("ticket_list.error.view", view)


def _filter_conditions(conn: apsw.Connection, where: _Where, f: ListFilters, now: datetime) -> None:
    if f.statuses:
        unknown = [s for s in f.statuses if s not in STATUSES]
        if unknown:
            raise ListQueryError("ticket_list.error.status", unknown[0])
        where.add(f"t.status IN ({', '.join('?' * len(f.statuses))})", *f.statuses)
    if f.priorities:
        unknown = [p for p in f.priorities if p not in PRIORITIES]
        if unknown:
            raise ListQueryError("ticket_list.error.priority", unknown[0])
        where.add(f"t.priority IN ({', '.join('?' * len(f.priorities))})", *f.priorities)
    if f.org_id is not None:
        where.add("t.org_id = ?", f.org_id)
    if f.assignee == UNASSIGNED:
        where.add("t.assignee_id IS NULL")
    elif isinstance(f.assignee, int):
        where.add("t.assignee_id = ?", f.assignee)
    elif f.assignee is not None:
        raise ListQueryError("ticket_list.error.assignee", f.assignee)
    if f.category_id is not None:
        where.add(
            "t.category_id IN (SELECT id FROM categories WHERE id = ? OR parent_id = ?)",
            f.category_id,
            f.category_id,
        )
    if f.sla is not None:
        _sla_condition(conn, where, f.sla, now)
    text = parse(f.text) if f.text.strip() else None
    if text is not None and not text.empty:
        sql, params = ticket_text_condition(text)
        where.add(sql, *params)


def _sla_condition(conn: apsw.Connection, where: _Where, state: str, now: datetime) -> None:
    if state not in SLA_STATES:
        raise ListQueryError("ticket_list.error.sla", state)
    where.add(_OPEN)
    where.add(f"{NEXT_DUE} IS NOT NULL")
    if state == "paused":
        where.add("t.sla_paused_since IS NOT NULL")
        return
    where.add("t.sla_paused_since IS NULL")
    now_text = to_db(now)
    if state == "breached":
        where.add(f"{NEXT_DUE} <= ?", now_text)
        return
    where.add(f"{NEXT_DUE} > ?", now_text)
    # Amber from the instant less than AMBER_BELOW of the budget is left: for a plan, priority
    # and target that is "due before now + that share of the budget in business time".
    thresholds = _amber_thresholds(conn, now)
    if not thresholds:
        # No plan has targets: nothing can be at risk, and every running clock is fine.
        where.add("0" if state == "at_risk" else "1")
        return
    values = ", ".join("(?, ?, ?, ?)" for _ in thresholds)
    params = [v for row in thresholds for v in row]
    threshold = (
        f"(WITH amber(plan_id, priority, response_before, resolution_before) AS (VALUES {values})"
        " SELECT CASE WHEN t.first_response_at IS NULL AND t.response_due_at IS NOT NULL"
        " THEN a.response_before ELSE a.resolution_before END"
        " FROM amber AS a WHERE a.plan_id = t.sla_plan_id AND a.priority = t.priority)"
    )
    if state == "at_risk":
        where.add(f"{NEXT_DUE} < {threshold}", *params)
    else:
        where.add(f"{NEXT_DUE} >= COALESCE({threshold}, '')", *params)


def _amber_thresholds(conn: apsw.Connection, now: datetime) -> list[tuple[int, str, str, str]]:
    """Per (plan, priority): the due times before which a response / resolution is amber now."""
    result: list[tuple[int, str, str, str]] = []
    for plan in load_plans(conn).values():
        if not plan.calendar.has_working_hours:
            continue
        for priority, targets in plan.targets.items():
            response = add_business_seconds(
                plan.calendar, now, int(targets.response_minutes * 60 * AMBER_BELOW)
            )
            resolution = add_business_seconds(
                plan.calendar, now, int(targets.resolution_minutes * 60 * AMBER_BELOW)
            )
            result.append((plan.id, priority, to_db(response), to_db(resolution)))
    return result


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
    t.resolved_at AS resolved_at, t.closed_at AS closed_at, t.sla_paused_since AS paused_since,
    t.sla_paused_seconds AS paused_seconds, sp.calendar_id AS calendar_id, t.version AS version
"""

_ROW_JOINS = """
    LEFT JOIN organizations AS o ON o.id = t.org_id
    LEFT JOIN persons AS pe ON pe.id = t.person_id
    LEFT JOIN categories AS c ON c.id = t.category_id
    LEFT JOIN categories AS cp ON cp.id = c.parent_id
    LEFT JOIN users AS u ON u.id = t.assignee_id
    LEFT JOIN sla_plans AS sp ON sp.id = t.sla_plan_id
"""


def _when(text: str | None) -> datetime | None:
    # fromisoformat reads the stored 'YYYY-MM-DDTHH:MM:SS.ffffffZ' form and is ~20x faster than
    # strptime, which matters at 50 rows x 7 times per page.
    return datetime.fromisoformat(text) if text is not None else None


def _summary(text: str, cut: bool) -> str:
    flat = " ".join(text.split())
    return flat + "…" if cut else flat


def _row(
    *,
    received_at: str,
    summary: str,
    cut: int,
    category: str | None,
    service: str | None,
    response_due_at: str | None,
    resolution_due_at: str | None,
    first_response_at: str | None,
    resolved_at: str | None,
    closed_at: str | None,
    paused_since: str | None,
    paused_seconds: int,
    **columns: Any,
) -> TicketRow:
    clock = SlaClock(
        received_at=datetime.fromisoformat(received_at),
        response_due_at=_when(response_due_at),
        resolution_due_at=_when(resolution_due_at),
        first_response_at=_when(first_response_at),
        resolved_at=_when(resolved_at),
        closed_at=_when(closed_at),
        paused_since=_when(paused_since),
        paused_seconds=paused_seconds,
    )
    return TicketRow(
        summary=_summary(summary, bool(cut)),
        category=f"{service} › {category}" if service is not None else category,
        sla=clock,
        **columns,
    )


def build_where(
    conn: apsw.Connection,
    *,
    view: str,
    filters: ListFilters,
    user_id: int,
    now: datetime,
) -> tuple[str, list[Any]]:
    """The WHERE clause (over ``tickets AS t``) of a view with filters, and its parameters."""
    if now.tzinfo is None:
        raise ValueError("naive datetime: give a time zone")
    where = _Where()
    _view_condition(where, view, user_id=user_id, now=now)
    _filter_conditions(conn, where, filters, now)
    return where.sql, where.params


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
        return total - _scalar(conn, f"SELECT count(*) FROM tickets AS t WHERE {_OPEN}")
    return _scalar(
        conn, f"SELECT count(*) FROM {tickets_source(view, filters)} WHERE {where}", params
    )


def _scalar(conn: apsw.Connection, sql: str, params: list[Any] | None = None) -> int:
    row = conn.execute(sql, params or []).fetchone()
    assert row is not None  # an aggregate always answers one row
    return int(row[0])


def view_counts(conn: apsw.Connection, *, user_id: int, now: datetime) -> dict[str, int]:
    """How many tickets each view holds (the numbers on the view tabs)."""
    counts: dict[str, int] = {}
    for view in VIEWS:
        where, params = build_where(
            conn, view=view, filters=ListFilters(), user_id=user_id, now=now
        )
        counts[view] = _count(conn, view, ListFilters(), where, params)
    return counts
