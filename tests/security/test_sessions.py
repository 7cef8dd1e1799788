"""M2: a session ends when its account's password is reset or the account is disabled (even a
copied cookie, even after the account is enabled again), and sign-in issues a new session id."""

from __future__ import annotations

import base64
import json
import os
import subprocess
import sys

import httpx
import pytest
from nicegui.testing import User

from appliance.commands.users import USER_PASSWORD_ENV
from appliance.context import AppContext
from appliance.services import accounts
from appliance.services.actor import Actor
from tests.conftest import Account
from tests.ui.ticket_seed import Seed, seed_client


@pytest.fixture
def seed(ctx: AppContext) -> Seed:
    return seed_client(ctx.store)


async def still_signed_in(user: User, path: str = "/tickets") -> bool:
    response = await user.http_client.get(path, follow_redirects=False)
    assert response.status_code in (200, 303)
    return response.status_code == 200


async def test_a_password_reset_ends_the_session(
    user: User, log_in, add_user, ctx: AppContext, seed: Seed
) -> None:
    tech: Account = add_user("technician")
    await log_in(tech)
    assert await still_signed_in(user)
    screenshot = f"/ui/blobs/{seed.screenshot_sha}"
    assert (await user.http_client.get(screenshot)).status_code == 200

    await accounts.reset_password(ctx.store, Actor.cli(), user_id=tech.id, password="N3w-pass-1234")

    assert (await user.http_client.get(screenshot)).status_code == 401
    assert not await still_signed_in(user)
    # The owner signs in again with the new password and works on.
    await log_in(Account(tech.id, tech.login, "N3w-pass-1234", tech.role))
    assert await still_signed_in(user)


async def test_a_disable_ends_the_session_for_good(
    user: User, log_in, add_user, ctx: AppContext
) -> None:
    tech: Account = add_user("technician")
    await log_in(tech)
    assert await still_signed_in(user)

    await accounts.set_account_active(ctx.store, Actor.cli(), user_id=tech.id, active=False)
    await accounts.set_account_active(ctx.store, Actor.cli(), user_id=tech.id, active=True)

    # Enabled again, but the session opened before the disable does not come back.
    assert not await still_signed_in(user)


async def test_a_role_change_ends_the_session_and_is_audited(
    user: User, log_in, add_user, admin, ctx: AppContext
) -> None:
    manager: Account = add_user("manager")
    await log_in(manager)
    assert await still_signed_in(user)

    done = subprocess.run(
        [*CLI, "user", "role", manager.login, "technician", "--data-dir", str(ctx.data_dir.path)],
        env={k: v for k, v in os.environ.items() if not k.startswith("PYTEST_")},
        capture_output=True,
        text=True,
    )
    assert done.returncode == 0, done.stderr

    assert not await still_signed_in(user)
    await log_in(manager)  # under the new role
    assert (await user.http_client.get("/tickets/new", follow_redirects=False)).status_code == 200
    audited = ctx.store.read_sync(
        lambda conn: conn.execute(
            "SELECT object_id, detail, remote_addr FROM audit_log WHERE action = 'user.role'"
        ).fetchall()
    )
    assert audited == [(manager.id, "manager -> technician", "cli")]
    # The last admin keeps the role.
    refused = subprocess.run(
        [*CLI, "user", "role", admin.login, "manager", "--data-dir", str(ctx.data_dir.path)],
        env={k: v for k, v in os.environ.items() if not k.startswith("PYTEST_")},
        capture_output=True,
        text=True,
    )
    assert refused.returncode == 1 and refused.stderr.strip()


async def test_other_changes_keep_the_session(user: User, log_in, add_user, ctx) -> None:
    tech: Account = add_user("manager")
    await log_in(tech)
    await accounts.set_credential_reveal(ctx.store, Actor.cli(), user_id=tech.id, allowed=True)
    assert await still_signed_in(user)


CLI = [sys.executable, "-m", "appliance.cli"]


def browser_id_of(cookie_value: str) -> str:
    """The NiceGUI browser id inside Starlette's signed session cookie (base64 JSON payload)."""
    payload = cookie_value.split(".")[0]
    data = json.loads(base64.b64decode(payload + "=" * (-len(payload) % 4)))
    return str(data["id"])


@pytest.mark.browser
@pytest.mark.slow
def test_sign_in_renews_the_session_id_and_a_copied_cookie_dies_with_the_password(
    browser, admin, live_server
) -> None:
    browser.open("/login")
    browser.wait_text("Войти")
    planted = browser.driver.get_cookie("session")["value"]
    browser.fill("Логин", admin.login)
    browser.fill("Пароль", admin.password)
    browser.click_text("Войти")
    browser.wait_text("Выйти")
    signed_in = browser.driver.get_cookie("session")["value"]
    assert browser_id_of(signed_in) != browser_id_of(planted)

    def opens_tickets(cookie: str) -> bool:
        response = httpx.get(
            live_server.url("/tickets"), cookies={"session": cookie}, follow_redirects=False
        )
        return response.status_code == 200

    # A cookie planted before sign-in (session fixation) is not signed in; the new one is.
    assert not opens_tickets(planted)
    assert opens_tickets(signed_in)

    env = {k: v for k, v in os.environ.items() if not k.startswith("PYTEST_")}
    env[USER_PASSWORD_ENV] = "An0ther-pass-987"
    subprocess.run(
        [*CLI, "user", "passwd", admin.login, "--data-dir", str(live_server.data_dir.path)],
        env=env,
        check=True,
        capture_output=True,
    )
    assert not opens_tickets(signed_in)  # the copied cookie
    browser.open("/tickets")
    browser.wait_text("Войти")  # and the browser itself
