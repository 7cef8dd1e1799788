"""Backup benchmark (``make bench``): create, verify and restore of a ~500 MB store beside a plain
file copy of the same store, in the same run.

Data: the demo data set with ``$TIKETNITSA_BENCH_TICKETS`` tickets (100,000 by default, about
500 MB), encrypted with the store's cipher and a raw key like a real installation, with the
installation's files around it. The baseline is what an admin would otherwise do: copy the
database file to the backup disk (``shutil.copyfile`` + fsync; the same file system as the
backup itself; WARM cache: the store was just read, as it is for every operation timed here).
Each operation runs ``ROUNDS`` times, taking turns with the copy; the
figures are medians. Throughput is the store's size over the time; ratio = copy time / time.
Target: create, verify and restore each at least 0.5 of the copy's throughput. A second baseline
is ``PRAGMA integrity_check`` of the plain store alone, which restore (and ``verify
--check-database``) must run.

What each one does beyond the copy: create = backup-API snapshot (a full copy, every page
decrypted and encrypted again under the throwaway key) + reading blobs for the manifest +
AES-GCM; verify = decrypt + write the snapshot + row counts and blob hashes against the
manifest; verify --check-database = verify + integrity_check; restore = that + re-encrypting
every page under a fresh key (the backup API again).
"""

from __future__ import annotations

import json
import os
import random
import shutil
import statistics
import time
from pathlib import Path

import apsw

from appliance.backup.format import WrappingKey
from appliance.backup.restore import restore_backup, verify_backup
from appliance.backup.snapshot import create_backup_file
from appliance.config import DataDir, Settings
from appliance.store import Store, StoreKey
from appliance.store.connection import DEFAULT_CIPHER
from appliance.tls import create_certificate
from tests.bench.conftest import DemoDatabase

ROUNDS = 3
TARGET_RATIO = 0.5
PASSPHRASE = "bench passphrase, long enough"


def _install(demo: DemoDatabase, root: Path) -> tuple[DataDir, StoreKey]:
    data_dir = DataDir(root / "data")
    data_dir.path.mkdir(parents=True, mode=0o700)
    db = data_dir.path / "tiketnitsa.db"
    shutil.copyfile(demo.path, db)
    key = StoreKey(key=random.Random(7).randbytes(32), cipher=DEFAULT_CIPHER)
    conn = apsw.Connection(str(db))
    try:
        conn.execute(f"PRAGMA cipher = '{key.cipher}'")
        conn.execute(f"PRAGMA rekey = '{key.pragma_value()}'").fetchall()
        conn.execute("PRAGMA journal_mode = WAL").fetchall()
    finally:
        conn.close()
    (data_dir.path / "store.key").write_text(
        json.dumps({"version": 1, "mode": "raw", "cipher": key.cipher, "key": key.key.hex()})
    )
    create_certificate(data_dir.cert_file, data_dir.cert_key_file, host="127.0.0.1")
    data_dir.ui_secret()
    data_dir.save_settings(Settings(lang="en"))
    return data_dir, key


def _copy(source: Path, target: Path) -> None:
    shutil.copyfile(source, target)
    fd = os.open(target, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def test_backup_throughput_beside_a_file_copy(demo_plain_db: DemoDatabase, tmp_path: Path) -> None:
    data_dir, key = _install(demo_plain_db, tmp_path)
    db = data_dir.path / "tiketnitsa.db"
    size = db.stat().st_size
    wrapping = WrappingKey.from_passphrase(PASSPHRASE)
    timings: dict[str, list[float]] = {
        "copy": [], "check": [], "create": [], "verify": [], "verify+check": [], "restore": []
    }  # fmt: skip
    store = Store(db, key)
    try:
        for i in range(ROUNDS):
            started = time.perf_counter()
            _copy(db, tmp_path / f"copy-{i}.db")
            timings["copy"].append(time.perf_counter() - started)
            (tmp_path / f"copy-{i}.db").unlink()

            # A second baseline: SQLite's own integrity_check of the plain store, which verify
            # and restore must run (their floor, cipher or not).
            plain = apsw.Connection(str(demo_plain_db.path), flags=apsw.SQLITE_OPEN_READONLY)
            started = time.perf_counter()
            plain.execute("PRAGMA integrity_check").fetchall()
            timings["check"].append(time.perf_counter() - started)
            plain.close()

            out = tmp_path / f"b-{i}.tkbak"
            started = time.perf_counter()
            create_backup_file(store, data_dir, out, wrapping)
            timings["create"].append(time.perf_counter() - started)

            started = time.perf_counter()
            verify_backup(out, PASSPHRASE, temp_parent=tmp_path)
            timings["verify"].append(time.perf_counter() - started)

            started = time.perf_counter()
            verify_backup(out, PASSPHRASE, temp_parent=tmp_path, check_database=True)
            timings["verify+check"].append(time.perf_counter() - started)

            started = time.perf_counter()
            restore_backup(out, PASSPHRASE, tmp_path / f"restored-{i}")
            timings["restore"].append(time.perf_counter() - started)
            shutil.rmtree(tmp_path / f"restored-{i}")
            backup_size = out.stat().st_size
            out.unlink()
    finally:
        store.close()

    mib = size / 2**20
    copy = statistics.median(timings["copy"])
    print(f"\nBackup of a {mib:.0f} MiB store ({demo_plain_db.tickets} tickets), backup file "
          f"{backup_size / 2**20:.0f} MiB; medians of {ROUNDS} rounds")  # fmt: skip
    print(
        f"  {'plain file copy':<16} {copy:6.2f} s  {mib / copy:7.0f} MiB/s  (baseline, warm cache)"
    )
    check = statistics.median(timings["check"])
    print(f"  {'integrity_check':<16} {check:6.2f} s  {mib / check:7.0f} MiB/s  "
          f"(plain store; ratio {copy / check:.2f} of the copy)")  # fmt: skip
    ratios = {}
    for name in ("create", "verify", "verify+check", "restore"):
        seconds = statistics.median(timings[name])
        ratios[name] = copy / seconds
        print(
            f"  {name:<16} {seconds:6.2f} s  {mib / seconds:7.0f} MiB/s  "
            f"ratio {ratios[name]:.2f} (target >= {TARGET_RATIO})"
        )
    # The figures are the result; the assertion keeps the benchmark honest about what it ran.
    assert all(r > 0 for r in ratios.values())
