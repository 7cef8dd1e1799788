"""The card's Licenses tab: product, vendor, seats (used of bought), validity, to whom or what
each is assigned, and the key, masked and audited like a credential. Licenses running out within
``EXPIRING_WITHIN_DAYS`` days are highlighted, expired ones more so.

Test markers: ``licenses-list``, ``licenses-add``, ``licenses-archived``, ``card-license-<id>``,
``card-license-state-<id>``, ``card-license-edit-<id>``.
"""

from __future__ import annotations

from typing import Any

from nicegui import ui

from appliance.services import clients
from appliance.services.clients import License
from appliance.ui.clients.card import Card, add_button, archived_toggle, toolbar
from appliance.ui.clients.form import Field
from appliance.ui.clients.import_button import add_import_button
from appliance.ui.clients.secret_field import secret_controls
from appliance.ui.common.format import day

EXPIRING_WITHIN_DAYS = 30
_STYLE = {
    "expired": ("negative", "bg-red-1"),
    "expiring": ("orange-9", "bg-orange-1"),
    "valid": ("positive", ""),
    "perpetual": ("grey-7", ""),
}


def license_state(card: Card, lic: License) -> tuple[str, str]:
    """(state, its sentence) on the card's today."""
    if lic.valid_until is None:
        return "perpetual", card.t("ticket_screen.license.perpetual")
    left = (lic.valid_until - card.today()).days
    until = day(lic.valid_until)
    if left < 0:
        return "expired", card.t("ticket_screen.license.expired", day=until)
    if left <= EXPIRING_WITHIN_DAYS:
        return "expiring", card.t("ticket_screen.license.expiring", day=until, days=left)
    return "valid", card.t("ticket_screen.license.valid", day=until)


async def license_fields(card: Card, *, editing: bool) -> list[Field]:
    s, t = card.session, card.t
    people = await clients.list_persons(s.store, s.actor, org_id=card.org_id)
    machines = await clients.list_equipment(s.store, s.actor, org_id=card.org_id)
    return [
        Field("product", t("cards.lic.product"), required=True),
        Field("vendor", t("cards.lic.vendor")),
        Field(
            "license_key",
            t("cards.lic.key"),
            kind="secret",
            hint=t("cards.cred.secret_keep") if editing else "",
            wide=True,
        ),
        Field("seats", t("cards.lic.seats"), kind="number"),
        Field("seats_used", t("cards.lic.seats_used"), kind="number"),
        Field("valid_from", t("cards.lic.valid_from"), kind="date"),
        Field("valid_until", t("cards.lic.valid_until"), kind="date"),
        Field(
            "person_ids",
            t("cards.lic.people"),
            kind="multiselect",
            options={p.id: p.full_name for p in people},
        ),
        Field(
            "equipment_ids",
            t("cards.lic.equipment"),
            kind="multiselect",
            options={e.id: e.name for e in machines},
        ),
        Field("notes", t("cards.lic.notes"), kind="textarea"),
    ]


async def draw(card: Card) -> None:
    s, t = card.session, card.t
    shown = {"archived": False}
    box = ui.column().classes("w-full gap-1").mark("licenses-list")

    async def redraw() -> None:
        found = await clients.list_licenses(
            s.store, s.actor, org_id=card.org_id, include_archived=shown["archived"]
        )
        box.clear()
        with box:
            if not found:
                ui.label(t("cards.lic.none")).classes("text-body2 text-grey-7 q-pa-md")
            for lic in found:
                _license(card, lic)

    async def archived(value: bool) -> None:
        shown["archived"] = value
        await redraw()

    async def create() -> None:
        async def save(values: dict[str, Any]) -> None:
            await clients.create_license(s.store, s.actor, org_id=card.org_id, **values)
            await redraw()

        card.form.open(
            title=t("cards.lic.new"), fields=await license_fields(card, editing=False), save=save
        )
        card.form.inputs["seats"].value = 1

    with toolbar(card, "licenses-toolbar"):
        add_button(card, "cards.lic.add", create, "licenses-add")
        if card.may_edit:
            add_import_button(s, card.org_id, "licenses", redraw)
        ui.space()
        archived_toggle(card, archived, "licenses-archived")
    box.move(target_index=-1)
    card.redraws["licenses"] = redraw
    await redraw()


def _license(card: Card, lic: License) -> None:
    t = card.t
    state, sentence = license_state(card, lic)
    colour, background = _STYLE[state]
    with (
        ui.row()
        .classes(f"w-full items-center gap-x-4 gap-y-0 px-3 py-2 rounded {background}")
        .mark(f"card-license-{lic.id}")
    ):
        with ui.column().classes("gap-0 min-w-[14rem] grow basis-0"):
            with ui.row().classes("items-center gap-2"):
                ui.label(lic.product).classes("text-body2 text-weight-medium")
                if lic.vendor:
                    ui.label(lic.vendor).classes("text-caption text-grey-7")
                if not lic.active:
                    ui.badge(t("cards.archived"), color="grey-7").props("outline")
            holders = [name for _, name in lic.people] + [name for _, name in lic.machines]
            if holders:
                ui.label(t("cards.lic.assigned", names=", ".join(holders))).classes(
                    "text-caption text-grey-8"
                )
            if lic.notes:
                ui.label(lic.notes).classes("text-caption text-grey-7 whitespace-pre-wrap")
        over = lic.seats_used > lic.seats
        ui.label(t("cards.lic.seats_of", used=lic.seats_used, seats=lic.seats)).classes(
            "text-body2 min-w-[7rem] " + ("text-negative" if over else "text-grey-8")
        )
        with ui.column().classes("gap-0 min-w-[12rem]"):
            ui.badge(sentence, color=colour).props("outline").mark(f"card-license-state-{lic.id}")
            if lic.valid_from is not None:
                ui.label(t("cards.lic.from", day=day(lic.valid_from))).classes(
                    "text-caption text-grey-7"
                )
        with ui.row().classes("items-center gap-1 no-wrap min-w-[12rem]"):
            ui.icon("vpn_key", size="xs", color="grey-7")
            secret_controls(
                card, kind="license", object_id=lic.id, present=lic.has_key, title=lic.product
            )
        if card.may_edit:
            ui.button(icon="edit", on_click=lambda: _edit(card, lic)).props(
                "flat dense round size=sm"
            ).tooltip(t("cards.form.edit")).mark(f"card-license-edit-{lic.id}")


async def _edit(card: Card, lic: License) -> None:
    s = card.session
    initial = {
        "product": lic.product,
        "vendor": lic.vendor,
        "license_key": "",  # never loaded into the page: typed anew to change it
        "seats": lic.seats,
        "seats_used": lic.seats_used,
        "valid_from": lic.valid_from,
        "valid_until": lic.valid_until,
        "person_ids": lic.person_ids,
        "equipment_ids": lic.equipment_ids,
        "notes": lic.notes,
    }

    async def save(changes: dict[str, Any]) -> None:
        await clients.update_license(s.store, s.actor, license_id=lic.id, changes=changes)
        await card.redraw("licenses")

    async def archive() -> None:
        await clients.archive_license(s.store, s.actor, license_id=lic.id, active=not lic.active)
        await card.redraw("licenses")

    async def delete() -> None:
        await clients.delete_license(s.store, s.actor, license_id=lic.id)
        await card.redraw("licenses")

    card.form.open(
        title=lic.product,
        fields=await license_fields(card, editing=True),
        initial=initial,
        save=save,
        archive=archive,
        archived=not lic.active,
        delete=delete if card.may_delete else None,
    )
