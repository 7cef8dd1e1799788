"""Queries for users (technicians, managers, admins)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import apsw

from appliance.domain.clock import now_db
from appliance.domain.permissions import ROLES


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


_COLUMNS = (
    "id, login, full_name, email, role, lang, active, can_reveal_credentials, "
    "notify_sound, notify_browser"
)


def _user(row: tuple[Any, ...]) -> User:
    return User(
        id=row[0],
        login=row[1],
        full_name=row[2],
        email=row[3],
        role=row[4],
        lang=row[5],
        active=bool(row[6]),
        can_reveal_credentials=bool(row[7]),
        notify_sound=bool(row[8]),
        notify_browser=bool(row[9]),
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
    row = conn.execute(f"SELECT {_COLUMNS} FROM users WHERE id = ?", (user_id,)).fetchone()
    return _user(row) if row else None


def find_user(conn: apsw.Connection, login: str) -> User | None:
    row = conn.execute(f"SELECT {_COLUMNS} FROM users WHERE login = ?", (login,)).fetchone()
    return _user(row) if row else None


def list_users(conn: apsw.Connection) -> list[User]:
    return [_user(r) for r in conn.execute(f"SELECT {_COLUMNS} FROM users ORDER BY login")]


def password_hash_of(conn: apsw.Connection, login: str) -> tuple[int, str, bool] | None:
    """(id, hash, active) for a login, for the login check only."""
    row = conn.execute(
        "SELECT id, password_hash, active FROM users WHERE login = ?", (login,)
    ).fetchone()
    return (row[0], row[1], bool(row[2])) if row else None


def set_password_hash(conn: apsw.Connection, user_id: int, password_hash: str) -> None:
    conn.execute("UPDATE users SET password_hash = ? WHERE id = ?", (password_hash, user_id))


def set_active(conn: apsw.Connection, user_id: int, active: bool) -> None:
    conn.execute("UPDATE users SET active = ? WHERE id = ?", (int(active), user_id))


# -- login throttling -----------------------------------------------------------------------------


@dataclass(frozen=True)
class LoginRecord:
    """What the login check needs of one account, and nothing more."""

    id: int
    password_hash: str
    active: bool
    failed_logins: int
    last_failed_login_at: str | None


def login_record(conn: apsw.Connection, login: str) -> LoginRecord | None:
    row = conn.execute(
        "SELECT id, password_hash, active, failed_logins, last_failed_login_at"
        " FROM users WHERE login = ?",
        (login,),
    ).fetchone()
    if row is None:
        return None
    return LoginRecord(row[0], row[1], bool(row[2]), row[3], row[4])


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
