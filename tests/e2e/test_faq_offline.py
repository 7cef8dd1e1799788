"""LiveViewer offers the cached public FAQ while the employee types, with the appliance stopped,
and "this solved it — don't send" is counted on the appliance at the next sync, once.

Everything real: articles imported with ``tiketnitsa faq import``, a device enrolled and synced
with the ``liveviewer`` command, the appliance process stopped, the Tk window on Xvfb typed into
with xdotool, then the appliance started again and ``liveviewer agent --once`` run twice.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import tkinter as tk
from pathlib import Path

import pytest

from appliance.context import open_context
from client.outbox import Outbox
from client.window import RequestWindow, SendOutcome
from tests.client.desktop import desktop_image
from tests.client.tk_support import click, grab_window, pump, pump_until, show_desktop, xdotool
from tests.client.xvfb import shared_display
from tests.e2e.appliance_process import ApplianceProcess, run_liveviewer

pytestmark = [pytest.mark.slow, pytest.mark.xvfb]
DOCS = Path(__file__).resolve().parents[2] / "docs" / "screenshots"


@pytest.fixture(scope="module")
def tall_screen() -> str:
    # The window grows by the offered articles: a laptop-height screen would cut it off.
    return shared_display(1920, 1080)


PRINTER = """---
title: Принтер не печатает
category:
tags: принтер, печать
public: true
organisation:
---
1. Проверьте, что в принтере есть бумага.
2. Очистите очередь печати и перезапустите «Диспетчер печати».
"""
INTERNAL = """---
title: Принтер в серверной: пароль панели
tags: принтер
public: false
---
Пароль панели — в хранилище паролей.
"""


def faq_command(appliance: ApplianceProcess, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [
            sys.executable,
            "-m",
            "appliance.cli",
            "faq",
            *args,
            "--data-dir",
            str(appliance.data_dir.path),
        ],
        capture_output=True,
        text=True,
        cwd=appliance.root,
        timeout=120,
    )


def solved_count(appliance: ApplianceProcess, title: str) -> int:
    ctx = open_context(appliance.data_dir)
    try:
        return int(
            ctx.store.read_sync(
                lambda c: c.execute(
                    "SELECT solved_count FROM faq_articles WHERE title = ?", (title,)
                ).fetchone()[0]
            )
        )
    finally:
        ctx.close()


def test_offline_typing_printer_offers_the_cached_article_and_solved_counts_once(
    running: ApplianceProcess,
    lv_home: Path,
    tall_screen: str,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    folder = tmp_path / "faq"
    folder.mkdir()
    (folder / "printer.md").write_text(PRINTER, encoding="utf-8")
    (folder / "internal.md").write_text(INTERNAL, encoding="utf-8")
    imported = faq_command(running, "import", str(folder))
    assert imported.returncode == 0, imported.stderr
    enrolled = run_liveviewer(lv_home, "enroll", running.base_url, running.enrolment_code())
    assert enrolled.returncode == 0, enrolled.stderr
    synced = run_liveviewer(lv_home, "agent", "--once")
    assert synced.returncode == 0, synced.stderr
    with Outbox(lv_home / "outbox.db") as box:
        assert [a.title for a in box.faq_articles()] == ["Принтер не печатает"]  # public only

    running.stop()  # the appliance is off from here on
    monkeypatch.setenv("DISPLAY", tall_screen)
    root = tk.Tk()
    try:
        root.withdraw()
        show_desktop(root, desktop_image(1920, 1080, seed=5))
        outcomes: list[SendOutcome] = []
        window = RequestWindow(root, lv_home, "ru", on_outcome=outcomes.append)
        root.geometry("+200+40")
        root.deiconify()
        pump(root, 0.3)
        # Cyrillic is not on the Xvfb keymap: xdotool remaps a spare key per letter, which
        # needs time between letters to land as the letter meant.
        click(root, window.description)
        xdotool(root, "type", "--delay", "150", "принтер")
        pump_until(root, lambda: bool(window.offer.shown), timeout=10)
        pump(root, 0.3)
        assert [a.title for a in window.offer.shown] == ["Принтер не печатает"]
        assert window.offer.frame.winfo_ismapped()
        grab_window(root, "window-faq-offer")
        (link,) = window.offer.links.winfo_children()
        click(root, link)
        pump_until(root, lambda: window.offer.reader.winfo_ismapped(), timeout=5)
        assert "Диспетчер печати" in window.offer.article_body.get("1.0", "end")
        shutil.copyfile(grab_window(root, "window-faq-article"), DOCS / "liveviewer-faq.png")
        click(root, window.offer.solved_button)
        pump_until(root, lambda: window.result.winfo_ismapped(), timeout=5)
        assert "Заявка не отправлена" in window.result_label.cget("text")
        grab_window(root, "window-faq-solved")
        assert outcomes == []  # nothing was sent
    finally:
        root.destroy()
    with Outbox(lv_home / "outbox.db") as box:
        assert len(box.pending_solved()) == 1
        assert box.pending() == []

    running.start()
    for _ in range(2):  # the second sync finds nothing left to send
        again = run_liveviewer(lv_home, "agent", "--once")
        assert again.returncode == 0, again.stderr
    assert solved_count(running, "Принтер не печатает") == 1
    with Outbox(lv_home / "outbox.db") as box:
        assert box.pending_solved() == []
    assert running.ticket_count() == 0
