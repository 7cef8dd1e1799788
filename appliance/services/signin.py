"""Signing in and out: the login check (Argon2id off the event loop, throttling), the account
behind a session, and the audit rows of login and logout.

One ``LoginGuard`` per running app (``app.state.login_guard``, made by ``appliance.web.build``).

- A wrong login name costs the same as a wrong password: the password is verified against
  ``DUMMY_HASH`` and one audit row is written either way.
- After ``policy.free_attempts`` failures for a name, the next attempt waits (``asyncio.sleep``,
  never blocking the loop) until the growing delay since the last failure has passed.
- Only one attempt per login name is checked at a time; a parallel one is refused at once
  (``BUSY``), so running attempts side by side does not get around the delay.
- Failures are counted per source address too (``ADDRESS_POLICY``): one password tried across
  many names from one address is slowed like many passwords on one name.
- A browser that signed in as this name before (``known_login``, kept in its session storage)
  skips the per-name delay: a stranger's failed guesses cannot lock the owner out of their own
  browser. The address delay still applies.
- A disabled account is refused only after its correct password, so the answer does not tell
  a prober which names exist.
"""

from __future__ import annotations

import asyncio
import enum
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime

import apsw

from appliance.auth import passwords
from appliance.auth.throttle import (
    ADDRESS_POLICY,
    ADDRESS_WINDOW,
    ThrottlePolicy,
    UnknownLoginFailures,
)
from appliance.domain.clock import from_db, to_db, utc_now
from appliance.services.actor import Actor
from appliance.store import Store, audit, users
from appliance.store.users import LoginRecord, User

__all__ = ["LoginGuard", "LoginResult", "LoginStatus", "User"]


class LoginStatus(enum.Enum):
    OK = "ok"
    WRONG = "wrong"  # wrong name or wrong password: the same answer for both
    DISABLED = "disabled"  # right password, account disabled
    BUSY = "busy"  # another attempt for this name is being checked


@dataclass(frozen=True)
class LoginResult:
    status: LoginStatus
    user: User | None = None
    waited: float = 0.0  # seconds this attempt was held back by throttling
    throttled: bool = False  # further attempts for this name will be held back


class LoginGuard:
    def __init__(
        self,
        store: Store,
        policy: ThrottlePolicy | None = None,
        *,
        address_policy: ThrottlePolicy = ADDRESS_POLICY,
        clock: Callable[[], datetime] = utc_now,
    ) -> None:
        self.store = store
        self.policy = policy or ThrottlePolicy()
        self.address_policy = address_policy
        self._clock = clock
        self._unknown = UnknownLoginFailures()
        self._by_address = UnknownLoginFailures()
        self._in_flight: set[str] = set()

    async def attempt(
        self,
        login: str,
        password: str,
        *,
        remote_addr: str = "",
        known_login: str | None = None,
    ) -> LoginResult:
        login = login.strip()
        key = login.casefold()
        if key in self._in_flight:
            return LoginResult(LoginStatus.BUSY)
        self._in_flight.add(key)
        try:
            own = known_login is not None and known_login.strip().casefold() == key
            return await self._check(login, key, password, remote_addr, own_browser=own)
        finally:
            self._in_flight.discard(key)

    def _address_failures(self, remote_addr: str, now: datetime) -> tuple[int, datetime | None]:
        count, last = self._by_address.get(remote_addr)
        if last is not None and now - last > ADDRESS_WINDOW:
            self._by_address.forget(remote_addr)
            return 0, None
        return count, last

    async def _check(
        self, login: str, key: str, password: str, remote_addr: str, *, own_browser: bool
    ) -> LoginResult:
        record = await self.store.read(lambda conn: users.login_record(conn, login))
        if record is not None:
            failures = record.failed_logins
            last = from_db(record.last_failed_login_at) if record.last_failed_login_at else None
        else:
            failures, last = self._unknown.get(key)
        now = self._clock()
        name_wait = 0.0 if own_browser else self.policy.wait_before_attempt(failures, last, now)
        address_failures, address_last = self._address_failures(remote_addr, now)
        address_wait = self.address_policy.wait_before_attempt(address_failures, address_last, now)
        waited = max(name_wait, address_wait)
        if waited > 0:
            await asyncio.sleep(waited)

        password_hash = record.password_hash if record is not None else passwords.DUMMY_HASH
        correct = await asyncio.to_thread(passwords.verify_password, password_hash, password)
        if record is None or not correct:
            await self._record_failure(record, key, remote_addr)
            throttled = (
                self.policy.delay_after(failures + 1) > 0
                or self.address_policy.delay_after(address_failures + 1) > 0
            )
            return LoginResult(LoginStatus.WRONG, waited=waited, throttled=throttled)

        new_hash = None
        if passwords.needs_rehash(record.password_hash):
            new_hash = await asyncio.to_thread(passwords.hash_password, password)
        user = await self.store.write(
            lambda conn: _record_success(conn, record, new_hash, remote_addr)
        )
        status = LoginStatus.OK if record.active else LoginStatus.DISABLED
        return LoginResult(status, user=user if record.active else None, waited=waited)

    async def _record_failure(self, record: LoginRecord | None, key: str, remote_addr: str) -> None:
        now = self._clock()
        if record is None:
            self._unknown.record(key, now)
        self._address_failures(remote_addr, now)  # an old episode is forgotten first
        self._by_address.record(remote_addr, now)

        def write(conn: apsw.Connection) -> None:
            if record is not None:
                users.record_failed_login(conn, record.id, to_db(now))
            # The typed name is not recorded: people type passwords into the name field.
            audit.record(
                conn,
                user_id=record.id if record else None,
                action="login_failed",
                object_type="user",
                object_id=record.id if record else None,
                remote_addr=remote_addr,
            )

        await self.store.write(write)


def _record_success(
    conn: apsw.Connection, record: LoginRecord, new_hash: str | None, remote_addr: str
) -> User | None:
    users.clear_failed_logins(conn, record.id)
    if new_hash is not None:
        users.set_password_hash(conn, record.id, new_hash)
    action = "login" if record.active else "login_refused_disabled"
    audit.record(
        conn,
        user_id=record.id,
        action=action,
        object_type="user",
        object_id=record.id,
        remote_addr=remote_addr,
    )
    return users.get_user(conn, record.id)


async def signed_in_user(store: Store, user_id: int) -> User | None:
    """The account behind a session, read now; None when it is gone or disabled (the session
    then ends: a disabled account loses its open pages at the next one)."""
    user = await store.read(lambda conn: users.get_user(conn, user_id))
    return user if user is not None and user.active else None


async def log_out(store: Store, actor: Actor) -> None:
    """Record that the actor signed out (the page then forgets the session)."""
    user_id = actor.user_id
    await store.write(
        lambda conn: audit.record(
            conn,
            user_id=user_id,
            action="logout",
            object_type="user",
            object_id=user_id,
            remote_addr=actor.remote_addr,
        )
    )


def password_matches(store: Store, login: str, password: str) -> bool:
    """Whether ``password`` is the current password of ``login`` (the command line: is the
    demo's kept password still valid?). No audit row and no throttling: only the box's
    administrator, who holds the data directory, can ask."""
    record = store.read_sync(lambda conn: users.login_record(conn, login))
    return record is not None and passwords.verify_password(record.password_hash, password)
