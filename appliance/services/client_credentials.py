"""Credentials of a client (client card, Credentials tab): create, edit, archive, delete
(admins), list. The secret is written here but never read: it leaves the store only through
``services.secrets.reveal_secret``, the audited path the ticket screen uses too. The audit text
of an edit says ``secret: (changed)``, never the value."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import apsw

from appliance.domain.permissions import Permission
from appliance.services.actor import Actor
from appliance.services.audited import audited_write, checked_read
from appliance.services.card_changes import audited_delete, audited_update
from appliance.services.types import Store
from appliance.store import credentials
from appliance.store.credentials import Credential

__all__ = ["Credential"]

_SECRETS = ("secret",)


def _same(value: int) -> int:
    return value


async def create_credential(
    store: Store,
    actor: Actor,
    *,
    org_id: int,
    title: str,
    equipment_id: int | None = None,
    url: str = "",
    login: str = "",
    secret: str = "",
    notes: str = "",
) -> int:
    return await audited_write(
        store,
        actor,
        Permission.MANAGE_CLIENTS,
        lambda conn: credentials.create_credential(
            conn,
            org_id=org_id,
            title=title,
            equipment_id=equipment_id,
            url=url,
            login=login,
            secret=secret,
            notes=notes,
        ),
        action="credential.create",
        object_type="credential",
        object_id=_same,
        detail=f"{title.strip()}; org_id={org_id}",
    )


async def update_credential(
    store: Store, actor: Actor, *, credential_id: int, changes: Mapping[str, Any]
) -> None:
    """Change some of the credential's fields, its secret included (the log names the field,
    never the value)."""
    changes = dict(changes)
    await audited_update(
        store,
        actor,
        Permission.MANAGE_CLIENTS,
        read=lambda conn: credentials.get_credential(conn, credential_id),
        change=lambda conn: credentials.update_credential(conn, credential_id, **changes),
        changed=changes,
        action="credential.update",
        object_type="credential",
        object_id=credential_id,
        secrets=_SECRETS,
    )


async def archive_credential(
    store: Store, actor: Actor, *, credential_id: int, active: bool = False
) -> None:
    await audited_write(
        store,
        actor,
        Permission.MANAGE_CLIENTS,
        lambda conn: credentials.archive_credential(conn, credential_id, active=active),
        action="credential.restore" if active else "credential.archive",
        object_type="credential",
        object_id=credential_id,
        detail="",
    )


async def delete_credential(store: Store, actor: Actor, *, credential_id: int) -> None:
    """Remove a credential for good (admins; technicians archive)."""

    def name(conn: apsw.Connection) -> str:
        found = credentials.get_credential(conn, credential_id)
        return found.title if found else ""

    await audited_delete(
        store,
        actor,
        name=name,
        delete=lambda conn: credentials.delete_credential(conn, credential_id),
        action="credential.delete",
        object_type="credential",
        object_id=credential_id,
    )


async def list_credentials(
    store: Store, actor: Actor, *, org_id: int, include_archived: bool = False
) -> list[Credential]:
    """The organisation's credentials, without their secrets (see ``services.secrets``)."""
    return await checked_read(
        store,
        actor,
        Permission.VIEW_CLIENTS,
        lambda conn: credentials.list_credentials(
            conn, org_id=org_id, include_archived=include_archived
        ),
    )
