"""Queries for users (technicians, managers, admins)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import apsw

from appliance.domain.clock import now_db
from appliance.domain.permissions import ROLES
from appliance.store.rows import fetch_all, fetch_one


@dataclass(frozen=True)
class User:
    id: int
    login: str
    full_name: str
    email: str
    role: str
    lang: str | None
    active: bool
    can_reveal_credentials: bool
    notify_sound: bool
    notify_browser: bool
    session_version: int = 1  # sessions signed in under another version are over

    @classmethod
    def from_row(
        cls,
        *,
        active: int,
        can_reveal_credentials: int,
        notify_sound: int,
        notify_browser: int,
        **text: Any,
    ) -> User:
        """A ``users`` row as selected by ``_USER`` (flags are stored as 0/1)."""
        return cls(
            active=bool(active),
            can_reveal_credentials=bool(can_reveal_credentials),
            notify_sound=bool(notify_sound),
            notify_browser=bool(notify_browser),
            **text,
        )


_USER = (
    "SELECT id, login, full_name, email, role, lang, active, can_reveal_credentials,"
    " notify_sound, notify_browser, session_version FROM users"
)


class UserExistsError(Exception):
    pass


def create_user(
    conn: apsw.Connection,
    *,
    login: str,
    password_hash: str,
    role: str,
    full_name: str = "",
    email: str = "",
    lang: str | None = None,
) -> int:
    if role not in ROLES:
        raise ValueError(f"unknown role {role!r}")
    if conn.execute("SELECT 1 FROM users WHERE login = ?", (login,)).fetchone():
        raise UserExistsError(login)
    conn.execute(
        "INSERT INTO users(login, full_name, email, role, password_hash, lang, created_at)"
        " VALUES (?, ?, ?, ?, ?, ?, ?)",
        (login, full_name, email, role, password_hash, lang, now_db()),
    )
    return conn.last_insert_rowid()


def get_user(conn: apsw.Connection, user_id: int) -> User | None:
    return fetch_one(conn, User.from_row, f"{_USER} WHERE id = ?", (user_id,))


def find_user(conn: apsw.Connection, login: str) -> User | None:
    return fetch_one(conn, User.from_row, f"{_USER} WHERE login = ?", (login,))


def list_users(conn: apsw.Connection) -> list[User]:
    return fetch_all(conn, User.from_row, f"{_USER} ORDER BY login")


def password_hash_of(conn: apsw.Connection, login: str) -> tuple[int, str, bool] | None:
    """(id, hash, active) for a login (tests check stored hashes with it)."""
    record = login_record(conn, login)
    return (record.id, record.password_hash, record.active) if record else None


def set_password_hash(conn: apsw.Connection, user_id: int, password_hash: str) -> None:
    conn.execute("UPDATE users SET password_hash = ? WHERE id = ?", (password_hash, user_id))


def set_active(conn: apsw.Connection, user_id: int, active: bool) -> None:
    conn.execute("UPDATE users SET active = ? WHERE id = ?", (int(active), user_id))


def set_role(conn: apsw.Connection, user_id: int, role: str) -> None:
    conn.execute("UPDATE users SET role = ? WHERE id = ?", (role, user_id))


def end_sessions(conn: apsw.Connection, user_id: int) -> None:
    """Every session signed in before now ends at its next page (their version is stale)."""
    conn.execute("UPDATE users SET session_version = session_version + 1 WHERE id = ?", (user_id,))


# -- login throttling -----------------------------------------------------------------------------


@dataclass(frozen=True)
class LoginRecord:
    """What the login check needs of one account, and nothing more."""

    id: int
    password_hash: str
    active: bool
    failed_logins: int
    last_failed_login_at: str | None

    @classmethod
    def from_row(cls, *, active: int, **fields: Any) -> LoginRecord:
        return cls(active=bool(active), **fields)


def login_record(conn: apsw.Connection, login: str) -> LoginRecord | None:
    return fetch_one(
        conn,
        LoginRecord.from_row,
        "SELECT id, password_hash, active, failed_logins, last_failed_login_at"
        " FROM users WHERE login = ?",
        (login,),
    )


def record_failed_login(conn: apsw.Connection, user_id: int, at: str) -> None:
    conn.execute(
        "UPDATE users SET failed_logins = failed_logins + 1, last_failed_login_at = ? WHERE id = ?",
        (at, user_id),
    )


def clear_failed_logins(conn: apsw.Connection, user_id: int) -> None:
    conn.execute(
        "UPDATE users SET failed_logins = 0, last_failed_login_at = NULL WHERE id = ?", (user_id,)
    )


# -- account settings -----------------------------------------------------------------------------


def set_lang(conn: apsw.Connection, user_id: int, lang: str | None) -> None:
    conn.execute("UPDATE users SET lang = ? WHERE id = ?", (lang, user_id))


def set_can_reveal_credentials(conn: apsw.Connection, user_id: int, allowed: bool) -> None:
    conn.execute(
        "UPDATE users SET can_reveal_credentials = ? WHERE id = ?", (int(allowed), user_id)
    )


def set_notify(conn: apsw.Connection, user_id: int, *, sound: bool, browser: bool) -> None:
    """How the ticket list tells this user about new tickets: a sound, a browser notification."""
    conn.execute(
        "UPDATE users SET notify_sound = ?, notify_browser = ? WHERE id = ?",
        (int(sound), int(browser), user_id),
    )


def count_active_admins(conn: apsw.Connection) -> int:
    return int(conn.execute("SELECT count(*) FROM users WHERE role = 'admin' AND active = 1").get)
