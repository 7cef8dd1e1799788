"""What a page built and gone leaves behind, and what grows with the data instead
(docs/reliability.md, "Memory over time").

On one ``tiketnitsa serve`` under ``traced_serve.py``, rounds of ``ROUND_SECONDS`` (50); after
each, the windows close and, ``SETTLE_SECONDS`` later (NiceGUI deletes a client 3 s after its
socket goes), the appliance takes a census (SIGHUP): SQLite's own count of its memory, NiceGUI's
clients, bindings and tab storages, asyncio tasks, live objects by type. Two series:

1. ``TABS`` (20) light windows (``list_windows.py``), each reloading every ``RELOAD_SECONDS`` (5),
   and no ingest: pages built and gone;
2. no window, ``CLIENTS`` (5) clients each sending a ticket every ``PACE_SECONDS`` (0.3): data.

Printed: per round, pages built, RSS, SQLite's memory and what is left; then the types whose count
grew from the first census to the last. (A page whose socket never connected, e.g. one the
windows' stop cut short, stays until NiceGUI prunes it a minute later.) Asserted: invariants only
(no exception in the log).
"""

from __future__ import annotations

import threading
import time
import uuid
from collections.abc import Iterator
from datetime import UTC, datetime
from typing import Any

import httpx
import pytest

from appliance.config import Settings
from tests.bench.list_windows import Windows
from tests.bench.test_list_clients_bench import TracedAppliance
from tests.bench.test_load_bench import (
    _login_first_tab,
    _rss_mb,
    tabs_browser,  # noqa: F401 - the fixture
)
from tests.server_log import assert_no_exceptions

ROUNDS = 3
ROUND_SECONDS = 50.0
SETTLE_SECONDS = 8.0
TABS = 20
RELOAD_SECONDS = 5.0
CLIENTS = 5
PACE_SECONDS = 0.3


@pytest.fixture(scope="module")
def traced(tmp_path_factory: pytest.TempPathFactory) -> Iterator[TracedAppliance]:
    settings = Settings(lang="en", api_requests_per_minute=1_000_000, api_burst=100_000)
    process = TracedAppliance(tmp_path_factory.mktemp("census"), settings=settings)
    process.start()
    try:
        yield process
    finally:
        process.stop()


def _send(base_url: str, token: str, stop: threading.Event) -> None:
    with httpx.Client(base_url=base_url, headers={"Authorization": f"Bearer {token}"}) as http:
        while not stop.is_set():
            body = {
                "uuid": str(uuid.uuid4()),
                "submitted_at": datetime.now(UTC).isoformat(),
                "description": "the printer is offline",
                "urgent": False,
                "machine_facts": {"hostname": "CENSUS", "os_user": "census"},
                "attachments": [],
            }
            assert http.post("/api/v1/tickets", json=body, timeout=60).status_code == 201
            stop.wait(PACE_SECONDS)


def _round(
    traced: TracedAppliance, cookies: dict[str, str], tokens: list[str], *, windows: bool
) -> tuple[int, float, dict[str, Any]]:
    stop = threading.Event()
    senders = [threading.Thread(target=_send, args=(traced.base_url, t, stop)) for t in tokens]
    for sender in senders:
        sender.start()
    opened = Windows(traced.base_url, cookies, TABS if windows else 0, reload_every=RELOAD_SECONDS)
    opened.start()
    time.sleep(ROUND_SECONDS)
    opened.stop()
    stop.set()
    for sender in senders:
        sender.join()
    time.sleep(SETTLE_SECONDS)
    assert traced.process is not None
    return sum(r.loads for r in opened.records), _rss_mb(traced.process.pid), traced.census()


def _series(
    name: str, traced: TracedAppliance, cookies: dict[str, str], tokens: list[str], windows: bool
) -> list[str]:
    lines = [name]
    first: dict[str, Any] | None = None
    census: dict[str, Any] = {}
    for number in range(1, ROUNDS + 1):
        pages, rss, census = _round(traced, cookies, tokens, windows=windows)
        first = first or census
        lines.append(
            f"  round {number}: {pages} pages built; RSS {rss:.1f} MB;"
            f" SQLite {census['sqlite_bytes'] / 2**20:.1f} MB; left: {census['clients']} clients,"
            f" {census['bindings']} bindings, {census['active_links']} links,"
            f" {census['tasks']} tasks, {census['tab_storages']} tab storages"
        )
    assert first is not None
    grown = {k: n - first["types"].get(k, 0) for k, n in census["types"].items()}
    top = sorted(((n, k) for k, n in grown.items() if n > 0), reverse=True)[:8]
    grew = ", ".join(f"{k} +{n}" for n, k in top) or "nothing"
    lines.append(f"  live objects, types grown from round 1 to the last: {grew}")
    return lines


def test_what_pages_leave_behind(traced: TracedAppliance, tabs_browser) -> None:  # type: ignore[no-untyped-def]  # noqa: F811
    code = traced.enrolment_code(uses=CLIENTS)
    tokens = [
        httpx.post(
            traced.base_url + "/api/v1/enroll",
            json={"code": code, "hostname": f"CENSUS-{i}", "os_user": "census"},
            timeout=30,
        ).json()["token"]
        for i in range(CLIENTS)
    ]
    _login_first_tab(tabs_browser, traced.base_url)
    cookies = {c["name"]: c["value"] for c in tabs_browser.get_cookies()}
    tabs_browser.get("about:blank")  # the signed-in page goes too: only the windows' pages count
    time.sleep(SETTLE_SECONDS)
    log_start = len(traced.output())
    before = traced.census()
    lines = _series(
        f"{TABS} windows reloading every {RELOAD_SECONDS:.0f} s, no ingest, {ROUND_SECONDS:.0f} s"
        " rounds:",
        traced,
        cookies,
        [],
        windows=True,
    )
    lines += _series(
        f"no window, {CLIENTS} clients sending a ticket every {PACE_SECONDS} s,"
        f" {ROUND_SECONDS:.0f} s rounds:",
        traced,
        cookies,
        tokens,
        windows=False,
    )
    print(
        f"\nbefore: {before['clients']} clients, {before['bindings']} bindings,"
        f" {before['tasks']} tasks, {before['tab_storages']} tab storages,"
        f" SQLite {before['sqlite_bytes'] / 2**20:.1f} MB\n" + "\n".join(lines)
    )
    assert_no_exceptions(traced.output()[log_start:], "the appliance")
