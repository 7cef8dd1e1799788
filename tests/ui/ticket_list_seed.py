"""Tickets for the list's page tests, made through the store's own functions, relative to now.

A 24/7 plan (normal: answer within 60 min, resolve within 8 h), two organisations, a category
tree, two technicians (Анна, Борис) and a manager, all able to sign in with ``USER_PASSWORD``.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field
from datetime import datetime, timedelta

import apsw

from appliance.auth.passwords import hash_password
from appliance.domain.business_hours import BusinessCalendar
from appliance.domain.clock import utc_now
from appliance.store import Store, users
from appliance.store.categories import create_category
from appliance.store.organizations import create_organization
from appliance.store.persons import create_person
from appliance.store.sla import SlaTargets, create_calendar, create_plan
from appliance.store.tickets import assign, change_status, create_ticket
from tests.conftest import USER_PASSWORD, Account

XSS = '<img src=x onerror="window.__xss=1"><script>window.__xss=2</script>'


@dataclass
class Seeded:
    anna: Account
    boris: Account
    vera: Account
    org_alpha: int
    org_beta: int
    person_ivanov: int
    service_print: int
    problem_printer: int
    numbers: dict[str, int] = field(default_factory=dict)  # name -> ticket number
    ids: dict[str, int] = field(default_factory=dict)


def _account(conn: apsw.Connection, login: str, name: str, role: str, hashed: str) -> Account:
    user_id = users.create_user(
        conn, login=login, password_hash=hashed, role=role, full_name=name, lang="ru"
    )
    return Account(user_id, login, USER_PASSWORD, role)


def add_ticket(
    store: Store,
    text: str,
    *,
    received: datetime | None = None,
    org_id: int | None = None,
    person_id: int | None = None,
    priority: str = "normal",
    category_id: int | None = None,
) -> tuple[int, int]:
    """Create a ticket as the client API would; returns (id, number)."""
    received = received or utc_now()
    made = store.write_sync(
        lambda conn: create_ticket(
            conn,
            uuid=str(uuid.uuid4()),
            source="client",
            description=text,
            submitted_at=received,
            received_at=received,
            org_id=org_id,
            person_id=person_id,
            priority=priority,
            category_id=category_id,
        )
    )
    return made.id, made.number


def seed(store: Store) -> Seeded:
    hashed = hash_password(USER_PASSWORD)
    now = utc_now()

    def reference(conn: apsw.Connection) -> Seeded:
        cal = create_calendar(
            conn, name="24/7", calendar=BusinessCalendar.twenty_four_seven("Europe/Moscow")
        )
        plan = create_plan(
            conn,
            name="Круглосуточно",
            calendar_id=cal,
            targets={
                "low": SlaTargets(240, 2400),
                "normal": SlaTargets(60, 480),
                "high": SlaTargets(30, 240),
                "urgent": SlaTargets(15, 120),
            },
        )
        alpha = create_organization(conn, name="ООО Альфа", sla_plan_id=plan)
        beta = create_organization(conn, name="ЗАО Бета", sla_plan_id=plan)
        ivanov = create_person(conn, org_id=alpha, full_name="Иванов Иван")
        printing = create_category(conn, name="Печать")
        printer = create_category(conn, name="Принтер не печатает", parent_id=printing)
        return Seeded(
            anna=_account(conn, "anna", "Анна Смирнова", "technician", hashed),
            boris=_account(conn, "boris", "Борис Орлов", "technician", hashed),
            vera=_account(conn, "vera", "Вера Руководитель", "manager", hashed),
            org_alpha=alpha,
            org_beta=beta,
            person_ivanov=ivanov,
            service_print=printing,
            problem_printer=printer,
        )

    seeded = store.write_sync(reference)

    def remember(name: str, made: tuple[int, int]) -> int:
        seeded.ids[name], seeded.numbers[name] = made
        return made[0]

    # printer: new, unassigned, 10 minutes old -> 50 of 60 minutes to answer (green)
    remember(
        "printer",
        add_ticket(
            store,
            "Принтер в бухгалтерии не печатает",
            received=now - timedelta(minutes=10),
            org_id=seeded.org_alpha,
            person_id=seeded.person_ivanov,
            category_id=seeded.problem_printer,
        ),
    )
    # mail: new, Анна's, 55 minutes old -> 5 minutes left (amber)
    mail = remember(
        "mail",
        add_ticket(
            store, "Не уходит почта", received=now - timedelta(minutes=55), org_id=seeded.org_beta
        ),
    )
    store.write_sync(
        lambda conn: assign(
            conn,
            ticket_id=mail,
            assignee_id=seeded.anna.id,
            user_id=seeded.anna.id,
            expected_version=1,
        )
    )
    # network: high, in progress with Борис, 2 hours old -> answer overdue (red)
    network = remember(
        "network",
        add_ticket(
            store,
            "Сеть пропадает каждые 5 минут",
            received=now - timedelta(hours=2),
            org_id=seeded.org_alpha,
            priority="high",
        ),
    )
    store.write_sync(
        lambda conn: assign(
            conn,
            ticket_id=network,
            assignee_id=seeded.boris.id,
            user_id=seeded.boris.id,
            expected_version=1,
        )
    )
    # waiting: Борис asked the client and waits (clock paused)
    waiting = remember(
        "waiting",
        add_ticket(
            store, "1С не запускается", received=now - timedelta(minutes=30), org_id=seeded.org_beta
        ),
    )
    store.write_sync(
        lambda conn: change_status(
            conn,
            ticket_id=waiting,
            new_status="waiting",
            user_id=seeded.boris.id,
            expected_version=1,
        )
    )
    # done: resolved and closed
    done = remember(
        "done",
        add_ticket(
            store, "Замена картриджа", received=now - timedelta(days=2), org_id=seeded.org_alpha
        ),
    )
    for version, status in ((1, "resolved"), (2, "closed")):
        store.write_sync(
            lambda conn, version=version, status=status: change_status(
                conn,
                ticket_id=done,
                new_status=status,
                user_id=seeded.anna.id,
                expected_version=version,
            )
        )
    # xss: markup in the description, no organisation
    remember("xss", add_ticket(store, XSS + " принтер", received=now - timedelta(minutes=1)))
    return seeded
