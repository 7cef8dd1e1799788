"""People of a client (client card, People tab): create, edit, archive, delete (admins), list.

Writing needs ``MANAGE_CLIENTS``, reading ``VIEW_CLIENTS``, deleting ``DELETE_CLIENTS``. Every
change writes its audit row in its transaction (``services.card_changes``).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

import apsw

from appliance.domain.permissions import Permission
from appliance.services.actor import Actor
from appliance.services.audited import audited_write, checked_read
from appliance.services.card_changes import audited_delete, audited_update
from appliance.services.types import Store
from appliance.store import persons
from appliance.store.persons import Person

__all__ = ["Person"]


def _same(value: int) -> int:
    return value


async def create_person(
    store: Store,
    actor: Actor,
    *,
    org_id: int,
    full_name: str,
    position: str = "",
    phone: str = "",
    email: str = "",
    notes: str = "",
    logins: Iterable[str] = (),
    workstation_id: int | None = None,
    key_person: bool = False,
) -> int:
    logins = list(logins)
    return await audited_write(
        store,
        actor,
        Permission.MANAGE_CLIENTS,
        lambda conn: persons.create_person(
            conn,
            org_id=org_id,
            full_name=full_name,
            position=position,
            phone=phone,
            email=email,
            notes=notes,
            logins=logins,
            workstation_id=workstation_id,
            key_person=key_person,
        ),
        action="person.create",
        object_type="person",
        object_id=_same,
        detail=f"{full_name.strip()}; org_id={org_id}",
    )


async def update_person(
    store: Store, actor: Actor, *, person_id: int, changes: Mapping[str, Any]
) -> None:
    """Change some of the person's fields (``persons.EDITABLE``); ``logins`` replaces their OS
    logins."""
    changes = dict(changes)
    await audited_update(
        store,
        actor,
        Permission.MANAGE_CLIENTS,
        read=lambda conn: persons.get_person(conn, person_id),
        change=lambda conn: persons.update_person(conn, person_id, **changes),
        changed=changes,
        action="person.update",
        object_type="person",
        object_id=person_id,
    )


async def archive_person(
    store: Store, actor: Actor, *, person_id: int, active: bool = False
) -> None:
    await audited_write(
        store,
        actor,
        Permission.MANAGE_CLIENTS,
        lambda conn: persons.archive_person(conn, person_id, active=active),
        action="person.restore" if active else "person.archive",
        object_type="person",
        object_id=person_id,
        detail="",
    )


async def delete_person(store: Store, actor: Actor, *, person_id: int) -> None:
    """Remove a person entered by mistake (admins); refused once tickets name them."""

    def name(conn: apsw.Connection) -> str:
        found = persons.get_person(conn, person_id)
        return found.full_name if found else ""

    await audited_delete(
        store,
        actor,
        name=name,
        delete=lambda conn: persons.delete_person(conn, person_id),
        action="person.delete",
        object_type="person",
        object_id=person_id,
    )


async def get_person(store: Store, actor: Actor, *, person_id: int) -> Person | None:
    return await checked_read(
        store, actor, Permission.VIEW_CLIENTS, lambda conn: persons.get_person(conn, person_id)
    )


async def list_persons(
    store: Store, actor: Actor, *, org_id: int, include_archived: bool = False
) -> list[Person]:
    return await checked_read(
        store,
        actor,
        Permission.VIEW_CLIENTS,
        lambda conn: persons.list_persons(conn, org_id=org_id, include_archived=include_archived),
    )
