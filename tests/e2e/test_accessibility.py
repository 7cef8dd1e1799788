"""axe-core on every page of the technicians' window, in Russian and English, and on the dialogs
a technician or admin opens every day; any critical or serious finding fails. The pages are the
ones registered (``ui/pages.py``), so a new page is checked without editing this file.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

import pytest
from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import WebDriverWait

from appliance.context import AppContext
from appliance.demo import generate_demo
from appliance.domain.clock import utc_now
from appliance.i18n import t
from appliance.ui.clients.card_page import TAB_NAMES
from tests.conftest import Account, Browser
from tests.e2e.axe import failing, run_axe

pytestmark = [pytest.mark.browser, pytest.mark.slow]

REPO = Path(__file__).resolve().parents[2]
LOGIN_LABELS = {
    "ru": ("Логин", "Пароль", "Войти"),
}

_PAGES = """
import json
from fastapi.routing import APIRoute
from nicegui import app
from appliance.ui.pages import register_pages
register_pages()
print(json.dumps([r.path for r in app.routes if isinstance(r, APIRoute)
                  and 'GET' in r.methods and hasattr(r.endpoint, 'required_permission')]))
"""


def registered_pages() -> list[str]:
    """The page routes the appliance registers (each carries ``require_user``'s permission)."""
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    env = {k: v for k, v in env.items() if not k.startswith(("PYTEST_", "NICEGUI_"))}
    done = subprocess.run(
        [sys.executable, "-c", _PAGES], capture_output=True, text=True, env=env, check=True
    )
    return list(json.loads(done.stdout.strip().splitlines()[-1]))


@dataclass(frozen=True)
class Dialog:
    """A dialog opened from a page by a button whose text is ``opener`` (an i18n key)."""

    path: str
    opener: str


DIALOGS = (
    Dialog("/settings", "settings.users.add"),
    Dialog("/settings", "settings.users.reset"),
    Dialog("/settings/enrollment", "enrollment.codes.new"),
    Dialog("/settings/sla", "slaui.new_calendar"),
    Dialog("/settings/sla", "slaui.new_plan"),
)


DIALOG = ".q-dialog"


def wait_rendered(browser: Browser) -> None:
    """Until the page has its heading and NiceGUI has drawn it; then let transitions settle."""
    WebDriverWait(browser.driver, 20).until(
        lambda d: d.execute_script("return document.querySelectorAll('h1').length > 0")
    )
    time.sleep(0.4)


def check(browser: Browser, where: str, problems: list[str], within: str | None = None) -> None:
    # Inside a Quasar dialog axe-core takes the backdrop (z-index -1, behind the card) for the
    # background of every control and reports contrast of ~2.8:1 for what is drawn white on
    # white-backed primary (looked at: docs/screenshots/a11y-dialog.png). Dialogs use the same
    # theme colours as the pages, whose contrast is checked here and in test_theme_contrast.py.
    skip = ("color-contrast",) if within == DIALOG else ()
    found = failing(run_axe(browser.driver, within, skip))
    problems.extend(f"{where}: {finding}" for finding in found)


def open_dialog(browser: Browser, text: str) -> None:
    button = browser.driver.find_element(
        By.XPATH,
        f"//button[.//*[normalize-space(text())='{text}'] or normalize-space(text())='{text}']",
    )
    button.click()
    WebDriverWait(browser.driver, 10).until(
        lambda d: d.execute_script("return !!document.querySelector('.q-dialog .q-card')")
    )
    time.sleep(0.7)  # the opening transition: axe would read the card half-faded


def concrete(path: str, samples: dict[str, str]) -> str:
    def sample(match: re.Match[str]) -> str:
        name = match.group(1)
        assert name in samples, f"add a sample value for {{{name}}} of {path} to this test"
        return samples[name]

    return re.sub(r"\{(\w+)(?::[^}]*)?\}", sample, path)


def test_every_page_and_dialog_in_both_languages(
    browser: Browser, admin: Account, ctx: AppContext
) -> None:
    generate_demo(ctx.store, tickets=150, seed=3, now=utc_now())
    # An open ticket from a LiveViewer PC: its screen has the most parts (screenshot, client
    # panel with credentials, the SLA chip running).
    number = ctx.store.read_sync(
        lambda conn: (
            conn.execute(
                "SELECT t.number FROM tickets t JOIN ticket_attachments a ON a.ticket_id = t.id"
                " WHERE t.status NOT IN ('resolved', 'closed') ORDER BY t.number DESC LIMIT 1"
            ).get
        )
    )
    assert number is not None
    article = ctx.store.read_sync(lambda conn: conn.execute("SELECT min(id) FROM faq_articles").get)
    assert article is not None
    org = ctx.store.read_sync(lambda conn: conn.execute("SELECT min(id) FROM organizations").get)
    assert org is not None
    samples = {"number": str(number), "article_id": str(article), "org_id": str(org)}
    pages = [concrete(path, samples) for path in registered_pages()]
    # States of the list that draw more than its default view: closed tickets' chips, filters.
    pages += ["/tickets?view=all", "/tickets?view=breached"]
    # Every tab of the client card.
    pages += [f"/clients/{org}?tab={name}" for name in TAB_NAMES]
    card = f"/clients/{org}"
    dialogs = (
        *DIALOGS,
        Dialog("/clients", "cards.list.new"),
        Dialog(f"{card}?tab=people", "cards.person.add"),
        Dialog(f"{card}?tab=equipment", "cards.eq.add"),
        Dialog(f"{card}?tab=network", "cards.net.add"),
        Dialog(f"{card}?tab=credentials", "cards.cred.add"),
        Dialog(f"{card}?tab=licenses", "cards.lic.add"),
        Dialog(f"{card}?tab=equipment", "import_ui.button"),
    )
    assert len(pages) >= 12, pages

    problems: list[str] = []
    browser.open("/login")
    wait_rendered(browser)
    check(browser, "/login", problems)
    browser.login(admin.login, admin.password, labels=LOGIN_LABELS["ru"])
    browser.wait_text("Выйти")
    for lang in ("ru", "en"):
        if lang == "en":
            browser.open("/tickets")  # a fresh page: the last dialog of the loop is still open
            wait_rendered(browser)
            browser.click_text("EN")
            browser.wait_text("Log out")
        for path in pages:
            browser.open(path)
            wait_rendered(browser)
            check(browser, f"{lang} {path}", problems)
        for dialog in dialogs:
            browser.open(dialog.path)
            wait_rendered(browser)
            open_dialog(browser, t(dialog.opener, lang))
            check(browser, f"{lang} {dialog.path} dialog {dialog.opener}", problems, DIALOG)
        # The ticket screen's screenshot viewer (a maximised dialog).
        browser.open(f"/tickets/{samples['number']}")
        wait_rendered(browser)
        browser.driver.find_element(
            By.CSS_SELECTOR, f"button[title='{t('ticket_screen.viewer.open', lang)}']"
        ).click()
        time.sleep(0.4)
        check(browser, f"{lang} screenshot viewer", problems, DIALOG)
    assert not problems, "axe found critical or serious problems:\n" + "\n".join(problems)
