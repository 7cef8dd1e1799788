"""SQLite's memory stays bounded however many threads read a database bigger than the bound.

Each thread of the event loop's executor has its own read connection with its own page cache
(``Store.read``). Unbounded, every cache filled towards ``CACHE_SIZE_KIB`` with the pages its
thread read, so the appliance's memory grew with the database times the threads and never levelled
off under load (docs/reliability.md, "Memory over time"). Here six threads each read a whole
database several times the bound; SQLite's own count of its memory must stay near the bound.
The bound is lowered for the test so that the database stays small; the code path is the one
every connection takes.
"""

from __future__ import annotations

import os
import threading
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import apsw
import pytest

from appliance.store import Store, connection
from appliance.store.keys import StoreKey

READERS = 6
ROW_BYTES = 1_000  # within a page: reading a row reads its page
ROWS = 32_000  # ~32 MB of pages: each reader alone would cache all of it
BOUND = 8 * 2**20


@pytest.fixture
def bounded(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    monkeypatch.setattr(connection, "SQLITE_MEMORY_LIMIT", BOUND)
    yield
    apsw.soft_heap_limit(connection.CACHE_SIZE_KIB * 1024)  # the production bound again


def _fill(store: Store) -> None:
    def write(conn: apsw.Connection) -> None:
        conn.execute("CREATE TABLE filler (id INTEGER PRIMARY KEY, data BLOB)")
        for _ in range(ROWS):
            conn.execute("INSERT INTO filler (data) VALUES (?)", (os.urandom(ROW_BYTES),))

    store.write_sync(write)


def test_readers_on_many_threads_share_one_memory_bound(
    bounded: None, tmp_path: Path, store_key: StoreKey
) -> None:
    with Store.open(tmp_path, store_key) as store:
        _fill(store)
        everyone_read = threading.Barrier(READERS)

        def read_all(_: int) -> int:
            total = store.read_sync(
                lambda conn: conn.execute("SELECT sum(length(data)) FROM filler").fetchall()[0][0]
            )
            everyone_read.wait(timeout=30)  # six threads, so six connections with their caches
            return int(total)

        with ThreadPoolExecutor(READERS) as pool:  # threads (and connections) stay alive
            for _ in range(2):
                assert list(pool.map(read_all, range(READERS))) == [ROWS * ROW_BYTES] * READERS
            used = apsw.memory_used()
        assert len(store._readers) >= READERS
        # Unbounded, each reader's cache and the writer's held the whole table: 315 MB here.
        assert used < BOUND * 1.5, f"SQLite holds {used / 2**20:.0f} MB, bound {BOUND / 2**20} MB"


def test_every_store_applies_the_production_bound(tmp_path: Path, store_key: StoreKey) -> None:
    apsw.soft_heap_limit(0)  # none
    with Store.open(tmp_path, store_key):
        assert apsw.soft_heap_limit(0) == connection.SQLITE_MEMORY_LIMIT == 64 * 2**20
    apsw.soft_heap_limit(connection.SQLITE_MEMORY_LIMIT)


@pytest.mark.parametrize(
    ("setting", "mib"), [("16", 16), ("512", 512), ("4", 4), ("2", 64), ("lots", 64), ("", 64)]
)
def test_the_bound_may_be_set_for_the_box_but_never_removed_by_a_typo(
    tmp_path: Path, store_key: StoreKey, monkeypatch: pytest.MonkeyPatch, setting: str, mib: int
) -> None:
    monkeypatch.setenv(connection.SQLITE_MEMORY_ENV, setting)
    apsw.soft_heap_limit(0)
    try:
        with Store(tmp_path / "bound.db", store_key):
            assert apsw.soft_heap_limit(0) == mib * 2**20
    finally:
        apsw.soft_heap_limit(connection.SQLITE_MEMORY_LIMIT)
