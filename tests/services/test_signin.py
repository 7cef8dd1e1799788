"""Signing in and out (``services.signin``): each attempt and each logout leaves one audit row,
written in the same transaction as what it records; a session's account is read afresh."""

from __future__ import annotations

from typing import Any

import apsw
import pytest

from appliance.auth.passwords import hash_password
from appliance.services.actor import Actor
from appliance.services.signin import (
    LoginGuard,
    LoginStatus,
    log_out,
    password_matches,
    signed_in_user,
)
from appliance.store import Store
from appliance.store.users import create_user, login_record, set_active

PASSWORD = "correct-horse-1"


@pytest.fixture
def user_id(store: Store) -> int:
    password_hash = hash_password(PASSWORD)

    def build(conn: apsw.Connection) -> int:
        return create_user(conn, login="ivanov", password_hash=password_hash, role="technician")

    return store.write_sync(build)


def audit(store: Store) -> list[tuple[Any, ...]]:
    return store.read_sync(
        lambda conn: conn.execute(
            "SELECT user_id, action, object_type, object_id, remote_addr FROM audit_log ORDER BY id"
        ).fetchall()
    )


async def test_a_wrong_then_right_password_is_audited_and_clears_the_failures(
    store, user_id
) -> None:
    guard = LoginGuard(store)
    wrong = await guard.attempt("ivanov", "not-it", remote_addr="10.0.0.7")
    assert wrong.status is LoginStatus.WRONG and wrong.user is None
    assert store.read_sync(lambda conn: login_record(conn, "ivanov")).failed_logins == 1  # type: ignore[union-attr]
    right = await guard.attempt(" ivanov ", PASSWORD, remote_addr="10.0.0.7")
    assert right.status is LoginStatus.OK
    assert right.user is not None and right.user.id == user_id
    assert store.read_sync(lambda conn: login_record(conn, "ivanov")).failed_logins == 0  # type: ignore[union-attr]
    assert audit(store) == [
        (user_id, "login_failed", "user", user_id, "10.0.0.7"),
        (user_id, "login", "user", user_id, "10.0.0.7"),
    ]


async def test_an_unknown_name_is_audited_without_the_name(store, user_id) -> None:
    result = await LoginGuard(store).attempt("nobody", PASSWORD, remote_addr="10.0.0.8")
    assert result.status is LoginStatus.WRONG
    assert audit(store) == [(None, "login_failed", "user", None, "10.0.0.8")]
    assert "nobody" not in repr(store.read_sync(lambda c: c.execute("SELECT * FROM audit_log")))


async def test_a_disabled_account_is_refused_after_its_right_password(store, user_id) -> None:
    store.write_sync(lambda conn: set_active(conn, user_id, False))
    result = await LoginGuard(store).attempt("ivanov", PASSWORD)
    assert (result.status, result.user) == (LoginStatus.DISABLED, None)
    assert [row[1] for row in audit(store)] == ["login_refused_disabled"]


async def test_a_session_ends_when_its_account_is_disabled(store, user_id) -> None:
    found = await signed_in_user(store, user_id)
    assert found is not None and found.login == "ivanov"
    store.write_sync(lambda conn: set_active(conn, user_id, False))
    assert await signed_in_user(store, user_id) is None
    assert await signed_in_user(store, user_id + 100) is None


async def test_logout_is_audited_with_the_address(store, user_id) -> None:
    await log_out(store, Actor.user(user_id, remote_addr="10.0.0.9"))
    assert audit(store) == [(user_id, "logout", "user", user_id, "10.0.0.9")]


def test_password_matches_checks_the_current_password_only(store, user_id) -> None:
    assert password_matches(store, "ivanov", PASSWORD)
    assert not password_matches(store, "ivanov", "not-it")
    assert not password_matches(store, "nobody", PASSWORD)
    assert audit(store) == []
