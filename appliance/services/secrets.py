"""Revealing a stored secret (a credential's password, a license key): the one audited path.

The ticket screen's client panel and the client card both call ``reveal_secret``. The acting
user is read afresh, the audit row is written in the same transaction, and only then does the
secret leave the store: a reveal that is not logged never reaches the browser.
"""

from __future__ import annotations

import apsw

from appliance.domain.permissions import Permission
from appliance.services.actor import Actor, acting_user
from appliance.store import Store
from appliance.store import credentials as credential_store

SecretKind = credential_store.SecretKind
Purpose = credential_store.Purpose
REVEAL_REFUSED = "ticket_screen.reveal_refused"


async def reveal_secret(
    store: Store,
    actor: Actor,
    *,
    kind: SecretKind,
    object_id: int,
    purpose: Purpose,
    ticket_id: int | None = None,
) -> str:
    """The secret, after audit action ``<kind>.<purpose>`` is committed. ``ticket_id`` (the
    ticket on screen, if any) goes into the audit detail: the log says why it was needed."""

    def write(conn: apsw.Connection) -> str:
        user = acting_user(conn, actor, Permission.REVEAL_CREDENTIALS, denied_key=REVEAL_REFUSED)
        return credential_store.reveal(
            conn,
            kind=kind,
            object_id=object_id,
            user_id=user.id if user is not None else None,
            purpose=purpose,
            ticket_id=ticket_id,
            remote_addr=actor.audit_addr,
        )

    return await store.write(write)


async def may_reveal(store: Store, actor: Actor) -> bool:
    """Whether the actor may see secrets now (to draw a lock instead of reveal buttons)."""
    if actor.user_id is None:
        return True
    user_id = actor.user_id
    return await store.read(lambda conn: credential_store.may_reveal(conn, user_id))
