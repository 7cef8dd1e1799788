"""What the appliance and the LiveViewer client share, and nothing else.

- ``sync.wire``: versioned request/response models of ``/api/v1`` (pydantic v2), the paths, the
  limits both sides know, the error codes. Requests forbid unknown fields; responses ignore them.
- ``sync.hashing``: SHA-256 naming of blobs and the content hash that makes a ticket's
  client-made uuid an idempotency key (same uuid + same content -> same ticket; else conflict).
- ``sync.backoff``: exponential backoff with full jitter, capped at 5 minutes, reset on success.

No web framework, UI or appliance imports here (pydantic only): the client ships this package.
"""

from sync.backoff import Backoff
from sync.hashing import content_hash, sha256_hex
from sync.wire import (
    WIRE_VERSION,
    BlobStored,
    EnrollRequest,
    EnrollResponse,
    ErrorBody,
    ErrorCode,
    FaqArticle,
    FaqSolved,
    FaqSolvedAccepted,
    FeedEvent,
    FeedEventKind,
    FeedPage,
    MachineFacts,
    Screen,
    TicketAccepted,
    TicketSubmission,
)

__all__ = [
    "WIRE_VERSION",
    "Backoff",
    "BlobStored",
    "EnrollRequest",
    "EnrollResponse",
    "ErrorBody",
    "ErrorCode",
    "FaqArticle",
    "FaqSolved",
    "FaqSolvedAccepted",
    "FeedEvent",
    "FeedEventKind",
    "FeedPage",
    "MachineFacts",
    "Screen",
    "TicketAccepted",
    "TicketSubmission",
    "content_hash",
    "sha256_hex",
]
