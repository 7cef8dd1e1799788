"""The report pages and the home dashboard in real Chromium against a real ``tiketnitsa serve``
over the demo data set: each page draws its charts (ECharts canvases) and tables, the work
report's PDF downloads with the browser's session, and everything is screenshotted for the docs
(``docs/screenshots/report-*.png``, ``dashboard.png``, ``report-work-pdf.png``: a PDF page by
``pdftoppm``)."""

from __future__ import annotations

import subprocess
from datetime import timedelta
from pathlib import Path

import httpx
import pytest
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys
from selenium.webdriver.support.ui import WebDriverWait

from appliance.context import AppContext
from appliance.demo import generate_demo
from appliance.domain.clock import utc_now
from appliance.store.backups import record_run
from tests.conftest import ADMIN_LOGIN, ADMIN_PASSWORD, Browser

pytestmark = [pytest.mark.browser, pytest.mark.slow]

RU_LOGIN = ("Логин", "Пароль", "Войти")
DOCS = Path(__file__).resolve().parents[2] / "docs" / "screenshots"
SIZE = (1600, 1000)


def _seed(ctx: AppContext) -> int:
    now = utc_now()
    generate_demo(ctx.store, tickets=1500, seed=1, now=now)

    def failure(conn) -> int:  # type: ignore[no-untyped-def]
        record_run(
            conn,
            started_at=now - timedelta(hours=5),
            seconds=40.0,
            trigger="schedule",
            result="ok",
            file_name="tiketnitsa-nightly.tkbak",
        )
        record_run(
            conn,
            started_at=now - timedelta(minutes=30),
            seconds=0.4,
            trigger="schedule",
            result="failed",
            error_text="Папка /mnt/nas/backup недоступна",
        )
        # The client with the most tickets last month, for the work report.
        row = conn.execute(
            "SELECT org_id FROM tickets WHERE org_id IS NOT NULL GROUP BY org_id"
            " ORDER BY count(*) DESC LIMIT 1"
        ).fetchone()
        return int(row[0])

    return ctx.store.write_sync(failure)


def _canvases(browser: Browser) -> int:
    return len(browser.driver.find_elements(By.CSS_SELECTOR, "canvas"))


def _shot(browser: Browser, name: str) -> None:
    DOCS.mkdir(parents=True, exist_ok=True)
    browser.screenshot(DOCS / name)


def test_report_pages_and_dashboard_in_chromium(
    browser: Browser, ctx: AppContext, tmp_path: Path
) -> None:
    org = _seed(ctx)
    browser.driver.set_window_size(*SIZE)
    browser.login(ADMIN_LOGIN, ADMIN_PASSWORD, labels=RU_LOGIN)
    WebDriverWait(browser.driver, 20).until(lambda d: "/login" not in d.current_url)

    browser.open("/dashboard")
    browser.wait_text("Горят сроки")
    browser.wait_text("Папка /mnt/nas/backup недоступна")
    browser.wait_text("Лицензии, истекающие в ближайшие 30 дней")
    WebDriverWait(browser.driver, 15).until(lambda d: _canvases(browser) >= 1)
    _shot(browser, "dashboard.png")

    pages = [
        (f"/reports/work?preset=last_month&org={org}", "Дополнительные работы по просьбе", 1),
        ("/reports/categories?preset=last_month", "Предыдущий период для сравнения", 2),
        ("/reports/efficiency?preset=quarter", "в рабочих часах по календарю SLA-плана", 1),
        ("/reports/sla?preset=last_month", "Нарушения", 1),
    ]
    for path, text, charts in pages:
        browser.open(path)
        browser.wait_text(text, timeout=30)
        WebDriverWait(browser.driver, 15).until(lambda d, n=charts: _canvases(browser) >= n)
        kind = path.split("/")[2].split("?")[0]
        _shot(browser, f"report-{kind}.png")

    # A custom period, typed as dd.mm.yyyy and picked from the calendar (Russian names).
    browser.open("/reports/efficiency?preset=custom&start=2026-10-01&end=2026-10-31")
    browser.wait_text("Период: 01.10.2026 – 31.10.2026", timeout=30)
    start = browser.driver.find_element(By.CSS_SELECTOR, ".tk-report-start input")
    assert start.get_attribute("value") == "01.10.2026"
    start.send_keys(Keys.CONTROL, "a")
    start.send_keys("05102026")  # the mask puts the dots in; the last digit applies it
    browser.wait_text("Период: 05.10.2026 – 31.10.2026", timeout=30)
    pickers = browser.driver.find_elements(
        By.CSS_SELECTOR, "[aria-label='Выбрать дату в календаре']"
    )
    assert len(pickers) == 2
    pickers[1].click()  # the end's calendar
    browser.wait_text("Октябрь", timeout=15)
    WebDriverWait(browser.driver, 5).until(  # the menu fades in: shoot it whole
        lambda d: d.execute_script(
            "const m = document.querySelector('.q-menu');"
            " return m && getComputedStyle(m).opacity === '1';"
        )
    )
    _shot(browser, "report-calendar.png")
    day = browser.driver.find_element(
        By.XPATH, "//div[contains(@class,'q-date__calendar-item--in')]//button[.//span='20']"
    )
    day.click()
    browser.wait_text("Период: 05.10.2026 – 20.10.2026", timeout=30)

    # The PDF export with this browser's session, and its first page as a picture.
    cookies = {c["name"]: c["value"] for c in browser.driver.get_cookies()}
    pdf = httpx.get(
        browser.server.url(f"/reports/export/work.pdf?preset=last_month&org={org}"),
        cookies=cookies,
        timeout=60,
        verify=False,
    )
    assert pdf.status_code == 200, pdf.text
    assert pdf.content.startswith(b"%PDF-")
    source = tmp_path / "work.pdf"
    source.write_bytes(pdf.content)
    subprocess.run(
        [
            "pdftoppm",
            "-png",
            "-r",
            "100",
            "-f",
            "1",
            "-l",
            "1",
            "-singlefile",
            str(source),
            str(tmp_path / "page"),
        ],
        check=True,
        timeout=60,
    )
    text = subprocess.run(
        ["pdftotext", "-l", "1", str(source), "-"], capture_output=True, check=True, timeout=60
    ).stdout.decode("utf-8")
    assert "Отчёт о выполненных работах" in text
    DOCS.mkdir(parents=True, exist_ok=True)
    (DOCS / "report-work-pdf.png").write_bytes((tmp_path / "page.png").read_bytes())
