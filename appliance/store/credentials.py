"""Revealing a stored secret (a credential's password, a license key), audited.

The secret leaves the store only through ``reveal_credential`` / ``reveal_license_key``. Each call
runs in the caller's write transaction: it checks the user's right from the users table itself
(so no page can skip the check), writes one audit row naming who, what and why (reveal or copy),
and only then returns the secret. The caller sends it to the browser after the transaction
commits, so a secret never reaches a screen without its audit row being durable. The audit row
never holds the secret itself.
"""

from __future__ import annotations

from typing import Literal

import apsw

from appliance.domain.permissions import Permission, allowed
from appliance.store import audit

Purpose = Literal["reveal", "copy"]
PURPOSES: tuple[Purpose, ...] = ("reveal", "copy")

CREDENTIAL_OBJECT = "credential"
LICENSE_OBJECT = "license"


class RevealRefusedError(Exception):
    """The user may not see secrets. ``key`` is an i18n key for the message."""

    def __init__(self, key: str = "ticket_screen.reveal_refused") -> None:
        self.key = key
        super().__init__(key)


class SecretNotFoundError(LookupError):
    """No such credential or license (deleted meanwhile, or a forged id)."""


def may_reveal(conn: apsw.Connection, user_id: int) -> bool:
    """Whether this user (active, by role and grant) may see secrets now."""
    row = conn.execute(
        "SELECT role, active, can_reveal_credentials FROM users WHERE id = ?", (user_id,)
    ).fetchone()
    if row is None or not row[1]:
        return False
    return allowed(row[0], Permission.REVEAL_CREDENTIALS, can_reveal_credentials=bool(row[2]))


def _check(conn: apsw.Connection, user_id: int, purpose: str) -> None:
    if purpose not in PURPOSES:
        raise ValueError(f"unknown purpose {purpose!r}")
    if not may_reveal(conn, user_id):
        raise RevealRefusedError()


def reveal_credential(
    conn: apsw.Connection,
    *,
    credential_id: int,
    user_id: int,
    purpose: Purpose,
    ticket_id: int | None = None,
    remote_addr: str = "",
) -> str:
    """The credential's secret, after writing audit action ``credential.<purpose>``.

    Call inside ``store.write``. ``ticket_id`` (the ticket on screen) goes into the audit detail
    so the log says in which case the secret was needed.
    """
    return _reveal(
        conn,
        sql="SELECT title, secret FROM credentials WHERE id = ?",
        object_type=CREDENTIAL_OBJECT,
        object_id=credential_id,
        user_id=user_id,
        purpose=purpose,
        ticket_id=ticket_id,
        remote_addr=remote_addr,
    )


def reveal_license_key(
    conn: apsw.Connection,
    *,
    license_id: int,
    user_id: int,
    purpose: Purpose,
    ticket_id: int | None = None,
    remote_addr: str = "",
) -> str:
    """The license key, after writing audit action ``license.<purpose>``."""
    return _reveal(
        conn,
        sql="SELECT product, license_key FROM licenses WHERE id = ?",
        object_type=LICENSE_OBJECT,
        object_id=license_id,
        user_id=user_id,
        purpose=purpose,
        ticket_id=ticket_id,
        remote_addr=remote_addr,
    )


def _reveal(
    conn: apsw.Connection,
    *,
    sql: str,
    object_type: str,
    object_id: int,
    user_id: int,
    purpose: Purpose,
    ticket_id: int | None,
    remote_addr: str,
) -> str:
    # The audit row is written in the same transaction before the secret is returned: a reveal
    # that is not logged never reaches the browser.
    _check(conn, user_id, purpose)
    row = conn.execute(sql, (object_id,)).fetchone()
    if row is None:
        raise SecretNotFoundError(object_id)
    title, secret = row
    audit.record(
        conn,
        user_id=user_id,
        action=f"{object_type}.{purpose}",
        object_type=object_type,
        object_id=object_id,
        detail=_detail(title, ticket_id),
        remote_addr=remote_addr,
    )
    return str(secret)


def _detail(title: str, ticket_id: int | None) -> str:
    # The title is what a person reading the log recognises; the secret never goes here.
    return f"{title} (ticket id {ticket_id})" if ticket_id is not None else title
