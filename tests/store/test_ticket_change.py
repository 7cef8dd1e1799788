"""Changing tickets in the real encrypted store: optimistic concurrency, logged actions and the
first response, public replies in the client feed, who may change what, assignee/category/priority
with their history, and refusals that leave the store unchanged."""

from __future__ import annotations

from datetime import datetime
from typing import Any

import apsw
import pytest

from appliance.i18n import t
from appliance.store import Store
from appliance.store.tickets import (
    StaleTicketError,
    TicketInputError,
    TicketNotFoundError,
    TicketPermissionError,
    TicketReadOnlyError,
    assign,
    change_status,
    set_category,
    set_priority,
    ticket_history,
)
from tests.store.ticket_seed import (
    CHANGES,
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


# -- optimistic concurrency ----------------------------------------------------------------------


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
