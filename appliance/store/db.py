"""``Store``: the one object that owns the encrypted database.

Every write goes through one write connection, serialised by a lock and, for async callers, run
on one dedicated writer thread. Reads run on per-thread read connections (WAL lets them proceed
beside the writer), from the default thread pool for async callers. Pages and routes never open a
connection and never block the event loop: they ``await store.read(fn)`` / ``store.write(fn)``.
Command-line code, which has no event loop, uses ``read_sync`` / ``write_sync``.
"""

from __future__ import annotations

import asyncio
import errno
import logging
import threading
import time
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import TypeVar

import apsw

from appliance.domain.errors import DiskFull
from appliance.store.connection import open_connection
from appliance.store.keys import StoreKey
from appliance.store.migrate import apply_migrations

T = TypeVar("T")

log = logging.getLogger("tiketnitsa.store")

DB_FILE_NAME = "tiketnitsa.db"


class Store:
    def __init__(self, path: Path, key: StoreKey | None, *, migrate: bool = True) -> None:
        self.path = path
        self._key = key
        self._write_lock = threading.RLock()
        self._writer = open_connection(path, key)
        self._writer_thread = ThreadPoolExecutor(max_workers=1, thread_name_prefix="store-writer")
        self._local = threading.local()
        self._readers: list[apsw.Connection] = []
        self._readers_lock = threading.Lock()
        # Reads under way, so that close() waits for them instead of pulling the connection away.
        self._reads_in_flight = 0
        self._reads_done = threading.Condition(self._readers_lock)
        self._closed = False
        self.disk_full = False  # the last write failed for lack of disk space
        if migrate:
            with self._write_lock:
                apply_migrations(self._writer)

    @property
    def key(self) -> StoreKey | None:
        """The store's key, for a second connection of its own kind (the backup's copy)."""
        return self._key

    @classmethod
    def open(cls, data_dir: Path, key: StoreKey, *, migrate: bool = True) -> Store:
        return cls(data_dir / DB_FILE_NAME, key, migrate=migrate)

    # -- connections -------------------------------------------------------------------------

    def _reader(self) -> apsw.Connection:
        conn: apsw.Connection | None = getattr(self._local, "conn", None)
        if conn is None:
            conn = open_connection(self.path, self._key)
            self._local.conn = conn
            with self._readers_lock:
                self._readers.append(conn)
        return conn

    # -- synchronous API (CLI, tests, worker threads) ----------------------------------------

    def read_sync(self, fn: Callable[[apsw.Connection], T]) -> T:
        """Run ``fn`` on this thread's read connection inside one read transaction."""
        with self._readers_lock:
            if self._closed:
                raise RuntimeError("store is closed")
            self._reads_in_flight += 1
        try:
            conn = self._reader()
            # One snapshot for the whole function: several SELECTs see one consistent state.
            with conn:
                result = fn(conn)
            return result
        finally:
            with self._readers_lock:
                self._reads_in_flight -= 1
                self._reads_done.notify_all()

    def write_sync(self, fn: Callable[[apsw.Connection], T]) -> T:
        """Run ``fn`` in one write transaction; it is committed (and fsynced) when this returns.

        A full disk (SQLITE_FULL, ENOSPC) rolls the transaction back whole and raises
        ``DiskFull``; ``disk_full`` stays True until a write succeeds again."""
        with self._write_lock:
            if self._closed:
                raise RuntimeError("store is closed")
            conn = self._writer
            try:
                conn.execute("BEGIN IMMEDIATE")
                try:
                    result = fn(conn)
                    conn.execute("COMMIT")
                except BaseException:
                    _roll_back(conn)
                    raise
            except Exception as error:
                if is_disk_full(error):
                    self._note_disk_full(error)
                    raise DiskFull("store.disk_full") from error
                raise
            if self.disk_full:
                self.disk_full = False
                log.warning("disk space available again: writes succeed")
            return result

    def _note_disk_full(self, error: BaseException) -> None:
        # Once per episode, not per request: a full disk refuses every write until freed.
        if not self.disk_full:
            self.disk_full = True
            log.error("the disk of %s is full: writes are refused (%s)", self.path.parent, error)

    # -- async API (pages, API routes) ------------------------------------------------------

    async def read(self, fn: Callable[[apsw.Connection], T]) -> T:
        return await asyncio.to_thread(self.read_sync, fn)

    async def write(self, fn: Callable[[apsw.Connection], T]) -> T:
        loop = asyncio.get_running_loop()
        return await loop.run_in_executor(self._writer_thread, self.write_sync, fn)

    # -- lifecycle ---------------------------------------------------------------------------

    def checkpoint(self) -> None:
        with self._write_lock:
            self._writer.wal_checkpoint(mode=apsw.SQLITE_CHECKPOINT_TRUNCATE)

    def close(self) -> None:
        # Queued async writes finish first; they need the write lock taken below, so shutting
        # the writer thread down while holding it could deadlock.
        self._writer_thread.shutdown(wait=True)
        with self._write_lock:
            if self._closed:
                return
            with self._readers_lock:
                self._closed = True
                self._reads_done.wait_for(
                    lambda: self._reads_in_flight == 0, timeout=_CLOSE_PATIENCE_S
                )
                readers, self._readers = self._readers, []
            for conn in readers:
                _close_when_idle(conn)
            self._writer.close()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def is_disk_full(error: BaseException) -> bool:
    """Whether ``error`` says the disk (of the database, its journal or a temp file) is full."""
    if isinstance(error, apsw.FullError):
        return True
    return isinstance(error, OSError) and error.errno == errno.ENOSPC


def _roll_back(conn: apsw.Connection) -> None:
    # After SQLITE_FULL, SQLite may have rolled the transaction back itself already.
    if conn.in_transaction:
        conn.execute("ROLLBACK")


# A read may still be running on a worker thread when the app shuts down; apsw refuses to close
# a connection in use by another thread, so wait for it, and cut it short if it takes too long.
_CLOSE_PATIENCE_S = 5.0
_INTERRUPT_AFTER_S = 1.0


def _close_when_idle(conn: apsw.Connection) -> None:
    deadline = time.monotonic() + _CLOSE_PATIENCE_S
    interrupt_at = time.monotonic() + _INTERRUPT_AFTER_S
    while True:
        try:
            conn.close()
            return
        except apsw.ThreadingViolationError:
            now = time.monotonic()
            if now >= deadline:
                raise
            if now >= interrupt_at:
                conn.interrupt()
            time.sleep(0.01)
