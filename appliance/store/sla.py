"""Queries for business calendars and SLA plans (tables calendars, calendar_holidays, sla_plans,
sla_targets; an organisation's plan is organizations.sla_plan_id).

Loading is cheap (a few small rows), so nothing is cached between calls. A page that shows many
tickets calls ``load_plans`` once and looks plans up by id.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date

import apsw

from appliance.domain.errors import Conflict, InvalidInput, NotFound
from appliance.domain.sla import BusinessCalendar
from appliance.domain.workflow import PRIORITIES
from appliance.store.rows import fetch_all, fetch_one


@dataclass(frozen=True)
class SlaTargets:
    response_minutes: int
    resolution_minutes: int


@dataclass(frozen=True)
class SlaPlan:
    id: int
    name: str
    calendar_id: int
    calendar: BusinessCalendar
    targets: Mapping[str, SlaTargets]  # priority -> targets; a priority may have none
    description: str = ""

    def targets_for(self, priority: str) -> SlaTargets | None:
        return self.targets.get(priority)


@dataclass(frozen=True)
class CalendarInfo:
    """A stored calendar as a settings page lists it."""

    id: int
    name: str
    calendar: BusinessCalendar
    holiday_names: Mapping[date, str]


@dataclass(frozen=True)
class _Holiday:
    day: str
    name: str


def _holidays(conn: apsw.Connection, calendar_id: int) -> dict[date, str]:
    return {
        date.fromisoformat(row.day): row.name
        for row in fetch_all(
            conn,
            _Holiday,
            "SELECT day, name FROM calendar_holidays WHERE calendar_id = ? ORDER BY day",
            (calendar_id,),
        )
    }


@dataclass(frozen=True)
class _CalendarRow:
    id: int
    name: str
    time_zone: str
    week_hours: str


def _calendar(conn: apsw.Connection, row: _CalendarRow) -> BusinessCalendar:
    return BusinessCalendar.from_json(row.time_zone, row.week_hours, _holidays(conn, row.id))


def load_calendar(conn: apsw.Connection, calendar_id: int) -> BusinessCalendar | None:
    row = fetch_one(
        conn,
        _CalendarRow,
        "SELECT id, name, time_zone, week_hours FROM calendars WHERE id = ?",
        (calendar_id,),
    )
    return _calendar(conn, row) if row is not None else None


def list_calendars(conn: apsw.Connection) -> list[CalendarInfo]:
    rows = fetch_all(
        conn,
        _CalendarRow,
        "SELECT id, name, time_zone, week_hours FROM calendars ORDER BY name COLLATE NOCASE, id",
    )
    return [
        CalendarInfo(row.id, row.name, _calendar(conn, row), _holidays(conn, row.id))
        for row in rows
    ]


@dataclass(frozen=True)
class _Target:
    priority: str
    response_minutes: int
    resolution_minutes: int


def _targets(conn: apsw.Connection, plan_id: int) -> dict[str, SlaTargets]:
    return {
        row.priority: SlaTargets(row.response_minutes, row.resolution_minutes)
        for row in fetch_all(
            conn,
            _Target,
            "SELECT priority, response_minutes, resolution_minutes FROM sla_targets"
            " WHERE plan_id = ?",
            (plan_id,),
        )
    }


@dataclass(frozen=True)
class _PlanRow:
    id: int
    name: str
    calendar_id: int
    description: str


_PLAN_SQL = "SELECT id, name, calendar_id, description FROM sla_plans"


def load_plan(conn: apsw.Connection, plan_id: int) -> SlaPlan | None:
    row = fetch_one(conn, _PlanRow, f"{_PLAN_SQL} WHERE id = ?", (plan_id,))
    if row is None:
        return None
    calendar = load_calendar(conn, row.calendar_id)
    assert calendar is not None  # sla_plans.calendar_id is a foreign key
    return SlaPlan(
        row.id, row.name, row.calendar_id, calendar, _targets(conn, row.id), row.description
    )


def load_plans(conn: apsw.Connection) -> dict[int, SlaPlan]:
    """Every plan by id, each calendar loaded once."""
    calendars: dict[int, BusinessCalendar] = {}
    plans: dict[int, SlaPlan] = {}
    for row in fetch_all(conn, _PlanRow, f"{_PLAN_SQL} ORDER BY id"):
        if row.calendar_id not in calendars:
            loaded = load_calendar(conn, row.calendar_id)
            assert loaded is not None
            calendars[row.calendar_id] = loaded
        plans[row.id] = SlaPlan(
            row.id,
            row.name,
            row.calendar_id,
            calendars[row.calendar_id],
            _targets(conn, row.id),
            row.description,
        )
    return plans


def list_plans(conn: apsw.Connection) -> list[SlaPlan]:
    """Every plan, by name."""
    return sorted(load_plans(conn).values(), key=lambda plan: (plan.name.casefold(), plan.id))


@dataclass(frozen=True)
class _PlanOfOrg:
    sla_plan_id: int | None


def plan_id_for_org(conn: apsw.Connection, org_id: int | None) -> int | None:
    if org_id is None:
        return None
    row = fetch_one(
        conn, _PlanOfOrg, "SELECT sla_plan_id FROM organizations WHERE id = ?", (org_id,)
    )
    return row.sla_plan_id if row else None


# -- writing (settings, demo data, tests) -----------------------------------------------------


def _calendar_name(conn: apsw.Connection, name: str, *, other_than: int | None = None) -> str:
    name = name.strip()
    if not name:
        raise InvalidInput("sla.error.calendar_name_empty")
    if conn.execute(
        "SELECT 1 FROM calendars WHERE name = ? AND id IS NOT ?", (name, other_than)
    ).fetchone():
        raise Conflict("sla.error.calendar_name_taken", name=name)
    return name


def _check_hours(calendar: BusinessCalendar) -> None:
    # No due time could ever be reached on a calendar without working hours.
    if not calendar.has_working_hours:
        raise InvalidInput("sla.error.no_working_hours")


def create_calendar(
    conn: apsw.Connection,
    *,
    name: str,
    calendar: BusinessCalendar,
    holiday_names: Mapping[date, str] | None = None,
) -> int:
    """Store ``calendar`` (its zone, hours and holidays) under ``name``; returns its id."""
    name = _calendar_name(conn, name)
    _check_hours(calendar)
    conn.execute(
        "INSERT INTO calendars(name, time_zone, week_hours) VALUES (?, ?, ?)",
        (name, calendar.time_zone, calendar.to_json()),
    )
    calendar_id = conn.last_insert_rowid()
    set_holidays(conn, calendar_id=calendar_id, holidays=calendar.holidays, names=holiday_names)
    return calendar_id


def update_calendar(
    conn: apsw.Connection,
    calendar_id: int,
    *,
    name: str | None = None,
    calendar: BusinessCalendar | None = None,
    holiday_names: Mapping[date, str] | None = None,
) -> None:
    """Rename the calendar and/or replace its zone, hours and holidays (from ``calendar``).

    Due times of tickets already received stay as they were computed."""
    if load_calendar(conn, calendar_id) is None:
        raise NotFound("sla.error.calendar_missing")
    if name is not None:
        conn.execute(
            "UPDATE calendars SET name = ? WHERE id = ?",
            (_calendar_name(conn, name, other_than=calendar_id), calendar_id),
        )
    if calendar is not None:
        _check_hours(calendar)
        conn.execute(
            "UPDATE calendars SET time_zone = ?, week_hours = ? WHERE id = ?",
            (calendar.time_zone, calendar.to_json(), calendar_id),
        )
        set_holidays(conn, calendar_id=calendar_id, holidays=calendar.holidays, names=holiday_names)


def set_holidays(
    conn: apsw.Connection,
    *,
    calendar_id: int,
    holidays: Iterable[date],
    names: Mapping[date, str] | None = None,
) -> None:
    """Replace the calendar's holidays."""
    names = names or {}
    conn.execute("DELETE FROM calendar_holidays WHERE calendar_id = ?", (calendar_id,))
    conn.executemany(
        "INSERT INTO calendar_holidays(calendar_id, day, name) VALUES (?, ?, ?)",
        [(calendar_id, day.isoformat(), names.get(day, "")) for day in sorted(set(holidays))],
    )


def _plan_name(conn: apsw.Connection, name: str, *, other_than: int | None = None) -> str:
    name = name.strip()
    if not name:
        raise InvalidInput("sla.error.plan_name_empty")
    if conn.execute(
        "SELECT 1 FROM sla_plans WHERE name = ? AND id IS NOT ?", (name, other_than)
    ).fetchone():
        raise Conflict("sla.error.plan_name_taken", name=name)
    return name


def _check_calendar_id(conn: apsw.Connection, calendar_id: int) -> None:
    if load_calendar(conn, calendar_id) is None:
        raise InvalidInput("sla.error.calendar_unknown")


def _check_targets(targets: Mapping[str, SlaTargets]) -> None:
    unknown = set(targets) - set(PRIORITIES)
    if unknown:
        raise InvalidInput("sla.error.priority_unknown", priorities=", ".join(sorted(unknown)))
    for priority, target in targets.items():
        if target.response_minutes <= 0 or target.resolution_minutes <= 0:
            raise InvalidInput("sla.error.target_not_positive", priority=priority)


def _write_targets(conn: apsw.Connection, plan_id: int, targets: Mapping[str, SlaTargets]) -> None:
    conn.execute("DELETE FROM sla_targets WHERE plan_id = ?", (plan_id,))
    conn.executemany(
        "INSERT INTO sla_targets(plan_id, priority, response_minutes, resolution_minutes)"
        " VALUES (?, ?, ?, ?)",
        [(plan_id, p, t.response_minutes, t.resolution_minutes) for p, t in targets.items()],
    )


def create_plan(
    conn: apsw.Connection,
    *,
    name: str,
    calendar_id: int,
    targets: Mapping[str, SlaTargets],
    description: str = "",
) -> int:
    """A plan with response/resolution targets (business minutes) per priority; returns its id."""
    name = _plan_name(conn, name)
    _check_targets(targets)
    _check_calendar_id(conn, calendar_id)
    conn.execute(
        "INSERT INTO sla_plans(name, calendar_id, description) VALUES (?, ?, ?)",
        (name, calendar_id, description),
    )
    plan_id = conn.last_insert_rowid()
    _write_targets(conn, plan_id, targets)
    return plan_id


def update_plan(
    conn: apsw.Connection,
    plan_id: int,
    *,
    name: str | None = None,
    calendar_id: int | None = None,
    description: str | None = None,
    targets: Mapping[str, SlaTargets] | None = None,
) -> None:
    """Change what is given; ``targets`` replaces every target. Tickets already received keep
    the due times computed when they arrived."""
    if load_plan(conn, plan_id) is None:
        raise NotFound("sla.error.plan_missing")
    if name is not None:
        name = _plan_name(conn, name, other_than=plan_id)
        conn.execute("UPDATE sla_plans SET name = ? WHERE id = ?", (name, plan_id))
    if calendar_id is not None:
        _check_calendar_id(conn, calendar_id)
        conn.execute("UPDATE sla_plans SET calendar_id = ? WHERE id = ?", (calendar_id, plan_id))
    if description is not None:
        conn.execute("UPDATE sla_plans SET description = ? WHERE id = ?", (description, plan_id))
    if targets is not None:
        _check_targets(targets)
        _write_targets(conn, plan_id, targets)
