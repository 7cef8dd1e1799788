"""What ``verify`` checks by default, what ``--check-database`` adds, and that ``restore`` always
runs SQLite's integrity_check: a snapshot whose index no longer matches its table (row counts
and blobs as the manifest says) passes the quick verify and is refused by the other two."""

from __future__ import annotations

import io
import json
import threading
from pathlib import Path

import pytest

from appliance.backup.format import ChunkWriter, WrappingKey, new_header, read_chunks, read_header
from appliance.backup.manifest import LENGTH_SIZE, manifest_length
from appliance.store.keys import StoreKey
from appliance.store.snapshot import open_copy
from tests.backup.support import PASSPHRASE
from tests.commands.helpers import cli


def reseal_with_a_broken_index(backup: Path, out: Path, work: Path) -> None:
    """The same backup, its snapshot's first index on ``tickets`` redefined on another column
    (its entries no longer match the rows; every row count stays), sealed anew."""
    with backup.open("rb") as f:
        header = read_header(f)
        data_key = header.unwrap(WrappingKey.from_passphrase(PASSPHRASE, header.kdf))
        body = b"".join(read_chunks(f, header, data_key))
    length = manifest_length(body)
    doc = json.loads(body[LENGTH_SIZE : LENGTH_SIZE + length])
    snapshot = work / "snapshot.db"
    snapshot.write_bytes(body[LENGTH_SIZE + length :])
    key = StoreKey(key=bytes.fromhex(doc["snapshot_key"]), cipher=doc["cipher"])
    conn = open_copy(snapshot, key)
    try:
        name = conn.execute(
            "SELECT name FROM sqlite_schema WHERE type = 'index' AND tbl_name = 'tickets'"
            " AND sql IS NOT NULL ORDER BY name LIMIT 1"
        ).fetchone()[0]
        indexed = {row[2] for row in conn.execute(f'PRAGMA index_info("{name}")')}
        other = next(
            row[1] for row in conn.execute("PRAGMA table_info(tickets)") if row[1] not in indexed
        )
        conn.execute("PRAGMA writable_schema = ON")
        conn.execute(
            "UPDATE sqlite_schema SET sql = ? WHERE name = ?",
            (f'CREATE INDEX "{name}" ON tickets("{other}")', name),
        )
    finally:
        conn.close()
    rest = snapshot.read_bytes()
    doc["snapshot_size"] = len(rest)
    manifest = json.dumps(doc).encode()
    sink = io.BytesIO()
    new, fresh_key = new_header(WrappingKey.from_passphrase(PASSPHRASE, header.kdf))
    writer = ChunkWriter(sink, new, fresh_key)
    writer.write(len(manifest).to_bytes(4, "big") + manifest + rest)
    writer.close()
    out.write_bytes(sink.getvalue())


def test_integrity_check_on_request_in_verify_and_always_in_restore(
    backup_file: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str], passphrase_env: None
) -> None:
    broken = tmp_path / "broken.tkbak"
    work = tmp_path / "work"
    work.mkdir()
    reseal_with_a_broken_index(backup_file, broken, work)

    quick = cli(capsys, "backup", "verify", str(broken))
    assert quick.code == 0, quick.err  # every chunk authentic, the manifest matches

    deep = cli(capsys, "backup", "verify", str(broken), "--check-database")
    assert deep.code == 1
    assert "integrity" in deep.err.lower()

    target = tmp_path / "restored"
    restored = cli(capsys, "backup", "restore", str(broken), "--data-dir", str(target))
    assert restored.code == 1
    assert restored.err == deep.err
    assert not target.exists()

    sound = cli(capsys, "backup", "verify", str(backup_file), "--check-database")
    assert sound.code == 0, sound.err


def test_the_chunk_stream_is_the_same_on_one_thread_or_many() -> None:
    """Sealing on threads writes the very bytes one thread writes, whatever the write sizes,
    and opening them on threads gives the plaintext back."""
    wrapping = WrappingKey.from_passphrase(PASSPHRASE)
    header, data_key = new_header(wrapping, chunk_size=1000)
    data = bytes(range(256)) * 40  # 10,240 bytes: ten whole chunks and a part
    for total in (0, 999, 1000, 1001, 3000, len(data)):
        for pieces in ((total,), (1, 999, 1000, total), (7,) * (total // 7 + 1)):
            outputs = []
            for workers in (1, 2, 4):
                sink = io.BytesIO()
                with ChunkWriter(sink, header, data_key, workers=workers) as writer:
                    at = 0
                    for size in pieces:
                        writer.write(data[at : min(total, at + size)])
                        at = min(total, at + size)
                    writer.write(data[at:total])
                    writer.close()
                outputs.append(sink.getvalue())
            assert outputs[0] == outputs[1] == outputs[2]
            for workers in (1, 2, 4):
                source = io.BytesIO(outputs[0])
                read_header(source)
                plain = b"".join(read_chunks(source, header, data_key, workers=workers))
                assert plain == data[:total]


def test_sealing_a_chunk_on_its_own_leaves_no_working_thread_behind() -> None:
    """A full disk while sealing: the error reaches the caller and the sealing threads end."""
    wrapping = WrappingKey.from_passphrase(PASSPHRASE)
    header, data_key = new_header(wrapping, chunk_size=100)
    before = threading.active_count()
    with pytest.raises(OSError), ChunkWriter(_FailingSink(), header, data_key, workers=2) as writer:
        writer.write(b"x" * 10_000)
        writer.close()
    assert threading.active_count() == before


class _FailingSink(io.BytesIO):
    def write(self, data: object) -> int:  # type: ignore[override]
        if self.tell() > 300:
            raise OSError(28, "No space left on device")
        return super().write(data)  # type: ignore[arg-type]
