"""Real ``tiketnitsa serve`` processes for the API tests, shared by the whole package.

``api`` is a server on plain HTTP (loopback) with generous rate limits and a 2 MiB blob limit;
``strict_api`` serves HTTPS on loopback (``--tls``) with a burst of 3 requests, for pinning and
rate-limit tests. Each comes with a handle on its store (``.store``) to seed and to look inside,
and seeded organisations and enrolment codes. Tests enrol their own devices (``device``), so
they do not share rate-limit buckets or tickets.
"""

from __future__ import annotations

import os
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

import httpx
import pytest

from appliance.config import DataDir, Settings
from appliance.context import AppContext, open_context
from appliance.services.installation import init_data_dir
from tests.api.support import Codes, Org, add_codes, add_org
from tests.conftest import free_port
from tests.server_log import assert_no_exceptions

BLOB_LIMIT = 2 * 1024 * 1024


@dataclass
class Server:
    base_url: str
    data_dir: DataDir
    ctx: AppContext
    process: subprocess.Popen[bytes]
    log_file: Path
    org: Org
    other_org: Org
    codes: Codes
    verify: bool = True

    def client(self, token: str | None = None, **headers: str) -> httpx.Client:
        all_headers = {"Accept-Language": "en", **headers}
        if token is not None:
            all_headers["Authorization"] = f"Bearer {token}"
        return httpx.Client(
            base_url=self.base_url, headers=all_headers, timeout=30.0, verify=self.verify
        )

    def output(self) -> str:
        return self.log_file.read_text(encoding="utf-8", errors="replace")


def _start(tmp: Path, settings: Settings, *, tls: bool) -> Server:
    data_dir = DataDir(tmp / "data")
    init_data_dir(data_dir, settings=settings, admin_password="admin-password-1")
    ctx = open_context(data_dir)

    def seed(conn):  # type: ignore[no-untyped-def]
        org = add_org(conn, "Acme", login="ivanova", hostname="ACC-01")
        other = add_org(conn, "Globex", login="petrov", hostname="GLX-07")
        return org, other, add_codes(conn, org.id)

    org, other, codes = ctx.store.write_sync(seed)
    port = free_port()
    log_file = tmp / "server.log"
    command = [sys.executable, "-m", "appliance.cli", "--data-dir", str(data_dir.path), "serve"]
    command += ["--host", "127.0.0.1", "--port", str(port)] + (["--tls"] if tls else [])
    # NiceGUI's ui.run takes PYTEST_CURRENT_TEST to mean "inside a screen test" and then
    # ignores --port: the server must not inherit it.
    env = {k: v for k, v in os.environ.items() if k != "PYTEST_CURRENT_TEST"}
    with log_file.open("wb") as log:
        process = subprocess.Popen(command, stdout=log, stderr=subprocess.STDOUT, cwd=tmp, env=env)
    scheme = "https" if tls else "http"
    server = Server(
        f"{scheme}://127.0.0.1:{port}",
        data_dir,
        ctx,
        process,
        log_file,
        org,
        other,
        codes,
        verify=not tls,
    )
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"tiketnitsa serve exited early:\n{server.output()}")
        try:
            with server.client() as client:
                if client.get("/api/v1/health").status_code == 200:
                    return server
        except httpx.TransportError:
            time.sleep(0.1)
    _stop(server)
    raise RuntimeError(f"tiketnitsa serve not healthy:\n{server.output()}")


def _stop(server: Server) -> None:
    server.process.terminate()
    try:
        server.process.wait(timeout=10)
    except subprocess.TimeoutExpired:
        server.process.kill()
        server.process.wait()
    server.ctx.close()


@pytest.fixture(scope="session")
def api(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    settings = Settings(
        lang="ru", max_blob_bytes=BLOB_LIMIT, api_requests_per_minute=6000, api_burst=1000
    )
    server = _start(tmp_path_factory.mktemp("api"), settings, tls=False)
    yield server
    _stop(server)


@pytest.fixture(scope="session")
def strict_api(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    settings = Settings(lang="en", api_requests_per_minute=60, api_burst=3)
    server = _start(tmp_path_factory.mktemp("strict"), settings, tls=True)
    yield server
    _stop(server)


@dataclass(frozen=True)
class Device:
    id: int
    token: str


def enrol(server: Server, *, hostname: str = "ACC-01", os_user: str = "ivanova") -> Device:
    with server.client() as client:
        answer = client.post(
            "/api/v1/enroll",
            json={"code": server.codes.valid, "hostname": hostname, "os_user": os_user},
        )
    assert answer.status_code == 201, answer.text
    body = answer.json()
    return Device(body["device_id"], body["token"])


@pytest.fixture
def device(api: Server) -> Device:
    return enrol(api)


@pytest.fixture
def store_state(api: Server) -> Callable[[], dict[str, object]]:
    from tests.api.support import snapshot

    return lambda: api.ctx.store.read_sync(snapshot)


@pytest.fixture(autouse=True)
def _no_exception_logged_by_the_api(request: pytest.FixtureRequest) -> Iterator[None]:
    """A test that called the API fails when the server logged an exception meanwhile (the
    answer may still have looked right)."""
    servers = [
        request.getfixturevalue(name)
        for name in ("api", "strict_api")
        if name in request.fixturenames
    ]
    starts = [len(server.output()) for server in servers]
    yield
    for server, start in zip(servers, starts, strict=True):
        assert_no_exceptions(server.output()[start:], "tiketnitsa serve (API)")
