"""A small world for the ticket aggregate's tests: two clients (one on a Moscow 9-18 SLA plan, one
without a plan), their people and machines, categories, users of every role, a screenshot."""

from __future__ import annotations

import hashlib
import uuid as uuid_lib
from dataclasses import dataclass
from datetime import datetime
from typing import Any
from zoneinfo import ZoneInfo

import apsw

from appliance.domain.sla import WEEKDAYS, BusinessCalendar
from appliance.store import Store
from appliance.store.sla import SlaTargets, create_calendar, create_plan
from appliance.store.tickets import CreatedTicket, create_ticket
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
    org_sla = _insert(
        conn,
        "INSERT INTO organizations(name, sla_plan_id, created_at) VALUES (?, ?, ?)",
        ("Romashka LLC", plan_id, CREATED_AT),
    )
    org_plain = _insert(
        conn,
        "INSERT INTO organizations(name, created_at) VALUES (?, ?)",
        ("Vasilek LLC", CREATED_AT),
    )
    person_sql = "INSERT INTO persons(org_id, full_name, created_at) VALUES (?, ?, ?)"
    person = _insert(conn, person_sql, (org_sla, "Irina Petrova", CREATED_AT))
    other_person = _insert(conn, person_sql, (org_plain, "Oleg Sidorov", CREATED_AT))
    equipment = _insert(
        conn,
        "INSERT INTO equipment(org_id, kind, name, hostname, person_id, created_at)"
        " VALUES (?, 'workstation', 'Accounting PC', 'acc-01', ?, ?)",
        (org_sla, person, CREATED_AT),
    )
    device = _insert(
        conn,
        "INSERT INTO devices(org_id, token_hash, hostname, enrolled_at) VALUES (?, ?, ?, ?)",
        (org_sla, "0" * 64, "acc-01", CREATED_AT),
    )
    service = _insert(conn, "INSERT INTO categories(name) VALUES (?)", ("Printing",))
    problem = _insert(
        conn, "INSERT INTO categories(parent_id, name) VALUES (?, ?)", (service, "Paper jam")
    )
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
