"""The import dialog of a client card's People, Equipment, Credentials and Licenses tabs.

One dialog, three steps on one screen: pick a file (CSV or XLSX, ``ui.upload``); check the
column mapping (a select per column, filled with what was chosen for this client before, else
guessed from the headers); look at the preview (the first rows, each problem with its line and
column) and import. The Import button is enabled only when every row is valid: the service
writes all rows or none, and checks them again in its transaction.

Test markers: ``import-dialog``, ``import-upload``, ``import-map-<column index>``,
``import-summary``, ``import-preview``, ``import-problems``, ``import-run``, ``import-cancel``.
"""

from __future__ import annotations

import asyncio
import inspect
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field

from nicegui import events, ui

from appliance.domain.errors import AppError, InvalidInput
from appliance.services import client_import
from appliance.services.client_import import ImportCheck, ImportRefused, Sheet, describe
from appliance.ui.common.a11y import accessible_upload, icon_button, titled
from appliance.ui.common.errors import notify_error
from appliance.ui.common.session import Session

MAX_UPLOAD = 10 * 1024 * 1024
PROBLEMS_SHOWN = 100
OnDone = Callable[[], Awaitable[None] | None]


@dataclass
class _State:
    sheet: Sheet | None = None
    mapping: list[str | None] = field(default_factory=list)
    check: ImportCheck | None = None


def open_import_dialog(session: Session, org_id: int, kind: str, on_done: OnDone) -> ui.dialog:
    """Build and open the dialog; ``on_done()`` runs after a successful import."""
    dialog = ImportDialog(session, org_id, kind, on_done).dialog
    dialog.open()
    return dialog


class ImportDialog:
    def __init__(self, session: Session, org_id: int, kind: str, on_done: OnDone) -> None:
        self.s = session
        self.org_id = org_id
        self.kind = kind
        self.on_done = on_done
        self.state = _State()
        s = session
        fields = client_import.fields_of(kind)
        self.options: dict[str, str] = {"": s.t("import_ui.skip")} | {
            f.name: s.t(f.label_key) + (" *" if f.required else "") for f in fields
        }
        with (
            ui.dialog().props("persistent") as self.dialog,
            ui.card().classes("w-[64rem] max-w-full gap-3").mark("import-dialog"),
        ):
            with ui.row().classes("w-full items-center no-wrap"):
                title = ui.label(s.t("import_ui.title", kind=s.t(f"import.kind.{kind}")))
                titled(self.dialog, title.classes("text-h6"))
                ui.space()
                icon_button("close", s.t("a11y.close"), self.dialog.close)
            ui.label(s.t("import_ui.hint")).classes("text-body2 text-grey-8")
            accessible_upload(
                label=s.t("import_ui.pick"),
                auto_upload=True,
                max_file_size=MAX_UPLOAD,
                on_upload=self._uploaded,
                on_rejected=lambda: notify_error(
                    s, InvalidInput("import.error.too_big", megabytes=MAX_UPLOAD // 2**20)
                ),
            ).props("accept=.csv,.xlsx,.txt flat bordered").classes("w-full").mark("import-upload")
            self.body = ui.column().classes("w-full gap-3")
            with ui.row().classes("w-full justify-end gap-2"):
                ui.button(s.t("import_ui.cancel"), on_click=self.dialog.close).props(
                    "flat no-caps"
                ).mark("import-cancel")
                self.run_button = (
                    ui.button(s.t("import_ui.run"), icon="upload", on_click=self._run)
                    .props("unelevated no-caps")
                    .mark("import-run")
                )
                self.run_button.disable()
        # Each click on the tab's button builds a new dialog: a closed one goes away whole.
        self.dialog.on_value_change(lambda e: None if e.value else self.dialog.delete())

    # -- steps ---------------------------------------------------------------------------------

    async def _uploaded(self, event: events.UploadEventArguments) -> None:
        s = self.s
        data = await event.file.read()
        try:
            # Parsing a big workbook takes a moment: not on the event loop.
            sheet = await asyncio.to_thread(
                client_import.read_upload, data, event.file.name, kind=self.kind
            )
            plan = await client_import.prepare(
                s.store, s.actor, org_id=self.org_id, kind=self.kind, sheet=sheet
            )
        except AppError as error:
            notify_error(s, error)
            return
        self.state = _State(sheet=sheet, mapping=list(plan.mapping))
        await self._check()

    async def _pick(self, index: int, value: str | None) -> None:
        chosen = value or None
        mapping = self.state.mapping
        if chosen is not None:
            # A field belongs to one column: choosing it here takes it from the other.
            mapping[:] = [None if other == chosen else other for other in mapping]
        mapping[index] = chosen
        await self._check()

    async def _check(self) -> None:
        s, sheet = self.s, self.state.sheet
        if sheet is None:
            return
        try:
            self.state.check = await client_import.check_import(
                s.store,
                s.actor,
                org_id=self.org_id,
                kind=self.kind,
                sheet=sheet,
                mapping=self.state.mapping,
            )
        except AppError as error:
            notify_error(s, error)
            return
        self._draw()

    async def _run(self) -> None:
        s, sheet = self.s, self.state.sheet
        if sheet is None:
            return
        self.run_button.disable()
        try:
            done = await client_import.import_file(
                s.store,
                s.actor,
                org_id=self.org_id,
                kind=self.kind,
                sheet=sheet,
                mapping=self.state.mapping,
            )
        except ImportRefused:
            # The card changed since the preview (someone added the same machine): show why.
            await self._check()
            notify_error(s, ImportRefused(self.state.check.problems if self.state.check else ()))
            return
        except AppError as error:
            notify_error(s, error)
            self.run_button.enable()
            return
        ui.notify(s.t("import_ui.done", count=done.created), type="positive")
        self.dialog.close()
        result = self.on_done()
        if inspect.isawaitable(result):
            await result

    # -- drawing -------------------------------------------------------------------------------

    def _draw(self) -> None:
        s, sheet, check = self.s, self.state.sheet, self.state.check
        assert sheet is not None and check is not None
        self.body.clear()
        with self.body:
            ui.label(
                s.t(
                    "import_ui.summary",
                    file=sheet.file_name,
                    rows=check.rows,
                    valid=check.valid,
                    problems=len(check.problems),
                )
            ).classes("text-body1 " + ("text-positive" if check.ok else "text-negative")).mark(
                "import-summary"
            )
            self._draw_table(sheet, check)
            self._draw_problems(check)
        if check.ok:
            self.run_button.enable()
        else:
            self.run_button.disable()

    def _draw_table(self, sheet: Sheet, check: ImportCheck) -> None:
        s = self.s
        # One grid: the selects above their columns, the first rows below, bad rows marked.
        with (
            ui.element("div").classes("w-full overflow-auto max-h-[45vh] border rounded"),
            ui.element("table").classes("text-body2 border-collapse").mark("import-preview"),
        ):
            with ui.element("tr"):
                with ui.element("th").classes("px-2 text-grey-7 text-caption align-bottom"):
                    ui.label(s.t("import_ui.line"))
                for index in range(len(sheet.headers)):
                    with ui.element("th").classes("px-1 py-1 align-top min-w-[10rem]"):
                        ui.label(sheet.column_label(index)).classes("text-caption text-grey-8")
                        ui.select(
                            self.options,
                            value=self.state.mapping[index] or "",
                            on_change=lambda e, i=index: self._pick(i, e.value),
                        ).props("dense outlined options-dense").classes("w-full").mark(
                            f"import-map-{index}"
                        )
            for row in check.preview:
                with ui.element("tr").classes("" if row.ok else "bg-red-1"):
                    with ui.element("td").classes("px-2 text-grey-7 border-t border-gray-200"):
                        ui.label(str(row.line))
                    for cell in row.cells:
                        with ui.element("td").classes(
                            "px-2 border-t border-gray-200 ellipsis max-w-[14rem]"
                        ):
                            ui.label(cell)

    def _draw_problems(self, check: ImportCheck) -> None:
        s = self.s
        if not check.problems:
            return
        with ui.column().classes("w-full gap-0 max-h-[20vh] overflow-auto").mark("import-problems"):
            for problem in check.problems[:PROBLEMS_SHOWN]:
                ui.label(describe(problem, s.lang)).classes("text-body2 text-negative")
            hidden = len(check.problems) - PROBLEMS_SHOWN
            if hidden > 0:
                ui.label(s.t("import_ui.more_problems", count=hidden)).classes(
                    "text-body2 text-grey-7"
                )
