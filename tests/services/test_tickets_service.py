"""Ticket services (``services.tickets``, ``ticket_screen``, ``ticket_list``, ``ingest``): the
acting user is read afresh inside each transaction, so a right lost after a page was built is a
right lost; changes and reads otherwise do what the store does."""

from __future__ import annotations

import asyncio
import uuid as uuid_lib
from datetime import UTC, datetime

import pytest

from appliance.domain.errors import Forbidden, Stale
from appliance.services.actor import Actor
from appliance.services.ingest import DeviceAuth, held_blob_sync, store_blob
from appliance.services.ticket_list import ListFilters, list_screen
from appliance.services.ticket_screen import find_ticket_id, load_screen, screen_stamp
from appliance.services.tickets import (
    add_action,
    change_status,
    create_phone_ticket,
    export_tickets_sync,
    take_ticket,
)
from appliance.store import Store
from appliance.store.users import set_active
from tests.store.ticket_seed import World, build_world, detail, new_ticket

NOW = datetime(2024, 5, 14, 8, 0, tzinfo=UTC)


@pytest.fixture
def world(store: Store) -> World:
    return store.write_sync(build_world)


def history(store: Store, ticket_id: int) -> list[tuple[str, int | None, str | None]]:
    return store.read_sync(
        lambda conn: conn.execute(
            "SELECT kind, user_id, new_value FROM ticket_actions WHERE ticket_id = ? ORDER BY id",
            (ticket_id,),
        ).fetchall()
    )


def test_a_technician_changes_a_ticket_and_the_history_names_them(
    store: Store, world: World
) -> None:
    ticket = new_ticket(store, org_id=world.org_sla)
    tech = Actor.user(world.tech)
    changed = asyncio.run(
        change_status(store, tech, ticket_id=ticket.id, new_status="waiting", expected_version=1)
    )
    assert changed.version == 2
    taken = asyncio.run(take_ticket(store, tech, ticket_id=ticket.id, expected_version=2))
    assert detail(store, ticket.id).assignee_id == world.tech
    # Taking a ticket that waits for the client does not start work on it.
    assert detail(store, ticket.id).status == "waiting"
    assert [row[:2] for row in history(store, ticket.id)] == [
        ("created", None),
        ("status", world.tech),
        ("assignment", world.tech),
    ]
    with pytest.raises(Stale):
        asyncio.run(
            change_status(
                store, tech, ticket_id=ticket.id, new_status="in_progress", expected_version=2
            )
        )
    assert taken.version == 3


def test_taking_a_new_ticket_assigns_it_and_starts_work(store: Store, world: World) -> None:
    ticket = new_ticket(store, org_id=world.org_sla)
    tech = Actor.user(world.tech)
    taken = asyncio.run(take_ticket(store, tech, ticket_id=ticket.id, expected_version=1))
    shown = detail(store, ticket.id)
    assert (shown.assignee_id, shown.status) == (world.tech, "in_progress")
    assert taken.version == 3
    assert [row[:2] for row in history(store, ticket.id)][1:] == [
        ("assignment", world.tech),
        ("status", world.tech),
    ]


def test_starting_work_without_an_assignee_assigns_the_starter(store: Store, world: World) -> None:
    ticket = new_ticket(store, org_id=world.org_sla)
    tech = Actor.user(world.tech)
    changed = asyncio.run(
        change_status(
            store, tech, ticket_id=ticket.id, new_status="in_progress", expected_version=1
        )
    )
    shown = detail(store, ticket.id)
    assert (shown.assignee_id, shown.status) == (world.tech, "in_progress")
    assert changed.version == 3
    assert [row[:2] for row in history(store, ticket.id)][1:] == [
        ("status", world.tech),
        ("assignment", world.tech),
    ]


def test_a_disabled_technician_or_a_manager_changes_nothing(store: Store, world: World) -> None:
    ticket = new_ticket(store, org_id=world.org_sla)
    store.write_sync(lambda conn: set_active(conn, world.tech, False))
    for actor in (Actor.user(world.tech), Actor.user(world.manager), Actor.cli()):
        with pytest.raises(Forbidden):
            asyncio.run(
                add_action(
                    store,
                    actor,
                    ticket_id=ticket.id,
                    kind="comment",
                    text="checked the cable",
                    minutes=5,
                    additional_work=False,
                    visibility="internal",
                    expected_version=None,
                )
            )
    assert detail(store, ticket.id).version == 1


def test_the_screen_reads_are_refused_to_a_disabled_account(store: Store, world: World) -> None:
    ticket = new_ticket(store, org_id=world.org_sla)
    manager = Actor.user(world.manager)
    found = asyncio.run(find_ticket_id(store, manager, number=ticket.number))
    assert found == ticket.id
    screen = asyncio.run(load_screen(store, manager, ticket_id=ticket.id, today=NOW.date()))
    assert screen is not None and screen.stamp == asyncio.run(
        screen_stamp(store, manager, ticket_id=ticket.id)
    )
    assert not screen.may_reveal
    store.write_sync(lambda conn: set_active(conn, world.manager, False))
    with pytest.raises(Forbidden):
        asyncio.run(load_screen(store, manager, ticket_id=ticket.id, today=NOW.date()))


def test_a_phone_ticket_is_filed_once_by_its_form_uuid(store: Store, world: World) -> None:
    form = str(uuid_lib.uuid4())

    def create() -> int:
        made = asyncio.run(
            create_phone_ticket(
                store,
                Actor.user(world.tech),
                uuid=form,
                org_id=world.org_sla,
                person_id=world.person,
                equipment_id=None,
                contact_phone="",
                description="No sound",
                priority="normal",
                category_id=None,
                assign_to_me=True,
                now=NOW,
            )
        )
        return made.number

    assert create() == create()
    listed = asyncio.run(
        list_screen(
            store,
            Actor.user(world.tech),
            view="mine",
            filters=ListFilters(),
            sort="received",
            descending=True,
            page=1,
            per_page=50,
            now=NOW,
        )
    )
    assert [row.summary for row in listed.page.rows] == ["No sound"]
    assert listed.counts["mine"] == 1
    numbers = export_tickets_sync(store, Actor.cli(), lambda rows: [r["number"] for r in rows])
    assert numbers == [1]


def test_a_revoked_device_stores_nothing(store: Store, world: World) -> None:
    revoked = DeviceAuth(device_id=world.device, org_id=world.org_sla, revoked=True)
    with pytest.raises(Forbidden):
        held_blob_sync(store, revoked, sha256="0" * 64)
    with pytest.raises(Forbidden):
        asyncio.run(
            store_blob(
                store,
                revoked,
                sha256="0" * 64,
                data=b"x",
                media_type="image/png",
                width=1,
                height=1,
                now=NOW,
            )
        )
