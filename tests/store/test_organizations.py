"""Organisations and their people through the store functions: create, update, archive, list."""

from __future__ import annotations

from typing import Any

import apsw
import pytest

from appliance.domain.errors import AppError, Conflict, InvalidInput, NotFound
from appliance.store import Store
from appliance.store.organizations import (
    archive_organization,
    create_organization,
    get_organization,
    list_organizations,
    organization_summaries,
    update_organization,
)
from appliance.store.persons import (
    archive_person,
    create_person,
    get_person,
    list_persons,
    update_person,
)


def test_an_organisation_is_created_read_updated_and_archived(store: Store) -> None:
    def write(conn: apsw.Connection) -> int:
        org = create_organization(conn, name="  ООО Ромашка ", short_name="Ромашка", phone="101")
        update_organization(conn, org, phone="+7 495 000-00-00", notes="VIP")
        return org

    org = store.write_sync(write)
    found = store.read_sync(lambda c: get_organization(c, org))
    assert found is not None
    assert (found.name, found.short_name, found.phone, found.notes, found.active) == (
        "ООО Ромашка",
        "Ромашка",
        "+7 495 000-00-00",
        "VIP",
        True,
    )
    assert found.created_at.tzinfo is not None
    store.write_sync(lambda c: archive_organization(c, org))
    assert store.read_sync(list_organizations) == []
    archived = store.read_sync(lambda c: list_organizations(c, include_archived=True))
    assert [(o.id, o.active) for o in archived] == [(org, False)]
    store.write_sync(lambda c: archive_organization(c, org, active=True))
    assert [o.id for o in store.read_sync(list_organizations)] == [org]


def test_organisations_are_listed_by_name_with_their_counts(store: Store) -> None:
    def write(conn: apsw.Connection) -> None:
        beta = create_organization(conn, name="beta")
        create_organization(conn, name="Alpha")
        create_person(conn, org_id=beta, full_name="One")
        gone = create_person(conn, org_id=beta, full_name="Two")
        archive_person(conn, gone)

    store.write_sync(write)
    assert [o.name for o in store.read_sync(list_organizations)] == ["Alpha", "beta"]
    summaries = store.read_sync(organization_summaries)
    assert [(s.name, s.people, s.equipment, s.open_tickets) for s in summaries] == [
        ("Alpha", 0, 0, 0),
        ("beta", 1, 0, 0),
    ]


@pytest.mark.parametrize(
    ("change", "kind", "key"),
    [
        ({"name": " "}, InvalidInput, "clients.error.org_name_empty"),
        ({"name": "Taken"}, Conflict, "clients.error.org_name_taken"),
        ({"sla_plan_id": 99}, InvalidInput, "clients.error.plan_unknown"),
        ({"active": 0}, InvalidInput, "clients.error.field_unknown"),
        ({"id": 5}, InvalidInput, "clients.error.field_unknown"),
    ],
)
def test_bad_organisation_changes_are_refused(
    store: Store, change: dict[str, Any], kind: type[AppError], key: str
) -> None:
    org = store.write_sync(lambda c: create_organization(c, name="Mine"))
    store.write_sync(lambda c: create_organization(c, name="Taken"))
    with pytest.raises(kind) as caught:
        store.write_sync(lambda c: update_organization(c, org, **change))
    assert caught.value.key == key
    if key != "clients.error.field_unknown":  # create takes named fields only
        fields = {"name": "New", **change}
        with pytest.raises(kind):
            store.write_sync(lambda c: create_organization(c, **fields))


def test_changing_a_missing_organisation_is_not_found(store: Store) -> None:
    with pytest.raises(NotFound):
        store.write_sync(lambda c: update_organization(c, 42, name="X"))
    with pytest.raises(NotFound):
        store.write_sync(lambda c: archive_organization(c, 42))


def test_a_person_keeps_their_logins_without_case_duplicates(store: Store) -> None:
    def write(conn: apsw.Connection) -> int:
        org = create_organization(conn, name="Org")
        return create_person(
            conn, org_id=org, full_name="Анна", logins=["apetrova", "APetrova", " ", "Петрова"]
        )

    person = store.write_sync(write)
    found = store.read_sync(lambda c: get_person(c, person))
    assert found is not None and found.logins == ("apetrova", "Петрова")
    store.write_sync(lambda c: update_person(c, person, position="Бухгалтер", logins=["anna"]))
    found = store.read_sync(lambda c: get_person(c, person))
    assert found is not None and (found.position, found.logins) == ("Бухгалтер", ("anna",))
    store.write_sync(lambda c: archive_person(c, person))
    assert store.read_sync(lambda c: list_persons(c, org_id=found.org_id)) == []
    assert (
        len(store.read_sync(lambda c: list_persons(c, org_id=found.org_id, include_archived=True)))
        == 1
    )


@pytest.mark.parametrize(
    ("values", "key"),
    [
        ({"full_name": " "}, "clients.error.person_name_empty"),
        ({"full_name": "X", "org_id": 99}, "clients.error.org_unknown"),
    ],
)
def test_bad_people_are_refused(store: Store, values: dict[str, Any], key: str) -> None:
    org = store.write_sync(lambda c: create_organization(c, name="Org"))
    with pytest.raises(InvalidInput) as caught:
        store.write_sync(lambda c: create_person(c, **{"org_id": org, **values}))
    assert caught.value.key == key
