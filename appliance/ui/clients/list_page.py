"""``/clients``: the client organisations with their SLA plan and counts of people, equipment
and open tickets; search by name, short name or tax id; archived ones on request. A click opens
the client's card (``/clients/{id}``); technicians and admins create a new organisation here.

Test markers: ``clients-table``, ``clients-search``, ``clients-archived``, ``clients-new``.
"""

from __future__ import annotations

from typing import Any

from nicegui import events, ui

from appliance.domain.permissions import Permission
from appliance.services import clients
from appliance.ui.clients.form import CardForm, Field
from appliance.ui.common.frame import frame
from appliance.ui.common.guard import require_user
from appliance.ui.common.session import Session
from appliance.ui.common.tables import column, friendly_empty, paging_words


def new_org_fields(session: Session) -> list[Field]:
    t = session.t
    return [
        Field("name", t("cards.org.name"), required=True, wide=True),
        Field("short_name", t("cards.org.short_name")),
        Field("tax_id", t("cards.org.tax_id")),
        Field("contact_name", t("cards.org.contact_name")),
        Field("phone", t("cards.org.phone"), hint="+7 495 123-45-67"),
        Field("email", t("cards.org.email")),
        Field("address", t("cards.org.address")),
        Field("contract", t("cards.org.contract"), wide=True),
        Field("notes", t("cards.org.notes"), kind="textarea"),
    ]


def register() -> None:
    @ui.page("/clients")
    @require_user(Permission.VIEW_CLIENTS)
    async def clients_page(session: Session, q: str = "", archived: str = "") -> None:
        s = session
        state: dict[str, Any] = {"q": q.strip(), "archived": archived == "1"}
        with frame(s, active="clients", title=s.t("shell.clients.title")) as page:
            forms: list[CardForm] = []  # made on first use: the list page itself stays light
            with ui.row().classes("w-full items-center gap-3"):
                search = (
                    ui.input(placeholder=s.t("cards.list.search"), value=state["q"])
                    .props("dense outlined clearable debounce=300")
                    .classes("w-80")
                    .mark("clients-search")
                )
                switch = (
                    ui.switch(s.t("cards.list.archived"), value=state["archived"])
                    .props("dense")
                    .mark("clients-archived")
                )
                count = ui.label().classes("text-body2 text-grey-8")
                ui.space()
                if s.may(Permission.MANAGE_CLIENTS):
                    ui.button(s.t("cards.list.new"), icon="add", on_click=lambda: new_org()).props(
                        "unelevated no-caps"
                    ).mark("clients-new")
            columns = [
                column("name", s.t("shell.clients.col.name"), sortable=True),
                column("short_name", s.t("shell.clients.col.short_name")),
                column("sla_plan", s.t("cards.list.sla_plan")),
                column("people", s.t("shell.clients.col.people"), align="right", sortable=True),
                column(
                    "equipment", s.t("shell.clients.col.equipment"), align="right", sortable=True
                ),
                column(
                    "open_tickets",
                    s.t("shell.clients.col.open_tickets"),
                    align="right",
                    sortable=True,
                ),
                column("state", ""),
            ]
            table = (
                ui.table(columns=columns, rows=[], row_key="id", pagination=50)
                .props("dense flat bordered wrap-cells")
                .classes("w-full cursor-pointer")
                .mark("clients-table")
            )
            paging_words(table, s.lang)
            friendly_empty(table, s.t("shell.clients.none"), icon="business")

            async def reload() -> None:
                orgs = await clients.organization_summaries(
                    s.store, s.actor, include_archived=state["archived"], search=state["q"]
                )
                count.text = s.t("shell.clients.count", count=len(orgs))
                table.rows = [
                    {
                        "id": org.id,
                        "name": org.name,
                        "short_name": org.short_name or "—",
                        "sla_plan": org.sla_plan or s.t("cards.org.default_plan"),
                        "people": org.people,
                        "equipment": org.equipment,
                        "open_tickets": org.open_tickets,
                        "state": "" if org.active else s.t("cards.archived"),
                    }
                    for org in orgs
                ]
                table.update()

            async def searched(event: events.ValueChangeEventArguments) -> None:
                state["q"] = (event.value or "").strip()
                await reload()

            async def toggled(event: events.ValueChangeEventArguments) -> None:
                state["archived"] = bool(event.value)
                await reload()

            def opened(event: events.GenericEventArguments) -> None:
                row = event.args[1] if isinstance(event.args, list) else event.args
                ui.navigate.to(f"/clients/{int(row['id'])}")

            def new_org() -> None:
                async def save(values: dict[str, Any]) -> None:
                    org_id = await clients.create_organization(s.store, s.actor, **values)
                    ui.navigate.to(f"/clients/{org_id}")

                if not forms:
                    with page:
                        forms.append(CardForm(s))
                forms[0].open(title=s.t("cards.list.new"), fields=new_org_fields(s), save=save)

            search.on_value_change(searched)
            switch.on_value_change(toggled)
            table.on("rowClick", opened)
            await reload()
