"""``/settings/backups`` (admins only): encrypted backups of the whole box.

What the page shows: the last run's failure (if it failed), the next scheduled run, "back up
now" with a progress bar, the backups in the folder with their size and a download link, the
last runs (when, result, size, duration, how started, why it failed), the backup passphrase
(strength shown, typed twice) and the schedule (daily at a time, folder, keep N daily and M
weekly). Everything goes through ``appliance.services.backup``.

Test markers: ``backup-failure``, ``backup-next``, ``backup-now``, ``backup-progress``,
``backup-files``, ``backup-runs``, ``pass-new``, ``pass-repeat``, ``pass-strength``,
``pass-save``, ``sched-enabled``, ``sched-at``, ``sched-folder``, ``sched-daily``,
``sched-weekly``, ``sched-save``.
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated
from urllib.parse import quote

from fastapi import Depends, HTTPException
from fastapi.responses import FileResponse
from nicegui import app, ui

from appliance.domain.clock import utc_now
from appliance.domain.errors import AppError
from appliance.domain.permissions import Permission
from appliance.services import backup as backups
from appliance.services.backup import BackupSettings, Schedule
from appliance.ui.common.errors import notify_error
from appliance.ui.common.format import duration, local_time, size, when, zone
from appliance.ui.common.frame import frame
from appliance.ui.common.guard import http_session, require_user
from appliance.ui.common.session import Session

AdminSession = Annotated[Session, Depends(http_session(Permission.MANAGE_SETTINGS))]
PATH = "/settings/backups"
DOWNLOAD = "/ui/backups"
STRENGTH_COLOURS = {
    "too_short": "negative",
    "weak": "negative",
    "fair": "warning",
    "strong": "positive",
}


def register() -> None:
    @ui.page(PATH)
    @require_user(Permission.MANAGE_SETTINGS)
    async def backups_page(session: Session) -> None:
        with frame(session, active="settings", title=session.t("backups.title")):
            ui.link(session.t("enrollment.back"), "/settings").classes("text-primary")
            page = BackupsPage(session)
            await page.show()

    @app.get(DOWNLOAD + "/{name}")
    async def download_backup(name: str, session: AdminSession) -> FileResponse:
        try:
            path = await backups.backup_file_path(session.store, session.actor, name)
        except AppError:
            raise HTTPException(status_code=404, detail="no such backup") from None
        return FileResponse(path, media_type="application/octet-stream", filename=path.name)


class BackupsPage:
    def __init__(self, session: Session) -> None:
        self.session = session
        self.zone = zone(session.ctx.settings.time_zone)
        self.progress_value = 0.0
        self.running = False
        self.show = ui.refreshable(self._content)

    async def _content(self) -> None:
        s = self.session
        try:
            state = await backups.backup_settings(s.store, s.actor, zone=self.zone)
        except AppError as error:
            notify_error(s, error)
            return
        self._status(state)
        with ui.row().classes("w-full gap-4 items-start"):
            with ui.column().classes("grow gap-4"):
                self._files(state)
                self._runs(state)
            with ui.column().classes("gap-4").style("width: 26rem"):
                self._passphrase(state)
                self._schedule(state.schedule)

    # -- status and "back up now" -------------------------------------------------------------

    def _status(self, state: BackupSettings) -> None:
        s = self.session
        last = state.runs[0] if state.runs else None
        if last is not None and last.result == "failed":
            with ui.card().classes("w-full bg-red-1").mark("backup-failure"):
                ui.label(
                    s.t(
                        "backups.last_failed",
                        at=local_time(last.started_at, s.ctx.settings.time_zone),
                    )
                ).classes("text-negative text-weight-medium")
                ui.label(last.error_text or last.error_key)
        with ui.card().classes("w-full"), ui.row().classes("w-full items-center gap-4"):
            if state.next_run is not None:
                text = s.t("backups.next_run", at=when(state.next_run, self.zone))
            elif not state.has_passphrase:
                text = s.t("backups.no_passphrase")
            else:
                text = s.t("backups.schedule_off")
            ui.label(text).classes("text-body1").mark("backup-next")
            ui.space()
            bar = ui.linear_progress(value=0, show_value=False).classes("w-64")
            bar.bind_value_from(self, "progress_value").bind_visibility_from(self, "running")
            bar.mark("backup-progress")
            ready = state.has_passphrase and bool(state.schedule.folder)
            button = ui.button(s.t("backups.now"), icon="backup", on_click=self._back_up_now)
            button.props("unelevated no-caps").mark("backup-now")
            if not ready:
                button.disable()
                button.tooltip(s.t("backups.now_needs"))

    def _progress(self, phase: str, done: int, total: int) -> None:
        # Called from the worker thread; the bar reads the value on its own binding loop.
        self.progress_value = done / total if total else 0.0

    async def _back_up_now(self) -> None:
        s = self.session
        if self.running:
            return
        self.running = True
        self.progress_value = 0.0
        try:
            created = await backups.back_up_to_folder(
                s.store,
                s.actor,
                data_dir=s.ctx.data_dir,
                now_local=utc_now().astimezone(self.zone),
                trigger="manual",
                progress=self._progress,
            )
        except AppError as error:
            notify_error(s, error)
        else:
            ui.notify(
                s.t("backups.done", name=created.path.name, size=size(created.size, s.lang)),
                type="positive",
            )
        finally:
            self.running = False
        await self.show.refresh()

    # -- lists --------------------------------------------------------------------------------

    def _files(self, state: BackupSettings) -> None:
        s = self.session
        with ui.card().classes("w-full"):
            ui.label(s.t("backups.files")).classes("text-subtitle1")
            if not state.files:
                ui.label(s.t("backups.no_files")).classes("text-grey-7")
                return
            with ui.column().classes("gap-1").mark("backup-files"):
                for name, n_bytes in state.files:
                    with ui.row().classes("items-center gap-3"):
                        ui.icon("lock").classes("text-grey-7")
                        ui.link(name, f"{DOWNLOAD}/{quote(name)}", new_tab=False)
                        ui.label(size(n_bytes, s.lang)).classes("text-grey-7")

    def _runs(self, state: BackupSettings) -> None:
        s = self.session
        tz = s.ctx.settings.time_zone
        columns = [
            {"name": "at", "label": s.t("backups.col.at"), "field": "at", "align": "left"},
            {"name": "result", "label": s.t("backups.col.result"), "field": "result"},
            {"name": "size", "label": s.t("backups.col.size"), "field": "size"},
            {"name": "took", "label": s.t("backups.col.took"), "field": "took"},
            {"name": "how", "label": s.t("backups.col.how"), "field": "how"},
            {"name": "file", "label": s.t("backups.col.file"), "field": "file", "align": "left"},
        ]
        rows = [
            {
                "id": run.id,
                "at": local_time(run.started_at, tz),
                "result": s.t(f"backups.result.{run.result}"),
                "size": size(run.size, s.lang) if run.size else "—",
                "took": duration(run.seconds, s.lang),
                "how": s.t(f"backups.trigger.{run.trigger}"),
                "file": run.file_name if run.result == "ok" else run.error_text,
            }
            for run in state.runs
        ]
        with ui.card().classes("w-full"):
            ui.label(s.t("backups.runs")).classes("text-subtitle1")
            ui.table(columns=columns, rows=rows, row_key="id").props(
                f'flat dense no-data-label="{s.t("backups.no_runs")}"'
            ).classes("w-full").mark("backup-runs")

    # -- passphrase and schedule --------------------------------------------------------------

    def _passphrase(self, state: BackupSettings) -> None:
        s = self.session
        with ui.card().classes("w-full"):
            ui.label(s.t("backups.passphrase")).classes("text-subtitle1")
            ui.label(
                s.t(
                    "backups.passphrase_set" if state.has_passphrase else "backups.passphrase_unset"
                )
            ).classes("text-caption text-grey-8")
            first = ui.input(s.t("backups.pass_new"), password=True, password_toggle_button=True)
            first.classes("w-full").mark("pass-new")
            meter = ui.label("").classes("text-caption").mark("pass-strength")
            second = ui.input(s.t("backups.pass_repeat"), password=True).classes("w-full")
            second.mark("pass-repeat")

            def rate() -> None:
                verdict = backups.passphrase_strength(first.value or "")
                meter.text = s.t(f"backups.strength.{verdict}") if first.value else ""
                meter.classes(replace=f"text-caption text-{STRENGTH_COLOURS[verdict]}")

            first.on_value_change(rate)

            async def save() -> None:
                try:
                    rewrapped = await backups.set_backup_passphrase(
                        s.store, s.actor, first.value or "", second.value or ""
                    )
                except AppError as error:
                    notify_error(s, error)
                    return
                ui.notify(s.t("backups.passphrase_saved"), type="positive")
                if rewrapped:
                    ui.notify(s.t("backups.rewrapped", n=rewrapped), type="info")
                await self.show.refresh()

            ui.button(s.t("backups.pass_save"), on_click=save).props("unelevated no-caps").mark(
                "pass-save"
            )
            ui.label(s.t("backups.passphrase_keep")).classes("text-caption text-grey-8")

    def _schedule(self, current: Schedule) -> None:
        s = self.session
        with ui.card().classes("w-full"):
            ui.label(s.t("backups.schedule")).classes("text-subtitle1")
            enabled = ui.switch(s.t("backups.sched_enabled"), value=current.enabled)
            enabled.mark("sched-enabled")
            at = ui.input(s.t("backups.sched_at"), value=current.at).props("mask='##:##'")
            at.mark("sched-at")
            folder = ui.input(
                s.t("backups.sched_folder"),
                value=current.folder,
                placeholder="/media/usb/tiketnitsa",
            ).classes("w-full")
            folder.mark("sched-folder")
            with ui.row().classes("gap-2"):
                daily = ui.number(
                    s.t("backups.sched_daily"), value=current.keep_daily, min=0, precision=0
                ).mark("sched-daily")
                weekly = ui.number(
                    s.t("backups.sched_weekly"), value=current.keep_weekly, min=0, precision=0
                ).mark("sched-weekly")

            async def save() -> None:
                schedule = Schedule(
                    enabled=bool(enabled.value),
                    at=str(at.value or "").strip(),
                    folder=str(Path(str(folder.value or "").strip())) if folder.value else "",
                    keep_daily=int(daily.value or 0),
                    keep_weekly=int(weekly.value or 0),
                )
                try:
                    await backups.save_schedule(s.store, s.actor, schedule)
                except AppError as error:
                    notify_error(s, error)
                    return
                ui.notify(s.t("backups.schedule_saved"), type="positive")
                await self.show.refresh()

            ui.button(s.t("backups.sched_save"), on_click=save).props("unelevated no-caps").mark(
                "sched-save"
            )
