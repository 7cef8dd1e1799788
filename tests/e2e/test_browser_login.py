"""A real Chromium against a real ``tiketnitsa serve``: sign in, the shell in Russian, switch to
English, sign out; a wrong password gets a clear message."""

from __future__ import annotations

from pathlib import Path

import pytest
from PIL import Image

from appliance.store import users

pytestmark = [pytest.mark.browser, pytest.mark.slow]

RU_LOGIN = ("Логин", "Пароль", "Войти")


def assert_screenshot(path: Path) -> None:
    with Image.open(path) as image:
        assert image.size == (1366, 768)


def test_wrong_password_gets_a_clear_message(browser, admin, tmp_path: Path) -> None:
    browser.login(admin.login, "not-the-password", labels=RU_LOGIN)
    browser.wait_text("Неверный логин или пароль.")
    assert "Выйти" not in browser.page_text()
    assert_screenshot(browser.screenshot(tmp_path / "login-error.png"))


def test_sign_in_see_the_shell_in_russian_then_switch_to_english(
    browser, admin, ctx, tmp_path: Path
) -> None:
    browser.login(admin.login, admin.password, labels=RU_LOGIN)
    browser.wait_text("Выйти")
    text = browser.page_text()
    for label in ("Тикетница", "Заявки", "Клиенты", "База знаний", "Отчёты", "Настройки"):
        assert label in text
    # A Russian installation names its admin in Russian: no English word in the Russian shell.
    assert "Администратор" in text and "Administrator" not in text
    assert_screenshot(browser.screenshot(tmp_path / "shell-ru.png"))

    browser.click_text("EN")
    browser.wait_text("Log out")
    text = browser.page_text()
    for label in (
        "Tiketnitsa",
        "Tickets",
        "Clients",
        "FAQ",
        "Reports",
        "Settings",
        "Administrator",
    ):
        assert label in text
    assert "Выйти" not in text
    assert ctx.store.read_sync(lambda conn: users.get_user(conn, admin.id)).lang == "en"

    browser.open("/settings")
    browser.wait_text("Add user")

    browser.click_text("Log out")
    browser.wait_text("Sign in")
    browser.open("/tickets")
    browser.wait_text("Sign in")  # the session is over

    # The server runs the production Argon2id profile and upgraded the cheap test hash.
    record = ctx.store.read_sync(lambda conn: users.login_record(conn, admin.login))
    assert record.password_hash.startswith("$argon2id$v=19$m=65536,t=3,p=4$")
