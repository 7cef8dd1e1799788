"""Screen capture and machine facts on a real X server (Xvfb)."""

from __future__ import annotations

import io
import socket
import tkinter as tk
from pathlib import Path

import pytest
from PIL import Image

from client.capture import (
    addresses,
    capture_screenshot,
    encode_webp,
    grab_virtual_screen,
    machine_facts,
)
from tests.client.desktop import desktop_image
from tests.client.tk_support import pump, show_desktop

pytestmark = pytest.mark.xvfb


def test_grab_shows_what_is_on_the_xvfb_screen(on_display: str) -> None:
    root = tk.Tk()
    try:
        root.withdraw()
        picture = desktop_image(seed=7)
        desktop = show_desktop(root, picture)
        pump(root, 0.2)
        grabbed = grab_virtual_screen()
    finally:
        root.destroy()
    assert grabbed.size == (1920, 1080)
    # The grab is the picture on screen, pixel for pixel (24-bit Xvfb, no scaling).
    assert grabbed.tobytes() == picture.tobytes()
    assert desktop is not None


def test_the_screenshot_is_lossless_and_less_than_half_a_png() -> None:
    picture = desktop_image(seed=3)
    webp = encode_webp(picture)
    decoded = Image.open(io.BytesIO(webp.data))
    assert decoded.size == (1920, 1080)
    assert decoded.convert("RGB").tobytes() == picture.tobytes()
    assert webp.media_type == "image/webp"
    # The baseline the encoding was chosen against: PNG at the same speed class.
    png = io.BytesIO()
    picture.save(png, format="PNG", compress_level=3)
    assert len(webp.data) < len(png.getvalue()) / 2


def test_capture_screenshot_is_webp_of_the_whole_screen(on_display: str) -> None:
    shot = capture_screenshot()
    assert shot.media_type == "image/webp"
    assert (shot.width, shot.height) == (1920, 1080)
    assert Image.open(io.BytesIO(shot.data)).size == (1920, 1080)
    assert len(shot.sha256) == 64


def test_machine_facts(on_display: str, tmp_path: Path) -> None:
    facts = machine_facts(tmp_path)
    assert facts.hostname == socket.gethostname()
    assert facts.os and facts.os_user
    assert [(s.x, s.y, s.width, s.height) for s in facts.screens] == [(0, 0, 1920, 1080)]
    assert facts.uptime_seconds is not None and facts.uptime_seconds > 0
    assert facts.free_disk_bytes is not None and facts.free_disk_bytes > 0
    ips, macs = addresses()
    assert facts.ips == ips and facts.macs == macs
    assert "127.0.0.1" not in facts.ips
    assert all(len(mac.split(":")) == 6 for mac in facts.macs)


def test_no_display_is_a_capture_error(monkeypatch: pytest.MonkeyPatch) -> None:
    from client.capture import CaptureError

    monkeypatch.setenv("DISPLAY", ":199")
    with pytest.raises(CaptureError):
        grab_virtual_screen()
    assert machine_facts().screens == []
