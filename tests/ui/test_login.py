"""Login, logout, sessions and the redirect to the login page (NiceGUI ``user`` fixture)."""

from __future__ import annotations

import pytest
from nicegui import app
from nicegui.testing import User

from appliance.auth.passwords import DUMMY_HASH
from appliance.services import accounts
from appliance.services.actor import Actor
from appliance.store import users
from appliance.ui.common.guard import safe_next
from tests.conftest import Account

PROTECTED = ["/tickets", "/clients", "/faq", "/reports", "/settings", "/tickets?q=abc"]


def audit_actions(ctx, user_id=None):
    rows = ctx.store.read_sync(
        lambda conn: conn.execute(
            "SELECT action, user_id, object_id, detail FROM audit_log ORDER BY id"
        ).fetchall()
    )
    return [row for row in rows if user_id is None or row[1] == user_id]


@pytest.mark.parametrize("path", PROTECTED)
async def test_every_page_but_login_needs_a_session(user: User, path: str) -> None:
    response = await user.http_client.get(path, follow_redirects=False)
    assert response.status_code == 303
    assert response.headers["location"].startswith("/login")
    await user.open(path)
    await user.should_see(marker="login-name")
    await user.should_not_see(marker="shell-logout")


async def test_root_redirects_to_the_ticket_list(user: User, log_in, admin) -> None:
    await log_in(admin)
    response = await user.http_client.get("/", follow_redirects=False)
    assert response.headers["location"] == "/tickets"
    await user.open("/")
    await user.should_see(marker="ticket-list")


async def test_login_shows_the_shell_and_logout_ends_the_session(
    user: User, log_in, admin, ctx
) -> None:
    await log_in(admin)
    await user.should_see("Администратор")  # the admin made by a Russian init
    await user.should_see(marker="nav-tickets")
    assert [row[0] for row in audit_actions(ctx)] == ["login"]

    user.find(marker="shell-logout").click()
    await user.should_see(marker="login-name")
    assert [row[0] for row in audit_actions(ctx)] == ["login", "logout"]
    # The session is gone: the shell is no longer reachable with this browser's cookie.
    response = await user.http_client.get("/tickets", follow_redirects=False)
    assert response.status_code == 303


async def test_after_login_the_user_lands_on_the_page_asked_for(user: User, admin) -> None:
    await user.open("/reports")
    await user.should_see(marker="login-name")
    user.find(marker="login-name").type(admin.login)
    user.find(marker="login-password").type(admin.password)
    user.find(marker="login-submit").click()
    await user.should_see(marker="report-statuses", retries=100)


async def test_the_login_page_sends_a_signed_in_browser_on(user: User, log_in, admin) -> None:
    await log_in(admin)
    response = await user.http_client.get("/login?next=/faq", follow_redirects=False)
    assert response.status_code == 303
    assert response.headers["location"] == "/faq"


@pytest.mark.parametrize(
    ("given", "expected"),
    [
        ("/faq?q=x", "/faq?q=x"),
        ("", "/tickets"),
        (None, "/tickets"),
        ("//evil.example/x", "/tickets"),
        ("/\\evil.example", "/tickets"),
        ("https://evil.example/", "/tickets"),
        ("javascript:alert(1)", "/tickets"),
        ("/tickets\r\nSet-Cookie: x=y", "/tickets"),
    ],
)
def test_next_is_only_ever_a_local_path(given, expected) -> None:
    assert safe_next(given) == expected


async def test_wrong_password_is_refused_with_a_clear_message(
    user: User, log_in, admin, ctx
) -> None:
    await log_in(admin, password="not-the-password", expect_error=True)
    await user.should_see("Неверный логин или пароль.")
    await user.should_not_see(marker="shell-logout")
    record = ctx.store.read_sync(lambda conn: users.login_record(conn, admin.login))
    assert record is not None and record.failed_logins == 1
    assert audit_actions(ctx) == [("login_failed", admin.id, admin.id, "")]
    response = await user.http_client.get("/tickets", follow_redirects=False)
    assert response.status_code == 303


async def test_unknown_login_gets_the_same_answer_as_a_wrong_password(
    user: User, log_in, admin, ctx
) -> None:
    stranger = Account(0, "nobody", "whatever-password", "admin")
    await log_in(stranger, expect_error=True)
    await user.should_see("Неверный логин или пароль.")
    # Recorded without the typed name (people type passwords into the name field).
    assert audit_actions(ctx) == [("login_failed", None, None, "")]
    assert DUMMY_HASH.startswith("$argon2id$")


async def test_empty_fields_are_refused_before_any_check(user: User, ctx) -> None:
    await user.open("/login")
    user.find(marker="login-name").type("admin")
    user.find(marker="login-submit").click()
    await user.should_see("Введите логин и пароль")
    assert audit_actions(ctx) == []


async def test_login_name_is_case_insensitive(user: User, log_in, admin) -> None:
    await log_in(Account(admin.id, "ADMIN", admin.password, "admin"))
    await user.should_see(marker="nav-settings")


async def test_a_disabled_user_cannot_log_in(user: User, log_in, add_user, ctx) -> None:
    tech = add_user("technician", active=False)
    await log_in(tech, expect_error=True)
    await user.should_see("Эта учётная запись отключена. Обратитесь к администратору.")
    await user.should_not_see(marker="shell-logout")
    assert audit_actions(ctx, tech.id)[-1][0] == "login_refused_disabled"


async def test_a_disabled_users_open_session_ends_on_the_next_page(
    user: User, log_in, add_user, admin, ctx
) -> None:
    tech = add_user("technician")
    await log_in(tech)
    await user.open("/clients")
    await user.should_see(marker="clients-table")

    await accounts.set_account_active(
        ctx.store, Actor.user(admin.id), user_id=tech.id, active=False
    )

    await user.open("/clients")
    await user.should_see(marker="login-name")
    await user.should_not_see(marker="clients-table")


async def test_a_removed_account_id_in_the_session_is_dropped(user: User, log_in, add_user, ctx):
    tech = add_user("technician")
    await log_in(tech)

    def remove(conn):
        # The product never deletes accounts; a restored older backup can lack one, though.
        # (Building that state here needs the audit log's append-only trigger out of the way.)
        conn.execute("DROP TRIGGER audit_log_no_delete")
        conn.execute("DELETE FROM audit_log WHERE user_id = ?", (tech.id,))
        conn.execute("DELETE FROM users WHERE id = ?", (tech.id,))

    ctx.store.write_sync(remove)
    await user.open("/tickets")
    await user.should_see(marker="login-name")


async def test_the_app_under_test_uses_this_tests_data_dir(user: User, data_dir) -> None:
    await user.open("/login")
    assert app.state.ctx.data_dir.path == data_dir.path


@pytest.mark.parametrize("run", ["first", "second"])
async def test_each_test_gets_a_store_of_its_own(user: User, log_in, add_user, ctx, run) -> None:
    # Both runs add the same login: a store shared between tests would refuse the second.
    probe = add_user("technician", "probe")
    await log_in(probe)
    logins = [u.login for u in await app.state.ctx.store.read(users.list_users)]
    assert logins == ["admin", "probe"]
