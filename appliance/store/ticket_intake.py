"""Taking in a LiveViewer submission: match it to the person and workstation, then create the
ticket (numbered by ``appliance.store.tickets``) or recognise a resend.

Runs inside one write transaction (``Store.write``), so deciding "new, resend or conflict" and
creating the ticket cannot interleave with another request carrying the same uuid.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

import apsw

from appliance.domain.clock import from_db
from appliance.store.blobs import missing_blobs
from appliance.store.tickets import TicketInputError, create_ticket
from sync.wire import TicketSubmission


class SubmissionConflict(Exception):
    """The uuid is known with other content (or from another device): nothing was written."""


class MissingBlobs(Exception):
    """The submission names blobs the appliance does not hold: nothing was written."""

    def __init__(self, hashes: list[str]) -> None:
        super().__init__(", ".join(hashes))
        self.hashes = hashes


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


def match_equipment(conn: apsw.Connection, org_id: int, hostname: str) -> int | None:
    """The one piece of equipment of the organisation with this host name; None otherwise."""
    name = hostname.strip()
    if not name:
        return None
    rows = conn.execute(
        "SELECT id FROM equipment WHERE org_id = ? AND hostname = ? LIMIT 2", (org_id, name)
    ).fetchall()
    return int(rows[0][0]) if len(rows) == 1 else None  # type: ignore[arg-type]


def ingest_submission(
    conn: apsw.Connection,
    *,
    submission: TicketSubmission,
    content_hash: str,
    device_id: int,
    org_id: int,
    received_at: datetime,
) -> Ingested:
    """Create the ticket, or return the one this exact submission created before.

    Raises ``SubmissionConflict`` (same uuid, other content or device) or ``MissingBlobs``.
    """
    uuid = str(submission.uuid)
    facts = submission.machine_facts
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
            person_id=match_person(conn, org_id, facts.os_user),
            equipment_id=match_equipment(conn, org_id, facts.hostname),
            device_id=device_id,
            contact_phone=submission.phone,
            priority=submission.priority,
            machine_facts=facts.model_dump(mode="json"),
            content_hash=content_hash,
            attachments=submission.attachments,
        )
    except TicketInputError as refused:
        missing = missing_blobs(conn, submission.attachments)
        if refused.key == "ticket_input.bad_attachment" and missing:
            raise MissingBlobs(missing) from None
        raise
    if created.created:
        return Ingested(True, created.number, created.uuid, "new", received_at)
    return _resent(conn, created.id, uuid, content_hash=content_hash, device_id=device_id)


def _resent(
    conn: apsw.Connection, ticket_id: int, uuid: str, *, content_hash: str, device_id: int
) -> Ingested:
    """The ticket a known uuid names, if this is truly the same submission from the same
    device; else ``SubmissionConflict``."""
    row = conn.execute(
        "SELECT number, status, content_hash, device_id, received_at FROM tickets WHERE id = ?",
        (ticket_id,),
    ).fetchone()
    assert row is not None  # create_ticket just found it in this transaction
    number, status, known_hash, owner, received = row
    if known_hash != content_hash or owner != device_id:
        raise SubmissionConflict(uuid)
    return Ingested(False, int(number), uuid, str(status), from_db(str(received)))
