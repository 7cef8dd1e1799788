"""A real ``tiketnitsa serve`` process the tests can stop, kill -9 and restart on one port, and
look inside (its store, opened beside it as another process would).

Used by the delivery end-to-end tests and the client benchmarks.
"""

from __future__ import annotations

import hashlib
import os
import signal
import socket
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

import httpx

from appliance.config import DataDir, Settings
from appliance.context import open_context
from appliance.services.installation import init_data_dir
from appliance.store.organizations import create_organization

ORG_NAME = "Roga i Kopyta"
START_TIMEOUT_SECONDS = 60.0
REPO = Path(__file__).resolve().parents[2]


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@dataclass(frozen=True)
class StoredTicket:
    number: int
    uuid: str
    description: str
    device_id: int | None
    priority: str
    # sha256 of each attachment's bytes as the appliance holds them (computed here, not read
    # from the blob's name), in attachment order
    attachment_digests: tuple[str, ...]


class ApplianceProcess:
    def __init__(self, root: Path, *, settings: Settings | None = None) -> None:
        self.root = root
        self.data_dir = DataDir(root / "data")
        # By default the production rate limits: a queued backlog must drain through them as it
        # would in an office. Throughput benchmarks lift them.
        settings = settings or Settings(lang="en")
        init_data_dir(self.data_dir, settings=settings, admin_password="admin-password-1")
        self._add_org()
        self.port = free_port()
        self.tls = False
        self.process: subprocess.Popen[bytes] | None = None
        self.log_file = root / "server.log"

    def _add_org(self) -> None:
        ctx = open_context(self.data_dir)
        try:
            ctx.store.write_sync(lambda conn: create_organization(conn, name=ORG_NAME))
        finally:
            ctx.close()

    @property
    def base_url(self) -> str:
        return f"{'https' if self.tls else 'http'}://127.0.0.1:{self.port}"

    # -- lifecycle ---------------------------------------------------------------------------

    def start(self, *, tls: bool = False) -> None:
        assert self.process is None, "already running"
        self.tls = tls
        command = [sys.executable, "-m", "appliance.cli", "--data-dir", str(self.data_dir.path)]
        command += ["serve", "--host", "127.0.0.1", "--port", str(self.port)]
        command += ["--tls"] if tls else []
        # NiceGUI reads PYTEST_CURRENT_TEST as "inside a screen test" and then ignores --port.
        env = {k: v for k, v in os.environ.items() if k != "PYTEST_CURRENT_TEST"}
        with self.log_file.open("ab") as log:
            self.process = subprocess.Popen(
                command, stdout=log, stderr=subprocess.STDOUT, cwd=self.root, env=env
            )
        self._wait_healthy()

    def _wait_healthy(self) -> None:
        assert self.process is not None
        deadline = time.monotonic() + START_TIMEOUT_SECONDS
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"tiketnitsa serve exited:\n{self.output()}")
            try:
                answer = httpx.get(f"{self.base_url}/api/v1/health", timeout=1.0, verify=False)
                if answer.status_code == 200:
                    return
            except httpx.TransportError:
                pass
            time.sleep(0.1)
        raise RuntimeError(f"tiketnitsa serve not healthy:\n{self.output()}")

    def stop(self) -> None:
        if self.process is None:
            return
        self.process.terminate()
        try:
            self.process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()
        self.process = None

    def kill9(self) -> None:
        assert self.process is not None
        os.kill(self.process.pid, signal.SIGKILL)
        self.process.wait()
        self.process = None

    def output(self) -> str:
        return self.log_file.read_text(encoding="utf-8", errors="replace")

    # -- administration through the real command -----------------------------------------------

    def enrolment_code(self, uses: int = 10) -> str:
        result = subprocess.run(
            [
                sys.executable,
                "-m",
                "appliance.cli",
                "--data-dir",
                str(self.data_dir.path),
                "enroll-code",
                "create",
                "--org",
                ORG_NAME,
                "--uses",
                str(uses),
            ],
            capture_output=True,
            text=True,
            check=True,
            cwd=self.root,
        )
        for line in result.stdout.splitlines():
            if line.startswith("Enrolment code:"):
                return line.split(":", 1)[1].strip()
        raise AssertionError(f"no code in: {result.stdout}")

    # -- looking inside ----------------------------------------------------------------------

    def tickets(self, device_id: int | None = None) -> list[StoredTicket]:
        """Tickets in number order (of one device, if given), with attachment digests."""
        ctx = open_context(self.data_dir)

        def read(conn):  # type: ignore[no-untyped-def]
            where = "WHERE t.device_id = ?" if device_id is not None else ""
            params = (device_id,) if device_id is not None else ()
            rows = conn.execute(
                "SELECT t.id, t.number, t.uuid, t.description, t.device_id, t.priority"
                f" FROM tickets AS t {where} ORDER BY t.number",
                params,
            ).fetchall()
            found = []
            for ticket_id, number, uuid, description, device, priority in rows:
                blobs = conn.execute(
                    "SELECT b.data FROM ticket_attachments AS a JOIN blobs AS b USING (sha256)"
                    " WHERE a.ticket_id = ? ORDER BY a.position",
                    (ticket_id,),
                ).fetchall()
                digests = tuple(hashlib.sha256(bytes(data)).hexdigest() for (data,) in blobs)
                found.append(StoredTicket(number, uuid, description, device, priority, digests))
            return found

        try:
            return ctx.store.read_sync(read)
        finally:
            ctx.close()

    def ticket_count(self) -> int:
        ctx = open_context(self.data_dir)
        try:
            return int(
                ctx.store.read_sync(
                    lambda conn: conn.execute("SELECT count(*) FROM tickets").fetchone()[0]
                )
            )
        finally:
            ctx.close()


def run_liveviewer(
    home: Path, *args: str, display: str | None = None, timeout: float = 120.0
) -> subprocess.CompletedProcess[str]:
    """The real ``liveviewer`` command in its own process."""
    env = {k: v for k, v in os.environ.items() if k not in ("PYTEST_CURRENT_TEST", "DISPLAY")}
    env.update({"LIVEVIEWER_HOME": str(home), "LIVEVIEWER_LANG": "en"})
    if display:
        env["DISPLAY"] = display
    return subprocess.run(
        [sys.executable, "-m", "client.cli", *args],
        capture_output=True,
        text=True,
        timeout=timeout,
        env=env,
        cwd=REPO,
    )
