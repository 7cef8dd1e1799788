"""``/tickets`` (and ``/`` -> ``/tickets``): the ticket list's place in the shell.

OWNED BY THE NEXT ISSUE (the ticket list): its engineer replaces the body of ``tickets_page``
with the real list (columns, live SLA timers, paging, filters) and keeps the route, the frame
(``active="tickets"``) and the ``q`` query parameter, which the header's global search fills.

Until then it shows real data: the count of open tickets and the newest 20 tickets, or with
``?q=text`` the tickets whose description matches (``appliance.store.search.search_tickets``).

Test markers: ``open-count``, ``newest-tickets``, ``search-results``.
"""

from __future__ import annotations

import apsw
from fastapi.responses import RedirectResponse
from nicegui import ui

from appliance.domain.permissions import Permission
from appliance.store import overview
from appliance.store.search import search_tickets
from appliance.ui.frame import frame
from appliance.ui.guard import HOME_PATH, require_user
from appliance.ui.session import Session
from appliance.ui.tables import ticket_table

NEWEST = 20
SEARCH_LIMIT = 50
MAX_QUERY = 200


def _search(conn: apsw.Connection, text: str) -> list[overview.TicketRow]:
    hits = search_tickets(conn, text, limit=SEARCH_LIMIT)
    return overview.tickets_by_ids(conn, [hit.id for hit in hits])


def _summary(conn: apsw.Connection) -> tuple[int, list[overview.TicketRow]]:
    return overview.open_ticket_count(conn), overview.newest_tickets(conn, NEWEST)


def register() -> None:
    @ui.page("/")
    def index() -> RedirectResponse:
        return RedirectResponse(HOME_PATH, status_code=303)

    @ui.page("/tickets")
    @require_user(Permission.VIEW_TICKETS)
    async def tickets_page(session: Session, q: str = "") -> None:
        text = q.strip()[:MAX_QUERY]
        with frame(session, active="tickets", title=session.t("shell.tickets.title"), search=text):
            if text:
                found = await session.store.read(lambda conn: _search(conn, text))
                ui.label(
                    session.t("shell.tickets.search.found", query=text, count=len(found))
                ).classes("text-body1 text-grey-8")
                ticket_table(session, found, marker="search-results")
                return
            open_count, newest = await session.store.read(_summary)
            with ui.card().props("flat bordered").classes("px-5 py-3").mark("open-count"):
                ui.label(session.t("shell.tickets.open_count")).classes("text-caption text-grey-7")
                ui.label(str(open_count)).classes("text-h5 text-primary")
            ui.label(session.t("shell.tickets.newest", count=NEWEST)).classes("text-subtitle1")
            ticket_table(session, newest, marker="newest-tickets")
