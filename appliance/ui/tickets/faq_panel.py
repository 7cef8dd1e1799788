"""The ticket screen's FAQ card: the articles that best match the ticket's text and category
(``services.faq_search.suggest``: none rather than noise), each readable in place, rendered and
sanitised; "This helped" links the article to the ticket and counts (once per ticket); "Make an
article from this ticket" fills a draft from the description and the public replies (never the
internal notes) and opens the editor.

Test markers: ``faq-suggestions``, ``faq-suggestion``, ``faq-none``, ``faq-helped-<id>``,
``faq-helped-done-<id>``, ``faq-from-ticket``.
"""

from __future__ import annotations

from nicegui import ui

from appliance.domain.errors import AppError
from appliance.domain.permissions import Permission
from appliance.services import faq
from appliance.services.faq import Article
from appliance.ui.common.errors import notify_error
from appliance.ui.faq.article_page import rendered
from appliance.ui.tickets.body import section_title
from appliance.ui.tickets.screen_state import TicketScreen


def faq_card(screen: TicketScreen) -> None:
    """Drawn with the screen; redrawn when the category (or text) changes the suggestions."""
    box = ui.column().classes("w-full gap-0")
    helped: set[int] = set()
    s = screen.session

    async def mark(article: Article) -> None:
        try:
            await faq.mark_helped(
                s.store, s.actor, article_id=article.id, ticket_id=screen.ticket_id
            )
        except AppError as error:
            notify_error(s, error)
            return
        helped.add(article.id)
        ui.notify(s.t("faq.helped_noted", title=article.title), type="positive")
        draw()

    async def from_ticket() -> None:
        try:
            key = await faq.draft_from_ticket(s.store, s.actor, ticket_id=screen.ticket_id)
        except AppError as error:
            notify_error(s, error)
            return
        ui.navigate.to(f"/faq/new?draft={key}")

    def draw() -> None:
        box.clear()
        with (
            box,
            ui.card()
            .props("flat bordered")
            .classes("w-full gap-1 px-4 py-3")
            .mark("faq-suggestions"),
        ):
            section_title(s.t("ticket_screen.faq"), "menu_book")
            if not screen.data.faq:
                ui.label(s.t("faq.no_match")).classes("text-body2 text-grey-7").mark("faq-none")
            for article in screen.data.faq:
                with (
                    ui.expansion(article.title, icon="help_outline")
                    .props("dense")
                    .classes("w-full text-body2")
                    .mark("faq-suggestion")
                ):
                    rendered(faq.preview(article.body)).classes("text-body2")
                    with ui.row().classes("items-center gap-2"):
                        if article.id in helped:
                            ui.label("✓ " + s.t("faq.helped_done")).classes(
                                "text-positive text-body2"
                            ).mark(f"faq-helped-done-{article.id}")
                        elif s.may(Permission.WORK_TICKETS):
                            ui.button(
                                s.t("faq.helped"),
                                icon="thumb_up",
                                on_click=lambda a=article: mark(a),
                            ).props("flat dense no-caps color=primary").mark(
                                f"faq-helped-{article.id}"
                            )
                        ui.link(s.t("faq.open"), f"/faq/{article.id}", new_tab=True).classes(
                            "text-body2"
                        )
            if s.may(Permission.MANAGE_FAQ):
                ui.button(s.t("faq.from_ticket"), icon="post_add", on_click=from_ticket).props(
                    "flat dense no-caps"
                ).classes("self-start").mark("faq-from-ticket")

    async def load_helped() -> None:
        try:
            helped.update(await faq.helped_on(s.store, s.actor, ticket_id=screen.ticket_id))
        except AppError:
            return  # the right was lost: the buttons refuse on click anyway
        if helped & {a.id for a in screen.data.faq}:
            draw()

    draw()
    ui.timer(0.05, load_helped, once=True)
    screen.add_part(draw, shows=lambda d: tuple(a.id for a in d.faq))
