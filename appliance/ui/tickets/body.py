"""What the client sent: the description, the screenshots and the machine facts (the FAQ
articles that may answer it: ``faq_panel``).

User text is shown with ``ui.label`` (text, never HTML).

Test markers: ``ticket-description``, ``machine-facts``, ``fact-<name>``.
"""

from __future__ import annotations

from typing import Any

from nicegui import ui

from appliance.ui.common.format import duration, size
from appliance.ui.tickets.screen_state import TicketScreen
from appliance.ui.tickets.viewer import screenshot

KNOWN_FACTS = ("hostname", "os", "os_user", "ips", "macs", "uptime_seconds", "free_disk_bytes")


def section_title(text: str, icon: str) -> None:
    with ui.row().classes("items-center gap-2 no-wrap"):
        ui.icon(icon, size="xs", color="grey-7")
        ui.label(text).classes("text-subtitle2 text-grey-8")


def request_card(screen: TicketScreen) -> None:
    """The description, screenshots and machine facts; redraws with the screen."""
    box = ui.card().props("flat bordered").classes("w-full gap-3 px-4 py-3")

    def draw() -> None:
        box.clear()
        t, s = screen.data.ticket, screen.session
        with box:
            with ui.row().classes("w-full no-wrap gap-4 items-start"):
                with ui.column().classes("grow min-w-0 gap-2"):
                    section_title(s.t("ticket_screen.description"), "notes")
                    ui.label(t.description).classes(
                        "text-body1 whitespace-pre-wrap break-words text-grey-10"
                    ).mark("ticket-description")
                    if t.contact_phone:
                        ui.label(s.t("ticket_screen.contact_phone", phone=t.contact_phone)).classes(
                            "text-body2 text-grey-8"
                        )
                if screen.data.screenshots:
                    with ui.column().classes("shrink-0 gap-2 items-end"):
                        for info in screen.data.screenshots:
                            screenshot(s, info)
            if t.machine_facts:
                machine_facts(screen, t.machine_facts)

    draw()
    screen.add_part(
        draw,
        shows=lambda d: (
            d.ticket.description,
            d.ticket.contact_phone,
            d.ticket.machine_facts,
            d.screenshots,
        ),
    )


def _fact_value(name: str, value: Any, lang: str) -> str:
    if name == "uptime_seconds" and isinstance(value, int):
        return duration(value, lang)
    if name == "free_disk_bytes" and isinstance(value, int):
        return size(value, lang)
    if isinstance(value, list):
        return ", ".join(str(v) for v in value)
    return str(value)


def machine_facts(screen: TicketScreen, facts: dict[str, Any]) -> None:
    s = screen.session
    names = [n for n in KNOWN_FACTS if facts.get(n) not in (None, "", [])]
    screens = facts.get("screens")
    with ui.column().classes("w-full gap-1").mark("machine-facts"):
        section_title(s.t("ticket_screen.machine_facts"), "computer")
        with ui.grid(columns="auto minmax(0, 1fr) auto minmax(0, 1fr)").classes(
            "w-full gap-x-4 gap-y-0.5 text-body2"
        ):
            for name in names:
                ui.label(s.t(f"ticket_screen.fact.{name}")).classes("text-grey-7")
                ui.label(_fact_value(name, facts[name], screen.lang)).classes(
                    "break-all select-all"
                ).mark(f"fact-{name}")
            if isinstance(screens, list) and screens:
                ui.label(s.t("ticket_screen.fact.screens")).classes("text-grey-7")
                ui.label(str(len(screens))).mark("fact-screens")
