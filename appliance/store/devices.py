"""Enrolment codes and enrolled devices (LiveViewer machines).

An admin makes an enrolment code for an organisation; an employee types it into LiveViewer
once; the appliance answers with a device token. Both secrets are shown exactly once and kept
only as SHA-256 hashes: both are random (60 and 256 bits), so a fast hash is enough — there is
no low-entropy password to stretch. Looking a secret up by its hash also means no comparison
of secrets in Python, hence no timing side channel.
"""

from __future__ import annotations

import hashlib
import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

import apsw

from appliance.domain.clock import from_db, to_db
from appliance.domain.errors import Forbidden
from appliance.store.rows import fetch_all, fetch_one

# Crockford's base32: no I, L, O, U, so a code read aloud or retyped is hard to get wrong.
CODE_ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"
CODE_LENGTH = 12  # 60 bits
CODE_GROUP = 4
CODE_PREFIX_LENGTH = 4
TOKEN_BYTES = 32
MAX_CODE_USES = 1000
MAX_CODE_DAYS = 365
_CONFUSABLE = str.maketrans({"O": "0", "I": "1", "L": "1"})


class EnrollmentRefused(Forbidden):
    """The code cannot enrol a device. ``reason``: invalid, expired, revoked or used_up."""

    def __init__(self, reason: str) -> None:
        super().__init__(f"api.code_{reason}")
        self.reason = reason


def new_code() -> str:
    raw = "".join(secrets.choice(CODE_ALPHABET) for _ in range(CODE_LENGTH))
    return "-".join(raw[i : i + CODE_GROUP] for i in range(0, CODE_LENGTH, CODE_GROUP))


def normalise_code(code: str) -> str:
    """What a person typed -> the canonical code: case, spaces, dashes and look-alikes forgiven."""
    cleaned = "".join(ch for ch in code.upper() if ch.isalnum())
    return cleaned.translate(_CONFUSABLE)


def secret_hash(secret: str) -> str:
    return hashlib.sha256(secret.encode("utf-8")).hexdigest()


def code_hash(code: str) -> str:
    return secret_hash(normalise_code(code))


# -- enrolment codes --------------------------------------------------------------------------


@dataclass(frozen=True)
class CreatedCode:
    id: int
    code: str  # shown once, never stored
    org_id: int
    expires_at: datetime
    max_uses: int


@dataclass(frozen=True)
class EnrollmentCode:
    id: int
    org_id: int
    org_name: str
    prefix: str
    created_at: datetime
    expires_at: datetime
    max_uses: int
    uses: int
    revoked_at: datetime | None

    def state(self, now: datetime) -> str:
        """'active', 'revoked', 'used_up' or 'expired' (in the order enrolment checks them)."""
        if self.revoked_at is not None:
            return "revoked"
        if self.uses >= self.max_uses:
            return "used_up"
        if self.expires_at <= now:
            return "expired"
        return "active"

    @classmethod
    def from_row(
        cls, *, created_at: str, expires_at: str, revoked_at: str | None, **fields: Any
    ) -> EnrollmentCode:
        return cls(
            created_at=from_db(created_at),
            expires_at=from_db(expires_at),
            revoked_at=from_db(revoked_at) if revoked_at else None,
            **fields,
        )


def create_code(
    conn: apsw.Connection,
    *,
    org_id: int,
    max_uses: int,
    days: int,
    now: datetime,
    created_by: int | None = None,
) -> CreatedCode:
    if not 1 <= max_uses <= MAX_CODE_USES:
        raise ValueError(f"uses must be between 1 and {MAX_CODE_USES}")
    if not 1 <= days <= MAX_CODE_DAYS:
        raise ValueError(f"days must be between 1 and {MAX_CODE_DAYS}")
    code = new_code()
    expires_at = now + timedelta(days=days)
    conn.execute(
        "INSERT INTO enrollment_codes(org_id, code_hash, code_prefix, created_by, created_at,"
        " expires_at, max_uses) VALUES (?, ?, ?, ?, ?, ?, ?)",
        (
            org_id,
            code_hash(code),
            normalise_code(code)[:CODE_PREFIX_LENGTH],
            created_by,
            to_db(now),
            to_db(expires_at),
            max_uses,
        ),
    )
    return CreatedCode(conn.last_insert_rowid(), code, org_id, expires_at, max_uses)


_CODE = (
    "SELECT c.id AS id, c.org_id AS org_id, o.name AS org_name, c.code_prefix AS prefix,"
    " c.created_at AS created_at, c.expires_at AS expires_at, c.max_uses AS max_uses,"
    " c.uses AS uses, c.revoked_at AS revoked_at"
    " FROM enrollment_codes AS c JOIN organizations AS o ON o.id = c.org_id"
)


def list_codes(conn: apsw.Connection, *, limit: int = 200) -> list[EnrollmentCode]:
    """Newest first."""
    return fetch_all(conn, EnrollmentCode.from_row, f"{_CODE} ORDER BY c.id DESC LIMIT ?", (limit,))


def get_code(conn: apsw.Connection, code_id: int) -> EnrollmentCode | None:
    return fetch_one(conn, EnrollmentCode.from_row, f"{_CODE} WHERE c.id = ?", (code_id,))


def revoke_code(conn: apsw.Connection, code_id: int, *, now: datetime) -> bool:
    """True when the code was active and is revoked now."""
    conn.execute(
        "UPDATE enrollment_codes SET revoked_at = ? WHERE id = ? AND revoked_at IS NULL",
        (to_db(now), code_id),
    )
    return conn.changes() > 0


# -- devices ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class EnrolledDevice:
    device_id: int
    token: str  # shown once, never stored
    org_id: int
    org_name: str


def enroll(
    conn: apsw.Connection, *, code: str, hostname: str, os_user: str, now: datetime
) -> EnrolledDevice:
    """Consume one use of ``code`` and create a device, in the caller's transaction.

    Raises ``EnrollmentRefused``; then nothing is written.
    """
    found = fetch_one(
        conn, EnrollmentCode.from_row, f"{_CODE} WHERE c.code_hash = ?", (code_hash(code),)
    )
    if found is None:
        raise EnrollmentRefused("invalid")
    state = found.state(now)
    if state != "active":
        raise EnrollmentRefused(state)
    conn.execute("UPDATE enrollment_codes SET uses = uses + 1 WHERE id = ?", (found.id,))
    token = secrets.token_urlsafe(TOKEN_BYTES)
    conn.execute(
        "INSERT INTO devices(org_id, enrollment_code_id, token_hash, hostname, os_user,"
        " enrolled_at) VALUES (?, ?, ?, ?, ?, ?)",
        (found.org_id, found.id, secret_hash(token), hostname, os_user, to_db(now)),
    )
    return EnrolledDevice(conn.last_insert_rowid(), token, found.org_id, found.org_name)


@dataclass(frozen=True, slots=True)
class DeviceAuth:
    """Who a token belongs to. A revoked device's token is known but refused."""

    device_id: int
    org_id: int
    revoked: bool


def add_enrolled_device(
    conn: apsw.Connection,
    *,
    org_id: int | None,
    token_hash: str,
    hostname: str,
    os_user: str,
    enrolled_at: datetime,
    last_seen_at: datetime | None = None,
) -> int:
    """A device enrolled without a code of this store (the demo's PCs); its token is known only
    by ``token_hash``."""
    conn.execute(
        "INSERT INTO devices(org_id, token_hash, hostname, os_user, enrolled_at, last_seen_at)"
        " VALUES (?, ?, ?, ?, ?, ?)",
        (
            org_id,
            token_hash,
            hostname,
            os_user,
            to_db(enrolled_at),
            to_db(last_seen_at) if last_seen_at else None,
        ),
    )
    return conn.last_insert_rowid()


def token_owner(conn: apsw.Connection, token: str) -> DeviceAuth | None:
    """The device holding ``token`` (revoked or not); None for a token never issued."""
    # The hottest query of the API (every request): one row of a unique index, mapped by hand
    # in column order rather than through ``rows.fetch_one`` (tests/bench/test_ingest_bench.py).
    row = conn.execute(
        "SELECT id, org_id, revoked_at IS NOT NULL FROM devices WHERE token_hash = ?",
        (secret_hash(token),),
    ).fetchone()
    if row is None:
        return None
    device_id, org_id, revoked = row
    return DeviceAuth(int(device_id), int(org_id), bool(revoked))


def is_active(conn: apsw.Connection, device_id: int) -> bool:
    """Whether the device exists and is not revoked, read now (a primary-key lookup)."""
    row = conn.execute("SELECT revoked_at IS NULL FROM devices WHERE id = ?", (device_id,))
    found = row.fetchone()
    return bool(found and found[0])


def mark_seen(conn: apsw.Connection, device_id: int, *, now: datetime) -> None:
    conn.execute("UPDATE devices SET last_seen_at = ? WHERE id = ?", (to_db(now), device_id))


@dataclass(frozen=True)
class Device:
    id: int
    org_id: int
    org_name: str
    hostname: str
    os_user: str
    enrolled_at: datetime
    last_seen_at: datetime | None
    revoked_at: datetime | None

    @classmethod
    def from_row(
        cls,
        *,
        enrolled_at: str,
        last_seen_at: str | None,
        revoked_at: str | None,
        **fields: Any,
    ) -> Device:
        return cls(
            enrolled_at=from_db(enrolled_at),
            last_seen_at=from_db(last_seen_at) if last_seen_at else None,
            revoked_at=from_db(revoked_at) if revoked_at else None,
            **fields,
        )


_DEVICE = (
    "SELECT d.id AS id, d.org_id AS org_id, o.name AS org_name, d.hostname AS hostname,"
    " d.os_user AS os_user, d.enrolled_at AS enrolled_at, d.last_seen_at AS last_seen_at,"
    " d.revoked_at AS revoked_at FROM devices AS d JOIN organizations AS o ON o.id = d.org_id"
)


def list_devices(conn: apsw.Connection, *, limit: int = 500) -> list[Device]:
    """Active devices first, then by organisation and host name."""
    return fetch_all(
        conn,
        Device.from_row,
        f"{_DEVICE} ORDER BY d.revoked_at IS NOT NULL, o.name, d.hostname, d.id LIMIT ?",
        (limit,),
    )


def list_org_devices(conn: apsw.Connection, org_id: int) -> list[Device]:
    """One organisation's devices (its client card's Devices tab): active first, by host name."""
    return fetch_all(
        conn,
        Device.from_row,
        f"{_DEVICE} WHERE d.org_id = ? ORDER BY d.revoked_at IS NOT NULL, d.hostname, d.id",
        (org_id,),
    )


def get_device(conn: apsw.Connection, device_id: int) -> Device | None:
    return fetch_one(conn, Device.from_row, f"{_DEVICE} WHERE d.id = ?", (device_id,))


def revoke_device(conn: apsw.Connection, device_id: int, *, now: datetime) -> bool:
    """True when the device was active and is revoked now; its token stops working at once."""
    conn.execute(
        "UPDATE devices SET revoked_at = ? WHERE id = ? AND revoked_at IS NULL",
        (to_db(now), device_id),
    )
    return conn.changes() > 0


def organisation_id(conn: apsw.Connection, name: str) -> int | None:
    """An organisation by its name or short name, case-insensitively."""
    row = conn.execute(
        "SELECT id FROM organizations WHERE name = ?1 COLLATE NOCASE"
        " OR (short_name <> '' AND short_name = ?1 COLLATE NOCASE) ORDER BY name = ?1 DESC",
        (name,),
    ).fetchone()
    return int(row[0]) if row else None


@dataclass(frozen=True)
class Organisation:
    """An organisation a code can be made for."""

    id: int
    name: str


def organisation(conn: apsw.Connection, org_id: int) -> Organisation | None:
    return fetch_one(
        conn, Organisation, "SELECT id, name FROM organizations WHERE id = ?", (org_id,)
    )


def active_organisations(conn: apsw.Connection) -> list[Organisation]:
    """Organisations a new code may be made for, by name."""
    return fetch_all(
        conn,
        Organisation,
        "SELECT id, name FROM organizations WHERE active = 1 ORDER BY name COLLATE NOCASE",
    )
