"""The client panel beside a ticket: crafted data in a real store -> what the panel holds."""

from __future__ import annotations

import json
import uuid
from datetime import date
from typing import Any

import apsw
import pytest

from appliance.domain.clock import from_db
from appliance.domain.sla import BusinessCalendar
from appliance.store import Store
from appliance.store.credentials import create_credential
from appliance.store.equipment import create_equipment
from appliance.store.licenses import create_license
from appliance.store.organizations import create_organization
from appliance.store.persons import create_person
from appliance.store.sla import SlaTargets, create_calendar, create_plan
from appliance.store.ticket_panel import client_panel, license_state

NOW = "2025-03-03T09:00:00.000000Z"
TODAY = date(2025, 3, 3)


def insert(conn: apsw.Connection, table: str, **values: Any) -> int:
    cols = ", ".join(values)
    marks = ", ".join("?" for _ in values)
    conn.execute(f"INSERT INTO {table}({cols}) VALUES ({marks})", tuple(values.values()))
    return conn.last_insert_rowid()


_numbers = iter(range(1, 10_000))


def ticket(conn: apsw.Connection, *, received_at: str = NOW, **values: Any) -> int:
    values.setdefault("description", "printer does not print")
    values.setdefault("source", "client")
    return insert(
        conn,
        "tickets",
        number=next(_numbers),
        uuid=str(uuid.uuid4()),
        submitted_at=received_at,
        received_at=received_at,
        updated_at=received_at,
        **values,
    )


@pytest.fixture
def office(store: Store) -> dict[str, int]:
    """Two organisations; the first fully furnished, the second to prove nothing leaks across."""

    def build(conn: apsw.Connection) -> dict[str, int]:
        ids: dict[str, int] = {}
        week = BusinessCalendar("Europe/Moscow", {"mon": (("09:00", "18:00"),)})
        cal = create_calendar(conn, name="5x9", calendar=week)
        targets = {"normal": SlaTargets(60, 480), "urgent": SlaTargets(15, 120)}
        ids["plan"] = create_plan(conn, name="Gold", calendar_id=cal, targets=targets)
        created = from_db(NOW)
        ids["org"] = create_organization(
            conn,
            name="Romashka LLC",
            phone="+7 495 000-00-00",
            sla_plan_id=ids["plan"],
            created_at=created,
        )
        ids["other_org"] = create_organization(conn, name="Vasilek", created_at=created)
        ids["anna"] = create_person(
            conn,
            org_id=ids["org"],
            full_name="Anna Petrova",
            position="Accountant",
            phone="+7 916 111-22-33",
            email="anna@romashka.example",
            logins=["apetrova"],
            created_at=created,
        )
        ids["boris"] = create_person(conn, org_id=ids["org"], full_name="Boris", created_at=created)
        ids["stranger"] = create_person(
            conn, org_id=ids["other_org"], full_name="Stranger", created_at=created
        )

        def equipment(org: int, kind: str, name: str, **extra: Any) -> int:
            return create_equipment(
                conn, org_id=org, kind=kind, name=name, created_at=created, **extra
            )

        ids["pc"] = equipment(
            ids["org"],
            "workstation",
            "ACC-01",
            hostname="acc-01",
            ip="10.0.0.21",
            person_id=ids["anna"],
        )
        ids["printer"] = equipment(ids["org"], "printer", "HP 400", person_id=ids["anna"])
        ids["router"] = equipment(
            ids["org"], "router", "Gateway", ip="10.0.0.1", location="Server room"
        )
        ids["switch"] = equipment(ids["org"], "switch", "Core switch", ip="10.0.0.2")
        ids["server"] = equipment(ids["org"], "server", "DC01", ip="10.0.0.10")
        ids["boris_pc"] = equipment(
            ids["org"], "workstation", "BOR-PC", hostname="bor-pc", person_id=ids["boris"]
        )
        ids["foreign_router"] = equipment(ids["other_org"], "router", "Their router")

        def credential(org: int, title: str, **extra: Any) -> int:
            return create_credential(conn, org_id=org, title=title, updated_at=created, **extra)

        ids["cred_wifi"] = credential(ids["org"], "Wi-Fi", secret="wifi-secret")
        ids["cred_router"] = credential(
            ids["org"],
            "Router admin",
            equipment_id=ids["router"],
            login="admin",
            secret="r0uter!",
        )
        ids["cred_pc"] = credential(
            ids["org"],
            "Local admin",
            equipment_id=ids["pc"],
            login="Administrator",
            secret="pc-secret",
        )
        ids["cred_empty"] = credential(ids["org"], "Portal", url="https://portal.example")
        ids["cred_foreign"] = credential(ids["other_org"], "Theirs", secret="x")

        def lic(org: int, product: str, valid_until: str | None, **extra: Any) -> int:
            until = date.fromisoformat(valid_until) if valid_until else None
            return create_license(conn, org_id=org, product=product, valid_until=until, **extra)

        ids["lic_expired"] = lic(ids["org"], "Antivirus", "2025-03-02", license_key="AV-1")
        ids["lic_today"] = lic(ids["org"], "1C", "2025-03-03")
        ids["lic_30"] = lic(ids["org"], "Office", "2025-04-02", person_ids=[ids["anna"]])
        ids["lic_31"] = lic(ids["org"], "Backup", "2025-04-03")
        ids["lic_perpetual"] = lic(ids["org"], "WinRAR", None, equipment_ids=[ids["pc"]])
        lic(ids["other_org"], "Foreign", "2025-03-05")
        return ids

    return store.write_sync(build)


def panel(store: Store, ticket_id: int, **kw: Any):
    result = store.read_sync(lambda c: client_panel(c, ticket_id, today=TODAY, **kw))
    assert result is not None
    return result


def test_panel_holds_org_plan_person_and_contacts(store: Store, office: dict[str, int]) -> None:
    tid = store.write_sync(lambda c: ticket(c, org_id=office["org"], person_id=office["anna"]))
    p = panel(store, tid)
    assert p.org is not None and p.org.name == "Romashka LLC"
    assert p.org.sla_plan_name == "Gold"
    assert [(t.priority, t.response_minutes) for t in p.org.sla_targets] == [
        ("urgent", 15),
        ("normal", 60),
    ]
    assert p.person is not None
    assert (p.person.full_name, p.person.phone, p.person.email) == (
        "Anna Petrova",
        "+7 916 111-22-33",
        "anna@romashka.example",
    )
    assert p.person.logins == ("apetrova",)


def test_workstation_is_the_tickets_machine_then_the_persons_other_equipment(
    store: Store, office: dict[str, int]
) -> None:
    tid = store.write_sync(
        lambda c: ticket(
            c, org_id=office["org"], person_id=office["anna"], equipment_id=office["pc"]
        )
    )
    p = panel(store, tid)
    assert p.machine_id == office["pc"]
    assert [e.name for e in p.workstations] == ["ACC-01", "HP 400"]
    assert p.workstations[0].ip == "10.0.0.21"
    assert p.workstations[0].person_name == "Anna Petrova"


def test_machine_found_by_reported_hostname_case_insensitively(
    store: Store, office: dict[str, int]
) -> None:
    facts = json.dumps({"hostname": "BOR-PC", "os": "Windows 11"})
    tid = store.write_sync(
        lambda c: ticket(c, org_id=office["org"], person_id=office["anna"], machine_facts=facts)
    )
    p = panel(store, tid)
    assert p.machine_id == office["boris_pc"]
    assert [e.name for e in p.workstations] == ["BOR-PC", "ACC-01", "HP 400"]


def test_reported_machine_comes_first_and_the_device_the_ticket_is_about_next(
    store: Store, office: dict[str, int]
) -> None:
    # Anna writes from her PC about the file server: her PC is "this computer", the server is
    # listed right after it, then the rest of her equipment.
    facts = json.dumps({"hostname": "acc-01"})
    tid = store.write_sync(
        lambda c: ticket(
            c,
            org_id=office["org"],
            person_id=office["anna"],
            equipment_id=office["server"],
            machine_facts=facts,
        )
    )
    p = panel(store, tid)
    assert p.machine_id == office["pc"]
    assert [e.name for e in p.workstations] == ["ACC-01", "DC01", "HP 400"]


def test_network_equipment_of_the_org_only_in_kind_order(
    store: Store, office: dict[str, int]
) -> None:
    tid = store.write_sync(lambda c: ticket(c, org_id=office["org"]))
    p = panel(store, tid)
    assert [(e.kind, e.name, e.ip) for e in p.network] == [
        ("router", "Gateway", "10.0.0.1"),
        ("switch", "Core switch", "10.0.0.2"),
        ("server", "DC01", "10.0.0.10"),
    ]
    assert p.network[0].location == "Server room"


def test_credentials_of_the_org_without_secrets_machine_first(
    store: Store, office: dict[str, int]
) -> None:
    tid = store.write_sync(
        lambda c: ticket(
            c, org_id=office["org"], person_id=office["anna"], equipment_id=office["pc"]
        )
    )
    p = panel(store, tid)
    assert [(c.title, c.equipment_name, c.has_secret) for c in p.credentials] == [
        ("Local admin", "ACC-01", True),
        ("Router admin", "Gateway", True),
        ("Portal", None, False),
        ("Wi-Fi", None, True),
    ]
    # The panel object never carries a secret: nothing in it equals one.
    text = repr(p)
    for secret in ("wifi-secret", "r0uter!", "pc-secret", "AV-1"):
        assert secret not in text


def test_licenses_expiry_states_and_order(store: Store, office: dict[str, int]) -> None:
    tid = store.write_sync(lambda c: ticket(c, org_id=office["org"]))
    p = panel(store, tid)
    assert [(lic.product, lic.state, lic.days_left) for lic in p.licenses] == [
        ("Antivirus", "expired", -1),
        ("1C", "expiring", 0),
        ("Office", "expiring", 30),
        ("Backup", "valid", 31),
        ("WinRAR", "perpetual", None),
    ]
    assert p.licenses[0].has_key and not p.licenses[1].has_key
    assert p.licenses[2].person_name == "Anna Petrova"
    assert p.licenses[4].equipment_name == "ACC-01"


@pytest.mark.parametrize(
    ("valid_until", "expected"),
    [
        (None, ("perpetual", None)),
        (date(2025, 3, 2), ("expired", -1)),
        (date(2025, 3, 3), ("expiring", 0)),
        (date(2025, 4, 2), ("expiring", 30)),
        (date(2025, 4, 3), ("valid", 31)),
    ],
)
def test_license_state(valid_until: date | None, expected: tuple[str, int | None]) -> None:
    assert license_state(valid_until, TODAY) == expected


def test_last_tickets_of_person_and_machine_newest_first_without_this_one(
    store: Store, office: dict[str, int]
) -> None:
    def build(c: apsw.Connection) -> dict[str, int]:
        device = insert(c, "devices", org_id=office["org"], token_hash="h" * 64, enrolled_at=NOW)
        made = {
            "old": ticket(
                c,
                org_id=office["org"],
                person_id=office["anna"],
                received_at="2025-01-01T10:00:00.000000Z",
            ),
            "same_pc_boris": ticket(
                c,
                org_id=office["org"],
                person_id=office["boris"],
                equipment_id=office["pc"],
                received_at="2025-02-01T10:00:00.000000Z",
            ),
            "same_device": ticket(
                c,
                org_id=office["org"],
                device_id=device,
                received_at="2025-02-15T10:00:00.000000Z",
            ),
            "recent": ticket(
                c,
                org_id=office["org"],
                person_id=office["anna"],
                received_at="2025-03-01T10:00:00.000000Z",
            ),
            "other_person": ticket(c, org_id=office["org"], person_id=office["boris"]),
        }
        made["this"] = ticket(
            c,
            org_id=office["org"],
            person_id=office["anna"],
            equipment_id=office["pc"],
            device_id=device,
        )
        return made

    t = store.write_sync(build)
    p = panel(store, t["this"])
    assert [x.id for x in p.person_tickets] == [t["recent"], t["old"]]
    assert [x.id for x in p.machine_tickets] == [t["same_device"], t["same_pc_boris"]]
    assert panel(store, t["this"], recent=1).person_tickets[0].id == t["recent"]


def test_ticket_without_org_takes_its_persons_org(store: Store, office: dict[str, int]) -> None:
    tid = store.write_sync(lambda c: ticket(c, person_id=office["anna"]))
    p = panel(store, tid)
    assert p.org is not None and p.org.id == office["org"]
    assert "Gateway" in [e.name for e in p.network]


def test_unknown_client_gives_an_empty_panel(store: Store, office: dict[str, int]) -> None:
    tid = store.write_sync(lambda c: ticket(c, machine_facts='{"hostname": "acc-01"}'))
    p = panel(store, tid)
    # Without an organisation the hostname cannot be trusted to name a machine of some client.
    assert (p.org, p.person, p.machine_id) == (None, None, None)
    assert p.workstations == p.network == p.credentials == p.licenses == ()
    assert p.person_tickets == p.machine_tickets == ()


def test_missing_ticket_is_none(store: Store) -> None:
    assert store.read_sync(lambda c: client_panel(c, 999, today=TODAY)) is None


def test_this_computer_is_only_the_enrolled_machine_the_request_came_from(
    store: Store, office: dict[str, int]
) -> None:
    """Demo ticket 1992: a request about the Wi-Fi access point tagged the access point as the
    employee's computer. Only an enrolled device's own computer (hostname or MAC) is it."""

    def build(c: apsw.Connection) -> dict[str, int]:
        ap = create_equipment(
            c,
            org_id=office["org"],
            kind="access_point",
            name="Wi-Fi AP",
            hostname="ap-1",
            mac="AA:BB:CC:00:00:01",
            created_at=from_db(NOW),
        )
        mac_pc = create_equipment(
            c,
            org_id=office["org"],
            kind="laptop",
            name="Laptop",
            mac="aa-bb-cc-00-00-02",
            created_at=from_db(NOW),
        )
        device = insert(c, "devices", org_id=office["org"], token_hash="d" * 64, enrolled_at=NOW)
        return {
            "ap": ap,
            "mac_pc": mac_pc,
            # About the access point, by phone: nobody's "this computer".
            "phone": ticket(c, org_id=office["org"], equipment_id=ap, source="phone"),
            # From an enrolled device whose reported name is the access point's: not a computer.
            "ap_name": ticket(
                c,
                org_id=office["org"],
                equipment_id=ap,
                device_id=device,
                machine_facts=json.dumps({"hostname": "ap-1", "macs": ["aa:bb:cc:00:00:01"]}),
            ),
            # From Anna's PC about the access point: her PC.
            "from_pc": ticket(
                c,
                org_id=office["org"],
                equipment_id=ap,
                device_id=device,
                machine_facts=json.dumps({"hostname": "ACC-01"}),
            ),
            # An unknown name but a known MAC: that laptop.
            "by_mac": ticket(
                c,
                org_id=office["org"],
                device_id=device,
                machine_facts=json.dumps({"hostname": "x", "macs": ["AA:BB:CC:00:00:02"]}),
            ),
        }

    made = store.write_sync(build)
    assert panel(store, made["phone"]).this_machine_id is None
    assert panel(store, made["ap_name"]).this_machine_id is None
    assert panel(store, made["from_pc"]).this_machine_id == office["pc"]
    assert panel(store, made["by_mac"]).this_machine_id == made["mac_pc"]
