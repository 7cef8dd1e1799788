"""One audited edit of a client-card entry: the acting user checked, the row read before and after
the change, and an audit row saying which fields changed from what to what, all in one
transaction.

The audit text names every changed field; plain fields show ``old → new``. Secret fields (a
credential's password, a license key) are named with ``(changed)`` only: their values are never
read here, so they cannot reach the log.
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Mapping
from datetime import date, datetime
from typing import Any, TypeVar

import apsw

from appliance.domain.permissions import Permission
from appliance.services.actor import Actor, acting_user
from appliance.services.types import Store
from appliance.store import audit

T = TypeVar("T")
# A value longer than this is cut in the audit text (notes, say): the log says it changed.
_SHOWN_CHARS = 60


def show(value: object) -> str:
    """A field's value as the audit text shows it."""
    if value is None or value == "" or value == ():
        return "—"
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, datetime | date):
        return value.isoformat()
    if isinstance(value, tuple | list):
        return ", ".join(show(item) for item in value)
    text = " ".join(str(value).split())
    return text if len(text) <= _SHOWN_CHARS else text[: _SHOWN_CHARS - 1] + "…"


def describe(
    before: object,
    after: object,
    changed: Collection[str],
    *,
    secrets: Collection[str] = (),
) -> str:
    """``fields=a,b; a: old → new; secret: (changed)`` for the fields in ``changed`` whose value
    differs between ``before`` and ``after`` (rows with those fields as attributes)."""
    names = sorted(changed)
    parts = ["fields=" + ",".join(names)]
    for name in names:
        if name in secrets:
            parts.append(f"{name}: (changed)")
            continue
        old, new = getattr(before, name, None), getattr(after, name, None)
        if old != new:
            parts.append(f"{name}: {show(old)} → {show(new)}")
    return "; ".join(parts)


async def audited_update(
    store: Store,
    actor: Actor,
    permission: Permission,
    *,
    read: Callable[[apsw.Connection], object | None],
    change: Callable[[apsw.Connection], None],
    changed: Mapping[str, Any],
    action: str,
    object_type: str,
    object_id: int,
    secrets: Collection[str] = (),
) -> None:
    """``change(conn)`` by ``actor`` holding ``permission``, with an audit row describing what
    ``read`` (the entry's row) shows before and after, for the fields named in ``changed``."""

    def write(conn: apsw.Connection) -> None:
        acting_user(conn, actor, permission)
        before = read(conn)
        change(conn)
        after = read(conn)
        audit.record(
            conn,
            user_id=actor.user_id,
            action=action,
            object_type=object_type,
            object_id=object_id,
            detail=describe(before, after, changed, secrets=secrets),
            remote_addr=actor.audit_addr,
        )

    await store.write(write)


async def audited_delete(
    store: Store,
    actor: Actor,
    *,
    name: Callable[[apsw.Connection], str],
    delete: Callable[[apsw.Connection], None],
    action: str,
    object_type: str,
    object_id: int,
) -> None:
    """``delete(conn)`` by an actor holding ``DELETE_CLIENTS`` (admins), with an audit row
    naming what was deleted (``name``, read before the row goes)."""

    def write(conn: apsw.Connection) -> None:
        acting_user(conn, actor, Permission.DELETE_CLIENTS)
        gone = name(conn)
        delete(conn)
        audit.record(
            conn,
            user_id=actor.user_id,
            action=action,
            object_type=object_type,
            object_id=object_id,
            detail=gone,
            remote_addr=actor.audit_addr,
        )

    await store.write(write)
