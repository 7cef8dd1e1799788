"""SLA and category services: settings, so only admins write them; every change audited once."""

from __future__ import annotations

import asyncio
from typing import Any

import pytest

from appliance.domain.errors import Forbidden
from appliance.domain.sla import BusinessCalendar
from appliance.services import categories, reports, sla
from appliance.services.actor import Actor
from appliance.services.sla import SlaTargets
from appliance.store import Store
from tests.services.support import audit_rows, make_accounts

OFFICE = BusinessCalendar("Europe/Moscow", {"mon": (("09:00", "18:00"),)})


@pytest.fixture
def actors(store: Store) -> dict[str, Actor]:
    return make_accounts(store)


def run(coro: Any) -> Any:
    return asyncio.run(coro)


def test_an_admin_writes_calendars_and_plans(store: Store, actors: dict[str, Actor]) -> None:
    admin = actors["admin"]
    calendar = run(sla.create_calendar(store, admin, name="Office", calendar=OFFICE))
    plan = run(
        sla.create_plan(
            store, admin, name="Std", calendar_id=calendar, targets={"low": SlaTargets(60, 600)}
        )
    )
    run(sla.update_calendar(store, admin, calendar_id=calendar, name="Office 9-18"))
    run(sla.update_plan(store, admin, plan_id=plan, description="Weekdays"))
    assert [r[1:] for r in audit_rows(store)] == [
        ("calendar.create", "calendar", calendar, "Office"),
        ("sla_plan.create", "sla_plan", plan, "Std"),
        ("calendar.update", "calendar", calendar, "fields=name"),
        ("sla_plan.update", "sla_plan", plan, "fields=description"),
    ]
    (info,) = run(sla.list_calendars(store, admin))
    (listed,) = run(sla.list_plans(store, admin))
    assert (info.name, listed.description) == ("Office 9-18", "Weekdays")


@pytest.mark.parametrize("role", ["technician", "manager", "disabled"])
def test_others_may_neither_write_nor_list_sla_settings(
    store: Store, actors: dict[str, Actor], role: str
) -> None:
    for call in (
        sla.create_calendar(store, actors[role], name="X", calendar=OFFICE),
        sla.list_plans(store, actors[role]),
        sla.list_calendars(store, actors[role]),
        categories.create_category(store, actors[role], name="Печать"),
    ):
        with pytest.raises(Forbidden):
            run(call)
    assert audit_rows(store) == []


def test_categories_are_written_by_admins_and_listed_by_all(
    store: Store, actors: dict[str, Actor]
) -> None:
    admin = actors["admin"]
    service = run(categories.create_category(store, admin, name="Печать"))
    problem = run(categories.create_category(store, admin, name="Замятие", parent_id=service))
    run(categories.rename_category(store, admin, category_id=problem, name="Замятие бумаги"))
    run(categories.archive_category(store, admin, category_id=service))
    assert [r[1] for r in audit_rows(store)] == [
        "category.create",
        "category.create",
        "category.update",
        "category.archive",
    ]
    listed = run(categories.list_categories(store, actors["manager"], include_archived=True))
    assert [c.label for c in listed] == ["Печать", "Печать › Замятие бумаги"]
    with pytest.raises(Forbidden):
        run(categories.list_categories(store, actors["disabled"]))


@pytest.mark.parametrize(
    ("role", "may"),
    [("admin", True), ("technician", False), ("manager", True), ("disabled", False)],
)
def test_who_may_see_the_report_counts(
    store: Store, actors: dict[str, Actor], role: str, may: bool
) -> None:
    call = reports.ticket_counts(store, actors[role])
    if may:
        counts = run(call)
        assert (counts.days, counts.total, counts.per_category) == (30, 0, [])
    else:
        with pytest.raises(Forbidden):
            run(call)
