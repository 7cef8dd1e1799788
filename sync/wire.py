"""Wire models of the client API (``/api/v1``), shared by the appliance and LiveViewer.

Version: ``WIRE_VERSION``. Within one version changes are additive only.

Strictness, on purpose asymmetric:
- requests (``*Request``, ``TicketSubmission``, ``MachineFacts``, ``Screen``) forbid unknown
  fields, so a typo or a field from a newer client is a 422 naming it, never silently dropped;
- responses (``*Response``, ``FeedPage``, ``ErrorBody`` ...) ignore unknown fields, so an older
  client keeps working when a newer appliance adds a field.

Endpoints (all JSON except the blob body; errors are always ``ErrorBody``):

    POST /api/v1/enroll          EnrollRequest      -> 201 EnrollResponse
    PUT  /api/v1/blobs/{sha256}  raw image bytes    -> 201 new / 200 already held, BlobStored
    POST /api/v1/tickets         TicketSubmission   -> 201 new / 200 same again, TicketAccepted
    GET  /api/v1/feed?since=N[&faq_version=V]       -> 200 FeedPage
    POST /api/v1/faq/solved      FaqSolved          -> 201 counted / 200 counted before

Everything but enrol needs ``Authorization: Bearer <token>``.
"""

from __future__ import annotations

from datetime import UTC, datetime
from enum import StrEnum
from typing import Annotated, Literal

from pydantic import (
    UUID4,
    AwareDatetime,
    BaseModel,
    ConfigDict,
    Field,
    StrictBool,
    StrictInt,
    StringConstraints,
    WithJsonSchema,
    field_validator,
)

WIRE_VERSION = 1

API_PREFIX = "/api/v1"
ENROLL_PATH = f"{API_PREFIX}/enroll"
TICKETS_PATH = f"{API_PREFIX}/tickets"
FEED_PATH = f"{API_PREFIX}/feed"
HEALTH_PATH = f"{API_PREFIX}/health"
FAQ_SOLVED_PATH = f"{API_PREFIX}/faq/solved"


def blob_path(sha256: str) -> str:
    return f"{API_PREFIX}/blobs/{sha256}"


# Limits both sides know. The blob size limit is the appliance's setting (max_blob_bytes);
# this is its default.
MAX_DESCRIPTION_CHARS = 5000
MAX_PHONE_CHARS = 40
MAX_ATTACHMENTS = 5
DEFAULT_MAX_BLOB_BYTES = 20 * 1024 * 1024
BLOB_MEDIA_TYPES = ("image/png", "image/webp", "image/jpeg")
FEED_PAGE_SIZE = 500

# Every integer a client sends has an upper bound: SQLite stores 64-bit integers, and an
# unbounded one (GET /feed?since=10**30) overflowed into a 500.
MAX_INT64 = 2**63 - 1

Sha256Hex = Annotated[str, StringConstraints(pattern=r"^[0-9a-f]{64}$")]
# A version-4 UUID, described with the standard OpenAPI format "uuid" (pydantic says "uuid4",
# which no OpenAPI tool knows).
Uuid4 = Annotated[UUID4, WithJsonSchema({"type": "string", "format": "uuid"})]
ShortText = Annotated[str, StringConstraints(max_length=255)]


class _Request(BaseModel):
    # Numbers and booleans are strict ("1" is not 1, "yes" is not True): bad types are a 422.
    model_config = ConfigDict(extra="forbid", frozen=True)


class _Response(BaseModel):
    model_config = ConfigDict(extra="ignore", frozen=True)


# -- enrolment --------------------------------------------------------------------------------


class EnrollRequest(_Request):
    """A machine asks to join with the code an admin gave its user."""

    code: Annotated[str, StringConstraints(min_length=1, max_length=64)]
    hostname: ShortText = ""
    os_user: ShortText = ""
    client_version: Annotated[str, StringConstraints(max_length=64)] = ""


class EnrollResponse(_Response):
    """The device's identity. ``token`` is shown only here; the appliance keeps its hash.

    ``server_fingerprint`` is the SHA-256 (lowercase hex) of the appliance certificate's DER
    bytes: the client pins it for every later HTTPS connection.
    """

    device_id: int
    token: str
    org_name: str
    server_fingerprint: str
    wire_version: int


# -- blobs ------------------------------------------------------------------------------------


class BlobStored(_Response):
    """A blob the appliance now holds (``created`` is False when it held it already)."""

    sha256: str
    size: int
    media_type: str
    width: int
    height: int
    created: bool


# -- tickets ----------------------------------------------------------------------------------


class Screen(_Request):
    """One monitor, in virtual-screen pixels."""

    x: StrictInt = Field(ge=-1_000_000, le=1_000_000)
    y: StrictInt = Field(ge=-1_000_000, le=1_000_000)
    width: StrictInt = Field(ge=1, le=100_000)
    height: StrictInt = Field(ge=1, le=100_000)


class MachineFacts(_Request):
    """What the client knows about the machine it runs on. All optional, all bounded."""

    hostname: ShortText = ""
    os: ShortText = ""
    os_user: ShortText = ""
    ips: list[Annotated[str, StringConstraints(max_length=64)]] = Field(
        default_factory=list, max_length=32
    )
    macs: list[Annotated[str, StringConstraints(max_length=64)]] = Field(
        default_factory=list, max_length=32
    )
    uptime_seconds: StrictInt | None = Field(default=None, ge=0, le=MAX_INT64)
    free_disk_bytes: StrictInt | None = Field(default=None, ge=0, le=MAX_INT64)
    screens: list[Screen] = Field(default_factory=list, max_length=16)


class TicketSubmission(_Request):
    """One request from an employee.

    ``uuid`` (version 4, made by the client when the employee presses Send) is the idempotency
    key: sending the same submission again yields the same ticket and number; the same uuid with
    other content is refused (409). Which fields count is defined by ``sync.hashing``.

    ``urgent`` maps to the ticket's priority: False -> 'normal', the priority every other new
    request gets; True -> 'urgent', the employee's own "this stops my work" (the help desk's
    triage may still change it).
    ``description`` is stripped of surrounding whitespace and must not be empty.
    ``attachments`` are SHA-256 names of blobs uploaded before (PUT /api/v1/blobs/{sha256});
    order is kept, the first is shown first.
    """

    uuid: Uuid4
    submitted_at: AwareDatetime
    description: Annotated[
        str,
        StringConstraints(strip_whitespace=True, min_length=1, max_length=MAX_DESCRIPTION_CHARS),
    ]
    phone: Annotated[str, StringConstraints(strip_whitespace=True, max_length=MAX_PHONE_CHARS)] = ""
    urgent: StrictBool = False
    machine_facts: MachineFacts = Field(default_factory=MachineFacts)
    attachments: list[Sha256Hex] = Field(default_factory=list, max_length=MAX_ATTACHMENTS)

    @field_validator("submitted_at")
    @classmethod
    def _representable_in_utc(cls, value: datetime) -> datetime:
        # "0001-01-01T00:00:00+01:00" is a valid ISO time that no UTC datetime can hold; refuse
        # it here so hashing and storing never overflow. How far from now a time may be is the
        # appliance's decision (services.ingest), not the protocol's.
        try:
            value.astimezone(UTC)
        except OverflowError:
            raise ValueError("submitted_at is out of range") from None
        return value

    @field_validator("attachments")
    @classmethod
    def _no_repeats(cls, value: list[str]) -> list[str]:
        if len(set(value)) != len(value):
            raise ValueError("attachments must not repeat a hash")
        return value

    @property
    def priority(self) -> Literal["urgent", "normal"]:
        return "urgent" if self.urgent else "normal"


class TicketAccepted(_Response):
    """The ticket as the appliance holds it: its incoming number is final."""

    uuid: str
    number: int
    status: str
    received_at: datetime


# -- feed -------------------------------------------------------------------------------------


class FeedEventKind(StrEnum):
    NUMBER = "number"  # the ticket was received and given its number
    STATUS = "status"  # its status changed
    REPLY = "reply"  # a technician wrote something meant for the employee


class FeedEvent(_Response):
    """One change of one of this device's tickets. ``seq`` is the cursor; it only grows.

    ``kind`` is one of ``FeedEventKind`` (kept a plain string so an older client skips kinds a
    newer appliance adds). ``status`` is set for kinds number and status; ``text`` and
    ``action_id`` for replies.
    """

    seq: int
    kind: str
    at: datetime
    ticket_uuid: str
    ticket_number: int
    status: str | None = None
    text: str | None = None
    action_id: int | None = None


class FaqArticle(_Response):
    """A public FAQ article (faq_articles.public = 1)."""

    id: int
    title: str
    body: str
    updated_at: datetime
    tags: list[str] = []  # added in wire 1 (additive): matched like the title


class FaqSolved(_Request):
    """An employee read a cached public article and did not send the request: "this solved
    it". ``uuid`` is chosen by the PC once, so a resend after a lost answer counts once."""

    uuid: Uuid4
    article_id: StrictInt = Field(ge=1, le=MAX_INT64)


class FaqSolvedAccepted(_Response):
    counted: bool  # False: this uuid was counted before (or the article is gone)


class FeedPage(_Response):
    """Events after ``since``, oldest first, at most ``FEED_PAGE_SIZE``.

    Ask again with ``since=next``; ``more`` says another page is waiting now.
    ``faq_version`` names the current set of public FAQ articles; ``faq`` is the whole set, sent
    only when the request's ``faq_version`` differs (so a client that has it gets ``None``). An
    empty list means there are no public articles.
    """

    events: list[FeedEvent]
    next: int
    more: bool
    faq_version: str
    faq: list[FaqArticle] | None = None


# -- errors -----------------------------------------------------------------------------------


class ErrorCode(StrEnum):
    """Machine-readable error kinds; ``ErrorBody.message`` is the sentence for people.

    How a client should act: ``unauthorized`` -> enrol again; ``rate_limited`` and 5xx -> retry
    after ``retry_after`` / backoff; ``missing_blobs`` -> upload the named blobs, then retry;
    ``conflict`` and the other 4xx -> the request will never succeed as it is.
    """

    INVALID_REQUEST = "invalid_request"
    UNAUTHORIZED = "unauthorized"
    CODE_INVALID = "code_invalid"
    CODE_EXPIRED = "code_expired"
    CODE_REVOKED = "code_revoked"
    CODE_USED_UP = "code_used_up"
    FORBIDDEN = "forbidden"
    NOT_FOUND = "not_found"
    METHOD_NOT_ALLOWED = "method_not_allowed"
    CONFLICT = "conflict"
    MISSING_BLOBS = "missing_blobs"
    HASH_MISMATCH = "hash_mismatch"
    NOT_AN_IMAGE = "not_an_image"
    IMAGE_TOO_LARGE = "image_too_large"
    PAYLOAD_TOO_LARGE = "payload_too_large"
    RATE_LIMITED = "rate_limited"
    UNAVAILABLE = "unavailable"
    DISK_FULL = "disk_full"  # 507: the appliance's disk is full; retry later
    INTERNAL = "internal"


class ErrorBody(_Response):
    """Every error answer. ``field`` names the offending field of a 422 (dotted path);
    ``missing`` lists blob hashes a submission refers to but the appliance does not hold;
    ``retry_after`` (seconds) accompanies 429."""

    error: str
    message: str
    field: str | None = None
    missing: list[str] = Field(default_factory=list)
    retry_after: int | None = None
