"""``/clients/{org_id}``: one client's card, in tabs (``?tab=people`` opens one directly).

Overview (contacts, address, contract, SLA plan, notes; open tickets; this month's tickets and
time), People, Equipment, Network, Credentials, Licenses, Devices, Tickets: one module each in
``appliance.ui.clients``. Technicians and admins edit (forms in dialogs), managers read, admins
also delete.

Test markers: ``card-title``, ``card-archived``, ``card-edit-org``, ``card-tabs``,
``tab-<name>``.
"""

from __future__ import annotations

import inspect
from collections.abc import Callable

from nicegui import events, ui

from appliance.domain.errors import AppError
from appliance.domain.permissions import Permission
from appliance.services.clients import get_organization
from appliance.ui.clients import (
    credentials_tab,
    devices_tab,
    equipment_tab,
    licenses_tab,
    network_tab,
    overview_tab,
    people_tab,
    tickets_tab,
)
from appliance.ui.clients.card import Card
from appliance.ui.clients.form import CardForm
from appliance.ui.common.errors import notify_error
from appliance.ui.common.frame import frame
from appliance.ui.common.guard import require_user
from appliance.ui.common.session import Session

TABS: tuple[tuple[str, str, Callable[[Card], object]], ...] = (
    ("overview", "dashboard", overview_tab.draw),
    ("people", "people", people_tab.draw),
    ("equipment", "computer", equipment_tab.draw),
    ("network", "lan", network_tab.draw),
    ("credentials", "key", credentials_tab.draw),
    ("licenses", "verified", licenses_tab.draw),
    ("devices", "devices", devices_tab.draw),
    ("tickets", "confirmation_number", tickets_tab.draw),
)
TAB_NAMES = tuple(name for name, _, _ in TABS)
DRAW = {name: draw for name, _, draw in TABS}


def register() -> None:
    @ui.page("/clients/{org_id}")
    @require_user(Permission.VIEW_CLIENTS)
    async def card_page(session: Session, org_id: str, tab: str = "overview") -> None:
        found = None
        if org_id.isdigit():
            try:
                found = await get_organization(session.store, session.actor, org_id=int(org_id))
            except AppError as error:
                notify_error(session, error)
        with frame(session, active="clients"):
            if found is None:
                ui.label(session.t("cards.not_found")).classes("text-body1").mark("card-missing")
                ui.link(session.t("cards.back_to_list"), "/clients")
                return
            ui.page_title(f"{found.name} — {session.t('app.name')}")
            card = Card(session=session, org=found, form=CardForm(session))
            _header(card)
            chosen = tab if tab in TAB_NAMES else "overview"
            with (
                ui.tabs(value=chosen)  # type: ignore[arg-type]
                .props("dense align=left no-caps")
                .classes("w-full text-grey-8 border-b")
                .mark("card-tabs") as tabs
            ):
                for name, icon, _ in TABS:
                    ui.tab(name, label=session.t(f"cards.tab.{name}"), icon=icon).mark(
                        f"tab-{name}"
                    )
            # Only the open tab is drawn with the page; each other one the first time it is
            # chosen (a client with thousands of rows must not pay for tabs nobody looks at).
            panels: dict[str, ui.tab_panel] = {}
            drawn: set[str] = set()
            with ui.tab_panels(tabs, value=chosen).classes("w-full bg-transparent"):
                for name, _, _ in TABS:
                    panels[name] = ui.tab_panel(name).classes("p-0 pt-2")

            async def show(name: str) -> None:
                if name in drawn or name not in panels:
                    return
                drawn.add(name)
                with panels[name]:
                    result = DRAW[name](card)
                    if inspect.isawaitable(result):
                        await result

            async def chosen_tab(event: events.ValueChangeEventArguments) -> None:
                await show(str(event.value))

            tabs.on_value_change(chosen_tab)
            await show(chosen)


def _header(card: Card) -> None:
    org, s = card.org, card.session
    with ui.row().classes("w-full items-center gap-3"):
        ui.button(icon="arrow_back", on_click=lambda: ui.navigate.to("/clients")).props(
            "flat round dense"
        ).tooltip(s.t("cards.back_to_list"))
        ui.label(org.name).classes("text-h6 text-grey-9").mark("card-title")
        if org.short_name:
            ui.label(org.short_name).classes("text-body2 text-grey-7")
        if not org.active:
            ui.badge(s.t("cards.archived"), color="grey-7").mark("card-archived")
