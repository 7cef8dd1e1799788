"""Enrolment codes and LiveViewer devices: Settings -> Enrolment, ``tiketnitsa enroll-code`` and
``tiketnitsa device``, and the client API's side of devices (enrolment, token, feed).

An admin's change reads the acting admin afresh and writes its audit row in the same transaction
(hardening issue, hole H1: a page opened before the admin was disabled cannot act). The API's
calls have no user: a device is known by its token, a new one by its enrolment code.

API writes go through the API's group commit (``appliance.api.groupcommit``), which has the
store's ``write``: those functions take any ``Writer``.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from typing import Protocol, TypeVar

import apsw

from appliance.domain.clock import utc_now
from appliance.domain.errors import InvalidInput, NotFound
from appliance.domain.permissions import Permission
from appliance.services.actor import CLI, Actor, acting_user
from appliance.store import Store, audit
from appliance.store import devices as device_store
from appliance.store import faq as faq_store
from appliance.store import feed as feed_store
from appliance.store.devices import (
    MAX_CODE_DAYS,
    MAX_CODE_USES,
    Device,
    DeviceAuth,
    EnrolledDevice,
    EnrollmentCode,
    EnrollmentRefused,
    Organisation,
)
from appliance.store.faq import Article
from appliance.store.feed import DeviceFeedEvent

__all__ = [
    "MAX_CODE_DAYS",
    "MAX_CODE_USES",
    "Article",
    "Device",
    "DeviceAuth",
    "DeviceFeed",
    "DeviceFeedEvent",
    "EnrolledDevice",
    "EnrollmentCode",
    "EnrollmentRefused",
    "NewCode",
    "Organisation",
]

T = TypeVar("T")


class Writer(Protocol):
    """The store, or the API's group commit: ``await writer.write(fn)``."""

    async def write(self, fn: Callable[[apsw.Connection], T]) -> T: ...


def _via(actor: Actor) -> str:
    # The audit detail has always said "ui" for the web window.
    return "cli" if actor.via == CLI else "ui"


# -- enrolment codes (admins) ------------------------------------------------------------------


@dataclass(frozen=True)
class NewCode:
    """A code just made: ``code`` is shown once and never stored."""

    id: int
    code: str
    org_id: int
    org_name: str
    expires_at: datetime
    max_uses: int


@dataclass(frozen=True)
class Enrolment:
    """What Settings -> Enrolment shows: the codes (newest first) and the devices."""

    codes: list[EnrollmentCode]
    devices: list[Device]


async def enrolment_overview(store: Store, actor: Actor) -> Enrolment:
    def read(conn: apsw.Connection) -> Enrolment:
        acting_user(conn, actor, Permission.MANAGE_SETTINGS)
        return Enrolment(device_store.list_codes(conn), device_store.list_devices(conn))

    return await store.read(read)


async def list_codes(store: Store, actor: Actor) -> list[EnrollmentCode]:
    """Newest first."""

    def read(conn: apsw.Connection) -> list[EnrollmentCode]:
        acting_user(conn, actor, Permission.MANAGE_SETTINGS)
        return device_store.list_codes(conn)

    return await store.read(read)


async def list_devices(store: Store, actor: Actor) -> list[Device]:
    """Active devices first, then by organisation and host name."""

    def read(conn: apsw.Connection) -> list[Device]:
        acting_user(conn, actor, Permission.MANAGE_SETTINGS)
        return device_store.list_devices(conn)

    return await store.read(read)


async def list_org_devices(store: Store, actor: Actor, *, org_id: int) -> list[Device]:
    """The devices of one organisation, for its client card (anyone who may see clients; only
    admins revoke them or make codes)."""

    def read(conn: apsw.Connection) -> list[Device]:
        acting_user(conn, actor, Permission.VIEW_CLIENTS)
        return device_store.list_org_devices(conn, org_id)

    return await store.read(read)


async def code_organisations(store: Store, actor: Actor) -> list[Organisation]:
    """The organisations a new code may be made for."""

    def read(conn: apsw.Connection) -> list[Organisation]:
        acting_user(conn, actor, Permission.MANAGE_SETTINGS)
        return device_store.active_organisations(conn)

    return await store.read(read)


def _organisation(
    conn: apsw.Connection, org_id: int | None, org_name: str | None
) -> device_store.Organisation:
    if org_name is not None:
        found_id = device_store.organisation_id(conn, org_name)
        if found_id is None:
            raise InvalidInput("cli_enroll.no_org", name=org_name)
        org_id = found_id
    found = device_store.organisation(conn, org_id) if org_id is not None else None
    if found is None:
        raise NotFound("enrollment.org_missing")
    return found


async def create_code(
    store: Store,
    actor: Actor,
    *,
    max_uses: int,
    days: int,
    org_id: int | None = None,
    org_name: str | None = None,
) -> NewCode:
    """A code for the organisation ``org_id``, or the one named ``org_name`` (its name or short
    name, any case: the command line's ``--org``)."""
    if not 1 <= max_uses <= MAX_CODE_USES:
        raise InvalidInput("enrollment.new.bad_uses", limit=MAX_CODE_USES)
    if not 1 <= days <= MAX_CODE_DAYS:
        raise InvalidInput("enrollment.new.bad_days", limit=MAX_CODE_DAYS)
    now = utc_now()

    def write(conn: apsw.Connection) -> NewCode:
        acting_user(conn, actor, Permission.MANAGE_SETTINGS)
        org = _organisation(conn, org_id, org_name)
        created = device_store.create_code(
            conn, org_id=org.id, max_uses=max_uses, days=days, now=now, created_by=actor.user_id
        )
        audit.record(
            conn,
            user_id=actor.user_id,
            action="enrollment_code.create",
            object_type="enrollment_code",
            object_id=created.id,
            detail=f"org_id={org.id}; uses={max_uses}; days={days}; via={_via(actor)}",
            remote_addr=actor.audit_addr,
        )
        return NewCode(
            created.id, created.code, org.id, org.name, created.expires_at, created.max_uses
        )

    return await store.write(write)


async def revoke_code(store: Store, actor: Actor, *, code_id: int) -> bool:
    """Revoke a code and audit it; False (nothing written) when it was revoked already."""
    now = utc_now()

    def write(conn: apsw.Connection) -> bool:
        acting_user(conn, actor, Permission.MANAGE_SETTINGS)
        if device_store.get_code(conn, code_id) is None:
            raise InvalidInput("cli_enroll.no_code", id=code_id)
        if not device_store.revoke_code(conn, code_id, now=now):
            return False
        audit.record(
            conn,
            user_id=actor.user_id,
            action="enrollment_code.revoke",
            object_type="enrollment_code",
            object_id=code_id,
            detail=f"via={_via(actor)}",
            remote_addr=actor.audit_addr,
        )
        return True

    return await store.write(write)


# -- devices (admins) --------------------------------------------------------------------------


async def revoke_device(store: Store, actor: Actor, *, device_id: int) -> bool:
    """Revoke a device (its token answers 401 from now on) and audit it; False when it was
    revoked already."""
    now = utc_now()

    def write(conn: apsw.Connection) -> bool:
        acting_user(conn, actor, Permission.MANAGE_SETTINGS)
        if device_store.get_device(conn, device_id) is None:
            raise InvalidInput("cli_device.no_device", id=device_id)
        if not device_store.revoke_device(conn, device_id, now=now):
            return False
        audit.record(
            conn,
            user_id=actor.user_id,
            action="device.revoke",
            object_type="device",
            object_id=device_id,
            detail=f"via={_via(actor)}",
            remote_addr=actor.audit_addr,
        )
        return True

    return await store.write(write)


# -- the client API ----------------------------------------------------------------------------


async def enroll_device(
    writer: Writer, *, code: str, hostname: str, os_user: str, remote_addr: str
) -> EnrolledDevice:
    """Spend one use of ``code`` on a new device and audit it. Raises ``EnrollmentRefused``
    (its ``reason``: invalid, expired, revoked, used_up); then nothing is written."""
    now = utc_now()

    def write(conn: apsw.Connection) -> EnrolledDevice:
        device = device_store.enroll(conn, code=code, hostname=hostname, os_user=os_user, now=now)
        audit.record(
            conn,
            user_id=None,
            action="device.enroll",
            object_type="device",
            object_id=device.device_id,
            detail=f"org={device.org_name}; host={hostname}; user={os_user}",
            remote_addr=remote_addr,
        )
        return device

    return await writer.write(write)


def device_for_token_sync(store: Store, token: str) -> DeviceAuth | None:
    """The device holding ``token`` (revoked or not); None for a token never issued.

    Synchronous on purpose: the API calls it on the event loop, where one lookup on a unique
    index costs less than a hop to a worker thread (``appliance.api.deps.current_device``).
    """
    return store.read_sync(lambda conn: device_store.token_owner(conn, token))


async def mark_device_seen(writer: Writer, device_id: int, *, now: datetime) -> None:
    await writer.write(lambda conn: device_store.mark_seen(conn, device_id, now=now))


@dataclass(frozen=True)
class DeviceFeed:
    events: list[DeviceFeedEvent]
    next: int  # the cursor to ask with next time
    more: bool  # another page is waiting now
    faq_version: str
    faq: list[Article] | None  # None when the device holds ``faq_version`` already


async def read_feed(
    store: Store, device_id: int, *, since: int, limit: int, faq_version_seen: str
) -> DeviceFeed:
    """This device's ticket events after ``since`` and, when it changed, the public FAQ: one
    snapshot, so the cursor and the FAQ version belong together."""

    def read(conn: apsw.Connection) -> DeviceFeed:
        page = feed_store.device_events(conn, device_id, since=since, limit=limit)
        version = faq_store.faq_version(conn)
        faq = faq_store.public_articles(conn) if version != faq_version_seen else None
        return DeviceFeed(page.events, page.next, page.more, version, faq)

    return await store.read(read)
