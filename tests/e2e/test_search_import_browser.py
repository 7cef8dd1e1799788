"""Real Chromium against a real ``tiketnitsa serve``: the header's search walked with the
keyboard (type, ↓, Enter opens the client's card), and a 200-row equipment file imported through
the card's dialog (file input, preview, Import). Screenshots for docs/screenshots/."""

from __future__ import annotations

import os
import uuid
from pathlib import Path

import pytest
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys
from selenium.webdriver.support.ui import WebDriverWait

from appliance.context import AppContext
from appliance.domain.clock import utc_now
from appliance.store.equipment import create_equipment
from appliance.store.organizations import create_organization
from appliance.store.tickets import create_ticket
from tests.clients_import.files import EQUIPMENT_HEADER, equipment_rows, xlsx
from tests.conftest import ADMIN_LOGIN, ADMIN_PASSWORD, Browser

pytestmark = [pytest.mark.browser, pytest.mark.slow]

RU_LOGIN = ("Логин", "Пароль", "Войти")
SHOTS = Path(os.environ.get("TIKETNITSA_SHOTS", "/work/shots/import"))


def signed_in(browser: Browser) -> None:
    browser.login(ADMIN_LOGIN, ADMIN_PASSWORD, labels=RU_LOGIN)
    WebDriverWait(browser.driver, 20).until(lambda d: "/login" not in d.current_url)


def test_search_with_the_keyboard_opens_the_card(browser: Browser, ctx: AppContext) -> None:
    def seed(conn) -> int:  # type: ignore[no-untyped-def]
        org = create_organization(conn, name="АО Стрела")
        create_equipment(
            conn,
            org_id=org,
            kind="printer",
            name="Принтер бухгалтерии",
            hostname="prn-buh",
            ip="10.20.0.15",
        )
        now = utc_now()
        create_ticket(
            conn,
            uuid=str(uuid.uuid4()),
            source="client",
            org_id=org,
            description="Принтер бухгалтерии не печатает",
            submitted_at=now,
            received_at=now,
        )
        return org

    org = ctx.store.write_sync(seed)
    signed_in(browser)
    browser.open("/tickets")
    browser.wait_text("Принтер бухгалтерии не печатает", timeout=20)
    box = browser.driver.find_element(By.CSS_SELECTOR, "header input")
    box.click()
    box.send_keys("принтер")
    browser.wait_text("prn-buh · 10.20.0.15", timeout=15)
    browser.screenshot(SHOTS / "global-search-typed.png")
    box.send_keys(Keys.ARROW_DOWN)
    WebDriverWait(browser.driver, 10).until(
        lambda d: d.find_elements(By.CSS_SELECTOR, "a.bg-blue-1")
    )
    browser.screenshot(SHOTS / "global-search.png")
    box.send_keys(Keys.ENTER)
    WebDriverWait(browser.driver, 20).until(
        lambda d: d.current_url.endswith(f"/clients/{org}?tab=equipment")
    )
    browser.wait_text("АО Стрела", timeout=20)


def test_two_hundred_rows_imported_through_the_cards_dialog(
    browser: Browser, ctx: AppContext, tmp_path: Path
) -> None:
    org = ctx.store.write_sync(lambda c: create_organization(c, name="ООО «Ромашка»"))
    rows = equipment_rows(200)
    path = tmp_path / "оборудование.xlsx"
    path.write_bytes(xlsx([EQUIPMENT_HEADER, *rows], title=["Опись на 01.11"]))
    bad_rows = list(rows)
    bad_rows[6] = (*rows[6][:3], "10.0.0.256", *rows[6][4:])  # line 10 of the sheet
    bad = tmp_path / "с ошибкой.xlsx"
    bad.write_bytes(xlsx([EQUIPMENT_HEADER, *bad_rows], title=["Опись на 01.11"]))
    signed_in(browser)
    browser.open(f"/clients/{org}?tab=equipment")
    browser.wait_text("Импорт из файла", timeout=20)
    browser.click_text("Импорт из файла")
    browser.wait_text("Импорт: Оборудование", timeout=15)
    upload = browser.driver.find_element(By.CSS_SELECTOR, ".q-dialog input[type=file]")
    upload.send_keys(str(bad))
    browser.wait_text("Строка 10, столбец «IP-адрес»: «10.0.0.256» — не IP-адрес", timeout=30)
    run = browser.driver.find_element(By.XPATH, "//button[.//*[text()='Импортировать']]")
    assert run.get_attribute("disabled") is not None
    browser.screenshot(SHOTS / "import-dialog-problems.png")
    upload = browser.driver.find_element(By.CSS_SELECTOR, ".q-dialog input[type=file]")
    upload.send_keys(str(path))
    browser.wait_text("строк — 200, без ошибок — 200, ошибок — 0", timeout=30)
    browser.screenshot(SHOTS / "import-dialog.png")
    browser.click_text("Импортировать")
    browser.wait_text("Импортировано строк: 200", timeout=30)
    count = ctx.store.read_sync(
        lambda c: c.execute("SELECT count(*) FROM equipment WHERE org_id = ?", (org,)).fetchone()
    )
    assert count == (200,)
    browser.wait_text("pc-00", timeout=20)  # the tab redrew with the new rows
    browser.screenshot(SHOTS / "equipment-after-import.png")
