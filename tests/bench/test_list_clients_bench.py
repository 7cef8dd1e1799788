"""The appliance's own cost of many list windows (issue 15, "Load"), without Chromium's.

``test_load_bench.py`` drives 50 real Chromium tabs, whose renderers share the appliance's 2
cores. Here the windows are light NiceGUI clients (``tests/bench/list_windows.py``): the page
requested over HTTP, NiceGUI's socket.io connection, the acknowledgements — all the appliance does
for a browser window, and nothing a browser does. One headless Chromium signs in once, for the
cookie.

Phases, on one ``tiketnitsa serve`` (tracemalloc on, see ``traced_serve.py``), each with the same
20 clients sending a ticket every 3 s as in ``test_load_bench.py``:

1. no window, ``BASELINE_SECONDS``: the ingest baseline;
2. ``$TIKETNITSA_LOAD_TABS`` windows (50), ``$TIKETNITSA_LOAD_SECONDS`` (300): list update
   latency (API 201 -> the row's marker arrives in a window's socket.io update) p50/p95 over
   every (window, ticket) pair; pairs never seen; the appliance's CPU seconds per second; RSS
   every 10 s;
3. the same windows each reloading every ``$TIKETNITSA_RELOAD_SECONDS`` (30; a browser that
   lost its connection, or a technician pressing F5), ``$TIKETNITSA_CHURN_SECONDS`` (120), RSS
   every 10 s and, with ``TIKETNITSA_TRACE=1``, tracemalloc from its beginning (the largest
   growths by line from a third of the phase to its end).

Asserted: invariants only (no refused request, every acknowledged ticket stored once, no
exception in the log). Figures are printed, pages that failed to open among them (NiceGUI
answers 500 when a page takes more than 3 s to build); docs/reliability.md has them.
"""

from __future__ import annotations

import json
import os
import signal
import sys
import threading
import time
import tracemalloc
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import psutil
import pytest

from appliance.config import Settings
from tests.bench.list_windows import Windows
from tests.bench.test_load_bench import (
    BASELINE_SECONDS,
    CLIENTS,
    LOAD_SECONDS,
    TABS,
    Phase,
    _ingest_line,
    _list_latencies,
    _list_line,
    _login_first_tab,
    _rss_mb,
    run_phase,
    tabs_browser,  # noqa: F401 - the fixture
)
from tests.e2e.appliance_process import ApplianceProcess
from tests.server_log import assert_no_exceptions

REPO = Path(__file__).resolve().parents[2]

CHURN_SECONDS = float(os.environ.get("TIKETNITSA_CHURN_SECONDS", "120"))
RELOAD_SECONDS = float(os.environ.get("TIKETNITSA_RELOAD_SECONDS", "30"))
# tracemalloc in the reload phase: slows the appliance about 3x, so off by default (RSS only);
# TIKETNITSA_TRACE=1 with fewer windows shows where the memory goes (docs/reliability.md).
TRACE = os.environ.get("TIKETNITSA_TRACE", "0") == "1"


class TracedAppliance(ApplianceProcess):
    """``tiketnitsa serve`` under ``traced_serve``: SIGUSR1 dumps a tracemalloc snapshot."""

    def __init__(self, root: Path, *, settings: Settings) -> None:
        super().__init__(root, settings=settings)
        self.trace_dir = root / "traces"
        self.trace_dir.mkdir()

    def start(self, *, tls: bool = False) -> None:
        import subprocess

        command = [sys.executable, "-m", "tests.bench.traced_serve"]
        command += ["--data-dir", str(self.data_dir.path), "serve"]
        command += ["--host", "127.0.0.1", "--port", str(self.port)]
        env = {k: v for k, v in os.environ.items() if k != "PYTEST_CURRENT_TEST"}
        env["TIKETNITSA_TRACE_DIR"] = str(self.trace_dir)
        # The server runs in the data root, so this checkout must be on its path to find
        # ``tests.bench.traced_serve`` (``make bench`` sets no PYTHONPATH).
        env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(REPO), env.get("PYTHONPATH")]))
        with self.log_file.open("ab") as log:
            self.process = subprocess.Popen(
                command, stdout=log, stderr=subprocess.STDOUT, cwd=self.root, env=env
            )
        # Importing everything under tracemalloc is slow: more time than a plain start.
        deadline = time.monotonic() + 300
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"traced serve exited:\n{self.output()}")
            try:
                if httpx.get(f"{self.base_url}/api/v1/health", timeout=2.0).status_code == 200:
                    return
            except httpx.TransportError:
                pass
            time.sleep(0.5)
        self.stop()
        raise RuntimeError(f"traced serve not healthy:\n{self.output()}")

    def start_tracing(self) -> None:
        assert self.process is not None
        os.kill(self.process.pid, signal.SIGUSR2)

    def census(self) -> dict[str, Any]:
        """What the appliance holds (``traced_serve``'s census: SQLite's memory, NiceGUI's
        clients, bindings and tab storages, tasks, live objects by type)."""
        assert self.process is not None
        before = set(self.trace_dir.glob("census-*.json"))
        os.kill(self.process.pid, signal.SIGHUP)
        deadline = time.monotonic() + 120
        while time.monotonic() < deadline:
            new = set(self.trace_dir.glob("census-*.json")) - before
            if new:
                found: dict[str, Any] = json.loads(new.pop().read_text())
                return found
            time.sleep(0.2)
        raise TimeoutError("no census")

    def sqlite_mb(self) -> float:
        """SQLite's own count of its memory (page caches of every connection), in MB."""
        return float(self.census()["sqlite_bytes"]) / 2**20

    def snapshot(self) -> tracemalloc.Snapshot:
        assert self.process is not None
        before = set(self.trace_dir.glob("snap-*.tracemalloc"))
        os.kill(self.process.pid, signal.SIGUSR1)
        deadline = time.monotonic() + 120
        while time.monotonic() < deadline:
            new = set(self.trace_dir.glob("snap-*.tracemalloc")) - before
            if new:
                return tracemalloc.Snapshot.load(str(new.pop()))
            time.sleep(0.5)
        raise TimeoutError("no tracemalloc snapshot")


@pytest.fixture(scope="module")
def traced(tmp_path_factory: pytest.TempPathFactory) -> Iterator[TracedAppliance]:
    settings = Settings(lang="en", api_requests_per_minute=1_000_000, api_burst=100_000)
    process = TracedAppliance(tmp_path_factory.mktemp("list-clients"), settings=settings)
    process.start()
    try:
        yield process
    finally:
        process.stop()


def _cpu_seconds(pid: int) -> float:
    times = psutil.Process(pid).cpu_times()
    return float(times.user + times.system)


def _growth(first: tracemalloc.Snapshot, last: tracemalloc.Snapshot, top: int = 8) -> str:
    keep = [tracemalloc.Filter(False, tracemalloc.__file__)]
    first, last = first.filter_traces(keep), last.filter_traces(keep)
    total = sum(s.size for s in last.statistics("filename")) - sum(
        s.size for s in first.statistics("filename")
    )
    lines = [f"  python allocations: {total / 2**20:+.2f} MB; largest growths by line:"]
    for stat in last.compare_to(first, "lineno")[:top]:
        frame = stat.traceback[0]
        lines.append(
            f"    {stat.size_diff / 1024:+8.0f} KiB {stat.count_diff:+6d} blocks"
            f"  {frame.filename.split('site-packages/')[-1]}:{frame.lineno}"
        )
    return "\n".join(lines)


def _rss_line(phase: Phase) -> str:
    minute = min(phase.rss, key=lambda sample: abs(sample[0] - 60.0))
    end = phase.rss[-1]
    growth = end[1] - minute[1]
    return (
        "  RSS (MB): "
        + ", ".join(f"{t:.0f}s {mb:.0f}" for t, mb in phase.rss)
        + f"\n  growth from {minute[0]:.0f} s to the end ({end[0]:.0f} s):"
        f" {growth:+.1f} MB ({100 * growth / minute[1]:+.1f} %)"
    )


def test_light_list_windows_under_client_load(traced: TracedAppliance, tabs_browser) -> None:  # type: ignore[no-untyped-def]  # noqa: F811
    base_url = traced.base_url
    assert traced.process is not None
    pid = traced.process.pid
    log_start = len(traced.output())
    code = traced.enrolment_code(uses=CLIENTS)
    tokens = []
    for i in range(CLIENTS):
        answer = httpx.post(
            base_url + "/api/v1/enroll",
            json={"code": code, "hostname": f"LOAD-{i:02d}", "os_user": "load"},
            timeout=30,
        )
        assert answer.status_code == 201, answer.text
        tokens.append(answer.json()["token"])

    bare = run_phase(Phase("no window", BASELINE_SECONDS), 0, base_url, tokens, pid)

    _login_first_tab(tabs_browser, base_url)
    cookies = {c["name"]: c["value"] for c in tabs_browser.get_cookies()}
    windows = Windows(base_url, cookies, TABS)
    windows.start()
    try:
        cpu = _cpu_seconds(pid)
        load = run_phase(Phase(f"{TABS} light windows", LOAD_SECONDS), 2, base_url, tokens, pid)
        cpu_share = (_cpu_seconds(pid) - cpu) / load.elapsed
        time.sleep(3)
        seen = [record.seen for record in windows.records]
        latency, missing = _list_latencies(load, seen)
        updates = sum(r.updates for r in windows.records)
        update_mb = sum(r.update_bytes for r in windows.records) / 2**20
    finally:
        windows.stop()

    churn = Phase("no reloads", 0.0)
    loads, growth, sqlite_line = 0, "  (not run: TIKETNITSA_CHURN_SECONDS=0)", ""
    churn_errors: list[str] = []
    if CHURN_SECONDS > 0:
        churn_windows = Windows(base_url, cookies, TABS, reload_every=RELOAD_SECONDS)
        churn_windows.start()
        try:
            churn = Phase(f"{TABS} windows reloading every {RELOAD_SECONDS:.0f} s", CHURN_SECONDS)
            if TRACE:
                traced.start_tracing()
            snapshots: list[tracemalloc.Snapshot] = []
            sqlite_mb: list[tuple[float, float]] = []  # (seconds into the phase, MB)

            def after_a_third() -> None:  # beside the phase, which runs in this thread
                time.sleep(min(60.0, CHURN_SECONDS / 3))
                sqlite_mb.append((min(60.0, CHURN_SECONDS / 3), traced.sqlite_mb()))
                time.sleep(max(0.0, CHURN_SECONDS / 3 - 60.0))
                if TRACE:
                    snapshots.append(traced.snapshot())

            first_snapshot = threading.Thread(target=after_a_third)
            first_snapshot.start()
            run_phase(churn, 3, base_url, tokens, pid)
            first_snapshot.join()
            time.sleep(3)
            loads = sum(r.loads for r in churn_windows.records)
            sqlite_mb.append((CHURN_SECONDS, traced.sqlite_mb()))
            sqlite_line = "  SQLite's own memory (MB; page caches, bounded): " + ", ".join(
                f"{t:.0f}s {mb:.1f}" for t, mb in sqlite_mb
            )
            if TRACE:
                snapshots.append(traced.snapshot())
                growth = _growth(snapshots[0], snapshots[-1])
            else:
                growth = "  (not traced: TIKETNITSA_TRACE=0)"
        finally:
            churn_windows.stop()
        churn_errors = churn_windows.errors
    time.sleep(5)
    after = _rss_mb(pid)

    print(
        f"\n{CLIENTS} clients, one ticket each per 3 s; {TABS} light windows opened in"
        f" {windows.opened_in:.0f} s"
        f"\ningest:\n{_ingest_line(bare)}\n{_ingest_line(load)}"
        f"\n{_ingest_line(churn) if churn.acked else ''}"
        "\nlist update (API 201 -> marker in a window's update message):"
        f"\n{_list_line(f'{TABS} light windows', latency, missing, TABS)}"
        f"\n  {updates} update messages, {update_mb:.0f} MB in all;"
        f" appliance CPU {cpu_share:.2f} s per second"
        f"\nmemory, {TABS} windows, {LOAD_SECONDS:.0f} s:\n{_rss_line(load)}"
        f"\nmemory, reloads: {loads} pages built in {CHURN_SECONDS:.0f} s"
        f"\n{_rss_line(churn) if churn.rss else ''}"
        f"\n{sqlite_line}"
        f"\n  traced from the phase's start; growth from {CHURN_SECONDS / 3:.0f} s to the end:"
        f"\n{growth}"
        f"\n  RSS 5 s after the windows closed: {after:.0f} MB"
        f"\npages that failed to open (a browser shows an error page): load"
        f" {len(windows.errors)}, reloads {len(churn_errors)}"
        f" {sorted(set(windows.errors + churn_errors))[:3]}"
    )
    phases = (bare, load, churn)  # an empty churn phase when not run
    assert not [f for p in phases for f in p.failures][:3]
    stored = traced.tickets()
    uuids = {t.uuid for t in stored}
    assert len(uuids) == len(stored)
    assert {a.uuid for p in phases for a in p.acked} <= uuids
    assert_no_exceptions(traced.output()[log_start:], "the appliance")
