"""One load at a time, and the last request always wins.

A page whose filters change faster than its query answers (typing a date, clicking through
selects) must not let an older query's result land after a newer one. ``Coalesced`` runs the
load; calls that arrive while it runs fold into one more run after it, so a burst costs two
loads and what is shown always matches the latest state of the page.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable


class Coalesced:
    def __init__(self, load: Callable[[], Awaitable[None]]) -> None:
        self._load = load
        self._running = False
        self._again = False

    async def __call__(self) -> None:
        if self._running:
            self._again = True
            return
        self._running = True
        try:
            while True:
                self._again = False
                await self._load()
                if not self._again:
                    break
        finally:
            self._running = False
