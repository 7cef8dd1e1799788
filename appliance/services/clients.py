"""Client organisations and what the help desk keeps about them: people (with their OS logins),
equipment, credentials and licenses. Writing needs ``MANAGE_CLIENTS`` (admins, technicians),
reading ``VIEW_CLIENTS``.

Every change writes one audit row in its transaction, naming the object and the fields changed
(``fields=...``): the values stay out, so a password or a license key never reaches the log.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import date
from typing import Any

from appliance.domain.permissions import Permission
from appliance.services.actor import Actor
from appliance.services.audited import audited_write, checked_read, fields
from appliance.services.types import Store
from appliance.store import credentials, equipment, licenses, organizations, persons
from appliance.store.credentials import Credential
from appliance.store.equipment import Equipment
from appliance.store.licenses import License
from appliance.store.organizations import Organization, OrganizationSummary
from appliance.store.persons import Person

__all__ = [
    "Credential",
    "Equipment",
    "License",
    "Organization",
    "OrganizationSummary",
    "Person",
]

_MANAGE = Permission.MANAGE_CLIENTS
_VIEW = Permission.VIEW_CLIENTS


def _same(value: int) -> int:
    return value


# -- organisations ------------------------------------------------------------------------------


async def create_organization(
    store: Store,
    actor: Actor,
    *,
    name: str,
    short_name: str = "",
    tax_id: str = "",
    address: str = "",
    phone: str = "",
    email: str = "",
    notes: str = "",
    sla_plan_id: int | None = None,
) -> int:
    return await audited_write(
        store,
        actor,
        _MANAGE,
        lambda conn: organizations.create_organization(
            conn,
            name=name,
            short_name=short_name,
            tax_id=tax_id,
            address=address,
            phone=phone,
            email=email,
            notes=notes,
            sla_plan_id=sla_plan_id,
        ),
        action="organization.create",
        object_type="organization",
        object_id=_same,
        detail=name.strip(),
    )


async def update_organization(
    store: Store, actor: Actor, *, org_id: int, changes: Mapping[str, Any]
) -> None:
    await audited_write(
        store,
        actor,
        _MANAGE,
        lambda conn: organizations.update_organization(conn, org_id, **changes),
        action="organization.update",
        object_type="organization",
        object_id=org_id,
        detail=fields(changes),
    )


async def archive_organization(
    store: Store, actor: Actor, *, org_id: int, active: bool = False
) -> None:
    """Archive the organisation (``active=True``: bring it back)."""
    await audited_write(
        store,
        actor,
        _MANAGE,
        lambda conn: organizations.archive_organization(conn, org_id, active=active),
        action="organization.restore" if active else "organization.archive",
        object_type="organization",
        object_id=org_id,
        detail="",
    )


async def get_organization(store: Store, actor: Actor, *, org_id: int) -> Organization | None:
    return await checked_read(
        store, actor, _VIEW, lambda conn: organizations.get_organization(conn, org_id)
    )


async def list_organizations(
    store: Store, actor: Actor, *, include_archived: bool = False
) -> list[Organization]:
    return await checked_read(
        store,
        actor,
        _VIEW,
        lambda conn: organizations.list_organizations(conn, include_archived=include_archived),
    )


async def organization_summaries(store: Store, actor: Actor) -> list[OrganizationSummary]:
    """The clients page: active organisations with counts of people, equipment, open tickets."""
    return await checked_read(store, actor, _VIEW, organizations.organization_summaries)


# -- people -------------------------------------------------------------------------------------


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
) -> int:
    return await audited_write(
        store,
        actor,
        _MANAGE,
        lambda conn: persons.create_person(
            conn,
            org_id=org_id,
            full_name=full_name,
            position=position,
            phone=phone,
            email=email,
            notes=notes,
            logins=logins,
        ),
        action="person.create",
        object_type="person",
        object_id=_same,
        detail=full_name.strip(),
    )


async def update_person(
    store: Store, actor: Actor, *, person_id: int, changes: Mapping[str, Any]
) -> None:
    """Change some of the person's fields; ``logins`` replaces their OS logins."""
    await audited_write(
        store,
        actor,
        _MANAGE,
        lambda conn: persons.update_person(conn, person_id, **changes),
        action="person.update",
        object_type="person",
        object_id=person_id,
        detail=fields(changes),
    )


async def archive_person(
    store: Store, actor: Actor, *, person_id: int, active: bool = False
) -> None:
    await audited_write(
        store,
        actor,
        _MANAGE,
        lambda conn: persons.archive_person(conn, person_id, active=active),
        action="person.restore" if active else "person.archive",
        object_type="person",
        object_id=person_id,
        detail="",
    )


async def list_persons(
    store: Store, actor: Actor, *, org_id: int, include_archived: bool = False
) -> list[Person]:
    return await checked_read(
        store,
        actor,
        _VIEW,
        lambda conn: persons.list_persons(conn, org_id=org_id, include_archived=include_archived),
    )


# -- equipment ----------------------------------------------------------------------------------


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
) -> int:
    return await audited_write(
        store,
        actor,
        _MANAGE,
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
        ),
        action="equipment.create",
        object_type="equipment",
        object_id=_same,
        detail=name.strip(),
    )


async def update_equipment(
    store: Store, actor: Actor, *, equipment_id: int, changes: Mapping[str, Any]
) -> None:
    await audited_write(
        store,
        actor,
        _MANAGE,
        lambda conn: equipment.update_equipment(conn, equipment_id, **changes),
        action="equipment.update",
        object_type="equipment",
        object_id=equipment_id,
        detail=fields(changes),
    )


async def list_equipment(store: Store, actor: Actor, *, org_id: int) -> list[Equipment]:
    return await checked_read(
        store, actor, _VIEW, lambda conn: equipment.list_equipment(conn, org_id=org_id)
    )


# -- credentials --------------------------------------------------------------------------------


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
        _MANAGE,
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
        detail=title.strip(),
    )


async def update_credential(
    store: Store, actor: Actor, *, credential_id: int, changes: Mapping[str, Any]
) -> None:
    """Change some of the credential's fields, its secret included (the log names the field,
    never the value)."""
    await audited_write(
        store,
        actor,
        _MANAGE,
        lambda conn: credentials.update_credential(conn, credential_id, **changes),
        action="credential.update",
        object_type="credential",
        object_id=credential_id,
        detail=fields(changes),
    )


async def delete_credential(store: Store, actor: Actor, *, credential_id: int) -> None:
    """Credentials have no archived state: one no longer valid is removed (and audited)."""
    await audited_write(
        store,
        actor,
        _MANAGE,
        lambda conn: credentials.delete_credential(conn, credential_id),
        action="credential.delete",
        object_type="credential",
        object_id=credential_id,
        detail="",
    )


async def list_credentials(store: Store, actor: Actor, *, org_id: int) -> list[Credential]:
    """The organisation's credentials, without their secrets (see ``services.secrets``)."""
    return await checked_read(
        store, actor, _VIEW, lambda conn: credentials.list_credentials(conn, org_id=org_id)
    )


# -- licenses -----------------------------------------------------------------------------------


async def create_license(
    store: Store,
    actor: Actor,
    *,
    org_id: int,
    product: str,
    license_key: str = "",
    seats: int = 1,
    valid_until: date | None = None,
    person_id: int | None = None,
    equipment_id: int | None = None,
    notes: str = "",
) -> int:
    return await audited_write(
        store,
        actor,
        _MANAGE,
        lambda conn: licenses.create_license(
            conn,
            org_id=org_id,
            product=product,
            license_key=license_key,
            seats=seats,
            valid_until=valid_until,
            person_id=person_id,
            equipment_id=equipment_id,
            notes=notes,
        ),
        action="license.create",
        object_type="license",
        object_id=_same,
        detail=product.strip(),
    )


async def update_license(
    store: Store, actor: Actor, *, license_id: int, changes: Mapping[str, Any]
) -> None:
    await audited_write(
        store,
        actor,
        _MANAGE,
        lambda conn: licenses.update_license(conn, license_id, **changes),
        action="license.update",
        object_type="license",
        object_id=license_id,
        detail=fields(changes),
    )


async def delete_license(store: Store, actor: Actor, *, license_id: int) -> None:
    await audited_write(
        store,
        actor,
        _MANAGE,
        lambda conn: licenses.delete_license(conn, license_id),
        action="license.delete",
        object_type="license",
        object_id=license_id,
        detail="",
    )


async def list_licenses(store: Store, actor: Actor, *, org_id: int) -> list[License]:
    """The organisation's licenses, without their keys (see ``services.secrets``)."""
    return await checked_read(
        store, actor, _VIEW, lambda conn: licenses.list_licenses(conn, org_id=org_id)
    )
