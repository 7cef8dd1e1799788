"""A small crafted ticket set for the list tests: every view, filter and SLA state has members.

Tickets are written with plain SQL so that each one's status, due times and pause are exactly
what the test expects (the workflow functions would compute them from the clock). ``NOW`` is a
Monday, 12:00 UTC (15:00 in Moscow).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

import apsw

from appliance.domain.clock import to_db
from appliance.domain.sla import BusinessCalendar, due_times
from appliance.store.categories import create_category
from appliance.store.organizations import create_organization
from appliance.store.persons import create_person
from appliance.store.sla import SlaTargets, create_calendar, create_plan

NOW = datetime(2025, 3, 10, 12, 0, tzinfo=UTC)
FRIDAY_EVENING = datetime(2025, 3, 7, 14, 0, tzinfo=UTC)  # 17:00 in Moscow
MIN = timedelta(minutes=1)
HOUR = timedelta(hours=1)

TWENTY_FOUR_SEVEN = (
    '{"mon": [["00:00", "24:00"]], "tue": [["00:00", "24:00"]], "wed": [["00:00", "24:00"]],'
    ' "thu": [["00:00", "24:00"]], "fri": [["00:00", "24:00"]], "sat": [["00:00", "24:00"]],'
    ' "sun": [["00:00", "24:00"]]}'
)
OFFICE_HOURS = (
    '{"mon": [["09:00", "18:00"]], "tue": [["09:00", "18:00"]], "wed": [["09:00", "18:00"]],'
    ' "thu": [["09:00", "18:00"]], "fri": [["09:00", "18:00"]], "sat": [], "sun": []}'
)


@dataclass(frozen=True)
class Crafted:
    tech_anna: int
    tech_boris: int
    manager: int
    org_alpha: int
    org_beta: int
    org_office: int
    service_print: int
    problem_printer: int
    service_network: int
    # ticket number -> ticket id
    ids: dict[int, int]


def _insert_ticket(
    conn: apsw.Connection,
    *,
    number: int,
    description: str,
    received: datetime,
    status: str = "new",
    priority: str = "normal",
    org_id: int | None = None,
    person_id: int | None = None,
    assignee_id: int | None = None,
    category_id: int | None = None,
    plan_id: int | None = None,
    response_due: datetime | None = None,
    resolution_due: datetime | None = None,
    first_response: datetime | None = None,
    resolved: datetime | None = None,
    closed: datetime | None = None,
    paused_since: datetime | None = None,
) -> int:
    def db(moment: datetime | None) -> str | None:
        return to_db(moment) if moment is not None else None

    conn.execute(
        "INSERT INTO tickets(number, uuid, org_id, person_id, source, description, priority,"
        " status, category_id, assignee_id, sla_plan_id, submitted_at, received_at,"
        " first_response_at, resolved_at, closed_at, response_due_at, resolution_due_at,"
        " sla_paused_since, updated_at)"
        " VALUES (?, ?, ?, ?, 'client', ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        (
            number,
            f"00000000-0000-4000-8000-{number:012d}",
            org_id,
            person_id,
            description,
            priority,
            status,
            category_id,
            assignee_id,
            plan_id,
            to_db(received),
            to_db(received),
            db(first_response),
            db(resolved),
            db(closed),
            db(response_due),
            db(resolution_due),
            db(paused_since),
            to_db(received),
        ),
    )
    conn.execute(
        "UPDATE counters SET value = max(value, ?) WHERE name = 'ticket_number'", (number,)
    )
    return conn.last_insert_rowid()


def _id(conn: apsw.Connection, sql: str, *params: object) -> int:
    conn.execute(sql, params)
    return conn.last_insert_rowid()


def build(conn: apsw.Connection) -> Crafted:
    """Write the crafted set into an empty store (inside the caller's write transaction)."""
    created = to_db(NOW - timedelta(days=30))
    cal_all = create_calendar(
        conn,
        name="24/7",
        calendar=BusinessCalendar.from_json("UTC", TWENTY_FOUR_SEVEN),
    )
    cal_office = create_calendar(
        conn,
        name="Офис",
        calendar=BusinessCalendar.from_json("Europe/Moscow", OFFICE_HOURS),
    )
    targets = {"low": (240, 2400), "normal": (60, 480), "high": (30, 240), "urgent": (15, 120)}
    plan_targets = {p: SlaTargets(r, s) for p, (r, s) in targets.items()}
    plan_all = create_plan(conn, name="Круглосуточно", calendar_id=cal_all, targets=plan_targets)
    plan_office = create_plan(
        conn, name="Рабочие часы", calendar_id=cal_office, targets=plan_targets
    )
    since = NOW - timedelta(days=30)
    alpha = create_organization(conn, name="Альфа", sla_plan_id=plan_all, created_at=since)
    beta = create_organization(conn, name="Бета", sla_plan_id=plan_all, created_at=since)
    office = create_organization(conn, name="Гамма", sla_plan_id=plan_office, created_at=since)
    ivanov = create_person(conn, org_id=alpha, full_name="Иванов Иван", created_at=since)
    petrova = create_person(conn, org_id=beta, full_name="Петрова Ольга", created_at=since)
    anna = _id(
        conn,
        "INSERT INTO users(login, full_name, role, password_hash, created_at)"
        " VALUES ('anna', 'Анна Техник', 'technician', 'x', ?)",
        created,
    )
    boris = _id(
        conn,
        "INSERT INTO users(login, full_name, role, password_hash, created_at)"
        " VALUES ('boris', '', 'technician', 'x', ?)",
        created,
    )
    manager = _id(
        conn,
        "INSERT INTO users(login, full_name, role, password_hash, created_at)"
        " VALUES ('vera', 'Вера Руководитель', 'manager', 'x', ?)",
        created,
    )
    printing = create_category(conn, name="Печать")
    printer = create_category(conn, name="Принтер не печатает", parent_id=printing)
    network = create_category(conn, name="Сеть")

    ids: dict[int, int] = {}
    # 1: new, unassigned, response due in 50 of 60 minutes -> green, breaching soon (<= 2 h).
    ids[1] = _insert_ticket(
        conn,
        number=1,
        description="Принтер не печатает на третьем этаже",
        received=NOW - 10 * MIN,
        org_id=alpha,
        person_id=ivanov,
        category_id=printer,
        plan_id=plan_all,
        response_due=NOW + 50 * MIN,
        resolution_due=NOW + 470 * MIN,
    )
    # 2: new, Anna's, response due in 5 of 60 minutes -> amber.
    ids[2] = _insert_ticket(
        conn,
        number=2,
        description="Не работает почта " + "очень длинное описание " * 10,
        received=NOW - 55 * MIN,
        org_id=beta,
        person_id=petrova,
        assignee_id=anna,
        plan_id=plan_all,
        response_due=NOW + 5 * MIN,
        resolution_due=NOW + 425 * MIN,
    )
    # 3: in progress, Anna's, high, answered, resolution due 30 minutes ago -> red.
    ids[3] = _insert_ticket(
        conn,
        number=3,
        description="Сеть падает\nкаждые 5 минут",
        received=NOW - 270 * MIN,
        status="in_progress",
        priority="high",
        org_id=alpha,
        assignee_id=anna,
        category_id=network,
        plan_id=plan_all,
        response_due=NOW - 240 * MIN,
        resolution_due=NOW - 30 * MIN,
        first_response=NOW - 260 * MIN,
    )
    # 4: waiting for the client (clock stopped an hour ago), Boris's -> paused.
    ids[4] = _insert_ticket(
        conn,
        number=4,
        description="1С не запускается",
        received=NOW - 400 * MIN,
        status="waiting",
        org_id=beta,
        assignee_id=boris,
        plan_id=plan_all,
        response_due=NOW - 340 * MIN,
        resolution_due=NOW + 60 * MIN,
        first_response=NOW - 390 * MIN,
        paused_since=NOW - HOUR,
    )
    # 5: resolved, Boris's, filed under the service itself.
    ids[5] = _insert_ticket(
        conn,
        number=5,
        description="Принтеры в бухгалтерии",
        received=NOW - 3 * 24 * HOUR,
        status="resolved",
        org_id=alpha,
        assignee_id=boris,
        category_id=printing,
        plan_id=plan_all,
        response_due=NOW - 3 * 24 * HOUR + HOUR,
        resolution_due=NOW - 3 * 24 * HOUR + 8 * HOUR,
        first_response=NOW - 3 * 24 * HOUR + 10 * MIN,
        resolved=NOW - 2 * 24 * HOUR,
        paused_since=NOW - 2 * 24 * HOUR,
    )
    # 6: closed, Anna's.
    ids[6] = _insert_ticket(
        conn,
        number=6,
        description="Замена картриджа",
        received=NOW - 5 * 24 * HOUR,
        status="closed",
        priority="low",
        org_id=beta,
        assignee_id=anna,
        plan_id=plan_all,
        response_due=NOW - 5 * 24 * HOUR + 4 * HOUR,
        resolution_due=NOW - 5 * 24 * HOUR + 40 * HOUR,
        first_response=NOW - 5 * 24 * HOUR + HOUR,
        resolved=NOW - 4 * 24 * HOUR,
        closed=NOW - 3 * 24 * HOUR,
        paused_since=NOW - 4 * 24 * HOUR,
    )
    # 7: in progress, unassigned, low, resolution due in 30 of 40 hours -> green, not soon.
    ids[7] = _insert_ticket(
        conn,
        number=7,
        description="Установить программу",
        received=NOW - 10 * HOUR,
        status="in_progress",
        priority="low",
        org_id=alpha,
        plan_id=plan_all,
        response_due=NOW - 6 * HOUR,
        resolution_due=NOW + 30 * HOUR,
        first_response=NOW - 9 * HOUR,
    )
    # 8: new, from nowhere (no organisation, no plan, no due times), with markup in the text.
    ids[8] = _insert_ticket(
        conn,
        number=8,
        description="<script>alert(1)</script> принтер",
        received=NOW - 2 * MIN,
    )
    # 9 and 10: office hours in Moscow (Mon-Fri 09-18), low priority (40 business hours to
    # resolve), answered, Boris's. 9 was received Friday 7 March 16:00 MSK: at NOW 8 of 40 hours
    # are used -> green. 10 was received Tuesday 4 March 09:00 MSK, due Monday 10 March 13:00 MSK:
    # breached at NOW; on FRIDAY_EVENING 5 business hours of 40 are left -> amber, although 68 of
    # its 148 wall-clock hours remain.
    office_cal = BusinessCalendar.from_json("Europe/Moscow", OFFICE_HOURS)
    for number, received, text in (
        (9, datetime(2025, 3, 7, 13, 0, tzinfo=UTC), "Медленно работает сервер"),
        (10, datetime(2025, 3, 4, 6, 0, tzinfo=UTC), "Настроить резервное копирование"),
    ):
        response_due, resolution_due = due_times(
            office_cal, received, response_minutes=240, resolution_minutes=2400
        )
        ids[number] = _insert_ticket(
            conn,
            number=number,
            description=text,
            received=received,
            status="in_progress",
            priority="low",
            org_id=office,
            assignee_id=boris,
            plan_id=plan_office,
            response_due=response_due,
            resolution_due=resolution_due,
            first_response=received + 30 * MIN,
        )
    return Crafted(
        tech_anna=anna,
        tech_boris=boris,
        manager=manager,
        org_alpha=alpha,
        org_beta=beta,
        org_office=office,
        service_print=printing,
        problem_printer=printer,
        service_network=network,
        ids=ids,
    )
