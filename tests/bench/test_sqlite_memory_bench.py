"""SQLite's memory with many reader threads, with and without the process-wide bound
(docs/reliability.md, "Memory over time").

Six threads (as the event loop's executor has on 2 cores) each read a table bigger than the bound
through the store's own connections, then hold them (threads alive, connections open) while SQLite's
own count of its memory (``apsw.memory_used``) and the process's RSS are read. Once without the
bound (a limit of 0: what every store did before), once with the appliance's
``SQLITE_MEMORY_LIMIT``, each on a fresh store. ``$TIKETNITSA_BENCH_MEMORY_MB`` sets the table's
size (150).
"""

from __future__ import annotations

import os
import threading
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import apsw
import psutil

from appliance.store import Store, connection
from appliance.store.keys import StoreKey, create_key_file

READERS = 6
TABLE_MB = int(os.environ.get("TIKETNITSA_BENCH_MEMORY_MB", "150"))
ROW_BYTES = 1_000


def _measure(folder: Path, *, limit: int) -> tuple[float, float]:
    folder.mkdir()
    key = create_key_file(folder, cipher="aegis")
    production = connection.SQLITE_MEMORY_LIMIT
    connection.SQLITE_MEMORY_LIMIT = limit  # every connection opened applies it (0: none)
    try:
        return _read_on_six_threads(folder, key)
    finally:
        connection.SQLITE_MEMORY_LIMIT = production
        apsw.soft_heap_limit(production)


def _read_on_six_threads(folder: Path, key: StoreKey) -> tuple[float, float]:
    with Store.open(folder, key) as store:

        def fill(conn: apsw.Connection) -> None:
            conn.execute("CREATE TABLE filler (id INTEGER PRIMARY KEY, data BLOB)")
            for _ in range(TABLE_MB * 2**20 // ROW_BYTES):
                conn.execute("INSERT INTO filler (data) VALUES (?)", (os.urandom(ROW_BYTES),))

        store.write_sync(fill)
        everyone_read = threading.Barrier(READERS)

        def read_all(_: int) -> None:
            store.read_sync(
                lambda conn: conn.execute("SELECT sum(length(data)) FROM filler").fetchall()
            )
            everyone_read.wait(timeout=120)

        with ThreadPoolExecutor(READERS) as pool:
            list(pool.map(read_all, range(READERS)))
            sqlite_mb = apsw.memory_used() / 2**20
            rss_mb = psutil.Process().memory_info().rss / 2**20
    return sqlite_mb, rss_mb


def test_sqlite_memory_with_six_reader_threads(tmp_path: Path) -> None:
    # Bounded first: the RSS of a later run includes what glibc kept of an earlier one.
    bounded = _measure(tmp_path / "bounded", limit=connection.SQLITE_MEMORY_LIMIT)
    unbounded = _measure(tmp_path / "unbounded", limit=0)
    print(
        f"\n{READERS} reader threads, each reading a {TABLE_MB} MB table"
        " (SQLite's memory, process RSS):"
        f"\n  bound {connection.SQLITE_MEMORY_LIMIT / 2**20:.0f} MiB (the appliance): "
        f"{bounded[0]:6.0f} MB, RSS {bounded[1]:4.0f} MB"
        f"\n  unbounded (before), after it:  {unbounded[0]:6.0f} MB, RSS {unbounded[1]:4.0f} MB"
        f"\n  ratio {unbounded[0] / bounded[0]:.1f}x"
    )
    assert bounded[0] < unbounded[0]
