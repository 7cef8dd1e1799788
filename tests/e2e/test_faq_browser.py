"""The FAQ in a real Chromium against a real ``tiketnitsa serve``: a ``<script>`` or a
``javascript:`` link in an article's Markdown does nothing, on the article page and in the
editor's preview; pictures stored in the store are shown. Screenshots of the FAQ page, the
editor with its preview, the history with a diff and the ticket screen's FAQ card go to
docs/screenshots/ (and /work/shots/faq/)."""

from __future__ import annotations

import asyncio
import io
import os
import shutil
from pathlib import Path

import pytest
from PIL import Image, ImageDraw
from selenium.common.exceptions import NoAlertPresentException
from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import WebDriverWait

from appliance.context import AppContext
from appliance.services import faq, faq_images
from appliance.services.actor import Actor
from appliance.store.categories import create_category
from tests.conftest import Account, Browser
from tests.ui.ticket_seed import seed_client

pytestmark = [pytest.mark.browser, pytest.mark.slow]

RU_LOGIN = ("Логин", "Пароль", "Войти")
SHOTS = Path(os.environ.get("TIKETNITSA_SHOTS", "/work/shots")) / "faq"
DOCS = Path(__file__).resolve().parents[2] / "docs" / "screenshots"
EVIL = (
    "Обычный **текст**.\n\n"
    "<script>window.__pwned = 'script'</script>\n\n"
    "[ссылка-markdown](javascript:window.__pwned='md-link')\n\n"
    "<a href=\"javascript:window.__pwned='html-link'\">ссылка-html</a>\n\n"
    "<img src=x onerror=\"window.__pwned='img'\">\n"
)

# A 12x8 PNG drawn on a canvas, pasted into the textarea as a clipboard file.
PASTE_PICTURE = """
const box = arguments[0];
const canvas = document.createElement('canvas');
canvas.width = 12; canvas.height = 8;
canvas.getContext('2d').fillRect(0, 0, 12, 8);
canvas.toBlob((blob) => {
  const data = new DataTransfer();
  data.items.add(new File([blob], 'pasted.png', {type: 'image/png'}));
  box.dispatchEvent(new ClipboardEvent('paste', {clipboardData: data, bubbles: true}));
}, 'image/png');
"""


def run(coro):  # type: ignore[no-untyped-def]
    return asyncio.run(coro)


def sign_in(browser: Browser, account: Account) -> None:
    browser.login(account.login, account.password, labels=RU_LOGIN)
    browser.wait_text("Выйти")


def shot(browser: Browser, name: str) -> None:
    path = browser.screenshot(SHOTS / name)
    DOCS.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(path, DOCS / name)


def assert_nothing_ran(browser: Browser) -> None:
    driver = browser.driver
    with pytest.raises(NoAlertPresentException):
        driver.switch_to.alert.text  # noqa: B018 - raises when no alert is open
    assert driver.execute_script("return window.__pwned === undefined")


def test_script_and_javascript_links_in_markdown_do_nothing(
    browser: Browser, add_user, ctx: AppContext
) -> None:
    tech = add_user("technician", "ivan", full_name="Иван Техников")
    article_id = run(faq.create_article(ctx.store, Actor.user(tech.id), title="Опасная", body=EVIL))
    sign_in(browser, tech)
    browser.open(f"/faq/{article_id}")
    browser.wait_text("ссылка-html")
    driver = browser.driver
    body = driver.find_element(By.CSS_SELECTOR, ".faq-body")
    assert body.find_elements(By.TAG_NAME, "script") == []
    html = body.get_attribute("innerHTML")
    assert 'href="javascript' not in html and "onerror" not in html
    # The Markdown javascript: link is not a link; the raw one lost its href.
    assert body.find_elements(By.XPATH, ".//a[normalize-space(text())='ссылка-markdown']") == []
    raw = body.find_element(By.XPATH, ".//a[normalize-space(text())='ссылка-html']")
    assert raw.get_attribute("href") is None
    raw.click()
    for image in body.find_elements(By.TAG_NAME, "img"):
        assert image.get_attribute("src") in (None, "")
    assert_nothing_ran(browser)

    # The editor's preview renders the same text the same way, live.
    browser.open("/faq/new")
    browser.wait_text("Как увидят читатели")
    box = driver.find_element(By.CSS_SELECTOR, ".faq-body-input textarea")
    box.send_keys(EVIL)
    WebDriverWait(driver, 10).until(
        lambda d: "ссылка-html" in d.find_element(By.CSS_SELECTOR, ".faq-body").text
    )
    preview = driver.find_element(By.CSS_SELECTOR, ".faq-body")
    assert preview.find_elements(By.TAG_NAME, "script") == []
    preview.find_element(By.XPATH, ".//a[normalize-space(text())='ссылка-html']").click()
    assert_nothing_ran(browser)

    # A picture pasted into the text is stored and shown in the preview from the store.
    driver.execute_script(PASTE_PICTURE, box)
    WebDriverWait(driver, 15).until(
        lambda d: (
            "/ui/faq/images/"
            in d.find_element(By.CSS_SELECTOR, ".faq-body-input textarea").get_attribute("value")
        )
    )
    WebDriverWait(driver, 15).until(
        lambda d: d.execute_script(
            "const i = document.querySelector('.faq-body img[src^=\"/ui/faq/images/\"]');"
            " return !!i && i.complete && i.naturalWidth === 12"
        )
    )
    stored = ctx.store.read_sync(
        lambda c: c.execute("SELECT count(*) FROM faq_blobs").fetchone()[0]
    )
    assert stored == 1


def _picture() -> bytes:
    image = Image.new("RGB", (520, 160), (236, 242, 248))
    draw = ImageDraw.Draw(image)
    draw.rectangle((20, 20, 180, 140), outline=(36, 82, 122), width=4)
    draw.text((40, 70), "Spooler", fill=(36, 82, 122))
    draw.rectangle((220, 60, 320, 100), fill=(36, 82, 122))
    draw.text((360, 70), "Restart", fill=(20, 20, 20))
    out = io.BytesIO()
    image.save(out, "PNG")
    return out.getvalue()


def test_screenshots_of_the_faq_editor_history_and_ticket_card(
    browser: Browser, add_user, ctx: AppContext
) -> None:
    seed = seed_client(ctx.store)  # a printer ticket and its printer article
    tech = add_user("technician", "ivan", full_name="Иван Техников")
    actor = Actor.user(tech.id)

    def categories(conn):  # type: ignore[no-untyped-def]
        mail = create_category(conn, name="Почтовые ящики")
        net = create_category(conn, name="Удалённый доступ")
        return mail, create_category(conn, name="VPN", parent_id=net)

    mail, vpn = ctx.store.write_sync(categories)
    picture = run(faq_images.upload_image(ctx.store, actor, data=_picture(), name="службы"))
    printer = run(
        faq.create_article(
            ctx.store,
            actor,
            title="Очередь печати зависла",
            body="1. Откройте **Службы** (`services.msc`).\n2. Перезапустите «Диспетчер печати»."
            f"\n\n{picture}\n",
            tags="принтер, печать",
            public=True,
        )
    )
    new_body = (
        "1. Откройте **Службы** (`services.msc`).\n"
        "2. Найдите «Диспетчер печати» и нажмите «Перезапустить».\n"
        f"3. Удалите задания из очереди.\n\n{picture}\n"
    )
    run(faq.update_article(ctx.store, actor, article_id=printer, changes={"body": new_body}))
    run(
        faq.create_article(
            ctx.store,
            actor,
            title="VPN не подключается из дома",
            body="Проверьте интернет, перезапустите FortiClient.",
            category_id=vpn,
            tags="vpn, удалёнка",
            public=True,
        )
    )
    run(
        faq.create_article(
            ctx.store,
            actor,
            title="Outlook просит пароль",
            body="Удалите сохранённые учётные данные.",
            category_id=mail,
        )
    )
    sign_in(browser, tech)

    browser.open("/faq")
    browser.wait_text("VPN не подключается из дома")
    shot(browser, "faq-page.png")

    browser.open(f"/faq/{printer}/edit")
    browser.wait_text("Как увидят читатели")
    driver = browser.driver
    WebDriverWait(driver, 10).until(
        lambda d: d.execute_script(
            "const i = document.querySelector('.faq-body img');"
            " return !!i && i.complete && i.naturalWidth > 0"
        )
    )
    shot(browser, "faq-editor.png")

    browser.open(f"/faq/{printer}/history")
    browser.wait_text("Изменения версии 2 относительно 1")
    shot(browser, "faq-history.png")

    browser.open(f"/tickets/{seed.number}")
    browser.wait_text("Что сделано")
    browser.click_text("Принтер не печатает")
    browser.wait_text("Это помогло")
    # The card is at the foot of the client panel, which scrolls on its own.
    driver.execute_script(
        "const b = [...document.querySelectorAll('button')]"
        ".find(x => x.textContent.includes('Сделать статью из заявки'));"
        " b.scrollIntoView({block: 'end'});"
    )
    shot(browser, "ticket-faq-card.png")
