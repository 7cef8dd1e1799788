"""Managing accounts (the admin's Settings -> Users): each change is checked, written, and
recorded in the audit log in one transaction.

Errors meant for the admin are ``AccountError`` carrying an i18n key (catalog ``auth.py``), so the
page shows a sentence in the admin's language and the store is left unchanged.
"""

from __future__ import annotations

import asyncio
import re

import apsw

from appliance.auth.passwords import hash_password, password_problem
from appliance.i18n import LANGUAGES
from appliance.store import Store, audit, users
from appliance.store.users import ROLES, User

MAX_LOGIN_LENGTH = 64
# Letters (any script), digits and . _ - @: safe to show, type and put in logs.
_LOGIN = re.compile(r"^[\w.@-]+$")


class AccountError(Exception):
    def __init__(self, key: str, **values: object) -> None:
        super().__init__(key)
        self.key = key
        self.values = values


def login_problem(login: str) -> str | None:
    """An i18n key naming what is wrong with a new login name, or None."""
    if not login:
        return "auth.error.login_empty"
    if len(login) > MAX_LOGIN_LENGTH or not _LOGIN.match(login):
        return "auth.error.login_invalid"
    return None


async def create_account(
    store: Store,
    *,
    actor_id: int | None,
    login: str,
    role: str,
    password: str,
    full_name: str = "",
    email: str = "",
    remote_addr: str = "",
) -> int:
    login = login.strip()
    problem = login_problem(login) or password_problem(password)
    if problem:
        raise AccountError(problem)
    if role not in ROLES:
        raise AccountError("auth.error.role_unknown")
    password_hash = await asyncio.to_thread(hash_password, password)

    def write(conn: apsw.Connection) -> int:
        try:
            user_id = users.create_user(
                conn,
                login=login,
                password_hash=password_hash,
                role=role,
                full_name=full_name.strip(),
                email=email.strip(),
            )
        except users.UserExistsError:
            raise AccountError("auth.error.login_taken", login=login) from None
        audit.record(
            conn,
            user_id=actor_id,
            action="user.create",
            object_type="user",
            object_id=user_id,
            detail=f"role={role}",
            remote_addr=remote_addr,
        )
        return user_id

    return await store.write(write)


def _existing(conn: apsw.Connection, user_id: int) -> User:
    user = users.get_user(conn, user_id)
    if user is None:
        raise AccountError("auth.error.user_missing")
    return user


async def set_account_active(
    store: Store, *, actor_id: int | None, user_id: int, active: bool, remote_addr: str = ""
) -> None:
    """Disable or enable an account. A disabled user's open sessions end on their next page."""

    def write(conn: apsw.Connection) -> None:
        user = _existing(conn, user_id)
        if not active:
            if user_id == actor_id:
                raise AccountError("auth.error.cannot_disable_self")
            if user.role == "admin" and user.active and users.count_active_admins(conn) <= 1:
                raise AccountError("auth.error.last_admin")
        users.set_active(conn, user_id, active)
        audit.record(
            conn,
            user_id=actor_id,
            action="user.enable" if active else "user.disable",
            object_type="user",
            object_id=user_id,
            remote_addr=remote_addr,
        )

    await store.write(write)


async def reset_password(
    store: Store, *, actor_id: int | None, user_id: int, password: str, remote_addr: str = ""
) -> None:
    problem = password_problem(password)
    if problem:
        raise AccountError(problem)
    password_hash = await asyncio.to_thread(hash_password, password)

    def write(conn: apsw.Connection) -> None:
        _existing(conn, user_id)
        users.set_password_hash(conn, user_id, password_hash)
        # A new password starts with a clean slate: the owner should not wait for a stranger's
        # failed guesses.
        users.clear_failed_logins(conn, user_id)
        audit.record(
            conn,
            user_id=actor_id,
            action="user.password_reset",
            object_type="user",
            object_id=user_id,
            remote_addr=remote_addr,
        )

    await store.write(write)


async def set_credential_reveal(
    store: Store, *, actor_id: int | None, user_id: int, allowed: bool, remote_addr: str = ""
) -> None:
    """Let a manager reveal credentials (technicians and admins always may; managers see them
    masked unless granted)."""

    def write(conn: apsw.Connection) -> None:
        user = _existing(conn, user_id)
        if user.role != "manager":
            raise AccountError("auth.error.reveal_managers_only")
        users.set_can_reveal_credentials(conn, user_id, allowed)
        audit.record(
            conn,
            user_id=actor_id,
            action="user.reveal_grant" if allowed else "user.reveal_revoke",
            object_type="user",
            object_id=user_id,
            remote_addr=remote_addr,
        )

    await store.write(write)


async def set_language(store: Store, *, user_id: int, lang: str) -> None:
    if lang not in LANGUAGES:
        raise AccountError("auth.error.lang_unknown")
    await store.write(lambda conn: users.set_lang(conn, user_id, lang))
