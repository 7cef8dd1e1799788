"""End to end: the real ``liveviewer`` against a real ``tiketnitsa serve`` on 127.0.0.1.

Exactly once, in submission order, with byte-identical screenshots: while the appliance is
stopped, when it is killed -9 in the middle of a drain, and behind a proxy that loses a quarter of
the requests and a quarter of the answers.
"""

from __future__ import annotations

import hashlib
import json
import subprocess
import sys
import time
import tkinter as tk
from pathlib import Path

import pytest
from PIL import ImageDraw

from client import cli
from client.capture import encode_webp
from client.compose import queue_request
from client.config import OUTBOX_FILE_NAME, Enrolment, load_enrolment
from client.outbox import Outbox
from tests.client.desktop import desktop_image
from tests.client.tk_support import pump
from tests.e2e.appliance_process import REPO, ApplianceProcess, run_liveviewer
from tests.e2e.lossy_proxy import LossyProxy

pytestmark = [pytest.mark.slow, pytest.mark.xvfb]


def enrol(appliance: ApplianceProcess, home: Path) -> Enrolment:
    code = appliance.enrolment_code()
    result = run_liveviewer(home, "enroll", appliance.base_url, code)
    assert result.returncode == 0, result.stderr
    assert "enrolled" in result.stdout
    enrolment = load_enrolment(home)
    assert enrolment is not None
    return enrolment


def queued_digests(home: Path) -> list[tuple[str, tuple[str, ...]]]:
    """(uuid, sha256 of each screenshot's bytes) of every queued item, oldest first."""
    with Outbox(home / OUTBOX_FILE_NAME) as box:
        return [
            (
                item.uuid,
                tuple(
                    hashlib.sha256(box.blob_data(item.uuid, b.sha256)).hexdigest()
                    for b in item.blobs
                ),
            )
            for item in box.pending()
        ]


def assert_exactly_once_in_order(
    appliance: ApplianceProcess, enrolment: Enrolment, expected: list[tuple[str, tuple[str, ...]]]
) -> None:
    stored = appliance.tickets(enrolment.device_id)
    # Every request once, no more: same uuids, no duplicates.
    assert len(stored) == len(expected)
    assert len({t.uuid for t in stored}) == len(stored)
    # Numbers follow submission order (stored is in number order), gap-free across the device.
    assert [t.uuid for t in stored] == [uuid for uuid, _ in expected]
    numbers = [t.number for t in stored]
    assert numbers == list(range(numbers[0], numbers[0] + len(numbers)))
    # The screenshots the appliance holds are the very bytes that were queued.
    assert [t.attachment_digests for t in stored] == [digests for _, digests in expected]


def numbered_screen(root: tk.Tk, label: tk.Label, index: int) -> None:
    label.configure(text=f"Screen of request {index}")
    pump(root, 0.05)


def test_fifty_queued_while_stopped_are_delivered_exactly_once(
    running: ApplianceProcess,
    lv_home: Path,
    screen: str,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    enrolment = enrol(running, lv_home)
    running.stop()

    monkeypatch.setenv("DISPLAY", screen)
    root = tk.Tk()
    try:
        root.geometry("1920x1080+0+0")
        label = tk.Label(root, font=("DejaVu Sans", 48), bg="#204060", fg="white")
        label.pack(fill="both", expand=True)
        # The first one through the real command in its own process ...
        numbered_screen(root, label, 0)
        first = run_liveviewer(lv_home, "submit", "--text", "Request 0", "--urgent", display=screen)
        assert first.returncode == 0, first.stderr
        assert first.stdout.startswith("Queued: the request is saved"), first.stdout
        # ... the other 49 through the same entry point in this process (faster start-up).
        monkeypatch.setenv("LIVEVIEWER_HOME", str(lv_home))
        monkeypatch.setenv("LIVEVIEWER_LANG", "en")
        for index in range(1, 50):
            numbered_screen(root, label, index)
            args = ["submit", "--text", f"Request {index}", "--phone", f"+7 900 {index:03d}"]
            assert cli.main(args) == 0
            assert capsys.readouterr().out.startswith("Queued: the request is saved")
    finally:
        root.destroy()
    expected = queued_digests(lv_home)
    assert len(expected) == 50
    assert len({digests for _, digests in expected}) == 50  # fifty different screenshots

    running.start()
    drained = run_liveviewer(lv_home, "agent", "--once")

    assert drained.returncode == 0, drained.stderr
    assert "Delivered: 50" in drained.stdout
    assert_exactly_once_in_order(running, enrolment, expected)
    stored = running.tickets(enrolment.device_id)
    assert stored[0].description == "Request 0" and stored[0].priority == "urgent"
    assert stored[1].priority == "normal"
    with Outbox(lv_home / OUTBOX_FILE_NAME) as box:
        assert box.counts()["queued"] == 0
        shot = box.ticket(expected[0][0])
    assert shot is not None and shot.number == stored[0].number
    # The screenshot is the whole Xvfb screen.
    status = run_liveviewer(lv_home, "status", "--json")
    doc = json.loads(status.stdout)
    assert doc["queued"] == 0 and len(doc["tickets"]) == 50
    assert sorted(t["number"] for t in doc["tickets"]) == [t.number for t in stored]
    assert enrolment.token not in status.stdout

    again = run_liveviewer(lv_home, "agent", "--once")
    assert again.returncode == 0
    assert len(running.tickets(enrolment.device_id)) == 50


def queue_generated(home: Path, count: int, *, prefix: str) -> list[tuple[str, tuple[str, ...]]]:
    """Queue ``count`` requests with distinct generated screenshots (no screen needed); return
    (uuid, screenshot sha256) of each, in order."""
    base = desktop_image(960, 540, seed=5)
    queued = []
    with Outbox(home / OUTBOX_FILE_NAME) as box:
        for index in range(count):
            picture = base.copy()
            ImageDraw.Draw(picture).text((20, 20), f"{prefix} {index}", fill=(255, 0, 0))
            shot = encode_webp(picture)
            request = queue_request(
                box, description=f"{prefix} {index}", screenshot=shot, home=home
            )
            queued.append((request.uuid, (hashlib.sha256(shot.data).hexdigest(),)))
    return queued


def test_kill_9_in_the_middle_of_a_drain(running: ApplianceProcess, lv_home: Path) -> None:
    enrolment = enrol(running, lv_home)
    expected = queue_generated(lv_home, 60, prefix="killed")
    assert queued_digests(lv_home) == expected
    before = running.ticket_count()

    env_home = {"LIVEVIEWER_HOME": str(lv_home), "LIVEVIEWER_LANG": "en"}
    agent = subprocess.Popen(
        [sys.executable, "-m", "client.cli", "agent", "--once"],
        cwd=REPO,
        env={**_env(), **env_home},
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    deadline = time.monotonic() + 60
    while running.ticket_count() < before + 5:
        assert time.monotonic() < deadline, "the drain did not start"
        time.sleep(0.01)
    running.kill9()
    out, err = agent.communicate(timeout=60)
    delivered_before_kill = len(running.tickets(enrolment.device_id))
    assert agent.returncode == 3, (out, err)  # still queued: the appliance went away
    assert 5 <= delivered_before_kill < 60
    assert "cannot be reached" in err and "Traceback" not in err

    running.start()
    drained = run_liveviewer(lv_home, "agent", "--once")
    assert drained.returncode == 0, drained.stderr
    assert_exactly_once_in_order(running, enrolment, expected)


def _env() -> dict[str, str]:
    import os

    return {k: v for k, v in os.environ.items() if k not in ("PYTEST_CURRENT_TEST", "DISPLAY")}


def test_lossy_proxy_still_exactly_once(
    running: ApplianceProcess,
    lv_home: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    enrolment = enrol(running, lv_home)
    expected = queue_generated(lv_home, 25, prefix="lossy")
    assert queued_digests(lv_home) == expected
    monkeypatch.setenv("LIVEVIEWER_HOME", str(lv_home))
    monkeypatch.setenv("LIVEVIEWER_LANG", "en")

    with LossyProxy(running.port, drop_request=0.25, drop_response=0.25, seed=7) as proxy:
        Enrolment(
            server_url=proxy.url,
            device_id=enrolment.device_id,
            token=enrolment.token,
            server_fingerprint=enrolment.server_fingerprint,
            org_name=enrolment.org_name,
        ).save(lv_home)
        codes = []
        for _ in range(300):
            codes.append(cli.main(["agent", "--once"]))
            if codes[-1] == 0:
                break
        capsys.readouterr()
        counts = proxy.counts

    assert codes[-1] == 0, codes
    assert set(codes[:-1]) <= {3}
    # Both kinds of loss happened, many times: the test exercised what it claims.
    assert counts.dropped_requests >= 5 and counts.dropped_responses >= 5
    assert_exactly_once_in_order(running, enrolment, expected)


def test_running_agent_wakes_on_a_new_request_and_stops_on_sigterm(
    running: ApplianceProcess, lv_home: Path
) -> None:
    enrolment = enrol(running, lv_home)
    env = {**_env(), "LIVEVIEWER_HOME": str(lv_home), "LIVEVIEWER_LANG": "en"}
    agent = subprocess.Popen(
        [sys.executable, "-m", "client.cli", "agent"],
        cwd=REPO,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=(lv_home.parent / "agent.log").open("w"),
    )
    try:
        time.sleep(3)  # started (or starting: items queued before it watches are synced first)
        # What the window leaves behind when its own quick try did not get through.
        expected = queue_generated(lv_home, 3, prefix="woken")
        deadline = time.monotonic() + 20
        while len(running.tickets(enrolment.device_id)) < 3:
            assert time.monotonic() < deadline, "the running agent did not deliver"
            time.sleep(0.1)
        agent.terminate()  # SIGTERM: finish the round, exit cleanly
        agent.wait(timeout=15)
    finally:
        if agent.poll() is None:
            agent.kill()
            agent.wait()
        err = (lv_home.parent / "agent.log").read_text()
        print(f"--- liveviewer agent log ---\n{err}")
    assert agent.returncode == 0, err
    assert "delivered" in err
    assert enrolment.token not in err
    assert_exactly_once_in_order(running, enrolment, expected)
