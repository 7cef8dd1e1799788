"""Driving Tk under Xvfb: pumping events, real pointer and keyboard input through xdotool,
showing an image as the "desktop", grabbing a window's pixels."""

from __future__ import annotations

import base64
import io
import subprocess
import time
import tkinter as tk
from collections.abc import Callable
from pathlib import Path

import mss
from PIL import Image

from tests.client.xvfb import require

SHOTS = Path("/work/shots/client")


def pump(root: tk.Misc, seconds: float = 0.2) -> None:
    end = time.monotonic() + seconds
    while time.monotonic() < end:
        root.update()
        time.sleep(0.01)


def pump_until(root: tk.Misc, condition: Callable[[], bool], timeout: float = 15.0) -> None:
    end = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > end:
            raise AssertionError("timed out waiting for the window")
        root.update()
        time.sleep(0.01)


def xdotool(root: tk.Misc, *args: str) -> None:
    """Run xdotool while Tk keeps processing the events it produces."""
    proc = subprocess.Popen([require("xdotool"), *args])
    while proc.poll() is None:
        root.update()
        time.sleep(0.01)
    assert proc.returncode == 0, f"xdotool {' '.join(args)} failed"
    pump(root, 0.1)


def click(root: tk.Misc, widget: tk.Misc) -> None:
    """A real mouse click in the middle of ``widget``."""
    root.update_idletasks()
    x = widget.winfo_rootx() + widget.winfo_width() // 2
    y = widget.winfo_rooty() + widget.winfo_height() // 2
    xdotool(root, "mousemove", "--sync", str(x), str(y), "click", "1")


def type_into(root: tk.Misc, widget: tk.Misc, text: str) -> None:
    click(root, widget)
    xdotool(root, "type", "--delay", "5", text)


def show_desktop(root: tk.Tk, image: Image.Image) -> tk.Toplevel:
    """A borderless window at 0,0 showing ``image``: the screen the employee had before."""
    desktop = tk.Toplevel(root)
    desktop.overrideredirect(True)
    desktop.geometry(f"{image.width}x{image.height}+0+0")
    out = io.BytesIO()
    image.save(out, format="PNG", compress_level=1)
    photo = tk.PhotoImage(data=base64.b64encode(out.getvalue()).decode("ascii"))
    label = tk.Label(desktop, image=photo, borderwidth=0, highlightthickness=0)
    label.image = photo  # type: ignore[attr-defined]  # keep a reference for Tk
    label.pack()
    pump(root, 0.3)
    return desktop


def grab_window(root: tk.Misc, name: str) -> Path:
    """Save what the screen shows where ``root`` is, under /work/shots/client/NAME.png."""
    root.update_idletasks()
    region = {
        "left": root.winfo_rootx(),
        "top": root.winfo_rooty(),
        "width": root.winfo_width(),
        "height": root.winfo_height(),
    }
    with mss.MSS() as grabber:
        shot = grabber.grab(region)
    SHOTS.mkdir(parents=True, exist_ok=True)
    path = SHOTS / f"{name}.png"
    Image.frombytes("RGB", shot.size, shot.bgra, "raw", "BGRX").save(path)
    return path
