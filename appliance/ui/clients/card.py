"""What every tab of a client card shares: the page's session, the organisation, the one form
dialog, and a way to redraw itself after a change."""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import date, datetime

from nicegui import ui

from appliance.domain.permissions import Permission
from appliance.services.clients import Organization
from appliance.ui.clients.form import CardForm
from appliance.ui.common.format import zone
from appliance.ui.common.session import Session

KIND_ICONS = {
    "workstation": "desktop_windows",
    "laptop": "laptop",
    "server": "dns",
    "router": "router",
    "switch": "lan",
    "firewall": "security",
    "access_point": "wifi",
    "printer": "print",
    "mfp": "print",
    "nas": "storage",
    "ups": "battery_charging_full",
    "phone": "phone",
    "other": "devices_other",
}


@dataclass
class Card:
    session: Session
    org: Organization
    form: CardForm
    # Redraws of the tabs, by tab name: a change in one tab may show in another (a new person
    # appears in the equipment form's choices; a credential's equipment name).
    redraws: dict[str, Callable[[], Awaitable[None]]] = field(default_factory=dict)

    @property
    def org_id(self) -> int:
        return self.org.id

    @property
    def may_edit(self) -> bool:
        return self.session.may(Permission.MANAGE_CLIENTS)

    @property
    def may_delete(self) -> bool:
        return self.session.may(Permission.DELETE_CLIENTS)

    @property
    def may_reveal(self) -> bool:
        return self.session.may(Permission.REVEAL_CREDENTIALS)

    def t(self, key: str, **values: object) -> str:
        return self.session.t(key, **values)

    def today(self) -> date:
        return datetime.now(zone(self.session.ctx.settings.time_zone)).date()

    async def redraw(self, *tabs: str) -> None:
        """Redraw the named tabs (all of them when none is named)."""
        for name, draw in list(self.redraws.items()):
            if not tabs or name in tabs:
                await draw()


@contextmanager
def toolbar(card: Card, marker: str) -> Iterator[ui.row]:
    with ui.row().classes("w-full items-center gap-2").mark(marker) as row:
        yield row


def add_button(card: Card, label_key: str, on_click: Callable[[], object], marker: str) -> None:
    if card.may_edit:
        ui.button(card.t(label_key), icon="add", on_click=on_click).props(
            "unelevated no-caps dense"
        ).classes("px-3").mark(marker)


def archived_toggle(card: Card, on_change: Callable[[bool], Awaitable[None]], marker: str) -> None:
    async def changed(event: object) -> None:
        await on_change(bool(getattr(event, "value", False)))

    ui.switch(card.t("cards.show_archived"), on_change=changed).props("dense").mark(marker)
