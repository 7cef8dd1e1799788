"""Starting a private Xvfb for tests that need a screen (Tk window, mss capture).

``CI=true`` turns a missing Xvfb into a failure (the suite must not pass by skipping there);
elsewhere the test is skipped with the reason.
"""

from __future__ import annotations

import atexit
import contextlib
import os
import shutil
import subprocess
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

START_TIMEOUT_SECONDS = 10.0


def _display_numbers() -> range:
    """Display numbers to try: :90-:199, split between pytest-xdist's workers (gw0, gw1, ...),
    so that two workers never race for the same free number."""
    worker = os.environ.get("PYTEST_XDIST_WORKER", "gw0").removeprefix("gw")
    workers = int(os.environ.get("PYTEST_XDIST_WORKER_COUNT", "1") or 1)
    index = int(worker) if worker.isdigit() else 0
    span = 110 // max(1, workers)
    return range(90 + index * span, 90 + (index + 1) * span)


def _free_display() -> int:
    for number in _display_numbers():
        if (
            not Path(f"/tmp/.X11-unix/X{number}").exists()
            and not Path(f"/tmp/.X{number}-lock").exists()
        ):
            return number
    raise RuntimeError("no free X display number between :90 and :199")


def require(tool: str) -> str:
    path = shutil.which(tool)
    if path is None:
        message = f"{tool} is not installed (apt-get install xvfb xdotool)"
        if os.environ.get("CI") == "true":
            pytest.fail(message)
        pytest.skip(message)
    return path


@contextmanager
def xvfb(width: int = 1920, height: int = 1080) -> Iterator[str]:
    """Run Xvfb on a free display for the duration; yield the DISPLAY value (":N")."""
    binary = require("Xvfb")
    for _attempt in range(3):
        number = _free_display()
        proc = subprocess.Popen(
            [binary, f":{number}", "-screen", "0", f"{width}x{height}x24", "-nolisten", "tcp"],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        socket_path = Path(f"/tmp/.X11-unix/X{number}")
        deadline = time.monotonic() + START_TIMEOUT_SECONDS
        while time.monotonic() < deadline and proc.poll() is None and not socket_path.exists():
            time.sleep(0.05)
        if proc.poll() is None and socket_path.exists():
            break
        proc.kill()
        proc.wait()
    else:
        raise RuntimeError("Xvfb did not start")
    try:
        yield f":{number}"
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=5)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()


_shared: dict[tuple[int, int], str] = {}
_shared_stack: list[contextlib.ExitStack] = []


def shared_display(width: int = 1920, height: int = 1080) -> str:
    """One Xvfb per geometry for the whole test process, stopped when the process exits.

    Tk keeps its connection to a display for the life of the process, even after every window
    is destroyed; if that X server then goes away, the next Tk call in the process hits an X IO
    error and Xlib exits the process. So a display Tk has used must outlive the process's
    tests: fixtures of every scope take their display from here.
    """
    key = (width, height)
    if key not in _shared:
        stack = contextlib.ExitStack()
        _shared[key] = stack.enter_context(xvfb(width, height))
        _shared_stack.append(stack)
        if len(_shared_stack) == 1:
            atexit.register(_stop_shared)
    return _shared[key]


def _stop_shared() -> None:
    while _shared_stack:
        _shared_stack.pop().close()
    _shared.clear()
