"""The card's Tickets tab: the organisation's latest tickets (a click opens one), and a link to
the ticket list filtered to this client for everything else.

Test markers: ``card-tickets``, ``card-tickets-all``.
"""

from __future__ import annotations

from typing import Any

from nicegui import events, ui

from appliance.domain.permissions import Permission
from appliance.services import clients
from appliance.services.clients import TicketLine
from appliance.ui.clients.card import Card
from appliance.ui.common.format import when
from appliance.ui.common.tables import column, simple_table

SHOWN = 100


def ticket_table(card: Card, lines: list[TicketLine], *, marker: str) -> ui.table:
    t, tz = card.t, card.session.ctx.settings.time_zone
    columns = [
        column("number", "№", nowrap=True),
        column("received", t("cards.tickets.received"), nowrap=True),
        column("status", t("cards.tickets.status"), nowrap=True),
        column("priority", t("cards.tickets.priority"), nowrap=True),
        column("person", t("cards.tickets.person")),
        column("description", t("cards.tickets.description")),
    ]
    rows: list[dict[str, Any]] = [
        {
            "id": line.id,
            "number": line.number,
            "received": when(line.received_at, tz),
            "status": t(f"status.{line.status}"),
            "priority": t(f"priority.{line.priority}"),
            "person": line.person_name or "—",
            "description": line.description,
        }
        for line in lines
    ]
    table = simple_table(columns, rows, empty=t("cards.tickets.none"), marker=marker)
    table.classes("cursor-pointer")

    def open_ticket(event: events.GenericEventArguments) -> None:
        row = event.args[1] if isinstance(event.args, list) else event.args
        ui.navigate.to(f"/tickets/{int(row['number'])}")

    table.on("rowClick", open_ticket)
    return table


async def draw(card: Card) -> None:
    s = card.session
    if not s.may(Permission.VIEW_TICKETS):
        return
    lines = await clients.org_tickets(s.store, s.actor, org_id=card.org_id, limit=SHOWN)
    with ui.column().classes("w-full gap-2"):
        with ui.row().classes("w-full items-center"):
            ui.label(card.t("cards.tickets.latest", n=SHOWN)).classes("text-body2 text-grey-7")
            ui.space()
            ui.link(card.t("cards.tickets.all"), f"/tickets?view=all&org={card.org_id}").mark(
                "card-tickets-all"
            )
        ticket_table(card, lines, marker="card-tickets")
