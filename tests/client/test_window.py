"""The request window, for real: Tk on Xvfb, typed into and clicked with xdotool."""

from __future__ import annotations

import contextlib
import io
import json
import tkinter as tk
from collections.abc import Iterator
from pathlib import Path

import pytest
from PIL import Image

from client.outbox import Outbox
from client.window import RequestWindow, SendOutcome
from sync.wire import FeedPage
from tests.client.desktop import desktop_image
from tests.client.helpers import queue
from tests.client.tk_support import click, grab_window, pump, pump_until, show_desktop, type_into

pytestmark = pytest.mark.xvfb


class Harness:
    def __init__(self, home: Path, lang: str) -> None:
        self.root = tk.Tk()
        self.root.withdraw()
        self.picture = desktop_image(seed=11)
        self.desktop = show_desktop(self.root, self.picture)
        self.outcomes: list[SendOutcome] = []
        self.window = RequestWindow(self.root, home, lang, on_outcome=self.outcomes.append)
        self.root.geometry("+300+200")
        self.root.deiconify()
        pump(self.root, 0.4)

    def wait_outcome(self) -> SendOutcome:
        pump_until(self.root, lambda: bool(self.outcomes))
        pump(self.root, 0.2)
        return self.outcomes[-1]


@pytest.fixture
def harness(on_display: str, home: Path) -> Iterator[Harness]:
    h = Harness(home, "en")
    yield h
    with contextlib.suppress(tk.TclError):  # the test closed the window itself
        h.root.destroy()


def test_type_and_send_queues_the_request_with_a_screenshot(harness: Harness, home: Path) -> None:
    window = harness.window
    assert window.send_button.instate(["disabled"])  # nothing typed yet
    type_into(harness.root, window.description, "Printer in room 12 prints blank pages")
    type_into(harness.root, window.phone_entry, "+7 900 123-45-67")
    click(harness.root, window.urgent_check)
    assert window.send_button.instate(["!disabled"])
    grab_window(harness.root, "window-en-filled")
    where = (
        harness.root.winfo_rootx(),
        harness.root.winfo_rooty(),
        harness.root.winfo_width(),
        harness.root.winfo_height(),
    )

    click(harness.root, window.send_button)
    outcome = harness.wait_outcome()

    # Not enrolled: saved, and said so.
    assert outcome.number is None
    assert "not connected to the help desk yet" in outcome.message
    assert window.result_label.cget("text") == outcome.message
    grab_window(harness.root, "window-en-saved")
    with Outbox(home / "outbox.db") as box:
        (item,) = box.pending()
        payload = json.loads(item.payload)
        assert payload["description"] == "Printer in room 12 prints blank pages"
        assert payload["phone"] == "+7 900 123-45-67"
        assert payload["urgent"] is True
        assert payload["machine_facts"]["screens"] == [
            {"x": 0, "y": 0, "width": 1920, "height": 1080}
        ]
        (blob,) = item.blobs
        assert payload["attachments"] == [blob.sha256]
        shot = Image.open(io.BytesIO(box.blob_data(item.uuid, blob.sha256))).convert("RGB")
    assert shot.size == (1920, 1080)
    # The window was hidden while the screen was taken: where it stood, the desktop shows.
    x, y, w, h = where
    assert (
        shot.crop((x, y, x + w, y + h)).tobytes()
        == harness.picture.crop((x, y, x + w, y + h)).tobytes()
    )


def test_empty_description_is_refused_with_a_message(harness: Harness, home: Path) -> None:
    window = harness.window
    type_into(harness.root, window.description, "   ")
    assert window.send_button.instate(["disabled"])
    window.send()  # e.g. the Return key bound by a future change: still refused
    pump(harness.root, 0.2)
    assert window.message.cget("text") == "Please write a few words about the problem."
    with Outbox(home / "outbox.db") as box:
        assert box.counts()["queued"] == 0


def test_removed_screenshot_is_not_sent(harness: Harness, home: Path) -> None:
    window = harness.window
    click(harness.root, window.remove_button)
    assert window.remove_button.cget("text") == "Add screenshot"
    assert window.screenshot_note.cget("text") == "No screenshot will be sent."
    type_into(harness.root, window.description, "VPN drops every hour")
    click(harness.root, window.send_button)
    harness.wait_outcome()
    with Outbox(home / "outbox.db") as box:
        (item,) = box.pending()
        assert item.blobs == [] and json.loads(item.payload)["attachments"] == []
    click(harness.root, window.new_button)
    assert window.description_text() == "" and window.include_screenshot.get()


def test_my_requests_reads_the_local_cache(on_display: str, home: Path) -> None:
    with Outbox(home / "outbox.db") as box:
        done = queue(box, "Нет доступа к общей папке Бухгалтерия")
        box.complete(done.uuid, number=128, status="new")
        box.apply_feed(
            FeedPage.model_validate(
                {
                    "events": [
                        {
                            "seq": 1,
                            "kind": "status",
                            "at": "2026-03-02T09:15:00Z",
                            "ticket_uuid": done.uuid,
                            "ticket_number": 128,
                            "status": "in_progress",
                        },
                        {
                            "seq": 2,
                            "kind": "reply",
                            "at": "2026-03-02T09:20:00Z",
                            "ticket_uuid": done.uuid,
                            "ticket_number": 128,
                            "action_id": 5,
                            "text": "Выдали права, перезайдите в систему.",
                        },
                    ],
                    "next": 2,
                    "more": False,
                    "faq_version": "",
                }
            )
        )
        queue(box, "Сканер не видит сеть")
    h = Harness(home, "ru")
    try:
        h.window.notebook.select(h.window.mine_tab)
        pump(h.root, 0.3)
        rows = [h.window.tickets.item(iid, "values") for iid in h.window.tickets.get_children()]
        assert [(str(r[0]), r[1]) for r in rows] == [("—", "Ожидает отправки"), ("128", "В работе")]
        # Local dates in the appliance's format, a cut description marked with an ellipsis.
        assert all(str(r[2])[2] == "." and str(r[2])[5] == "." for r in rows)
        assert str(rows[1][3]) == "Нет доступа к общей папке Бухгалтерия"
        h.window.tickets.selection_set(done.uuid)
        pump(h.root, 0.2)
        assert "Выдали права" in h.window.replies.get("1.0", "end")
        grab_window(h.root, "window-ru-my-requests")
        h.window.notebook.select(h.window.new_tab)
        pump(h.root, 0.2)
        grab_window(h.root, "window-ru-new")
    finally:
        h.root.destroy()


def test_unreachable_appliance_says_saved(harness: Harness, home: Path) -> None:
    from client.config import Enrolment

    Enrolment("http://127.0.0.1:9", 1, "token", "ab" * 32).save(home)  # nothing listens on 9
    window = harness.window
    window.toggle_screenshot()
    type_into(harness.root, window.description, "Internet is down")
    click(harness.root, window.send_button)
    outcome = harness.wait_outcome()
    assert outcome.number is None
    assert outcome.message == "Saved — it will be sent automatically when the server is reachable."
    with Outbox(home / "outbox.db") as box:
        assert box.counts()["queued"] == 1


def test_changed_certificate_is_explained_in_the_window(
    harness: Harness, home: Path, tmp_path: Path
) -> None:
    from client.config import Enrolment
    from tests.client.tls_server import Recorder, https_server, make_certificate

    cert, key, _fingerprint = make_certificate(tmp_path / "now")
    _c, _k, pinned = make_certificate(tmp_path / "at-enrolment")
    recorder = Recorder()
    with https_server(cert, key, recorder) as url:
        Enrolment(url, 1, "token", pinned).save(home)
        window = harness.window
        window.toggle_screenshot()
        type_into(harness.root, window.description, "Cannot print")
        click(harness.root, window.send_button)
        outcome = harness.wait_outcome()
    assert recorder.paths == []
    assert outcome.message.startswith("Saved — it will be sent automatically")
    assert "certificate changed" in outcome.message and "ask your administrator" in outcome.message
    grab_window(harness.root, "window-en-certificate-changed")


def test_a_themed_window_says_what_will_be_sent(harness: Harness, home: Path) -> None:
    from client.theme import ACCENT

    window = harness.window
    assert window.style.theme_use() == "clam"
    assert window.send_button.cget("style") == "Accent.TButton"
    assert window.style.lookup("Accent.TButton", "background") == ACCENT
    assert window.state_label.cget("text") == "This computer is not connected to the help desk"
    assert window.summary.cget("text").startswith("What will be sent: the description (empty yet)")
    type_into(harness.root, window.description, "VPN drops")
    type_into(harness.root, window.phone_entry, "305")
    click(harness.root, window.urgent_check)
    assert window.summary.cget("text") == (
        "What will be sent: the description (9 characters), phone 305, marked urgent,"
        " a screenshot, the computer's name, user and network addresses."
    )
    click(harness.root, window.remove_button)
    assert "no screenshot" in window.summary.cget("text")
    grab_window(harness.root, "window-en-themed")


def test_ctrl_enter_sends_and_escape_closes(harness: Harness, home: Path) -> None:
    from tests.client.tk_support import xdotool

    window = harness.window
    window.toggle_screenshot()
    type_into(harness.root, window.description, "Mouse does not move")
    xdotool(harness.root, "key", "ctrl+Return")
    harness.wait_outcome()
    with Outbox(home / "outbox.db") as box:
        (item,) = box.pending()
        assert json.loads(item.payload)["description"] == "Mouse does not move"
    xdotool(harness.root, "key", "Escape")
    with pytest.raises(tk.TclError):
        harness.root.winfo_exists()


@pytest.mark.parametrize("lang", ["ru", "en"])
def test_the_header_names_the_organisation_and_the_appliances_state(
    on_display: str, home: Path, tmp_path: Path, lang: str
) -> None:
    from client.config import Enrolment
    from tests.client.tls_server import Recorder, https_server, make_certificate

    cert, key, fingerprint = make_certificate(tmp_path / "tls")
    recorder = Recorder()
    with https_server(cert, key, recorder) as url:
        Enrolment(url, 1, "token", fingerprint, org_name="ООО «Ромашка»").save(home)
        with Outbox(home / "outbox.db") as box:
            queue(box, "waiting one")
        h = Harness(home, lang)
        try:
            pump_until(h.root, lambda: h.window.online is not None)
            pump(h.root, 0.2)
            assert h.window.org_label.cget("text") == "ООО «Ромашка»"
            state = h.window.state_label.cget("text")
            online, queued = (
                ("На связи", "в очереди: 1") if lang == "ru" else ("Online", "queued: 1")
            )
            assert online in state and queued in state, state
            assert "/api/v1/health" in recorder.paths
            grab_window(h.root, f"window-{lang}-header")
        finally:
            h.root.destroy()
    h = Harness(home, lang)  # the server is gone now
    try:
        pump_until(h.root, lambda: h.window.online is not None)
        assert h.window.online is False
        assert ("Нет связи" if lang == "ru" else "Offline") in h.window.state_label.cget("text")
    finally:
        h.root.destroy()
