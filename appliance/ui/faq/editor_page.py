"""``/faq/new`` and ``/faq/{id}/edit``: the article editor (technicians and admins).

- Markdown on the left, the preview on the right (exactly what readers see: the same renderer
  and sanitiser), redrawn as one types.
- Pictures: the upload button, or paste an image into the text; both are stored in the store
  and put into the text as Markdown.
- Autosave: every few seconds what changed goes to the user's draft (in the store, per user and
  article); opening the editor again brings the draft back.
- A save names the version the edit started from; if someone saved in between, the save is
  refused with a clear message, the text stays in the editor and in the draft, and "Base it on
  the new version" lets the user look and save again deliberately.

Test markers: ``faq-title``, ``faq-body``, ``faq-preview``, ``faq-save``, ``faq-draft-state``,
``faq-conflict``, ``faq-category``, ``faq-tags``, ``faq-public``, ``faq-org``, ``faq-rebase``.
"""

from __future__ import annotations

import base64
import binascii

from nicegui import events, ui

from appliance.domain.clock import utc_now
from appliance.domain.errors import AppError, Stale
from appliance.domain.permissions import Permission
from appliance.services import faq, faq_images
from appliance.services.faq import NEW_ARTICLE, Fields
from appliance.ui.common.a11y import named
from appliance.ui.common.errors import error_text, notify_error
from appliance.ui.common.format import when_seconds
from appliance.ui.common.frame import frame
from appliance.ui.common.guard import require_user
from appliance.ui.common.session import Session
from appliance.ui.faq.article_page import rendered

AUTOSAVE_SECONDS = 3.0
PREVIEW_SECONDS = 0.4
MAX_PASTE_BYTES = faq_images.MAX_IMAGE_BYTES

# Pasting an image into the body: read it in the browser and hand it to the server as base64.
_PASTE_JS = """
document.addEventListener('paste', (event) => {
  const box = event.target.closest && event.target.closest('.faq-body-input');
  if (!box) return;
  for (const item of (event.clipboardData || {}).items || []) {
    if (item.kind === 'file' && item.type.startsWith('image/')) {
      event.preventDefault();
      const reader = new FileReader();
      reader.onload = () => emitEvent('faq_paste', {data: String(reader.result).split(',')[1]});
      reader.readAsDataURL(item.getAsFile());
      return;
    }
  }
});
"""


def register() -> None:
    @ui.page("/faq/new")
    @require_user(Permission.MANAGE_FAQ)
    async def new_article(session: Session, draft: str = "") -> None:
        key = NEW_ARTICLE
        if draft.startswith("-") and draft[1:].isdigit():
            key = -int(draft[1:])  # an article made from ticket -key
        await _editor(session, key)

    @ui.page("/faq/{article_id}/edit")
    @require_user(Permission.MANAGE_FAQ)
    async def edit_article(session: Session, article_id: str) -> None:
        if not article_id.isdigit():
            with frame(session, active="faq"):
                ui.label(session.t("clients.error.faq_missing"))
            return
        await _editor(session, int(article_id))


async def _editor(session: Session, key: int) -> None:
    t = session.t
    try:
        editing = await faq.open_editor(session.store, session.actor, draft_key=key)
    except AppError as error:
        with frame(session, active="faq"):
            ui.label(error_text(session, error)).classes("text-subtitle1")
            ui.link(t("faq.back"), "/faq")
        return
    options = await faq.choices(session.store, session.actor)
    article, draft = editing.article, editing.draft
    source = draft or article
    base = {"version": article.version if article else 0}
    if draft is not None:
        base["version"] = draft.base_version if article else 0
    start = Fields(
        title=source.title if source else "",
        body=source.body if source else "",
        category_id=source.category_id if source else None,
        tags=draft.tags if draft else (", ".join(article.tags) if article else ""),
        public=source.public if source else False,
        org_id=source.org_id if source else None,
    )
    saved_draft = {"fields": start}
    title_text = t("faq.edit_title", title=article.title) if article else t("faq.new")

    with frame(session, active="faq", title=title_text):
        ui.add_body_html(f"<script>{_PASTE_JS}</script>")
        if draft is not None:
            with ui.row().classes("items-center gap-2 text-body2 text-grey-8"):
                ui.icon("restore", color="primary")
                ui.label(
                    t(
                        "faq.draft_restored",
                        at=when_seconds(draft.saved_at, session.ctx.settings.time_zone),
                    )
                )
        conflict = ui.column().classes("w-full").mark("faq-conflict")
        conflict.set_visibility(False)
        if editing.stale_draft and article is not None:
            _show_conflict(session, conflict, article.version, base, f"/faq/{article.id}/history")

        with ui.row().classes("w-full gap-2 items-start"):
            title = (
                ui.input(t("faq.field.title"), value=start.title)
                .props("outlined dense maxlength=200 counter")
                .classes("grow")
                .mark("faq-title")
            )
        with ui.row().classes("w-full gap-2 items-center"):
            cats = {0: t("faq.no_category"), **dict(options.categories)}
            category = (
                ui.select(cats, value=start.category_id or 0, label=t("faq.category"))
                .props("outlined dense options-dense")
                .classes("w-64")
                .mark("faq-category")
            )
            tags = (
                ui.input(t("faq.field.tags"), value=start.tags)
                .props("outlined dense")
                .classes("w-64")
                .mark("faq-tags")
            )
            orgs = {0: t("faq.for_all"), **dict(options.organisations)}
            org = (
                ui.select(orgs, value=start.org_id or 0, label=t("faq.organisation"))
                .props("outlined dense options-dense")
                .classes("w-56")
                .mark("faq-org")
            )
            public = ui.switch(t("faq.field.public"), value=start.public).mark("faq-public")

        with ui.element("div").classes("w-full grid grid-cols-1 lg:grid-cols-2 gap-4"):
            with ui.column().classes("gap-1 min-w-0"):
                ui.label(t("faq.field.body")).classes("text-caption text-grey-7")
                body = named(
                    ui.textarea(value=start.body)
                    .props(
                        "outlined autogrow input-style='min-height: 360px; font-family: monospace'"
                    )
                    .classes("w-full faq-body-input")
                    .mark("faq-body"),
                    t("faq.field.body"),
                )
                with ui.row().classes("items-center gap-2"):
                    # Quasar's uploader box is hidden: a plain button opens the file picker.
                    upload = (
                        ui.upload(
                            auto_upload=True,
                            max_file_size=MAX_PASTE_BYTES,
                            on_upload=lambda e: _uploaded(e),
                            on_rejected=lambda: ui.notify(
                                t("faq.error.image_large", limit=10), type="warning"
                            ),
                        )
                        .props("accept='image/*'")
                        .classes("hidden")
                        .mark("faq-upload")
                    )
                    ui.button(
                        t("faq.image_upload"),
                        icon="add_photo_alternate",
                        on_click=lambda: upload.run_method("pickFiles"),
                    ).props("flat dense no-caps color=primary")
                    ui.label(t("faq.image_hint")).classes("text-caption text-grey-7")
            with ui.column().classes("gap-1 min-w-0"):
                ui.label(t("faq.preview")).classes("text-caption text-grey-7")
                with (
                    ui.card()
                    .props("flat bordered")
                    .classes("w-full px-5 py-3 min-h-[360px]")
                    .mark("faq-preview")
                ):
                    preview = rendered(faq.preview(start.body))

        with ui.row().classes("w-full items-center gap-2"):
            state = ui.label("").classes("text-caption text-grey-7").mark("faq-draft-state")
            ui.space()
            ui.button(
                t("faq.cancel"),
                on_click=lambda: ui.navigate.to(f"/faq/{article.id}" if article else "/faq"),
            ).props("flat no-caps")
            save_button = (
                ui.button(t("faq.save"), icon="save")
                .props("unelevated no-caps color=primary")
                .mark("faq-save")
            )

    def values() -> Fields:
        return Fields(
            title=title.value or "",
            body=body.value or "",
            category_id=category.value or None,
            tags=tags.value or "",
            public=bool(public.value),
            org_id=org.value or None,
        )

    async def autosave() -> None:
        now = values()
        if now == saved_draft["fields"]:
            return
        try:
            await faq.save_draft(
                session.store,
                session.actor,
                draft_key=key,
                base_version=base["version"],
                values=now,
            )
        except AppError as error:
            notify_error(session, error)
            return
        saved_draft["fields"] = now
        state.set_text(
            t("faq.draft_saved", at=when_seconds(utc_now(), session.ctx.settings.time_zone))
        )

    shown = {"body": start.body}

    def refresh_preview() -> None:
        if (body.value or "") != shown["body"]:
            shown["body"] = body.value or ""
            preview.set_content(faq.preview(shown["body"]))

    def insert(markdown: str) -> None:
        text = body.value or ""
        body.set_value((text.rstrip("\n") + "\n\n" if text.strip() else "") + markdown + "\n")
        refresh_preview()

    async def add_image(data: bytes, name: str) -> None:
        try:
            markdown = await faq_images.upload_image(
                session.store, session.actor, data=data, name=name
            )
        except AppError as error:
            notify_error(session, error)
            return
        insert(markdown)

    async def _uploaded(event: events.UploadEventArguments) -> None:
        data = await event.file.read()
        await add_image(data, event.file.name.rsplit(".", 1)[0])

    async def pasted(event: events.GenericEventArguments) -> None:
        raw = str((event.args or {}).get("data", ""))
        if len(raw) > MAX_PASTE_BYTES * 4 // 3 + 4:
            ui.notify(t("faq.error.image_large", limit=10), type="warning")
            return
        try:
            data = base64.b64decode(raw, validate=True)
        except (binascii.Error, ValueError):
            ui.notify(t("faq.error.image_type"), type="warning")
            return
        await add_image(data, "")

    ui.on("faq_paste", pasted)

    async def save() -> None:
        now = values()
        await autosave()  # the text is in the draft whatever happens next
        try:
            if article is None:
                new_id = await faq.create_article(
                    session.store,
                    session.actor,
                    title=now.title,
                    body=now.body,
                    category_id=now.category_id,
                    public=now.public,
                    tags=now.tags,
                    org_id=now.org_id,
                    draft_key=key,
                )
                ui.navigate.to(f"/faq/{new_id}")
                return
            await faq.update_article(
                session.store,
                session.actor,
                article_id=article.id,
                changes=now.changes(),
                expected_version=base["version"],
            )
        except Stale as stale:
            version = int(str(stale.values.get("version", 0)))
            history = f"/faq/{article.id}/history" if article else "/faq"
            _show_conflict(session, conflict, version, base, history)
            return
        except AppError as error:
            notify_error(session, error)
            return
        ui.notify(t("faq.saved"), type="positive")
        ui.navigate.to(f"/faq/{article.id}")

    save_button.on_click(save)
    ui.timer(AUTOSAVE_SECONDS, autosave)
    ui.timer(PREVIEW_SECONDS, refresh_preview)


def _show_conflict(
    session: Session, box: ui.column, version: int, base: dict[str, int], history_url: str
) -> None:
    """Someone saved version ``version`` after this edit began: say so, keep the text."""
    t = session.t
    box.clear()
    with box, ui.card().props("flat bordered").classes("w-full bg-orange-1 px-4 py-3 gap-2"):
        with ui.row().classes("items-center gap-2 no-wrap"):
            ui.icon("warning", color="orange-9")
            ui.label(t("faq.conflict", version=version)).classes("text-body2")
        with ui.row().classes("gap-2"):

            def rebase() -> None:
                base["version"] = version
                box.set_visibility(False)
                ui.notify(t("faq.rebased", version=version), type="info")

            ui.button(t("faq.rebase"), on_click=rebase).props("unelevated no-caps").mark(
                "faq-rebase"
            )
            ui.link(t("faq.see_history"), history_url, new_tab=True).classes("self-center")
    box.set_visibility(True)
    ui.notify(t("faq.conflict", version=version), type="warning", multi_line=True)
