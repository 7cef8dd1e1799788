"""A small world for the report tests, every figure of which is worked out by hand in the tests.

Romashka is on a Moscow 9-18 (Mon-Fri) plan: normal priority, response 60 business minutes,
resolution 480. Vasilek has no plan (calendar time). The period is May 2024 (Moscow); the report
is made on 31 May 12:00.

    T0  Romashka, 10 Apr (April: the previous period), Printing › Paper jam
    T1  Romashka, Tue 14 May 10:00, Paper jam, Anna; responded 10:30 (phone, public, 30 min),
        an internal note (0 min); resolved 15:00.   response 1800 s, resolution 18000 s, both met
    T2  Romashka, Tue 14 May 17:00, Paper jam, Anna; responded Wed 10:00 (remote, public, 45 min),
        on site 11:00 (public, 60 min, ADDITIONAL), internal remote 11:30 (20 min, text withheld);
        resolved Wed 12:00.   response 7200 s (missed: due 14 May 18:00), resolution 14400 s (met)
    T3  Romashka, Fri 17 May 17:30, Printing (the service), Boris; responded Mon 20 May 9:15
        (phone, public, 15 min), 10:00 other (public, 30 min, ADDITIONAL); still in progress.
        response 2700 s (met: due Mon 9:30), resolution due Mon 16:30 passed: missed
    T4  Vasilek (no plan), Tue 21 May 10:00, no category, unassigned; responded 12:00 (a status
        change does not respond: a public comment does), resolved Wed 22 May 10:00.
        response 7200 s, resolution 86400 s (calendar time), no SLA
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import date, datetime
from zoneinfo import ZoneInfo

import apsw

from appliance.domain.sla import WEEKDAYS, BusinessCalendar
from appliance.reports.period import Period
from appliance.store import Store
from appliance.store.categories import create_category
from appliance.store.organizations import create_organization
from appliance.store.persons import create_person
from appliance.store.sla import SlaTargets, create_calendar, create_plan
from appliance.store.tickets import add_action, assign, change_status, create_ticket, get_ticket
from appliance.store.users import create_user

MSK = ZoneInfo("Europe/Moscow")
MAY = Period(date(2024, 5, 1), date(2024, 5, 31))
NOW = datetime(2024, 5, 31, 12, 0, tzinfo=MSK)
CALENDAR = BusinessCalendar("Europe/Moscow", {d: (("09:00", "18:00"),) for d in WEEKDAYS[:5]})
TARGETS = {
    "low": SlaTargets(240, 2400),
    "normal": SlaTargets(60, 480),
    "high": SlaTargets(30, 240),
    "urgent": SlaTargets(15, 120),
}
INTERNAL_NOTE = "Клиент недоволен, внутренняя заметка"
INTERNAL_WORK = "Смотрели журналы сервера, пароль в хранилище"


def at(*args: int) -> datetime:
    return datetime(*args, tzinfo=MSK)


@dataclass(frozen=True)
class ReportWorld:
    romashka: int
    vasilek: int
    anna: int
    boris: int
    service: int
    problem: int
    tickets: dict[str, int]  # T0..T4 -> id
    numbers: dict[str, int]


def build(store: Store) -> ReportWorld:
    def setup(conn: apsw.Connection) -> tuple[int, ...]:
        calendar_id = create_calendar(conn, name="Москва 9-18", calendar=CALENDAR)
        plan = create_plan(conn, name="Стандарт", calendar_id=calendar_id, targets=TARGETS)
        created = at(2024, 1, 1)
        romashka = create_organization(
            conn, name="ООО Ромашка", sla_plan_id=plan, created_at=created
        )
        vasilek = create_organization(conn, name="ООО Василёк", created_at=created)
        irina = create_person(conn, org_id=romashka, full_name="Ирина Петрова", created_at=created)
        oleg = create_person(conn, org_id=vasilek, full_name="Олег Сидоров", created_at=created)
        anna = create_user(
            conn, login="anna", password_hash="x", role="technician", full_name="Анна Иванова"
        )
        boris = create_user(
            conn, login="boris", password_hash="x", role="technician", full_name="Борис Петров"
        )
        service = create_category(conn, name="Печать")
        problem = create_category(conn, name="Замятие бумаги", parent_id=service)
        return romashka, vasilek, irina, oleg, anna, boris, service, problem

    romashka, vasilek, irina, oleg, anna, boris, service, problem = store.write_sync(setup)
    tickets: dict[str, int] = {}
    numbers: dict[str, int] = {}

    def ticket(name: str, received: datetime, description: str, **extra: object) -> int:
        made = store.write_sync(
            lambda conn: create_ticket(
                conn,
                uuid=str(uuid.uuid4()),
                source="client",
                description=description,
                submitted_at=received,
                received_at=received,
                **extra,  # type: ignore[arg-type]
            )
        )
        tickets[name], numbers[name] = made.id, made.number
        return made.id

    def version(ticket_id: int) -> int:
        found = store.read_sync(lambda conn: get_ticket(conn, ticket_id))
        assert found is not None
        return found.version

    def give(ticket_id: int, who: int, when: datetime) -> None:
        store.write_sync(
            lambda conn: assign(
                conn,
                ticket_id=ticket_id,
                assignee_id=who,
                user_id=who,
                expected_version=version(ticket_id),
                now=when,
            )
        )

    def act(
        ticket_id: int,
        who: int,
        when: datetime,
        kind: str,
        text: str,
        minutes: int,
        *,
        public: bool = True,
        extra: bool = False,
    ) -> None:
        store.write_sync(
            lambda conn: add_action(
                conn,
                ticket_id=ticket_id,
                user_id=who,
                kind=kind,
                text=text,
                minutes=minutes,
                additional_work=extra,
                visibility="public" if public else "internal",
                now=when,
            )
        )

    def move(ticket_id: int, who: int, status: str, when: datetime) -> None:
        store.write_sync(
            lambda conn: change_status(
                conn,
                ticket_id=ticket_id,
                new_status=status,
                user_id=who,
                expected_version=version(ticket_id),
                now=when,
            )
        )

    t0 = ticket(
        "T0",
        at(2024, 4, 10, 11, 0),
        "Апрельская заявка",
        org_id=romashka,
        person_id=irina,
        category_id=problem,
    )
    t1 = ticket(
        "T1",
        at(2024, 5, 14, 10, 0),
        "Принтер замял бумагу",
        org_id=romashka,
        person_id=irina,
        category_id=problem,
    )
    give(t1, anna, at(2024, 5, 14, 10, 5))
    act(t1, anna, at(2024, 5, 14, 10, 30), "phone_call", "Перезагрузили принтер", 30)
    act(t1, anna, at(2024, 5, 14, 10, 40), "comment", INTERNAL_NOTE, 0, public=False)
    move(t1, anna, "resolved", at(2024, 5, 14, 15, 0))
    t2 = ticket(
        "T2",
        at(2024, 5, 14, 17, 0),
        "Не печатает второй принтер",
        org_id=romashka,
        person_id=irina,
        category_id=problem,
    )
    give(t2, anna, at(2024, 5, 14, 17, 5))
    act(t2, anna, at(2024, 5, 15, 10, 0), "remote_session", "Переустановили драйвер", 45)
    act(
        t2,
        anna,
        at(2024, 5, 15, 11, 0),
        "on_site",
        "Подключили второй монитор по просьбе",
        60,
        extra=True,
    )
    act(t2, anna, at(2024, 5, 15, 11, 30), "remote_session", INTERNAL_WORK, 20, public=False)
    move(t2, anna, "resolved", at(2024, 5, 15, 12, 0))
    t3 = ticket(
        "T3",
        at(2024, 5, 17, 17, 30),
        "Печать медленная",
        org_id=romashka,
        person_id=irina,
        category_id=service,
    )
    give(t3, boris, at(2024, 5, 17, 17, 35))
    act(t3, boris, at(2024, 5, 20, 9, 15), "phone_call", "Уточнили проблему", 15)
    act(
        t3,
        boris,
        at(2024, 5, 20, 10, 0),
        "other",
        "Заменили картридж дополнительно",
        30,
        extra=True,
    )
    move(t3, boris, "in_progress", at(2024, 5, 20, 10, 5))
    t4 = ticket("T4", at(2024, 5, 21, 10, 0), "Нет интернета", org_id=vasilek, person_id=oleg)
    act(t4, boris, at(2024, 5, 21, 12, 0), "comment", "Перезагрузите роутер", 0)
    move(t4, boris, "resolved", at(2024, 5, 22, 10, 0))
    del t0
    return ReportWorld(romashka, vasilek, anna, boris, service, problem, tickets, numbers)
