"""The change watcher: every committed change of a ticket, from another connection too, reaches
the subscribers once, in order, and history before the watcher started is not replayed."""

from __future__ import annotations

import asyncio
import uuid
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

import pytest

from appliance.live import ChangeWatcher, TicketChanges
from appliance.store import Store
from appliance.store.changes import prune_changes
from appliance.store.keys import StoreKey, create_key_file
from appliance.store.tickets import assign, create_ticket


@pytest.fixture
def store_key(tmp_path: Path) -> StoreKey:
    return create_key_file(tmp_path, cipher="aegis")


@pytest.fixture
def app_store(tmp_path: Path, store_key: StoreKey) -> Iterator[Store]:
    with Store.open(tmp_path, store_key) as opened:
        yield opened


@pytest.fixture
def other_process(tmp_path: Path, store_key: StoreKey, app_store: Store) -> Iterator[Store]:
    """A second handle on the same file, as a command in another process would have."""
    with Store.open(tmp_path, store_key, migrate=False) as opened:
        yield opened


def new_ticket(store: Store, text: str) -> int:
    made = store.write_sync(
        lambda conn: create_ticket(
            conn,
            uuid=str(uuid.uuid4()),
            source="phone",
            description=text,
            submitted_at=datetime.now(UTC),
        )
    )
    return made.id


async def test_history_is_not_replayed(app_store: Store, other_process: Store) -> None:
    new_ticket(other_process, "before the watcher")
    watcher = ChangeWatcher(app_store)
    seen: list[TicketChanges] = []
    watcher.event.subscribe(seen.append)
    assert await watcher.poll_once() is None  # the first poll only notes where we are
    assert await watcher.poll_once() is None
    assert seen == []


async def test_changes_from_another_connection_reach_subscribers(
    app_store: Store, other_process: Store
) -> None:
    watcher = ChangeWatcher(app_store)
    seen: list[TicketChanges] = []
    watcher.event.subscribe(seen.append)
    await watcher.poll_once()

    first = new_ticket(other_process, "Принтер не печатает")
    second = new_ticket(other_process, "Нет интернета")
    changes = await watcher.poll_once()
    assert changes is not None
    assert seen == [changes]
    assert changes.created_ids == {first, second}
    assert changes.ticket_ids == {first, second}
    assert changes.touches(first) and not changes.touches(second + 1000)
    # create_ticket also writes the 'created' entry of the ticket's history: an action
    assert changes.action_ids == {first, second}
    assert [c.seq for c in changes.changes] == sorted(c.seq for c in changes.changes)

    tech = other_process.write_sync(
        lambda conn: conn.execute(
            "INSERT INTO users(login, role, password_hash, created_at)"
            " VALUES ('t', 'technician', 'x', '2025-01-01T00:00:00.000000Z') RETURNING id"
        ).fetchone()[0]
    )
    other_process.write_sync(
        lambda conn: assign(
            conn, ticket_id=first, assignee_id=tech, user_id=tech, expected_version=1
        )
    )
    update = await watcher.poll_once()
    assert update is not None
    assert update.created_ids == frozenset()
    assert update.updated_ids == {first}
    assert update.last_seq > changes.last_seq
    assert await watcher.poll_once() is None
    assert len(seen) == 2


async def test_running_watcher_emits_within_its_interval(
    app_store: Store, other_process: Store
) -> None:
    watcher = ChangeWatcher(app_store, interval=0.05)
    arrived = asyncio.Event()
    received: list[TicketChanges] = []

    def on_change(changes: TicketChanges) -> None:
        received.append(changes)
        arrived.set()

    watcher.event.subscribe(on_change)
    watcher._task = asyncio.create_task(watcher._run())  # the app starts it the same way
    try:
        while watcher.last_seq is None:
            await asyncio.sleep(0.01)
        made = new_ticket(other_process, "Сервер не отвечает")
        await asyncio.wait_for(arrived.wait(), timeout=2.0)
        assert received[0].created_ids == {made}
    finally:
        await watcher.stop()
    assert watcher._task is None


async def test_pruning_keeps_the_newest_changes_and_live_updates_go_on(
    app_store: Store, other_process: Store
) -> None:
    for n in range(30):
        new_ticket(other_process, f"old {n}")
    watcher = ChangeWatcher(app_store)
    seen: list[TicketChanges] = []
    watcher.event.subscribe(seen.append)
    await watcher.poll_once()
    removed = app_store.write_sync(lambda conn: prune_changes(conn, keep=5))
    left = app_store.read_sync(
        lambda conn: conn.execute("SELECT count(*), max(seq) FROM ticket_changes").fetchone()
    )
    assert left[0] == 5 and removed > 0
    fresh = new_ticket(other_process, "after pruning")
    changes = await watcher.poll_once()
    assert changes is not None and changes.created_ids == {fresh}
    assert changes.last_seq > left[1]
