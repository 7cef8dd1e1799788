"""Refusals that are not tampering: a backup from a newer appliance, a full disk; and a backup
killed half-way, which must never leave a file under the final name."""

from __future__ import annotations

import hashlib
import io
import json
import os
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from appliance.backup.format import ChunkWriter, WrappingKey, new_header, read_chunks, read_header
from appliance.backup.manifest import LENGTH_SIZE, manifest_length
from appliance.config import DataDir
from appliance.context import open_context
from appliance.domain.clock import utc_now
from appliance.store.blobs import put_blob
from tests.backup.support import PASSPHRASE
from tests.commands.helpers import REPO, cli


def reseal_with_manifest_change(backup: Path, out: Path, **changes: object) -> None:
    """The same backup with manifest fields changed, sealed anew with the same passphrase (what a
    newer appliance's backup looks like to this one)."""
    with backup.open("rb") as f:
        header = read_header(f)
        data_key = header.unwrap(WrappingKey.from_passphrase(PASSPHRASE, header.kdf))
        body = b"".join(read_chunks(f, header, data_key))
    length = manifest_length(body)
    doc = json.loads(body[LENGTH_SIZE : LENGTH_SIZE + length])
    doc.update(changes)
    manifest = json.dumps(doc).encode()
    rest = body[LENGTH_SIZE + length :]
    sink = io.BytesIO()
    new, key = new_header(WrappingKey.from_passphrase(PASSPHRASE, header.kdf))
    writer = ChunkWriter(sink, new, key)
    writer.write(len(manifest).to_bytes(4, "big") + manifest + rest)
    writer.close()
    out.write_bytes(sink.getvalue())


def test_a_backup_from_a_newer_appliance_is_refused_before_anything_is_written(
    backup_file: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str], passphrase_env: None
) -> None:
    newer = tmp_path / "newer.tkbak"
    reseal_with_manifest_change(
        backup_file, newer, schema_version=999, app_version="9.0.0", new_field={"x": 1}
    )
    root = tmp_path / "restore-here"
    root.mkdir()
    for argv in (
        ("backup", "verify", str(newer)),
        ("backup", "restore", str(newer), "--data-dir", str(root / "new")),
    ):
        outcome = cli(capsys, *argv)
        assert outcome.code == 1
        assert "made by a newer Tiketnitsa (9.0.0): update before restoring" in outcome.err
    assert list(root.iterdir()) == []


def test_a_manifest_that_does_not_match_is_refused(
    backup_file: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str], passphrase_env: None
) -> None:
    lying = tmp_path / "lying.tkbak"
    reseal_with_manifest_change(backup_file, lying, row_counts={"tickets": 81})
    outcome = cli(capsys, "backup", "verify", str(lying))
    assert outcome.code == 1
    assert "does not match its manifest" in outcome.err


@pytest.fixture
def small_disk(tmp_path: Path) -> Iterator[Path]:
    """A 1 MiB file system (tmpfs): the demo store does not fit on it. CI runs as root."""
    mount = tmp_path / "small"
    mount.mkdir()
    subprocess.run(["mount", "-t", "tmpfs", "-o", "size=1m", "tmpfs", str(mount)], check=True)
    try:
        yield mount
    finally:
        subprocess.run(["umount", str(mount)], check=True)


def test_no_space_left_is_said_plainly_and_leaves_nothing(
    demo_dir: DataDir,
    backup_file: Path,
    small_disk: Path,
    capsys: pytest.CaptureFixture[str],
    passphrase_env: None,
) -> None:
    out = small_disk / "demo.tkbak"
    made = cli(capsys, "--data-dir", str(demo_dir.path), "backup", "create", "--out", str(out))
    assert made.code == 6, made.err
    assert f"No space left on the disk ({small_disk})" in made.err
    assert list(small_disk.iterdir()) == []

    restored = cli(
        capsys, "backup", "restore", str(backup_file), "--data-dir", str(small_disk / "new")
    )
    assert restored.code == 6, restored.err
    assert "No space left on the disk" in restored.err
    assert list(small_disk.iterdir()) == []


def _big_store(data_dir: DataDir, megabytes: int) -> None:
    """Screenshot-sized random blobs, so that making a backup takes a while."""
    ctx = open_context(data_dir)
    try:
        for _ in range(megabytes):
            data = os.urandom(1024 * 1024)
            digest = hashlib.sha256(data).hexdigest()
            ctx.store.write_sync(
                lambda conn, d=data, h=digest: put_blob(
                    conn,
                    sha256=h,
                    data=d,
                    media_type="image/webp",
                    width=1,
                    height=1,
                    now=utc_now(),
                )
            )
    finally:
        ctx.close()


@pytest.mark.parametrize("kill_when", ["snapshot", "writing"])
def test_a_backup_killed_half_way_leaves_no_file_under_the_final_name(
    demo_dir: DataDir, tmp_path: Path, kill_when: str, capsys: pytest.CaptureFixture[str]
) -> None:
    if not (demo_dir.path / ".big").exists():
        _big_store(demo_dir, 150)
        (demo_dir.path / ".big").touch()
    folder = tmp_path / "out"
    folder.mkdir()
    out = folder / "killed.tkbak"
    env = {**os.environ, "TIKETNITSA_BACKUP_PASSPHRASE": PASSPHRASE, "PYTHONPATH": str(REPO)}
    process = subprocess.Popen(
        [sys.executable, "-m", "appliance.cli", "--data-dir", str(demo_dir.path), "backup",
         "create", "--out", str(out)],
        env=env, cwd=REPO, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
    )  # fmt: skip
    pattern = ".tiketnitsa-backup-*" if kill_when == "snapshot" else ".killed.tkbak.part-*"
    deadline = time.monotonic() + 60
    seen = False
    while time.monotonic() < deadline and process.poll() is None:
        parts = list(folder.glob(pattern))
        if parts and (kill_when == "snapshot" or parts[0].stat().st_size > 1024 * 1024):
            seen = True
            break
        time.sleep(0.002)
    os.kill(process.pid, signal.SIGKILL)
    process.wait()
    assert seen, f"the backup finished before it could be killed: {process.stderr.read()!r}"

    assert not out.exists()
    # Whatever it left is under hidden working names, and a new backup to the name succeeds.
    assert all(p.name.startswith(".") for p in folder.iterdir())
    os.environ["TIKETNITSA_BACKUP_PASSPHRASE"] = PASSPHRASE
    try:
        made = cli(capsys, "--data-dir", str(demo_dir.path), "backup", "create", "--out", str(out))
        assert made.code == 0, made.err
        assert cli(capsys, "backup", "verify", str(out)).code == 0
    finally:
        del os.environ["TIKETNITSA_BACKUP_PASSPHRASE"]
