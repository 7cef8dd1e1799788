"""Turning what the employee typed (and the screenshot) into a queued request.

Shared by the window and ``liveviewer submit``. The submission is validated with the wire model
before it is queued, so nothing the appliance would refuse as malformed ever enters the outbox;
its JSON is stored as the exact bytes every later try sends.
"""

from __future__ import annotations

import uuid as uuid_module
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from pydantic import ValidationError

from client.capture import Screenshot, machine_facts
from client.outbox import BlobInput, Outbox
from sync.wire import MAX_DESCRIPTION_CHARS, MAX_PHONE_CHARS, MachineFacts, TicketSubmission


class InvalidRequest(ValueError):
    """What the employee typed cannot be sent. ``key`` is the i18n key of the sentence."""

    def __init__(self, key: str, **values: object) -> None:
        super().__init__(key)
        self.key = key
        self.values = values


@dataclass(frozen=True)
class QueuedRequest:
    uuid: str
    seq: int
    screenshot_sha256: str | None


def check_input(description: str, phone: str) -> None:
    """Raise InvalidRequest for text the appliance would refuse; the window shows it inline."""
    if not description.strip():
        raise InvalidRequest("window.description_required")
    if len(description.strip()) > MAX_DESCRIPTION_CHARS:
        raise InvalidRequest("window.too_long", limit=MAX_DESCRIPTION_CHARS)
    if len(phone.strip()) > MAX_PHONE_CHARS:
        raise InvalidRequest("window.phone_too_long", limit=MAX_PHONE_CHARS)


def build_submission(
    *,
    description: str,
    phone: str = "",
    urgent: bool = False,
    facts: MachineFacts,
    attachments: list[str],
    request_uuid: str | None = None,
    submitted_at: datetime | None = None,
) -> TicketSubmission:
    check_input(description, phone)
    try:
        return TicketSubmission(
            uuid=request_uuid or str(uuid_module.uuid4()),  # type: ignore[arg-type]
            submitted_at=submitted_at or datetime.now(UTC),
            description=description,
            phone=phone,
            urgent=urgent,
            machine_facts=facts,
            attachments=attachments,
        )
    except ValidationError as exc:
        first = exc.errors()[0]
        raise InvalidRequest(
            "error.invalid_request", message=f"{'.'.join(map(str, first['loc']))}: {first['msg']}"
        ) from None


def queue_request(
    outbox: Outbox,
    *,
    description: str,
    phone: str = "",
    urgent: bool = False,
    screenshot: Screenshot | None = None,
    facts: MachineFacts | None = None,
    home: Path | None = None,
) -> QueuedRequest:
    """Validate and queue one request (with its screenshot) in one outbox transaction."""
    blobs = []
    if screenshot is not None:
        blobs.append(BlobInput(screenshot.sha256, screenshot.media_type, screenshot.data))
    submission = build_submission(
        description=description,
        phone=phone,
        urgent=urgent,
        facts=facts if facts is not None else machine_facts(home),
        attachments=[b.sha256 for b in blobs],
    )
    request_uuid = str(submission.uuid)
    seq = outbox.add(
        uuid=request_uuid,
        payload=submission.model_dump_json(),
        description=submission.description,
        submitted_at=submission.submitted_at.isoformat(),
        blobs=blobs,
    )
    return QueuedRequest(
        uuid=request_uuid, seq=seq, screenshot_sha256=blobs[0].sha256 if blobs else None
    )
