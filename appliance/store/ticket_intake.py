"""Taking in a device's submission: match it to the person and workstation, then create the
ticket (``ticket_create``) or recognise a resend.

Runs inside one write transaction, so deciding "new, resend or conflict" and creating the ticket
cannot interleave with another request carrying the same uuid. The submission arrives as a plain
``Submission`` (``appliance.services.ingest`` converts the wire model): the store knows nothing
of the client protocol.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

import apsw

from appliance.domain.clock import from_db
from appliance.domain.errors import Conflict, InvalidInput
from appliance.store.blobs import missing_blobs
from appliance.store.rows import fetch_one
from appliance.store.ticket_create import create_ticket
from appliance.store.ticket_types import UnknownAttachment


class SubmissionConflict(Conflict):
    """The uuid is known with other content (or from another device): nothing was written."""

    def __init__(self, uuid: str) -> None:
        super().__init__("api.conflict", uuid=uuid)
        self.uuid = uuid


class MissingBlobs(InvalidInput):
    """The submission names blobs the appliance does not hold: nothing was written."""

    def __init__(self, hashes: list[str]) -> None:
        super().__init__("api.missing_blobs", hashes=", ".join(hashes))
        self.hashes = hashes


@dataclass(frozen=True)
class Submission:
    """What a device sent, as the store takes it."""

    uuid: str
    description: str
    submitted_at: datetime
    phone: str
    priority: str
    os_user: str
    hostname: str
    machine_facts: dict[str, Any] = field(default_factory=dict)
    attachments: Sequence[str] = ()


@dataclass(frozen=True)
class Ingested:
    created: bool  # False: a resend of a ticket already held
    number: int
    uuid: str
    status: str
    received_at: datetime


def match_person(conn: apsw.Connection, org_id: int, os_user: str) -> int | None:
    """The one active person of the organisation with this OS login; None if none or several."""
    login = os_user.strip()
    if not login:
        return None
    # A DOMAIN\\user login matches the person's 'user' too.
    candidates = {login, login.rsplit("\\", 1)[-1]}
    marks = ",".join("?" * len(candidates))
    rows = conn.execute(
        "SELECT DISTINCT p.id FROM person_logins AS l JOIN persons AS p ON p.id = l.person_id"
        f" WHERE p.org_id = ? AND p.active = 1 AND l.login IN ({marks}) LIMIT 2",
        (org_id, *sorted(candidates)),
    ).fetchall()
    return int(rows[0][0]) if len(rows) == 1 else None  # type: ignore[arg-type]


# MACs compare by their hex digits only, so a card typed "00-1A-2B-..." before migration 0009
# normalised them still matches a request's "00:1a:2b:...".
_MAC_DIGITS_SQL = "lower(replace(replace(replace(mac, ':', ''), '-', ''), '.', ''))"


def _mac_digits(mac: str) -> str:
    return "".join(ch for ch in mac.lower() if ch in "0123456789abcdef")


def reported_macs(machine_facts: dict[str, Any]) -> list[str]:
    """The MAC addresses a request reported, as hex digits; all-zero ones name no machine."""
    macs = machine_facts.get("macs") if isinstance(machine_facts, dict) else None
    if not isinstance(macs, list):
        return []
    found = [_mac_digits(m) for m in macs if isinstance(m, str)]
    return [m for m in dict.fromkeys(found) if len(m) == 12 and set(m) != {"0"}]


def match_equipment(
    conn: apsw.Connection, org_id: int, hostname: str, macs: Sequence[str] = ()
) -> int | None:
    """The one active piece of equipment of the organisation with this host name, else the one
    with one of these MAC addresses (hex digits); None when none or several match."""
    name = hostname.strip()
    if name:
        rows = conn.execute(
            "SELECT id FROM equipment WHERE org_id = ? AND hostname = ? AND active = 1 LIMIT 2",
            (org_id, name),
        ).fetchall()
        if len(rows) == 1:
            return int(rows[0][0])  # type: ignore[arg-type]
        if rows:
            return None
    if not macs:
        return None
    marks = ",".join("?" * len(macs))
    rows = conn.execute(
        f"SELECT DISTINCT id FROM equipment WHERE org_id = ? AND active = 1 AND mac <> ''"
        f" AND {_MAC_DIGITS_SQL} IN ({marks}) LIMIT 2",
        (org_id, *macs),
    ).fetchall()
    return int(rows[0][0]) if len(rows) == 1 else None  # type: ignore[arg-type]


def ingest_submission(
    conn: apsw.Connection,
    *,
    submission: Submission,
    content_hash: str,
    device_id: int,
    org_id: int,
    received_at: datetime,
) -> Ingested:
    """Create the ticket, or return the one this exact submission created before.

    Raises ``SubmissionConflict`` (same uuid, other content or device) or ``MissingBlobs``.
    """
    uuid = submission.uuid
    # Only blobs this organisation uploaded: a hash seen elsewhere is no key to a screenshot.
    missing = missing_blobs(conn, list(submission.attachments), org_id=org_id)
    if missing:
        raise MissingBlobs(missing)
    try:
        # create_ticket recognises a known uuid itself (created=False, nothing written), so the
        # common case, a new ticket, costs no extra lookups.
        created = create_ticket(
            conn,
            uuid=uuid,
            source="client",
            description=submission.description,
            submitted_at=submission.submitted_at,
            received_at=received_at,
            org_id=org_id,
            person_id=match_person(conn, org_id, submission.os_user),
            equipment_id=match_equipment(
                conn, org_id, submission.hostname, reported_macs(submission.machine_facts)
            ),
            device_id=device_id,
            contact_phone=submission.phone,
            priority=submission.priority,
            machine_facts=submission.machine_facts,
            content_hash=content_hash,
            attachments=submission.attachments,
        )
    except UnknownAttachment:
        missing = missing_blobs(conn, list(submission.attachments))
        if missing:
            raise MissingBlobs(missing) from None
        raise
    if created.created:
        return Ingested(True, created.number, created.uuid, "new", received_at)
    return _resent(conn, created.id, uuid, content_hash=content_hash, device_id=device_id)


@dataclass(frozen=True)
class _Held:
    number: int
    status: str
    content_hash: str
    device_id: int | None
    received_at: str


def _resent(
    conn: apsw.Connection, ticket_id: int, uuid: str, *, content_hash: str, device_id: int
) -> Ingested:
    """The ticket a known uuid names, if this is truly the same submission from the same
    device; else ``SubmissionConflict``."""
    held = fetch_one(
        conn,
        _Held,
        "SELECT number, status, content_hash, device_id, received_at FROM tickets WHERE id = ?",
        (ticket_id,),
    )
    assert held is not None  # create_ticket just found it in this transaction
    if held.content_hash != content_hash or held.device_id != device_id:
        raise SubmissionConflict(uuid)
    return Ingested(False, held.number, uuid, held.status, from_db(held.received_at))
