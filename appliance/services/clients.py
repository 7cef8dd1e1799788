"""Client organisations and what the help desk keeps about them (the client card). Writing needs
``MANAGE_CLIENTS`` (admins, technicians), reading ``VIEW_CLIENTS``, deleting ``DELETE_CLIENTS``
(admins).

Organisations and their network facts live here; people, equipment, credentials and licenses in
``services.client_<kind>``, re-exported here so callers have one module to import. Every change
writes one audit row in its transaction naming the object and the fields changed, plain fields
with ``old → new`` (``services.card_changes``); a password or a license key never reaches the
log.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime
from typing import Any

import apsw

from appliance.domain.errors import InvalidInput
from appliance.domain.permissions import Permission
from appliance.services.actor import Actor
from appliance.services.audited import audited_write, checked_read
from appliance.services.card_changes import audited_delete, audited_update
from appliance.services.client_credentials import (
    Credential,
    archive_credential,
    create_credential,
    delete_credential,
    list_credentials,
    update_credential,
)
from appliance.services.client_equipment import (
    COMPUTER_KINDS,
    KINDS,
    NETWORK_KINDS,
    Equipment,
    archive_equipment,
    create_equipment,
    delete_equipment,
    get_equipment,
    list_equipment,
    update_equipment,
)
from appliance.services.client_licenses import (
    License,
    archive_license,
    create_license,
    delete_license,
    list_licenses,
    update_license,
)
from appliance.services.client_people import (
    Person,
    archive_person,
    create_person,
    delete_person,
    get_person,
    list_persons,
    update_person,
)
from appliance.services.types import Store
from appliance.store import client_card, organizations, settings, sla
from appliance.store.client_card import MonthStats, TicketLine
from appliance.store.organizations import Organization, OrganizationSummary

__all__ = [
    "COMPUTER_KINDS",
    "KINDS",
    "NETWORK_KINDS",
    "Credential",
    "Equipment",
    "License",
    "MonthStats",
    "Organization",
    "OrganizationSummary",
    "Person",
    "TicketLine",
    "archive_credential",
    "archive_equipment",
    "archive_license",
    "archive_person",
    "create_credential",
    "create_equipment",
    "create_license",
    "create_person",
    "delete_credential",
    "delete_equipment",
    "delete_license",
    "delete_person",
    "get_equipment",
    "get_person",
    "list_credentials",
    "list_equipment",
    "list_licenses",
    "list_persons",
    "update_credential",
    "update_equipment",
    "update_license",
    "update_person",
]

NETWORK_FIELDS = ("subnets", "gateway", "dns_servers", "isp", "external_ip")
CREDENTIAL_AGE_KEY = "clients.credential_max_age_days"
DEFAULT_CREDENTIAL_AGE_DAYS = 180
MAX_CREDENTIAL_AGE_DAYS = 3650

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
    contact_name: str = "",
    contract: str = "",
    subnets: str = "",
    gateway: str = "",
    dns_servers: str = "",
    isp: str = "",
    external_ip: str = "",
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
            contact_name=contact_name,
            contract=contract,
            subnets=subnets,
            gateway=gateway,
            dns_servers=dns_servers,
            isp=isp,
            external_ip=external_ip,
        ),
        action="organization.create",
        object_type="organization",
        object_id=_same,
        detail=name.strip(),
    )


async def update_organization(
    store: Store, actor: Actor, *, org_id: int, changes: Mapping[str, Any]
) -> None:
    """Change some of ``organizations.EDITABLE`` (name, contacts, contract, SLA plan, notes,
    network facts)."""
    changes = dict(changes)
    await audited_update(
        store,
        actor,
        _MANAGE,
        read=lambda conn: organizations.get_organization(conn, org_id),
        change=lambda conn: organizations.update_organization(conn, org_id, **changes),
        changed=changes,
        action="organization.update",
        object_type="organization",
        object_id=org_id,
    )


async def update_network(
    store: Store,
    actor: Actor,
    *,
    org_id: int,
    subnets: str,
    gateway: str,
    dns_servers: str,
    isp: str,
    external_ip: str,
) -> None:
    """The Network tab's facts: subnets (CIDRs), gateway, DNS servers, ISP, external IP."""
    await update_organization(
        store,
        actor,
        org_id=org_id,
        changes={
            "subnets": subnets,
            "gateway": gateway,
            "dns_servers": dns_servers,
            "isp": isp,
            "external_ip": external_ip,
        },
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


async def delete_organization(store: Store, actor: Actor, *, org_id: int) -> None:
    """Remove an organisation created by mistake, with its card (admins); refused once it has
    tickets or enrolled devices (archive it then)."""

    def name(conn: apsw.Connection) -> str:
        found = organizations.get_organization(conn, org_id)
        return found.name if found else ""

    await audited_delete(
        store,
        actor,
        name=name,
        delete=lambda conn: organizations.delete_organization(conn, org_id),
        action="organization.delete",
        object_type="organization",
        object_id=org_id,
    )


async def organization_summaries(
    store: Store, actor: Actor, *, include_archived: bool = False, search: str = ""
) -> list[OrganizationSummary]:
    """The clients page: organisations with counts of people, equipment, open tickets and their
    SLA plan; archived ones too if asked; ``search`` narrows by name, short name or tax id."""
    return await checked_read(
        store,
        actor,
        _VIEW,
        lambda conn: organizations.organization_summaries(
            conn, include_archived=include_archived, search=search
        ),
    )


# -- the card's Overview and Tickets tabs ------------------------------------------------------


async def month_stats(
    store: Store, actor: Actor, *, org_id: int, month_start: datetime
) -> MonthStats:
    """Open tickets; tickets and minutes logged since ``month_start`` (the month's first moment
    in the installation's zone, as UTC)."""
    return await checked_read(
        store,
        actor,
        _VIEW,
        lambda conn: client_card.month_stats(conn, org_id, month_start=month_start),
    )


async def org_tickets(
    store: Store, actor: Actor, *, org_id: int, open_only: bool = False, limit: int = 50
) -> list[TicketLine]:
    return await checked_read(
        store,
        actor,
        Permission.VIEW_TICKETS,
        lambda conn: client_card.org_tickets(conn, org_id, open_only=open_only, limit=limit),
    )


async def plan_names(store: Store, actor: Actor) -> dict[int, str]:
    """The SLA plans by id (the card shows the organisation's; admins change it through
    ``services.sla.set_org_plan``, which moves its open tickets' due times)."""
    return await checked_read(
        store, actor, _VIEW, lambda conn: {p.id: p.name for p in sla.list_plans(conn)}
    )


# -- the credential age that gets flagged -------------------------------------------------------


def _age_days(text: str | None) -> int:
    try:
        days = int(text) if text is not None else DEFAULT_CREDENTIAL_AGE_DAYS
    except ValueError:
        return DEFAULT_CREDENTIAL_AGE_DAYS
    return days if 1 <= days <= MAX_CREDENTIAL_AGE_DAYS else DEFAULT_CREDENTIAL_AGE_DAYS


async def credential_max_age_days(store: Store, actor: Actor) -> int:
    """Secrets unchanged for longer than this many days are flagged on the card."""
    return await checked_read(
        store, actor, _VIEW, lambda conn: _age_days(settings.get_setting(conn, CREDENTIAL_AGE_KEY))
    )


async def set_credential_max_age_days(store: Store, actor: Actor, *, days: int) -> None:
    """Settings (admins): after how many days a credential's secret is flagged as old."""
    if not 1 <= days <= MAX_CREDENTIAL_AGE_DAYS:
        raise InvalidInput(
            "cards.invalid.age_days", field="days", value=str(days), limit=MAX_CREDENTIAL_AGE_DAYS
        )
    await audited_write(
        store,
        actor,
        Permission.MANAGE_SETTINGS,
        lambda conn: settings.set_setting(conn, CREDENTIAL_AGE_KEY, str(days)),
        action="settings.credential_age",
        object_type="settings",
        object_id=None,
        detail=f"days={days}",
    )
