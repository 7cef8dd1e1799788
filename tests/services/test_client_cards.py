"""The client card's services beyond the basics: the new fields round-trip normalised, a bad
value is refused naming its field with nothing written, archiving hides and restores, only admins
delete (and not what tickets still name), the old→new audit text, the credential age setting."""

from __future__ import annotations

import asyncio
from datetime import date
from typing import Any

import pytest

from appliance.domain.clock import utc_now
from appliance.domain.errors import Conflict, Forbidden, InvalidInput
from appliance.services import clients
from appliance.services.actor import Actor
from appliance.store import Store
from appliance.store.tickets import create_ticket
from tests.services.support import audit_rows, make_accounts


def run(coro: Any) -> Any:
    return asyncio.run(coro)


@pytest.fixture
def actors(store: Store) -> dict[str, Actor]:
    return make_accounts(store)


def test_new_fields_round_trip_normalised(store: Store, actors: dict[str, Actor]) -> None:
    tech = actors["technician"]
    org = run(
        clients.create_organization(
            store,
            tech,
            name="Org",
            contact_name="Анна",
            contract="№ 1",
            subnets="192.168.1.7/24; 10.0.0.0/8",
            gateway="192.168.1.1",
            dns_servers="192.168.1.1, 8.8.8.8",
            isp="Ростелеком",
            external_ip="95.1.2.3",
        )
    )
    found = run(clients.get_organization(store, tech, org_id=org))
    assert (found.subnets, found.dns_servers) == (
        "192.168.1.0/24\n10.0.0.0/8",
        "192.168.1.1\n8.8.8.8",
    )
    pc = run(
        clients.create_equipment(
            store,
            tech,
            org_id=org,
            kind="laptop",
            name="NB",
            mac="AA-BB-CC-DD-EE-FF",
            os="Windows 11",
            purchase_date="01.02.2025",
            warranty_until=date(2026, 2, 1),
        )
    )
    anna = run(
        clients.create_person(
            store, tech, org_id=org, full_name="Анна", workstation_id=pc, key_person=True
        )
    )
    (item,) = run(clients.list_equipment(store, tech, org_id=org))
    assert (item.mac, item.purchase_date, item.warranty_until) == (
        "aa:bb:cc:dd:ee:ff",
        date(2025, 2, 1),
        date(2026, 2, 1),
    )
    (person,) = run(clients.list_persons(store, tech, org_id=org))
    assert (person.workstation_id, person.workstation_name, person.key_person) == (pc, "NB", True)
    lic = run(
        clients.create_license(
            store,
            tech,
            org_id=org,
            product="Office",
            vendor="Microsoft",
            seats=5,
            seats_used=3,
            valid_from="2025-01-01",
            valid_until="2026-01-01",
            person_ids=[anna],
            equipment_ids=[pc],
        )
    )
    (found_lic,) = run(clients.list_licenses(store, tech, org_id=org))
    assert (
        found_lic.id,
        found_lic.vendor,
        found_lic.seats_used,
        found_lic.people,
        found_lic.machines,
    ) == (
        lic,
        "Microsoft",
        3,
        ((anna, "Анна"),),
        ((pc, "NB"),),
    )


@pytest.mark.parametrize(
    ("kind", "values", "field"),
    [
        ("equipment", {"ip": "10.0.0.256"}, "ip"),
        ("equipment", {"mac": "zz"}, "mac"),
        (
            "equipment",
            {"purchase_date": "2026-05-01", "warranty_until": "2026-04-01"},
            "warranty_until",
        ),
        ("person", {"email": "a@b"}, "email"),
        ("person", {"phone": "call me"}, "phone"),
        ("organization", {"gateway": "gw"}, "gateway"),
        ("organization", {"subnets": "10.0.0.0"}, "subnets"),
        ("license", {"seats_used": -1}, "seats_used"),
        ("license", {"valid_from": "2026-02-01", "valid_until": "2026-01-01"}, "valid_until"),
    ],
)
def test_a_bad_value_is_refused_naming_its_field_and_nothing_is_written(
    store: Store, actors: dict[str, Actor], kind: str, values: dict[str, Any], field: str
) -> None:
    tech = actors["technician"]
    org = run(clients.create_organization(store, tech, name="Org"))
    before = audit_rows(store)
    make = {
        "equipment": lambda: clients.create_equipment(
            store, tech, org_id=org, kind="server", name="S", **values
        ),
        "person": lambda: clients.create_person(store, tech, org_id=org, full_name="A", **values),
        "organization": lambda: clients.create_organization(store, tech, name="Other", **values),
        "license": lambda: clients.create_license(store, tech, org_id=org, product="P", **values),
    }[kind]
    with pytest.raises(InvalidInput) as caught:
        run(make())
    assert caught.value.values["field"] == field
    assert audit_rows(store) == before
    assert run(clients.list_equipment(store, tech, org_id=org)) == []
    assert run(clients.list_persons(store, tech, org_id=org)) == []


def test_archive_hides_restore_brings_back(store: Store, actors: dict[str, Actor]) -> None:
    tech = actors["technician"]
    org = run(clients.create_organization(store, tech, name="Org"))
    cred = run(clients.create_credential(store, tech, org_id=org, title="VPN", secret="s"))
    lic = run(clients.create_license(store, tech, org_id=org, product="AV"))
    run(clients.archive_credential(store, tech, credential_id=cred))
    run(clients.archive_license(store, tech, license_id=lic))
    assert run(clients.list_credentials(store, tech, org_id=org)) == []
    assert run(clients.list_licenses(store, tech, org_id=org)) == []
    assert [
        c.active
        for c in run(clients.list_credentials(store, tech, org_id=org, include_archived=True))
    ] == [False]
    run(clients.archive_credential(store, tech, credential_id=cred, active=True))
    assert [c.id for c in run(clients.list_credentials(store, tech, org_id=org))] == [cred]
    assert [r[1] for r in audit_rows(store)[-3:]] == [
        "credential.archive",
        "license.archive",
        "credential.restore",
    ]


def test_only_admins_delete_and_not_what_tickets_name(
    store: Store, actors: dict[str, Actor]
) -> None:
    admin, tech = actors["admin"], actors["technician"]
    org = run(clients.create_organization(store, tech, name="Org"))
    pc = run(clients.create_equipment(store, tech, org_id=org, kind="workstation", name="PC"))
    anna = run(clients.create_person(store, tech, org_id=org, full_name="Анна"))
    for delete in (
        clients.delete_equipment(store, tech, equipment_id=pc),
        clients.delete_person(store, tech, person_id=anna),
        clients.delete_organization(store, tech, org_id=org),
    ):
        with pytest.raises(Forbidden):
            run(delete)
    now = utc_now()
    store.write_sync(
        lambda c: create_ticket(
            c,
            uuid="00000000-0000-4000-8000-000000000001",
            source="phone",
            description="x",
            submitted_at=now,
            received_at=now,
            org_id=org,
            person_id=anna,
            equipment_id=pc,
        )
    )
    for delete in (
        clients.delete_equipment(store, admin, equipment_id=pc),
        clients.delete_person(store, admin, person_id=anna),
        clients.delete_organization(store, admin, org_id=org),
    ):
        with pytest.raises(Conflict):
            run(delete)
    empty = run(clients.create_organization(store, tech, name="Mistake"))
    run(clients.create_equipment(store, tech, org_id=empty, kind="nas", name="NAS"))
    run(clients.delete_organization(store, admin, org_id=empty))
    assert [
        o.name for o in run(clients.list_organizations(store, admin, include_archived=True))
    ] == ["Org"]
    assert audit_rows(store)[-1][1:] == ("organization.delete", "organization", empty, "Mistake")


def test_the_credential_age_is_an_admin_setting(store: Store, actors: dict[str, Actor]) -> None:
    assert run(clients.credential_max_age_days(store, actors["manager"])) == 180
    with pytest.raises(Forbidden):
        run(clients.set_credential_max_age_days(store, actors["technician"], days=90))
    with pytest.raises(InvalidInput):
        run(clients.set_credential_max_age_days(store, actors["admin"], days=0))
    run(clients.set_credential_max_age_days(store, actors["admin"], days=90))
    assert run(clients.credential_max_age_days(store, actors["technician"])) == 90
    assert audit_rows(store)[-1][1:] == ("settings.credential_age", "settings", None, "days=90")
