"""Login throttling per source address (one password across many names is slowed) and a real
user's own browser staying usable while a stranger guesses at their name."""

from __future__ import annotations

from nicegui import app
from nicegui.testing import User

from appliance.auth.throttle import ThrottlePolicy
from appliance.services.signin import LoginGuard, LoginStatus

BASE = 0.2
BY_NAME = ThrottlePolicy(free_attempts=3, base_delay=BASE, max_delay=4 * BASE)
BY_ADDRESS = ThrottlePolicy(free_attempts=4, base_delay=BASE, max_delay=4 * BASE)
ATTACKER = "203.0.113.9"
OWNER = "198.51.100.7"


async def test_one_password_across_many_names_is_slowed(ctx, add_user) -> None:
    for index in range(6):
        add_user("technician", f"tech{index}")
    guard = LoginGuard(ctx.store, BY_NAME, address_policy=BY_ADDRESS)
    waits = []
    for index in range(6):  # each name fails once only: the per-name count never trips
        result = await guard.attempt(f"tech{index}", "Summer2026!", remote_addr=ATTACKER)
        assert result.status is LoginStatus.WRONG
        waits.append(result.waited)
    free = BY_ADDRESS.free_attempts
    assert waits[:free] == [0] * free
    assert all(wait > BASE / 2 for wait in waits[free:])
    # Another address is not held back by this one's failures.
    other = await guard.attempt("tech0", "wrong", remote_addr=OWNER)
    assert other.waited == 0


async def test_the_owners_own_browser_is_not_locked_out_by_a_stranger(ctx, admin) -> None:
    guard = LoginGuard(ctx.store, BY_NAME, address_policy=BY_ADDRESS)
    for _ in range(BY_NAME.free_attempts + 1):
        await guard.attempt(admin.login, "guess", remote_addr=ATTACKER)
    stranger = await guard.attempt(admin.login, admin.password, remote_addr="192.0.2.1")
    assert stranger.waited > 0  # anyone else waits for this name
    for _ in range(BY_NAME.free_attempts + 1):
        await guard.attempt(admin.login, "guess", remote_addr=ATTACKER)
    owner = await guard.attempt(
        admin.login, admin.password, remote_addr=OWNER, known_login=admin.login.upper()
    )
    assert owner.status is LoginStatus.OK
    assert owner.waited == 0


async def test_the_login_page_remembers_who_signed_in_here(user: User, log_in, admin) -> None:
    """After signing out, this browser's next attempt for the same name skips the name delay."""
    guard: LoginGuard = app.state.login_guard
    guard.policy = ThrottlePolicy(free_attempts=0, base_delay=30.0, max_delay=30.0)
    await log_in(admin)
    user.find(marker="shell-logout").click()
    await user.should_see(marker="login-name")
    await guard.attempt(admin.login, "guess", remote_addr=ATTACKER)  # the name now waits 30 s
    await log_in(admin)  # well within the test's time: no 30 s wait for the owner
