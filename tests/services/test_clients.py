"""Client services: who may write and read, and one audit row per change, never a secret."""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable
from datetime import date
from typing import Any

import pytest

from appliance.domain.errors import Forbidden, InvalidInput
from appliance.services import clients
from appliance.services.actor import Actor
from appliance.store import Store
from tests.services.support import audit_rows, make_accounts

SECRET = "Pa55-w0rd!"
KEY = "XXXX-YYYY-ZZZZ"


@pytest.fixture
def actors(store: Store) -> dict[str, Actor]:
    return make_accounts(store)


def run(coro: Awaitable[Any]) -> Any:
    return asyncio.run(coro)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("role", "may"),
    [("admin", True), ("technician", True), ("manager", False), ("disabled", False)],
)
def test_who_may_create_an_organisation(
    store: Store, actors: dict[str, Actor], role: str, may: bool
) -> None:
    create = clients.create_organization(store, actors[role], name="ООО Ромашка")
    if may:
        org = run(create)
        assert audit_rows(store) == [
            (actors[role].user_id, "organization.create", "organization", org, "ООО Ромашка")
        ]
    else:
        with pytest.raises(Forbidden):
            run(create)
        assert audit_rows(store) == []


@pytest.mark.parametrize(
    ("role", "may"),
    [("admin", True), ("technician", True), ("manager", True), ("disabled", False)],
)
def test_who_may_read_the_clients(
    store: Store, actors: dict[str, Actor], role: str, may: bool
) -> None:
    run(clients.create_organization(store, actors["admin"], name="Org"))
    read = clients.organization_summaries(store, actors[role])
    if may:
        assert [s.name for s in run(read)] == ["Org"]
    else:
        with pytest.raises(Forbidden):
            run(read)


def test_every_change_writes_one_audit_row_without_secrets(
    store: Store, actors: dict[str, Actor]
) -> None:
    tech = actors["technician"]
    org = run(clients.create_organization(store, tech, name="Org"))
    steps: list[tuple[str, Callable[[], Awaitable[Any]]]] = [
        (
            "organization.update",
            lambda: clients.update_organization(
                store, tech, org_id=org, changes={"phone": "+7 495 123-45-67", "notes": "n"}
            ),
        ),
        (
            "person.create",
            lambda: clients.create_person(store, tech, org_id=org, full_name="Anna", logins=["a"]),
        ),
        (
            "equipment.create",
            lambda: clients.create_equipment(store, tech, org_id=org, kind="nas", name="NAS"),
        ),
        (
            "credential.create",
            lambda: clients.create_credential(store, tech, org_id=org, title="NAS", secret=SECRET),
        ),
        (
            "license.create",
            lambda: clients.create_license(
                store,
                tech,
                org_id=org,
                product="Office",
                license_key=KEY,
                valid_until=date(2030, 1, 1),
            ),
        ),
    ]
    for action, step in steps:
        before = len(audit_rows(store))
        run(step())
        rows = audit_rows(store)
        assert len(rows) == before + 1 and rows[-1][1] == action
    (cred,) = run(clients.list_credentials(store, tech, org_id=org))
    (lic,) = run(clients.list_licenses(store, tech, org_id=org))
    (person,) = run(clients.list_persons(store, tech, org_id=org))
    (nas,) = run(clients.list_equipment(store, tech, org_id=org))
    run(clients.update_credential(store, tech, credential_id=cred.id, changes={"secret": "N3w!"}))
    run(clients.update_license(store, tech, license_id=lic.id, changes={"license_key": "NEW-KEY"}))
    run(clients.update_person(store, tech, person_id=person.id, changes={"position": "CEO"}))
    run(clients.update_equipment(store, tech, equipment_id=nas.id, changes={"ip": "10.0.0.9"}))
    run(clients.archive_person(store, tech, person_id=person.id))
    # Deleting is the admins' (technicians archive).
    run(clients.delete_credential(store, actors["admin"], credential_id=cred.id))
    run(clients.delete_license(store, actors["admin"], license_id=lic.id))
    run(clients.archive_organization(store, tech, org_id=org))
    rows = audit_rows(store)
    assert [r[1] for r in rows[len(steps) + 1 :]] == [
        "credential.update",
        "license.update",
        "person.update",
        "equipment.update",
        "person.archive",
        "credential.delete",
        "license.delete",
        "organization.archive",
    ]
    assert rows[len(steps) + 1][4] == "fields=secret; secret: (changed)"
    assert rows[len(steps) + 2][4] == "fields=license_key; license_key: (changed)"
    assert rows[len(steps) + 3][4] == "fields=position; position: — → CEO"
    assert rows[len(steps) + 4][4] == "fields=ip; ip: — → 10.0.0.9"
    assert rows[1][4] == "fields=notes,phone; notes: — → n; phone: — → +7 495 123-45-67"
    assert [r[4] for r in rows[-3:-1]] == ["NAS", "Office"]  # what was deleted
    for row in rows:
        assert all(s not in str(value) for value in row for s in (SECRET, KEY, "N3w!", "NEW-KEY"))
    assert run(clients.list_organizations(store, tech)) == []


def test_a_refused_change_writes_nothing(store: Store, actors: dict[str, Actor]) -> None:
    org = run(clients.create_organization(store, actors["admin"], name="Org"))
    with pytest.raises(InvalidInput):
        run(clients.update_organization(store, actors["admin"], org_id=org, changes={"name": ""}))
    with pytest.raises(Forbidden):
        run(clients.create_person(store, actors["manager"], org_id=org, full_name="X"))
    assert len(audit_rows(store)) == 1


def test_the_command_line_may_write(store: Store) -> None:
    org = run(clients.create_organization(store, Actor.cli(), name="Org"))
    assert audit_rows(store) == [(None, "organization.create", "organization", org, "Org")]
