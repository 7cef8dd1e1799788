"""A client taken on from nothing, in a real Chromium against a real ``tiketnitsa serve``, with
the real LiveViewer client: an organisation made through the UI on a fresh installation (no
demo), its equipment imported from a spreadsheet, a PC enrolled with a code from the card's
Devices tab, a request sent from that PC showing its workstation and network beside the ticket,
the unknown sender linked in one click, and the next request from the PC matched by itself.

The 200 equipment rows come from a spreadsheet through the real ``tiketnitsa import`` command.
"""

from __future__ import annotations

import getpass
import os
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest
from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import WebDriverWait

from appliance.context import AppContext
from tests.clients_import.files import xlsx
from tests.conftest import Account, Browser, LiveServer
from tests.e2e.appliance_process import run_liveviewer

pytestmark = [pytest.mark.browser, pytest.mark.slow, pytest.mark.xvfb]

RU_LOGIN = ("Логин", "Пароль", "Войти")
ORG = "ООО «Северный ветер»"
EQUIPMENT_ROWS = 200


def import_equipment(live_server: LiveServer, tmp: Path, host: str) -> None:
    """The client's spreadsheet of 200 machines (its router, switch and this PC among them),
    through the real ``tiketnitsa import`` command, as a technician's script would."""
    rows: list[tuple[object, ...]] = [
        ("Маршрутизатор", "Mikrotik hAP ac2", "", "192.168.40.1"),
        ("Коммутатор", "Коммутатор TP-Link 24 порта", "", ""),
        ("ПК", "ПК бухгалтерии", host, "192.168.40.101"),
    ]
    rows += [
        ("Принтер" if n % 10 == 0 else "ПК", f"Рабочее место {n + 1:03d}", f"SV-PC{n + 1:03d}", "")
        for n in range(EQUIPMENT_ROWS - 3)
    ]
    sheet = tmp / "оборудование.xlsx"
    sheet.write_bytes(xlsx([("Тип", "Наименование", "Имя хоста", "IP-адрес"), *rows]))
    done = subprocess.run(
        [
            *(sys.executable, "-m", "appliance.cli"),
            *("--data-dir", str(live_server.data_dir.path)),
            *("import", "equipment", "--org", ORG, str(sheet)),
        ],
        capture_output=True,
        text=True,
        env={**os.environ, "PYTHONPATH": str(Path(__file__).resolve().parents[2])},
        timeout=120,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert f"{EQUIPMENT_ROWS}" in done.stdout, done.stdout


def ticket_links(ctx: AppContext) -> list[tuple[int, int | None, int | None]]:
    return ctx.store.read_sync(
        lambda c: c.execute(
            "SELECT number, person_id, equipment_id FROM tickets ORDER BY number"
        ).fetchall()
    )


def send_request(ctx: AppContext, home: Path, text: str, screen: str) -> None:
    """Through the real ``liveviewer submit`` (which sends at once when it can), then its agent
    for anything still queued; returns once the appliance holds the ticket."""
    before = len(ticket_links(ctx))
    queued = run_liveviewer(home, "submit", "--text", text, display=screen)
    assert queued.returncode == 0, queued.stderr
    delivered = run_liveviewer(home, "agent", "--once")
    assert delivered.returncode == 0, delivered.stderr
    assert "still queued: 0" in delivered.stdout, delivered.stdout
    deadline = time.monotonic() + 15
    while len(ticket_links(ctx)) == before:
        assert time.monotonic() < deadline, "the request never arrived"
        time.sleep(0.2)


def test_a_client_from_nothing_to_a_request_that_matches(
    browser: Browser,
    live_server: LiveServer,
    admin: Account,
    ctx: AppContext,
    lv_home: Path,
    screen: str,
    tmp_path: Path,
) -> None:
    host, login = socket.gethostname(), getpass.getuser()
    assert (
        ctx.store.read_sync(lambda c: c.execute("SELECT count(*) FROM organizations").fetchone()[0])
        == 0
    )
    browser.login(admin.login, admin.password, labels=RU_LOGIN)
    browser.wait_text("Выйти")

    # The organisation, through the clients list's form.
    browser.open("/clients")
    browser.wait_text("Новая организация")
    browser.click_text("Новая организация")
    browser.wait_text("Сохранить")
    browser.fill("Название *", ORG)
    browser.click_text("Сохранить")
    browser.wait_text("Реквизиты и контакты")
    org_id = int(browser.driver.current_url.rstrip("/").split("/")[-1].split("?")[0])
    import_equipment(live_server, tmp_path, host)

    # A code for this client from its Devices tab; the real client enrols with it.
    browser.open(f"/clients/{org_id}?tab=devices")
    browser.wait_text("Ни один компьютер клиента ещё не подключён")
    browser.click_text("Код подключения")
    browser.wait_text("Создать")
    browser.click_text("Создать")
    code = WebDriverWait(browser.driver, 15).until(
        lambda d: d.find_element(By.CSS_SELECTOR, ".text-h4.font-mono").text.strip()
    )
    enrolled = run_liveviewer(lv_home, "enroll", live_server.base_url, code)
    assert enrolled.returncode == 0, enrolled.stderr
    browser.open(f"/clients/{org_id}?tab=devices")
    browser.wait_text(host)

    # The first request: the PC is on the card, the sender is not.
    send_request(ctx, lv_home, "Не печатает принтер", screen)
    ((number, person, machine),) = ticket_links(ctx)
    assert person is None and machine is not None
    browser.open(f"/tickets/{number}")
    browser.wait_text("ПК бухгалтерии")
    browser.wait_text("Mikrotik hAP ac2")
    browser.wait_text(f"Логин {login} не найден среди сотрудников клиента")
    browser.screenshot(Path("/work/shots/client_cards/link-panel.png"))
    browser.fill("ФИО нового сотрудника", "Анна Смирнова")
    browser.click_text(f"Новый сотрудник с логином {login}")
    browser.wait_text("Связано")
    first = ticket_links(ctx)[0]
    assert first[1] is not None

    # The next request from that PC is matched to the person and the computer by itself.
    send_request(ctx, lv_home, "И сканер тоже", screen)
    second = ticket_links(ctx)[1]
    assert (second[1], second[2]) == (first[1], machine)
    browser.open(f"/tickets/{second[0]}")
    browser.wait_text("Анна Смирнова")
    assert "не найден среди сотрудников" not in browser.page_text()
