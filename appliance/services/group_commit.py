"""Group commit: the writes of concurrent API requests share one transaction and one fsync.

Each commit of the store waits for the disk (``synchronous = FULL``: an acknowledged write must
survive power loss), and that wait, not the SQL, bounds how many tickets a second the appliance
takes in (tests/bench/test_ingest_bench.py). Requests that arrive while a commit is in progress
queue up; the next transaction runs all of them, each in its own savepoint, so one request's
failure rolls back only its own work. Every request is answered after the commit that holds
its write, exactly as with ``Store.write``.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from functools import partial
from typing import Any, TypeVar

import apsw

from appliance.services.types import Store
from appliance.store.db import is_disk_full

T = TypeVar("T")

# Enough to absorb a burst of clients; small enough that one transaction stays short.
MAX_BATCH = 64

_Outcome = tuple[bool, Any]  # (succeeded, result or exception)


def _run_each(
    conn: apsw.Connection, batch: list[Callable[[apsw.Connection], Any]]
) -> list[_Outcome]:
    outcomes: list[_Outcome] = []
    for fn in batch:
        try:
            with conn:  # a savepoint inside the store's transaction
                outcomes.append((True, fn(conn)))
        except Exception as error:  # handed to the request that made it, not raised here
            if is_disk_full(error):
                raise  # unless the disk is full: the whole batch fails with DiskFull
            outcomes.append((False, error))
    return outcomes


class GroupCommit:
    """``await group.write(fn)`` is ``await store.write(fn)``, batched with concurrent calls."""

    def __init__(self, store: Store, *, max_batch: int = MAX_BATCH) -> None:
        self.store = store
        self.max_batch = max_batch
        self._queue: list[tuple[Callable[[apsw.Connection], Any], asyncio.Future[Any]]] = []
        self._draining: asyncio.Task[None] | None = None

    async def write(self, fn: Callable[[apsw.Connection], T]) -> T:
        future: asyncio.Future[T] = asyncio.get_running_loop().create_future()
        self._queue.append((fn, future))
        if self._draining is None or self._draining.done():
            self._draining = asyncio.get_running_loop().create_task(self._drain())
        # Shielded: a client that hangs up must not cancel a write others share.
        return await asyncio.shield(future)

    async def _drain(self) -> None:
        while self._queue:
            batch, self._queue = self._queue[: self.max_batch], self._queue[self.max_batch :]
            try:
                outcomes = await self.store.write(partial(_run_each, batch=[fn for fn, _ in batch]))
            except BaseException as error:  # the transaction itself failed: nothing is stored
                for _, future in batch:
                    if not future.done():
                        future.set_exception(error)
                if not isinstance(error, Exception):
                    raise
                continue
            for (_, future), (succeeded, value) in zip(batch, outcomes, strict=True):
                if future.done():
                    continue
                if succeeded:
                    future.set_result(value)
                else:
                    future.set_exception(value)
