"""Waiting on a condition instead of sleeping: a check that something did NOT happen must first
know that the thing which could have made it happen has finished."""

from __future__ import annotations

import asyncio
from collections.abc import Callable

from nicegui import background_tasks

POLL = 0.02


async def eventually(check: Callable[[], bool], timeout: float = 5.0) -> None:
    loop = asyncio.get_running_loop()
    deadline = loop.time() + timeout
    while not check():
        assert loop.time() < deadline, "condition not met in time"
        await asyncio.sleep(POLL)


def _running(name: str) -> bool:
    return any(name in task.get_name() for task in background_tasks.running_tasks)


async def finished(name: str, timeout: float = 5.0) -> None:
    """Wait until no background task whose name holds ``name`` runs: an async event handler
    (NiceGUI names its task after the handler function) or a navigation ("navigate to")."""
    await eventually(lambda: not _running(name), timeout)
