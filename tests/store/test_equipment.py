"""Equipment, credentials and licenses through the store functions. Rows read for lists never
carry a secret or a license key, only whether one is stored."""

from __future__ import annotations

from datetime import date
from typing import Any

import apsw
import pytest

from appliance.domain.errors import InvalidInput, NotFound
from appliance.store import Store
from appliance.store.credentials import (
    create_credential,
    delete_credential,
    get_credential,
    list_credentials,
    update_credential,
)
from appliance.store.equipment import (
    create_equipment,
    get_equipment,
    list_equipment,
    update_equipment,
)
from appliance.store.licenses import (
    create_license,
    delete_license,
    get_license,
    list_licenses,
    update_license,
)
from appliance.store.organizations import create_organization
from appliance.store.persons import create_person


@pytest.fixture
def org(store: Store) -> dict[str, int]:
    def write(conn: apsw.Connection) -> dict[str, int]:
        org = create_organization(conn, name="Org")
        other = create_organization(conn, name="Other")
        return {
            "org": org,
            "other": other,
            "person": create_person(conn, org_id=org, full_name="Anna"),
            "stranger": create_person(conn, org_id=other, full_name="Oleg"),
            "their_pc": create_equipment(conn, org_id=other, kind="laptop", name="Theirs"),
        }

    return store.write_sync(write)


def test_equipment_is_created_updated_and_listed(store: Store, org: dict[str, int]) -> None:
    def write(conn: apsw.Connection) -> int:
        pc = create_equipment(
            conn, org_id=org["org"], kind="workstation", name="PC-1", hostname="pc-1"
        )
        create_equipment(conn, org_id=org["org"], kind="printer", name="MFP")
        update_equipment(conn, pc, person_id=org["person"], ip="10.0.0.5")
        return pc

    pc = store.write_sync(write)
    found = store.read_sync(lambda c: get_equipment(c, pc))
    assert found is not None
    assert (found.hostname, found.person_id, found.ip) == ("pc-1", org["person"], "10.0.0.5")
    listed = store.read_sync(lambda c: list_equipment(c, org_id=org["org"]))
    assert [e.kind for e in listed] == ["printer", "workstation"]


@pytest.mark.parametrize(
    ("values", "key"),
    [
        ({"name": ""}, "clients.error.equipment_name_empty"),
        ({"kind": "toaster"}, "clients.error.equipment_kind_unknown"),
        ({"person_id": "stranger"}, "clients.error.person_not_of_org"),
    ],
)
def test_bad_equipment_is_refused(
    store: Store, org: dict[str, int], values: dict[str, Any], key: str
) -> None:
    values = {k: org[v] if k == "person_id" else v for k, v in values.items()}
    row = {"org_id": org["org"], "kind": "server", "name": "DC", **values}
    with pytest.raises(InvalidInput) as caught:
        store.write_sync(lambda c: create_equipment(c, **row))
    assert caught.value.key == key


def test_a_credential_never_shows_its_secret_in_rows(store: Store, org: dict[str, int]) -> None:
    def write(conn: apsw.Connection) -> int:
        return create_credential(
            conn, org_id=org["org"], title="Router", login="admin", secret="S3cret"
        )

    cred = store.write_sync(write)
    found = store.read_sync(lambda c: get_credential(c, cred))
    assert found is not None and found.has_secret and "S3cret" not in repr(found)
    store.write_sync(lambda c: update_credential(c, cred, secret="", title="Router 2"))
    found = store.read_sync(lambda c: get_credential(c, cred))
    assert found is not None and (found.title, found.has_secret) == ("Router 2", False)
    assert [c.id for c in store.read_sync(lambda c: list_credentials(c, org_id=org["org"]))] == [
        cred
    ]
    store.write_sync(lambda c: delete_credential(c, cred))
    assert store.read_sync(lambda c: list_credentials(c, org_id=org["org"])) == []
    with pytest.raises(NotFound):
        store.write_sync(lambda c: delete_credential(c, cred))


@pytest.mark.parametrize(
    ("values", "key"),
    [
        ({"title": " "}, "clients.error.credential_title_empty"),
        ({"equipment_id": "their_pc"}, "clients.error.equipment_not_of_org"),
        ({"org_id": 999}, "clients.error.org_unknown"),
    ],
)
def test_bad_credentials_are_refused(
    store: Store, org: dict[str, int], values: dict[str, Any], key: str
) -> None:
    values = {k: org[v] if k == "equipment_id" else v for k, v in values.items()}
    row = {"org_id": org["org"], "title": "VPN", **values}
    with pytest.raises(InvalidInput) as caught:
        store.write_sync(lambda c: create_credential(c, **row))
    assert caught.value.key == key


def test_licenses_are_listed_soonest_first_without_their_keys(
    store: Store, org: dict[str, int]
) -> None:
    def write(conn: apsw.Connection) -> list[int]:
        return [
            create_license(conn, org_id=org["org"], product="Forever", license_key="K-1"),
            create_license(
                conn, org_id=org["org"], product="Office", valid_until=date(2026, 3, 1), seats=5
            ),
            create_license(conn, org_id=org["org"], product="AV", valid_until=date(2026, 1, 1)),
        ]

    forever, office, av = store.write_sync(write)
    listed = store.read_sync(lambda c: list_licenses(c, org_id=org["org"]))
    assert [lic.id for lic in listed] == [av, office, forever]
    assert [lic.has_key for lic in listed] == [False, False, True]
    assert all("K-1" not in repr(lic) for lic in listed)
    store.write_sync(lambda c: update_license(c, office, valid_until=None, seats=7))
    found = store.read_sync(lambda c: get_license(c, office))
    assert found is not None and (found.valid_until, found.seats) == (None, 7)
    store.write_sync(lambda c: delete_license(c, office))
    assert store.read_sync(lambda c: get_license(c, office)) is None


@pytest.mark.parametrize(
    ("values", "key"),
    [
        ({"product": ""}, "clients.error.license_product_empty"),
        ({"seats": -1}, "clients.error.seats_negative"),
        ({"person_ids": "stranger"}, "clients.error.person_not_of_org"),
        ({"equipment_ids": "their_pc"}, "clients.error.equipment_not_of_org"),
    ],
)
def test_bad_licenses_are_refused(
    store: Store, org: dict[str, int], values: dict[str, Any], key: str
) -> None:
    ids = ("person_ids", "equipment_ids")
    values = {k: [org[v]] if k in ids else v for k, v in values.items()}
    row = {"org_id": org["org"], "product": "Office", **values}
    with pytest.raises(InvalidInput) as caught:
        store.write_sync(lambda c: create_license(c, **row))
    assert caught.value.key == key
