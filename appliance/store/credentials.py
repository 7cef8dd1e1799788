"""Credentials' secrets and license keys: reading one out, with its audit row.

The secret leaves the store only through ``reveal``, called by ``services.secrets.reveal_secret``
inside the write transaction that first checked the acting user. It writes one audit row naming
who, what and why (reveal or copy) and only then returns the secret; the caller sends it to the
browser after the commit, so a secret never reaches a screen without its audit row being durable.
The audit row never holds the secret itself.
"""

from __future__ import annotations

from typing import Literal

import apsw

from appliance.domain.errors import InvalidInput, NotFound
from appliance.domain.permissions import Permission, allowed
from appliance.store import audit

Purpose = Literal["reveal", "copy"]
PURPOSES: tuple[Purpose, ...] = ("reveal", "copy")
SecretKind = Literal["credential", "license"]

# kind -> (SELECT of the title and the secret by id); the audit row's object type is the kind.
_SECRET_SQL: dict[str, str] = {
    "credential": "SELECT title, secret FROM credentials WHERE id = ?",
    "license": "SELECT product, license_key FROM licenses WHERE id = ?",
}


def may_reveal(conn: apsw.Connection, user_id: int) -> bool:
    """Whether this user (active, by role and grant) may see secrets now."""
    row = conn.execute(
        "SELECT role, active, can_reveal_credentials FROM users WHERE id = ?", (user_id,)
    ).fetchone()
    if row is None or not row[1]:
        return False
    return allowed(row[0], Permission.REVEAL_CREDENTIALS, can_reveal_credentials=bool(row[2]))


def reveal(
    conn: apsw.Connection,
    *,
    kind: SecretKind,
    object_id: int,
    user_id: int | None,
    purpose: Purpose,
    ticket_id: int | None = None,
    remote_addr: str = "",
) -> str:
    """The secret of credential or license ``object_id``, after writing audit action
    ``<kind>.<purpose>``. ``ticket_id`` (the ticket on screen) goes into the audit detail so the
    log says in which case the secret was needed."""
    if purpose not in PURPOSES or kind not in _SECRET_SQL:
        raise InvalidInput("ticket_screen.reveal_refused")
    row = conn.execute(_SECRET_SQL[kind], (object_id,)).fetchone()
    if row is None:
        raise NotFound("ticket_screen.secret_gone")
    title, secret = row
    audit.record(
        conn,
        user_id=user_id,
        action=f"{kind}.{purpose}",
        object_type=kind,
        object_id=object_id,
        detail=_detail(title, ticket_id),
        remote_addr=remote_addr,
    )
    return str(secret)


def _detail(title: str, ticket_id: int | None) -> str:
    # The title is what a person reading the log recognises; the secret never goes here.
    return f"{title} (ticket id {ticket_id})" if ticket_id is not None else title
