"""One audited change: the acting user checked, the change made, its audit row written, all in
one transaction. The client, FAQ, category and SLA services are built from it."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from typing import Any, TypeVar

import apsw

from appliance.domain.permissions import Permission
from appliance.services.actor import Actor, acting_user
from appliance.services.types import Store
from appliance.store import audit

T = TypeVar("T")


def fields(changes: Mapping[str, Any] | Iterable[str]) -> str:
    """``fields=a,b``: the names of what changed. Values stay out, so no secret reaches the log."""
    return "fields=" + ",".join(sorted(changes))


async def audited_write(
    store: Store,
    actor: Actor,
    permission: Permission,
    change: Callable[[apsw.Connection], T],
    *,
    action: str,
    object_type: str,
    object_id: Callable[[T], int] | int | None,
    detail: str,
) -> T:
    """``change(conn)`` by ``actor`` if it holds ``permission`` now, with audit row ``action``
    on ``object_type``/``object_id`` (an id, or how to get it from the change's result)."""

    def write(conn: apsw.Connection) -> T:
        acting_user(conn, actor, permission)
        result = change(conn)
        audit.record(
            conn,
            user_id=actor.user_id,
            action=action,
            object_type=object_type,
            object_id=object_id(result) if callable(object_id) else object_id,
            detail=detail,
            remote_addr=actor.audit_addr,
        )
        return result

    return await store.write(write)


async def checked_read(
    store: Store, actor: Actor, permission: Permission, read: Callable[[apsw.Connection], T]
) -> T:
    """``read(conn)`` if the actor holds ``permission`` now."""

    def run(conn: apsw.Connection) -> T:
        acting_user(conn, actor, permission)
        return read(conn)

    return await store.read(run)
