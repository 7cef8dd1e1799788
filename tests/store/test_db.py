"""The Store's connection discipline: one writer, readers beside it, durable settings."""

from __future__ import annotations

import asyncio
import threading
import time

import apsw
import pytest

from appliance.store import Store


def test_connection_settings(store: Store) -> None:
    def settings(conn: apsw.Connection) -> tuple[object, ...]:
        return (
            conn.execute("PRAGMA journal_mode").fetchone()[0],
            conn.execute("PRAGMA synchronous").fetchone()[0],
            conn.execute("PRAGMA foreign_keys").fetchone()[0],
        )

    # synchronous 2 = FULL: an acknowledged commit survives power loss.
    assert store.read_sync(settings) == ("wal", 2, 1)
    assert store.write_sync(settings) == ("wal", 2, 1)


def test_failed_write_rolls_back(store: Store) -> None:
    def half_then_fail(conn: apsw.Connection) -> None:
        conn.execute("INSERT INTO settings(key, value) VALUES ('a', '1')")
        raise RuntimeError("boom")

    with pytest.raises(RuntimeError):
        store.write_sync(half_then_fail)
    assert store.read_sync(lambda c: c.execute("SELECT count(*) FROM settings").fetchone()[0]) == 0


def test_foreign_keys_are_enforced(store: Store) -> None:
    with pytest.raises(apsw.ConstraintError):
        store.write_sync(
            lambda c: c.execute(
                "INSERT INTO persons(org_id, full_name, created_at) VALUES (999, 'x', 'now')"
            )
        )


def test_double_quoted_strings_are_an_error(store: Store) -> None:
    with pytest.raises(apsw.SQLError):
        store.read_sync(lambda c: c.execute('SELECT "no_such_column" FROM settings').fetchall())


def test_a_reader_sees_a_consistent_snapshot_while_the_writer_commits(store: Store) -> None:
    store.write_sync(lambda c: c.execute("INSERT INTO settings VALUES ('n', '0')"))
    inside = threading.Event()
    release = threading.Event()

    def slow_read(conn: apsw.Connection) -> tuple[str, str]:
        first = conn.execute("SELECT value FROM settings WHERE key = 'n'").fetchone()[0]
        inside.set()
        release.wait(5)
        second = conn.execute("SELECT value FROM settings WHERE key = 'n'").fetchone()[0]
        return first, second

    result: list[tuple[str, str]] = []
    reader = threading.Thread(target=lambda: result.append(store.read_sync(slow_read)))
    reader.start()
    assert inside.wait(5)
    # The writer is not blocked by the open read transaction (WAL).
    store.write_sync(lambda c: c.execute("UPDATE settings SET value = '1' WHERE key = 'n'"))
    release.set()
    reader.join(5)
    assert result == [("0", "0")]
    assert store.read_sync(lambda c: c.execute("SELECT value FROM settings").fetchone()[0]) == "1"


@pytest.mark.parametrize("call", ["write", "read"])
async def test_async_calls_leave_the_event_loop_free(store: Store, call: str) -> None:
    """While a write (or a read) runs, the event loop runs other work: the function below
    finishes only once a coroutine on the loop has run meanwhile. Were the store to run it on
    the loop's own thread, that coroutine could never run and the wait would fail."""
    inside = threading.Event()
    loop_ran = threading.Event()

    def slow(conn: apsw.Connection) -> int:
        inside.set()
        assert loop_ran.wait(5), "the event loop was blocked while the store worked"
        return int(conn.execute("SELECT count(*) FROM settings").fetchone()[0])

    async def other_work() -> None:
        await asyncio.to_thread(inside.wait, 5)
        loop_ran.set()

    task = asyncio.create_task(other_work())
    assert await getattr(store, call)(slow) >= 0
    await task


async def test_concurrent_async_writes_are_serialised(store: Store) -> None:
    def bump(conn: apsw.Connection) -> int:
        return conn.execute(
            "UPDATE counters SET value = value + 1 WHERE name = 'ticket_number' RETURNING value"
        ).fetchone()[0]

    values = await asyncio.gather(*(store.write(bump) for _ in range(50)))
    assert sorted(values) == list(range(1, 51))


def test_close_waits_for_a_read_still_running_on_another_thread(store: Store) -> None:
    started = threading.Event()

    def slow_read(conn: apsw.Connection) -> int:
        started.set()
        time.sleep(0.3)
        return conn.execute("SELECT count(*) FROM settings").fetchone()[0]

    results: list[int] = []
    reader = threading.Thread(target=lambda: results.append(store.read_sync(slow_read)))
    reader.start()
    assert started.wait(5)
    store.close()  # must neither raise nor cut the read short
    reader.join(5)
    assert results == [0]


async def test_close_lets_queued_async_writes_finish(store: Store) -> None:
    started = threading.Event()

    def slow_insert(conn: apsw.Connection) -> None:
        started.set()
        time.sleep(0.1)
        conn.execute("INSERT INTO settings VALUES ('late', 'x')")

    pending = asyncio.ensure_future(store.write(slow_insert))
    assert await asyncio.to_thread(started.wait, 5)  # close comes while the write is under way
    await asyncio.to_thread(store.close)
    await pending
    assert pending.done() and pending.exception() is None
