"""Creating and reading tickets in the real encrypted store: gap-free numbers, idempotency by uuid,
SLA due times from the client's plan, bad input refused with the store unchanged."""

from __future__ import annotations

import uuid as uuid_lib
from datetime import datetime, timedelta
from typing import Any

import apsw
import pytest

from appliance.domain.clock import from_db
from appliance.domain.errors import InvalidInput
from appliance.i18n import t
from appliance.store import Store
from appliance.store.sla import SlaPlan, load_plan, load_plans, plan_id_for_org
from appliance.store.tickets import (
    TicketInputError,
    create_ticket,
    find_by_number,
    find_by_uuid,
    get_ticket,
    ticket_history,
)
from tests.store.ticket_seed import RECEIVED, World, at, build_world, new_ticket


@pytest.fixture
def world(store: Store) -> World:
    return store.write_sync(build_world)


class Boom(Exception):
    pass


def counts(store: Store) -> dict[str, int]:
    def read(conn: apsw.Connection) -> dict[str, int]:
        tables = ("tickets", "ticket_actions", "ticket_attachments", "feed_events")
        found = {n: conn.execute(f"SELECT count(*) FROM {n}").fetchone()[0] for n in tables}
        found["counter"] = conn.execute(
            "SELECT value FROM counters WHERE name = 'ticket_number'"
        ).fetchone()[0]
        return found

    return store.read_sync(read)


# -- numbering -----------------------------------------------------------------------------------


def test_numbers_start_at_one_and_count_up(store: Store, world: World) -> None:
    assert [new_ticket(store, org_id=world.org_sla).number for _ in range(3)] == [1, 2, 3]


def test_rolled_back_transaction_gives_its_number_back(store: Store, world: World) -> None:
    new_ticket(store)

    def create_then_fail(conn: apsw.Connection) -> None:
        made = create_ticket(
            conn, uuid=str(uuid_lib.uuid4()), source="phone", description="x", submitted_at=RECEIVED
        )
        assert made.number == 2
        raise Boom

    with pytest.raises(Boom):
        store.write_sync(create_then_fail)
    assert new_ticket(store).number == 2


def test_numbers_have_no_gaps_after_mixed_successes_and_failures(
    store: Store, world: World
) -> None:
    def failing_after_create(conn: apsw.Connection) -> None:
        create_ticket(
            conn, uuid=str(uuid_lib.uuid4()), source="phone", description="x", submitted_at=RECEIVED
        )
        raise Boom

    def swallowed_bad_input(conn: apsw.Connection) -> None:
        # The caller catches the refusal and commits what else it did: no number may leak.
        with pytest.raises(TicketInputError):
            create_ticket(
                conn,
                uuid=str(uuid_lib.uuid4()),
                source="phone",
                description="x",
                submitted_at=RECEIVED,
                attachments=["f" * 64],
            )

    for i in range(12):
        if i % 3 == 1:
            with pytest.raises(Boom):
                store.write_sync(failing_after_create)
        elif i % 3 == 2:
            store.write_sync(swallowed_bad_input)
        else:
            new_ticket(store)
    numbers = store.read_sync(
        lambda conn: [r[0] for r in conn.execute("SELECT number FROM tickets ORDER BY number")]
    )
    assert numbers == [1, 2, 3, 4]
    assert counts(store)["counter"] == 4


def test_failure_inside_create_after_the_number_gives_it_back_within_the_transaction(
    store: Store, world: World
) -> None:
    new_ticket(store)

    def duplicate_number_then_more(conn: apsw.Connection) -> int:
        # Make the insert fail after the counter moved: a ticket already holds number 2.
        conn.execute("UPDATE tickets SET number = 2 WHERE number = 1")
        with pytest.raises(apsw.ConstraintError):
            create_ticket(
                conn,
                uuid=str(uuid_lib.uuid4()),
                source="phone",
                description="x",
                submitted_at=RECEIVED,
            )
        return conn.execute("SELECT value FROM counters WHERE name = 'ticket_number'").fetchone()[0]

    assert store.write_sync(duplicate_number_then_more) == 1


# -- idempotency ---------------------------------------------------------------------------------


def test_same_uuid_twice_gives_the_same_ticket_and_changes_nothing(
    store: Store, world: World
) -> None:
    key = str(uuid_lib.uuid4())
    first = new_ticket(store, uuid=key, org_id=world.org_sla, content_hash="a" * 64)
    before = counts(store)
    again = new_ticket(store, uuid=key.upper(), description="something else", content_hash="b" * 64)
    assert (again.id, again.number, again.uuid, again.created) == (
        first.id,
        first.number,
        key,
        False,
    )
    assert first.created is True
    assert counts(store) == before
    ref = store.read_sync(lambda conn: find_by_uuid(conn, key))
    assert ref is not None
    assert (ref.number, ref.content_hash, ref.status, ref.version) == (1, "a" * 64, "new", 1)
    detail = store.read_sync(lambda conn: get_ticket(conn, first.id))
    assert detail is not None and detail.description == "The printer jams on every page"


def test_find_by_uuid_and_number_miss_cleanly(store: Store, world: World) -> None:
    made = new_ticket(store)
    assert store.read_sync(lambda conn: find_by_uuid(conn, str(uuid_lib.uuid4()))) is None
    assert store.read_sync(lambda conn: find_by_uuid(conn, "not-a-uuid")) is None
    assert store.read_sync(lambda conn: find_by_number(conn, 99)) is None
    ref = store.read_sync(lambda conn: find_by_number(conn, 1))
    assert ref is not None and ref.id == made.id


# -- what a new ticket holds ---------------------------------------------------------------------


def test_new_ticket_holds_everything_sent(store: Store, world: World) -> None:
    submitted = RECEIVED - timedelta(minutes=7)  # the client's clock runs slow
    made = new_ticket(
        store,
        submitted_at=submitted,
        person_id=world.person,
        equipment_id=world.equipment,
        device_id=world.device,
        contact_phone="+7 900 000-00-00",
        priority="high",
        category_id=world.problem,
        assignee_id=world.tech,
        machine_facts={"hostname": "acc-01", "ips": ["10.0.0.5"], "os": "Windows 11"},
        content_hash="c" * 64,
        attachments=[world.blob, world.blob],
        description="  Принтер зажевал бумагу  ",
    )
    ticket = store.read_sync(lambda conn: get_ticket(conn, made.id))
    assert ticket is not None
    assert (ticket.org_id, ticket.org_name) == (world.org_sla, "Romashka LLC")
    assert (ticket.person_name, ticket.equipment_name) == ("Irina Petrova", "Accounting PC")
    assert ticket.device_id == world.device
    assert ticket.category_name == "Printing / Paper jam"
    assert ticket.assignee_name == "Anna Ivanova"
    assert ticket.description == "Принтер зажевал бумагу"
    assert (ticket.status, ticket.priority, ticket.source) == ("new", "high", "client")
    assert ticket.machine_facts == {"hostname": "acc-01", "ips": ["10.0.0.5"], "os": "Windows 11"}
    assert ticket.attachments == (world.blob,)
    assert (ticket.submitted_at, ticket.received_at) == (submitted, RECEIVED)
    assert ticket.updated_at == RECEIVED
    assert ticket.version == 1
    assert ticket.first_response_at is None and ticket.resolved_at is None
    assert ticket.sla_plan_id == world.plan_id
    # 'high': 30 min response, 4 h resolution on Moscow 9-18
    assert ticket.response_due_at == at(2024, 5, 14, 10, 30)
    assert ticket.resolution_due_at == at(2024, 5, 14, 14, 0)


def test_friday_evening_ticket_is_due_monday(store: Store, world: World) -> None:
    made = new_ticket(store, org_id=world.org_sla, received_at=at(2024, 5, 17, 19, 40))
    ticket = store.read_sync(lambda conn: get_ticket(conn, made.id))
    assert ticket is not None
    assert ticket.response_due_at == at(2024, 5, 20, 10, 0)
    assert ticket.resolution_due_at == at(2024, 5, 20, 17, 0)


@pytest.mark.parametrize(
    ("overrides", "why"),
    [
        ({"org_id": None}, "no organisation"),
        ({"org_id": "plain"}, "organisation without a plan"),
        ({"org_id": "sla", "priority": "urgent"}, "plan without targets for the priority"),
    ],
)
def test_no_due_times_without_a_plan_or_targets(
    store: Store, world: World, overrides: dict[str, Any], why: str
) -> None:
    orgs = {"plain": world.org_plain, "sla": world.org_sla, None: None}
    args = {**overrides, "org_id": orgs[overrides["org_id"]]}
    made = new_ticket(store, **args)
    ticket = store.read_sync(lambda conn: get_ticket(conn, made.id))
    assert ticket is not None
    assert (ticket.response_due_at, ticket.resolution_due_at) == (None, None), why


def test_organisation_is_taken_from_the_person_or_equipment(store: Store, world: World) -> None:
    by_person = new_ticket(store, person_id=world.person)
    by_equipment = new_ticket(store, equipment_id=world.equipment)
    for made in (by_person, by_equipment):
        ticket = store.read_sync(lambda conn, made=made: get_ticket(conn, made.id))
        assert ticket is not None and ticket.org_id == world.org_sla
        assert ticket.response_due_at is not None


def test_created_row_opens_the_history_and_the_feed_gets_the_number(
    store: Store, world: World
) -> None:
    made = new_ticket(store, source="technician", created_by=world.tech)
    history = store.read_sync(lambda conn: ticket_history(conn, made.id))
    assert [(h.kind, h.user_id, h.user_name, h.created_at) for h in history] == [
        ("created", world.tech, "Anna Ivanova", RECEIVED)
    ]
    feed = store.read_sync(
        lambda conn: conn.execute(
            "SELECT kind, payload FROM feed_events WHERE ticket_id = ?", (made.id,)
        ).fetchall()
    )
    assert len(feed) == 1 and feed[0][0] == "number"
    assert f'"number":{made.number}' in feed[0][1]
    changes = store.read_sync(
        lambda conn: conn.execute(
            "SELECT kind FROM ticket_changes WHERE ticket_id = ?", (made.id,)
        ).fetchall()
    )
    assert ("created",) in changes


def test_received_at_defaults_to_now(store: Store, world: World) -> None:
    before = datetime.now(RECEIVED.tzinfo)
    made = store.write_sync(
        lambda conn: create_ticket(
            conn, uuid=str(uuid_lib.uuid4()), source="phone", description="x", submitted_at=before
        )
    )
    received = store.read_sync(
        lambda conn: conn.execute(
            "SELECT received_at FROM tickets WHERE id = ?", (made.id,)
        ).fetchone()[0]
    )
    assert before <= from_db(received) <= datetime.now(RECEIVED.tzinfo)


def test_get_ticket_of_unknown_id_is_none(store: Store, world: World) -> None:
    assert store.read_sync(lambda conn: get_ticket(conn, 12345)) is None
    assert store.read_sync(lambda conn: ticket_history(conn, 12345)) == []


# -- bad input -----------------------------------------------------------------------------------

BAD_INPUT = [
    ({"uuid": "not-a-uuid"}, "ticket_input.bad_uuid"),
    ({"uuid": ""}, "ticket_input.bad_uuid"),
    ({"source": "fax"}, "ticket_input.bad_source"),
    ({"priority": "critical"}, "ticket_input.bad_priority"),
    ({"description": ""}, "ticket_input.empty_description"),
    ({"description": " \n\t "}, "ticket_input.empty_description"),
    ({"description": "x" * 20_001}, "ticket_input.description_too_long"),
    ({"contact_phone": "1" * 65}, "ticket_input.bad_contact_phone"),
    ({"content_hash": "x" * 129}, "ticket_input.bad_content_hash"),
    ({"submitted_at": datetime(2024, 5, 14, 10, 0)}, "ticket_input.bad_time"),
    ({"received_at": datetime(2024, 5, 14, 10, 0)}, "ticket_input.bad_time"),
    ({"machine_facts": ["not", "a", "dict"]}, "ticket_input.bad_machine_facts"),
    ({"machine_facts": {"x": float("nan")}}, "ticket_input.bad_machine_facts"),
    ({"machine_facts": {"x": object()}}, "ticket_input.bad_machine_facts"),
    ({"machine_facts": {"x": "y" * 70_000}}, "ticket_input.machine_facts_too_big"),
    ({"attachments": ["0" * 64]}, "ticket_input.bad_attachment"),
    ({"attachments": "abc"}, "ticket_input.bad_attachment"),
    ({"attachments": [f"{i:064x}" for i in range(21)]}, "ticket_input.too_many_attachments"),
    ({"org_id": 999}, "ticket_input.unknown_reference"),
    ({"person_id": 999}, "ticket_input.unknown_reference"),
    ({"equipment_id": 999}, "ticket_input.unknown_reference"),
    ({"device_id": 999}, "ticket_input.unknown_reference"),
    ({"category_id": 999}, "ticket_input.unknown_reference"),
    ({"assignee_id": 999}, "ticket_input.unknown_reference"),
    ({"created_by": 999}, "ticket_input.unknown_reference"),
    ({"org_id": "org_plain", "person_id": "person"}, "ticket_input.other_org"),
    ({"person_id": "other_person", "equipment_id": "equipment"}, "ticket_input.other_org"),
    ({"assignee_id": "manager"}, "ticket_input.bad_assignee"),
    ({"assignee_id": "retired_tech"}, "ticket_input.bad_assignee"),
]


@pytest.mark.parametrize(("overrides", "key"), BAD_INPUT)
def test_bad_input_is_refused_and_the_store_is_unchanged(
    store: Store, world: World, overrides: dict[str, Any], key: str
) -> None:
    new_ticket(store)
    before = counts(store)
    args = {
        name: getattr(world, value) if isinstance(value, str) and hasattr(world, value) else value
        for name, value in overrides.items()
    }
    with pytest.raises(TicketInputError) as refused:
        new_ticket(store, **args)
    assert refused.value.key == key
    assert isinstance(refused.value, InvalidInput)  # the kind every boundary maps
    for lang in ("ru", "en"):
        assert t(refused.value.key, lang, **refused.value.values)
    assert counts(store) == before


# -- SLA plans as stored -------------------------------------------------------------------------


def plan_for_org(conn: apsw.Connection, org_id: int | None) -> SlaPlan | None:
    plan_id = plan_id_for_org(conn, org_id)
    return load_plan(conn, plan_id) if plan_id is not None else None


def test_plans_load_with_their_calendar_and_targets(store: Store, world: World) -> None:
    plan = store.read_sync(lambda conn: load_plan(conn, world.plan_id))
    assert plan is not None
    assert plan.calendar.time_zone == "Europe/Moscow"
    assert plan.calendar.week_hours["mon"] == (("09:00", "18:00"),)
    assert plan.targets_for("normal") is not None
    assert plan.targets_for("urgent") is None
    assert store.read_sync(lambda conn: plan_for_org(conn, world.org_plain)) is None
    assert store.read_sync(lambda conn: plan_for_org(conn, world.org_sla)) == plan
    assert store.read_sync(load_plans) == {world.plan_id: plan}
    assert store.read_sync(lambda conn: load_plan(conn, 999)) is None
