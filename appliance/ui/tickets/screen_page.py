"""``/tickets/{number}``: one ticket with everything at hand.

Left (or on top, on a narrow screen): the header with the editable fields and SLA, what the client
sent, the action form and the history. Right (or below): the client panel and matching FAQ.

The page reads everything in one snapshot (``services.ticket_screen.load_screen``) and redraws
its parts when the ticket changes: after the user's own change, and within a second when it changes
anywhere else (another technician, the client API, a command), through the ticket watcher's
event. The action form is never redrawn, so unsaved text survives both.

Test markers: ``ticket-not-found`` and those of the ``ticket_*`` modules.
"""

from __future__ import annotations

from nicegui import ui

from appliance.domain.permissions import Permission
from appliance.services.ticket_screen import find_ticket_id
from appliance.ui.common.frame import frame
from appliance.ui.common.guard import require_user
from appliance.ui.common.session import Session
from appliance.ui.tickets import sla_warnings
from appliance.ui.tickets.actions import action_form
from appliance.ui.tickets.body import faq_card, request_card
from appliance.ui.tickets.client_panel import client_panel, client_reference
from appliance.ui.tickets.header import header
from appliance.ui.tickets.history import history
from appliance.ui.tickets.link_panel import LinkPanel
from appliance.ui.tickets.live import follow_ticket
from appliance.ui.tickets.screen_state import TicketScreen
from appliance.ui.tickets.viewer import add_viewer_script

MAX_NUMBER = 10**12


def parse_number(text: str) -> int | None:
    text = text.strip().lstrip("№#").strip()
    if not text.isdigit() or len(text) > 12:
        return None
    number = int(text)
    return number if 0 < number < MAX_NUMBER else None


def register() -> None:
    @ui.page("/tickets/{number}")
    @require_user(Permission.VIEW_TICKETS)
    async def ticket_page(session: Session, number: str) -> None:
        await show_ticket(session, number)


async def show_ticket(session: Session, number_text: str) -> None:
    number = parse_number(number_text)
    ticket_id = (
        await find_ticket_id(session.store, session.actor, number=number)
        if number is not None
        else None
    )
    screen = await TicketScreen.open(session, ticket_id) if ticket_id is not None else None
    with frame(session, active="tickets"):
        if screen is None:
            _not_found(session, number_text)
            return
        ui.page_title(
            f"{session.t('ticket_screen.number', number=screen.data.ticket.number)}"
            f" — {session.t('app.name')}"
        )
        add_viewer_script()
        links = _layout(screen)
        await links.fill()
    follow_ticket(screen)
    sla_warnings.follow(session)


def _layout(screen: TicketScreen) -> LinkPanel:
    header(screen)
    # Side by side from 1024 px of viewport (a 1366x768 laptop with the drawer open), stacked
    # below: the ticket first, then the client.
    with ui.element("div").classes("w-full grid grid-cols-1 lg:grid-cols-12 gap-4 items-start"):
        with ui.column().classes("lg:col-span-7 gap-4 min-w-0"):
            request_card(screen)
            action_form(screen)
            history(screen)
        # On a wide screen the client stays in view while the ticket scrolls: the panel keeps
        # to the window's height and scrolls on its own.
        with ui.column().classes(
            "lg:col-span-5 gap-4 min-w-0 lg:sticky lg:top-[60px]"
            " lg:max-h-[calc(100vh-72px)] lg:overflow-y-auto"
        ):
            links = LinkPanel(screen)
            client_panel(screen)
            faq_card(screen)
            client_reference(screen)
    return links


def _not_found(session: Session, number_text: str) -> None:
    with ui.card().props("flat bordered").classes("max-w-xl").mark("ticket-not-found"):
        with ui.row().classes("items-center gap-3 no-wrap"):
            ui.icon("search_off", color="grey-7", size="md")
            ui.label(session.t("ticket_screen.not_found", number=number_text[:20])).classes(
                "text-subtitle1"
            )
        ui.link(session.t("ticket_screen.back_to_list"), "/tickets")
