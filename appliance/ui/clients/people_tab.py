"""The card's People tab: the client's employees, their OS logins (what a LiveViewer request is
matched by), workstation and key-person flag. A click on a row opens the person's form.

Test markers: ``people-table``, ``people-add``, ``people-archived``.
"""

from __future__ import annotations

import re
from typing import Any

from nicegui import events, ui

from appliance.services import clients
from appliance.services.clients import COMPUTER_KINDS, Person
from appliance.ui.clients.card import Card, add_button, archived_toggle, toolbar
from appliance.ui.clients.form import Field
from appliance.ui.clients.import_button import add_import_button
from appliance.ui.common.tables import column, friendly_empty

_LOGIN_SPLIT = re.compile(r"[\n,;]+")


def logins_of(text: str) -> list[str]:
    """OS logins typed one a line (or separated by commas): a Windows login may hold spaces."""
    return [item.strip() for item in _LOGIN_SPLIT.split(text) if item.strip()]


async def person_fields(card: Card) -> list[Field]:
    s, t = card.session, card.t
    computers = await clients.list_equipment(
        s.store, s.actor, org_id=card.org_id, kinds=COMPUTER_KINDS
    )
    return [
        Field("full_name", t("cards.person.full_name"), required=True),
        Field("position", t("cards.person.position")),
        Field("phone", t("cards.person.phone"), hint="+7 495 123-45-67"),
        Field("email", t("cards.person.email")),
        Field(
            "logins",
            t("cards.person.logins"),
            kind="textarea",
            hint=t("cards.person.logins_hint"),
        ),
        Field(
            "workstation_id",
            t("cards.person.workstation"),
            kind="select",
            options={e.id: f"{e.name} ({e.hostname})" if e.hostname else e.name for e in computers},
        ),
        Field("key_person", t("cards.person.key_person"), kind="check"),
        Field("notes", t("cards.person.notes"), kind="textarea"),
    ]


def _row(card: Card, person: Person) -> dict[str, Any]:
    return {
        "id": person.id,
        "name": ("★ " if person.key_person else "") + person.full_name,
        "position": person.position,
        "phone": person.phone,
        "email": person.email,
        "logins": ", ".join(person.logins),
        "workstation": person.workstation_name or "",
        "state": "" if person.active else card.t("cards.archived"),
    }


async def draw(card: Card) -> None:
    s, t = card.session, card.t
    shown = {"archived": False}
    people: dict[int, Person] = {}

    async def redraw() -> None:
        found = await clients.list_persons(
            s.store, s.actor, org_id=card.org_id, include_archived=shown["archived"]
        )
        people.clear()
        people.update({p.id: p for p in found})
        table.rows = [_row(card, p) for p in found]
        table.update()

    async def archived(value: bool) -> None:
        shown["archived"] = value
        await redraw()

    async def create() -> None:
        async def save(values: dict[str, Any]) -> None:
            values["logins"] = logins_of(values["logins"])
            await clients.create_person(s.store, s.actor, org_id=card.org_id, **values)
            await card.redraw("people", "equipment")

        card.form.open(title=t("cards.person.new"), fields=await person_fields(card), save=save)

    async def edit(event: events.GenericEventArguments) -> None:
        row = event.args[1] if isinstance(event.args, list) else event.args
        person = people.get(int(row["id"]))
        if person is None:
            return
        await open_person(card, person)

    with toolbar(card, "people-toolbar"):
        add_button(card, "cards.person.add", create, "people-add")
        if card.may_edit:
            add_import_button(s, card.org_id, "people", lambda: card.redraw("people"))
        ui.space()
        archived_toggle(card, archived, "people-archived")
    columns = [
        column("name", t("cards.person.full_name"), sortable=True),
        column("position", t("cards.person.position")),
        column("phone", t("cards.person.phone"), nowrap=True),
        column("email", t("cards.person.email")),
        column("logins", t("cards.person.logins")),
        column("workstation", t("cards.person.workstation")),
        column("state", ""),
    ]
    table = (
        ui.table(columns=columns, rows=[], row_key="id", pagination=50)
        .props("dense flat bordered wrap-cells")
        .classes("w-full cursor-pointer")
        .mark("people-table")
    )
    friendly_empty(table, t("cards.person.none"), icon="people")
    table.on("rowClick", edit)
    card.redraws["people"] = redraw
    await redraw()


async def open_person(card: Card, person: Person) -> None:
    s = card.session
    initial = {
        "full_name": person.full_name,
        "position": person.position,
        "phone": person.phone,
        "email": person.email,
        "logins": person.logins,
        "workstation_id": person.workstation_id,
        "key_person": person.key_person,
        "notes": person.notes,
    }

    async def save(changes: dict[str, Any]) -> None:
        if "logins" in changes:
            changes["logins"] = logins_of(changes["logins"])
        await clients.update_person(s.store, s.actor, person_id=person.id, changes=changes)
        await card.redraw("people", "equipment")

    async def archive() -> None:
        await clients.archive_person(
            s.store, s.actor, person_id=person.id, active=not person.active
        )
        await card.redraw("people")

    async def delete() -> None:
        await clients.delete_person(s.store, s.actor, person_id=person.id)
        await card.redraw("people", "equipment")

    card.form.open(
        title=person.full_name,
        fields=await person_fields(card),
        initial=initial,
        save=save if card.may_edit else None,
        archive=archive if card.may_edit else None,
        archived=not person.active,
        delete=delete if card.may_delete else None,
    )
