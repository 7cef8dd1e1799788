"""What an enrolled device sends: a ticket submission and the screenshots it names.

The actor is the device whose bearer token came with the request (``DeviceAuth``, resolved by
the API's auth dependency); a revoked device is refused. The wire model (``sync.wire``) is
converted here into the store's plain ``Submission``: the store knows nothing of the protocol.

Writes take a ``Writer``: the store itself, or the API's group commit
(``appliance.services.group_commit``), which lets concurrent requests share one transaction and
one fsync (tests/bench/test_ingest_bench.py).
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime, timedelta
from typing import Protocol, TypeVar

import apsw

from appliance.domain.errors import Forbidden, InvalidInput
from appliance.services.types import Store
from appliance.store.blobs import BlobInfo, owned_blob_info, put_blob
from appliance.store.devices import DeviceAuth, is_active
from appliance.store.ticket_intake import (
    Ingested,
    MissingBlobs,
    Submission,
    SubmissionConflict,
    ingest_submission,
)
from appliance.store.tickets import TicketInputError
from sync.wire import TicketSubmission

__all__ = [
    "BlobInfo",
    "DeviceAuth",
    "Ingested",
    "MissingBlobs",
    "SubmissionConflict",
    "TicketInputError",
    "Writer",
    "held_blob_sync",
    "store_blob",
    "submit_ticket",
]

T = TypeVar("T")


class Writer(Protocol):
    """Runs ``fn`` in a write transaction and answers after its commit."""

    async def write(self, fn: Callable[[apsw.Connection], T]) -> T: ...


# How far a device's clock may be from the appliance's. Beyond this a time is not a slow or
# offline client but a broken one (or a hostile one: year 9999 broke the ticket screen); the
# skew within it is shown on the ticket screen.
MAX_CLOCK_SKEW = timedelta(days=366)


def _sane_time(submitted_at: datetime, received_at: datetime) -> None:
    if abs(submitted_at - received_at) > MAX_CLOCK_SKEW:
        raise InvalidInput("api.submitted_at_out_of_window", days=MAX_CLOCK_SKEW.days)


def _enrolled(device: DeviceAuth) -> None:
    if device.revoked:
        raise Forbidden("api.device_revoked")


def _still_enrolled(conn: apsw.Connection, device: DeviceAuth) -> None:
    # The token was checked when the request came in; a revocation committed since then must
    # still stop the write, so the device is read again inside the write's transaction.
    if not is_active(conn, device.device_id):
        raise Forbidden("api.device_revoked")


def _submission(wire: TicketSubmission) -> Submission:
    facts = wire.machine_facts
    return Submission(
        uuid=str(wire.uuid),
        description=wire.description,
        submitted_at=wire.submitted_at,
        phone=wire.phone,
        priority=wire.priority,
        os_user=facts.os_user,
        hostname=facts.hostname,
        machine_facts=facts.model_dump(mode="json"),
        attachments=tuple(wire.attachments),
    )


async def submit_ticket(
    writes: Writer,
    device: DeviceAuth,
    *,
    submission: TicketSubmission,
    content_hash: str,
    received_at: datetime,
) -> Ingested:
    """The ticket this submission creates, or the one it created before (a resend). Raises
    ``SubmissionConflict`` (same uuid, other content or device), ``MissingBlobs``, or a
    ``TicketInputError``. Answered only after the commit: the device may drop its copy then."""
    _enrolled(device)
    _sane_time(submission.submitted_at, received_at)
    plain = _submission(submission)

    def write(conn: apsw.Connection) -> Ingested:
        _still_enrolled(conn, device)
        return ingest_submission(
            conn,
            submission=plain,
            content_hash=content_hash,
            device_id=device.device_id,
            org_id=device.org_id,
            received_at=received_at,
        )

    return await writes.write(write)


def held_blob_sync(store: Store, device: DeviceAuth, *, sha256: str) -> BlobInfo | None:
    """The blob if this device's organisation uploaded it already (an upload then changes
    nothing). Held for another organisation only, the bytes must come again: the upload is
    verified like a new one and then counts for this organisation too."""
    _enrolled(device)
    return store.read_sync(lambda conn: owned_blob_info(conn, sha256, device.org_id))


async def store_blob(
    writes: Writer,
    device: DeviceAuth,
    *,
    sha256: str,
    data: bytes,
    media_type: str,
    width: int | None,
    height: int | None,
    now: datetime,
) -> bool:
    """Keep a verified image under its hash; True when it is new."""
    _enrolled(device)

    def write(conn: apsw.Connection) -> bool:
        _still_enrolled(conn, device)
        return put_blob(
            conn,
            sha256=sha256,
            data=data,
            media_type=media_type,
            width=width,
            height=height,
            now=now,
            org_id=device.org_id,
        )

    return await writes.write(write)
