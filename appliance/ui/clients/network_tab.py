"""The card's Network tab: the organisation's subnets, gateway, DNS servers, ISP and external IP,
and its network equipment (routers, switches, firewalls, access points).

Test markers: ``network-facts``, ``network-edit``, ``network-table``, ``network-add``.
"""

from __future__ import annotations

from typing import Any

from nicegui import events, ui

from appliance.services import clients
from appliance.services.clients import NETWORK_FIELDS, NETWORK_KINDS, Equipment
from appliance.ui.clients.card import Card, add_button, toolbar
from appliance.ui.clients.equipment_tab import EquipmentTable, equipment_fields, open_equipment
from appliance.ui.clients.form import Field
from appliance.ui.common.tables import friendly_empty


def network_fields(card: Card) -> list[Field]:
    t = card.t
    return [
        Field("subnets", t("cards.net.subnets"), kind="textarea", hint="192.168.1.0/24"),
        Field("gateway", t("cards.net.gateway"), hint="192.168.1.1"),
        Field("external_ip", t("cards.net.external_ip")),
        Field("dns_servers", t("cards.net.dns_servers"), kind="textarea", hint="192.168.1.1"),
        Field("isp", t("cards.net.isp"), wide=True),
    ]


async def draw(card: Card) -> None:
    s, t = card.session, card.t
    facts_box = ui.column().classes("w-full")
    items: dict[int, Equipment] = {}

    def draw_facts() -> None:
        org = card.org
        facts_box.clear()
        with facts_box, ui.card().props("flat bordered").classes("w-full gap-2 px-4 py-3"):
            with ui.row().classes("w-full items-center"):
                ui.label(t("cards.net.facts")).classes("text-subtitle2 text-grey-8")
                ui.space()
                if card.may_edit:
                    ui.button(t("cards.net.edit"), icon="edit", on_click=edit_facts).props(
                        "flat dense no-caps"
                    ).mark("network-edit")
            with (
                ui.grid(columns="10rem 1fr")
                .classes("w-full gap-x-4 gap-y-1 text-body2")
                .mark("network-facts")
            ):
                for name in NETWORK_FIELDS:
                    ui.label(t(f"cards.net.{name}")).classes("text-grey-7")
                    value = getattr(org, name)
                    ui.label(value.replace("\n", ", ") if value else "—").classes(
                        "font-mono" if value and name != "isp" else ""
                    )

    def edit_facts() -> None:
        org = card.org

        async def save(changes: dict[str, Any]) -> None:
            await clients.update_organization(s.store, s.actor, org_id=org.id, changes=changes)
            found = await clients.get_organization(s.store, s.actor, org_id=org.id)
            if found is not None:
                card.org = found
            draw_facts()

        card.form.open(
            title=t("cards.net.facts"),
            fields=network_fields(card),
            initial={name: getattr(org, name) for name in NETWORK_FIELDS},
            save=save,
        )

    async def redraw() -> None:
        draw_facts()
        found = await clients.list_equipment(
            s.store, s.actor, org_id=card.org_id, kinds=NETWORK_KINDS
        )
        items.clear()
        items.update({e.id: e for e in found})
        view.show(found)

    async def create() -> None:
        async def save(values: dict[str, Any]) -> None:
            await clients.create_equipment(s.store, s.actor, org_id=card.org_id, **values)
            await card.redraw("equipment", "network")

        card.form.open(title=t("cards.eq.new"), fields=await equipment_fields(card), save=save)
        card.form.inputs["kind"].value = "router"

    async def edit(event: events.GenericEventArguments) -> None:
        row = event.args[1] if isinstance(event.args, list) else event.args
        item = items.get(int(row["id"]))
        if item is not None:
            await open_equipment(card, item)

    with toolbar(card, "network-toolbar"):
        ui.label(t("cards.net.equipment")).classes("text-subtitle2 text-grey-8")
        ui.space()
        add_button(card, "cards.net.add", create, "network-add")
    view = EquipmentTable(card, "network-table", paged=False)
    table = view.table
    friendly_empty(table, t("cards.net.none"), icon="lan")
    table.on("rowClick", edit)
    card.redraws["network"] = redraw
    await redraw()
