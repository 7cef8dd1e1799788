"""Throttling of login attempts: after 5 failures for a name, each attempt waits longer.

The delays are the real mechanism with a shorter base (0.25 s instead of 1 s) so the tests stay
fast; the waits are measured from the store's own timestamps of consecutive failures.
"""

from __future__ import annotations

import asyncio
import time
from datetime import timedelta

from nicegui import app
from nicegui.testing import User

from appliance.auth.throttle import ThrottlePolicy, UnknownLoginFailures
from appliance.domain.clock import from_db, utc_now
from appliance.services.signin import LoginGuard, LoginStatus
from appliance.store import users

BASE = 0.25
FAST = ThrottlePolicy(free_attempts=5, base_delay=BASE, max_delay=4 * BASE)


def last_failure(ctx, login):
    record = ctx.store.read_sync(lambda conn: users.login_record(conn, login))
    return record.failed_logins, from_db(record.last_failed_login_at)


def test_policy_doubles_from_the_sixth_attempt_up_to_the_cap() -> None:
    policy = ThrottlePolicy(free_attempts=5, base_delay=1.0, max_delay=8.0)
    assert [policy.delay_after(n) for n in range(4, 11)] == [0, 1, 2, 4, 8, 8, 8]
    assert policy.delay_after(10**6) == 8.0
    now = utc_now()
    assert policy.wait_before_attempt(5, now - timedelta(seconds=0.25), now) == 0.75
    assert policy.wait_before_attempt(5, now - timedelta(seconds=3), now) == 0.0
    assert policy.wait_before_attempt(0, None, now) == 0.0


def test_unknown_name_memory_is_bounded() -> None:
    failures = UnknownLoginFailures(capacity=3)
    now = utc_now()
    for name in ("a", "b", "c", "d"):
        failures.record(name, now)
    failures.record("b", now)
    assert len(failures) == 3
    assert failures.get("a") == (0, None)  # the oldest was forgotten
    assert failures.get("b")[0] == 2


async def test_sixth_wrong_password_waits_and_the_wait_grows(user: User, log_in, admin, ctx):
    await user.open("/login")
    app.state.login_guard.policy = FAST
    for _ in range(5):
        await log_in(admin, password="wrong-password", expect_error=True)
    count, fifth = last_failure(ctx, admin.login)
    assert count == 5
    await user.should_see("Слишком много неудачных попыток", retries=20)

    await log_in(admin, password="wrong-password", expect_error=True)
    count, sixth = last_failure(ctx, admin.login)
    assert count == 6
    assert (sixth - fifth).total_seconds() >= BASE

    await log_in(admin, password="wrong-password", expect_error=True)
    count, seventh = last_failure(ctx, admin.login)
    assert count == 7
    assert (seventh - sixth).total_seconds() >= 2 * BASE

    # The right password is held back too, then accepted, and the count starts again.
    await log_in(admin)
    accepted_at = ctx.store.read_sync(
        lambda conn: conn.execute("SELECT max(at) FROM audit_log WHERE action = 'login'").fetchone()
    )[0]
    assert (from_db(accepted_at) - seventh).total_seconds() >= 4 * BASE
    record = ctx.store.read_sync(lambda conn: users.login_record(conn, admin.login))
    assert record.failed_logins == 0 and record.last_failed_login_at is None


async def test_unknown_names_are_throttled_like_real_ones(ctx) -> None:
    guard = LoginGuard(ctx.store, FAST)
    for _ in range(5):
        result = await guard.attempt("ghost", "password-guess")
        assert result.status is LoginStatus.WRONG and result.waited == 0
    assert result.throttled
    started = time.monotonic()
    sixth = await guard.attempt("GHOST", "password-guess")  # names are case-insensitive
    assert sixth.status is LoginStatus.WRONG
    assert sixth.waited > 0
    assert time.monotonic() - started >= sixth.waited
    rows = ctx.store.read_sync(
        lambda conn: conn.execute(
            "SELECT at FROM audit_log WHERE action = 'login_failed' AND user_id IS NULL ORDER BY id"
        ).fetchall()
    )
    assert len(rows) == 6
    assert (from_db(rows[5][0]) - from_db(rows[4][0])).total_seconds() >= BASE


async def test_parallel_attempts_for_one_name_do_not_get_around_the_delay(ctx, admin) -> None:
    guard = LoginGuard(ctx.store, FAST)
    results = await asyncio.gather(
        guard.attempt(admin.login, "guess-one"),
        guard.attempt(admin.login, "guess-two"),
        guard.attempt(admin.login.upper(), "guess-three"),
    )
    statuses = sorted(r.status.value for r in results)
    assert statuses == ["busy", "busy", "wrong"]
    record = ctx.store.read_sync(lambda conn: users.login_record(conn, admin.login))
    assert record.failed_logins == 1


async def test_the_event_loop_keeps_running_while_an_attempt_waits(ctx, admin) -> None:
    guard = LoginGuard(ctx.store, ThrottlePolicy(free_attempts=0, base_delay=0.5, max_delay=0.5))
    await guard.attempt(admin.login, "wrong-password")  # now every attempt waits 0.5 s
    ticks = 0

    async def ticker() -> None:
        nonlocal ticks
        while True:
            await asyncio.sleep(0.02)
            ticks += 1

    task = asyncio.create_task(ticker())
    result = await guard.attempt(admin.login, admin.password)
    task.cancel()
    assert result.status is LoginStatus.OK and result.waited > 0.3
    assert ticks >= 10  # the loop ran other work during the wait and the Argon2 check


async def test_a_new_password_clears_the_failures(ctx, admin) -> None:
    from appliance.services import accounts
    from appliance.services.actor import Actor

    guard = LoginGuard(ctx.store, FAST)
    for _ in range(6):
        await guard.attempt(admin.login, "wrong-password")
    await accounts.reset_password(
        ctx.store, Actor.user(admin.id), user_id=admin.id, password="fresh-password-1"
    )
    result = await guard.attempt(admin.login, "fresh-password-1")
    assert result.status is LoginStatus.OK and result.waited == 0


def test_a_wrong_name_costs_what_a_wrong_password_costs(production_password_hashing) -> None:
    """Unknown names are verified against DUMMY_HASH: same Argon2id parameters as real hashes,
    so the same work (and both paths write one audit row, see test_login.py)."""
    from argon2 import extract_parameters

    from appliance.auth import passwords

    dummy = extract_parameters(passwords.DUMMY_HASH)
    assert dummy == extract_parameters(passwords.hash_password("some-password-1"))
    assert (dummy.type.name, dummy.memory_cost, dummy.time_cost) == ("ID", 65536, 3)
