"""``/faq/{id}``: one article, rendered (Markdown, sanitised), with who wrote it, when, how often
it helped; Edit and History for technicians, Delete for admins. Also the FAQ's pictures route.

Test markers: ``faq-article-title``, ``faq-article-body``, ``faq-article-meta``, ``faq-edit``,
``faq-history``, ``faq-delete``.
"""

from __future__ import annotations

from fastapi import Depends, HTTPException, Response
from nicegui import app, ui

from appliance.domain.errors import AppError
from appliance.domain.permissions import Permission
from appliance.services import faq, faq_images
from appliance.ui.common.a11y import titled
from appliance.ui.common.errors import notify_error
from appliance.ui.common.format import when
from appliance.ui.common.frame import frame
from appliance.ui.common.guard import http_session, require_user
from appliance.ui.common.session import Session

IMAGES = "/ui/faq/images"
_SAFE_HEADERS = {
    "X-Content-Type-Options": "nosniff",
    "Content-Security-Policy": "default-src 'none'; img-src 'self'; sandbox",
    "Cache-Control": "private, max-age=86400",  # the name is the content's hash
}


def rendered(html: str) -> ui.html:
    """Sanitised article HTML (``appliance.domain.faq_text.render``), styled as Markdown."""
    return ui.html(html, sanitize=False).classes("nicegui-markdown faq-body w-full")


def register() -> None:
    reader = Depends(http_session(Permission.VIEW_FAQ))

    @app.get(IMAGES + "/{sha256}", include_in_schema=False)
    async def faq_image(sha256: str, session: Session = reader) -> Response:
        """A picture of an FAQ article, for those who may read the FAQ."""
        try:
            data = await faq_images.read_image(session.store, session.actor, sha256=sha256)
        except AppError:
            raise HTTPException(status_code=403, detail="forbidden") from None
        media_type = faq_images.image_type(data) if data is not None else None
        if data is None or media_type is None:
            raise HTTPException(status_code=404, detail="no such picture")
        return Response(content=data, media_type=media_type, headers=_SAFE_HEADERS)

    @ui.page("/faq/{article_id}")
    @require_user(Permission.VIEW_FAQ)
    async def article_page(session: Session, article_id: str) -> None:
        t = session.t
        view = None
        if article_id.isdigit():
            try:
                view = await faq.read_article(
                    session.store, session.actor, article_id=int(article_id)
                )
            except AppError as error:
                if error.kind != "not_found":
                    raise
        with frame(session, active="faq"):
            if view is None:
                ui.label(t("clients.error.faq_missing")).classes("text-subtitle1")
                ui.link(t("faq.back"), "/faq")
                return
            article = view.article
            ui.page_title(f"{article.title} — {t('app.name')}")
            ui.link("← " + t("faq.back"), "/faq").classes("text-body2")
            with ui.row().classes("items-center gap-2 w-full"):
                ui.label(article.title).classes("text-h5 text-grey-9").mark("faq-article-title")
                ui.space()
                if session.may(Permission.MANAGE_FAQ):
                    ui.button(
                        t("faq.edit"),
                        icon="edit",
                        on_click=lambda: ui.navigate.to(f"/faq/{article.id}/edit"),
                    ).props("unelevated no-caps color=primary").mark("faq-edit")
                ui.button(
                    t("faq.history"),
                    icon="history",
                    on_click=lambda: ui.navigate.to(f"/faq/{article.id}/history"),
                ).props("flat no-caps").mark("faq-history")
                if session.may(Permission.DELETE_FAQ):
                    ui.button(
                        t("faq.delete"),
                        icon="delete",
                        on_click=lambda: _confirm_delete(session, article.id),
                    ).props("flat no-caps color=negative").mark("faq-delete")
            tz = session.ctx.settings.time_zone
            meta = [
                article.category or t("faq.no_category"),
                t("shell.faq.public") if article.public else t("shell.faq.internal"),
                article.org_name or t("faq.for_all"),
                t("faq.written_by", name=article.author or "—"),
                t("faq.updated", at=when(article.updated_at, tz), version=article.version),
                t("faq.helped_count", count=article.helped_count),
                t("faq.solved_count", count=article.solved_count),
                t("faq.views", count=article.view_count),
            ]
            ui.label(" · ".join(meta)).classes("text-caption text-grey-7").mark("faq-article-meta")
            with ui.row().classes("gap-1"):
                for tag in article.tags:
                    ui.link(tag, f"/faq?tag={tag}").classes("no-underline")
            with (
                ui.card()
                .props("flat bordered")
                .classes("w-full px-6 py-4")
                .mark("faq-article-body")
            ):
                rendered(view.html)


def _confirm_delete(session: Session, article_id: int) -> None:
    t = session.t
    with ui.dialog() as dialog, ui.card():
        titled(dialog, ui.label(t("faq.delete_confirm")).classes("text-body1"))
        with ui.row().classes("justify-end w-full"):
            ui.button(t("faq.cancel"), on_click=dialog.close).props("flat no-caps")

            async def delete() -> None:
                try:
                    await faq.delete_article(session.store, session.actor, article_id=article_id)
                except AppError as error:
                    notify_error(session, error)
                    return
                dialog.close()
                ui.notify(t("faq.deleted"), type="positive")
                ui.navigate.to("/faq")

            ui.button(t("faq.delete"), on_click=delete).props(
                "unelevated no-caps color=negative"
            ).mark("faq-delete-confirm")
    dialog.open()
