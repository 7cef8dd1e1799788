"""``/faq/{id}/history``: every saved version of an article, newest first; pick one to see what
it changed (a line diff against the version before it, or ``?old=&new=``), and restore an older
one (technicians and admins; a restore is saved as a new version, so nothing is lost).

Diff lines are user text: shown with ``ui.label``, never as HTML.

Test markers: ``faq-version-<n>``, ``faq-diff``, ``faq-diff-added``, ``faq-diff-removed``,
``faq-restore-<n>``.
"""

from __future__ import annotations

from nicegui import ui

from appliance.domain.errors import AppError
from appliance.domain.permissions import Permission
from appliance.services import faq
from appliance.ui.common.errors import error_text, notify_error
from appliance.ui.common.format import when
from appliance.ui.common.frame import frame
from appliance.ui.common.guard import require_user
from appliance.ui.common.session import Session

_STYLE = {
    "added": ("bg-green-1 text-green-10", "+ "),
    "removed": ("bg-red-1 text-red-10", "− "),
    "same": ("text-grey-8", "  "),
    "skip": ("text-grey-5", "  "),
}


def register() -> None:
    @ui.page("/faq/{article_id}/history")
    @require_user(Permission.VIEW_FAQ)
    async def history_page(session: Session, article_id: str, old: str = "", new: str = "") -> None:
        t = session.t
        ident = int(article_id) if article_id.isdigit() else 0
        try:
            versions = await faq.history(session.store, session.actor, article_id=ident)
        except AppError as error:
            with frame(session, active="faq"):
                ui.label(error_text(session, error)).classes("text-subtitle1")
                ui.link(t("faq.back"), "/faq")
            return
        latest = versions[0]
        newer = int(new) if new.isdigit() else latest.version
        older = int(old) if old.isdigit() else newer - 1
        tz = session.ctx.settings.time_zone
        with frame(session, active="faq", title=t("faq.history_title", title=latest.title)):
            ui.link("← " + t("faq.back_to_article"), f"/faq/{ident}").classes("text-body2")
            with ui.element("div").classes(
                "w-full grid grid-cols-1 lg:grid-cols-12 gap-4 items-start"
            ):
                with ui.column().classes("lg:col-span-4 gap-1 min-w-0"):
                    for v in versions:
                        chosen = v.version == newer
                        note = (
                            t("faq.restored_from", version=v.note.split(":", 1)[1])
                            if v.note.startswith("restored:")
                            else ""
                        )
                        with (
                            ui.card()
                            .props("flat bordered")
                            .classes(
                                "w-full px-3 py-2 gap-0 "
                                + ("bg-blue-1" if chosen else "cursor-pointer hover:bg-blue-grey-1")
                            )
                            .on(
                                "click",
                                lambda v=v: ui.navigate.to(
                                    f"/faq/{ident}/history?old={v.version - 1}&new={v.version}"
                                ),
                            )
                            .mark(f"faq-version-{v.version}")
                        ):
                            ui.label(t("faq.version", version=v.version)).classes(
                                "text-body2 text-weight-medium"
                            )
                            ui.label(
                                " · ".join(p for p in (when(v.saved_at, tz), v.saved_by, note) if p)
                            ).classes("text-caption text-grey-7")
                            if v.version != latest.version and session.may(Permission.MANAGE_FAQ):
                                ui.button(
                                    t("faq.restore"),
                                    icon="restore",
                                    on_click=lambda v=v: _restore(
                                        session, ident, v.version, latest.version
                                    ),
                                ).props("flat dense no-caps color=primary").mark(
                                    f"faq-restore-{v.version}"
                                )
                with ui.column().classes("lg:col-span-8 gap-1 min-w-0"):
                    if older < 1:
                        ui.label(t("faq.first_version")).classes("text-body2 text-grey-7")
                        older = newer
                    ui.label(t("faq.diff_title", old=older, new=newer)).classes("text-subtitle2")
                    try:
                        lines = await faq.version_diff(
                            session.store, session.actor, article_id=ident, old=older, new=newer
                        )
                    except AppError as error:
                        ui.label(error_text(session, error))
                        return
                    with (
                        ui.card()
                        .props("flat bordered")
                        .classes("w-full px-0 py-2 gap-0 font-mono text-body2")
                        .mark("faq-diff")
                    ):
                        if not lines:
                            ui.label(t("faq.no_changes")).classes("px-3 text-grey-7")
                        for line in lines:
                            classes, sign = _STYLE[line.kind]
                            label = ui.label(sign + line.text).classes(
                                f"w-full px-3 whitespace-pre-wrap break-all {classes}"
                            )
                            if line.kind in ("added", "removed"):
                                label.mark(f"faq-diff-{line.kind}")


async def _restore(session: Session, article_id: int, version: int, current: int) -> None:
    try:
        new = await faq.restore_version(
            session.store,
            session.actor,
            article_id=article_id,
            version=version,
            expected_version=current,
        )
    except AppError as error:
        notify_error(session, error)
        return
    ui.notify(session.t("faq.restored", version=version, new=new), type="positive")
    ui.navigate.to(f"/faq/{article_id}/history")
