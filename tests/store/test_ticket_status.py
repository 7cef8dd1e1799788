"""Moving tickets through the workflow in the real encrypted store: every transition allowed or
refused, the timestamps each sets or clears, the client feed, and the SLA clock's pause/resume."""

from __future__ import annotations

import itertools
from typing import Any

import apsw
import pytest

from appliance.domain.workflow import STATUSES, TransitionError, allowed_transitions
from appliance.store import Store
from appliance.store.tickets import (
    change_status,
    set_priority,
    ticket_history,
)
from tests.store.ticket_seed import (
    HOUR,
    PATH,
    World,
    act,
    at,
    build_world,
    detail,
    feed_kinds,
    move,
    new_ticket,
    snapshot,
)


@pytest.fixture
def world(store: Store) -> World:
    return store.write_sync(build_world)


# -- transitions ---------------------------------------------------------------------------------


@pytest.mark.parametrize(("old", "new"), list(itertools.product(STATUSES, STATUSES)))
def test_each_transition_is_allowed_or_refused(
    store: Store, world: World, old: str, new: str
) -> None:
    made = new_ticket(store, org_id=world.org_sla)
    for i, step in enumerate(PATH[old]):
        move(store, world, made.id, step, at(2024, 5, 14, 11 + i, 0))
    before = snapshot(store, made.id)
    version = detail(store, made.id).version

    def change(conn: apsw.Connection) -> Any:
        return change_status(
            conn,
            ticket_id=made.id,
            new_status=new,
            user_id=world.tech,
            expected_version=version,
            now=at(2024, 5, 14, 15, 0),
        )

    if new == old:
        assert store.write_sync(change).action_id is None
        assert snapshot(store, made.id) == before
    elif new in allowed_transitions(old):
        changed = store.write_sync(change)
        ticket = detail(store, made.id)
        assert (ticket.status, ticket.version, changed.version) == (new, version + 1, version + 1)
        last = store.read_sync(lambda conn: ticket_history(conn, made.id))[-1]
        assert (last.kind, last.old_value, last.new_value, last.user_id) == (
            "status",
            old,
            new,
            world.tech,
        )
        assert last.id == changed.action_id
    else:
        with pytest.raises(TransitionError) as refused:
            store.write_sync(change)
        assert refused.value.key == "workflow.not_allowed"
        assert snapshot(store, made.id) == before


def test_resolve_close_and_reopen_set_and_clear_timestamps(store: Store, world: World) -> None:
    made = new_ticket(store, org_id=world.org_sla)
    move(store, world, made.id, "in_progress", at(2024, 5, 14, 10, 5))
    assert detail(store, made.id).first_response_at is None  # taking it is not answering
    move(store, world, made.id, "resolved", at(2024, 5, 14, 12, 0))
    ticket = detail(store, made.id)
    assert ticket.resolved_at == at(2024, 5, 14, 12, 0)
    assert ticket.first_response_at == at(2024, 5, 14, 12, 0)  # the resolution answered
    move(store, world, made.id, "closed", at(2024, 5, 15, 12, 0))
    ticket = detail(store, made.id)
    assert (ticket.resolved_at, ticket.closed_at) == (
        at(2024, 5, 14, 12, 0),
        at(2024, 5, 15, 12, 0),
    )
    move(store, world, made.id, "in_progress", at(2024, 5, 16, 12, 0))
    ticket = detail(store, made.id)
    assert (ticket.status, ticket.resolved_at, ticket.closed_at) == ("in_progress", None, None)
    assert ticket.first_response_at == at(2024, 5, 14, 12, 0)


def test_status_change_reaches_the_client_feed(store: Store, world: World) -> None:
    made = new_ticket(store, org_id=world.org_sla)
    move(store, world, made.id, "in_progress", at(2024, 5, 14, 10, 5))
    payload = store.read_sync(
        lambda conn: conn.execute(
            "SELECT json_extract(payload, '$.status'), json_extract(payload, '$.number')"
            " FROM feed_events WHERE ticket_id = ? AND kind = 'status'",
            (made.id,),
        ).fetchall()
    )
    assert payload == [("in_progress", made.number)]
    assert feed_kinds(store, made.id) == ["number", "status"]


# -- SLA clock -----------------------------------------------------------------------------------
# Received Tuesday 10:00 Moscow, 'normal': response due 11:00, resolution due 18:00 (9-18).


def test_waiting_pauses_and_resuming_shifts_both_due_times(store: Store, world: World) -> None:
    made = new_ticket(store, org_id=world.org_sla)
    assert detail(store, made.id).response_due_at == at(2024, 5, 14, 11, 0)
    move(store, world, made.id, "waiting", at(2024, 5, 14, 10, 20))
    assert detail(store, made.id).sla_paused_since == at(2024, 5, 14, 10, 20)
    move(store, world, made.id, "in_progress", at(2024, 5, 15, 9, 30))
    ticket = detail(store, made.id)
    # Stood still 10:20-18:00 on Tuesday and 09:00-09:30 on Wednesday: 8 h 10 min.
    assert ticket.sla_paused_seconds == 8 * HOUR + 10 * 60
    assert ticket.sla_paused_since is None
    assert ticket.response_due_at == at(2024, 5, 15, 10, 10)
    assert ticket.resolution_due_at == at(2024, 5, 15, 17, 10)


def test_pause_after_the_first_response_moves_only_the_resolution(
    store: Store, world: World
) -> None:
    made = new_ticket(store, org_id=world.org_sla)
    act(store, world, made.id, now=at(2024, 5, 14, 10, 15))
    move(store, world, made.id, "waiting", at(2024, 5, 14, 12, 0))
    move(store, world, made.id, "in_progress", at(2024, 5, 14, 14, 0))
    ticket = detail(store, made.id)
    assert ticket.response_due_at == at(2024, 5, 14, 11, 0)
    assert ticket.resolution_due_at == at(2024, 5, 15, 11, 0)
    assert ticket.sla_paused_seconds == 2 * HOUR


def test_time_spent_resolved_is_not_charged_after_a_reopen(store: Store, world: World) -> None:
    made = new_ticket(store, org_id=world.org_sla)
    move(store, world, made.id, "resolved", at(2024, 5, 14, 12, 0))
    move(store, world, made.id, "in_progress", at(2024, 5, 14, 15, 0))
    ticket = detail(store, made.id)
    assert ticket.resolution_due_at == at(2024, 5, 15, 12, 0)  # 18:00 + 3 business hours
    assert ticket.response_due_at == at(2024, 5, 14, 11, 0)  # met by the resolution at 12:00
    assert ticket.sla_paused_seconds == 3 * HOUR


def test_waiting_to_resolved_keeps_the_clock_stopped(store: Store, world: World) -> None:
    made = new_ticket(store, org_id=world.org_sla)
    move(store, world, made.id, "waiting", at(2024, 5, 14, 10, 20))
    move(store, world, made.id, "resolved", at(2024, 5, 14, 16, 0))
    ticket = detail(store, made.id)
    assert ticket.sla_paused_since == at(2024, 5, 14, 10, 20)
    assert (ticket.response_due_at, ticket.sla_paused_seconds) == (at(2024, 5, 14, 11, 0), 0)


def test_no_plan_no_pause(store: Store, world: World) -> None:
    made = new_ticket(store, org_id=world.org_plain)
    move(store, world, made.id, "waiting", at(2024, 5, 14, 10, 20))
    move(store, world, made.id, "in_progress", at(2024, 5, 15, 10, 20))
    ticket = detail(store, made.id)
    assert (ticket.sla_paused_since, ticket.sla_paused_seconds) == (None, 0)
    assert (ticket.response_due_at, ticket.resolution_due_at) == (None, None)


def test_priority_change_recomputes_due_times_keeping_paused_time(
    store: Store, world: World
) -> None:
    made = new_ticket(store, org_id=world.org_sla)
    move(store, world, made.id, "waiting", at(2024, 5, 14, 10, 20))
    v = move(store, world, made.id, "in_progress", at(2024, 5, 15, 9, 30))
    store.write_sync(
        lambda conn: set_priority(
            conn, ticket_id=made.id, priority="high", user_id=world.tech, expected_version=v
        )
    )
    ticket = detail(store, made.id)
    # 'high': 30 min / 4 h from Tuesday 10:00, plus the 8 h 10 min stood still.
    assert ticket.response_due_at == at(2024, 5, 15, 9, 40)
    assert ticket.resolution_due_at == at(2024, 5, 15, 13, 10)
    history = store.read_sync(lambda conn: ticket_history(conn, made.id))[-1]
    assert (history.kind, history.old_value, history.new_value) == ("priority", "normal", "high")


def test_priority_change_keeps_a_met_response_due(store: Store, world: World) -> None:
    made = new_ticket(store, org_id=world.org_sla)
    v = act(store, world, made.id, now=at(2024, 5, 14, 10, 45)).version
    store.write_sync(
        lambda conn: set_priority(
            conn, ticket_id=made.id, priority="low", user_id=world.tech, expected_version=v
        )
    )
    ticket = detail(store, made.id)
    assert ticket.response_due_at == at(2024, 5, 14, 11, 0)
    # 'low': 40 business hours from Tuesday 10:00 = 8 + 9 + 9 + 9 + 5 -> Monday 14:00
    assert ticket.resolution_due_at == at(2024, 5, 20, 14, 0)


def test_priority_without_targets_clears_unmet_due_times(store: Store, world: World) -> None:
    made = new_ticket(store, org_id=world.org_sla)
    store.write_sync(
        lambda conn: set_priority(
            conn, ticket_id=made.id, priority="urgent", user_id=world.tech, expected_version=1
        )
    )
    ticket = detail(store, made.id)
    assert (ticket.response_due_at, ticket.resolution_due_at) == (None, None)
