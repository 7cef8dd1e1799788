"""Business calendars (with holidays and moved working days) and SLA plans (per-priority
targets, warning share, pause statuses, the default plan), and which plan each organisation has:
settings, so writing needs ``MANAGE_SETTINGS`` (admins). Reading them does too: only the
settings show them whole (ticket pages get their SLA clock from the ticket services).

Every change that can move due times (a plan's targets or calendar, a calendar's hours or days,
an organisation's plan, the default plan) recomputes the open tickets it touches in the same
transaction as the change and its audit row (``appliance.store.sla_recompute``): the business
time already used and the time the clock stood still are kept, met targets stay met, and each
ticket whose due times moved gets a history line.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from datetime import date, datetime
from typing import TypeVar

import apsw

from appliance.domain.calendar_days import Days, parse_file, public_days
from appliance.domain.clock import utc_now
from appliance.domain.permissions import Permission
from appliance.domain.sla import BusinessCalendar
from appliance.services.actor import Actor, acting_user
from appliance.services.audited import checked_read
from appliance.services.types import Store
from appliance.store import audit, sla, sla_recompute
from appliance.store.sla import (
    DEFAULT_WARN_PERCENT,
    PAUSABLE_STATUSES,
    TWENTY_FOUR_SEVEN,
    CalendarInfo,
    OrgPlan,
    SlaPlan,
    SlaTargets,
)

__all__ = [
    "DEFAULT_WARN_PERCENT",
    "PAUSABLE_STATUSES",
    "TWENTY_FOUR_SEVEN",
    "BusinessCalendar",
    "CalendarInfo",
    "OrgPlan",
    "SlaPlan",
    "SlaTargets",
]

_MANAGE = Permission.MANAGE_SETTINGS
T = TypeVar("T")


@dataclass(frozen=True)
class Recomputed:
    """What a change did: the id it made or changed, and how many open tickets' due times moved."""

    id: int
    tickets: int


def _given(**values: object) -> str:
    return "fields=" + ",".join(sorted(name for name, value in values.items() if value is not None))


async def _write(
    store: Store,
    actor: Actor,
    change: Callable[[apsw.Connection], Recomputed],
    *,
    action: str,
    object_type: str,
    detail: str,
) -> Recomputed:
    """The change, its recomputation and its audit row (with the number of tickets whose due
    times moved, when any did) in one transaction, by an actor who may manage settings now."""

    def write(conn: apsw.Connection) -> Recomputed:
        acting_user(conn, actor, _MANAGE)
        done = change(conn)
        audit.record(
            conn,
            user_id=actor.user_id,
            action=action,
            object_type=object_type,
            object_id=done.id,
            detail=f"{detail}; recomputed={done.tickets}" if done.tickets else detail,
            remote_addr=actor.audit_addr,
        )
        return done

    return await store.write(write)


def _calendar_changed(
    conn: apsw.Connection, calendar_id: int, actor: Actor, now: datetime | None
) -> Callable[[Callable[[], object]], Recomputed]:
    def run(change: Callable[[], object]) -> Recomputed:
        before = sla_recompute.plans_before(conn)
        change()
        moved = sla_recompute.after_calendar_change(
            conn, before, calendar_id, user_id=actor.user_id, now=now or utc_now()
        )
        return Recomputed(calendar_id, moved)

    return run


# -- calendars -----------------------------------------------------------------------------------


async def create_calendar(
    store: Store,
    actor: Actor,
    *,
    name: str,
    calendar: BusinessCalendar,
    holiday_names: Mapping[date, str] | None = None,
) -> int:
    done = await _write(
        store,
        actor,
        lambda conn: Recomputed(
            sla.create_calendar(conn, name=name, calendar=calendar, holiday_names=holiday_names),
            0,
        ),
        action="calendar.create",
        object_type="calendar",
        detail=name.strip(),
    )
    return done.id


async def update_calendar(
    store: Store,
    actor: Actor,
    *,
    calendar_id: int,
    name: str | None = None,
    calendar: BusinessCalendar | None = None,
    holiday_names: Mapping[date, str] | None = None,
    now: datetime | None = None,
) -> Recomputed:
    """Rename and/or replace zone, hours and days (``calendar.holidays``/``workdays``)."""
    return await _write(
        store,
        actor,
        lambda conn: _calendar_changed(conn, calendar_id, actor, now)(
            lambda: sla.update_calendar(
                conn, calendar_id, name=name, calendar=calendar, holiday_names=holiday_names
            )
        ),
        action="calendar.update",
        object_type="calendar",
        detail=_given(name=name, calendar=calendar),
    )


async def import_days(
    store: Store,
    actor: Actor,
    *,
    calendar_id: int,
    days: Days,
    source: str,
    now: datetime | None = None,
) -> Recomputed:
    """Add holidays and moved working days (``{date: (kind, name)}``) to the calendar."""
    return await _write(
        store,
        actor,
        lambda conn: _calendar_changed(conn, calendar_id, actor, now)(
            lambda: sla.merge_days(conn, calendar_id=calendar_id, days=days)
        ),
        action="calendar.import_days",
        object_type="calendar",
        detail=f"source={source[:80]}; days={len(days)}",
    )


async def import_file(
    store: Store,
    actor: Actor,
    *,
    calendar_id: int,
    file_name: str,
    text: str,
    now: datetime | None = None,
) -> tuple[int, Recomputed]:
    """Import a CSV or ICS file (``appliance.domain.calendar_days``): (dates, recomputation)."""
    days = parse_file(file_name, text)
    done = await import_days(
        store, actor, calendar_id=calendar_id, days=days, source=file_name, now=now
    )
    return len(days), done


async def add_public_holidays(
    store: Store,
    actor: Actor,
    *,
    calendar_id: int,
    country: str,
    year: int,
    lang: str = "ru",
    now: datetime | None = None,
) -> tuple[int, Recomputed]:
    """The country's public holidays of ``year`` with the moved days (python-holidays)."""
    days = public_days(country, year, lang)
    done = await import_days(
        store,
        actor,
        calendar_id=calendar_id,
        days=days,
        source=f"{country.upper()} {year}",
        now=now,
    )
    return len(days), done


async def set_day(
    store: Store,
    actor: Actor,
    *,
    calendar_id: int,
    day: date,
    kind: str,
    name: str = "",
    now: datetime | None = None,
) -> Recomputed:
    return await _write(
        store,
        actor,
        lambda conn: _calendar_changed(conn, calendar_id, actor, now)(
            lambda: sla.set_day(conn, calendar_id=calendar_id, day=day, kind=kind, name=name)
        ),
        action="calendar.set_day",
        object_type="calendar",
        detail=f"{day.isoformat()} {kind}",
    )


async def remove_day(
    store: Store, actor: Actor, *, calendar_id: int, day: date, now: datetime | None = None
) -> Recomputed:
    return await _write(
        store,
        actor,
        lambda conn: _calendar_changed(conn, calendar_id, actor, now)(
            lambda: sla.remove_day(conn, calendar_id=calendar_id, day=day)
        ),
        action="calendar.remove_day",
        object_type="calendar",
        detail=day.isoformat(),
    )


async def list_calendars(store: Store, actor: Actor) -> list[CalendarInfo]:
    return await checked_read(store, actor, _MANAGE, sla.list_calendars)


async def calendar_id_named(store: Store, actor: Actor, name: str) -> int:
    return await checked_read(
        store, actor, _MANAGE, lambda conn: sla.calendar_id_by_name(conn, name)
    )


async def twenty_four_seven_calendar(store: Store, actor: Actor) -> int:
    """The built-in round-the-clock calendar's id (made on first use)."""
    done = await _write(
        store,
        actor,
        lambda conn: Recomputed(sla.ensure_twenty_four_seven(conn), 0),
        action="calendar.ensure_24x7",
        object_type="calendar",
        detail=TWENTY_FOUR_SEVEN,
    )
    return done.id


# -- plans ---------------------------------------------------------------------------------------


def _default_moved(
    conn: apsw.Connection, before: Mapping[int, SlaPlan], actor: Actor, now: datetime | None
) -> int:
    return sla_recompute.after_default_change(
        conn, before, sla.default_plan_id(conn), user_id=actor.user_id, now=now or utc_now()
    )


async def create_plan(
    store: Store,
    actor: Actor,
    *,
    name: str,
    calendar_id: int,
    targets: Mapping[str, SlaTargets],
    description: str = "",
    warn_percent: int = DEFAULT_WARN_PERCENT,
    pause_statuses: Iterable[str] = ("waiting",),
    is_default: bool = False,
    now: datetime | None = None,
) -> int:
    def change(conn: apsw.Connection) -> Recomputed:
        before = sla_recompute.plans_before(conn)
        plan_id = sla.create_plan(
            conn,
            name=name,
            calendar_id=calendar_id,
            targets=targets,
            description=description,
            warn_percent=warn_percent,
            pause_statuses=pause_statuses,
            is_default=is_default,
        )
        return Recomputed(plan_id, _default_moved(conn, before, actor, now) if is_default else 0)

    done = await _write(
        store, actor, change, action="sla_plan.create", object_type="sla_plan", detail=name.strip()
    )
    return done.id


async def update_plan(
    store: Store,
    actor: Actor,
    *,
    plan_id: int,
    name: str | None = None,
    calendar_id: int | None = None,
    description: str | None = None,
    targets: Mapping[str, SlaTargets] | None = None,
    warn_percent: int | None = None,
    pause_statuses: Iterable[str] | None = None,
    is_default: bool | None = None,
    now: datetime | None = None,
) -> Recomputed:
    """Change what is given; open tickets on the plan (and, when the default changes, those of
    organisations without a plan) get their due times recomputed."""

    def change(conn: apsw.Connection) -> Recomputed:
        before = sla_recompute.plans_before(conn)
        sla.update_plan(
            conn,
            plan_id,
            name=name,
            calendar_id=calendar_id,
            description=description,
            targets=targets,
            warn_percent=warn_percent,
            pause_statuses=pause_statuses,
            is_default=is_default,
        )
        moved = sla_recompute.after_plan_change(
            conn, before, plan_id, user_id=actor.user_id, now=now or utc_now()
        )
        if is_default is not None:
            moved += _default_moved(conn, before, actor, now)
        return Recomputed(plan_id, moved)

    return await _write(
        store,
        actor,
        change,
        action="sla_plan.update",
        object_type="sla_plan",
        detail=_given(
            name=name,
            calendar_id=calendar_id,
            description=description,
            targets=targets,
            warn_percent=warn_percent,
            pause_statuses=pause_statuses,
            is_default=is_default,
        ),
    )


async def list_plans(store: Store, actor: Actor) -> list[SlaPlan]:
    return await checked_read(store, actor, _MANAGE, sla.list_plans)


async def plan_id_named(store: Store, actor: Actor, name: str) -> int:
    return await checked_read(store, actor, _MANAGE, lambda conn: sla.plan_id_by_name(conn, name))


# -- organisations -------------------------------------------------------------------------------


async def set_org_plan(
    store: Store,
    actor: Actor,
    *,
    org_id: int,
    plan_id: int | None,
    now: datetime | None = None,
) -> Recomputed:
    """Give the organisation ``plan_id`` (None: the default plan); its open tickets move to it."""

    def change(conn: apsw.Connection) -> Recomputed:
        before = sla_recompute.plans_before(conn)
        sla.set_org_plan(conn, org_id, plan_id)
        moved = sla_recompute.after_org_plan_change(
            conn,
            before,
            org_id,
            sla.plan_id_for_org(conn, org_id),
            user_id=actor.user_id,
            now=now or utc_now(),
        )
        return Recomputed(org_id, moved)

    return await _write(
        store,
        actor,
        change,
        action="organization.sla_plan",
        object_type="organization",
        detail=f"plan={plan_id}",
    )


async def list_org_plans(store: Store, actor: Actor) -> list[OrgPlan]:
    return await checked_read(store, actor, _MANAGE, sla.list_org_plans)


async def org_id_named(store: Store, actor: Actor, name: str) -> int:
    return await checked_read(store, actor, _MANAGE, lambda conn: sla.org_id_by_name(conn, name))
