"""A damaged, tampered, truncated or extended backup is refused by ``verify`` and ``restore``
with the sentence for what happened, and ``restore`` writes nothing."""

from __future__ import annotations

import struct
from collections.abc import Callable
from pathlib import Path

import pytest

from appliance.backup.format import HEADER_SIZE
from tests.backup.support import chunks
from tests.commands.helpers import cli

DAMAGED_HEADER = "The backup's header is damaged or was tampered with"
DAMAGED = "The backup is damaged or was tampered with"
TRUNCATED = "The backup is truncated"
TRAILING = "There are extra bytes after the end of the backup"
NOT_OURS = "This is not a Tiketnitsa backup."
NEWER = "newer than this version knows"


def flip(raw: bytes, at: int) -> bytes:
    return raw[:at] + bytes([raw[at] ^ 0x01]) + raw[at + 1 :]


def flip_in_chunk(which: Callable[[int], int]) -> Callable[[bytes], bytes]:
    def change(raw: bytes) -> bytes:
        found = chunks(raw)
        chunk = found[which(len(found))]
        return flip(raw, (chunk.offset + 4 + chunk.end) // 2)

    return change


def swap(first: int, second: int) -> Callable[[bytes], bytes]:
    def change(raw: bytes) -> bytes:
        found = chunks(raw)
        parts = [raw[c.offset : c.end] for c in found]
        parts[first], parts[second] = parts[second], parts[first]
        return raw[:HEADER_SIZE] + b"".join(parts)

    return change


def drop(index: int) -> Callable[[bytes], bytes]:
    def change(raw: bytes) -> bytes:
        found = chunks(raw)
        return raw[:HEADER_SIZE] + b"".join(
            raw[c.offset : c.end] for i, c in enumerate(found) if i != index
        )

    return change


def cut_at_chunk_end(index: int) -> Callable[[bytes], bytes]:
    return lambda raw: raw[: chunks(raw)[index].end]


def newer_format(raw: bytes) -> bytes:
    # The version field is after the magic; a newer program would write 2.
    return raw[:8] + struct.pack(">H", 2) + raw[10:]


CASES: list[tuple[str, Callable[[bytes], bytes], str]] = [
    ("header: magic", lambda raw: flip(raw, 0), NOT_OURS),
    ("header: backup id", lambda raw: flip(raw, 20), DAMAGED_HEADER),
    ("header: salt", lambda raw: flip(raw, 45), DAMAGED_HEADER),
    ("header: wrapped key", lambda raw: flip(raw, HEADER_SIZE - 40), DAMAGED_HEADER),
    ("header: checksum", lambda raw: flip(raw, HEADER_SIZE - 1), DAMAGED_HEADER),
    ("header: newer format", newer_format, NEWER),
    ("first chunk", flip_in_chunk(lambda n: 0), DAMAGED),
    ("middle chunk", flip_in_chunk(lambda n: n // 2), DAMAGED),
    ("last chunk", flip_in_chunk(lambda n: n - 1), DAMAGED),
    ("a chunk's length", lambda raw: flip(raw, chunks(raw)[1].offset + 3), DAMAGED),
    ("chunks swapped", swap(1, 2), DAMAGED),
    ("first and last swapped", lambda raw: swap(0, len(chunks(raw)) - 1)(raw), DAMAGED),
    ("a middle chunk dropped", lambda raw: drop(len(chunks(raw)) // 2)(raw), DAMAGED),
    ("truncated: empty", lambda raw: b"", TRUNCATED),
    ("truncated: inside the magic", lambda raw: raw[:5], TRUNCATED),
    ("truncated: inside the header", lambda raw: raw[: HEADER_SIZE - 10], TRUNCATED),
    ("truncated: header only", lambda raw: raw[:HEADER_SIZE], TRUNCATED),
    ("truncated: inside the first chunk", lambda raw: raw[: HEADER_SIZE + 1000], TRUNCATED),
    ("truncated: at a chunk's end", cut_at_chunk_end(2), TRUNCATED),
    ("truncated: before the last chunk", lambda raw: cut_at_chunk_end(-2)(raw), TRUNCATED),
    ("truncated: one byte short", lambda raw: raw[:-1], TRUNCATED),
    ("bytes appended", lambda raw: raw + b"\x00" * 7, TRAILING),
    ("a chunk appended again", lambda raw: raw + raw[chunks(raw)[-1].offset :], TRAILING),
]


def test_the_backup_has_first_middle_and_last_chunks(backup_file: Path) -> None:
    assert len(chunks(backup_file.read_bytes())) >= 5


@pytest.mark.parametrize(
    ("change", "sentence"), [(c[1], c[2]) for c in CASES], ids=[c[0] for c in CASES]
)
def test_verify_and_restore_refuse(
    backup_file: Path,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    passphrase_env: None,
    change: Callable[[bytes], bytes],
    sentence: str,
) -> None:
    bad = tmp_path / "bad.tkbak"
    raw = backup_file.read_bytes()
    changed = change(raw)
    assert changed != raw
    bad.write_bytes(changed)
    restore_root = tmp_path / "restore-here"
    restore_root.mkdir()

    verify = cli(capsys, "backup", "verify", str(bad))
    restore = cli(capsys, "backup", "restore", str(bad), "--data-dir", str(restore_root / "new"))

    for outcome in (verify, restore):
        assert outcome.code == 1, outcome
        lines = outcome.err.strip().splitlines()
        assert len(lines) == 1 and sentence in lines[0], outcome.err
        assert outcome.out == ""
    # Restore wrote nothing: no target, no staging directory beside it.
    assert list(restore_root.iterdir()) == []
