"""The technicians' ticket list: one page of a view with its total, the views' counts, the SLA
calendars for the timers, the filter bar's choices, and the rows of tickets just created.

A page and the counts are read in one snapshot, so the tab numbers agree with the page.

Many windows answer the same change at once (every open list reloads when a ticket arrives).
Those that show the same list state share one read of what does not depend on who looks (the
page of a view other than "mine", the other views' counts, the calendars) — ``as_of`` names the
change they answer, so no window is given a read older than the change it was told about. Each
window still checks its actor afresh and reads its own "mine" (count, and page when shown) in
its own transaction; that count may be a change apart from a shared page until the next event.
"""

from __future__ import annotations

import asyncio
from collections import OrderedDict
from collections.abc import Awaitable, Callable, Hashable
from dataclasses import dataclass
from datetime import datetime
from typing import TypeVar, cast

import apsw

from appliance.domain.permissions import Permission
from appliance.domain.sla import BusinessCalendar
from appliance.services.actor import Actor, acting_user
from appliance.services.types import Store
from appliance.store.ticket_choices import (
    Choice,
    Service,
    assignee_choices,
    category_tree,
    organization_choices,
)
from appliance.store.ticket_list import (
    SLA_STATES,
    UNASSIGNED,
    VIEWS,
    ListFilters,
    ListQueryError,
    TicketPage,
    TicketRow,
    list_tickets,
    load_calendars,
    rows_by_id,
    view_counts,
)

__all__ = [
    "SLA_STATES",
    "UNASSIGNED",
    "VIEWS",
    "Choice",
    "FilterChoices",
    "ListFilters",
    "ListQueryError",
    "ListScreen",
    "Service",
    "TicketPage",
    "TicketRow",
    "filter_choices",
    "list_screen",
    "new_rows",
]


@dataclass(frozen=True)
class ListScreen:
    """What the list shows at one moment: the page, the tab counts, and the calendars the SLA
    timers of its rows run on (by ``TicketRow.calendar_id``)."""

    page: TicketPage
    counts: dict[str, int]
    calendars: dict[int, BusinessCalendar]


@dataclass(frozen=True)
class FilterChoices:
    organisations: list[Choice]
    assignees: list[Choice]
    categories: list[Service]


def _viewer_id(conn: apsw.Connection, actor: Actor) -> int:
    user = acting_user(conn, actor, Permission.VIEW_TICKETS)
    return user.id if user is not None else 0  # the command line holds no "mine"


T = TypeVar("T")
# Views whose content depends on who looks.
PERSONAL_VIEWS = ("mine",)
_SHARED_VIEWS = tuple(v for v in VIEWS if v not in PERSONAL_VIEWS)


class SharedReads:
    """Reads under one key share one run: a caller asking while it runs, or within ``fresh_for``
    seconds after (the last ``keep`` answers are kept), gets its answer. Keys must name
    everything the answer depends on, the change it is fresh as of included."""

    def __init__(self, keep: int = 64, fresh_for: float = 2.0) -> None:
        self._keep = keep
        self._fresh_for = fresh_for
        self.runs = 0  # reads actually run (for tests and benchmarks)
        self._running: dict[Hashable, asyncio.Future[object]] = {}
        self._done: OrderedDict[Hashable, tuple[float, object]] = OrderedDict()

    async def read(self, key: Hashable, run: Callable[[], Awaitable[T]]) -> T:
        loop = asyncio.get_running_loop()
        # Answers past their freshness are dropped (oldest first): the cache holds only the
        # last seconds' answers, not ``keep`` pages for ever.
        while self._done:
            oldest = next(iter(self._done.values()))
            if loop.time() - oldest[0] <= self._fresh_for:
                break
            self._done.popitem(last=False)
        kept = self._done.get(key)
        if kept is not None and loop.time() - kept[0] <= self._fresh_for:
            return cast(T, kept[1])
        running = self._running.get(key)
        if running is not None:
            return cast(T, await asyncio.shield(running))
        future: asyncio.Future[object] = loop.create_future()
        self._running[key] = future
        self.runs += 1
        try:
            answer = await run()
        except BaseException as exc:
            future.set_exception(exc)
            future.exception()  # retrieved: a failure nobody joined is not "never retrieved"
            raise
        finally:
            del self._running[key]
        future.set_result(answer)
        self._done[key] = (loop.time(), answer)
        self._done.move_to_end(key)
        while len(self._done) > self._keep:
            self._done.popitem(last=False)
        return answer


_shared_screens = SharedReads()


def _page(
    conn: apsw.Connection,
    *,
    view: str,
    filters: ListFilters,
    sort: str,
    descending: bool,
    page: int,
    per_page: int,
    user_id: int,
    now: datetime,
) -> TicketPage:
    def page_of(number: int) -> TicketPage:
        return list_tickets(
            conn,
            view=view,
            filters=filters,
            sort=sort,
            descending=descending,
            page=number,
            per_page=per_page,
            user_id=user_id,
            now=now,
        )

    found = page_of(page)
    if not found.rows and found.total and page > 1:
        found = page_of((found.total - 1) // per_page + 1)
    return found


async def list_screen(
    store: Store,
    actor: Actor,
    *,
    view: str,
    filters: ListFilters,
    sort: str,
    descending: bool,
    page: int,
    per_page: int,
    now: datetime,
    as_of: int | None = None,
) -> ListScreen:
    """One page (1-based) of ``view`` with ``filters``, sorted; a page that emptied under the
    user (tickets closed, filters changed) gives the last page instead. ``ListQueryError`` for
    an unknown view, sort or filter value.

    ``as_of``: the change (``appliance.live``) this read answers; windows in the same state
    answering the same change share the part of the read that does not depend on the user."""

    def page_for(conn: apsw.Connection, user_id: int) -> TicketPage:
        return _page(
            conn,
            view=view,
            filters=filters,
            sort=sort,
            descending=descending,
            page=page,
            per_page=per_page,
            user_id=user_id,
            now=now,
        )

    if as_of is None:

        def read(conn: apsw.Connection) -> ListScreen:
            user_id = _viewer_id(conn, actor)
            found = page_for(conn, user_id)
            counts = view_counts(conn, user_id=user_id, now=now, filters=filters)
            return ListScreen(found, counts, load_calendars(conn))

        return await store.read(read)

    personal = view in PERSONAL_VIEWS

    def common(
        conn: apsw.Connection,
    ) -> tuple[TicketPage | None, dict[str, int], dict[int, BusinessCalendar]]:
        _viewer_id(conn, actor)  # the first asker's right to read it at all
        found = None if personal else page_for(conn, 0)
        counts = view_counts(conn, user_id=0, now=now, filters=filters, views=_SHARED_VIEWS)
        return found, counts, load_calendars(conn)

    key = (id(store), as_of, *(() if personal else (view, sort, descending, page, per_page)))
    key += (filters,)
    shared_page, shared_counts, calendars = await _shared_screens.read(
        key, lambda: store.read(common)
    )

    def own(conn: apsw.Connection) -> tuple[TicketPage | None, dict[str, int]]:
        user_id = _viewer_id(conn, actor)  # afresh, for this window
        found = page_for(conn, user_id) if personal else None
        counts = view_counts(conn, user_id=user_id, now=now, filters=filters, views=PERSONAL_VIEWS)
        return found, counts

    own_page, own_counts = await store.read(own)
    found = own_page if personal else shared_page
    assert found is not None
    return ListScreen(found, {**shared_counts, **own_counts}, calendars)


async def filter_choices(store: Store, actor: Actor) -> FilterChoices:
    def read(conn: apsw.Connection) -> FilterChoices:
        acting_user(conn, actor, Permission.VIEW_TICKETS)
        return FilterChoices(
            organization_choices(conn), assignee_choices(conn), category_tree(conn)
        )

    return await store.read(read)


async def new_rows(store: Store, actor: Actor, *, ticket_ids: list[int]) -> list[TicketRow]:
    """The list rows of these tickets, in the order given (to announce new arrivals)."""

    def read(conn: apsw.Connection) -> list[TicketRow]:
        acting_user(conn, actor, Permission.VIEW_TICKETS)
        return rows_by_id(conn, ticket_ids)

    return await store.read(read)
