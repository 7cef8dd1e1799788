"""The restore drill: a demo box with an enrolled LiveViewer is backed up, the backup is restored
into a new directory (as on a new machine after a dead disk), the restored box is started, and
the LiveViewer enrolled before the backup delivers a request to it without enrolling again: the
certificate it pinned and its device token came back with the backup."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from appliance.config import DataDir
from appliance.context import open_context
from appliance.store.organizations import list_organizations
from appliance.tls import fingerprint_of_pem
from client.config import load_enrolment
from tests.e2e.appliance_process import REPO, ApplianceProcess, free_port, run_liveviewer

pytestmark = pytest.mark.slow

PASSPHRASE = "drill passphrase, long enough"


def tiketnitsa(*argv: str) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if k != "PYTEST_CURRENT_TEST"}
    env.update(
        TIKETNITSA_BACKUP_PASSPHRASE=PASSPHRASE,
        TIKETNITSA_ADMIN_PASSWORD="admin-password-1",
        PYTHONPATH=str(REPO),
    )
    return subprocess.run(
        [sys.executable, "-m", "appliance.cli", *argv],
        capture_output=True, text=True, env=env, cwd=REPO, timeout=300, check=False,
    )  # fmt: skip


class Box(ApplianceProcess):
    """An installation made by the real commands (``init`` + ``demo``), served on a port that
    can be handed to its restored successor."""

    def __init__(self, root: Path, data: Path, port: int, *, org: str = "") -> None:
        self.root = root
        self.data_dir = DataDir(data)
        self.port = port
        self.tls = False
        self.process = None
        self.log_file = root / f"server-{data.name}.log"
        self.org = org

    def enrolment_code(self, uses: int = 10) -> str:
        made = tiketnitsa(
            "--data-dir", str(self.data_dir.path), "enroll-code", "create", "--org", self.org
        )
        assert made.returncode == 0, made.stderr
        for line in made.stdout.splitlines():
            if line.startswith("Enrolment code:"):
                return line.split(":", 1)[1].strip()
        raise AssertionError(made.stdout)


def first_org(data_dir: DataDir) -> str:
    ctx = open_context(data_dir)
    try:
        return ctx.store.read_sync(list_organizations)[0].name
    finally:
        ctx.close()


def test_liveviewer_enrolled_before_the_backup_delivers_to_the_restored_box(
    tmp_path: Path, lv_home: Path
) -> None:
    data = tmp_path / "old-disk"
    made = tiketnitsa("--data-dir", str(data), "init", "--lang", "en")
    assert made.returncode == 0, made.stderr
    demo = tiketnitsa("--data-dir", str(data), "demo", "--tickets", "60", "--seed", "2")
    assert demo.returncode == 0, demo.stderr
    port = free_port()
    old = Box(tmp_path, data, port, org=first_org(DataDir(data)))
    old.start(tls=True)
    try:
        enrolled = run_liveviewer(lv_home, "enroll", old.base_url, old.enrolment_code())
        assert enrolled.returncode == 0, enrolled.stderr
        enrolment = load_enrolment(lv_home)
        assert enrolment is not None
        before = run_liveviewer(lv_home, "submit", "--no-screenshot", "--text", "before backup")
        assert before.returncode == 0, before.stderr
        # The backup is taken while the box serves.
        backup = tmp_path / "usb" / "box.tkbak"
        backup.parent.mkdir()
        created = tiketnitsa("--data-dir", str(data), "backup", "create", "--out", str(backup))
        assert created.returncode == 0, created.stderr
    finally:
        old.stop()
    tickets_at_backup = old.tickets()

    # The disk dies. On the new machine: only the backup file and the passphrase.
    shutil.rmtree(data)
    new_data = tmp_path / "new-disk"
    restored = tiketnitsa("backup", "restore", str(backup), "--data-dir", str(new_data))
    assert restored.returncode == 0, restored.stderr
    assert "integrity and manifest checks passed" in restored.stdout

    new = Box(tmp_path, new_data, port)
    assert fingerprint_of_pem(new.data_dir.cert_file.read_bytes()) == enrolment.server_fingerprint
    assert new.tickets() == tickets_at_backup
    new.start(tls=True)
    try:
        after = run_liveviewer(lv_home, "submit", "--no-screenshot", "--text", "after restore")
        assert after.returncode == 0, after.stderr
        number = int(after.stdout.strip())
        mine = new.tickets(enrolment.device_id)
        assert [t.description for t in mine] == ["before backup", "after restore"]
        assert mine[-1].number == number == max(t.number for t in tickets_at_backup) + 1
        status = run_liveviewer(lv_home, "status", "--json")
        assert status.returncode == 0, status.stderr
    finally:
        new.stop()
    assert load_enrolment(lv_home) == enrolment  # no re-enrolment happened
