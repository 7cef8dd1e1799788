"""Ingest throughput of the client API (``make bench``), beside a bare endpoint in the same run.

20 concurrent clients (one thread and one ``httpx.Client`` each, one enrolled device each) send
tickets the way LiveViewer does: ``PUT /api/v1/blobs/{sha256}`` with a small PNG screenshot
(distinct per ticket), then ``POST /api/v1/tickets`` naming it.

- appliance: a real ``tiketnitsa serve`` process (encrypted store, fsync on every commit,
  Pillow decoding, auth, rate limits, idempotency check, numbering, SLA, triggers).
- baseline: the same payloads from the same clients to a bare FastAPI app on uvicorn
  (``bare_app`` below, same uvicorn defaults) whose two endpoints only read the body / parse
  the JSON and answer.

The arms alternate for ``ROUNDS`` rounds, fresh tickets each round (the bare arm gets the same
payloads); the figure is the median of the per-round ratios (tickets/s appliance / baseline).
Target ≥ 0.5.
"""

from __future__ import annotations

import io
import os
import statistics
import subprocess
import sys
import threading
import time
import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

import httpx
import pytest
from fastapi import FastAPI, Request
from PIL import Image

from appliance.config import DataDir, Settings
from appliance.context import open_context
from appliance.services.installation import init_data_dir
from sync.hashing import sha256_hex
from tests.api.support import add_org

CLIENTS = 20
TICKETS_PER_CLIENT = 25
ROUNDS = 5
TARGET_RATIO = 0.5
REPO = Path(__file__).resolve().parents[2]

bare_app = FastAPI()


@bare_app.put("/api/v1/blobs/{sha256}")
async def bare_blob(sha256: str, request: Request) -> dict[str, bool]:
    await request.body()
    return {"ok": True}


@bare_app.post("/api/v1/tickets")
async def bare_ticket(request: Request) -> dict[str, bool]:
    await request.json()
    return {"ok": True}


@bare_app.get("/api/v1/health")
async def bare_health() -> dict[str, str]:
    return {"status": "ok"}


def _free_port() -> int:
    import socket

    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _clean_env() -> dict[str, str]:
    # NiceGUI reads PYTEST_CURRENT_TEST as "inside a screen test" and ignores --port.
    return {k: v for k, v in os.environ.items() if k != "PYTEST_CURRENT_TEST"}


def _wait_healthy(base_url: str, process: subprocess.Popen[bytes]) -> None:
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"server exited with {process.returncode}")
        try:
            if httpx.get(base_url + "/api/v1/health", timeout=2).status_code == 200:
                return
        except httpx.TransportError:
            time.sleep(0.1)
    raise RuntimeError("server not healthy in time")


@dataclass
class Server:
    base_url: str
    process: subprocess.Popen[bytes]

    def stop(self) -> None:
        self.process.terminate()
        try:
            self.process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()


def _start(command: list[str], cwd: Path, port: int, log_dir: Path) -> Server:
    log = (log_dir / f"server-{port}.log").open("wb")
    process = subprocess.Popen(
        command, cwd=cwd, env=_clean_env(), stdout=log, stderr=subprocess.STDOUT
    )
    server = Server(f"http://127.0.0.1:{port}", process)
    try:
        _wait_healthy(server.base_url, process)
    except BaseException:
        server.stop()
        raise
    return server


@dataclass(frozen=True)
class Appliance:
    server: Server
    tokens: list[str]


@pytest.fixture(scope="module")
def appliance(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Appliance]:
    tmp = tmp_path_factory.mktemp("ingest-bench")
    data_dir = DataDir(tmp / "data")
    # Limits far above the load: the benchmark measures ingest, not the limiter's refusals.
    settings = Settings(lang="en", api_requests_per_minute=1_000_000, api_burst=100_000)
    init_data_dir(data_dir, settings=settings, admin_password="bench-password-1")
    ctx = open_context(data_dir)
    try:
        from appliance.domain.clock import utc_now
        from appliance.store.devices import create_code

        def seed(conn):  # type: ignore[no-untyped-def]
            org = add_org(conn, "Bench Ltd", login="bench", hostname="BENCH-PC")
            return create_code(conn, org_id=org.id, max_uses=CLIENTS, days=1, now=utc_now()).code

        code = ctx.store.write_sync(seed)
    finally:
        ctx.close()
    port = _free_port()
    command = [sys.executable, "-m", "appliance.cli", "--data-dir", str(data_dir.path), "serve"]
    server = _start([*command, "--host", "127.0.0.1", "--port", str(port)], tmp, port, tmp)
    try:
        tokens = []
        with httpx.Client(base_url=server.base_url, timeout=30) as client:
            for i in range(CLIENTS):
                answer = client.post(
                    "/api/v1/enroll", json={"code": code, "hostname": f"BENCH-{i:02d}"}
                )
                answer.raise_for_status()
                tokens.append(answer.json()["token"])
        yield Appliance(server, tokens)
    finally:
        server.stop()


@pytest.fixture(scope="module")
def bare(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    port = _free_port()
    command = [sys.executable, "-m", "uvicorn", "tests.bench.test_ingest_bench:bare_app"]
    command += ["--host", "127.0.0.1", "--port", str(port), "--log-level", "warning"]
    # Run from the repository so uvicorn can import this module; logs go to a temp dir.
    server = _start(command, REPO, port, tmp_path_factory.mktemp("bare"))
    try:
        yield server
    finally:
        server.stop()


@dataclass(frozen=True)
class Ticket:
    png: bytes
    sha256: str
    body: dict[str, object]


def _png(seed: int) -> bytes:
    # A small screenshot stand-in, distinct per ticket (about 1-2 KB).
    image = Image.new("RGB", (96, 64), (seed % 251, (seed // 251) % 251, 90))
    for x in range(0, 96, 8):
        image.putpixel((x, seed % 64), ((seed * 7) % 256, x, 200))
    out = io.BytesIO()
    image.save(out, "PNG")
    return out.getvalue()


def _tickets(round_no: int) -> list[list[Ticket]]:
    work = []
    for client in range(CLIENTS):
        mine = []
        for n in range(TICKETS_PER_CLIENT):
            png = _png((round_no * CLIENTS + client) * TICKETS_PER_CLIENT + n)
            sha = sha256_hex(png)
            body = {
                "uuid": str(uuid.uuid4()),
                "submitted_at": datetime.now(UTC).isoformat(),
                "description": f"Bench request {round_no}/{client}/{n}: the printer is offline",
                "urgent": n % 5 == 0,
                "machine_facts": {
                    "hostname": f"BENCH-{client:02d}",
                    "os": "Windows 11 Pro",
                    "os_user": "bench",
                    "ips": ["192.168.1.20"],
                    "screens": [{"x": 0, "y": 0, "width": 1920, "height": 1080}],
                },
                "attachments": [sha],
            }
            mine.append(Ticket(png, sha, body))
        work.append(mine)
    return work


def _drive(base_url: str, tokens: list[str], work: list[list[Ticket]]) -> float:
    """Seconds for all clients to deliver all their tickets (blob, then ticket, each)."""
    start = threading.Barrier(CLIENTS + 1)
    failures: list[str] = []

    def client_loop(index: int) -> None:
        headers = {"Authorization": f"Bearer {tokens[index]}"}
        with httpx.Client(base_url=base_url, headers=headers, timeout=60) as client:
            client.get("/api/v1/health")  # connect before the clock starts
            start.wait()
            for ticket in work[index]:
                blob = client.put(f"/api/v1/blobs/{ticket.sha256}", content=ticket.png)
                sent = client.post("/api/v1/tickets", json=ticket.body)
                if blob.status_code not in (200, 201) or sent.status_code not in (200, 201):
                    failures.append(f"{blob.status_code} {sent.status_code} {sent.text[:200]}")

    threads = [threading.Thread(target=client_loop, args=(i,)) for i in range(CLIENTS)]
    for thread in threads:
        thread.start()
    start.wait()
    began = time.perf_counter()
    for thread in threads:
        thread.join()
    elapsed = time.perf_counter() - began
    assert not failures, failures[:3]
    return elapsed


def test_ingest_keeps_up_with_a_bare_endpoint(appliance: Appliance, bare: Server) -> None:
    tickets = CLIENTS * TICKETS_PER_CLIENT
    # Warm both (imports, first connections, page cache) with a round that is not counted.
    warm = _tickets(99)
    _drive(appliance.server.base_url, appliance.tokens, warm)
    _drive(bare.base_url, appliance.tokens, warm)
    ratios = []
    print(f"\ningest: {CLIENTS} clients x {TICKETS_PER_CLIENT} tickets (blob PUT + ticket POST)")
    for round_no in range(ROUNDS):
        work = _tickets(round_no)
        real = _drive(appliance.server.base_url, appliance.tokens, work)
        base = _drive(bare.base_url, appliance.tokens, work)
        ratio = (tickets / real) / (tickets / base)
        ratios.append(ratio)
        print(
            f"  round {round_no + 1}: appliance {tickets / real:7.1f} tickets/s"
            f" ({2 * tickets / real:7.1f} req/s) | bare {tickets / base:7.1f} tickets/s"
            f" ({2 * tickets / base:7.1f} req/s) | ratio {ratio:.2f}"
        )
    median = statistics.median(ratios)
    print(f"  median ratio appliance/bare: {median:.2f} (target >= {TARGET_RATIO})")
    assert median >= TARGET_RATIO
