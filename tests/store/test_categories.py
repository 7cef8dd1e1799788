"""Categories: two levels (service > problem), names unique within their level, archived not
deleted."""

from __future__ import annotations

from typing import Any

import apsw
import pytest

from appliance.domain.errors import AppError, Conflict, InvalidInput, NotFound
from appliance.store import Store
from appliance.store.categories import (
    archive_category,
    create_category,
    list_categories,
    rename_category,
)


@pytest.fixture
def tree(store: Store) -> dict[str, int]:
    def write(conn: apsw.Connection) -> dict[str, int]:
        printing = create_category(conn, name="Печать")
        return {
            "printing": printing,
            "jam": create_category(conn, name="Замятие", parent_id=printing),
            "mail": create_category(conn, name="Почта"),
        }

    return store.write_sync(write)


def test_services_are_followed_by_their_problems(store: Store, tree: dict[str, int]) -> None:
    listed = store.read_sync(list_categories)
    assert [(c.label, c.parent_id) for c in listed] == [
        ("Печать", None),
        ("Печать › Замятие", tree["printing"]),
        ("Почта", None),
    ]


def test_renaming_and_archiving(store: Store, tree: dict[str, int]) -> None:
    store.write_sync(lambda c: rename_category(c, tree["jam"], name="Замятие бумаги"))
    store.write_sync(lambda c: archive_category(c, tree["mail"]))
    assert [c.label for c in store.read_sync(list_categories)] == [
        "Печать",
        "Печать › Замятие бумаги",
    ]
    everything = store.read_sync(lambda c: list_categories(c, include_archived=True))
    assert [(c.name, c.active) for c in everything][-1] == ("Почта", False)


@pytest.mark.parametrize(
    ("values", "kind", "key"),
    [
        ({"name": " "}, InvalidInput, "clients.error.category_name_empty"),
        ({"name": "Почта"}, Conflict, "clients.error.category_name_taken"),
        ({"name": "Замятие", "parent": "printing"}, Conflict, "clients.error.category_name_taken"),
        ({"name": "Sub", "parent": "jam"}, InvalidInput, "clients.error.category_depth"),
        ({"name": "Sub", "parent_id": 999}, InvalidInput, "clients.error.category_parent_unknown"),
    ],
)
def test_bad_categories_are_refused(
    store: Store, tree: dict[str, int], values: dict[str, Any], kind: type[AppError], key: str
) -> None:
    if "parent" in values:
        values = {"name": values["name"], "parent_id": tree[values["parent"]]}
    with pytest.raises(kind) as caught:
        store.write_sync(lambda c: create_category(c, **values))
    assert caught.value.key == key


def test_a_problem_name_may_repeat_under_another_service(
    store: Store, tree: dict[str, int]
) -> None:
    store.write_sync(lambda c: create_category(c, name="Замятие", parent_id=tree["mail"]))


def test_missing_categories_are_not_found(store: Store) -> None:
    with pytest.raises(NotFound):
        store.write_sync(lambda c: rename_category(c, 5, name="X"))
    with pytest.raises(NotFound):
        store.write_sync(lambda c: archive_category(c, 5))
