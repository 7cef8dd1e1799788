"""Licenses of a client (client card, Licenses tab): create, edit, archive, delete (admins),
list. The key is a secret like a credential's: written here, revealed only through
``services.secrets.reveal_secret``, named in the audit text as ``license_key: (changed)``."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import date
from typing import Any

import apsw

from appliance.domain.permissions import Permission
from appliance.services.actor import Actor
from appliance.services.audited import audited_write, checked_read
from appliance.services.card_changes import audited_delete, audited_update
from appliance.services.types import Store
from appliance.store import licenses
from appliance.store.licenses import License

__all__ = ["License"]

_SECRETS = ("license_key",)


def _same(value: int) -> int:
    return value


async def create_license(
    store: Store,
    actor: Actor,
    *,
    org_id: int,
    product: str,
    license_key: str = "",
    seats: int = 1,
    valid_until: date | str | None = None,
    notes: str = "",
    vendor: str = "",
    seats_used: int = 0,
    valid_from: date | str | None = None,
    person_ids: Iterable[int] = (),
    equipment_ids: Iterable[int] = (),
) -> int:
    people, machines = list(person_ids), list(equipment_ids)
    return await audited_write(
        store,
        actor,
        Permission.MANAGE_CLIENTS,
        lambda conn: licenses.create_license(
            conn,
            org_id=org_id,
            product=product,
            license_key=license_key,
            seats=seats,
            valid_until=valid_until,
            notes=notes,
            vendor=vendor,
            seats_used=seats_used,
            valid_from=valid_from,
            person_ids=people,
            equipment_ids=machines,
        ),
        action="license.create",
        object_type="license",
        object_id=_same,
        detail=f"{product.strip()}; org_id={org_id}",
    )


async def update_license(
    store: Store, actor: Actor, *, license_id: int, changes: Mapping[str, Any]
) -> None:
    """Change some of ``licenses.EDITABLE``; ``person_ids`` / ``equipment_ids`` replace the
    assignments."""
    changes = dict(changes)
    await audited_update(
        store,
        actor,
        Permission.MANAGE_CLIENTS,
        read=lambda conn: licenses.get_license(conn, license_id),
        change=lambda conn: licenses.update_license(conn, license_id, **dict(changes)),
        changed=changes,
        action="license.update",
        object_type="license",
        object_id=license_id,
        secrets=_SECRETS,
    )


async def archive_license(
    store: Store, actor: Actor, *, license_id: int, active: bool = False
) -> None:
    await audited_write(
        store,
        actor,
        Permission.MANAGE_CLIENTS,
        lambda conn: licenses.archive_license(conn, license_id, active=active),
        action="license.restore" if active else "license.archive",
        object_type="license",
        object_id=license_id,
        detail="",
    )


async def delete_license(store: Store, actor: Actor, *, license_id: int) -> None:
    """Remove a license for good (admins; technicians archive)."""

    def name(conn: apsw.Connection) -> str:
        found = licenses.get_license(conn, license_id)
        return found.product if found else ""

    await audited_delete(
        store,
        actor,
        name=name,
        delete=lambda conn: licenses.delete_license(conn, license_id),
        action="license.delete",
        object_type="license",
        object_id=license_id,
    )


async def list_licenses(
    store: Store, actor: Actor, *, org_id: int, include_archived: bool = False
) -> list[License]:
    """The organisation's licenses, without their keys (see ``services.secrets``)."""
    return await checked_read(
        store,
        actor,
        Permission.VIEW_CLIENTS,
        lambda conn: licenses.list_licenses(conn, org_id=org_id, include_archived=include_archived),
    )
