"""Every file in the data directory is the owner's only (0600, folders 0700): after init, after
serve has run and written (the store, its WAL, NiceGUI's session storage), and even when a
copy or a loose umask widened them before the appliance opened the directory."""

from __future__ import annotations

import asyncio
import os
import stat
import subprocess
import sys
import time
from pathlib import Path

import httpx
import pytest
from nicegui.testing import User

from appliance.config import DataDir
from appliance.context import open_context
from tests.conftest import free_port

CLI = [sys.executable, "-m", "appliance.cli"]


def modes(root: Path) -> dict[str, str]:
    found = {}
    for folder, _dirs, files in os.walk(root):
        for name in [".", *files]:
            path = Path(folder) / name
            found[str(path.relative_to(root))] = oct(stat.S_IMODE(path.stat().st_mode))
    return found


def wide(root: Path) -> dict[str, str]:
    return {
        name: mode
        for name, mode in modes(root).items()
        if int(mode, 8) & 0o077  # anything for group or others
    }


def env() -> dict[str, str]:
    return {k: v for k, v in os.environ.items() if not k.startswith(("PYTEST_", "NICEGUI_"))}


@pytest.mark.slow
def test_init_serve_and_writes_leave_only_private_files(tmp_path: Path) -> None:
    data = tmp_path / "data"
    loose = "umask 022; exec " + " ".join(CLI)
    subprocess.run(
        ["sh", "-c", f"{loose} init --data-dir {data} --lang en"],
        env=env(),
        check=True,
        capture_output=True,
    )
    names = set(modes(data))
    assert {"tiketnitsa.db", "config.json", "tls/cert.pem", "store.key"} <= names
    assert wide(data) == {}

    # A copy made with a loose umask, or a restore, widens them: opening narrows them again.
    for path in data.rglob("*"):
        path.chmod(0o755 if path.is_dir() else 0o644)
    port = free_port()
    server = subprocess.Popen(
        ["sh", "-c", f"{loose} serve --data-dir {data} --host 127.0.0.1 --port {port}"],
        env=env(),
        cwd=tmp_path,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        base = f"http://127.0.0.1:{port}"
        for _ in range(300):
            try:
                if httpx.get(base + "/api/v1/health", timeout=1).status_code == 200:
                    break
            except httpx.TransportError:
                pass
            assert server.poll() is None, "serve exited early"
            time.sleep(0.1)
        # A page load and a refused enrolment (an audit row) while serving; then a write.
        with httpx.Client(base_url=base) as client:
            assert client.get("/login").status_code == 200
            assert client.post("/api/v1/enroll", json={"code": "x" * 20}).status_code >= 400
        ctx = open_context(DataDir(data))
        try:
            ctx.store.write_sync(lambda conn: conn.execute("CREATE TABLE t(x)"))
        finally:
            ctx.close()
        names = set(modes(data))
        assert "tiketnitsa.db-wal" in names or "tiketnitsa.db-shm" in names, names
        assert wide(data) == {}
    finally:
        server.terminate()
        server.wait(timeout=15)


async def test_nicegui_session_storage_is_private(user: User, log_in, admin, data_dir) -> None:
    """Signing in writes this browser's ``ui-storage/storage-user-*.json`` (NiceGUI writes it
    in the background, with the process umask the appliance set)."""
    await log_in(admin)
    storage = data_dir.path / "ui-storage"
    for _ in range(100):
        if any(storage.glob("storage-user-*.json")):
            break
        await asyncio.sleep(0.05)
    assert any(storage.glob("storage-user-*.json"))
    assert wide(data_dir.path) == {}
