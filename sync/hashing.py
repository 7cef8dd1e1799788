"""Content addressing and the idempotency check.

- A blob is named by ``sha256_hex`` of its bytes (lowercase hex).
- A submission's ``content_hash`` decides what "the same request again" means: the same uuid
  with the same content hash is a retry (answered 200 with the original number); the same uuid
  with another content hash is a conflict (409).

Every field of ``TicketSubmission`` counts, after validation has normalised it: the uuid in
lowercase, ``submitted_at`` converted to UTC, ``description`` and ``phone`` stripped, the
attachments in their order, the machine facts whole. A client retrying from its outbox resends
the very same submission, so nothing legitimate differs; anything that does differ is another
request wearing a used uuid.
"""

from __future__ import annotations

import hashlib
import json
from datetime import UTC

from sync.wire import TicketSubmission

CONTENT_HASH_SCHEME = "v1"


def sha256_hex(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def canonical_submission(submission: TicketSubmission) -> bytes:
    """The bytes ``content_hash`` hashes: sorted-key compact JSON of the normalised fields."""
    doc = submission.model_dump(mode="json")
    doc["uuid"] = str(submission.uuid).lower()
    # Same instant, different offset is the same submission.
    doc["submitted_at"] = submission.submitted_at.astimezone(UTC).isoformat()
    return json.dumps(doc, sort_keys=True, separators=(",", ":"), ensure_ascii=False).encode()


def content_hash(submission: TicketSubmission) -> str:
    """``v1:<sha256 hex>`` of ``canonical_submission``; the prefix names the scheme."""
    return f"{CONTENT_HASH_SCHEME}:{sha256_hex(canonical_submission(submission))}"
