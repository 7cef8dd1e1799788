"""L3: a full disk, for real (a size-limited tmpfs holds the data directory of a real server).

Acknowledged tickets stay; while the disk is full every write answers 507 "the appliance is out
of disk space" (logged once, not per request); once space is freed, the same server accepts
again, without a restart. Mounting needs root: without it this skips locally and fails in CI
(``CI=true``), like the browser tests."""

from __future__ import annotations

import contextlib
import errno
import os
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
from nicegui import app
from nicegui.testing import User

from appliance.config import DataDir, Settings
from appliance.context import open_context
from appliance.domain.errors import DiskFull
from appliance.services.installation import init_data_dir
from tests.api.support import add_codes, add_org, png_bytes, sha, submission
from tests.conftest import free_port

MOUNT_SIZE = "24m"


@contextlib.contextmanager
def small_filesystem(where: Path) -> Iterator[Path]:
    where.mkdir()
    result = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", f"size={MOUNT_SIZE},mode=0700", "tmpfs", str(where)],
        capture_output=True,
        text=True,
    )
    if result.returncode != 0:
        message = f"cannot mount a tmpfs (needs root): {result.stderr.strip()}"
        if os.environ.get("CI") == "true":
            pytest.fail(message)
        pytest.skip(message)
    try:
        yield where
    finally:
        subprocess.run(["umount", "-l", str(where)], check=False)


def fill(path: Path) -> None:
    """Write zeros into ``path`` until the filesystem refuses (ENOSPC)."""
    chunk = b"\0" * (256 * 1024)
    with path.open("wb", buffering=0) as out:
        while True:
            try:
                out.write(chunk)
            except OSError as error:
                assert error.errno == errno.ENOSPC
                break
        # The last bytes: a smaller write may still fit.
        for size in (4096, 512, 1):
            while True:
                try:
                    out.write(b"\0" * size)
                except OSError:
                    break


@pytest.mark.slow
def test_a_full_disk_answers_507_keeps_what_was_acknowledged_and_recovers(
    tmp_path: Path,
) -> None:
    with small_filesystem(tmp_path / "small") as mount:
        data_dir = DataDir(mount / "data")
        settings = Settings(lang="en", api_requests_per_minute=6000, api_burst=1000)
        init_data_dir(data_dir, settings=settings, admin_password="admin-password-1")
        with contextlib.closing(open_context(data_dir)) as ctx:
            codes = ctx.store.write_sync(
                lambda conn: add_codes(conn, add_org(conn, "Acme", login="iv", hostname="A").id)
            )
        port = free_port()
        log_file = tmp_path / "server.log"
        env = {k: v for k, v in os.environ.items() if k != "PYTEST_CURRENT_TEST"}
        command = [sys.executable, "-m", "appliance.cli", "--data-dir", str(data_dir.path)]
        command += ["serve", "--host", "127.0.0.1", "--port", str(port)]
        with log_file.open("wb") as log:
            server = subprocess.Popen(
                command, stdout=log, stderr=subprocess.STDOUT, cwd=tmp_path, env=env
            )
        try:
            base = f"http://127.0.0.1:{port}"
            _wait_healthy(base, server)
            with httpx.Client(base_url=base, timeout=30, headers={"Accept-Language": "en"}) as c:
                enrolled = c.post(
                    "/api/v1/enroll", json={"code": codes.valid, "hostname": "A", "os_user": "iv"}
                )
                assert enrolled.status_code == 201, enrolled.text
                c.headers["Authorization"] = f"Bearer {enrolled.json()['token']}"

                acknowledged = []
                for _ in range(5):
                    doc = submission()
                    answer = c.post("/api/v1/tickets", json=doc)
                    assert answer.status_code == 201, answer.text
                    acknowledged.append(doc["uuid"])

                filler = mount / "filler"
                fill(filler)
                refused = []
                for index in range(4):
                    doc = submission(description=f"while full {index} " + "x" * 3000)
                    answer = c.post("/api/v1/tickets", json=doc)
                    refused.append(answer)
                image = png_bytes(300, 200, seed=7)
                blob = c.put(
                    f"/api/v1/blobs/{sha(image)}",
                    content=image,
                    headers={"Content-Type": "image/png"},
                )
                for answer in [*refused, blob]:
                    assert answer.status_code == 507, answer.text
                    assert answer.json()["error"] == "disk_full"
                    assert "out of disk space" in answer.json()["message"]
                # Reads still work meanwhile.
                assert c.get("/api/v1/feed").status_code == 200

                filler.unlink()
                doc = submission()
                again = c.post("/api/v1/tickets", json=doc)
                assert again.status_code == 201, again.text
                acknowledged.append(doc["uuid"])
                assert c.put(
                    f"/api/v1/blobs/{sha(image)}",
                    content=image,
                    headers={"Content-Type": "image/png"},
                ).status_code in (200, 201)
        finally:
            server.terminate()
            server.wait(timeout=15)
        output = log_file.read_text(errors="replace")
        assert output.count("is full: writes are refused") == 1, output
        assert "disk space available again" in output
        assert "Traceback" not in output, output

        with contextlib.closing(open_context(data_dir)) as ctx:
            stored = ctx.store.read_sync(
                lambda conn: [row[0] for row in conn.execute("SELECT uuid FROM tickets")]
            )
            check = ctx.store.read_sync(lambda conn: conn.execute("PRAGMA integrity_check").get)
        assert sorted(stored) == sorted(acknowledged)
        assert check == "ok"


def _wait_healthy(base: str, server: subprocess.Popen[bytes]) -> None:
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        assert server.poll() is None, "serve exited early"
        with contextlib.suppress(httpx.TransportError):
            if httpx.get(base + "/api/v1/health", timeout=1).status_code == 200:
                return
        time.sleep(0.1)
    raise AssertionError("serve not healthy")


async def test_admins_see_a_banner_while_the_disk_is_full(
    user: User, log_in, admin, caplog: pytest.LogCaptureFixture
) -> None:
    """A real SQLITE_FULL through the real write path (the database may not grow: SQLite's
    max_page_count), then space again."""
    await log_in(admin)
    await user.open("/tickets")
    await user.should_not_see(marker="disk-full-banner")
    store = app.state.ctx.store
    pages = store.write_sync(lambda conn: conn.execute("PRAGMA page_count").get)
    store.write_sync(lambda conn: conn.execute(f"PRAGMA max_page_count = {pages}").get)

    def grow(conn) -> None:  # type: ignore[no-untyped-def]
        conn.execute("CREATE TABLE IF NOT EXISTS filler(data BLOB)")
        conn.execute("INSERT INTO filler VALUES (zeroblob(1000000))")

    for _ in range(3):
        with pytest.raises(DiskFull):
            store.write_sync(grow)
    # Logged once for the episode (an ERROR, which the user fixture would fail on: taken here).
    full = [r for r in caplog.records if "is full: writes are refused" in r.getMessage()]
    assert len(full) == 1 and full[0].levelname == "ERROR"
    caplog.clear()
    await user.should_see(marker="disk-full-banner", retries=100)
    await user.should_see("На диске сервера закончилось место")

    store.write_sync(lambda conn: conn.execute("PRAGMA max_page_count = 1073741823").get)
    store.write_sync(lambda conn: None)
    await user.should_not_see(marker="disk-full-banner", retries=100)


async def test_other_roles_never_see_the_banner(user: User, log_in, add_user) -> None:
    await log_in(add_user("technician"))
    await user.open("/tickets")
    await user.should_not_see(marker="disk-full-banner")
