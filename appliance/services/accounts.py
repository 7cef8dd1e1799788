"""Managing accounts (the admin's Settings -> Users, and ``tiketnitsa user``).

Each change reads the acting admin afresh, checks the change, writes it and its audit row in one
transaction. Failures are ``AppError`` kinds with keys of the ``auth.py`` catalogue, so the page
or the command shows a sentence in its reader's language and the store is left unchanged.
"""

from __future__ import annotations

import asyncio
import re

import apsw

from appliance.auth.passwords import hash_password, password_problem
from appliance.domain.errors import Conflict, InvalidInput, NotFound
from appliance.domain.permissions import Permission
from appliance.i18n import LANGUAGES
from appliance.services.actor import Actor, acting_user
from appliance.store import Store, audit, users
from appliance.store.users import ROLES, User

__all__ = [
    "MAX_LOGIN_LENGTH",
    "User",
    "create_account",
    "find_account",
    "list_accounts",
    "login_problem",
    "reset_password",
    "set_account_active",
    "set_credential_reveal",
    "set_language",
    "set_notifications",
]

MAX_LOGIN_LENGTH = 64
# Letters (any script), digits and . _ - @: safe to show, type and put in logs.
_LOGIN = re.compile(r"^[\w.@-]+$")


def login_problem(login: str) -> str | None:
    """An i18n key naming what is wrong with a new login name, or None."""
    if not login:
        return "auth.error.login_empty"
    if len(login) > MAX_LOGIN_LENGTH or not _LOGIN.match(login):
        return "auth.error.login_invalid"
    return None


async def list_accounts(store: Store, actor: Actor) -> list[User]:
    def read(conn: apsw.Connection) -> list[User]:
        acting_user(conn, actor, Permission.MANAGE_SETTINGS)
        return users.list_users(conn)

    return await store.read(read)


def find_account(store: Store, login: str) -> User | None:
    """The account named ``login`` (command line: the box's administrator)."""
    return store.read_sync(lambda conn: users.find_user(conn, login))


async def create_account(
    store: Store,
    actor: Actor,
    *,
    login: str,
    role: str,
    password: str,
    full_name: str = "",
    email: str = "",
) -> int:
    login = login.strip()
    problem = login_problem(login) or password_problem(password)
    if problem:
        raise InvalidInput(problem)
    if role not in ROLES:
        raise InvalidInput("auth.error.role_unknown")
    password_hash = await asyncio.to_thread(hash_password, password)

    def write(conn: apsw.Connection) -> int:
        acting_user(conn, actor, Permission.MANAGE_SETTINGS)
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
            raise Conflict("auth.error.login_taken", login=login) from None
        audit.record(
            conn,
            user_id=actor.user_id,
            action="user.create",
            object_type="user",
            object_id=user_id,
            detail=f"role={role}",
            remote_addr=actor.audit_addr,
        )
        return user_id

    return await store.write(write)


def _existing(conn: apsw.Connection, user_id: int) -> User:
    user = users.get_user(conn, user_id)
    if user is None:
        raise NotFound("auth.error.user_missing")
    return user


async def set_account_active(store: Store, actor: Actor, *, user_id: int, active: bool) -> None:
    """Disable or enable an account. A disabled user's open sessions end on their next page."""

    def write(conn: apsw.Connection) -> None:
        acting_user(conn, actor, Permission.MANAGE_SETTINGS)
        user = _existing(conn, user_id)
        if not active:
            if user_id == actor.user_id:
                raise InvalidInput("auth.error.cannot_disable_self")
            if user.role == "admin" and user.active and users.count_active_admins(conn) <= 1:
                raise InvalidInput("auth.error.last_admin")
        users.set_active(conn, user_id, active)
        if not active:
            users.end_sessions(conn, user_id)
        audit.record(
            conn,
            user_id=actor.user_id,
            action="user.enable" if active else "user.disable",
            object_type="user",
            object_id=user_id,
            remote_addr=actor.audit_addr,
        )

    await store.write(write)


async def set_account_role(store: Store, actor: Actor, *, user_id: int, role: str) -> None:
    """Give an account another role. Its sessions end: the user signs in again under it."""
    if role not in ROLES:
        raise InvalidInput("auth.error.role_unknown")

    def write(conn: apsw.Connection) -> None:
        acting_user(conn, actor, Permission.MANAGE_SETTINGS)
        user = _existing(conn, user_id)
        if user.role == role:
            return
        if user.role == "admin" and user.active and users.count_active_admins(conn) <= 1:
            raise InvalidInput("auth.error.last_admin")
        users.set_role(conn, user_id, role)
        users.end_sessions(conn, user_id)
        audit.record(
            conn,
            user_id=actor.user_id,
            action="user.role",
            object_type="user",
            object_id=user_id,
            detail=f"{user.role} -> {role}",
            remote_addr=actor.audit_addr,
        )

    await store.write(write)


async def reset_password(store: Store, actor: Actor, *, user_id: int, password: str) -> None:
    problem = password_problem(password)
    if problem:
        raise InvalidInput(problem)
    password_hash = await asyncio.to_thread(hash_password, password)

    def write(conn: apsw.Connection) -> None:
        acting_user(conn, actor, Permission.MANAGE_SETTINGS)
        _existing(conn, user_id)
        users.set_password_hash(conn, user_id, password_hash)
        # Whoever held the old password (or a copied cookie) is signed out everywhere.
        users.end_sessions(conn, user_id)
        # A new password starts with a clean slate: the owner should not wait for a stranger's
        # failed guesses.
        users.clear_failed_logins(conn, user_id)
        audit.record(
            conn,
            user_id=actor.user_id,
            action="user.password_reset",
            object_type="user",
            object_id=user_id,
            remote_addr=actor.audit_addr,
        )

    await store.write(write)


async def set_credential_reveal(store: Store, actor: Actor, *, user_id: int, allowed: bool) -> None:
    """Let a manager reveal credentials (technicians and admins always may; managers see them
    masked unless granted)."""

    def write(conn: apsw.Connection) -> None:
        acting_user(conn, actor, Permission.MANAGE_SETTINGS)
        user = _existing(conn, user_id)
        if user.role != "manager":
            raise InvalidInput("auth.error.reveal_managers_only")
        users.set_can_reveal_credentials(conn, user_id, allowed)
        audit.record(
            conn,
            user_id=actor.user_id,
            action="user.reveal_grant" if allowed else "user.reveal_revoke",
            object_type="user",
            object_id=user_id,
            remote_addr=actor.audit_addr,
        )

    await store.write(write)


async def set_language(store: Store, *, user_id: int, lang: str) -> None:
    """A user's own choice of language (no permission needed beyond being signed in)."""
    if lang not in LANGUAGES:
        raise InvalidInput("auth.error.lang_unknown")
    await store.write(lambda conn: users.set_lang(conn, user_id, lang))


async def set_notifications(store: Store, *, user_id: int, sound: bool, browser: bool) -> None:
    """A user's own choice of new-ticket sound and browser notification."""
    await store.write(lambda conn: users.set_notify(conn, user_id, sound=sound, browser=browser))
