"""Opening one connection to the encrypted store: each setting is a small function, applied in
one place (``open_connection``) to every connection, writer and readers alike."""

from __future__ import annotations

import os
from pathlib import Path

import apsw

from appliance.domain.errors import Unavailable
from appliance.store.keys import StoreKey

# The cipher chosen by measurement (tests/bench/test_cipher_bench.py; figures in the README).
DEFAULT_CIPHER = "aegis"
SUPPORTED_CIPHERS = ("aegis", "chacha20", "sqlcipher")

BUSY_TIMEOUT_MS = 5_000
# Decrypted pages stay in the page cache, so a bigger cache directly cuts cipher overhead.
CACHE_SIZE_KIB = 64 * 1024
# ...but every connection has its own cache: the writer's, and one reader's per thread of the event
# loop's executor (``Store.read``; min(32, cores + 4) threads). Each fills towards CACHE_SIZE_KIB as
# the database grows and different threads read different pages, so unbounded, the appliance's
# memory grew with its data times its threads and never levelled off (docs/reliability.md,
# "Memory over time"). One bound for all of SQLite in the process: near it, a connection reuses
# its least recently used pages instead of allocating more. A soft limit: no query ever fails for
# it. As much as one connection could hold before, so one busy reader keeps its whole cache.
SQLITE_MEMORY_LIMIT = CACHE_SIZE_KIB * 1024
# A box with little memory may lower the bound (MiB, at least 4); a busy big one may raise it.
SQLITE_MEMORY_ENV = "TIKETNITSA_SQLITE_MEMORY_MIB"


class StoreOpenError(Unavailable):
    """The store could not be opened."""


def set_key(conn: apsw.Connection, key: StoreKey) -> None:
    # Order matters: cipher first, then its options, the key last (SQLite3MC).
    if key.cipher not in SUPPORTED_CIPHERS:
        raise StoreOpenError("store.bad_cipher", cipher=key.cipher)
    conn.execute(f"PRAGMA cipher = '{key.cipher}'")
    conn.execute(f"PRAGMA key = '{key.pragma_value()}'")


def check_key(conn: apsw.Connection) -> None:
    # 'PRAGMA key' answers ok for any key; only reading a page tells.
    try:
        conn.execute("SELECT count(*) FROM sqlite_schema").fetchall()
    except (apsw.NotADBError, apsw.CorruptError):
        raise StoreOpenError("store.wrong_key") from None


def use_wal(conn: apsw.Connection) -> None:
    conn.execute("PRAGMA journal_mode = WAL").fetchall()


def durable_commits(conn: apsw.Connection) -> None:
    # An acknowledged write must survive power loss: fsync the WAL on every commit.
    conn.execute("PRAGMA synchronous = FULL")


def enforce_foreign_keys(conn: apsw.Connection) -> None:
    conn.execute("PRAGMA foreign_keys = ON")


def wait_when_busy(conn: apsw.Connection) -> None:
    conn.set_busy_timeout(BUSY_TIMEOUT_MS)


def big_page_cache(conn: apsw.Connection) -> None:
    conn.execute(f"PRAGMA cache_size = -{CACHE_SIZE_KIB}")
    bound_sqlite_memory()


def bound_sqlite_memory() -> None:
    """Keep all connections' caches together under ``SQLITE_MEMORY_LIMIT``, or what
    ``$TIKETNITSA_SQLITE_MEMORY_MIB`` says (process-wide)."""
    apsw.soft_heap_limit(sqlite_memory_limit())


def sqlite_memory_limit() -> int:
    """The bound in bytes: ``$TIKETNITSA_SQLITE_MEMORY_MIB`` when it is a whole number of at
    least 4 MiB, otherwise ``SQLITE_MEMORY_LIMIT`` (a typo must not unbound the appliance)."""
    text = os.environ.get(SQLITE_MEMORY_ENV, "").strip()
    if text.isdigit() and int(text) >= 4:
        return int(text) * 1024 * 1024
    return SQLITE_MEMORY_LIMIT


def no_double_quoted_strings(conn: apsw.Connection) -> None:
    # A typo'd column name in double quotes must be an error, not a string literal.
    conn.config(apsw.SQLITE_DBCONFIG_DQS_DML, 0)
    conn.config(apsw.SQLITE_DBCONFIG_DQS_DDL, 0)


def text_functions(conn: apsw.Connection) -> None:
    # SQLite's lower() folds ASCII only; search needs Cyrillic folded too (appliance/store/search).
    conn.create_scalar_function("tk_fold", _fold, 1, deterministic=True)


def _fold(*values: apsw.SQLiteValue) -> str | None:
    value = values[0]
    return value.casefold() if isinstance(value, str) else None


def open_connection(path: Path, key: StoreKey | None, *, readonly: bool = False) -> apsw.Connection:
    """A configured connection. ``key=None`` opens a plain SQLite file (benchmarks only)."""
    flags = apsw.SQLITE_OPEN_READWRITE | apsw.SQLITE_OPEN_CREATE
    if readonly:
        flags = apsw.SQLITE_OPEN_READONLY
    try:
        conn = apsw.Connection(str(path), flags=flags)
    except apsw.CantOpenError:
        raise StoreOpenError("store.cannot_open", path=path) from None
    try:
        if key is not None:
            set_key(conn, key)
        check_key(conn)
        wait_when_busy(conn)
        if not readonly:
            use_wal(conn)
        durable_commits(conn)
        enforce_foreign_keys(conn)
        big_page_cache(conn)
        no_double_quoted_strings(conn)
        text_functions(conn)
    except BaseException:
        conn.close()
        raise
    return conn
