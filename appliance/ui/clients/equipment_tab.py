"""The card's Equipment tab: every piece of the client's equipment, searchable, 50 rows a page
(a client may have thousands). A click on a row opens its form.

Test markers: ``equipment-table``, ``equipment-add``, ``equipment-archived``,
``equipment-search``.
"""

from __future__ import annotations

from typing import Any

from nicegui import events, ui

from appliance.services import clients
from appliance.services.clients import KINDS, Equipment
from appliance.ui.clients.card import Card, add_button, archived_toggle, toolbar
from appliance.ui.clients.form import Field
from appliance.ui.clients.import_button import add_import_button
from appliance.ui.common.format import day
from appliance.ui.common.tables import column, friendly_empty, paging_words

EQUIPMENT_FIELDS = (
    "kind",
    "name",
    "hostname",
    "model",
    "serial",
    "ip",
    "mac",
    "location",
    "os",
    "person_id",
    "purchase_date",
    "warranty_until",
    "notes",
)


def kind_label(card: Card, kind: str) -> str:
    return card.t(f"ticket_screen.kind.{kind}")


async def equipment_fields(card: Card, *, kind: str | None = None) -> list[Field]:
    s, t = card.session, card.t
    people = await clients.list_persons(s.store, s.actor, org_id=card.org_id)
    kinds = {k: kind_label(card, k) for k in KINDS}
    return [
        Field("kind", t("cards.eq.kind"), kind="select", options=kinds, required=True),
        Field("name", t("cards.eq.name"), required=True),
        Field("hostname", t("cards.eq.hostname"), hint="PC-ACC-01"),
        Field("model", t("cards.eq.model")),
        Field("serial", t("cards.eq.serial")),
        Field("ip", t("cards.eq.ip"), hint="192.168.1.10"),
        Field("mac", t("cards.eq.mac"), hint="00:1a:2b:3c:4d:5e"),
        Field("location", t("cards.eq.location")),
        Field("os", t("cards.eq.os")),
        Field(
            "person_id",
            t("cards.eq.person"),
            kind="select",
            options={p.id: p.full_name for p in people},
        ),
        Field("purchase_date", t("cards.eq.purchase_date"), kind="date"),
        Field("warranty_until", t("cards.eq.warranty_until"), kind="date"),
        Field("notes", t("cards.eq.notes"), kind="textarea"),
    ]


def equipment_row(card: Card, item: Equipment) -> dict[str, Any]:
    return {
        "id": item.id,
        "kind": kind_label(card, item.kind),
        "name": item.name,
        "hostname": item.hostname,
        "ip": item.ip,
        "mac": item.mac,
        "model": item.model,
        "serial": item.serial,
        "person": item.person_name or "",
        "location": item.location,
        "warranty": day(item.warranty_until),
        "state": "" if item.active else card.t("cards.archived"),
    }


def equipment_columns(card: Card) -> list[dict[str, Any]]:
    t = card.t
    return [
        column("kind", t("cards.eq.kind"), sortable=True),
        column("name", t("cards.eq.name"), sortable=True),
        column("hostname", t("cards.eq.hostname"), sortable=True),
        column("ip", t("cards.eq.ip"), nowrap=True),
        column("mac", t("cards.eq.mac"), nowrap=True),
        column("model", t("cards.eq.model")),
        column("serial", t("cards.eq.serial")),
        column("person", t("cards.eq.person")),
        column("location", t("cards.eq.location")),
        column("warranty", t("cards.eq.warranty_until"), nowrap=True),
        column("state", ""),
    ]


PAGE_ROWS = 50


class EquipmentTable:
    """The equipment table, paged on the server: the browser gets one page of rows at a time
    (a client with 2,000 pieces must not send them all, nor build 2,000 rows for a glance).
    Sorting and the search box work on the whole list, here."""

    def __init__(self, card: Card, marker: str, *, paged: bool = True) -> None:
        self.card = card
        self.items: list[Equipment] = []
        self.by_id: dict[int, Equipment] = {}
        self.query = ""
        self.pagination: dict[str, Any] = {
            "page": 1,
            "rowsPerPage": PAGE_ROWS if paged else 0,
            "rowsNumber": 0,
            "sortBy": None,
            "descending": False,
        }
        self.table = (
            ui.table(
                columns=equipment_columns(card),
                rows=[],
                row_key="id",
                pagination=dict(self.pagination),
            )
            .props("dense flat bordered" + ("" if paged else " hide-bottom"))
            .classes("w-full cursor-pointer")
            .mark(marker)
        )
        if paged:
            paging_words(self.table, card.session.lang)
            self.table.on("request", self._requested)

    def show(self, items: list[Equipment]) -> None:
        self.items = items
        self.by_id = {item.id: item for item in items}
        self._draw()

    def search(self, text: str) -> None:
        self.query = text.strip().casefold()
        self.pagination["page"] = 1
        self._draw()

    def _matching(self) -> list[dict[str, Any]]:
        rows = [equipment_row(self.card, item) for item in self.items]
        if self.query:
            rows = [
                row
                for row in rows
                if any(self.query in str(value).casefold() for value in row.values())
            ]
        key = self.pagination.get("sortBy")
        if key:
            rows.sort(
                key=lambda row: str(row.get(key, "")).casefold(),
                reverse=bool(self.pagination.get("descending")),
            )
        return rows

    def _draw(self) -> None:
        rows = self._matching()
        size = int(self.pagination["rowsPerPage"] or 0)
        self.pagination["rowsNumber"] = len(rows)
        if size:
            pages = max(1, -(-len(rows) // size))
            page = min(max(1, int(self.pagination["page"])), pages)
            self.pagination["page"] = page
            rows = rows[(page - 1) * size : page * size]
        self.table.rows = rows
        self.table.pagination = dict(self.pagination)
        self.table.update()

    def _requested(self, event: events.GenericEventArguments) -> None:
        asked = event.args.get("pagination", {}) if isinstance(event.args, dict) else {}
        for key in ("page", "rowsPerPage", "sortBy", "descending"):
            if key in asked:
                self.pagination[key] = asked[key]
        self._draw()


async def draw(card: Card) -> None:
    s, t = card.session, card.t
    shown = {"archived": False}

    async def redraw() -> None:
        view.show(
            await clients.list_equipment(
                s.store, s.actor, org_id=card.org_id, include_archived=shown["archived"]
            )
        )

    async def archived(value: bool) -> None:
        shown["archived"] = value
        await redraw()

    async def create() -> None:
        async def save(values: dict[str, Any]) -> None:
            await clients.create_equipment(s.store, s.actor, org_id=card.org_id, **values)
            await card.redraw("equipment", "network", "people")

        card.form.open(title=t("cards.eq.new"), fields=await equipment_fields(card), save=save)
        card.form.inputs["kind"].value = "workstation"

    async def edit(event: events.GenericEventArguments) -> None:
        row = event.args[1] if isinstance(event.args, list) else event.args
        item = view.by_id.get(int(row["id"]))
        if item is not None:
            await open_equipment(card, item)

    with toolbar(card, "equipment-toolbar"):
        add_button(card, "cards.eq.add", create, "equipment-add")
        if card.may_edit:
            add_import_button(s, card.org_id, "equipment", lambda: card.redraw("equipment"))
        search = (
            ui.input(placeholder=t("cards.search"))
            .props("dense outlined clearable debounce=300")
            .classes("w-64")
            .mark("equipment-search")
        )
        ui.space()
        archived_toggle(card, archived, "equipment-archived")
    view = EquipmentTable(card, "equipment-table")
    friendly_empty(view.table, t("cards.eq.none"), icon="computer")
    search.on_value_change(lambda event: view.search(event.value or ""))
    view.table.on("rowClick", edit)
    card.redraws["equipment"] = redraw
    await redraw()


async def open_equipment(card: Card, item: Equipment) -> None:
    s = card.session
    initial = {name: getattr(item, name) for name in EQUIPMENT_FIELDS}

    async def save(changes: dict[str, Any]) -> None:
        await clients.update_equipment(s.store, s.actor, equipment_id=item.id, changes=changes)
        await card.redraw("equipment", "network", "people")

    async def archive() -> None:
        await clients.archive_equipment(
            s.store, s.actor, equipment_id=item.id, active=not item.active
        )
        await card.redraw("equipment", "network")

    async def delete() -> None:
        await clients.delete_equipment(s.store, s.actor, equipment_id=item.id)
        await card.redraw("equipment", "network", "people")

    card.form.open(
        title=item.name,
        fields=await equipment_fields(card),
        initial=initial,
        save=save if card.may_edit else None,
        archive=archive if card.may_edit else None,
        archived=not item.active,
        delete=delete if card.may_delete else None,
    )
