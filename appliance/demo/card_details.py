"""The client card's facts the other demo parts leave out (issue 9): each office's contract,
contact person and network (subnets, gateway, DNS, ISP, external IP); key people and their
workstations; equipment's OS, purchase date and warranty; licenses' vendor, seats in use and
first valid day.

Drawn from its own random stream, so the rows the other parts write stay as they were.
"""

from __future__ import annotations

import random
from datetime import datetime, timedelta

import apsw

from appliance.demo.model import DemoOrg
from appliance.store import equipment as equipment_store
from appliance.store import licenses as license_store
from appliance.store.organizations import update_organization
from appliance.store.persons import update_person

ISPS = ("Ростелеком", "МГТС", "Билайн Бизнес", "МТС Бизнес", "Эр-Телеком (Дом.ру Бизнес)")
VENDORS = {
    "Windows": "Microsoft",
    "Microsoft": "Microsoft",
    "Kaspersky": "Лаборатория Касперского",
    "1С": "1С",
    "КриптоПро": "КриптоПро",
    "Veeam": "Veeam Software",
}
NOTES = (
    "Ключи от серверной — у офис-менеджера. Выезд согласовывать за день.",
    "Пропуск на охране по паспорту; парковка во дворе.",
    "Резервное копирование проверять по понедельникам.",
    "Счета отправлять на бухгалтерию, копию — директору.",
    "Работы на сервере — только после 19:00.",
)
# Years of warranty by kind (what the vendors sell by default).
WARRANTY_YEARS = {"workstation": 3, "laptop": 1, "server": 3, "router": 1, "switch": 5}


def write_card_details(
    conn: apsw.Connection, rng: random.Random, orgs: list[DemoOrg], *, now: datetime
) -> None:
    for org in orgs:
        _organisation(conn, rng, org, now)
        _people(conn, org)
        _equipment(conn, rng, org, now)
        _licenses(conn, rng, org, now)


def _organisation(conn: apsw.Connection, rng: random.Random, org: DemoOrg, now: datetime) -> None:
    heads = {title for title, _ in org.profile.heads}
    contact = next((p for p in org.persons if p.position in heads), org.persons[0])
    signed = now - timedelta(days=rng.randrange(200, 1500))
    update_organization(
        conn,
        org.id,
        contact_name=f"{contact.name.full}, {contact.position.lower()}",
        contract=(
            f"№ {rng.randrange(10, 99)}-ИТ/{signed.year} от {signed:%d.%m.%Y},"
            f" абонентское обслуживание, {rng.choice((8, 12, 16, 24, 40))} ч в месяц"
        ),
        subnets=f"{org.subnet}.0/24" + ("\n10.8.0.0/24" if rng.random() < 0.4 else ""),
        gateway=f"{org.subnet}.1",
        dns_servers=f"{org.subnet}.1\n77.88.8.8",
        isp=rng.choice(ISPS),
        external_ip=f"{rng.choice((46, 79, 85, 91, 95, 178, 188, 212))}.{rng.randrange(1, 255)}"
        f".{rng.randrange(1, 255)}.{rng.randrange(2, 254)}",
        # The contract has its own field now; the notes say what the contract does not.
        notes=rng.choice(NOTES),
    )


def _people(conn: apsw.Connection, org: DemoOrg) -> None:
    heads = {title for title, _ in org.profile.heads}
    for person in org.persons:
        changes: dict[str, object] = {}
        if person.position in heads:
            changes["key_person"] = True
        if person.workstation_id is not None:
            changes["workstation_id"] = person.workstation_id
        if changes:
            update_person(conn, person.id, **changes)


def _equipment(conn: apsw.Connection, rng: random.Random, org: DemoOrg, now: datetime) -> None:
    os_of = {p.workstation_id: p.os for p in org.persons if p.workstation_id is not None}
    for kind, items in sorted(org.equipment.items()):
        for equipment_id, _name in items:
            bought = (now - timedelta(days=rng.randrange(60, 2400))).date()
            changes: dict[str, object] = {"purchase_date": bought}
            years = WARRANTY_YEARS.get(kind)
            if years:
                changes["warranty_until"] = bought + timedelta(days=365 * years)
            if equipment_id in os_of:
                changes["os"] = os_of[equipment_id]
            elif kind == "server":
                changes["os"] = rng.choice(("Windows Server 2019", "Windows Server 2022"))
            equipment_store.update_equipment(conn, equipment_id, **changes)


def _licenses(conn: apsw.Connection, rng: random.Random, org: DemoOrg, now: datetime) -> None:
    for lic in license_store.list_licenses(conn, org_id=org.id):
        vendor = next((v for k, v in VENDORS.items() if lic.product.startswith(k)), "")
        used = lic.seats if lic.seats <= 1 else max(0, lic.seats - rng.randrange(0, 4))
        start = (
            lic.valid_until - timedelta(days=365)
            if lic.valid_until is not None
            else (now - timedelta(days=rng.randrange(100, 1500))).date()
        )
        license_store.update_license(conn, lic.id, vendor=vendor, seats_used=used, valid_from=start)
