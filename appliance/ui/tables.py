"""Small read-only tables shared by the shell's pages (Quasar ``q-table``; cell values are shown
as text, so user text stays escaped)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from nicegui import ui

from appliance.store.overview import TicketRow
from appliance.ui.format import local_time, shorten
from appliance.ui.session import Session


def column(
    name: str, label: str, *, align: str = "left", nowrap: bool = False, **extra: Any
) -> dict[str, Any]:
    spec = {"name": name, "label": label, "field": name, "align": align, **extra}
    if nowrap:
        spec["classes"] = spec["headerClasses"] = "whitespace-nowrap"
    return spec


def simple_table(
    columns: list[dict[str, Any]], rows: list[dict[str, Any]], *, empty: str, marker: str
) -> ui.table:
    table = (
        ui.table(columns=columns, rows=rows, row_key="id", pagination=0)
        .props("dense flat bordered wrap-cells hide-bottom")
        .classes("w-full")
        .mark(marker)
    )
    table.props["no-data-label"] = empty
    return table


def ticket_table(session: Session, tickets: Sequence[TicketRow], *, marker: str) -> ui.table:
    """Tickets as the list shows them: number, received, client, person, description, category,
    priority, status, assignee."""
    tz = session.ctx.settings.time_zone
    columns = [
        column("number", "№", align="right", nowrap=True),
        column("received", session.t("shell.tickets.col.received"), nowrap=True),
        column("organization", session.t("shell.tickets.col.organization")),
        column("person", session.t("shell.tickets.col.person")),
        column("description", session.t("shell.tickets.col.description"), style="min-width: 16rem"),
        column("category", session.t("shell.tickets.col.category")),
        column("priority", session.t("shell.tickets.col.priority"), nowrap=True),
        column("status", session.t("shell.tickets.col.status"), nowrap=True),
        column("assignee", session.t("shell.tickets.col.assignee")),
    ]
    rows = [
        {
            "id": ticket.id,
            "number": ticket.number,
            "received": local_time(ticket.received_at, tz),
            "organization": ticket.organization or "—",
            "person": ticket.person or "—",
            "description": shorten(ticket.description, 120),
            "category": ticket.category or "—",
            "priority": session.t(f"priority.{ticket.priority}"),
            "status": session.t(f"status.{ticket.status}"),
            "assignee": ticket.assignee or "—",
        }
        for ticket in tickets
    ]
    return simple_table(columns, rows, empty=session.t("shell.tickets.none"), marker=marker)
