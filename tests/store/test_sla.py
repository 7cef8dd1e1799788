"""Business calendars and SLA plans: created, changed, listed; bad input refused with a key."""

from __future__ import annotations

from datetime import date
from typing import Any

import apsw
import pytest

from appliance.domain.errors import AppError, Conflict, InvalidInput, NotFound
from appliance.domain.sla import BusinessCalendar
from appliance.store import Store
from appliance.store.sla import (
    SlaTargets,
    create_calendar,
    create_plan,
    list_calendars,
    list_plans,
    load_calendar,
    load_plan,
    update_calendar,
    update_plan,
)

WEEKDAYS_9_18 = BusinessCalendar(
    "Europe/Moscow",
    {d: (("09:00", "18:00"),) for d in ("mon", "tue", "wed", "thu", "fri")},
    frozenset({date(2026, 1, 1)}),
)
NEVER = BusinessCalendar("UTC", {})
TARGETS = {"normal": SlaTargets(60, 480), "urgent": SlaTargets(15, 120)}


@pytest.fixture
def plan(store: Store) -> int:
    def write(conn: apsw.Connection) -> int:
        calendar = create_calendar(
            conn,
            name="Office",
            calendar=WEEKDAYS_9_18,
            holiday_names={date(2026, 1, 1): "New Year"},
        )
        return create_plan(
            conn, name="Standard", calendar_id=calendar, targets=TARGETS, description="9-18"
        )

    return store.write_sync(write)


def test_calendars_and_plans_are_listed(store: Store, plan: int) -> None:
    (info,) = store.read_sync(list_calendars)
    assert (info.name, info.calendar, dict(info.holiday_names)) == (
        "Office",
        WEEKDAYS_9_18,
        {date(2026, 1, 1): "New Year"},
    )
    (listed,) = store.read_sync(list_plans)
    assert (listed.id, listed.name, listed.description, dict(listed.targets)) == (
        plan,
        "Standard",
        "9-18",
        TARGETS,
    )


def test_a_plan_and_its_calendar_are_changed(store: Store, plan: int) -> None:
    loaded = store.read_sync(lambda c: load_plan(c, plan))
    assert loaded is not None
    around_the_clock = BusinessCalendar(
        "UTC", {d: (("00:00", "24:00"),) for d in ("mon", "tue", "wed", "thu", "fri", "sat", "sun")}
    )
    store.write_sync(
        lambda c: update_calendar(c, loaded.calendar_id, name="24/7", calendar=around_the_clock)
    )
    assert store.read_sync(lambda c: load_calendar(c, loaded.calendar_id)) == around_the_clock
    store.write_sync(lambda c: update_plan(c, plan, name="Gold", targets={"low": SlaTargets(1, 2)}))
    changed = store.read_sync(lambda c: load_plan(c, plan))
    assert changed is not None
    assert (changed.name, dict(changed.targets)) == ("Gold", {"low": SlaTargets(1, 2)})


@pytest.mark.parametrize(
    ("values", "kind", "key"),
    [
        ({"name": " "}, InvalidInput, "sla.error.calendar_name_empty"),
        ({"name": "Office"}, Conflict, "sla.error.calendar_name_taken"),
        ({"name": "Never", "calendar": NEVER}, InvalidInput, "sla.error.no_working_hours"),
    ],
)
def test_bad_calendars_are_refused(
    store: Store, plan: int, values: dict[str, Any], kind: type[AppError], key: str
) -> None:
    row = {"calendar": WEEKDAYS_9_18, **values}
    with pytest.raises(kind) as caught:
        store.write_sync(lambda c: create_calendar(c, **row))
    assert caught.value.key == key


@pytest.mark.parametrize(
    ("values", "kind", "key"),
    [
        ({"name": ""}, InvalidInput, "sla.error.plan_name_empty"),
        ({"name": "Standard"}, Conflict, "sla.error.plan_name_taken"),
        ({"targets": {"asap": SlaTargets(1, 1)}}, InvalidInput, "sla.error.priority_unknown"),
        ({"targets": {"low": SlaTargets(0, 1)}}, InvalidInput, "sla.error.target_not_positive"),
        ({"calendar_id": 99}, InvalidInput, "sla.error.calendar_unknown"),
    ],
)
def test_bad_plans_are_refused(
    store: Store, plan: int, values: dict[str, Any], kind: type[AppError], key: str
) -> None:
    loaded = store.read_sync(lambda c: load_plan(c, plan))
    assert loaded is not None
    row = {"name": "New", "calendar_id": loaded.calendar_id, "targets": TARGETS, **values}
    with pytest.raises(kind) as caught:
        store.write_sync(lambda c: create_plan(c, **row))
    assert caught.value.key == key


def test_missing_plans_and_calendars_are_not_found(store: Store) -> None:
    with pytest.raises(NotFound):
        store.write_sync(lambda c: update_plan(c, 9, name="X"))
    with pytest.raises(NotFound):
        store.write_sync(lambda c: update_calendar(c, 9, name="X"))
