"""End to end through the window: type, Send, and the real appliance's number comes back."""

from __future__ import annotations

import io
import tkinter as tk
from pathlib import Path

import pytest
from PIL import Image

from appliance.context import open_context
from client.config import load_enrolment
from client.window import RequestWindow, SendOutcome
from tests.client.desktop import desktop_image
from tests.client.tk_support import click, grab_window, pump, pump_until, show_desktop, type_into
from tests.e2e.appliance_process import ApplianceProcess, run_liveviewer

pytestmark = [pytest.mark.slow, pytest.mark.xvfb]


def test_send_from_the_window_is_accepted_with_its_number(
    running: ApplianceProcess, lv_home: Path, screen: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    enrolled = run_liveviewer(lv_home, "enroll", running.base_url, running.enrolment_code())
    assert enrolled.returncode == 0, enrolled.stderr
    enrolment = load_enrolment(lv_home)
    assert enrolment is not None
    monkeypatch.setenv("DISPLAY", screen)

    root = tk.Tk()
    try:
        root.withdraw()
        picture = desktop_image(1280, 720, seed=21)
        show_desktop(root, picture)
        outcomes: list[SendOutcome] = []
        window = RequestWindow(root, lv_home, "ru", on_outcome=outcomes.append)
        root.geometry("+200+60")
        root.deiconify()
        pump(root, 0.3)
        type_into(root, window.description, "Outlook does not start after update")
        click(root, window.send_button)
        pump_until(root, lambda: bool(outcomes), timeout=20)
        pump(root, 0.2)
        grab_window(root, "window-ru-accepted")
        outcome = outcomes[0]
    finally:
        root.destroy()

    (stored,) = running.tickets(enrolment.device_id)
    assert outcome.number == stored.number
    assert outcome.message == f"Заявка № {stored.number} принята."
    assert stored.description == "Outlook does not start after update"
    # The appliance holds the screen as it was under the hidden window: the desktop, exactly.
    ctx = open_context(running.data_dir)
    try:
        data = ctx.store.read_sync(
            lambda conn: conn.execute(
                "SELECT b.data FROM blobs AS b JOIN ticket_attachments AS a USING (sha256)"
                " JOIN tickets AS t ON t.id = a.ticket_id WHERE t.uuid = ?",
                (stored.uuid,),
            ).fetchone()[0]
        )
    finally:
        ctx.close()
    shot = Image.open(io.BytesIO(bytes(data)))
    assert shot.format == "WEBP"
    assert shot.convert("RGB").tobytes() == picture.tobytes()
