"""Changing tickets in the real encrypted store: transitions, optimistic concurrency, history,
first response, SLA pause/resume, the client feed, and refusals that leave the store unchanged."""

from __future__ import annotations

import itertools
from datetime import datetime
from typing import Any

import apsw
import pytest

from appliance.domain.workflow import STATUSES, TransitionError, allowed_transitions
from appliance.i18n import t
from appliance.store import Store
from appliance.store.tickets import (
    StaleTicketError,
    TicketDetail,
    TicketInputError,
    TicketNotFoundError,
    TicketPermissionError,
    TicketReadOnlyError,
    add_action,
    assign,
    change_status,
    get_ticket,
    set_category,
    set_priority,
    ticket_history,
)
from tests.store.ticket_seed import World, at, build_world, new_ticket

HOUR = 3600
# The shortest way from 'new' to each status.
PATH = {
    "new": [],
    "in_progress": ["in_progress"],
    "waiting": ["waiting"],
    "resolved": ["resolved"],
    "closed": ["resolved", "closed"],
}


@pytest.fixture
def world(store: Store) -> World:
    return store.write_sync(build_world)


def detail(store: Store, ticket_id: int) -> TicketDetail:
    found = store.read_sync(lambda conn: get_ticket(conn, ticket_id))
    assert found is not None
    return found


def snapshot(store: Store, ticket_id: int) -> tuple[Any, ...]:
    """Everything a change could touch: the row, its history, the feed, the change log."""

    def read(conn: apsw.Connection) -> tuple[Any, ...]:
        return tuple(
            conn.execute(sql, (ticket_id,)).fetchall()
            for sql in (
                "SELECT * FROM tickets WHERE id = ?",
                "SELECT * FROM ticket_actions WHERE ticket_id = ?",
                "SELECT * FROM feed_events WHERE ticket_id = ?",
                "SELECT * FROM ticket_changes WHERE ticket_id = ?",
            )
        )

    return store.read_sync(read)


def move(store: Store, world: World, ticket_id: int, status: str, now: datetime) -> int:
    version = detail(store, ticket_id).version
    return store.write_sync(
        lambda conn: change_status(
            conn,
            ticket_id=ticket_id,
            new_status=status,
            user_id=world.tech,
            expected_version=version,
            now=now,
        )
    ).version


def act(store: Store, world: World, ticket_id: int, **overrides: Any) -> Any:
    args: dict[str, Any] = {
        "ticket_id": ticket_id,
        "user_id": world.tech,
        "kind": "phone_call",
        "text": "Called, restarted the spooler",
        "minutes": 15,
        "now": at(2024, 5, 14, 10, 30),
    }
    args.update(overrides)
    return store.write_sync(lambda conn: add_action(conn, **args))


def feed_kinds(store: Store, ticket_id: int) -> list[str]:
    return store.read_sync(
        lambda conn: [
            r[0]
            for r in conn.execute(
                "SELECT kind FROM feed_events WHERE ticket_id = ? ORDER BY seq", (ticket_id,)
            )
        ]
    )


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


# -- optimistic concurrency ----------------------------------------------------------------------

CHANGES = {
    "status": lambda w, v: {"fn": change_status, "new_status": "in_progress"},
    "assign": lambda w, v: {"fn": assign, "assignee_id": w.tech2},
    "category": lambda w, v: {"fn": set_category, "category_id": w.problem},
    "priority": lambda w, v: {"fn": set_priority, "priority": "high"},
    "action": lambda w, v: {"fn": add_action, "kind": "comment", "text": "hi"},
}


@pytest.mark.parametrize("change", list(CHANGES))
def test_stale_version_is_refused_and_nothing_changes(
    store: Store, world: World, change: str
) -> None:
    made = new_ticket(store, org_id=world.org_sla)
    # A colleague assigns the ticket first: version 1 -> 2.
    store.write_sync(
        lambda conn: assign(
            conn, ticket_id=made.id, assignee_id=world.tech, user_id=world.admin, expected_version=1
        )
    )
    before = snapshot(store, made.id)
    spec = CHANGES[change](world, 1)
    fn = spec.pop("fn")
    with pytest.raises(StaleTicketError) as refused:
        store.write_sync(
            lambda conn: fn(conn, ticket_id=made.id, user_id=world.tech, expected_version=1, **spec)
        )
    err = refused.value
    assert (err.ticket_id, err.expected_version, err.current_version) == (made.id, 1, 2)
    assert err.key == "workflow.stale"
    assert t(err.key, "en").startswith("Someone else changed this ticket")
    assert snapshot(store, made.id) == before
    # Based on the fresh version the same change goes through.
    changed = store.write_sync(
        lambda conn: fn(conn, ticket_id=made.id, user_id=world.tech, expected_version=2, **spec)
    )
    assert changed.version == 3 == detail(store, made.id).version


def test_action_without_expected_version_is_added_whatever_changed(
    store: Store, world: World
) -> None:
    made = new_ticket(store, org_id=world.org_sla)
    move(store, world, made.id, "in_progress", at(2024, 5, 14, 10, 5))
    changed = act(store, world, made.id, kind="comment", text="note", visibility="internal")
    assert changed.version == 3 == detail(store, made.id).version


def test_unknown_ticket(store: Store, world: World) -> None:
    with pytest.raises(TicketNotFoundError) as missing:
        act(store, world, 4242)
    assert missing.value.key == "workflow.not_found"


# -- actions and the first response --------------------------------------------------------------


def test_first_response_is_set_once_and_not_by_an_internal_note(store: Store, world: World) -> None:
    made = new_ticket(store, org_id=world.org_sla)
    act(store, world, made.id, kind="comment", visibility="internal", now=at(2024, 5, 14, 10, 10))
    assert detail(store, made.id).first_response_at is None
    act(store, world, made.id, kind="phone_call", now=at(2024, 5, 14, 10, 20))
    assert detail(store, made.id).first_response_at == at(2024, 5, 14, 10, 20)
    act(store, world, made.id, kind="comment", visibility="public", now=at(2024, 5, 14, 10, 50))
    assert detail(store, made.id).first_response_at == at(2024, 5, 14, 10, 20)


def test_action_on_a_new_ticket_leaves_its_status_alone(store: Store, world: World) -> None:
    made = new_ticket(store, org_id=world.org_sla)
    act(store, world, made.id)
    assert detail(store, made.id).status == "new"


def test_action_is_recorded_with_who_when_and_how_long(store: Store, world: World) -> None:
    made = new_ticket(store, org_id=world.org_sla)
    changed = act(
        store,
        world,
        made.id,
        kind="on_site",
        text="  Replaced the fuser  ",
        minutes=90,
        additional_work=True,
        visibility="public",
        now=at(2024, 5, 14, 13, 0),
    )
    row = store.read_sync(lambda conn: ticket_history(conn, made.id))[-1]
    assert row.id == changed.action_id
    assert (row.kind, row.text, row.minutes, row.additional_work, row.visibility) == (
        "on_site",
        "Replaced the fuser",
        90,
        True,
        "public",
    )
    assert (row.user_id, row.user_name, row.created_at) == (
        world.tech,
        "Anna Ivanova",
        at(2024, 5, 14, 13, 0),
    )
    assert detail(store, made.id).updated_at == at(2024, 5, 14, 13, 0)


def test_public_action_is_a_reply_in_the_feed_and_an_internal_one_is_not(
    store: Store, world: World
) -> None:
    made = new_ticket(store, org_id=world.org_sla)
    act(store, world, made.id, kind="comment", text="note to self", visibility="internal")
    assert feed_kinds(store, made.id) == ["number"]
    public = act(store, world, made.id, kind="comment", text="Please restart", visibility="public")
    assert feed_kinds(store, made.id) == ["number", "reply"]
    payload = store.read_sync(
        lambda conn: conn.execute(
            "SELECT json_extract(payload, '$.text'), json_extract(payload, '$.action_id')"
            " FROM feed_events WHERE ticket_id = ? AND kind = 'reply'",
            (made.id,),
        ).fetchone()
    )
    assert payload == ("Please restart", public.action_id)


BAD_ACTIONS = [
    ({"kind": "created"}, "ticket_input.bad_kind"),
    ({"kind": "status"}, "ticket_input.bad_kind"),
    ({"kind": "telepathy"}, "ticket_input.bad_kind"),
    ({"visibility": "secret"}, "ticket_input.bad_visibility"),
    ({"text": ""}, "ticket_input.empty_text"),
    ({"text": "   "}, "ticket_input.empty_text"),
    ({"text": None}, "ticket_input.empty_text"),
    ({"text": "x" * 20_001}, "ticket_input.text_too_long"),
    ({"minutes": -1}, "ticket_input.bad_minutes"),
    ({"minutes": 1440 * 7 + 1}, "ticket_input.bad_minutes"),
    ({"minutes": 1.5}, "ticket_input.bad_minutes"),
    ({"minutes": "10"}, "ticket_input.bad_minutes"),
    ({"minutes": True}, "ticket_input.bad_minutes"),
    ({"additional_work": "yes"}, "ticket_input.bad_additional_work"),
    ({"now": datetime(2024, 5, 14, 10, 0)}, "ticket_input.bad_time"),
]


@pytest.mark.parametrize(("overrides", "key"), BAD_ACTIONS)
def test_bad_action_is_refused_and_nothing_changes(
    store: Store, world: World, overrides: dict[str, Any], key: str
) -> None:
    made = new_ticket(store, org_id=world.org_sla)
    before = snapshot(store, made.id)
    with pytest.raises(TicketInputError) as refused:
        act(store, world, made.id, **overrides)
    assert refused.value.key == key
    assert t(refused.value.key, "ru", **refused.value.values)
    assert snapshot(store, made.id) == before


def test_boundary_minutes_are_accepted(store: Store, world: World) -> None:
    made = new_ticket(store, org_id=world.org_sla)
    act(store, world, made.id, minutes=0)
    act(store, world, made.id, minutes=1440 * 7)
    minutes = [h.minutes for h in store.read_sync(lambda conn: ticket_history(conn, made.id))]
    assert minutes == [0, 0, 1440 * 7]


# -- who may change tickets ----------------------------------------------------------------------


@pytest.mark.parametrize("who", ["manager", "retired_tech"])
@pytest.mark.parametrize("change", list(CHANGES))
def test_only_active_workers_change_tickets(
    store: Store, world: World, who: str, change: str
) -> None:
    made = new_ticket(store, org_id=world.org_sla)
    before = snapshot(store, made.id)
    spec = CHANGES[change](world, 1)
    fn = spec.pop("fn")
    with pytest.raises(TicketPermissionError) as refused:
        store.write_sync(
            lambda conn: fn(
                conn, ticket_id=made.id, user_id=getattr(world, who), expected_version=1, **spec
            )
        )
    assert refused.value.key == "workflow.not_permitted"
    assert snapshot(store, made.id) == before


@pytest.mark.parametrize("change", ["assign", "category", "priority", "action"])
def test_closed_ticket_is_read_only_until_reopened(store: Store, world: World, change: str) -> None:
    made = new_ticket(store, org_id=world.org_sla)
    move(store, world, made.id, "resolved", at(2024, 5, 14, 11, 0))
    version = move(store, world, made.id, "closed", at(2024, 5, 14, 12, 0))
    before = snapshot(store, made.id)
    spec = CHANGES[change](world, version)
    fn = spec.pop("fn")

    def attempt(conn: apsw.Connection, v: int) -> Any:
        return fn(conn, ticket_id=made.id, user_id=world.tech, expected_version=v, **spec)

    with pytest.raises(TicketReadOnlyError) as refused:
        store.write_sync(lambda conn: attempt(conn, version))
    assert refused.value.key == "workflow.read_only"
    assert snapshot(store, made.id) == before
    version = move(store, world, made.id, "in_progress", at(2024, 5, 14, 13, 0))
    assert store.write_sync(lambda conn: attempt(conn, version)).action_id is not None


# -- assignee, category, priority ----------------------------------------------------------------


def test_assignment_history_names_people(store: Store, world: World) -> None:
    made = new_ticket(store, org_id=world.org_sla, assignee_id=world.tech)
    v = 1
    for assignee in (world.tech2, None, world.admin):
        v = store.write_sync(
            lambda conn, a=assignee, v=v: assign(
                conn, ticket_id=made.id, assignee_id=a, user_id=world.tech, expected_version=v
            )
        ).version
    rows = [
        (h.old_label, h.new_label)
        for h in store.read_sync(lambda conn: ticket_history(conn, made.id))
        if h.kind == "assignment"
    ]
    assert rows == [("Anna Ivanova", "boris"), ("boris", None), (None, "Admin Adminov")]
    assert detail(store, made.id).assignee_name == "Admin Adminov"


def test_setting_the_same_value_writes_nothing(store: Store, world: World) -> None:
    made = new_ticket(
        store, org_id=world.org_sla, assignee_id=world.tech, category_id=world.problem
    )
    before = snapshot(store, made.id)
    for fn, args in (
        (assign, {"assignee_id": world.tech}),
        (set_category, {"category_id": world.problem}),
        (set_priority, {"priority": "normal"}),
        (change_status, {"new_status": "new"}),
    ):
        changed = store.write_sync(
            lambda conn, fn=fn, args=args: fn(
                conn, ticket_id=made.id, user_id=world.tech, expected_version=1, **args
            )
        )
        assert (changed.version, changed.action_id) == (1, None)
    assert snapshot(store, made.id) == before


@pytest.mark.parametrize(
    ("fn", "args", "key"),
    [
        (assign, {"assignee_id": "manager"}, "ticket_input.bad_assignee"),
        (assign, {"assignee_id": "retired_tech"}, "ticket_input.bad_assignee"),
        (assign, {"assignee_id": 999}, "ticket_input.unknown_reference"),
        (set_category, {"category_id": 999}, "ticket_input.unknown_reference"),
        (set_priority, {"priority": "asap"}, "ticket_input.bad_priority"),
    ],
)
def test_bad_field_values_are_refused(
    store: Store, world: World, fn: Any, args: dict[str, Any], key: str
) -> None:
    made = new_ticket(store, org_id=world.org_sla)
    before = snapshot(store, made.id)
    values = {
        k: getattr(world, v) if isinstance(v, str) and hasattr(world, v) else v
        for k, v in args.items()
    }
    with pytest.raises(TicketInputError) as refused:
        store.write_sync(
            lambda conn: fn(
                conn, ticket_id=made.id, user_id=world.tech, expected_version=1, **values
            )
        )
    assert refused.value.key == key
    assert snapshot(store, made.id) == before


def test_category_history_names_service_and_problem(store: Store, world: World) -> None:
    made = new_ticket(store, org_id=world.org_sla)
    store.write_sync(
        lambda conn: set_category(
            conn,
            ticket_id=made.id,
            category_id=world.service,
            user_id=world.tech,
            expected_version=1,
        )
    )
    store.write_sync(
        lambda conn: set_category(
            conn,
            ticket_id=made.id,
            category_id=world.problem,
            user_id=world.tech,
            expected_version=2,
        )
    )
    rows = [
        (h.old_label, h.new_label)
        for h in store.read_sync(lambda conn: ticket_history(conn, made.id))
        if h.kind == "category"
    ]
    assert rows == [(None, "Printing"), ("Printing", "Printing / Paper jam")]


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
