"""``/faq``: the FAQ articles, newest first, or with ``?q=`` the best matches of a full-text
search (``appliance.services.faq.faq_page``: Russian and English stems, any 3+ letters).

Test markers: ``faq-search``, ``faq-article``, ``faq-found``.
"""

from __future__ import annotations

from urllib.parse import quote

from nicegui import ui

from appliance.domain.permissions import Permission
from appliance.services import faq
from appliance.services.faq import Article
from appliance.ui.common.format import when
from appliance.ui.common.frame import frame
from appliance.ui.common.guard import require_user
from appliance.ui.common.session import Session

LATEST = 50


def register() -> None:
    @ui.page("/faq")
    @require_user(Permission.VIEW_FAQ)
    async def faq_page(session: Session, q: str = "") -> None:
        page = await faq.faq_page(session.store, session.actor, query=q, limit=LATEST)
        text, articles = page.query, page.articles
        if text:
            summary = session.t("shell.faq.found", query=text, count=len(articles))
        else:
            summary = session.t("shell.faq.total", count=page.total)

        def search(value: str) -> None:
            value = value.strip()
            ui.navigate.to(f"/faq?q={quote(value)}" if value else "/faq")

        with frame(session, active="faq", title=session.t("shell.faq.title")):
            with ui.row().classes("items-center gap-2 w-full no-wrap"):
                box = (
                    ui.input(placeholder=session.t("shell.faq.search.placeholder"), value=text)
                    .props("outlined dense clearable")
                    .classes("w-96")
                    .mark("faq-search")
                )
                box.on("keydown.enter", lambda: search(box.value or ""))
                ui.button(
                    session.t("shell.faq.search.button"),
                    icon="search",
                    on_click=lambda: search(box.value or ""),
                ).props("unelevated no-caps")
            ui.label(summary).classes("text-body2 text-grey-8").mark("faq-found")
            if not articles:
                ui.label(session.t("shell.faq.none")).classes("text-body2 text-grey-7")
            tz = session.ctx.settings.time_zone
            with ui.column().classes("w-full gap-2"):
                for article in articles:
                    _article(session, article, tz)


def _article(session: Session, article: Article, tz: str) -> None:
    caption = " · ".join(
        part
        for part in (
            article.category,
            session.t("shell.faq.public") if article.public else session.t("shell.faq.internal"),
            when(article.updated_at, tz),
        )
        if part
    )
    with (
        ui.expansion(article.title, caption=caption)
        .props("dense")
        .classes("w-full bg-white rounded-borders")
        .mark("faq-article")
    ):
        ui.label(article.body).classes("text-body2 whitespace-pre-wrap")
