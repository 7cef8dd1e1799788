"""Matching a LiveViewer request to the card (OS login; host name, else MAC) and linking an
unmatched one in one step: the next request from that PC matches by itself."""

from __future__ import annotations

import asyncio
from datetime import UTC, datetime
from typing import Any

import pytest

from appliance.domain.errors import Forbidden, InvalidInput
from appliance.services import clients, request_links
from appliance.services.actor import Actor
from appliance.store import Store
from appliance.store.devices import add_enrolled_device
from appliance.store.ticket_intake import Submission, ingest_submission
from tests.services.support import audit_rows, make_accounts

NOW = datetime(2026, 3, 2, 7, 0, tzinfo=UTC)
MAC = "00:1a:2b:3c:4d:5e"


def run(coro: Any) -> Any:
    return asyncio.run(coro)


@pytest.fixture
def actors(store: Store) -> dict[str, Actor]:
    return make_accounts(store)


@pytest.fixture
def office(store: Store, actors: dict[str, Actor]) -> dict[str, int]:
    admin = actors["admin"]
    org = run(clients.create_organization(store, admin, name="Org"))
    other = run(clients.create_organization(store, admin, name="Other"))
    device = store.write_sync(
        lambda c: add_enrolled_device(
            c, org_id=org, token_hash="h" * 64, hostname="pc-7", os_user="anna", enrolled_at=NOW
        )
    )
    return {"org": org, "other": other, "device": device}


def send(
    store: Store,
    office: dict[str, int],
    n: int,
    *,
    os_user: str,
    hostname: str,
    macs: list[str],
) -> tuple[int | None, int | None, int]:
    """Ingest a request; (person_id, equipment_id, ticket id) it was linked to."""
    facts = {
        "hostname": hostname,
        "os": "Windows 11",
        "os_user": os_user,
        "ips": ["192.168.1.57"],
        "macs": macs,
    }
    submission = Submission(
        uuid=f"00000000-0000-4000-8000-{n:012d}",
        description=f"request {n}",
        submitted_at=NOW,
        phone="",
        priority="normal",
        os_user=os_user,
        hostname=hostname,
        machine_facts=facts,
    )

    def write(conn: Any) -> tuple[int | None, int | None, int]:
        made = ingest_submission(
            conn,
            submission=submission,
            content_hash=f"{n:064d}",
            device_id=office["device"],
            org_id=office["org"],
            received_at=NOW,
        )
        return conn.execute(
            "SELECT person_id, equipment_id, id FROM tickets WHERE number = ?", (made.number,)
        ).fetchone()

    return store.write_sync(write)


def test_a_request_matches_by_login_hostname_or_mac(
    store: Store, actors: dict[str, Actor], office: dict[str, int]
) -> None:
    tech = actors["technician"]
    anna = run(
        clients.create_person(store, tech, org_id=office["org"], full_name="Anna", logins=["anna"])
    )
    pc = run(
        clients.create_equipment(
            store,
            tech,
            org_id=office["org"],
            kind="workstation",
            name="PC",
            mac="00-1A-2B-3C-4D-5E",
        )
    )
    # No host name on the card: the MAC finds it (any case, any separators).
    assert send(
        store, office, 1, os_user="OFFICE\\anna", hostname="pc-7", macs=["00:1A:2B:3C:4D:5E"]
    )[:2] == (anna, pc)
    # An archived card matches nothing.
    run(clients.archive_equipment(store, tech, equipment_id=pc))
    assert send(store, office, 2, os_user="anna", hostname="pc-7", macs=[MAC])[:2] == (anna, None)


def test_an_unknown_sender_is_linked_in_one_step_and_then_matches(
    store: Store, actors: dict[str, Actor], office: dict[str, int]
) -> None:
    tech = actors["technician"]
    boris = run(clients.create_person(store, tech, org_id=office["org"], full_name="Boris"))
    old_pc = run(
        clients.create_equipment(
            store, tech, org_id=office["org"], kind="workstation", name="Boris PC", hostname="old"
        )
    )
    person, machine, ticket = send(store, office, 1, os_user="boris", hostname="pc-7", macs=[MAC])
    assert (person, machine) == (None, None)

    links = run(request_links.request_links(store, tech, ticket_id=ticket))
    assert (links.facts.os_user, links.facts.hostname) == ("boris", "pc-7")
    assert (boris, "Boris") in links.people and old_pc in dict(links.computers)

    assert run(request_links.link_person(store, tech, ticket_id=ticket, person_id=boris)) == "boris"
    taken = run(request_links.link_equipment(store, tech, ticket_id=ticket, equipment_id=old_pc))
    assert taken == {"hostname": "pc-7", "mac": MAC, "ip": "192.168.1.57"}
    assert audit_rows(store)[-2:] == [
        (
            tech.user_id,
            "ticket.link_person",
            "ticket",
            ticket,
            f"person_id={boris}; login_added=boris",
        ),
        (
            tech.user_id,
            "ticket.link_equipment",
            "ticket",
            ticket,
            f"equipment_id={old_pc}; hostname=pc-7, ip=192.168.1.57, mac={MAC}",
        ),
    ]
    # The next request from that PC is recognised by itself.
    assert send(store, office, 2, os_user="boris", hostname="pc-7", macs=[MAC])[:2] == (
        boris,
        old_pc,
    )


def test_or_created_from_the_requests_facts(
    store: Store, actors: dict[str, Actor], office: dict[str, int]
) -> None:
    tech = actors["technician"]
    _, _, ticket = send(store, office, 1, os_user="vera", hostname="acc-3", macs=[MAC])
    vera = run(request_links.create_person(store, tech, ticket_id=ticket, full_name="Вера Петрова"))
    pc = run(request_links.create_equipment(store, tech, ticket_id=ticket, name=""))
    (made,) = run(clients.list_equipment(store, tech, org_id=office["org"]))
    assert (made.id, made.kind, made.name, made.hostname, made.mac, made.ip, made.os) == (
        pc,
        "workstation",
        "acc-3",
        "acc-3",
        MAC,
        "192.168.1.57",
        "Windows 11",
    )
    assert made.person_id == vera
    (person,) = run(clients.list_persons(store, tech, org_id=office["org"]))
    assert (person.full_name, person.logins, person.workstation_id) == (
        "Вера Петрова",
        ("vera",),
        pc,
    )
    assert send(store, office, 2, os_user="vera", hostname="acc-3", macs=[])[:2] == (vera, pc)


def test_linking_is_for_technicians_and_stays_inside_the_organisation(
    store: Store, actors: dict[str, Actor], office: dict[str, int]
) -> None:
    stranger = run(
        clients.create_person(store, actors["admin"], org_id=office["other"], full_name="X")
    )
    _, _, ticket = send(store, office, 1, os_user="boris", hostname="pc-7", macs=[])
    before = audit_rows(store)
    with pytest.raises(Forbidden):
        run(request_links.create_person(store, actors["manager"], ticket_id=ticket, full_name="B"))
    with pytest.raises(InvalidInput):
        run(
            request_links.link_person(
                store, actors["technician"], ticket_id=ticket, person_id=stranger
            )
        )
    assert audit_rows(store) == before
    assert run(clients.list_persons(store, actors["admin"], org_id=office["org"])) == []
