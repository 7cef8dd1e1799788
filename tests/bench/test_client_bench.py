"""LiveViewer benchmarks (``make bench``), each beside a baseline measured in the same run.

1. Screenshot encoding: PNG and WebP lossless settings on a 1920×1080 desktop-like image,
   time and size (the table behind the choice in client/capture.py).
2. Send → confirmation on a 1920×1080 Xvfb screen: the real window's Send (hide, settle, grab,
   encode, facts, outbox write, immediate delivery to a real local appliance, result shown).
   Baseline: the raw mss grab of the same screen. Target ≤ 700 ms.
3. Drain of 1,000 queued tickets with ~300 KB screenshots (distinct generated images) to a real
   appliance by the real agent. Baseline: as many requests (2 per ticket) to the bare health
   endpoint over the same kind of client. Target ≤ 20 s.
"""

from __future__ import annotations

import io
import os
import statistics
import time
import tkinter as tk
from collections.abc import Iterator
from pathlib import Path

import pytest
from PIL import Image

from appliance.config import Settings
from client.agent import open_agent
from client.capture import Screenshot, encode_webp, grab_virtual_screen
from client.compose import queue_request
from client.config import OUTBOX_FILE_NAME, load_enrolment
from client.outbox import Outbox
from client.window import RequestWindow, SendOutcome
from sync.wire import MachineFacts
from tests.client.desktop import desktop_image
from tests.client.tk_support import pump, pump_until, show_desktop
from tests.client.xvfb import shared_display
from tests.e2e.appliance_process import ApplianceProcess, run_liveviewer

SEND_TARGET_SECONDS = 0.700
DRAIN_TARGET_SECONDS = 20.0
DRAIN_TICKETS = 1000
SEND_ROUNDS = 10


def median_ms(values: list[float]) -> float:
    return statistics.median(values) * 1000


def p90_ms(values: list[float]) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(len(ordered) * 0.9))] * 1000


@pytest.fixture(scope="module")
def appliance(tmp_path_factory: pytest.TempPathFactory) -> Iterator[ApplianceProcess]:
    # 1,000 tickets are 2,000+ requests from one device: lift the rate limit, which is not
    # what this measures.
    unlimited = Settings(lang="en", api_requests_per_minute=600_000, api_burst=100_000)
    process = ApplianceProcess(tmp_path_factory.mktemp("bench-appliance"), settings=unlimited)
    process.start()
    try:
        yield process
    finally:
        process.stop()


def enrolled_home(appliance: ApplianceProcess, home: Path) -> Path:
    home.mkdir(mode=0o700)
    result = run_liveviewer(home, "enroll", appliance.base_url, appliance.enrolment_code())
    assert result.returncode == 0, result.stderr
    return home


# -- 1. encoding ------------------------------------------------------------------------------


def test_screenshot_encoding_table() -> None:
    picture = desktop_image(1920, 1080, seed=2, windows=6)
    candidates: list[tuple[str, dict[str, object]]] = [
        ("PNG level 1", {"format": "PNG", "compress_level": 1}),
        ("PNG level 3", {"format": "PNG", "compress_level": 3}),
        ("PNG level 6", {"format": "PNG", "compress_level": 6}),
        ("WebP lossless m0 q0", {"format": "WEBP", "lossless": True, "method": 0, "quality": 0}),
        ("WebP lossless m1 q25", {"format": "WEBP", "lossless": True, "method": 1, "quality": 25}),
        (
            "WebP lossless m1 q75 *",
            {"format": "WEBP", "lossless": True, "method": 1, "quality": 75},
        ),
        ("WebP lossless m4 q75", {"format": "WEBP", "lossless": True, "method": 4, "quality": 75}),
    ]
    print("\n[client] screenshot encoding, 1920x1080 desktop-like image (median of 5)")
    results = {}
    for name, options in candidates:
        times = []
        for _ in range(5):
            out = io.BytesIO()
            started = time.perf_counter()
            picture.save(out, **options)  # type: ignore[arg-type]
            times.append(time.perf_counter() - started)
        results[name] = (median_ms(times), len(out.getvalue()))
        print(f"  {name:<24} {median_ms(times):7.1f} ms  {len(out.getvalue()) / 1024:8.1f} KB")
    chosen = results["WebP lossless m1 q75 *"]
    png = results["PNG level 3"]
    print(
        f"  chosen (*) vs PNG level 3: time x{chosen[0] / png[0]:.2f},"
        f" size x{chosen[1] / png[1]:.2f}"
    )
    assert chosen[1] < png[1]


# -- 2. Send -> confirmation ------------------------------------------------------------------


def test_send_to_confirmation(
    appliance: ApplianceProcess, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    home = enrolled_home(appliance, tmp_path / "lv")
    monkeypatch.setenv("DISPLAY", shared_display(1920, 1080))
    root = tk.Tk()
    try:
        root.withdraw()
        show_desktop(root, desktop_image(1920, 1080, seed=4, windows=6))
        outcomes: list[SendOutcome] = []
        window = RequestWindow(root, home, "en", on_outcome=outcomes.append)
        root.geometry("+400+200")
        root.deiconify()
        pump(root, 0.3)

        def send_once(text: str, *, screenshot: bool) -> SendOutcome:
            window.new_request()
            window.include_screenshot.set(screenshot)
            window.description.insert("1.0", text)
            window._update_send_state()
            pump(root, 0.05)
            count = len(outcomes)
            window.send()
            pump_until(root, lambda: len(outcomes) > count, timeout=30)
            outcome = outcomes[-1]
            assert outcome.number is not None, outcome.message
            return outcome

        send_once("warm-up", screenshot=True)
        with_shot = [send_once(f"bench {i}", screenshot=True).elapsed for i in range(SEND_ROUNDS)]
        without = [
            send_once(f"bench text {i}", screenshot=False).elapsed for i in range(SEND_ROUNDS)
        ]
        grabs, encodes = [], []
        for _ in range(SEND_ROUNDS):
            started = time.perf_counter()
            image = grab_virtual_screen()
            grabs.append(time.perf_counter() - started)
            started = time.perf_counter()
            encode_webp(image)
            encodes.append(time.perf_counter() - started)
    finally:
        root.destroy()

    send_ms = median_ms(with_shot)
    print(
        f"\n[client] Send -> 'Request № N accepted' on 1920x1080 Xvfb, real appliance "
        f"({SEND_ROUNDS} sends, {os.cpu_count()} CPUs)"
    )
    print(
        f"  with screenshot      median {send_ms:6.0f} ms  p90 {p90_ms(with_shot):6.0f} ms"
        f"  (includes the {150} ms hide/settle pause)"
    )
    print(
        f"  without screenshot   median {median_ms(without):6.0f} ms  p90 {p90_ms(without):6.0f} ms"
    )
    print(
        f"  baseline: raw mss grab median {median_ms(grabs):6.0f} ms;"
        f" WebP encode median {median_ms(encodes):6.0f} ms"
    )
    print(
        f"  ratio Send / raw grab: x{send_ms / median_ms(grabs):.1f};"
        f" target {SEND_TARGET_SECONDS * 1000:.0f} ms:"
        f" {'met' if send_ms <= SEND_TARGET_SECONDS * 1000 else 'MISSED'}"
    )
    assert send_ms <= SEND_TARGET_SECONDS * 1000


# -- 3. drain of 1,000 ------------------------------------------------------------------------


def noise_png(index: int, side: int = 320) -> bytes:
    """A distinct ~300 KB PNG: noise does not compress, so the size is what is asked for."""
    data = os.urandom(side * (side - 8) * 3)
    image = Image.frombytes("RGB", (side, side - 8), data)
    image.putpixel((0, 0), (index % 256, index // 256 % 256, 7))
    out = io.BytesIO()
    image.save(out, format="PNG", compress_level=1)
    return out.getvalue()


def test_drain_of_a_thousand(appliance: ApplianceProcess, tmp_path: Path) -> None:
    home = enrolled_home(appliance, tmp_path / "lv")
    enrolment = load_enrolment(home)
    assert enrolment is not None
    facts = MachineFacts(hostname="bench-pc", os="Linux", os_user="bench")
    sizes = []
    with Outbox(home / OUTBOX_FILE_NAME) as box:
        for index in range(DRAIN_TICKETS):
            data = noise_png(index)
            sizes.append(len(data))
            shot = Screenshot(data, "image/png", 320, 312)
            queue_request(
                box,
                description=f"bench drain {index}",
                screenshot=shot,
                facts=facts,
            )
        agent = open_agent(enrolment, box)
        try:
            started = time.perf_counter()
            report = agent.drain_once()
            drain = time.perf_counter() - started
            assert report.ok and report.remaining == 0 and len(report.delivered) == DRAIN_TICKETS

            started = time.perf_counter()
            for _ in range(2 * DRAIN_TICKETS):
                assert agent.http.get("/api/v1/health").status_code == 200
            baseline = time.perf_counter() - started
        finally:
            agent.http.close()
    assert len(appliance.tickets(enrolment.device_id)) == DRAIN_TICKETS
    print(
        f"\n[client] drain of {DRAIN_TICKETS} queued tickets, screenshots "
        f"{statistics.mean(sizes) / 1024:.0f} KB each (PNG), real appliance on loopback"
    )
    print(
        f"  drain               {drain:6.1f} s  ({DRAIN_TICKETS / drain:5.0f} tickets/s,"
        f" {sum(sizes) / drain / 1e6:5.1f} MB/s)"
    )
    print(f"  baseline: {2 * DRAIN_TICKETS} GET /api/v1/health  {baseline:6.1f} s")
    print(
        f"  ratio drain / baseline: x{drain / baseline:.1f};"
        f" target {DRAIN_TARGET_SECONDS:.0f} s:"
        f" {'met' if drain <= DRAIN_TARGET_SECONDS else 'MISSED'}"
    )
    assert drain <= DRAIN_TARGET_SECONDS
