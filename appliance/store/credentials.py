"""Credentials' secrets and license keys: reading one out, with its audit row.

The secret leaves the store only through ``reveal``, called by ``services.secrets.reveal_secret``
inside the write transaction that first checked the acting user. It writes one audit row naming
who, what and why (reveal or copy) and only then returns the secret; the caller sends it to the
browser after the commit, so a secret never reaches a screen without its audit row being durable.
The audit row never holds the secret itself.

Rows read for lists (``Credential``) never carry the secret, only whether one is stored.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any, Literal

import apsw

from appliance.domain.clock import from_db, to_db, utc_now
from appliance.domain.errors import InvalidInput, NotFound
from appliance.domain.permissions import Permission, allowed
from appliance.store import audit
from appliance.store.edits import required_text, update_columns
from appliance.store.persons import check_org
from appliance.store.rows import fetch_all, fetch_one
from appliance.store.users import get_user

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
    user = get_user(conn, user_id)
    if user is None or not user.active:
        return False
    return allowed(
        user.role, Permission.REVEAL_CREDENTIALS, can_reveal_credentials=user.can_reveal_credentials
    )


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


# -- the credential rows themselves (client cards, demo data, tests) ----------------------------

EDITABLE = ("equipment_id", "title", "url", "login", "secret", "notes")
_COLUMNS = (
    "id, org_id, equipment_id, title, url, login, notes, updated_at, secret <> '' AS has_secret,"
    " active, secret_changed_at,"
    " (SELECT e.name FROM equipment AS e WHERE e.id = credentials.equipment_id) AS equipment_name"
)


@dataclass(frozen=True)
class Credential:
    id: int
    org_id: int
    equipment_id: int | None
    title: str
    url: str
    login: str
    notes: str
    updated_at: datetime
    has_secret: bool
    active: bool = True
    # When the secret itself last changed (the card flags old ones); None: never set.
    secret_changed_at: datetime | None = None
    equipment_name: str | None = None

    @classmethod
    def from_row(cls, **row: Any) -> Credential:
        changed = row["secret_changed_at"]
        return cls(
            **{
                **row,
                "updated_at": from_db(row["updated_at"]),
                "has_secret": bool(row["has_secret"]),
                "active": bool(row["active"]),
                "secret_changed_at": from_db(changed) if changed else None,
            }
        )


def check_equipment_of_org(conn: apsw.Connection, equipment_id: int | None, org_id: int) -> None:
    """``InvalidInput`` unless ``equipment_id`` is None or equipment of organisation ``org_id``."""
    if (
        equipment_id is not None
        and not conn.execute(
            "SELECT 1 FROM equipment WHERE id = ? AND org_id = ?", (equipment_id, org_id)
        ).fetchone()
    ):
        raise InvalidInput("clients.error.equipment_not_of_org", field="equipment_id")


def create_credential(
    conn: apsw.Connection,
    *,
    org_id: int,
    title: str,
    equipment_id: int | None = None,
    url: str = "",
    login: str = "",
    secret: str = "",
    notes: str = "",
    updated_at: datetime | None = None,
) -> int:
    title = required_text(title, "clients.error.credential_title_empty", "title")
    check_org(conn, org_id)
    check_equipment_of_org(conn, equipment_id, org_id)
    at = to_db(updated_at or utc_now())
    conn.execute(
        "INSERT INTO credentials(org_id, equipment_id, title, url, login, secret, notes,"
        " updated_at, secret_changed_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
        (org_id, equipment_id, title, url.strip(), login, secret, notes, at, at),
    )
    return conn.last_insert_rowid()


def update_credential(conn: apsw.Connection, credential_id: int, **changes: Any) -> None:
    """Change some of ``EDITABLE`` (``secret`` included); ``updated_at`` becomes now, and
    ``secret_changed_at`` too when the secret is given a new value."""
    secret_changed = "secret" in changes and changes["secret"] != _secret_of(conn, credential_id)
    if "url" in changes:
        changes["url"] = changes["url"].strip()
    if "title" in changes:
        changes["title"] = required_text(
            changes["title"], "clients.error.credential_title_empty", "title"
        )
    current = get_credential(conn, credential_id)
    if current is not None and changes.get("equipment_id") is not None:
        check_equipment_of_org(conn, changes["equipment_id"], current.org_id)
    update_columns(
        conn,
        "credentials",
        credential_id,
        changes,
        editable=EDITABLE,
        missing_key="clients.error.credential_missing",
    )
    now = to_db(utc_now())
    if changes:
        conn.execute("UPDATE credentials SET updated_at = ? WHERE id = ?", (now, credential_id))
    if secret_changed:
        conn.execute(
            "UPDATE credentials SET secret_changed_at = ? WHERE id = ?", (now, credential_id)
        )


def _secret_of(conn: apsw.Connection, credential_id: int) -> str | None:
    # Compared inside the store only: the secret never leaves this module but through reveal.
    row = conn.execute("SELECT secret FROM credentials WHERE id = ?", (credential_id,)).fetchone()
    return str(row[0]) if row else None


def archive_credential(conn: apsw.Connection, credential_id: int, *, active: bool = False) -> None:
    """Take a credential no longer in use off the card (``active=True`` brings it back)."""
    update_columns(
        conn,
        "credentials",
        credential_id,
        {"active": int(active)},
        editable=("active",),
        missing_key="clients.error.credential_missing",
    )


def delete_credential(conn: apsw.Connection, credential_id: int) -> None:
    """Remove a credential for good (admins; others archive it)."""
    if get_credential(conn, credential_id) is None:
        raise NotFound("clients.error.credential_missing")
    conn.execute("DELETE FROM credentials WHERE id = ?", (credential_id,))


def get_credential(conn: apsw.Connection, credential_id: int) -> Credential | None:
    return fetch_one(
        conn,
        Credential.from_row,
        f"SELECT {_COLUMNS} FROM credentials WHERE id = ?",
        (credential_id,),
    )


def list_credentials(
    conn: apsw.Connection, *, org_id: int, include_archived: bool = False
) -> list[Credential]:
    active = "" if include_archived else " AND active = 1"
    return fetch_all(
        conn,
        Credential.from_row,
        f"SELECT {_COLUMNS} FROM credentials WHERE org_id = ?{active}"
        " ORDER BY title COLLATE NOCASE, id",
        (org_id,),
    )
