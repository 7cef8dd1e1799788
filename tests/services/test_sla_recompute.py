"""Recomputing open tickets' due times when a plan, a calendar or an organisation's plan changes;
warnings recorded once per ticket and threshold. Real encrypted store, through the services."""

from __future__ import annotations

import asyncio
import json
import uuid
from datetime import UTC, date, datetime, timedelta
from typing import Any

import pytest

from appliance.domain.errors import Forbidden
from appliance.domain.sla import WEEKDAYS, BusinessCalendar
from appliance.services import sla
from appliance.services.actor import Actor
from appliance.services.sla import SlaTargets
from appliance.services.sla_alerts import check_crossings
from appliance.store import Store
from appliance.store.organizations import create_organization
from appliance.store.tickets import add_action, change_status, create_ticket, ticket_history
from tests.services.support import audit_rows, make_accounts

OFFICE = BusinessCalendar("UTC", {d: (("09:00", "17:00"),) for d in WEEKDAYS[:5]})
MON = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)  # a Monday
H = 3600


def run(coro: Any) -> Any:
    return asyncio.run(coro)


@pytest.fixture
def actors(store: Store) -> dict[str, Actor]:
    return make_accounts(store)


@pytest.fixture
def setup(store: Store, actors: dict[str, Actor]) -> dict[str, int]:
    admin = actors["admin"]
    cal = run(sla.create_calendar(store, admin, name="Office", calendar=OFFICE))
    plan = run(
        sla.create_plan(
            store, admin, name="Std", calendar_id=cal, targets={"normal": SlaTargets(120, 960)}
        )
    )
    org = store.write_sync(lambda c: create_organization(c, name="Acme", sla_plan_id=plan))
    return {"calendar": cal, "plan": plan, "org": org}


def new_ticket(store: Store, org: int, received: datetime, **extra: Any) -> int:
    return store.write_sync(
        lambda c: create_ticket(
            c,
            uuid=str(uuid.uuid4()),
            source="phone",
            description="Printer jams",
            submitted_at=received,
            received_at=received,
            org_id=org,
            **extra,
        )
    ).id


def dues(store: Store, ticket_id: int) -> tuple[Any, ...]:
    return store.read_sync(
        lambda c: c.execute(
            "SELECT response_due_at, resolution_due_at, sla_plan_id, version FROM tickets"
            " WHERE id = ?",
            (ticket_id,),
        ).fetchone()
    )


def iso(moment: datetime) -> str:
    return moment.strftime("%Y-%m-%dT%H:%M:%S.%fZ")


def test_plan_change_keeps_used_time_and_a_met_target(
    store: Store, actors: dict[str, Actor], setup: dict[str, int]
) -> None:
    ticket = new_ticket(store, setup["org"], MON)
    responded = new_ticket(store, setup["org"], MON)
    tech = actors["technician"].user_id
    assert tech is not None
    store.write_sync(
        lambda c: add_action(
            c,
            ticket_id=responded,
            user_id=tech,
            kind="phone_call",
            text="called",
            now=MON + timedelta(hours=1),
        )
    )
    before_responded = dues(store, responded)
    # Tuesday 10:00: 9 business hours used (Mon 8 h + Tue 1 h). New resolution 12 h: 3 h left.
    done = run(
        sla.update_plan(
            store,
            actors["admin"],
            plan_id=setup["plan"],
            targets={"normal": SlaTargets(60, 720)},
            now=MON + timedelta(days=1, hours=1),
        )
    )
    assert done.tickets == 2
    response, resolution, _, _ = dues(store, ticket)
    # Response (1 h) was used up on Monday at 10:00: due then, in the past (breached).
    assert response == iso(MON + timedelta(hours=1))
    assert resolution == iso(MON + timedelta(days=1, hours=4))  # Tuesday 13:00
    # The met response keeps its due time; only the resolution moved.
    after = dues(store, responded)
    assert after[0] == before_responded[0]
    assert after[1] == iso(MON + timedelta(days=1, hours=4))
    history = store.read_sync(lambda c: ticket_history(c, ticket))
    assert [(h.kind, h.text) for h in history if h.kind == "sla"] == [("sla", "plan")]
    assert audit_rows(store)[-1][1:] == (
        "sla_plan.update",
        "sla_plan",
        setup["plan"],
        "fields=targets; recomputed=2",
    )


def test_a_paused_ticket_keeps_its_pause(
    store: Store, actors: dict[str, Actor], setup: dict[str, int]
) -> None:
    ticket = new_ticket(store, setup["org"], MON)
    tech = actors["technician"].user_id
    assert tech is not None
    # Paused at Monday 11:00 (2 h used); the plan changes on Wednesday.
    store.write_sync(
        lambda c: change_status(
            c,
            ticket_id=ticket,
            new_status="waiting",
            user_id=tech,
            expected_version=1,
            now=MON + timedelta(hours=2),
        )
    )
    run(
        sla.update_plan(
            store,
            actors["admin"],
            plan_id=setup["plan"],
            targets={"normal": SlaTargets(240, 960)},
            now=MON + timedelta(days=2),
        )
    )
    # Due from the moment it stopped: 2 h of 4 h left -> Monday 13:00 (the resume adds the pause).
    assert dues(store, ticket)[0] == iso(MON + timedelta(hours=4))


def test_org_plan_and_calendar_changes_move_open_tickets_only(
    store: Store, actors: dict[str, Actor], setup: dict[str, int]
) -> None:
    admin = actors["admin"]
    open_one = new_ticket(store, setup["org"], MON)
    closed = new_ticket(store, setup["org"], MON)
    tech = actors["technician"].user_id
    assert tech is not None
    store.write_sync(
        lambda c: change_status(
            c, ticket_id=closed, new_status="resolved", user_id=tech, expected_version=1, now=MON
        )
    )
    closed_before = dues(store, closed)
    round_clock = run(sla.twenty_four_seven_calendar(store, admin))
    fast = run(
        sla.create_plan(
            store,
            admin,
            name="24x7",
            calendar_id=round_clock,
            targets={"normal": SlaTargets(60, 240)},
        )
    )
    done = run(sla.set_org_plan(store, admin, org_id=setup["org"], plan_id=fast, now=MON))
    assert done.tickets == 1
    assert dues(store, open_one)[:3] == (
        iso(MON + timedelta(hours=1)),
        iso(MON + timedelta(hours=4)),
        fast,
    )
    assert dues(store, closed) == closed_before
    # Back to the office plan; then Monday becomes a holiday: the due times move to Tuesday.
    run(sla.set_org_plan(store, admin, org_id=setup["org"], plan_id=setup["plan"], now=MON))
    moved = run(
        sla.set_day(
            store,
            admin,
            calendar_id=setup["calendar"],
            day=date(2026, 3, 2),
            kind="holiday",
            now=MON,
        )
    )
    assert moved.tickets == 1
    assert dues(store, open_one)[0] == iso(MON + timedelta(days=1, hours=2))
    reasons = [
        h.text for h in store.read_sync(lambda c: ticket_history(c, open_one)) if h.kind == "sla"
    ]
    assert reasons == ["org_plan", "org_plan", "calendar"]


def test_only_admins_change_plans_and_a_refusal_changes_nothing(
    store: Store, actors: dict[str, Actor], setup: dict[str, int]
) -> None:
    ticket = new_ticket(store, setup["org"], MON)
    before = dues(store, ticket)
    with pytest.raises(Forbidden):
        run(
            sla.update_plan(
                store,
                actors["technician"],
                plan_id=setup["plan"],
                targets={"normal": SlaTargets(1, 2)},
            )
        )
    assert dues(store, ticket) == before


def test_warnings_and_breach_are_recorded_once(
    store: Store, actors: dict[str, Actor], setup: dict[str, int]
) -> None:
    ticket = new_ticket(store, setup["org"], MON)
    # Response 2 h, warning at 75 %: 10:30.
    assert run(check_crossings(store, MON + timedelta(minutes=89))) == []
    (warning,) = run(check_crossings(store, MON + timedelta(minutes=90)))
    assert (warning.ticket_id, warning.target, warning.threshold) == (ticket, "response", "warning")
    assert run(check_crossings(store, MON + timedelta(minutes=100))) == []
    (breach,) = run(check_crossings(store, MON + timedelta(hours=2, minutes=1)))
    assert breach.threshold == "breach" and breach.warn_percent == 75
    assert run(check_crossings(store, MON + timedelta(hours=3))) == []
    history = store.read_sync(lambda c: ticket_history(c, ticket))
    (line,) = [h for h in history if h.kind == "sla"]
    assert line.text == "breach_response" and line.user_id is None
    assert json.loads(line.new_value or "{}")["response"] == iso(MON + timedelta(hours=2))


def test_a_plan_without_pause_statuses_keeps_the_clock_running_while_waiting(
    store: Store, actors: dict[str, Actor], setup: dict[str, int]
) -> None:
    run(sla.update_plan(store, actors["admin"], plan_id=setup["plan"], pause_statuses=()))
    ticket = new_ticket(store, setup["org"], MON)
    tech = actors["technician"].user_id
    assert tech is not None
    store.write_sync(
        lambda c: change_status(
            c, ticket_id=ticket, new_status="waiting", user_id=tech, expected_version=1, now=MON
        )
    )
    paused = store.read_sync(
        lambda c: c.execute(
            "SELECT sla_paused_since FROM tickets WHERE id = ?", (ticket,)
        ).fetchone()
    )
    assert paused == (None,)


def test_a_clock_stopped_under_former_pause_statuses_runs_again(
    store: Store, actors: dict[str, Actor], setup: dict[str, int]
) -> None:
    ticket = new_ticket(store, setup["org"], MON)
    tech = actors["technician"].user_id
    assert tech is not None
    store.write_sync(
        lambda c: change_status(
            c, ticket_id=ticket, new_status="waiting", user_id=tech, expected_version=1, now=MON
        )
    )
    run(sla.update_plan(store, actors["admin"], plan_id=setup["plan"], pause_statuses=()))
    version = dues(store, ticket)[3]
    store.write_sync(
        lambda c: change_status(
            c,
            ticket_id=ticket,
            new_status="in_progress",
            user_id=tech,
            expected_version=version,
            now=MON + timedelta(hours=3),
        )
    )
    paused = store.read_sync(
        lambda c: c.execute(
            "SELECT sla_paused_since, sla_paused_seconds FROM tickets WHERE id = ?", (ticket,)
        ).fetchone()
    )
    assert paused == (None, 3 * H)
