"""Queries for business calendars and SLA plans (tables calendars, calendar_holidays, sla_plans,
sla_targets; an organisation's plan is organizations.sla_plan_id).

Loading is cheap (a few small rows), so nothing is cached between calls. A page that shows many
tickets calls ``load_plans`` once and looks plans up by id.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date
from typing import Any

import apsw

from appliance.domain.sla import BusinessCalendar
from appliance.domain.workflow import PRIORITIES


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

    def targets_for(self, priority: str) -> SlaTargets | None:
        return self.targets.get(priority)


def _holidays(conn: apsw.Connection, calendar_id: int) -> list[date]:
    return [
        date.fromisoformat(row[0])
        for row in conn.execute(
            "SELECT day FROM calendar_holidays WHERE calendar_id = ?", (calendar_id,)
        )
    ]


def load_calendar(conn: apsw.Connection, calendar_id: int) -> BusinessCalendar | None:
    row = conn.execute(
        "SELECT time_zone, week_hours FROM calendars WHERE id = ?", (calendar_id,)
    ).fetchone()
    if row is None:
        return None
    return BusinessCalendar.from_json(row[0], row[1], _holidays(conn, calendar_id))


def _targets(conn: apsw.Connection, plan_id: int) -> dict[str, SlaTargets]:
    return {
        row[0]: SlaTargets(row[1], row[2])
        for row in conn.execute(
            "SELECT priority, response_minutes, resolution_minutes FROM sla_targets"
            " WHERE plan_id = ?",
            (plan_id,),
        )
    }


def load_plan(conn: apsw.Connection, plan_id: int) -> SlaPlan | None:
    row = conn.execute(
        "SELECT id, name, calendar_id FROM sla_plans WHERE id = ?", (plan_id,)
    ).fetchone()
    if row is None:
        return None
    calendar = load_calendar(conn, row[2])
    assert calendar is not None  # sla_plans.calendar_id is a foreign key
    return SlaPlan(row[0], row[1], row[2], calendar, _targets(conn, row[0]))


def load_plans(conn: apsw.Connection) -> dict[int, SlaPlan]:
    """Every plan by id, each calendar loaded once."""
    calendars: dict[int, BusinessCalendar] = {}
    plans: dict[int, SlaPlan] = {}
    rows: list[tuple[Any, ...]] = conn.execute(
        "SELECT id, name, calendar_id FROM sla_plans ORDER BY id"
    ).fetchall()
    for plan_id, name, calendar_id in rows:
        if calendar_id not in calendars:
            loaded = load_calendar(conn, calendar_id)
            assert loaded is not None
            calendars[calendar_id] = loaded
        plans[plan_id] = SlaPlan(
            plan_id, name, calendar_id, calendars[calendar_id], _targets(conn, plan_id)
        )
    return plans


def plan_id_for_org(conn: apsw.Connection, org_id: int | None) -> int | None:
    if org_id is None:
        return None
    row = conn.execute("SELECT sla_plan_id FROM organizations WHERE id = ?", (org_id,)).fetchone()
    return row[0] if row else None


def plan_for_org(conn: apsw.Connection, org_id: int | None) -> SlaPlan | None:
    plan_id = plan_id_for_org(conn, org_id)
    return load_plan(conn, plan_id) if plan_id is not None else None


# -- writing (settings pages, demo data, tests) -------------------------------------------------


def create_calendar(
    conn: apsw.Connection,
    *,
    name: str,
    calendar: BusinessCalendar,
    holiday_names: Mapping[date, str] | None = None,
) -> int:
    """Store ``calendar`` (its zone, hours and holidays) under ``name``; returns its id.

    Refuses a calendar without any working hours: no due time could ever be reached on it.
    """
    if not name.strip():
        raise ValueError("a calendar needs a name")
    if not calendar.has_working_hours:
        raise ValueError("the calendar has no working hours on any weekday")
    conn.execute(
        "INSERT INTO calendars(name, time_zone, week_hours) VALUES (?, ?, ?)",
        (name.strip(), calendar.time_zone, calendar.to_json()),
    )
    calendar_id = conn.last_insert_rowid()
    set_holidays(conn, calendar_id=calendar_id, holidays=calendar.holidays, names=holiday_names)
    return calendar_id


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


def create_plan(
    conn: apsw.Connection,
    *,
    name: str,
    calendar_id: int,
    targets: Mapping[str, SlaTargets],
    description: str = "",
) -> int:
    """A plan with response/resolution targets (business minutes) per priority; returns its id."""
    if not name.strip():
        raise ValueError("an SLA plan needs a name")
    unknown = set(targets) - set(PRIORITIES)
    if unknown:
        raise ValueError(f"unknown priority {sorted(unknown)}; use {', '.join(PRIORITIES)}")
    for priority, target in targets.items():
        if target.response_minutes <= 0 or target.resolution_minutes <= 0:
            raise ValueError(f"{priority}: SLA targets must be positive numbers of minutes")
    conn.execute(
        "INSERT INTO sla_plans(name, calendar_id, description) VALUES (?, ?, ?)",
        (name.strip(), calendar_id, description),
    )
    plan_id = conn.last_insert_rowid()
    conn.executemany(
        "INSERT INTO sla_targets(plan_id, priority, response_minutes, resolution_minutes)"
        " VALUES (?, ?, ?, ?)",
        [(plan_id, p, t.response_minutes, t.resolution_minutes) for p, t in targets.items()],
    )
    return plan_id
