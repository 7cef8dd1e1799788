"""Reading a backup back: ``verify`` (everything read and checked, nothing kept) and ``restore``
(into a new directory; nothing written there unless every check passed).

Both unpack the body into a private directory (0700): the snapshot file is written as it was
sealed, encrypted under its throwaway key, so no plaintext reaches the disk. Then the copy must
match the manifest (row counts of every table, SHA-256 of every blob) and, for ``restore``
always and for ``verify`` when asked, pass ``PRAGMA integrity_check``. ``restore`` re-encrypts
the copy under a fresh store key first (the checks run on that final file), writes the
installation's files beside it, and only then moves it all to the target directory.
"""

from __future__ import annotations

import errno
import os
import shutil
import tempfile
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import apsw

from appliance.backup.format import BackupError, NoSpace, WrappingKey, read_chunks, read_header
from appliance.backup.manifest import (
    CARRIED_FILES,
    LENGTH_SIZE,
    PRIVATE_FILES,
    Manifest,
    manifest_length,
)
from appliance.store.db import DB_FILE_NAME
from appliance.store.keys import KEY_FILE_NAME, StoreKey, create_key_file
from appliance.store.migrate import bundled_migrations
from appliance.store.snapshot import SnapshotFull, copy_copy, facts, integrity_problems, open_copy

SNAPSHOT_NAME = "snapshot.db"
# (phase, done, total): "read" bytes of the backup file, "check" (total 0).
Progress = Callable[[str, int, int], None]
# What a data directory of ours holds; ``--force`` clears these from the target first.
INSTALLATION_ENTRIES = (
    DB_FILE_NAME,
    f"{DB_FILE_NAME}-wal",
    f"{DB_FILE_NAME}-shm",
    KEY_FILE_NAME,
    "config.json",
    "tls",
    "ui-secret",
    "ui-storage",
)


@dataclass(frozen=True)
class Checked:
    manifest: Manifest
    seconds: float
    size: int


def _no_progress(phase: str, done: int, total: int) -> None:
    return None


def _no_space(exc: OSError, where: Path) -> Exception:
    if exc.errno in (errno.ENOSPC, errno.EDQUOT):
        return NoSpace("backup.no_space", path=where)
    return exc


def _unpack(backup: Path, passphrase: str, work: Path, progress: Progress) -> Manifest:
    """Decrypt ``backup`` into ``work/SNAPSHOT_NAME``; return its manifest."""
    try:
        source = backup.open("rb")
    except FileNotFoundError:
        raise BackupError("backup.no_file", path=backup) from None
    total = backup.stat().st_size
    with source:
        header = read_header(source)
        data_key = header.unwrap(WrappingKey.from_passphrase(passphrase, header.kdf))
        done = len(header.to_bytes())

        def read(n: int) -> None:
            nonlocal done
            done += n
            progress("read", done, total)

        pending = bytearray()
        manifest: Manifest | None = None
        written = 0
        fd = os.open(work / SNAPSHOT_NAME, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(fd, "wb") as sink:
            for plain in read_chunks(source, header, data_key, progress=read):
                if manifest is None:
                    pending += plain
                    if len(pending) < LENGTH_SIZE:
                        continue
                    length = manifest_length(pending)
                    if len(pending) < LENGTH_SIZE + length:
                        continue
                    manifest = Manifest.from_json(
                        bytes(pending[LENGTH_SIZE : LENGTH_SIZE + length]),
                        newest_schema=_newest_schema(),
                    )
                    plain = bytes(pending[LENGTH_SIZE + length :])
                    pending.clear()
                sink.write(plain)
                written += len(plain)
            # No fsync: the snapshot is a working file, removed whatever happens; restore
            # fsyncs the store it makes from it.
    if manifest is None or written != manifest.snapshot_size:
        raise BackupError("backup.damaged")
    return manifest


def _newest_schema() -> int:
    return max((m.version for m in bundled_migrations()), default=0)


def _snapshot_key(manifest: Manifest) -> StoreKey:
    try:
        return StoreKey(key=bytes.fromhex(manifest.snapshot_key), cipher=manifest.cipher)
    except ValueError:
        raise BackupError("backup.damaged") from None


def _check_copy(path: Path, manifest: Manifest, key: StoreKey, *, integrity: bool = True) -> None:
    """The copy at ``path`` (under ``key``) matches the manifest and, with ``integrity``, passes
    ``PRAGMA integrity_check``."""
    try:
        conn = open_copy(path, key)
    except Exception:
        raise BackupError("backup.damaged") from None
    try:
        if integrity and integrity_problems(conn):
            raise BackupError("backup.integrity_failed")
        found = facts(conn)
    finally:
        conn.close()
    if found.row_counts != manifest.row_counts or found.blob_sha256 != manifest.blob_sha256:
        raise BackupError("backup.manifest_mismatch")
    if found.schema_version != manifest.schema_version:
        raise BackupError("backup.manifest_mismatch")


@contextmanager
def _private_dir(parent: Path, prefix: str) -> Iterator[Path]:
    try:
        work = Path(tempfile.mkdtemp(prefix=prefix, dir=parent))  # 0700
    except OSError as exc:
        raise _no_space(exc, parent) from None
    try:
        yield work
    finally:
        shutil.rmtree(work, ignore_errors=True)


def verify_backup(
    backup: Path,
    passphrase: str,
    *,
    progress: Progress = _no_progress,
    temp_parent: Path | None = None,
    check_database: bool = False,
    clock: Callable[[], float] = time.monotonic,
) -> Checked:
    """Read and check the whole backup; raise ``BackupError`` with the reason if it fails.

    Every chunk is authenticated (nothing damaged, reordered, missing or appended) and the
    snapshot is opened and compared with the manifest: the schema version, the row count of
    every table, the SHA-256 of every blob. ``check_database`` adds SQLite's
    ``PRAGMA integrity_check`` of the snapshot (slow: it walks every table against every index;
    restore always runs it)."""
    started = clock()
    parent = temp_parent or Path(tempfile.gettempdir())
    with _private_dir(parent, ".tiketnitsa-verify-") as work:
        try:
            manifest = _unpack(backup, passphrase, work, progress)
        except OSError as exc:
            raise _no_space(exc, parent) from None
        progress("check", 0, 0)
        _check_copy(
            work / SNAPSHOT_NAME, manifest, _snapshot_key(manifest), integrity=check_database
        )
    return Checked(manifest, clock() - started, backup.stat().st_size)


def _is_empty(target: Path) -> bool:
    return not target.exists() or (target.is_dir() and not any(target.iterdir()))


def restore_backup(
    backup: Path,
    passphrase: str,
    target: Path,
    *,
    force: bool = False,
    progress: Progress = _no_progress,
    clock: Callable[[], float] = time.monotonic,
) -> Checked:
    """Restore into ``target`` (new or empty; any with ``force``): a store under a fresh key,
    the configuration, the certificate and its key, the session secret."""
    started = clock()
    target = target.expanduser().absolute()
    if target.exists() and not target.is_dir():
        raise BackupError("backup.target_not_dir", path=target)
    if not force and not _is_empty(target):
        raise BackupError("backup.target_not_empty", path=target)
    if not backup.is_file():
        raise BackupError("backup.no_file", path=backup)
    target.parent.mkdir(parents=True, exist_ok=True)
    # Staging on the target's own file system, so that the final moves are renames: inside an
    # existing target (an empty mount point, say), else beside it.
    where = target if target.exists() else target.parent
    with _private_dir(where, f".{target.name}.restore-") as staging:
        try:
            manifest = _unpack(backup, passphrase, staging, progress)
            progress("check", 0, 0)
            fresh = _reencrypt(staging, manifest)
            # The checks run on the very file the restored box will open.
            _check_copy(staging / DB_FILE_NAME, manifest, fresh)
            _install_files(staging, manifest)
            _move_into(staging, target, force=force)
        except OSError as exc:
            raise _no_space(exc, target.parent) from None
    return Checked(manifest, clock() - started, backup.stat().st_size)


def _reencrypt(staging: Path, manifest: Manifest) -> StoreKey:
    """The store under a fresh key (a new ``store.key``); the snapshot file is removed."""
    fresh = create_key_file(staging, cipher=manifest.cipher)
    snapshot = staging / SNAPSHOT_NAME
    try:
        copy_copy(snapshot, _snapshot_key(manifest), staging / DB_FILE_NAME, fresh)
    except SnapshotFull:
        raise NoSpace("backup.no_space", path=staging.parent) from None
    except apsw.Error:
        raise BackupError("backup.damaged") from None
    snapshot.unlink()
    return fresh


def _install_files(staging: Path, manifest: Manifest) -> None:
    for name in CARRIED_FILES:
        if name not in manifest.files:
            continue
        path = staging / name
        path.parent.mkdir(exist_ok=True, mode=0o700)
        mode = 0o600 if name in PRIVATE_FILES else 0o644
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, mode)
        with os.fdopen(fd, "wb") as out:
            out.write(manifest.file_bytes(name))
            out.flush()
            os.fsync(out.fileno())


def _move_into(staging: Path, target: Path, *, force: bool) -> None:
    if not target.exists():
        os.rename(staging, target)  # the staging path is gone; its clean-up finds nothing
        return
    if force:
        for name in INSTALLATION_ENTRIES:
            old = target / name
            if old.is_dir() and not old.is_symlink():
                shutil.rmtree(old)
            else:
                old.unlink(missing_ok=True)
    for entry in list(staging.iterdir()):
        os.rename(entry, target / entry.name)
