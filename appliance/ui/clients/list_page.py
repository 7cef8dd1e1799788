"""``/clients``: the client organisations with counts of people, equipment and open tickets.

A read-only overview; the client cards (people, equipment, credentials, licenses) come with their
own issue and link from here.

Test marker: ``clients-table``.
"""

from __future__ import annotations

from nicegui import ui

from appliance.domain.permissions import Permission
from appliance.services.clients import organization_summaries
from appliance.ui.common.frame import frame
from appliance.ui.common.guard import require_user
from appliance.ui.common.session import Session
from appliance.ui.common.tables import column, simple_table


def register() -> None:
    @ui.page("/clients")
    @require_user(Permission.VIEW_CLIENTS)
    async def clients_page(session: Session) -> None:
        orgs = await organization_summaries(session.store, session.actor)
        with frame(session, active="clients", title=session.t("shell.clients.title")):
            ui.label(session.t("shell.clients.count", count=len(orgs))).classes(
                "text-body2 text-grey-8"
            )
            columns = [
                column("name", session.t("shell.clients.col.name"), sortable=True),
                column("short_name", session.t("shell.clients.col.short_name")),
                column(
                    "people", session.t("shell.clients.col.people"), align="right", sortable=True
                ),
                column(
                    "equipment",
                    session.t("shell.clients.col.equipment"),
                    align="right",
                    sortable=True,
                ),
                column(
                    "open_tickets",
                    session.t("shell.clients.col.open_tickets"),
                    align="right",
                    sortable=True,
                ),
            ]
            rows = [
                {
                    "id": org.id,
                    "name": org.name,
                    "short_name": org.short_name or "—",
                    "people": org.people,
                    "equipment": org.equipment,
                    "open_tickets": org.open_tickets,
                }
                for org in orgs
            ]
            simple_table(
                columns, rows, empty=session.t("shell.clients.none"), marker="clients-table"
            )
