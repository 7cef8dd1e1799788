"""A synthetic store of many tickets for the list benchmarks, shaped like a help desk's history.

Three years of tickets, most of them closed long ago; the last two weeks hold the open work.
Rows are generated once from a fixed seed and written into as many stores as asked (the
encrypted store and a plain copy for the ratio), through the schema's triggers (full-text index,
change log, client feed), as real tickets are.
"""

from __future__ import annotations

import json
import random
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

import apsw

from appliance.domain.clock import from_db, to_db
from appliance.domain.sla import BusinessCalendar, due_times
from appliance.store import Store
from appliance.store.categories import create_category
from appliance.store.organizations import create_organization
from appliance.store.persons import create_person
from appliance.store.sla import SlaTargets, create_calendar, create_plan

ALL_DAY = {d: [["00:00", "24:00"]] for d in ("mon", "tue", "wed", "thu", "fri", "sat", "sun")}
OFFICE = {d: [["09:00", "18:00"]] for d in ("mon", "tue", "wed", "thu", "fri")}
TARGETS = {"low": (240, 2400), "normal": (60, 480), "high": (30, 240), "urgent": (15, 120)}

SUBJECTS = (
    "Принтер",
    "Компьютер",
    "Ноутбук",
    "Монитор",
    "Почта",
    "1С",
    "Интернет",
    "Wi-Fi",
    "Сканер",
    "Телефон",
    "VPN",
    "Сервер",
    "Антивирус",
    "Учётная запись",
    "Сетевой диск",
)
PROBLEMS = (
    "не печатает, выдаёт ошибку",
    "не включается после выходных",
    "очень медленно работает с утра",
    "не подключается к сети",
    "просит пароль, который никто не знает",
    "зависает при открытии документов",
    "показывает синий экран",
    "не видит флешку",
    "пропал значок на рабочем столе",
    "не отправляются письма с вложениями",
)
DETAILS = (
    "Срочно, у нас отчётность.",
    "Перезагрузка не помогла.",
    "Началось после обновления.",
    "У коллеги в соседнем кабинете всё работает.",
    "Скриншот прилагаю.",
    "Позвоните, пожалуйста, по внутреннему 214.",
    "",
)
SERVICES = {
    "Печать": ("Не печатает", "Замятие бумаги", "Картридж"),
    "Рабочее место": ("Не включается", "Медленно работает", "Периферия"),
    "Сеть": ("Нет интернета", "Wi-Fi", "VPN"),
    "Почта": ("Не отправляется", "Не приходит", "Спам"),
    "1С": ("Не запускается", "Ошибка при проведении", "Обновление"),
    "Учётные записи": ("Сброс пароля", "Новый сотрудник", "Права доступа"),
}


@dataclass(frozen=True)
class BenchFacts:
    """What the benchmark needs to know about the generated store."""

    tickets: int
    open_tickets: int
    busiest_technician: int
    org_ids: tuple[int, ...]
    now: datetime


def _reference_rows(
    rng: random.Random, count: int, now: datetime, calendars: dict[int, BusinessCalendar]
) -> Iterator[tuple[object, ...]]:
    span = timedelta(days=3 * 365)
    start = now - span
    step = span / count
    recent = now - timedelta(days=14)
    for number in range(1, count + 1):
        received = start + step * (number - 1) + timedelta(seconds=rng.randint(0, 59))
        org_id = rng.randint(1, 30)
        plan_id = 1 if org_id % 3 else 2
        person_id = (org_id - 1) * 20 + rng.randint(1, 20)
        priority = rng.choices(tuple(TARGETS), weights=(15, 60, 20, 5))[0]
        if received >= recent:
            status = rng.choices(
                ("new", "in_progress", "waiting", "resolved", "closed"),
                weights=(15, 35, 15, 20, 15),
            )[0]
        else:
            status = rng.choices(
                ("closed", "resolved", "waiting", "in_progress"), weights=(970, 25, 3, 2)
            )[0]
        response_minutes, resolution_minutes = TARGETS[priority]
        response_due, resolution_due = due_times(
            calendars[plan_id],
            received,
            response_minutes=response_minutes,
            resolution_minutes=resolution_minutes,
        )
        first_response = resolved = closed = paused = None
        assignee = None if status == "new" and rng.random() < 0.7 else rng.randint(1, 10)
        if status != "new":
            first_response = received + timedelta(minutes=rng.randint(2, 90))
        if status in ("resolved", "closed"):
            resolved = first_response + timedelta(hours=rng.randint(1, 30))  # type: ignore[operator]
            paused = resolved
        if status == "closed":
            closed = resolved + timedelta(days=2)  # type: ignore[operator]
        if status == "waiting":
            paused = received + timedelta(hours=1)
        description = (
            f"{rng.choice(SUBJECTS)} {rng.choice(PROBLEMS)}. {rng.choice(DETAILS)}"
            f" Кабинет {rng.randint(100, 450)}, инв. № {rng.randint(10000, 99999)}."
        )
        category = rng.randint(7, 24) if rng.random() < 0.8 else None

        def db(moment: datetime | None) -> str | None:
            return to_db(moment) if moment is not None else None

        yield (
            number,
            f"{number:08x}-0000-4000-8000-{rng.getrandbits(48):012x}",
            org_id,
            person_id,
            "client",
            description,
            priority,
            status,
            category,
            assignee,
            plan_id,
            to_db(received),
            to_db(received),
            db(first_response),
            db(resolved),
            db(closed),
            to_db(response_due),
            to_db(resolution_due),
            db(paused),
            to_db(received),
        )


def _reference_data(conn: apsw.Connection, created: str) -> None:
    # An empty store: the ids the ticket rows below use are the order of creation.
    since = from_db(created)
    week = {"24/7": ("UTC", ALL_DAY), "Офис": ("Europe/Moscow", OFFICE)}
    for calendar_id, (name, (zone, hours)) in enumerate(week.items(), start=1):
        made = create_calendar(
            conn, name=name, calendar=BusinessCalendar.from_json(zone, json.dumps(hours))
        )
        assert made == calendar_id
    targets = {p: SlaTargets(r, s) for p, (r, s) in TARGETS.items()}
    for plan_id in (1, 2):
        made = create_plan(conn, name=f"План {plan_id}", calendar_id=plan_id, targets=targets)
        assert made == plan_id
    for org_id in range(1, 31):
        made = create_organization(
            conn,
            name=f"ООО «Клиент {org_id:02d}»",
            sla_plan_id=1 if org_id % 3 else 2,
            created_at=since,
        )
        assert made == org_id
        for i in range(1, 21):
            person = create_person(
                conn, org_id=org_id, full_name=f"Сотрудник {org_id}-{i}", created_at=since
            )
            assert person == (org_id - 1) * 20 + i
    for user_id in range(1, 11):
        conn.execute(
            "INSERT INTO users(id, login, full_name, role, password_hash, created_at)"
            " VALUES (?, ?, ?, 'technician', 'x', ?)",
            (user_id, f"tech{user_id}", f"Техник {user_id}", created),
        )
    services = list(SERVICES)
    for parent, service in enumerate(services, start=1):
        assert create_category(conn, name=service) == parent
    category_id = len(services)
    for parent, service in enumerate(services, start=1):
        for problem in SERVICES[service]:
            category_id += 1
            assert create_category(conn, name=problem, parent_id=parent) == category_id


_INSERT = (
    "INSERT INTO tickets(number, uuid, org_id, person_id, source, description, priority, status,"
    " category_id, assignee_id, sla_plan_id, submitted_at, received_at, first_response_at,"
    " resolved_at, closed_at, response_due_at, resolution_due_at, sla_paused_since, updated_at)"
    " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
)


def fill(stores: list[Store], *, tickets: int, seed: int = 20250310) -> BenchFacts:
    """Write the same generated history into each (empty) store."""
    now = datetime.now(UTC).replace(microsecond=0)
    created = to_db(now - timedelta(days=4 * 365))
    calendars = {
        1: BusinessCalendar.from_json("UTC", json.dumps(ALL_DAY)),
        2: BusinessCalendar.from_json("Europe/Moscow", json.dumps(OFFICE)),
    }
    rows = list(_reference_rows(random.Random(seed), tickets, now, calendars))
    for store in stores:
        store.write_sync(lambda conn: _reference_data(conn, created))
        batch = 5_000
        for offset in range(0, len(rows), batch):
            chunk = rows[offset : offset + batch]
            store.write_sync(lambda conn, chunk=chunk: conn.executemany(_INSERT, chunk))
        store.write_sync(
            lambda conn: conn.execute(
                "UPDATE counters SET value = ? WHERE name = 'ticket_number'", (tickets,)
            )
        )
        store.checkpoint()
    open_rows = [r for r in rows if r[7] in ("new", "in_progress", "waiting")]
    per_tech: dict[int, int] = {}
    for r in open_rows:
        if r[9] is not None:
            per_tech[r[9]] = per_tech.get(r[9], 0) + 1  # type: ignore[index]
    busiest = max(per_tech, key=lambda k: per_tech[k])
    return BenchFacts(
        tickets=tickets,
        open_tickets=len(open_rows),
        busiest_technician=busiest,
        org_ids=tuple(range(1, 31)),
        now=now,
    )
