"""The technicians' ticket list: one page of a view with its total, the views' counts, the SLA
calendars for the timers, the filter bar's choices, and the rows of tickets just created.

A page and the counts are read in one snapshot, so the tab numbers agree with the page.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

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
) -> ListScreen:
    """One page (1-based) of ``view`` with ``filters``, sorted; a page that emptied under the
    user (tickets closed, filters changed) gives the last page instead. ``ListQueryError`` for
    an unknown view, sort or filter value."""

    def read(conn: apsw.Connection) -> ListScreen:
        user_id = _viewer_id(conn, actor)

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
        counts = view_counts(conn, user_id=user_id, now=now, filters=filters)
        return ListScreen(found, counts, load_calendars(conn))

    return await store.read(read)


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
