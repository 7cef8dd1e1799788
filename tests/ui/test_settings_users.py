"""Settings -> Users: the admin adds, disables, enables accounts, resets passwords and grants
credential reveal; every change is in the store and in the audit log (NiceGUI ``user``)."""

from __future__ import annotations

import pytest
from nicegui import ui
from nicegui.testing import User

from appliance.auth.passwords import verify_password
from appliance.domain.errors import AppError
from appliance.services import accounts
from appliance.services.actor import Actor
from appliance.store import users
from tests.conftest import Account


def audit(ctx):
    return ctx.store.read_sync(
        lambda conn: conn.execute(
            "SELECT action, user_id, object_type, object_id, detail FROM audit_log"
            " WHERE action NOT IN ('login', 'logout') ORDER BY id"
        ).fetchall()
    )


def account(ctx, login):
    return ctx.store.read_sync(lambda conn: users.find_user(conn, login))


def password_hash(ctx, login):
    return ctx.store.read_sync(lambda conn: users.login_record(conn, login)).password_hash


async def open_settings(user: User, log_in, admin) -> None:
    await log_in(admin)
    await user.open("/settings")
    await user.should_see(marker="users-table")


def fill_new_user(user: User, *, login, password, repeat=None, name="", email="", role=None):
    user.find(marker="add-user").click()
    user.find(marker="new-login").type(login)
    user.find(marker="new-name").type(name)
    user.find(marker="new-email").type(email)
    if role is not None:
        (select,) = user.find(marker="new-role").elements
        with user:
            select.value = role
    user.find(marker="new-password").type(password)
    user.find(marker="new-password-repeat").type(password if repeat is None else repeat)
    user.find(marker="new-create").click()


async def test_the_list_shows_every_account_with_role_and_state(
    user: User, log_in, admin, add_user
) -> None:
    add_user("technician", "ivanov", full_name="Иван Иванов")
    add_user("manager", "petrova", full_name="Мария Петрова", active=False)
    await open_settings(user, log_in, admin)
    with user.scope(marker="user-row-ivanov"):
        await user.should_see("Иван Иванов")
        await user.should_see("Специалист")
        await user.should_see("Активен")
        await user.should_see(marker="disable-ivanov")
    with user.scope(marker="user-row-petrova"):
        await user.should_see("Руководитель")
        await user.should_see("Отключён")
        await user.should_see(marker="enable-petrova")
        await user.should_see(marker="reveal-petrova")
    with user.scope(marker="user-row-admin"):
        await user.should_see("admin (вы)")
        await user.should_not_see(marker="disable-admin")  # nobody disables themselves


async def test_adding_a_user_stores_the_account_and_audits_it(
    user: User, log_in, admin, ctx
) -> None:
    await open_settings(user, log_in, admin)
    fill_new_user(
        user,
        login="sidorov",
        password="sidorov-pass-1",
        name="Пётр Сидоров",
        email="sidorov@example.com",
        role="manager",
    )
    await user.should_see("Пользователь добавлен", retries=30)
    await user.should_see(marker="user-row-sidorov")
    created = account(ctx, "sidorov")
    assert created is not None
    assert (created.role, created.full_name, created.email, created.active) == (
        "manager",
        "Пётр Сидоров",
        "sidorov@example.com",
        True,
    )
    assert verify_password(password_hash(ctx, "sidorov"), "sidorov-pass-1")
    assert password_hash(ctx, "sidorov").startswith("$argon2id$")
    assert audit(ctx) == [("user.create", admin.id, "user", created.id, "role=manager")]


async def test_a_new_user_can_sign_in(user: User, log_in, admin, ctx) -> None:
    await open_settings(user, log_in, admin)
    fill_new_user(user, login="newtech", password="newtech-pass-1")
    await user.should_see(marker="user-row-newtech", retries=30)
    user.find(marker="shell-logout").click()
    await user.should_see(marker="login-name")
    await log_in(Account(0, "newtech", "newtech-pass-1", "technician"))
    with user.scope(marker="shell-user"):
        await user.should_see("Специалист")  # the default role of the form


@pytest.mark.parametrize(
    ("login", "password", "repeat", "message"),
    [
        ("admin", "long-enough-1", None, "Логин «admin» уже занят"),
        ("ADMIN", "long-enough-1", None, "Логин «ADMIN» уже занят"),
        ("", "long-enough-1", None, "Укажите логин"),
        ("два слова", "long-enough-1", None, "Логин: до 64 символов"),
        ("x" * 65, "long-enough-1", None, "Логин: до 64 символов"),
        ("shorty", "short", None, "Пароль должен быть не короче 8 символов"),
        ("mismatch", "long-enough-1", "long-enough-2", "Пароли не совпадают"),
    ],
)
async def test_bad_new_user_input_is_refused_and_nothing_is_stored(
    user: User, log_in, admin, ctx, login, password, repeat, message
) -> None:
    await open_settings(user, log_in, admin)
    fill_new_user(user, login=login, password=password, repeat=repeat)
    await user.should_see(message, retries=30)
    assert [u.login for u in ctx.store.read_sync(users.list_users)] == ["admin"]
    assert audit(ctx) == []


async def test_disable_and_enable_a_user(user: User, log_in, admin, add_user, ctx) -> None:
    tech = add_user("technician", "ivanov")
    await open_settings(user, log_in, admin)

    user.find(marker="disable-ivanov").click()
    await user.should_see("Учётная запись отключена", retries=30)
    await user.should_see(marker="enable-ivanov")
    assert account(ctx, "ivanov").active is False

    user.find(marker="enable-ivanov").click()
    await user.should_see("Учётная запись включена", retries=30)
    await user.should_see(marker="disable-ivanov")
    assert account(ctx, "ivanov").active is True
    assert audit(ctx) == [
        ("user.disable", admin.id, "user", tech.id, ""),
        ("user.enable", admin.id, "user", tech.id, ""),
    ]


async def test_reset_password(user: User, log_in, admin, add_user, ctx) -> None:
    tech = add_user("technician", "ivanov")
    ctx.store.write_sync(lambda conn: users.record_failed_login(conn, tech.id, "2030-01-01"))
    await open_settings(user, log_in, admin)
    user.find(marker="reset-ivanov").click()
    (dialog,) = [e for e in user.find(ui.dialog).elements if e.value]
    user.find(marker="reset-password").type("brand-new-pass")
    user.find(marker="reset-password-repeat").type("brand-new-pass")
    user.find(marker="reset-save").click()
    await user.should_see("Пароль изменён", retries=30)
    assert not dialog.value
    assert verify_password(password_hash(ctx, "ivanov"), "brand-new-pass")
    assert not verify_password(password_hash(ctx, "ivanov"), tech.password)
    record = ctx.store.read_sync(lambda conn: users.login_record(conn, "ivanov"))
    assert record.failed_logins == 0
    assert audit(ctx) == [("user.password_reset", admin.id, "user", tech.id, "")]


@pytest.mark.parametrize(
    ("password", "repeat", "message"),
    [
        ("short", "short", "Пароль должен быть не короче 8 символов"),
        ("long-enough-1", "long-enough-2", "Пароли не совпадают"),
    ],
)
async def test_bad_reset_is_refused(
    user: User, log_in, admin, add_user, ctx, password, repeat, message
) -> None:
    tech = add_user("technician", "ivanov")
    before = password_hash(ctx, "ivanov")
    await open_settings(user, log_in, admin)
    user.find(marker="reset-ivanov").click()
    user.find(marker="reset-password").type(password)
    user.find(marker="reset-password-repeat").type(repeat)
    user.find(marker="reset-save").click()
    await user.should_see(message, retries=30)
    assert password_hash(ctx, "ivanov") == before
    assert verify_password(before, tech.password)
    assert audit(ctx) == []


async def test_grant_and_revoke_credential_reveal_for_a_manager(
    user: User, log_in, admin, add_user, ctx
) -> None:
    boss = add_user("manager", "petrova")
    await open_settings(user, log_in, admin)
    user.find(marker="reveal-petrova").click()
    await user.should_see("Право раскрытия паролей изменено", retries=30)
    assert account(ctx, "petrova").can_reveal_credentials is True
    user.notify.messages.clear()
    user.find(marker="reveal-petrova").click()
    await user.should_see("Право раскрытия паролей изменено", retries=30)
    assert account(ctx, "petrova").can_reveal_credentials is False
    assert audit(ctx) == [
        ("user.reveal_grant", admin.id, "user", boss.id, ""),
        ("user.reveal_revoke", admin.id, "user", boss.id, ""),
    ]


# -- H1: the acting admin is read again by every change ------------------------------------


async def test_a_disabled_admin_cannot_act_from_a_settings_page_opened_before(
    user: User, log_in, admin, add_user, ctx
) -> None:
    """Hardening H1: admin2 opens Settings, is disabled from the command line, and the open page
    can neither add an admin nor enable anyone; nothing is written or audited."""
    admin2 = add_user("admin", "admin2")
    add_user("technician", "sidorov", active=False)
    await open_settings(user, log_in, admin2)
    await accounts.set_account_active(ctx.store, Actor.cli(), user_id=admin2.id, active=False)
    before = audit(ctx)

    fill_new_user(user, login="intruder", password="long-enough-1", role="admin")
    await user.should_see("Ваша учётная запись отключена или удалена")
    assert account(ctx, "intruder") is None

    user.find(marker="enable-sidorov").click()
    await user.should_see("Ваша учётная запись отключена или удалена")
    assert account(ctx, "sidorov").active is False
    assert audit(ctx) == before


async def test_an_admin_demoted_to_technician_loses_the_open_page_at_once(
    user: User, log_in, admin, add_user, ctx
) -> None:
    admin2 = add_user("admin", "admin2")
    await open_settings(user, log_in, admin2)
    ctx.store.write_sync(
        lambda conn: conn.execute("UPDATE users SET role = 'technician' WHERE id = ?", (admin2.id,))
    )
    fill_new_user(user, login="intruder", password="long-enough-1", role="admin")
    await user.should_see("Недостаточно прав для этого действия")
    assert account(ctx, "intruder") is None


# -- the rules behind the page (appliance.services.accounts) --------------------------------------


async def test_nobody_disables_their_own_account(ctx, admin) -> None:
    with pytest.raises(AppError) as caught:
        await accounts.set_account_active(
            ctx.store, Actor.user(admin.id), user_id=admin.id, active=False
        )
    assert caught.value.key == "auth.error.cannot_disable_self"
    assert account(ctx, "admin").active


async def test_the_last_active_admin_stays(ctx, admin, add_user) -> None:
    second = add_user("admin", "admin2")
    await accounts.set_account_active(
        ctx.store, Actor.user(second.id), user_id=admin.id, active=False
    )
    with pytest.raises(AppError) as caught:
        await accounts.set_account_active(ctx.store, Actor.cli(), user_id=second.id, active=False)
    assert caught.value.key == "auth.error.last_admin"
    assert account(ctx, "admin2").active


@pytest.mark.parametrize("role", ["admin", "technician"])
async def test_reveal_is_granted_to_managers_only(ctx, admin, add_user, role) -> None:
    other = admin if role == "admin" else add_user(role)
    with pytest.raises(AppError) as caught:
        await accounts.set_credential_reveal(
            ctx.store, Actor.user(admin.id), user_id=other.id, allowed=True
        )
    assert caught.value.key == "auth.error.reveal_managers_only"
    assert audit(ctx) == []


async def test_changes_to_a_missing_account_are_refused(ctx, admin) -> None:
    with pytest.raises(AppError) as caught:
        await accounts.reset_password(
            ctx.store, Actor.user(admin.id), user_id=999, password="long-enough-1"
        )
    assert caught.value.key == "auth.error.user_missing"
    assert audit(ctx) == []
