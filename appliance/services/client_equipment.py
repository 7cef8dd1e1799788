"""Equipment of a client (client card, Equipment and Network tabs): create, edit, archive,
delete (admins), list. Permissions and audit as in ``services.client_people``."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from typing import Any

import apsw

from appliance.domain.permissions import Permission
from appliance.services.actor import Actor
from appliance.services.audited import audited_write, checked_read
from appliance.services.card_changes import audited_delete, audited_update
from appliance.services.types import Store
from appliance.store import equipment
from appliance.store.equipment import COMPUTER_KINDS, KINDS, NETWORK_KINDS, Equipment

__all__ = ["COMPUTER_KINDS", "KINDS", "NETWORK_KINDS", "Equipment"]


def _same(value: int) -> int:
    return value


async def create_equipment(
    store: Store,
    actor: Actor,
    *,
    org_id: int,
    kind: str,
    name: str,
    hostname: str = "",
    model: str = "",
    serial: str = "",
    ip: str = "",
    mac: str = "",
    location: str = "",
    person_id: int | None = None,
    notes: str = "",
    os: str = "",
    purchase_date: date | str | None = None,
    warranty_until: date | str | None = None,
) -> int:
    return await audited_write(
        store,
        actor,
        Permission.MANAGE_CLIENTS,
        lambda conn: equipment.create_equipment(
            conn,
            org_id=org_id,
            kind=kind,
            name=name,
            hostname=hostname,
            model=model,
            serial=serial,
            ip=ip,
            mac=mac,
            location=location,
            person_id=person_id,
            notes=notes,
            os=os,
            purchase_date=purchase_date,
            warranty_until=warranty_until,
        ),
        action="equipment.create",
        object_type="equipment",
        object_id=_same,
        detail=f"{name.strip()}; kind={kind}; org_id={org_id}",
    )


async def update_equipment(
    store: Store, actor: Actor, *, equipment_id: int, changes: Mapping[str, Any]
) -> None:
    """Change some of the equipment's fields (``equipment.EDITABLE``)."""
    changes = dict(changes)
    await audited_update(
        store,
        actor,
        Permission.MANAGE_CLIENTS,
        read=lambda conn: equipment.get_equipment(conn, equipment_id),
        change=lambda conn: equipment.update_equipment(conn, equipment_id, **changes),
        changed=changes,
        action="equipment.update",
        object_type="equipment",
        object_id=equipment_id,
    )


async def archive_equipment(
    store: Store, actor: Actor, *, equipment_id: int, active: bool = False
) -> None:
    await audited_write(
        store,
        actor,
        Permission.MANAGE_CLIENTS,
        lambda conn: equipment.archive_equipment(conn, equipment_id, active=active),
        action="equipment.restore" if active else "equipment.archive",
        object_type="equipment",
        object_id=equipment_id,
        detail="",
    )


async def delete_equipment(store: Store, actor: Actor, *, equipment_id: int) -> None:
    """Remove equipment entered by mistake (admins); refused once tickets name it."""

    def name(conn: apsw.Connection) -> str:
        found = equipment.get_equipment(conn, equipment_id)
        return found.name if found else ""

    await audited_delete(
        store,
        actor,
        name=name,
        delete=lambda conn: equipment.delete_equipment(conn, equipment_id),
        action="equipment.delete",
        object_type="equipment",
        object_id=equipment_id,
    )


async def get_equipment(store: Store, actor: Actor, *, equipment_id: int) -> Equipment | None:
    return await checked_read(
        store,
        actor,
        Permission.VIEW_CLIENTS,
        lambda conn: equipment.get_equipment(conn, equipment_id),
    )


async def list_equipment(
    store: Store,
    actor: Actor,
    *,
    org_id: int,
    include_archived: bool = False,
    kinds: tuple[str, ...] = (),
) -> list[Equipment]:
    return await checked_read(
        store,
        actor,
        Permission.VIEW_CLIENTS,
        lambda conn: equipment.list_equipment(
            conn, org_id=org_id, include_archived=include_archived, kinds=kinds
        ),
    )
