"""What the ticket forms offer: categories, assignees, and the pickers of a phone ticket."""

from __future__ import annotations

from typing import Any

import apsw

from appliance.store import Store
from appliance.store.categories import archive_category, create_category
from appliance.store.equipment import create_equipment
from appliance.store.organizations import archive_organization, create_organization
from appliance.store.persons import archive_person, create_person
from appliance.store.ticket_choices import (
    assignee_choices,
    category_tree,
    equipment_choices,
    organization_choices,
    person_choices,
    person_phone,
)
from appliance.store.users import create_user, set_active

NOW = "2025-03-03T09:00:00.000000Z"


def insert(conn: apsw.Connection, table: str, **values: Any) -> int:
    cols = ", ".join(values)
    marks = ", ".join("?" for _ in values)
    conn.execute(f"INSERT INTO {table}({cols}) VALUES ({marks})", tuple(values.values()))
    return conn.last_insert_rowid()


def test_category_tree_two_levels_active_only_but_keeps_the_current(store: Store) -> None:
    def build(c: apsw.Connection) -> dict[str, int]:
        ids = {"print": create_category(c, name="Printing")}
        ids["jam"] = create_category(c, name="Paper jam", parent_id=ids["print"])
        ids["toner"] = create_category(c, name="Toner", parent_id=ids["print"])
        ids["mail"] = create_category(c, name="E-mail")
        ids["old"] = create_category(c, name="Fax")
        ids["old_sub"] = create_category(c, name="Line", parent_id=ids["old"])
        for retired in ("toner", "old", "old_sub"):
            archive_category(c, ids[retired])
        return ids

    ids = store.write_sync(build)
    tree = store.read_sync(category_tree)
    assert [(s.name, [p.label for p in s.problems]) for s in tree] == [
        ("E-mail", []),
        ("Printing", ["Paper jam"]),
    ]
    kept = store.read_sync(lambda c: category_tree(c, keep=ids["old_sub"]))
    assert [(s.name, [p.label for p in s.problems]) for s in kept] == [
        ("E-mail", []),
        ("Fax", ["Line"]),
        ("Printing", ["Paper jam"]),
    ]


def test_assignees_are_active_workers(store: Store) -> None:
    def build(c: apsw.Connection) -> dict[str, int]:
        return {
            "tech": create_user(
                c, login="t", password_hash="x", role="technician", full_name="Ivan"
            ),
            "admin": create_user(c, login="adm", password_hash="x", role="admin"),
            "boss": create_user(c, login="m", password_hash="x", role="manager", full_name="Boss"),
            "gone": create_user(
                c, login="g", password_hash="x", role="technician", full_name="Gone"
            ),
        }

    ids = store.write_sync(build)
    store.write_sync(lambda c: set_active(c, ids["gone"], False))
    assert [a.label for a in store.read_sync(assignee_choices)] == ["adm", "Ivan"]
    kept = store.read_sync(lambda c: assignee_choices(c, keep=ids["gone"]))
    assert [a.label for a in kept] == ["adm", "Gone", "Ivan"]


def test_pickers_for_a_phone_ticket(store: Store) -> None:
    def build(c: apsw.Connection) -> dict[str, int]:
        ids = {"org": create_organization(c, name="Romashka")}
        ids["other"] = create_organization(c, name="Astra")
        archive_organization(c, create_organization(c, name="Closed Ltd"))
        ids["anna"] = create_person(
            c, org_id=ids["org"], full_name="Anna", position="Accountant", phone="+7 900"
        )
        ids["boris"] = create_person(c, org_id=ids["org"], full_name="Boris")
        archive_person(c, create_person(c, org_id=ids["org"], full_name="Left"))
        create_equipment(c, org_id=ids["org"], kind="router", name="Gateway")
        create_equipment(
            c,
            org_id=ids["org"],
            kind="workstation",
            name="BOR-PC",
            hostname="bor-pc",
            person_id=ids["boris"],
        )
        create_equipment(c, org_id=ids["org"], kind="printer", name="Accounting MFP")
        create_equipment(c, org_id=ids["other"], kind="router", name="Theirs")
        return ids

    ids = store.write_sync(build)
    assert [o.label for o in store.read_sync(organization_choices)] == ["Astra", "Romashka"]
    people = store.read_sync(lambda c: person_choices(c, ids["org"]))
    assert [p.label for p in people] == ["Anna — Accountant", "Boris"]
    kit = store.read_sync(lambda c: equipment_choices(c, ids["org"], person_id=ids["boris"]))
    assert [k.label for k in kit] == ["BOR-PC (bor-pc)", "Accounting MFP", "Gateway"]
    kit = store.read_sync(lambda c: equipment_choices(c, ids["org"]))
    assert [k.label for k in kit] == ["Accounting MFP", "BOR-PC (bor-pc)", "Gateway"]
    assert store.read_sync(lambda c: person_phone(c, ids["anna"])) == "+7 900"
    assert store.read_sync(lambda c: person_phone(c, 999)) == ""
