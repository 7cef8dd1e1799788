"""The card's Credentials tab: logins and passwords of the client's systems. The secret is
masked; reveal and copy are audited (``secret_field``). A secret unchanged for longer than the
configured age (Settings; 180 days while unset) is flagged.

Test markers: ``credentials-list``, ``credentials-add``, ``credentials-archived``,
``credential-<id>``, ``credential-old-<id>``, ``credential-edit-<id>``.
"""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from nicegui import events, ui

from appliance.domain.clock import utc_now
from appliance.domain.permissions import Permission
from appliance.services import clients
from appliance.services.clients import Credential
from appliance.ui.clients.card import Card, add_button, archived_toggle, toolbar
from appliance.ui.clients.form import Field
from appliance.ui.clients.import_button import add_import_button
from appliance.ui.clients.secret_field import secret_controls
from appliance.ui.common.errors import shown_errors
from appliance.ui.common.format import day


async def credential_fields(card: Card, *, editing: bool) -> list[Field]:
    s, t = card.session, card.t
    machines = await clients.list_equipment(s.store, s.actor, org_id=card.org_id)
    return [
        Field("title", t("cards.cred.title"), required=True),
        Field("url", t("cards.cred.url")),
        Field("login", t("cards.cred.login")),
        Field(
            "secret",
            t("cards.cred.secret"),
            kind="secret",
            hint=t("cards.cred.secret_keep") if editing else "",
        ),
        Field(
            "equipment_id",
            t("cards.cred.equipment"),
            kind="select",
            options={e.id: e.name for e in machines},
            wide=True,
        ),
        Field("notes", t("cards.cred.notes"), kind="textarea"),
    ]


async def draw(card: Card) -> None:
    s, t = card.session, card.t
    shown = {"archived": False}
    box = ui.column().classes("w-full gap-0").mark("credentials-list")

    async def redraw() -> None:
        found = await clients.list_credentials(
            s.store, s.actor, org_id=card.org_id, include_archived=shown["archived"]
        )
        max_days = await clients.credential_max_age_days(s.store, s.actor)
        box.clear()
        with box:
            if not found:
                ui.label(t("cards.cred.none")).classes("text-body2 text-grey-7 q-pa-md")
            for cred in found:
                _credential(card, cred, max_days)

    async def archived(value: bool) -> None:
        shown["archived"] = value
        await redraw()

    async def create() -> None:
        async def save(values: dict[str, Any]) -> None:
            await clients.create_credential(s.store, s.actor, org_id=card.org_id, **values)
            await redraw()

        card.form.open(
            title=t("cards.cred.new"),
            fields=await credential_fields(card, editing=False),
            save=save,
        )

    async def set_age(event: events.ValueChangeEventArguments) -> None:
        value = event.value
        if not isinstance(value, int | float) or not float(value).is_integer():
            return
        async with shown_errors(s):
            await clients.set_credential_max_age_days(s.store, s.actor, days=int(value))
            await redraw()

    with toolbar(card, "credentials-toolbar"):
        add_button(card, "cards.cred.add", create, "credentials-add")
        if card.may_edit:
            add_import_button(s, card.org_id, "credentials", redraw)
        ui.space()
        if s.may(Permission.MANAGE_SETTINGS):
            # One setting for every client: after how many days a password counts as old.
            age = await clients.credential_max_age_days(s.store, s.actor)
            ui.number(t("cards.cred.max_age"), value=age, min=1, step=1, format="%d").props(
                "dense outlined debounce=600"
            ).classes("w-48").mark("credentials-max-age").on_value_change(set_age)
        archived_toggle(card, archived, "credentials-archived")
    box.move(target_index=-1)
    card.redraws["credentials"] = redraw
    await redraw()


def _credential(card: Card, cred: Credential, max_days: int) -> None:
    t = card.t
    changed = cred.secret_changed_at
    old = changed is not None and utc_now() - changed > timedelta(days=max_days)
    with (
        ui.row()
        .classes("w-full items-center gap-x-4 gap-y-0 px-3 py-2 border-b hover:bg-grey-1")
        .mark(f"credential-{cred.id}")
    ):
        with ui.column().classes("gap-0 min-w-[14rem] grow basis-0"):
            with ui.row().classes("items-center gap-2"):
                ui.label(cred.title).classes("text-body2 text-weight-medium")
                if not cred.active:
                    ui.badge(t("cards.archived"), color="grey-7").props("outline")
            detail = " · ".join(v for v in (cred.url, cred.equipment_name or "") if v)
            if detail:
                ui.label(detail).classes("text-caption text-grey-7 break-all")
            if cred.notes:
                ui.label(cred.notes).classes("text-caption text-grey-7 whitespace-pre-wrap")
        with ui.row().classes("items-center gap-1 no-wrap min-w-[10rem]"):
            ui.icon("person", size="xs", color="grey-7")
            ui.label(cred.login or "—").classes("font-mono text-body2 select-all")
        with ui.row().classes("items-center gap-1 no-wrap min-w-[12rem]"):
            ui.icon("password", size="xs", color="grey-7")
            secret_controls(
                card,
                kind="credential",
                object_id=cred.id,
                present=cred.has_secret,
                title=cred.title,
            )
        with ui.column().classes("gap-0 items-end min-w-[9rem]"):
            ui.label(t("cards.cred.changed", day=day(changed.date()) if changed else "—")).classes(
                "text-caption text-grey-7"
            )
            if old:
                ui.badge(t("cards.cred.old", days=max_days), color="orange-9").props(
                    "outline"
                ).mark(f"credential-old-{cred.id}")
        if card.may_edit:
            ui.button(icon="edit", on_click=lambda: _edit(card, cred)).props(
                "flat dense round size=sm"
            ).tooltip(t("cards.form.edit")).mark(f"credential-edit-{cred.id}")


async def _edit(card: Card, cred: Credential) -> None:
    s = card.session
    initial = {
        "title": cred.title,
        "url": cred.url,
        "login": cred.login,
        "secret": "",  # never loaded into the page: typed anew to change it
        "equipment_id": cred.equipment_id,
        "notes": cred.notes,
    }

    async def save(changes: dict[str, Any]) -> None:
        await clients.update_credential(s.store, s.actor, credential_id=cred.id, changes=changes)
        await card.redraw("credentials")

    async def archive() -> None:
        await clients.archive_credential(
            s.store, s.actor, credential_id=cred.id, active=not cred.active
        )
        await card.redraw("credentials")

    async def delete() -> None:
        await clients.delete_credential(s.store, s.actor, credential_id=cred.id)
        await card.redraw("credentials")

    card.form.open(
        title=cred.title,
        fields=await credential_fields(card, editing=True),
        initial=initial,
        save=save,
        archive=archive,
        archived=not cred.active,
        delete=delete if card.may_delete else None,
    )
