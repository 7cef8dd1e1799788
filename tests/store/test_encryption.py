"""The store at rest: no plaintext on disk, and a wrong key is refused in plain words."""

from __future__ import annotations

import json
import os
import re
import stat
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path

import pytest

from appliance.domain.errors import AppError
from appliance.i18n import t
from appliance.store import Store, StoreOpenError
from appliance.store.faq import create_article
from appliance.store.keys import KeyFileError, StoreKey, create_key_file, load_key


@contextmanager
def raises_saying(kind: type[AppError], pattern: str) -> Iterator[None]:
    """The error is of ``kind`` and its English sentence (what an admin reads) says ``pattern``."""
    with pytest.raises(kind) as caught:
        yield
    assert re.search(pattern, t(caught.value.key, "en", **caught.value.values))


MARKER = "ZZMARKERQQ секретная-пометка"


def insert_marker_ticket(store: Store) -> None:
    now = datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%S.%fZ")

    def write(conn):  # type: ignore[no-untyped-def]
        conn.execute(
            "INSERT INTO tickets(number, uuid, source, description, submitted_at, received_at,"
            " updated_at) VALUES (1, 'u-1', 'client', ?, ?, ?, ?)",
            (f"Принтер не печатает {MARKER}", now, now, now),
        )
        create_article(conn, title=MARKER, body=f"body {MARKER}")

    store.write_sync(write)


def every_file(folder: Path) -> list[Path]:
    return [p for p in folder.rglob("*") if p.is_file()]


@pytest.mark.parametrize("cipher", ["aegis", "chacha20", "sqlcipher"])
def test_no_plaintext_in_any_file_of_the_data_dir(tmp_path: Path, cipher: str) -> None:
    key = create_key_file(tmp_path, cipher=cipher)
    store = Store.open(tmp_path, key)
    insert_marker_ticket(store)
    # Look while the WAL still holds the rows, then again after a checkpoint into the main file.
    names = {p.name for p in every_file(tmp_path)}
    assert "tiketnitsa.db-wal" in names
    for stage in ("wal", "checkpointed"):
        for path in every_file(tmp_path):
            data = path.read_bytes()
            for needle in (MARKER, "ZZMARKERQQ", "Принтер не печатает"):
                for encoded in (needle.encode("utf-8"), needle.encode("utf-16-le")):
                    assert encoded not in data, f"{needle!r} found in {path.name} ({stage})"
        store.checkpoint()
    store.close()
    header = (tmp_path / "tiketnitsa.db").read_bytes()[:16]
    assert header != b"SQLite format 3\x00"


def test_marker_is_readable_with_the_key_and_found_by_fts(store: Store) -> None:
    insert_marker_ticket(store)
    rows = store.read_sync(
        lambda c: c.execute(
            "SELECT description FROM tickets WHERE id IN"
            " (SELECT rowid FROM tickets_fts WHERE tickets_fts MATCH '\"zzmarker\"')"
        ).fetchall()
    )
    assert len(rows) == 1 and MARKER in rows[0][0]


def test_key_file_is_private(tmp_path: Path) -> None:
    create_key_file(tmp_path, cipher="aegis")
    mode = stat.S_IMODE(os.stat(tmp_path / "store.key").st_mode)
    assert mode == 0o600


def test_key_file_is_never_replaced(tmp_path: Path) -> None:
    create_key_file(tmp_path, cipher="aegis")
    with raises_saying(KeyFileError, "refusing"):
        create_key_file(tmp_path, cipher="aegis")


def test_wrong_key_is_refused_in_plain_words(tmp_path: Path, store_key: StoreKey) -> None:
    Store.open(tmp_path, store_key).close()
    wrong = StoreKey(key=bytes(32), cipher=store_key.cipher)
    with raises_saying(StoreOpenError, "wrong key, or not a Tiketnitsa store"):
        Store.open(tmp_path, wrong)


def test_other_cipher_is_refused_like_a_wrong_key(tmp_path: Path, store_key: StoreKey) -> None:
    Store.open(tmp_path, store_key).close()
    with raises_saying(StoreOpenError, "wrong key"):
        Store.open(tmp_path, StoreKey(key=store_key.key, cipher="chacha20"))


def test_a_file_that_is_not_a_store_is_refused(tmp_path: Path, store_key: StoreKey) -> None:
    (tmp_path / "tiketnitsa.db").write_bytes(os.urandom(8192))
    with raises_saying(StoreOpenError, "not a Tiketnitsa store"):
        Store.open(tmp_path, store_key)


def test_missing_or_damaged_key_file_is_a_plain_error(tmp_path: Path) -> None:
    with raises_saying(KeyFileError, "not found"):
        load_key(tmp_path)
    (tmp_path / "store.key").write_text("{ not json")
    with raises_saying(KeyFileError, r"damaged|unreadable"):
        load_key(tmp_path)


def test_key_never_appears_in_repr(store_key: StoreKey) -> None:
    assert store_key.key.hex() not in repr(store_key)


def test_passphrase_mode_keeps_no_key_on_disk(tmp_path: Path) -> None:
    key = create_key_file(tmp_path, cipher="aegis", passphrase="correct horse battery")
    doc = json.loads((tmp_path / "store.key").read_text())
    assert doc["mode"] == "passphrase" and "key" not in doc
    assert key.key.hex() not in (tmp_path / "store.key").read_text()
    Store.open(tmp_path, key).close()
    assert load_key(tmp_path, passphrase="correct horse battery") == key
    with raises_saying(KeyFileError, "passphrase"):
        load_key(tmp_path)
    with raises_saying(StoreOpenError, "wrong key"):
        Store.open(tmp_path, load_key(tmp_path, passphrase="wrong horse"))
