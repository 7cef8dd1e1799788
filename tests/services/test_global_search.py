"""The header's search through its service: each kind found by the fields a technician types,
a few of each at most, archived entries last, and only for an active account."""

from __future__ import annotations

import asyncio
import uuid

import pytest

from appliance.domain.clock import utc_now
from appliance.domain.errors import Forbidden
from appliance.services.global_search import PER_GROUP, search_everything
from appliance.store import Store
from appliance.store.equipment import archive_equipment, create_equipment
from appliance.store.organizations import create_organization
from appliance.store.persons import create_person
from appliance.store.tickets import create_ticket
from tests.services.support import make_accounts


def seed(store: Store) -> dict[str, int]:
    def write(conn) -> dict[str, int]:  # type: ignore[no-untyped-def]
        org = create_organization(
            conn, name="ООО «Ромашка»", short_name="Ромашка", tax_id="7701234567"
        )
        create_person(
            conn,
            org_id=org,
            full_name="Анна Смирнова",
            phone="+7 495 111-22-33",
            email="anna@romashka.ru",
            logins=["asmirnova"],
        )
        for n in range(12):
            create_equipment(
                conn,
                org_id=org,
                kind="workstation",
                name=f"ПК {n:02d}",
                hostname=f"pc-{n:02d}",
                ip=f"10.1.0.{n + 1}",
                serial=f"SN-{n:04d}",
                mac=f"00:1a:2b:3c:4d:{n:02x}",
            )
        old = create_equipment(
            conn, org_id=org, kind="printer", name="Старый принтер", hostname="prn-old"
        )
        archive_equipment(conn, old)
        create_equipment(conn, org_id=org, kind="printer", name="Новый принтер", hostname="prn-new")
        now = utc_now()
        ticket = create_ticket(
            conn,
            uuid=str(uuid.uuid4()),
            source="phone",
            org_id=org,
            description="Не печатает принтер",
            submitted_at=now,
            received_at=now,
        )
        return {"org": org, "ticket": ticket.number}

    return store.write_sync(write)


@pytest.mark.parametrize(
    ("text", "group", "expected"),
    [
        ("ромаш", "clients", ["ООО «Ромашка»"]),
        ("7701234", "clients", ["ООО «Ромашка»"]),
        ("смирнова", "people", ["Анна Смирнова"]),
        ("495 111", "people", ["Анна Смирнова"]),
        ("ASMIRN", "people", ["Анна Смирнова"]),
        ("10.1.0.12", "equipment", ["ПК 11"]),
        ("sn-0003", "equipment", ["ПК 03"]),
        ("4d:0a", "equipment", ["ПК 10"]),
        ("PC-07", "equipment", ["ПК 07"]),
    ],
)
def test_each_kind_by_what_a_technician_types(
    store: Store, text: str, group: str, expected: list[str]
) -> None:
    seed(store)
    admin = make_accounts(store)["admin"]
    found = asyncio.run(search_everything(store, admin, text))
    names = [
        getattr(hit, "name", None) or getattr(hit, "full_name", "") for hit in getattr(found, group)
    ]
    assert names == expected


def test_a_few_of_each_archived_last_tickets_by_number_and_text(store: Store) -> None:
    ids = seed(store)
    technician = make_accounts(store)["technician"]
    many = asyncio.run(search_everything(store, technician, "pc-"))
    assert len(many.equipment) == PER_GROUP
    printers = asyncio.run(search_everything(store, technician, "принтер"))
    assert [(e.name, e.active) for e in printers.equipment] == [
        ("Новый принтер", True),
        ("Старый принтер", False),
    ]
    assert [t.number for t in printers.tickets] == [ids["ticket"]]
    by_number = asyncio.run(search_everything(store, technician, f"№{ids['ticket']}"))
    assert [t.number for t in by_number.tickets] == [ids["ticket"]]
    assert asyncio.run(search_everything(store, technician, "п")).empty  # one letter: nothing


def test_a_disabled_account_searches_nothing(store: Store) -> None:
    seed(store)
    with pytest.raises(Forbidden):
        asyncio.run(search_everything(store, make_accounts(store)["disabled"], "ромашка"))
