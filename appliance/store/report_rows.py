"""The rows the reports are computed from (``appliance.reports``): tickets with their SLA moments
and minutes, the work logged on them, time spent per technician, and the lists the filter bar
offers. Every query takes the same ``RowFilter``.

Rows of thousands of tickets are read here, so they are built from tuples through a map of
column names made once per query (still by name, never by position in the SELECT).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, fields
from datetime import datetime
from typing import Any, NamedTuple, TypeVar

import apsw

from appliance.domain.clock import from_db
from appliance.domain.workflow import WORK_KINDS
from appliance.store.categories import LABEL_SQL

R = TypeVar("R")

OPEN_STATUSES = ("new", "in_progress", "waiting")
_USER_NAME = "COALESCE(NULLIF({u}.full_name, ''), {u}.login)"


@dataclass(frozen=True)
class RowFilter:
    """Which tickets: received in [since, until) (stored time text; None: no bound), and the
    filter bar's organisation, technician (the assignee; for time spent, who logged it),
    category (a service takes its problems too) and priority."""

    since: str | None = None
    until: str | None = None
    org_id: int | None = None
    tech_id: int | None = None
    category_id: int | None = None
    priority: str | None = None


@dataclass(frozen=True, slots=True)
class TicketFacts:
    id: int
    number: int
    org_id: int | None
    org_name: str | None
    person_name: str | None
    description: str
    category_id: int | None
    category: str | None  # "Service › Problem"
    service: str | None  # the top level of the category
    equipment_kind: str | None
    priority: str
    status: str
    assignee_id: int | None
    assignee: str | None
    sla_plan_id: int | None
    received_at: datetime
    first_response_at: datetime | None
    resolved_at: datetime | None
    closed_at: datetime | None
    response_due_at: datetime | None
    resolution_due_at: datetime | None
    paused_since: datetime | None
    paused_seconds: int
    minutes_total: int
    minutes_additional: int


class ClockFacts(NamedTuple):
    """What the efficiency report reads of a ticket: its assignee and its SLA clock, every
    moment as UTC microseconds since the epoch (``_us_sql``). A lean row (no text, no names,
    no datetimes) because that report reads every ticket of a period."""

    assignee_id: int | None
    sla_plan_id: int | None
    received_us: int
    first_response_us: int | None
    resolved_us: int | None
    closed_us: int | None
    response_due_us: int | None
    resolution_due_us: int | None
    paused_since_us: int | None
    paused_seconds: int


@dataclass(frozen=True, slots=True)
class WorkAction:
    """A piece of work logged on a ticket (``WORK_KINDS``), for the work report."""

    id: int
    ticket_id: int
    user_id: int | None
    user_name: str | None
    created_at: datetime
    kind: str
    text: str
    minutes: int
    additional_work: bool
    public: bool


@dataclass(frozen=True, slots=True)
class TimeSpent:
    user_id: int | None
    user_name: str | None
    minutes: int
    minutes_additional: int
    actions: int


@dataclass(frozen=True)
class Choice:
    id: int
    label: str


_TIMES = frozenset(
    {"received_at", "first_response_at", "resolved_at", "closed_at", "created_at"}
    | {"response_due_at", "resolution_due_at", "paused_since"}
)


def fetch_rows(
    conn: apsw.Connection, make: Callable[..., R], sql: str, params: Sequence[Any] = ()
) -> list[R]:
    """Rows of ``sql`` as ``make(*values)`` in the order of ``make``'s fields, found by column
    name once; stored times become datetimes, 0/1 flags booleans."""
    cursor = conn.execute(sql, params)
    try:
        names = [column[0] for column in cursor.getdescription()]
    except apsw.ExecutionCompleteError:
        return []
    named: Any = make
    if hasattr(named, "_fields") and hasattr(named, "_make"):
        # A NamedTuple (a row read by the hundred thousand): its fields must be the columns,
        # by name and in order; no conversions.
        if list(named._fields) != names:
            raise ValueError(f"{named.__name__} has fields {named._fields}, the query {names}")
        return list(map(named._make, cursor))
    order = [names.index(f.name) for f in fields(make)]  # type: ignore[arg-type]
    times = [i for i, f in enumerate(fields(make)) if f.name in _TIMES]  # type: ignore[arg-type]
    flags = [i for i, f in enumerate(fields(make)) if f.type == "bool"]  # type: ignore[arg-type]
    out: list[R] = []
    for row in cursor:
        values = [row[i] for i in order]
        for i in times:
            if values[i] is not None:
                values[i] = from_db(values[i])
        for i in flags:
            values[i] = bool(values[i])
        out.append(make(*values))
    return out


def _where(
    f: RowFilter, *, period: bool = True, tech_column: str = "t.assignee_id"
) -> tuple[str, list[Any]]:
    clauses: list[str] = []
    params: list[Any] = []
    if period and f.since is not None:
        clauses.append("t.received_at >= ?")
        params.append(f.since)
    if period and f.until is not None:
        clauses.append("t.received_at < ?")
        params.append(f.until)
    if f.org_id is not None:
        clauses.append("t.org_id = ?")
        params.append(f.org_id)
    if f.tech_id is not None:
        clauses.append(f"{tech_column} = ?")
        params.append(f.tech_id)
    if f.category_id is not None:
        clauses.append("(t.category_id = ? OR c.parent_id = ?)")
        params += [f.category_id, f.category_id]
    if f.priority is not None:
        clauses.append("t.priority = ?")
        params.append(f.priority)
    return " AND ".join(clauses) or "1", params


TICKETS_SQL = (
    "SELECT t.id AS id, t.number AS number, t.org_id AS org_id, o.name AS org_name,"
    " p.full_name AS person_name, t.description AS description, t.category_id AS category_id,"
    f" CASE WHEN c.id IS NULL THEN NULL ELSE {LABEL_SQL} END AS category,"
    " COALESCE(parent.name, c.name) AS service, e.kind AS equipment_kind,"
    " t.priority AS priority, t.status AS status, t.assignee_id AS assignee_id,"
    f" {_USER_NAME.format(u='u')} AS assignee, t.sla_plan_id AS sla_plan_id,"
    " t.received_at AS received_at, t.first_response_at AS first_response_at,"
    " t.resolved_at AS resolved_at, t.closed_at AS closed_at,"
    " t.response_due_at AS response_due_at, t.resolution_due_at AS resolution_due_at,"
    " t.sla_paused_since AS paused_since, t.sla_paused_seconds AS paused_seconds,"
    " COALESCE((SELECT sum(a.minutes) FROM ticket_actions AS a WHERE a.ticket_id = t.id), 0)"
    "   AS minutes_total,"
    " COALESCE((SELECT sum(a.minutes) FROM ticket_actions AS a"
    "   WHERE a.ticket_id = t.id AND a.additional_work = 1), 0) AS minutes_additional"
    " FROM tickets AS t"
    " LEFT JOIN organizations AS o ON o.id = t.org_id"
    " LEFT JOIN persons AS p ON p.id = t.person_id"
    " LEFT JOIN categories AS c ON c.id = t.category_id"
    " LEFT JOIN categories AS parent ON parent.id = c.parent_id"
    " LEFT JOIN equipment AS e ON e.id = t.equipment_id"
    " LEFT JOIN users AS u ON u.id = t.assignee_id"
)


def tickets(conn: apsw.Connection, f: RowFilter) -> list[TicketFacts]:
    """Tickets received in the filter's period, by number."""
    where, params = _where(f)
    return fetch_rows(conn, TicketFacts, f"{TICKETS_SQL} WHERE {where} ORDER BY t.number", params)


def _us_sql(column: str) -> str:
    """A stored moment (``domain.clock.to_db``: 'YYYY-MM-DDTHH:MM:SS.ffffffZ') as UTC
    microseconds since the epoch, exactly: whole seconds by SQLite, the fraction by its digits.
    NULL stays NULL."""
    return f"(unixepoch({column}) * 1000000 + CAST(substr({column}, 21, 6) AS INTEGER))"


def ticket_clocks(conn: apsw.Connection, f: RowFilter) -> list[ClockFacts]:
    """The clocks of the tickets received in the filter's period (the efficiency report)."""
    where, params = _where(f)
    return fetch_rows(
        conn,
        ClockFacts,
        "SELECT t.assignee_id AS assignee_id, t.sla_plan_id AS sla_plan_id,"
        f" {_us_sql('t.received_at')} AS received_us,"
        f" {_us_sql('t.first_response_at')} AS first_response_us,"
        f" {_us_sql('t.resolved_at')} AS resolved_us, {_us_sql('t.closed_at')} AS closed_us,"
        f" {_us_sql('t.response_due_at')} AS response_due_us,"
        f" {_us_sql('t.resolution_due_at')} AS resolution_due_us,"
        f" {_us_sql('t.sla_paused_since')} AS paused_since_us,"
        " t.sla_paused_seconds AS paused_seconds"
        " FROM tickets AS t LEFT JOIN categories AS c ON c.id = t.category_id"
        f" WHERE {where}",
        params,
    )


def open_tickets(conn: apsw.Connection, f: RowFilter) -> list[TicketFacts]:
    """Tickets open now (whenever received), for the backlog; the period is not applied."""
    where, params = _where(f, period=False)
    marks = ", ".join("?" * len(OPEN_STATUSES))
    return fetch_rows(
        conn,
        TicketFacts,
        f"{TICKETS_SQL} WHERE t.status IN ({marks}) AND {where} ORDER BY t.number",
        [*OPEN_STATUSES, *params],
    )


_WORK_MARKS = ", ".join("?" * len(WORK_KINDS))
# The same kinds as literals, as the partial index ``ticket_actions_work`` names them.
WORK_KINDS_SQL = ", ".join(f"'{kind}'" for kind in WORK_KINDS)


def worked_tickets(conn: apsw.Connection, f: RowFilter) -> list[TicketFacts]:
    """Tickets received in the period or with work logged in it: what a work report covers."""
    where, params = _where(f, period=False)
    return fetch_rows(
        conn,
        TicketFacts,
        f"{TICKETS_SQL} WHERE {where} AND ((t.received_at >= ? AND t.received_at < ?)"
        " OR EXISTS (SELECT 1 FROM ticket_actions AS w WHERE w.ticket_id = t.id"
        f"   AND w.kind IN ({_WORK_MARKS}) AND w.created_at >= ? AND w.created_at < ?))"
        " ORDER BY t.number",
        [*params, f.since, f.until, *WORK_KINDS, f.since, f.until],
    )


def work_actions(conn: apsw.Connection, f: RowFilter) -> list[WorkAction]:
    """Work logged in the period on tickets matching the filter, oldest first. Internal ones
    are included: the report decides what a client may read."""
    where, params = _where(f, period=False)
    return fetch_rows(
        conn,
        WorkAction,
        "SELECT a.id AS id, a.ticket_id AS ticket_id, a.user_id AS user_id,"
        f" {_USER_NAME.format(u='u')} AS user_name, a.created_at AS created_at, a.kind AS kind,"
        " a.text AS text, a.minutes AS minutes, a.additional_work AS additional_work,"
        " a.visibility = 'public' AS public"
        " FROM ticket_actions AS a JOIN tickets AS t ON t.id = a.ticket_id"
        " LEFT JOIN categories AS c ON c.id = t.category_id"
        " LEFT JOIN users AS u ON u.id = a.user_id"
        f" WHERE a.kind IN ({_WORK_MARKS}) AND a.created_at >= ? AND a.created_at < ?"
        f" AND {where} ORDER BY a.ticket_id, a.created_at, a.id",
        [*WORK_KINDS, f.since, f.until, *params],
    )


def time_spent(conn: apsw.Connection, f: RowFilter) -> list[TimeSpent]:
    """Minutes logged in the period per person who logged them (the technician filter picks the
    person), on tickets matching the other filters; most first."""
    sql, params = time_spent_query(f)
    return fetch_rows(conn, TimeSpent, sql, params)


def time_spent_query(f: RowFilter) -> tuple[str, list[Any]]:
    """``time_spent``'s query. The tickets are joined only when a filter needs them: summing the
    whole team's half year then reads the covering index ``ticket_actions_work`` alone (0.79 ->
    0.14 s for 960,000 actions). The kinds are written as literals, which is how SQLite sees
    that the partial index's condition holds."""
    where, params = _where(f, period=False, tech_column="a.user_id")
    tickets_needed = f.org_id is not None or f.category_id is not None or f.priority is not None
    joins = (
        " JOIN tickets AS t ON t.id = a.ticket_id LEFT JOIN categories AS c ON c.id = t.category_id"
        if tickets_needed
        else ""
    )
    sql = (
        "SELECT s.user_id AS user_id, "
        f" {_USER_NAME.format(u='u')} AS user_name, s.minutes AS minutes,"
        " s.minutes_additional AS minutes_additional, s.actions AS actions"
        " FROM (SELECT a.user_id AS user_id, sum(a.minutes) AS minutes,"
        "   sum(a.minutes * a.additional_work) AS minutes_additional, count(*) AS actions"
        f"   FROM ticket_actions AS a{joins}"
        f"   WHERE a.kind IN ({WORK_KINDS_SQL}) AND a.created_at >= ? AND a.created_at < ?"
        f"   AND {where} GROUP BY a.user_id) AS s"
        " LEFT JOIN users AS u ON u.id = s.user_id ORDER BY s.minutes DESC, user_name"
    )
    return sql, [f.since, f.until, *params]


# -- the filter bar's lists ----------------------------------------------------------------


def organisation_choices(conn: apsw.Connection) -> list[Choice]:
    return fetch_rows(
        conn, Choice, "SELECT id, name AS label FROM organizations ORDER BY name COLLATE NOCASE"
    )


def technician_choices(conn: apsw.Connection) -> list[Choice]:
    """Everyone who may work tickets (and anyone a ticket is assigned to), by name."""
    return fetch_rows(
        conn,
        Choice,
        f"SELECT u.id AS id, {_USER_NAME.format(u='u')} AS label FROM users AS u"
        " WHERE u.role IN ('admin', 'technician')"
        " OR EXISTS (SELECT 1 FROM tickets AS t WHERE t.assignee_id = u.id)"
        " ORDER BY label COLLATE NOCASE",
    )


def category_choices(conn: apsw.Connection) -> list[Choice]:
    return fetch_rows(
        conn,
        Choice,
        f"SELECT c.id AS id, {LABEL_SQL} AS label FROM categories AS c"
        " LEFT JOIN categories AS parent ON parent.id = c.parent_id ORDER BY label",
    )


def org_id_by_name(conn: apsw.Connection, name: str) -> int | None:
    row = conn.execute(
        "SELECT id FROM organizations WHERE name = ? COLLATE NOCASE OR short_name = ?"
        " COLLATE NOCASE ORDER BY name = ? COLLATE NOCASE DESC LIMIT 1",
        (name, name, name),
    ).fetchone()
    return int(row[0]) if row else None


def user_id_by_login(conn: apsw.Connection, login: str) -> int | None:
    row = conn.execute("SELECT id FROM users WHERE login = ?", (login,)).fetchone()
    return int(row[0]) if row else None
