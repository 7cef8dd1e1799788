"""A small world for the ticket aggregate's tests: two clients (one on a Moscow 9-18 SLA plan, one
without a plan), their people and machines, categories, users of every role, a screenshot; and
small helpers the ticket tests share."""

from __future__ import annotations

import hashlib
import uuid as uuid_lib
from dataclasses import dataclass
from datetime import datetime
from typing import Any
from zoneinfo import ZoneInfo

import apsw

from appliance.domain.clock import from_db
from appliance.domain.sla import WEEKDAYS, BusinessCalendar
from appliance.store import Store
from appliance.store.categories import create_category
from appliance.store.equipment import create_equipment
from appliance.store.organizations import create_organization
from appliance.store.persons import create_person
from appliance.store.sla import SlaTargets, create_calendar, create_plan
from appliance.store.tickets import (
    CreatedTicket,
    TicketDetail,
    add_action,
    assign,
    change_status,
    create_ticket,
    get_ticket,
    set_category,
    set_priority,
)
from appliance.store.users import create_user, set_active

MSK = ZoneInfo("Europe/Moscow")
CREATED_AT = "2024-01-01T00:00:00.000000Z"
# Tuesday 14 May 2024, 10:00 in Moscow: a working morning.
RECEIVED = datetime(2024, 5, 14, 10, 0, tzinfo=MSK)
MOSCOW_9_18 = BusinessCalendar("Europe/Moscow", {d: (("09:00", "18:00"),) for d in WEEKDAYS[:5]})
TARGETS = {
    "low": SlaTargets(240, 2400),
    "normal": SlaTargets(60, 480),
    "high": SlaTargets(30, 240),
    # 'urgent' left without targets on purpose: such tickets get no due times
}


@dataclass(frozen=True)
class World:
    plan_id: int
    org_sla: int  # on the Moscow plan
    org_plain: int  # no plan
    person: int  # of org_sla
    other_person: int  # of org_plain
    equipment: int  # of org_sla, assigned to person
    device: int  # of org_sla
    service: int
    problem: int
    admin: int
    tech: int
    tech2: int
    manager: int
    retired_tech: int  # inactive
    blob: str


def _insert(conn: apsw.Connection, sql: str, values: tuple[Any, ...]) -> int:
    conn.execute(sql, values)
    return conn.last_insert_rowid()


def _user(conn: apsw.Connection, login: str, role: str, name: str) -> int:
    return create_user(conn, login=login, password_hash="x", role=role, full_name=name)


def build_world(conn: apsw.Connection) -> World:
    calendar_id = create_calendar(conn, name="Moscow 9-18", calendar=MOSCOW_9_18)
    plan_id = create_plan(conn, name="Standard", calendar_id=calendar_id, targets=TARGETS)
    created = from_db(CREATED_AT)
    org_sla = create_organization(
        conn, name="Romashka LLC", sla_plan_id=plan_id, created_at=created
    )
    org_plain = create_organization(conn, name="Vasilek LLC", created_at=created)
    person = create_person(conn, org_id=org_sla, full_name="Irina Petrova", created_at=created)
    other_person = create_person(
        conn, org_id=org_plain, full_name="Oleg Sidorov", created_at=created
    )
    equipment = create_equipment(
        conn,
        org_id=org_sla,
        kind="workstation",
        name="Accounting PC",
        hostname="acc-01",
        person_id=person,
        created_at=created,
    )
    device = _insert(
        conn,
        "INSERT INTO devices(org_id, token_hash, hostname, enrolled_at) VALUES (?, ?, ?, ?)",
        (org_sla, "0" * 64, "acc-01", CREATED_AT),
    )
    service = create_category(conn, name="Printing")
    problem = create_category(conn, name="Paper jam", parent_id=service)
    retired = _user(conn, "retired", "technician", "Retired Tech")
    set_active(conn, retired, False)
    data = b"\x89PNG screenshot bytes"
    blob = hashlib.sha256(data).hexdigest()
    conn.execute(
        "INSERT INTO blobs(sha256, media_type, size, data, created_at) VALUES (?, ?, ?, ?, ?)",
        (blob, "image/png", len(data), data, CREATED_AT),
    )
    return World(
        plan_id=plan_id,
        org_sla=org_sla,
        org_plain=org_plain,
        person=person,
        other_person=other_person,
        equipment=equipment,
        device=device,
        service=service,
        problem=problem,
        admin=_user(conn, "admin", "admin", "Admin Adminov"),
        tech=_user(conn, "anna", "technician", "Anna Ivanova"),
        tech2=_user(conn, "boris", "technician", ""),
        manager=_user(conn, "mila", "manager", "Mila Manager"),
        retired_tech=retired,
        blob=blob,
    )


def new_ticket(store: Store, **overrides: Any) -> CreatedTicket:
    """A client ticket of org_sla received at ``RECEIVED`` (override anything)."""
    args: dict[str, Any] = {
        "uuid": str(uuid_lib.uuid4()),
        "source": "client",
        "description": "The printer jams on every page",
        "submitted_at": RECEIVED,
        "received_at": RECEIVED,
    }
    args.update(overrides)
    return store.write_sync(lambda conn: create_ticket(conn, **args))


def at(*args: int) -> datetime:
    return datetime(*args, tzinfo=MSK)


# -- helpers for the change tests ---------------------------------------------------------------

HOUR = 3600
# The shortest way from 'new' to each status.
PATH = {
    "new": [],
    "in_progress": ["in_progress"],
    "waiting": ["waiting"],
    "resolved": ["resolved"],
    "closed": ["resolved", "closed"],
}


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


# One harmless change of each kind: (function, its own arguments).
CHANGES = {
    "status": lambda w, v: {"fn": change_status, "new_status": "in_progress"},
    "assign": lambda w, v: {"fn": assign, "assignee_id": w.tech2},
    "category": lambda w, v: {"fn": set_category, "category_id": w.problem},
    "priority": lambda w, v: {"fn": set_priority, "priority": "high"},
    "action": lambda w, v: {"fn": add_action, "kind": "comment", "text": "hi"},
}
