"""Screenshots of the clients list and every tab of a client card at 1366×768, on the demo data
(docs/screenshots/clients-*.png), for a person to look at. Each shot also checks the tab shows
what it is about."""

from __future__ import annotations

from pathlib import Path

import pytest

from appliance.context import AppContext
from appliance.demo.generate import generate_demo
from tests.conftest import Account, Browser, LiveServer

pytestmark = [pytest.mark.browser, pytest.mark.slow]

DOCS = Path(__file__).resolve().parents[2] / "docs" / "screenshots"
RU_LOGIN = ("Логин", "Пароль", "Войти")
# Tab -> a text the tab shows once drawn.
TABS = {
    "overview": "Реквизиты и контакты",
    "people": "Логины в ОС",
    "equipment": "Гарантия до",
    "network": "Сеть организации",
    "credentials": "Пароль сменён",
    "licenses": "Занято",
    "devices": "На связи",
    "tickets": "Все заявки клиента в списке",
}


@pytest.fixture
def demo_ctx(ctx: AppContext) -> AppContext:
    generate_demo(ctx.store, tickets=300, seed=3)
    return ctx


def test_screens_of_the_clients_list_and_each_tab(
    demo_ctx: AppContext, live_server: LiveServer, browser: Browser, admin: Account
) -> None:
    org_id = demo_ctx.store.read_sync(
        lambda c: c.execute(
            "SELECT o.id FROM organizations AS o ORDER BY"
            " (SELECT count(*) FROM persons AS p WHERE p.org_id = o.id) DESC LIMIT 1"
        ).fetchone()[0]
    )
    browser.login(admin.login, admin.password, labels=RU_LOGIN)
    browser.wait_text("Выйти")
    browser.open("/clients")
    browser.wait_text("План SLA")
    DOCS.mkdir(parents=True, exist_ok=True)
    browser.screenshot(DOCS / "clients-list.png")
    for tab, shows in TABS.items():
        browser.open(f"/clients/{org_id}?tab={tab}")
        browser.wait_text(shows)
        browser.screenshot(DOCS / f"clients-{tab}.png")
    # A form with a refusal under its field.
    browser.open(f"/clients/{org_id}?tab=equipment")
    browser.wait_text("Добавить оборудование")
    browser.click_text("Добавить оборудование")
    browser.wait_text("Сохранить")
    browser.fill("Название *", "МФУ бухгалтерии")
    browser.fill("MAC-адрес", "00:1a:2b:3c:4d")
    browser.click_text("Сохранить")
    browser.wait_text("«00:1a:2b:3c:4d» — не MAC-адрес")
    browser.screenshot(DOCS / "clients-form.png")
