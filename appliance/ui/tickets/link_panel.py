"""Beside a client's request that matched nobody on the card: link it, in one click, to an
existing person or computer of the client, or create them from the request's facts (OS login;
host name, MAC, IP, OS). The card learns the login and host name, so the next request from that
PC is recognised by itself (``services.request_links``).

Shown to those who work tickets and keep client cards, for a request sent from an enrolled PC
whose person or computer is not known.

Test markers: ``link-panel``, ``link-person-pick``, ``link-person``, ``link-person-name``,
``link-person-new``, ``link-computer-pick``, ``link-computer``, ``link-computer-new``.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable

from nicegui import ui

from appliance.domain.errors import AppError
from appliance.domain.permissions import Permission
from appliance.services import request_links
from appliance.ui.common.errors import notify_error
from appliance.ui.tickets.body import section_title
from appliance.ui.tickets.screen_state import TicketScreen


class LinkPanel:
    def __init__(self, screen: TicketScreen) -> None:
        self.screen = screen
        self.box = ui.column().classes("w-full gap-0").mark("link-panel-box")
        screen.add_part(
            self._hide_when_linked,
            shows=lambda d: (d.ticket.person_id, d.ticket.equipment_id),
        )

    def _wanted(self) -> bool:
        s, t = self.screen.session, self.screen.data.ticket
        return (
            s.may(Permission.WORK_TICKETS)
            and s.may(Permission.MANAGE_CLIENTS)
            and t.device_id is not None
            and t.org_id is not None
            and (t.person_id is None or t.equipment_id is None)
        )

    def _hide_when_linked(self) -> None:
        if not self._wanted():
            self.box.clear()

    async def fill(self) -> None:
        self.box.clear()
        if not self._wanted():
            return
        s = self.screen.session
        try:
            links = await request_links.request_links(
                s.store, s.actor, ticket_id=self.screen.ticket_id
            )
        except AppError as error:
            notify_error(s, error)
            return
        facts = links.facts
        with (
            self.box,
            ui.card()
            .props("flat bordered")
            .classes("w-full gap-2 px-4 py-3 bg-amber-1")
            .mark("link-panel"),
        ):
            section_title(s.t("ticket_links.title"), "person_search")
            if facts.person_id is None and facts.os_user:
                self._person(links)
            if facts.equipment_id is None and facts.hostname:
                if facts.person_id is None and facts.os_user:
                    ui.separator()
                self._computer(links)

    def _person(self, links: request_links.RequestLinks) -> None:
        s, facts = self.screen.session, links.facts
        ui.label(s.t("ticket_links.person_unknown", login=facts.os_user)).classes("text-body2")
        with ui.row().classes("w-full items-center gap-2 no-wrap"):
            pick = (
                ui.select(
                    dict(links.people), label=s.t("ticket_links.pick_person"), with_input=True
                )
                .props("outlined dense")
                .classes("grow")
                .mark("link-person-pick")
            )
            ui.button(
                s.t("ticket_links.link"),
                on_click=lambda: self._run(
                    lambda: request_links.link_person(
                        s.store, s.actor, ticket_id=self.screen.ticket_id, person_id=int(pick.value)
                    ),
                    ready=pick.value is not None,
                ),
            ).props("unelevated no-caps dense").classes("px-3").mark("link-person")
        # Or a new person from the request: the name is optional (the login stands in for it).
        with ui.row().classes("w-full items-center gap-2"):
            name = (
                ui.input(s.t("ticket_links.person_name"))
                .props("outlined dense")
                .classes("grow min-w-[12rem]")
                .mark("link-person-name")
            )
            ui.button(
                s.t("ticket_links.new_person", login=facts.os_user),
                icon="person_add",
                on_click=lambda: self._run(
                    lambda: request_links.create_person(
                        s.store, s.actor, ticket_id=self.screen.ticket_id, full_name=name.value
                    )
                ),
            ).props("flat no-caps dense").mark("link-person-new")

    def _computer(self, links: request_links.RequestLinks) -> None:
        s, facts = self.screen.session, links.facts
        ui.label(s.t("ticket_links.machine_unknown", hostname=facts.hostname)).classes("text-body2")
        with ui.row().classes("w-full items-center gap-2 no-wrap"):
            pick = (
                ui.select(
                    dict(links.computers), label=s.t("ticket_links.pick_computer"), with_input=True
                )
                .props("outlined dense")
                .classes("grow")
                .mark("link-computer-pick")
            )
            ui.button(
                s.t("ticket_links.link"),
                on_click=lambda: self._run(
                    lambda: request_links.link_equipment(
                        s.store,
                        s.actor,
                        ticket_id=self.screen.ticket_id,
                        equipment_id=int(pick.value),
                    ),
                    ready=pick.value is not None,
                ),
            ).props("unelevated no-caps dense").classes("px-3").mark("link-computer")
        ui.button(
            s.t("ticket_links.new_computer", hostname=facts.hostname),
            icon="add_to_queue",
            on_click=lambda: self._run(
                lambda: request_links.create_equipment(
                    s.store, s.actor, ticket_id=self.screen.ticket_id, name=facts.hostname
                )
            ),
        ).props("flat no-caps dense").mark("link-computer-new")

    async def _run(self, action: Callable[[], Awaitable[object]], *, ready: bool = True) -> None:
        s = self.screen.session
        if not ready:
            return
        try:
            await action()
        except AppError as error:
            notify_error(s, error)
            return
        ui.notify(s.t("ticket_links.linked"), type="positive")
        await self.screen.reload()
        await self.fill()
