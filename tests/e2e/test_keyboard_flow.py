"""The whole ticket flow by keyboard alone, in a real Chromium: open the list, move with j/k,
open a ticket, take it, log an action with minutes, change the status, back to the list. A live
update (another technician's comment arriving) never takes the focus or the typed text away.
Screenshots of the focus ring and of a breached SLA chip go to docs/screenshots/."""

from __future__ import annotations

import asyncio
import os
from pathlib import Path

import pytest
from selenium.webdriver.common.action_chains import ActionChains
from selenium.webdriver.common.keys import Keys
from selenium.webdriver.support.ui import WebDriverWait

from appliance.context import AppContext
from appliance.i18n import t
from appliance.services import tickets
from appliance.services.actor import Actor
from tests.conftest import Browser
from tests.ui.ticket_list_seed import Seeded, seed

pytestmark = [pytest.mark.browser, pytest.mark.slow]

SHOTS = Path(os.environ.get("TIKETNITSA_A11Y_SHOTS", "/work/shots/a11y"))
MAX_TABS = 80

# What has the keyboard focus: its tag, its text (or value / placeholder) and aria-label.
_ACTIVE = """
const e = document.activeElement;
if (!e) return null;
return {tag: e.tagName, text: (e.innerText || '').trim(), value: e.value || '',
        placeholder: e.placeholder || '', label: e.getAttribute('aria-label') || '',
        href: e.getAttribute('href') || ''};
"""


def press(browser: Browser, *keys: str) -> None:
    ActionChains(browser.driver).send_keys(*keys).perform()


def active(browser: Browser) -> dict[str, str]:
    found = browser.driver.execute_script(_ACTIVE)
    assert found is not None, "nothing has the focus"
    # A button's icon is a ligature ("back_hand"): hidden from screen readers, not from innerText.
    lines = str(found["text"]).splitlines()
    found["text"] = lines[-1].strip() if lines else ""
    return dict(found)


def tab_to(browser: Browser, wanted, *, back: bool = False) -> dict[str, str]:  # type: ignore[no-untyped-def]
    """Press Tab (or Shift+Tab) until the focused element is ``wanted``; fail after MAX_TABS."""
    for _ in range(MAX_TABS):
        if back:
            press(browser, Keys.SHIFT, Keys.TAB, Keys.SHIFT)
        else:
            press(browser, Keys.TAB)
        now = active(browser)
        if wanted(now):
            return now
    raise AssertionError(f"Tab never reached the control; last focused: {active(browser)}")


def wait_for(browser: Browser, script: str, timeout: float = 10.0) -> None:
    WebDriverWait(browser.driver, timeout).until(lambda d: d.execute_script(script))


@pytest.fixture
def seeded(ctx: AppContext) -> Seeded:
    return seed(ctx.store)


def test_the_ticket_flow_by_keyboard_alone(
    browser: Browser, seeded: Seeded, ctx: AppContext
) -> None:
    lang = "ru"
    # Sign in by keys: type the login, Tab, the password, Enter.
    browser.open("/login")
    browser.wait_text(t("auth.login.submit", lang))
    wait_for(browser, "return document.activeElement && document.activeElement.tagName == 'INPUT'")
    press(browser, seeded.anna.login, Keys.TAB, seeded.anna.password, Keys.ENTER)
    browser.wait_text(t("shell.logout", lang))

    # The first Tab stop is "skip to content"; it moves the focus into the page's main part.
    browser.open("/tickets?view=all")
    browser.wait_text("Принтер в бухгалтерии не печатает")
    press(browser, Keys.TAB)
    assert active(browser)["text"] == t("shell.skip_to_content", lang)
    SHOTS.mkdir(parents=True, exist_ok=True)
    browser.screenshot(SHOTS / "focus-skip-link.png")
    press(browser, Keys.ENTER)
    wait_for(browser, "return document.activeElement && document.activeElement.id == 'tk-main'")
    browser.screenshot(SHOTS / "sla-chips-list.png")

    # j/k move the selection; Enter opens the selected ticket.
    body = "document.querySelector('.tk-row-selected')"
    press(browser, "j")
    wait_for(browser, f"return !!{body}")
    first = browser.driver.execute_script(f"return {body}.innerText")
    press(browser, "j")
    wait_for(
        browser,
        f"return {body} && {body}.innerText != arguments[0]".replace("arguments[0]", repr(first)),
    )
    press(browser, "k")
    wait_for(browser, f"return {body} && {body}.innerText == {first!r}")
    number = int(first.split()[0])
    press(browser, Keys.ENTER)
    WebDriverWait(browser.driver, 10).until(lambda d: d.current_url.endswith(f"/tickets/{number}"))
    browser.wait_text(t("ticket_screen.take_it", lang))

    # Take it.
    take = t("ticket_screen.take_it", lang)
    tab_to(browser, lambda e: e["text"] == take)
    browser.screenshot(SHOTS / "focus-ring-take.png")
    press(browser, Keys.ENTER)
    browser.wait_text("Анна Смирнова")

    # Log an action: the text, then the minutes; meanwhile a colleague's comment arrives.
    placeholder = t("ticket_screen.action_placeholder", lang)
    tab_to(browser, lambda e: e["tag"] == "TEXTAREA" and e["placeholder"] == placeholder)
    press(browser, "Заменил картридж, ")
    ticket_id = next(i for name, i in seeded.ids.items() if seeded.numbers[name] == number)
    asyncio.run(
        tickets.add_action(
            ctx.store,
            Actor.user(seeded.boris.id),
            ticket_id=ticket_id,
            kind="comment",
            text="Борис: картридж есть на складе",
            minutes=0,
            additional_work=False,
            visibility="internal",
            expected_version=None,
        )
    )
    browser.wait_text("Борис: картридж есть на складе")
    now = active(browser)
    assert now["tag"] == "TEXTAREA" and now["value"] == "Заменил картридж, ", now
    press(browser, "печать проверена")
    minutes_label = t("action.minutes", lang)
    tab_to(browser, lambda e: e["tag"] == "INPUT" and e["label"] in ("", minutes_label))
    press(browser, "25")
    save = t("ticket_screen.save_action", lang)
    tab_to(browser, lambda e: e["text"] == save)
    press(browser, Keys.ENTER)
    browser.wait_text("Заменил картридж, печать проверена")
    assert "25" in browser.page_text()

    # Change the status (the buttons sit above the form: Shift+Tab back to them).
    resolved = t("ticket_screen.to.resolved", lang)
    tab_to(browser, lambda e: e["text"] == resolved, back=True)
    press(browser, Keys.ENTER)
    wait_for(
        browser,
        "return [...document.querySelectorAll('.q-badge')].some("
        f"b => b.innerText.trim() == {t('status.resolved', lang)!r})",
    )

    # Back to the list through the navigation.
    tickets_link = t("shell.nav.tickets", lang)
    tab_to(browser, lambda e: e["tag"] == "A" and e["text"] == tickets_link, back=True)
    press(browser, Keys.ENTER)
    WebDriverWait(browser.driver, 10).until(
        lambda d: d.current_url.rstrip("/").endswith("/tickets")
    )
    browser.wait_text("Не уходит почта")
