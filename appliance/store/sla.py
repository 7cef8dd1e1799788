"""Queries for business calendars and SLA plans (tables calendars, calendar_holidays, sla_plans,
sla_targets; an organisation's plan is organizations.sla_plan_id).

Loading is cheap (a few small rows), so nothing is cached between calls. A page that shows many
tickets calls ``load_plans`` once and looks plans up by id.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date

import apsw

from appliance.domain.errors import Conflict, InvalidInput, NotFound
from appliance.domain.sla import BusinessCalendar
from appliance.domain.workflow import OPEN_STATUSES, PRIORITIES
from appliance.store.rows import fetch_all, fetch_one

DEFAULT_WARN_PERCENT = 75
# The clock always stands still once resolved or closed; a plan chooses which open statuses
# stop it too. 'new' is not offered: a ticket nobody has looked at must run its clock.
PAUSABLE_STATUSES = ("in_progress", "waiting")
TWENTY_FOUR_SEVEN = "24×7"


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
    warn_percent: int = DEFAULT_WARN_PERCENT
    pause_statuses: tuple[str, ...] = ("waiting",)
    is_default: bool = False

    def targets_for(self, priority: str) -> SlaTargets | None:
        return self.targets.get(priority)


@dataclass(frozen=True)
class CalendarInfo:
    """A stored calendar as a settings page lists it."""

    id: int
    name: str
    calendar: BusinessCalendar
    holiday_names: Mapping[date, str]
    workday_names: Mapping[date, str]


@dataclass(frozen=True)
class _Holiday:
    day: str
    name: str
    kind: str


def _days(conn: apsw.Connection, calendar_id: int) -> tuple[dict[date, str], dict[date, str]]:
    """(holidays, moved working days), each date -> name."""
    holidays: dict[date, str] = {}
    workdays: dict[date, str] = {}
    for row in fetch_all(
        conn,
        _Holiday,
        "SELECT day, name, kind FROM calendar_holidays WHERE calendar_id = ? ORDER BY day",
        (calendar_id,),
    ):
        (workdays if row.kind == "workday" else holidays)[date.fromisoformat(row.day)] = row.name
    return holidays, workdays


@dataclass(frozen=True)
class _CalendarRow:
    id: int
    name: str
    time_zone: str
    week_hours: str


def _calendar(conn: apsw.Connection, row: _CalendarRow) -> BusinessCalendar:
    holidays, workdays = _days(conn, row.id)
    return BusinessCalendar.from_json(row.time_zone, row.week_hours, holidays, workdays)


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
    found = []
    for row in rows:
        holidays, workdays = _days(conn, row.id)
        calendar = BusinessCalendar.from_json(row.time_zone, row.week_hours, holidays, workdays)
        found.append(CalendarInfo(row.id, row.name, calendar, holidays, workdays))
    return found


def calendar_id_by_name(conn: apsw.Connection, name: str) -> int:
    row = conn.execute("SELECT id FROM calendars WHERE name = ?", (name.strip(),)).fetchone()
    if row is None:
        raise NotFound("sla.error.calendar_missing")
    return int(row[0])


def ensure_twenty_four_seven(conn: apsw.Connection) -> int:
    """The id of the built-in round-the-clock calendar (no holidays), made on first use: a 24×7
    plan is a plan on it."""
    row = conn.execute("SELECT id FROM calendars WHERE name = ?", (TWENTY_FOUR_SEVEN,)).fetchone()
    if row is not None:
        return int(row[0])
    return create_calendar(
        conn, name=TWENTY_FOUR_SEVEN, calendar=BusinessCalendar.twenty_four_seven("UTC")
    )


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
    warn_percent: int
    pause_statuses: str
    is_default: int


_PLAN_SQL = (
    "SELECT id, name, calendar_id, description, warn_percent, pause_statuses, is_default"
    " FROM sla_plans"
)


def _plan(row: _PlanRow, calendar: BusinessCalendar, targets: dict[str, SlaTargets]) -> SlaPlan:
    return SlaPlan(
        row.id,
        row.name,
        row.calendar_id,
        calendar,
        targets,
        row.description,
        row.warn_percent,
        tuple(json.loads(row.pause_statuses)),
        bool(row.is_default),
    )


def load_plan(conn: apsw.Connection, plan_id: int) -> SlaPlan | None:
    row = fetch_one(conn, _PlanRow, f"{_PLAN_SQL} WHERE id = ?", (plan_id,))
    if row is None:
        return None
    calendar = load_calendar(conn, row.calendar_id)
    assert calendar is not None  # sla_plans.calendar_id is a foreign key
    return _plan(row, calendar, _targets(conn, row.id))


def load_plans(conn: apsw.Connection) -> dict[int, SlaPlan]:
    """Every plan by id, each calendar loaded once."""
    calendars: dict[int, BusinessCalendar] = {}
    plans: dict[int, SlaPlan] = {}
    for row in fetch_all(conn, _PlanRow, f"{_PLAN_SQL} ORDER BY id"):
        if row.calendar_id not in calendars:
            loaded = load_calendar(conn, row.calendar_id)
            assert loaded is not None
            calendars[row.calendar_id] = loaded
        plans[row.id] = _plan(row, calendars[row.calendar_id], _targets(conn, row.id))
    return plans


def list_plans(conn: apsw.Connection) -> list[SlaPlan]:
    """Every plan, by name."""
    return sorted(load_plans(conn).values(), key=lambda plan: (plan.name.casefold(), plan.id))


@dataclass(frozen=True)
class _PlanOfOrg:
    sla_plan_id: int | None


def default_plan_id(conn: apsw.Connection) -> int | None:
    row = conn.execute("SELECT id FROM sla_plans WHERE is_default = 1").fetchone()
    return int(row[0]) if row else None


def plan_id_for_org(conn: apsw.Connection, org_id: int | None) -> int | None:
    """The organisation's plan, or the default plan when it has none (or there is no
    organisation)."""
    if org_id is not None:
        row = fetch_one(
            conn, _PlanOfOrg, "SELECT sla_plan_id FROM organizations WHERE id = ?", (org_id,)
        )
        if row is not None and row.sla_plan_id is not None:
            return row.sla_plan_id
    return default_plan_id(conn)


def plan_id_by_name(conn: apsw.Connection, name: str) -> int:
    row = conn.execute("SELECT id FROM sla_plans WHERE name = ?", (name.strip(),)).fetchone()
    if row is None:
        raise NotFound("sla.error.plan_missing")
    return int(row[0])


@dataclass(frozen=True)
class OrgPlan:
    """An organisation and its plan, as the SLA page lists them."""

    id: int
    name: str
    sla_plan_id: int | None
    open_tickets: int


def list_org_plans(conn: apsw.Connection) -> list[OrgPlan]:
    marks = ", ".join("?" * len(OPEN_STATUSES))
    return fetch_all(
        conn,
        OrgPlan,
        "SELECT o.id, o.name, o.sla_plan_id,"
        f" (SELECT count(*) FROM tickets AS t WHERE t.org_id = o.id AND t.status IN ({marks}))"
        " AS open_tickets FROM organizations AS o WHERE o.active = 1"
        " ORDER BY o.name COLLATE NOCASE, o.id",
        OPEN_STATUSES,
    )


def org_id_by_name(conn: apsw.Connection, name: str) -> int:
    row = conn.execute(
        "SELECT id FROM organizations WHERE name = ? OR (short_name = ? AND short_name <> '')"
        " ORDER BY name = ? DESC LIMIT 1",
        (name.strip(), name.strip(), name.strip()),
    ).fetchone()
    if row is None:
        raise NotFound("sla.error.org_missing", name=name)
    return int(row[0])


def set_org_plan(conn: apsw.Connection, org_id: int, plan_id: int | None) -> None:
    if conn.execute("SELECT 1 FROM organizations WHERE id = ?", (org_id,)).fetchone() is None:
        raise NotFound("sla.error.org_missing", name=str(org_id))
    if plan_id is not None and load_plan(conn, plan_id) is None:
        raise NotFound("sla.error.plan_missing")
    conn.execute("UPDATE organizations SET sla_plan_id = ? WHERE id = ?", (plan_id, org_id))


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
    """Store ``calendar`` (its zone, hours, holidays and moved working days) under ``name``;
    returns its id. ``holiday_names`` names holidays and working days alike."""
    name = _calendar_name(conn, name)
    _check_hours(calendar)
    conn.execute(
        "INSERT INTO calendars(name, time_zone, week_hours) VALUES (?, ?, ?)",
        (name, calendar.time_zone, calendar.to_json()),
    )
    calendar_id = conn.last_insert_rowid()
    set_holidays(
        conn,
        calendar_id=calendar_id,
        holidays=calendar.holidays,
        names=holiday_names,
        workdays=calendar.workdays,
    )
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
        set_holidays(
            conn,
            calendar_id=calendar_id,
            holidays=calendar.holidays,
            names=holiday_names,
            workdays=calendar.workdays,
        )


def set_holidays(
    conn: apsw.Connection,
    *,
    calendar_id: int,
    holidays: Iterable[date],
    names: Mapping[date, str] | None = None,
    workdays: Iterable[date] = (),
) -> None:
    """Replace the calendar's holidays and moved working days (a date in both is a holiday)."""
    names = names or {}
    holidays = set(holidays)
    kinds = {day: "workday" for day in workdays if day not in holidays}
    kinds.update(dict.fromkeys(holidays, "holiday"))
    conn.execute("DELETE FROM calendar_holidays WHERE calendar_id = ?", (calendar_id,))
    conn.executemany(
        "INSERT INTO calendar_holidays(calendar_id, day, name, kind) VALUES (?, ?, ?, ?)",
        [(calendar_id, day.isoformat(), names.get(day, ""), kinds[day]) for day in sorted(kinds)],
    )


def merge_days(
    conn: apsw.Connection, *, calendar_id: int, days: Mapping[date, tuple[str, str]]
) -> int:
    """Add imported dates (date -> (kind, name)) to the calendar; an imported date replaces what
    the calendar had on that date. Returns how many dates were written."""
    if load_calendar(conn, calendar_id) is None:
        raise NotFound("sla.error.calendar_missing")
    conn.executemany(
        "INSERT INTO calendar_holidays(calendar_id, day, name, kind) VALUES (?, ?, ?, ?)"
        " ON CONFLICT(calendar_id, day) DO UPDATE SET name = excluded.name, kind = excluded.kind",
        [(calendar_id, day.isoformat(), name, kind) for day, (kind, name) in sorted(days.items())],
    )
    return len(days)


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


def _check_options(warn_percent: int | None, pause_statuses: Iterable[str] | None) -> None:
    if warn_percent is not None and (
        not isinstance(warn_percent, int) or not 1 <= warn_percent <= 99
    ):
        raise InvalidInput("sla.error.warn_percent")
    if pause_statuses is not None:
        unknown = set(pause_statuses) - set(PAUSABLE_STATUSES)
        if unknown:
            raise InvalidInput("sla.error.pause_status", statuses=", ".join(sorted(unknown)))


def _make_default(conn: apsw.Connection, plan_id: int) -> None:
    conn.execute("UPDATE sla_plans SET is_default = 0 WHERE is_default = 1 AND id <> ?", (plan_id,))
    conn.execute("UPDATE sla_plans SET is_default = 1 WHERE id = ?", (plan_id,))


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
    warn_percent: int = DEFAULT_WARN_PERCENT,
    pause_statuses: Iterable[str] = ("waiting",),
    is_default: bool = False,
) -> int:
    """A plan with response/resolution targets (business minutes) per priority; returns its id.
    ``is_default`` makes it the plan of organisations without one (the previous default stops
    being it)."""
    name = _plan_name(conn, name)
    _check_targets(targets)
    _check_calendar_id(conn, calendar_id)
    pause_statuses = tuple(pause_statuses)
    _check_options(warn_percent, pause_statuses)
    conn.execute(
        "INSERT INTO sla_plans(name, calendar_id, description, warn_percent, pause_statuses)"
        " VALUES (?, ?, ?, ?, ?)",
        (name, calendar_id, description, warn_percent, json.dumps(list(pause_statuses))),
    )
    plan_id = conn.last_insert_rowid()
    _write_targets(conn, plan_id, targets)
    if is_default:
        _make_default(conn, plan_id)
    return plan_id


def update_plan(
    conn: apsw.Connection,
    plan_id: int,
    *,
    name: str | None = None,
    calendar_id: int | None = None,
    description: str | None = None,
    targets: Mapping[str, SlaTargets] | None = None,
    warn_percent: int | None = None,
    pause_statuses: Iterable[str] | None = None,
    is_default: bool | None = None,
) -> None:
    """Change what is given; ``targets`` replaces every target. The due times of open tickets
    are recomputed by the caller (``appliance.store.sla_recompute``)."""
    if load_plan(conn, plan_id) is None:
        raise NotFound("sla.error.plan_missing")
    pause_statuses = tuple(pause_statuses) if pause_statuses is not None else None
    _check_options(warn_percent, pause_statuses)
    if warn_percent is not None:
        conn.execute("UPDATE sla_plans SET warn_percent = ? WHERE id = ?", (warn_percent, plan_id))
    if pause_statuses is not None:
        conn.execute(
            "UPDATE sla_plans SET pause_statuses = ? WHERE id = ?",
            (json.dumps(list(pause_statuses)), plan_id),
        )
    if is_default is True:
        _make_default(conn, plan_id)
    elif is_default is False:
        conn.execute("UPDATE sla_plans SET is_default = 0 WHERE id = ?", (plan_id,))
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


def set_day(conn: apsw.Connection, *, calendar_id: int, day: date, kind: str, name: str) -> None:
    """Add or change one date of the calendar by hand."""
    if kind not in ("holiday", "workday"):
        raise InvalidInput("sla.error.day_kind")
    merge_days(conn, calendar_id=calendar_id, days={day: (kind, name.strip()[:200])})


def remove_day(conn: apsw.Connection, *, calendar_id: int, day: date) -> None:
    if load_calendar(conn, calendar_id) is None:
        raise NotFound("sla.error.calendar_missing")
    conn.execute(
        "DELETE FROM calendar_holidays WHERE calendar_id = ? AND day = ?",
        (calendar_id, day.isoformat()),
    )
