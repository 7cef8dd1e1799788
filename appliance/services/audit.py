"""Reading the audit log (Settings -> Audit log, admins only): a page of entries under a
filter, the choices the filters offer, and the CSV export (itself audited).

The log is append-only: nothing here, or anywhere, changes or removes an entry."""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass

import apsw

from appliance.domain.permissions import Permission
from appliance.services.actor import Actor, acting_user
from appliance.store import Store, audit, users
from appliance.store.audit import REVEAL_ACTIONS, AuditEntry, AuditFilter

__all__ = [
    "REVEAL_ACTIONS",
    "AuditChoices",
    "AuditEntry",
    "AuditFilter",
    "AuditPage",
    "audit_choices",
    "export_csv",
    "is_reveal",
    "read_audit",
]

# A CSV export is cut at this many rows (newest first); narrow the filter for more.
EXPORT_LIMIT = 100_000


@dataclass(frozen=True)
class AuditPage:
    total: int
    entries: list[AuditEntry]


@dataclass(frozen=True)
class AuditChoices:
    users: list[tuple[int, str]]  # (id, login)
    actions: list[str]
    object_types: list[str]


def is_reveal(action: str) -> bool:
    return action in REVEAL_ACTIONS


async def read_audit(
    store: Store, actor: Actor, wanted: AuditFilter, *, page: int, per_page: int
) -> AuditPage:
    """Page ``page`` (1-based) of the entries under ``wanted``, newest first."""
    per_page = max(1, min(per_page, 500))
    offset = (max(1, page) - 1) * per_page

    def read(conn: apsw.Connection) -> AuditPage:
        acting_user(conn, actor, Permission.MANAGE_SETTINGS)
        return AuditPage(
            audit.count(conn, wanted),
            audit.entries(conn, wanted, limit=per_page, offset=offset),
        )

    return await store.read(read)


async def audit_choices(store: Store, actor: Actor) -> AuditChoices:
    def read(conn: apsw.Connection) -> AuditChoices:
        acting_user(conn, actor, Permission.MANAGE_SETTINGS)
        return AuditChoices(
            [(user.id, user.login) for user in users.list_users(conn)],
            audit.actions(conn),
            audit.object_types(conn),
        )

    return await store.read(read)


CSV_COLUMNS = ("id", "at_utc", "user", "action", "object_type", "object_id", "detail", "from")


def _cell(value: object) -> str:
    text = "" if value is None else str(value)
    # A cell starting like a formula would run in a spreadsheet: make it plain text.
    return "'" + text if text[:1] in ("=", "+", "-", "@", "\t", "\r") else text


async def export_csv(store: Store, actor: Actor, wanted: AuditFilter) -> str:
    """The entries under ``wanted`` as CSV (UTF-8 text, newest first); the export is audited
    in the same transaction."""

    def write(conn: apsw.Connection) -> str:
        acting_user(conn, actor, Permission.MANAGE_SETTINGS)
        rows = audit.entries(conn, wanted, limit=EXPORT_LIMIT)
        out = io.StringIO()
        writer = csv.writer(out)
        writer.writerow(CSV_COLUMNS)
        for e in rows:
            writer.writerow(
                [
                    _cell(v)
                    for v in (
                        e.id,
                        e.at,
                        e.user_login or "",
                        e.action,
                        e.object_type,
                        e.object_id,
                        e.detail,
                        e.remote_addr,
                    )
                ]
            )
        audit.record(
            conn,
            user_id=actor.user_id,
            action="audit.export",
            object_type="audit",
            detail=f"{len(rows)} rows",
            remote_addr=actor.audit_addr,
        )
        return out.getvalue()

    return await store.write(write)
