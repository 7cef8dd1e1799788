"""Making a backup file from a live installation.

1. The store is copied with SQLite's backup API into a private directory (0700) beside the
   output, encrypted under a random throwaway key: no plaintext page ever reaches the disk.
2. The copy is read for the manifest (row counts, blob digests, schema version).
3. Manifest and copy are sealed in chunks into a hidden ``.NAME.part-*`` file beside the output,
   fsynced, then linked to the final name: a killed process never leaves a half-written file
   under the name the admin asked for.
"""

from __future__ import annotations

import errno
import os
import secrets
import shutil
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from appliance import __version__
from appliance.backup.format import (
    CHUNK_SIZE,
    BackupError,
    ChunkWriter,
    NoSpace,
    WrappingKey,
    new_header,
)
from appliance.backup.manifest import CARRIED_FILES, Manifest, encode_file
from appliance.config import DataDir
from appliance.store import Store
from appliance.store.keys import StoreKey
from appliance.store.snapshot import SnapshotFull, copy_store, facts, open_copy

SNAPSHOT_NAME = "snapshot.db"
# (phase, done, total): "snapshot" (total 0: not measurable), "write".
Progress = Callable[[str, int, int], None]


@dataclass(frozen=True)
class Created:
    path: Path
    size: int
    seconds: float
    tickets: int


def _no_progress(phase: str, done: int, total: int) -> None:
    return None


def create_backup_file(
    store: Store,
    data_dir: DataDir,
    out: Path,
    wrapping: WrappingKey,
    *,
    progress: Progress = _no_progress,
    clock: Callable[[], float] = time.monotonic,
    chunk_size: int = CHUNK_SIZE,
) -> Created:
    """Write a backup of the installation to ``out`` (which must not exist yet)."""
    started = clock()
    out = out.expanduser().absolute()
    if out.exists():
        raise BackupError("backup.out_exists", path=out)
    if not out.parent.is_dir():
        raise BackupError("backup.no_folder", path=out.parent)
    key = store.key
    if key is None:
        raise BackupError("backup.plain_store")
    try:
        return _create(store, data_dir, out, wrapping, key, progress, clock, started, chunk_size)
    except SnapshotFull as exc:
        raise NoSpace("backup.no_space", path=out.parent) from exc
    except OSError as exc:
        if exc.errno in (errno.ENOSPC, errno.EDQUOT):
            raise NoSpace("backup.no_space", path=out.parent) from None
        raise


def _create(
    store: Store,
    data_dir: DataDir,
    out: Path,
    wrapping: WrappingKey,
    key: StoreKey,
    progress: Progress,
    clock: Callable[[], float],
    started: float,
    chunk_size: int,
) -> Created:
    work = Path(tempfile.mkdtemp(prefix=".tiketnitsa-backup-", dir=out.parent))  # 0700
    part = out.parent / f".{out.name}.part-{secrets.token_hex(4)}"
    try:
        progress("snapshot", 0, 0)
        throwaway = StoreKey(key=secrets.token_bytes(32), cipher=key.cipher)
        snapshot = work / SNAPSHOT_NAME
        copy_store(store, snapshot, throwaway)
        conn = open_copy(snapshot, throwaway)
        try:
            found = facts(conn)
        finally:
            conn.close()
        size = snapshot.stat().st_size
        manifest = Manifest(
            app_version=__version__,
            schema_version=found.schema_version,
            created_at=datetime.now(UTC).isoformat(timespec="seconds"),
            cipher=key.cipher,
            snapshot_key=throwaway.key.hex(),
            snapshot_size=size,
            row_counts=found.row_counts,
            blob_sha256=found.blob_sha256,
            files={
                name: encode_file((data_dir.path / name).read_bytes())
                for name in CARRIED_FILES
                if (data_dir.path / name).exists()
            },
        )
        header, data_key = new_header(wrapping, chunk_size=chunk_size)
        fd = os.open(part, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with (
            os.fdopen(fd, "wb") as sink,
            snapshot.open("rb", buffering=0) as source,
            ChunkWriter(sink, header, data_key) as writer,
        ):
            head = manifest.to_bytes()
            writer.write(head)
            done = 0
            progress("write", 0, size)
            # The first read completes the manifest's last chunk; the others are whole chunks,
            # sealed as read (no copy).
            want = chunk_size - len(head) % chunk_size
            while block := source.read(want):
                writer.write(block)
                done += len(block)
                progress("write", done, size)
                want = chunk_size
            writer.close()
            sink.flush()
            os.fsync(sink.fileno())
        _publish(part, out)
        return Created(
            path=out,
            size=out.stat().st_size,
            seconds=clock() - started,
            tickets=found.row_counts.get("tickets", 0),
        )
    finally:
        shutil.rmtree(work, ignore_errors=True)
        part.unlink(missing_ok=True)


def _publish(part: Path, out: Path) -> None:
    """Give the finished file its name without replacing anything already there."""
    try:
        os.link(part, out)
    except FileExistsError:
        raise BackupError("backup.out_exists", path=out) from None
    except OSError:
        # Some network shares have no hard links; the name was checked free before we began.
        os.rename(part, out)
    dir_fd = os.open(out.parent, os.O_RDONLY)
    try:
        os.fsync(dir_fd)
    finally:
        os.close(dir_fd)
