"""A backup of the demo installation restores every row and blob identically, with the files a
box needs (certificate, its key, the session secret), under a fresh store key."""

from __future__ import annotations

import os
import stat
from pathlib import Path

import apsw
import pytest

from appliance.backup.format import HEADER_SIZE, read_header
from appliance.backup.restore import restore_backup, verify_backup
from appliance.config import DataDir
from appliance.store.connection import StoreOpenError, open_connection
from appliance.store.keys import load_key
from appliance.tls import fingerprint_of_pem
from tests.backup.support import PASSPHRASE, blob_digests, dump
from tests.commands.helpers import cli


def test_restore_gives_back_every_row_and_blob(
    demo_dir: DataDir, backup_file: Path, tmp_path: Path
) -> None:
    target = tmp_path / "restored"
    checked = restore_backup(backup_file, PASSPHRASE, target)

    original, restored = dump(demo_dir.path), dump(target)
    assert original["tickets"], "the demo has tickets"
    assert original["blobs"], "the demo has screenshots"
    assert set(restored) == set(original)
    for table in original:
        assert restored[table] == original[table], table
    assert blob_digests(target) == blob_digests(demo_dir.path)
    assert checked.manifest.row_counts["tickets"] == len(original["tickets"])
    assert sorted(checked.manifest.blob_sha256) == sorted(blob_digests(target).values())


def test_restored_box_keeps_its_certificate_and_secret_but_gets_a_new_store_key(
    demo_dir: DataDir, backup_file: Path, tmp_path: Path
) -> None:
    target = DataDir(tmp_path / "restored")
    restore_backup(backup_file, PASSPHRASE, target.path)

    assert fingerprint_of_pem(target.cert_file.read_bytes()) == fingerprint_of_pem(
        demo_dir.cert_file.read_bytes()
    )
    assert target.cert_key_file.read_bytes() == demo_dir.cert_key_file.read_bytes()
    assert target.ui_secret_file.read_bytes() == demo_dir.ui_secret_file.read_bytes()
    assert target.config_file.read_bytes() == demo_dir.config_file.read_bytes()
    for private in (target.cert_key_file, target.ui_secret_file, target.path / "store.key"):
        assert stat.S_IMODE(private.stat().st_mode) == 0o600, private
    new_key, old_key = load_key(target.path), load_key(demo_dir.path)
    assert new_key.key != old_key.key and new_key.cipher == old_key.cipher
    # The old key opens nothing in the restored box.
    with pytest.raises(StoreOpenError):
        open_connection(target.path / "tiketnitsa.db", old_key, readonly=True)
    # And nothing is left beside the target.
    assert sorted(p.name for p in tmp_path.iterdir()) == ["restored"]


def test_no_plaintext_in_the_backup_or_the_restored_files(
    demo_dir: DataDir, backup_file: Path, tmp_path: Path
) -> None:
    conn = open_connection(demo_dir.path / "tiketnitsa.db", load_key(demo_dir.path))
    try:
        (description,) = conn.execute(
            "SELECT description FROM tickets ORDER BY length(description) DESC LIMIT 1"
        ).fetchone()
    finally:
        conn.close()
    needle = str(description)[:40].encode("utf-8")
    raw = backup_file.read_bytes()
    assert needle not in raw
    assert b"BEGIN" not in raw  # neither the certificate nor its private key in the clear
    assert demo_dir.ui_secret_file.read_bytes() not in raw
    target = tmp_path / "restored"
    restore_backup(backup_file, PASSPHRASE, target)
    assert needle not in (target / "tiketnitsa.db").read_bytes()


def test_verify_reads_everything_and_leaves_nothing(backup_file: Path, tmp_path: Path) -> None:
    checked = verify_backup(backup_file, PASSPHRASE, temp_parent=tmp_path)
    assert checked.manifest.row_counts["tickets"] == 80
    assert list(tmp_path.iterdir()) == []


def test_wrong_passphrase_is_one_sentence(
    backup_file: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch
) -> None:
    monkeypatch.setenv("TIKETNITSA_BACKUP_PASSPHRASE", "not the passphrase at all")
    verify = cli(capsys, "backup", "verify", str(backup_file))
    restore = cli(capsys, "backup", "restore", str(backup_file), "--data-dir", str(tmp_path / "r"))
    for outcome in (verify, restore):
        assert outcome.code == 1
        assert outcome.err.strip() == "tiketnitsa: Wrong backup passphrase."
    assert list(tmp_path.iterdir()) == []


def test_restore_refuses_a_non_empty_directory_unless_forced(
    backup_file: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str], passphrase_env: None
) -> None:
    target = tmp_path / "busy"
    target.mkdir()
    (target / "notes.txt").write_text("mine")
    refused = cli(capsys, "backup", "restore", str(backup_file), "--data-dir", str(target))
    assert refused.code == 1
    assert "is not empty" in refused.err
    assert [p.name for p in target.iterdir()] == ["notes.txt"]

    forced = cli(
        capsys, "backup", "restore", str(backup_file), "--data-dir", str(target), "--force"
    )
    assert forced.code == 0, forced.err
    assert "integrity and manifest checks passed" in forced.out
    assert (target / "notes.txt").read_text() == "mine"
    assert (target / "tiketnitsa.db").exists() and (target / "store.key").exists()
    # An empty directory (a fresh mount point, say) needs no --force.
    empty = tmp_path / "empty"
    empty.mkdir()
    again = cli(capsys, "backup", "restore", str(backup_file), "--data-dir", str(empty))
    assert again.code == 0, again.err
    installation = ["config.json", "store.key", "tiketnitsa.db", "tls", "ui-secret"]
    assert sorted(p.name for p in empty.iterdir()) == installation
    assert sorted(p.name for p in target.iterdir()) == sorted([*installation, "notes.txt"])


def test_a_new_passphrase_rewraps_the_key_and_leaves_every_chunk_alone(
    backup_file: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch
) -> None:
    copy = tmp_path / "copy.tkbak"
    copy.write_bytes(backup_file.read_bytes())
    before = copy.read_bytes()
    monkeypatch.setenv("TIKETNITSA_BACKUP_PASSPHRASE", PASSPHRASE)
    monkeypatch.setenv("TIKETNITSA_BACKUP_NEW_PASSPHRASE", "a brand new passphrase 2")
    changed = cli(capsys, "backup", "passphrase", str(copy))
    assert changed.code == 0, changed.err
    after = copy.read_bytes()
    assert after[HEADER_SIZE:] == before[HEADER_SIZE:]
    assert after[:HEADER_SIZE] != before[:HEADER_SIZE]
    with copy.open("rb") as f:
        assert read_header(f).kdf.salt != read_header(backup_file.open("rb")).kdf.salt

    old = cli(capsys, "backup", "verify", str(copy))
    assert (old.code, old.err.strip()) == (1, "tiketnitsa: Wrong backup passphrase.")
    monkeypatch.setenv("TIKETNITSA_BACKUP_PASSPHRASE", "a brand new passphrase 2")
    new = cli(capsys, "backup", "verify", str(copy))
    assert new.code == 0, new.err
    assert "80 tickets" in new.out


def test_create_through_the_command(
    demo_dir: DataDir, tmp_path: Path, capsys: pytest.CaptureFixture[str], passphrase_env: None
) -> None:
    out = tmp_path / "cli.tkbak"
    made = cli(capsys, "--data-dir", str(demo_dir.path), "backup", "create", "--out", str(out))
    assert made.code == 0, made.err
    assert "80 tickets" in made.out
    assert stat.S_IMODE(out.stat().st_mode) == 0o600
    assert sorted(p.name for p in tmp_path.iterdir()) == ["cli.tkbak"]
    # Never over an existing file.
    again = cli(capsys, "--data-dir", str(demo_dir.path), "backup", "create", "--out", str(out))
    assert again.code == 1 and "already exists" in again.err
    # A short new passphrase is refused before anything is written.
    os.environ["TIKETNITSA_BACKUP_PASSPHRASE"] = "short"
    short = cli(
        capsys, "--data-dir", str(demo_dir.path), "backup", "create", "--out", str(tmp_path / "x")
    )
    assert short.code == 1 and "at least 12 characters" in short.err
    assert not (tmp_path / "x").exists()


def test_create_and_audit_through_the_service(demo_dir: DataDir, tmp_path: Path) -> None:
    import asyncio

    from appliance.context import open_context
    from appliance.services import backup as backups
    from appliance.services.actor import Actor

    ctx = open_context(demo_dir)
    try:
        wrapping = backups.wrapping_for(PASSPHRASE)
        out = tmp_path / "svc.tkbak"
        asyncio.run(
            backups.create_backup(
                ctx.store, Actor.cli(), data_dir=demo_dir, out=out, wrapping=wrapping
            )
        )
        with pytest.raises(Exception) as refused:
            asyncio.run(
                backups.create_backup(
                    ctx.store, Actor.cli(), data_dir=demo_dir, out=out, wrapping=wrapping
                )
            )
        assert getattr(refused.value, "key", "") == "backup.out_exists"

        def rows(conn: apsw.Connection):  # type: ignore[no-untyped-def]
            runs = conn.execute("SELECT result, file_name FROM backup_runs ORDER BY id").fetchall()
            audit = conn.execute(
                "SELECT action, remote_addr FROM audit_log WHERE action LIKE 'backup.%' ORDER BY id"
            ).fetchall()
            return runs, audit

        runs, audit = ctx.store.read_sync(rows)
    finally:
        ctx.close()
    assert runs[-2:] == [("ok", "svc.tkbak"), ("failed", "svc.tkbak")]
    assert audit[-2:] == [("backup.create", "cli"), ("backup.failed", "cli")]


def test_progress_bars_on_a_terminal(backup_file: Path, tmp_path: Path) -> None:
    import pty
    import subprocess
    import sys

    from tests.commands.helpers import REPO

    leader, follower = pty.openpty()
    env = {**os.environ, "TIKETNITSA_BACKUP_PASSPHRASE": PASSPHRASE, "PYTHONPATH": str(REPO)}
    done = subprocess.run(
        [sys.executable, "-m", "appliance.cli", "backup", "restore", str(backup_file),
         "--data-dir", str(tmp_path / "r")],
        stdout=subprocess.PIPE, stderr=follower, env=env, cwd=REPO, timeout=120, check=False,
    )  # fmt: skip
    os.close(follower)
    shown = b""
    while True:
        try:
            block = os.read(leader, 65536)
        except OSError:
            break
        if not block:
            break
        shown += block
    os.close(leader)
    assert done.returncode == 0
    text = shown.decode()
    assert "Reading and checking" in text and "100%" in text and "[#####" in text
    assert "Integrity check and manifest" in text


def test_no_progress_bars_in_a_script(
    backup_file: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str], passphrase_env: None
) -> None:
    verified = cli(capsys, "backup", "verify", str(backup_file), "--temp-dir", str(tmp_path))
    assert verified.code == 0 and verified.err == ""
    assert list(tmp_path.iterdir()) == []
    assert verified.out.startswith("The backup is sound: version 0.1.0")
