"""Business calendars (with holidays) and SLA plans (with per-priority targets): settings, so
writing needs ``MANAGE_SETTINGS`` (admins). Reading them does too: only the settings show them
whole (ticket pages get their SLA clock from the ticket services)."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date

from appliance.domain.permissions import Permission
from appliance.domain.sla import BusinessCalendar
from appliance.services.actor import Actor
from appliance.services.audited import audited_write, checked_read
from appliance.services.types import Store
from appliance.store import sla
from appliance.store.sla import CalendarInfo, SlaPlan, SlaTargets

__all__ = ["BusinessCalendar", "CalendarInfo", "SlaPlan", "SlaTargets"]

_MANAGE = Permission.MANAGE_SETTINGS


def _given(**values: object) -> str:
    return "fields=" + ",".join(sorted(name for name, value in values.items() if value is not None))


async def create_calendar(
    store: Store,
    actor: Actor,
    *,
    name: str,
    calendar: BusinessCalendar,
    holiday_names: Mapping[date, str] | None = None,
) -> int:
    return await audited_write(
        store,
        actor,
        _MANAGE,
        lambda conn: sla.create_calendar(
            conn, name=name, calendar=calendar, holiday_names=holiday_names
        ),
        action="calendar.create",
        object_type="calendar",
        object_id=lambda calendar_id: calendar_id,
        detail=name.strip(),
    )


async def update_calendar(
    store: Store,
    actor: Actor,
    *,
    calendar_id: int,
    name: str | None = None,
    calendar: BusinessCalendar | None = None,
    holiday_names: Mapping[date, str] | None = None,
) -> None:
    """Rename and/or replace zone, hours and holidays (``calendar.holidays``)."""
    await audited_write(
        store,
        actor,
        _MANAGE,
        lambda conn: sla.update_calendar(
            conn, calendar_id, name=name, calendar=calendar, holiday_names=holiday_names
        ),
        action="calendar.update",
        object_type="calendar",
        object_id=calendar_id,
        detail=_given(name=name, calendar=calendar),
    )


async def list_calendars(store: Store, actor: Actor) -> list[CalendarInfo]:
    return await checked_read(store, actor, _MANAGE, sla.list_calendars)


async def create_plan(
    store: Store,
    actor: Actor,
    *,
    name: str,
    calendar_id: int,
    targets: Mapping[str, SlaTargets],
    description: str = "",
) -> int:
    return await audited_write(
        store,
        actor,
        _MANAGE,
        lambda conn: sla.create_plan(
            conn, name=name, calendar_id=calendar_id, targets=targets, description=description
        ),
        action="sla_plan.create",
        object_type="sla_plan",
        object_id=lambda plan_id: plan_id,
        detail=name.strip(),
    )


async def update_plan(
    store: Store,
    actor: Actor,
    *,
    plan_id: int,
    name: str | None = None,
    calendar_id: int | None = None,
    description: str | None = None,
    targets: Mapping[str, SlaTargets] | None = None,
) -> None:
    await audited_write(
        store,
        actor,
        _MANAGE,
        lambda conn: sla.update_plan(
            conn,
            plan_id,
            name=name,
            calendar_id=calendar_id,
            description=description,
            targets=targets,
        ),
        action="sla_plan.update",
        object_type="sla_plan",
        object_id=plan_id,
        detail=_given(name=name, calendar_id=calendar_id, description=description, targets=targets),
    )


async def list_plans(store: Store, actor: Actor) -> list[SlaPlan]:
    return await checked_read(store, actor, _MANAGE, sla.list_plans)
