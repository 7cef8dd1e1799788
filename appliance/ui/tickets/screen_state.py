"""The state of one open ticket screen and every write made from it.

``TicketScreen`` holds the data last read (``data``) and the parts of the page that show it
(``add_part``: functions that redraw themselves from ``data``). Every change goes through
``change``, which checks the user's right on the server (the page hides what a role may not do,
but a hidden button is no check), passes the version the user saw, and then:

- on success, reads the ticket again and redraws;
- on ``Stale`` (someone else changed the ticket first), tells the user so, reads the
  fresh state and redraws it. Nothing the user typed is lost: the action form is not a part that
  redraws, so its text stays for the user to check and send again;
- on any other ``AppError`` (a transition the workflow forbids, bad input, a closed ticket, a
  right lost since the page was built), shows the reason in the user's language and changes
  nothing (``ui.common.errors``).
"""

from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from datetime import datetime

from nicegui import ui

from appliance.domain.clock import utc_now
from appliance.domain.errors import AppError, Forbidden, Stale
from appliance.domain.permissions import Permission
from appliance.services.ticket_screen import ScreenData, load_screen, screen_stamp
from appliance.ui.common.errors import notify_error
from appliance.ui.common.format import zone
from appliance.ui.common.session import Session

log = logging.getLogger("tiketnitsa.ui")

# A service call making one change, given the version the user saw.
Write = Callable[[int], Awaitable[object]]
Shows = Callable[[ScreenData], object]


@dataclass
class _Part:
    draw: Callable[[], None]
    shows: Shows
    last: object


async def read_screen(session: Session, ticket_id: int) -> ScreenData | None:
    today = datetime.now(zone(session.ctx.settings.time_zone)).date()
    return await load_screen(session.store, session.actor, ticket_id=ticket_id, today=today)


class TicketScreen:
    def __init__(self, session: Session, ticket_id: int, data: ScreenData) -> None:
        self.session = session
        self.ticket_id = ticket_id
        self.data = data
        self._parts: list[_Part] = []
        # The page's client, taken while the page is built: a handler runs in the slot of the
        # button or select that fired it, and a reload deletes that element, so a notification
        # shown after the reload must name the client it goes to.
        self.client = ui.context.client
        # Concurrent redraws (a live event landing during our own write) would interleave.
        self._reloading = False
        self._reload_again = False

    # -- who may do what (read when the page was built; the store checks again) -------------

    @property
    def can_work(self) -> bool:
        return self.session.may(Permission.WORK_TICKETS)

    @property
    def lang(self) -> str:
        return self.session.lang

    @property
    def time_zone(self) -> str:
        return self.session.ctx.settings.time_zone

    def now(self) -> datetime:
        return utc_now()

    # -- reading ------------------------------------------------------------------------------

    @classmethod
    async def open(cls, session: Session, ticket_id: int) -> TicketScreen | None:
        data = await read_screen(session, ticket_id)
        return cls(session, ticket_id, data) if data is not None else None

    async def read(self) -> ScreenData | None:
        return await read_screen(self.session, self.ticket_id)

    async def reload(self) -> None:
        """Read the ticket again and redraw every part; a call during a reload runs once more
        after it, so the last state read is always the one shown."""
        if self._reloading:
            self._reload_again = True
            return
        self._reloading = True
        try:
            while True:
                self._reload_again = False
                fresh = await self.read()
                if fresh is not None:
                    self.data = fresh
                    self.redraw()
                if not self._reload_again:
                    break
        finally:
            self._reloading = False

    async def reload_if_changed(self) -> None:
        """Reload unless the store holds exactly what is shown: the watcher also reports this
        screen's own changes, which were already read back, and a redraw for nothing would throw
        away a half-made choice (a service picked, its problem not yet)."""
        stamp = await screen_stamp(self.session.store, self.session.actor, ticket_id=self.ticket_id)
        if stamp != self.data.stamp or self._reloading:
            await self.reload()

    def add_part(self, draw: Callable[[], None], *, shows: Shows) -> None:
        """Register a part of the page, already drawn from ``data``. ``shows`` picks what of the
        data it shows: on a reload the part redraws only if that changed, so a change of status
        does not rebuild the screenshots or the client panel (and the browser gets less)."""
        self._parts.append(_Part(draw, shows, shows(self.data)))

    def redraw(self) -> None:
        for part in self._parts:
            shown = part.shows(self.data)
            if shown != part.last:
                part.last = shown
                part.draw()

    # -- writing ------------------------------------------------------------------------------

    def refuse(self, error: AppError) -> None:
        with self.client:
            notify_error(self.session, error)

    def notify(self, key: str) -> None:
        """A confirmation, shown even when the element that asked for it was redrawn away."""
        with self.client:
            ui.notify(self.session.t(key), type="positive")

    async def change(self, write: Write, *, done: str | None = None) -> bool:
        """Make one change (``write(expected_version)``, a service call); True when it was made."""
        if not self.can_work:
            self.refuse(Forbidden("permission.denied"))
            return False
        version = self.data.ticket.version
        try:
            await write(version)
        except AppError as error:
            self.refuse(error)
            if isinstance(error, Stale):
                await self.reload()
            return False
        await self.reload()
        if done:
            self.notify(done)
        return True
