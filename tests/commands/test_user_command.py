"""``tiketnitsa user``: add, passwd, disable/enable, list; each change audited, each refusal one
sentence in the installation's language with the store unchanged."""

from __future__ import annotations

import pytest

from appliance.auth.passwords import verify_password
from appliance.cli import EXIT_CODES
from appliance.commands.users import USER_PASSWORD_ENV
from appliance.context import AppContext
from appliance.i18n import t
from appliance.store import users
from tests.commands.helpers import cli
from tests.conftest import ADMIN_PASSWORD

NEW_PASSWORD = "new-password-42"


def _audit(ctx: AppContext) -> list[tuple[object, ...]]:
    return ctx.store.read_sync(
        lambda conn: conn.execute(
            "SELECT user_id, action, object_type, object_id, detail, remote_addr"
            " FROM audit_log ORDER BY id"
        ).fetchall()
    )


def _users(ctx: AppContext) -> list[tuple[object, ...]]:
    return ctx.store.read_sync(
        lambda conn: conn.execute(
            "SELECT id, login, role, full_name, active, password_hash FROM users ORDER BY id"
        ).fetchall()
    )


def _hash_of(ctx: AppContext, login: str) -> str:
    found = ctx.store.read_sync(lambda conn: users.password_hash_of(conn, login))
    assert found is not None
    return found[1]


def test_user_add_creates_the_user_and_audits_it(
    capsys: pytest.CaptureFixture[str], ctx: AppContext, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv(USER_PASSWORD_ENV, NEW_PASSWORD)

    outcome = cli(
        capsys, "user", "add", "ivanova", "--role", "technician", "--name", "Иванова А. С."
    )

    assert outcome.code == 0, outcome.err
    assert outcome.out == t("admincli.user_added", "ru", login="ivanova", role="technician") + "\n"
    created = ctx.store.read_sync(lambda conn: users.find_user(conn, "ivanova"))
    assert created is not None
    assert (created.role, created.full_name, created.active) == (
        "technician",
        "Иванова А. С.",
        True,
    )
    assert verify_password(_hash_of(ctx, "ivanova"), NEW_PASSWORD)
    assert _audit(ctx)[-1] == (None, "user.create", "user", created.id, "role=technician", "cli")


INVALID, NOT_FOUND, CONFLICT = (EXIT_CODES[k] for k in ("invalid_input", "not_found", "conflict"))
TAKEN = t("auth.error.login_taken", "ru", login="admin")
BAD_ROLE = t("admincli.role_unknown", "ru", role="boss", roles="admin, technician, manager")
NO_PASSWORD = t("admincli.no_password", "ru", env=USER_PASSWORD_ENV)


@pytest.mark.parametrize(
    ("argv", "password", "message", "code"),
    [
        (["admin", "--role", "technician"], NEW_PASSWORD, TAKEN, CONFLICT),
        (["ADMIN", "--role", "manager"], NEW_PASSWORD, TAKEN.replace("admin", "ADMIN"), CONFLICT),
        (["petrov", "--role", "boss"], NEW_PASSWORD, BAD_ROLE, INVALID),
        (["petrov", "--role", "technician"], "short", t("password.too_short", "ru"), INVALID),
        (["petrov", "--role", "technician"], None, NO_PASSWORD, INVALID),
        (
            ["пет ров", "--role", "technician"],
            NEW_PASSWORD,
            t("auth.error.login_invalid", "ru"),
            INVALID,
        ),
    ],
    ids=["existing", "existing-other-case", "bad-role", "short", "no-password", "bad-login"],
)
def test_user_add_refusals_leave_the_store_unchanged(
    capsys: pytest.CaptureFixture[str],
    ctx: AppContext,
    monkeypatch: pytest.MonkeyPatch,
    argv: list[str],
    password: str | None,
    message: str,
    code: int,
) -> None:
    if password is None:
        monkeypatch.delenv(USER_PASSWORD_ENV, raising=False)
    else:
        monkeypatch.setenv(USER_PASSWORD_ENV, password)
    users_before, audit_before = _users(ctx), _audit(ctx)

    outcome = cli(capsys, "user", "add", *argv)

    assert outcome.code == code
    assert outcome.err == f"tiketnitsa: {message}\n"
    assert _users(ctx) == users_before
    assert _audit(ctx) == audit_before


@pytest.mark.parametrize("install_lang", ["en"])
def test_refusals_speak_the_installation_language(
    capsys: pytest.CaptureFixture[str], ctx: AppContext, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv(USER_PASSWORD_ENV, NEW_PASSWORD)
    outcome = cli(capsys, "user", "passwd", "nobody")
    assert outcome.err == "tiketnitsa: There is no user “nobody”\n"


def test_user_passwd_sets_a_new_password_and_audits_it(
    capsys: pytest.CaptureFixture[str], ctx: AppContext, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv(USER_PASSWORD_ENV, NEW_PASSWORD)

    outcome = cli(capsys, "user", "passwd", "admin")

    assert outcome.code == 0, outcome.err
    new_hash = _hash_of(ctx, "admin")
    assert verify_password(new_hash, NEW_PASSWORD)
    assert not verify_password(new_hash, ADMIN_PASSWORD)
    admin_id = ctx.store.read_sync(lambda conn: users.find_user(conn, "admin")).id  # type: ignore[union-attr]
    assert _audit(ctx)[-1] == (None, "user.password_reset", "user", admin_id, "", "cli")


@pytest.mark.parametrize(
    ("login", "password", "message", "code"),
    [
        ("nobody", NEW_PASSWORD, t("admincli.login_unknown", "ru", login="nobody"), NOT_FOUND),
        ("admin", "1234567", t("password.too_short", "ru"), INVALID),
    ],
)
def test_user_passwd_refusals_keep_the_old_password(
    capsys: pytest.CaptureFixture[str],
    ctx: AppContext,
    monkeypatch: pytest.MonkeyPatch,
    login: str,
    password: str,
    message: str,
    code: int,
) -> None:
    monkeypatch.setenv(USER_PASSWORD_ENV, password)
    users_before, audit_before = _users(ctx), _audit(ctx)

    outcome = cli(capsys, "user", "passwd", login)

    assert (outcome.code, outcome.err) == (code, f"tiketnitsa: {message}\n")
    assert _users(ctx) == users_before
    assert _audit(ctx) == audit_before
    assert verify_password(_hash_of(ctx, "admin"), ADMIN_PASSWORD)


def test_user_disable_and_enable_are_audited_once_each(
    capsys: pytest.CaptureFixture[str], ctx: AppContext, add_user
) -> None:  # type: ignore[no-untyped-def]
    tech = add_user("technician", "smirnov")

    assert cli(capsys, "user", "disable", "smirnov").code == 0
    again = cli(capsys, "user", "disable", "smirnov")
    assert cli(capsys, "user", "enable", "smirnov").code == 0

    assert again.out == t("admincli.already_disabled", "ru", login="smirnov") + "\n"
    actions = [row[1] for row in _audit(ctx) if row[3] == tech.id]
    assert actions == ["user.disable", "user.enable"]
    found = ctx.store.read_sync(lambda conn: users.find_user(conn, "smirnov"))
    assert found is not None and found.active


def test_the_last_active_admin_cannot_be_disabled(
    capsys: pytest.CaptureFixture[str], ctx: AppContext
) -> None:
    audit_before = _audit(ctx)

    outcome = cli(capsys, "user", "disable", "admin")

    assert (outcome.code, outcome.err) == (1, f"tiketnitsa: {t('auth.error.last_admin', 'ru')}\n")
    assert _audit(ctx) == audit_before


def test_user_disable_of_an_unknown_login(
    capsys: pytest.CaptureFixture[str], ctx: AppContext
) -> None:
    outcome = cli(capsys, "user", "disable", "ghost")
    assert (outcome.code, outcome.err) == (
        NOT_FOUND,
        f"tiketnitsa: {t('admincli.login_unknown', 'ru', login='ghost')}\n",
    )


def test_user_list_shows_every_user_with_role_and_state(
    capsys: pytest.CaptureFixture[str], ctx: AppContext, add_user
) -> None:  # type: ignore[no-untyped-def]
    add_user("manager", "boss", full_name="Начальников Иван", active=False)

    outcome = cli(capsys, "user", "list")

    lines = outcome.out.splitlines()
    assert lines[0] == t("admincli.users_header", "ru")
    assert lines[1].split() == ["admin", "Администратор", "активен", "Администратор"]
    assert lines[2].split() == ["boss", "Руководитель", "отключён", "Начальников", "Иван"]
