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
from appliance.store import audit

# Crockford's base32: no I, L, O, U, so a code read aloud or retyped is hard to get wrong.
CODE_ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"
CODE_LENGTH = 12  # 60 bits
CODE_GROUP = 4
CODE_PREFIX_LENGTH = 4
TOKEN_BYTES = 32
MAX_CODE_USES = 1000
MAX_CODE_DAYS = 365
_CONFUSABLE = str.maketrans({"O": "0", "I": "1", "L": "1"})


class EnrollmentRefused(Exception):
    """The code cannot enrol a device. ``reason``: invalid, expired, revoked or used_up."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
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


_CODE_COLUMNS = (
    "c.id, c.org_id, o.name, c.code_prefix, c.created_at, c.expires_at, c.max_uses, c.uses,"
    " c.revoked_at"
)


def _code(row: tuple[Any, ...]) -> EnrollmentCode:
    return EnrollmentCode(
        id=row[0],
        org_id=row[1],
        org_name=row[2],
        prefix=row[3],
        created_at=from_db(row[4]),
        expires_at=from_db(row[5]),
        max_uses=row[6],
        uses=row[7],
        revoked_at=from_db(row[8]) if row[8] else None,
    )


def list_codes(conn: apsw.Connection, *, limit: int = 200) -> list[EnrollmentCode]:
    """Newest first."""
    rows = conn.execute(
        f"SELECT {_CODE_COLUMNS} FROM enrollment_codes AS c"
        " JOIN organizations AS o ON o.id = c.org_id ORDER BY c.id DESC LIMIT ?",
        (limit,),
    )
    return [_code(r) for r in rows]


def get_code(conn: apsw.Connection, code_id: int) -> EnrollmentCode | None:
    row = conn.execute(
        f"SELECT {_CODE_COLUMNS} FROM enrollment_codes AS c"
        " JOIN organizations AS o ON o.id = c.org_id WHERE c.id = ?",
        (code_id,),
    ).fetchone()
    return _code(row) if row else None


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
    row = conn.execute(
        "SELECT c.id, c.org_id, o.name, c.expires_at, c.max_uses, c.uses, c.revoked_at"
        " FROM enrollment_codes AS c JOIN organizations AS o ON o.id = c.org_id"
        " WHERE c.code_hash = ?",
        (code_hash(code),),
    ).fetchone()
    if row is None:
        raise EnrollmentRefused("invalid")
    code_id, org_id, org_name, expires_at, max_uses, uses, revoked_at = row
    if revoked_at is not None:
        raise EnrollmentRefused("revoked")
    if uses >= max_uses:
        raise EnrollmentRefused("used_up")
    if from_db(expires_at) <= now:
        raise EnrollmentRefused("expired")
    conn.execute("UPDATE enrollment_codes SET uses = uses + 1 WHERE id = ?", (code_id,))
    token = secrets.token_urlsafe(TOKEN_BYTES)
    conn.execute(
        "INSERT INTO devices(org_id, enrollment_code_id, token_hash, hostname, os_user,"
        " enrolled_at) VALUES (?, ?, ?, ?, ?, ?)",
        (org_id, code_id, secret_hash(token), hostname, os_user, to_db(now)),
    )
    return EnrolledDevice(conn.last_insert_rowid(), token, org_id, org_name)


@dataclass(frozen=True, slots=True)
class DeviceAuth:
    """Who a token belongs to. A revoked device's token is known but refused."""

    device_id: int
    org_id: int
    revoked: bool


def token_owner(conn: apsw.Connection, token: str) -> DeviceAuth | None:
    """The device holding ``token`` (revoked or not); None for a token never issued."""
    row = conn.execute(
        "SELECT id, org_id, revoked_at IS NOT NULL FROM devices WHERE token_hash = ?",
        (secret_hash(token),),
    ).fetchone()
    if row is None:
        return None
    return DeviceAuth(int(row[0]), int(row[1]), bool(row[2]))


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


def list_devices(conn: apsw.Connection, *, limit: int = 500) -> list[Device]:
    """Active devices first, then by organisation and host name."""
    rows = conn.execute(
        "SELECT d.id, d.org_id, o.name, d.hostname, d.os_user, d.enrolled_at, d.last_seen_at,"
        " d.revoked_at FROM devices AS d JOIN organizations AS o ON o.id = d.org_id"
        " ORDER BY d.revoked_at IS NOT NULL, o.name, d.hostname, d.id LIMIT ?",
        (limit,),
    )
    return [
        Device(
            id=r[0],
            org_id=r[1],
            org_name=r[2],
            hostname=r[3],
            os_user=r[4],
            enrolled_at=from_db(r[5]),
            last_seen_at=from_db(r[6]) if r[6] else None,
            revoked_at=from_db(r[7]) if r[7] else None,
        )
        for r in rows
    ]


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
    return row[0] if row else None


# -- admin actions, each recorded in the audit log in the same transaction --------------------


def issue_code(
    conn: apsw.Connection,
    *,
    org_id: int,
    max_uses: int,
    days: int,
    now: datetime,
    actor_id: int | None,
    remote_addr: str = "",
    via: str = "ui",
) -> CreatedCode:
    created = create_code(
        conn, org_id=org_id, max_uses=max_uses, days=days, now=now, created_by=actor_id
    )
    audit.record(
        conn,
        user_id=actor_id,
        action="enrollment_code.create",
        object_type="enrollment_code",
        object_id=created.id,
        detail=f"org_id={org_id}; uses={max_uses}; days={days}; via={via}",
        remote_addr=remote_addr,
    )
    return created


def withdraw_code(
    conn: apsw.Connection,
    code_id: int,
    *,
    now: datetime,
    actor_id: int | None,
    remote_addr: str = "",
    via: str = "ui",
) -> bool:
    """Revoke a code and audit it; False (nothing written) when it was revoked already."""
    if not revoke_code(conn, code_id, now=now):
        return False
    audit.record(
        conn,
        user_id=actor_id,
        action="enrollment_code.revoke",
        object_type="enrollment_code",
        object_id=code_id,
        detail=f"via={via}",
        remote_addr=remote_addr,
    )
    return True


def withdraw_device(
    conn: apsw.Connection,
    device_id: int,
    *,
    now: datetime,
    actor_id: int | None,
    remote_addr: str = "",
    via: str = "ui",
) -> bool:
    """Revoke a device (its token answers 401 from now on) and audit it."""
    if not revoke_device(conn, device_id, now=now):
        return False
    audit.record(
        conn,
        user_id=actor_id,
        action="device.revoke",
        object_type="device",
        object_id=device_id,
        detail=f"via={via}",
        remote_addr=remote_addr,
    )
    return True
