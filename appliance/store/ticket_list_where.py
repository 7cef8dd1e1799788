"""The WHERE clause of the ticket list: ready views and filters, as SQL over ``tickets AS t``.

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
from appliance.domain.sla import AMBER_BELOW, add_business_seconds
from appliance.domain.text_search import parse
from appliance.domain.workflow import OPEN_STATUSES, PRIORITIES, STATUSES
from appliance.store.search import ticket_text_condition
from appliance.store.sla import load_plans

View = Literal["new", "mine", "unassigned", "breaching", "open", "closed", "all"]
# The ready views, and "all" (what a search from the header looks through).
VIEWS: tuple[View, ...] = ("new", "mine", "unassigned", "breaching", "open", "closed", "all")
SLA_STATES = ("ok", "at_risk", "breached", "paused")
# "Breaching soon": the next due time is at most this far away (or already passed).
BREACHING_WITHIN = timedelta(hours=2)
UNASSIGNED = "none"

# The SQL literals below must read exactly like the partial indexes' WHERE clauses (0003), or
# SQLite cannot prove the index covers the query.
OPEN = "t.status IN ('new', 'in_progress', 'waiting')"
# Closed as "not open" on purpose: an IN over the status index would make SQLite fetch every
# closed ticket and sort them; a NOT IN leaves it free to walk the received_at index backwards and
# stop after one page (or to use the index of another filter, such as the organisation's).
_CLOSED = "t.status NOT IN ('new', 'in_progress', 'waiting')"
# The due time the SLA timer counts down to; the same expression as index tickets_next_due.
NEXT_DUE = (
    "(CASE WHEN t.first_response_at IS NULL AND t.response_due_at IS NOT NULL"
    " THEN t.response_due_at ELSE t.resolution_due_at END)"
)

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
        where.add(OPEN)
        where.add("t.assignee_id = ?", user_id)
    elif view == "unassigned":
        where.add(OPEN)
        where.add("t.assignee_id IS NULL")
    elif view == "breaching":
        where.add(OPEN)
        where.add("t.sla_paused_since IS NULL")
        where.add(f"{NEXT_DUE} <= ?", to_db(now + BREACHING_WITHIN))
    elif view == "open":
        where.add(OPEN)
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
    where.add(OPEN)
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
