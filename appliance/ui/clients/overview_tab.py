"""The card's Overview tab: contacts, address, contract, SLA plan and notes; the open tickets;
this month's tickets and time spent. Editing the organisation (and archiving, deleting it) starts
here.

Test markers: ``overview-facts``, ``overview-stats``, ``stat-open``, ``stat-month``,
``stat-minutes``, ``overview-open-tickets``, ``card-edit-org``.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from nicegui import ui

from appliance.domain.permissions import Permission
from appliance.services import clients
from appliance.services.sla import set_org_plan
from appliance.ui.clients.card import Card
from appliance.ui.clients.form import Field
from appliance.ui.clients.tickets_tab import ticket_table
from appliance.ui.common.format import minutes_spent, zone

ORG_FIELDS = (
    "name",
    "short_name",
    "tax_id",
    "contact_name",
    "phone",
    "email",
    "address",
    "contract",
    "notes",
)
OPEN_SHOWN = 10


def org_fields(card: Card, plans: dict[int, str]) -> list[Field]:
    t = card.t
    fields = [
        Field("name", t("cards.org.name"), required=True, wide=True),
        Field("short_name", t("cards.org.short_name")),
        Field("tax_id", t("cards.org.tax_id")),
        Field("contact_name", t("cards.org.contact_name")),
        Field("phone", t("cards.org.phone"), hint="+7 495 123-45-67"),
        Field("email", t("cards.org.email")),
        Field("address", t("cards.org.address"), wide=True),
        Field("contract", t("cards.org.contract"), wide=True),
        Field("notes", t("cards.org.notes"), kind="textarea"),
    ]
    if card.session.may(Permission.MANAGE_SETTINGS):
        fields.append(Field("sla_plan_id", t("cards.org.sla_plan"), kind="select", options=plans))
    return fields


def _month_start(card: Card) -> datetime:
    now = datetime.now(zone(card.session.ctx.settings.time_zone))
    return now.replace(day=1, hour=0, minute=0, second=0, microsecond=0)


async def draw(card: Card) -> None:
    box = ui.column().classes("w-full gap-3")

    async def redraw() -> None:
        s = card.session
        org = await clients.get_organization(s.store, s.actor, org_id=card.org_id)
        if org is None:
            return
        card.org = org
        plans = await clients.plan_names(s.store, s.actor)
        stats = await clients.month_stats(
            s.store, s.actor, org_id=card.org_id, month_start=_month_start(card)
        )
        open_tickets = await clients.org_tickets(
            s.store, s.actor, org_id=card.org_id, open_only=True, limit=OPEN_SHOWN
        )
        box.clear()
        with box:
            _facts(card, plans)
            _stats(card, stats)
            with ui.card().props("flat bordered").classes("w-full gap-2 px-4 py-3"):
                ui.label(card.t("cards.overview.open_tickets")).classes(
                    "text-subtitle2 text-grey-8"
                )
                ticket_table(card, open_tickets, marker="overview-open-tickets")

    card.redraws["overview"] = redraw
    await redraw()


def _facts(card: Card, plans: dict[int, str]) -> None:
    org, t = card.org, card.t
    with ui.card().props("flat bordered").classes("w-full gap-2 px-4 py-3"):
        with ui.row().classes("w-full items-center"):
            ui.label(t("cards.overview.details")).classes("text-subtitle2 text-grey-8")
            ui.space()
            if card.may_edit:
                ui.button(
                    t("cards.org.edit"), icon="edit", on_click=lambda: _edit(card, plans)
                ).props("flat dense no-caps").mark("card-edit-org")
        plan = plans.get(org.sla_plan_id) if org.sla_plan_id is not None else None
        rows = [
            ("cards.org.contact_name", org.contact_name),
            ("cards.org.phone", org.phone),
            ("cards.org.email", org.email),
            ("cards.org.address", org.address),
            ("cards.org.tax_id", org.tax_id),
            ("cards.org.contract", org.contract),
            ("cards.org.sla_plan", plan or t("cards.org.default_plan")),
            ("cards.org.notes", org.notes),
        ]
        with (
            ui.grid(columns="10rem 1fr")
            .classes("w-full gap-x-4 gap-y-1 text-body2")
            .mark("overview-facts")
        ):
            for key, value in rows:
                ui.label(t(key)).classes("text-grey-7")
                ui.label(value or "—").classes("whitespace-pre-wrap break-words")


def _stats(card: Card, stats: clients.MonthStats) -> None:
    t, lang = card.t, card.session.lang
    with ui.row().classes("w-full gap-3").mark("overview-stats"):
        for key, value, marker in (
            ("cards.overview.open", str(stats.open_tickets), "stat-open"),
            ("cards.overview.month_tickets", str(stats.tickets_this_month), "stat-month"),
            (
                "cards.overview.month_time",
                minutes_spent(stats.minutes_this_month, lang),
                "stat-minutes",
            ),
        ):
            with ui.card().props("flat bordered").classes("px-4 py-2 gap-0 min-w-[12rem]"):
                ui.label(value).classes("text-h5 text-grey-9").mark(marker)
                ui.label(t(key)).classes("text-caption text-grey-7")


def _edit(card: Card, plans: dict[int, str]) -> None:
    s, org = card.session, card.org
    initial: dict[str, Any] = {name: getattr(org, name) for name in ORG_FIELDS}
    initial["sla_plan_id"] = org.sla_plan_id

    async def save(changes: dict[str, Any]) -> None:
        plan_changed = "sla_plan_id" in changes
        plan = changes.pop("sla_plan_id", None)
        if changes:
            await clients.update_organization(s.store, s.actor, org_id=org.id, changes=changes)
        if plan_changed:
            await set_org_plan(s.store, s.actor, org_id=org.id, plan_id=plan)
        ui.navigate.to(f"/clients/{org.id}")

    async def archive() -> None:
        await clients.archive_organization(s.store, s.actor, org_id=org.id, active=not org.active)
        ui.navigate.to(f"/clients/{org.id}")

    async def delete() -> None:
        await clients.delete_organization(s.store, s.actor, org_id=org.id)
        ui.navigate.to("/clients")

    card.form.open(
        title=org.name,
        fields=org_fields(card, plans),
        initial=initial,
        save=save,
        archive=archive,
        archived=not org.active,
        delete=delete if card.may_delete else None,
    )
