"""``/settings/enrollment`` (admins only): enrolment codes and enrolled LiveViewer devices.

An admin makes a code for a client organisation (how many computers, how many days); the code
is shown once in a dialog and never again (the list shows its first four characters). Codes and
devices can be revoked; a revoked device's token is refused by the API at once. Every create and
revoke goes through ``appliance.services.devices``, which reads the acting admin afresh and writes
the change and its audit row in one transaction.

Test markers: ``enroll-new``, ``codes-table``, ``devices-table`` (both ``ui.table``; their
``revoke`` event takes a row), ``enroll-org``, ``enroll-uses``, ``enroll-days``,
``enroll-create``, ``enroll-code-value``, ``enroll-done``, ``confirm-yes``, ``confirm-no``.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from datetime import datetime
from typing import Any

from nicegui import events, ui

from appliance.domain.clock import to_db, utc_now
from appliance.domain.permissions import Permission
from appliance.services import devices
from appliance.services.devices import (
    MAX_CODE_DAYS,
    MAX_CODE_USES,
    Device,
    EnrollmentCode,
    NewCode,
)
from appliance.ui.common.a11y import titled
from appliance.ui.common.errors import shown_errors
from appliance.ui.common.format import local_time
from appliance.ui.common.frame import frame
from appliance.ui.common.guard import require_user
from appliance.ui.common.session import Session
from appliance.ui.common.tables import friendly_empty, paging_words

PATH = "/settings/enrollment"
STATE_COLOURS = {
    "active": "positive",
    "expired": "grey-7",
    "revoked": "negative",
    "used_up": "grey-7",
}

_STATE_SLOT = r"""
<q-td :props="props">
  <q-badge outline :color="props.row.state_color" :label="props.value" />
</q-td>
"""
_REVOKE_SLOT = r"""
<q-td :props="props">
  <q-btn v-if="props.row.can_revoke" flat dense no-caps color="negative" icon="block"
         :label="props.row.revoke_label" @click="() => $parent.$emit('revoke', props.row)" />
</q-td>
"""


def register() -> None:
    @ui.page(PATH)
    @require_user(Permission.MANAGE_SETTINGS)
    async def enrollment_page(session: Session) -> None:
        with frame(session, active="settings", title=session.t("enrollment.title")):
            ui.link(session.t("enrollment.back"), "/settings").classes("text-primary")
            ui.label(session.t("enrollment.intro")).classes("text-body2 text-grey-8")
            page = EnrollmentPage(session)
            await page.reload()


class EnrollmentPage:
    def __init__(self, session: Session) -> None:
        self.session = session
        self.confirm = ConfirmDialog(session)
        self.created = CreatedCodeDialog(session)
        self.new_code = NewCodeDialog(session, on_created=self._created)
        s = session
        with ui.card().classes("w-full"):
            with ui.row().classes("w-full items-center"):
                ui.label(s.t("enrollment.codes.title")).classes("text-subtitle1")
                ui.space()
                ui.button(
                    s.t("enrollment.codes.new"), icon="add", on_click=self.new_code.open
                ).props("unelevated no-caps").mark("enroll-new")
            self.codes = self._table(
                "codes-table",
                [
                    ("code", "enrollment.col.code"),
                    ("org", "enrollment.col.org"),
                    ("uses", "enrollment.col.uses"),
                    ("created", "enrollment.col.created"),
                    ("expires", "enrollment.col.expires"),
                    ("state", "enrollment.col.state"),
                    ("actions", "enrollment.col.actions"),
                ],
                "enrollment.codes.none",
            )
            self.codes.on("revoke", self._ask_revoke_code)
        with ui.card().classes("w-full"):
            ui.label(s.t("enrollment.devices.title")).classes("text-subtitle1")
            self.devices = self._table(
                "devices-table",
                [
                    ("host", "enrollment.col.host"),
                    ("os_user", "enrollment.col.os_user"),
                    ("org", "enrollment.col.org"),
                    ("enrolled", "enrollment.col.enrolled"),
                    ("last_seen", "enrollment.col.last_seen"),
                    ("state", "enrollment.col.state"),
                    ("actions", "enrollment.col.actions"),
                ],
                "enrollment.devices.none",
            )
            self.devices.on("revoke", self._ask_revoke_device)

    def _table(self, marker: str, columns: list[tuple[str, str]], empty_key: str) -> ui.table:
        s = self.session
        table = ui.table(
            columns=[
                {"name": name, "field": name, "label": s.t(key), "align": "left"}
                for name, key in columns
            ],
            rows=[],
            row_key="id",
            pagination={"rowsPerPage": 10},
        ).props("flat bordered dense")
        friendly_empty(table, s.t(empty_key), icon="devices")
        paging_words(table, s.lang)
        table.classes("w-full").mark(marker)
        table.add_slot("body-cell-state", _STATE_SLOT)
        table.add_slot("body-cell-actions", _REVOKE_SLOT)
        return table

    def _when(self, moment: datetime | None) -> str:
        if moment is None:
            return self.session.t("enrollment.never")
        return local_time(to_db(moment), self.session.ctx.settings.time_zone)

    def _code_row(self, code: EnrollmentCode, now: datetime) -> dict[str, Any]:
        s = self.session
        state = code.state(now)
        return {
            "id": code.id,
            "code": f"{code.prefix}-…",
            "prefix": code.prefix,
            "org": code.org_name,
            "uses": s.t("enrollment.uses", uses=code.uses, max_uses=code.max_uses),
            "created": self._when(code.created_at),
            "expires": self._when(code.expires_at),
            "state": s.t(f"enrollment.state.{state}"),
            "state_key": state,
            "state_color": STATE_COLOURS[state],
            "can_revoke": state == "active",
            "revoke_label": s.t("enrollment.revoke"),
        }

    def _device_row(self, device: Device) -> dict[str, Any]:
        s = self.session
        state = "revoked" if device.revoked_at else "active"
        return {
            "id": device.id,
            "host": device.hostname or s.t("enrollment.unknown_host"),
            "os_user": device.os_user,
            "org": device.org_name,
            "enrolled": self._when(device.enrolled_at),
            "last_seen": self._when(device.last_seen_at),
            "state": s.t(f"enrollment.device.{state}"),
            "state_key": state,
            "state_color": "positive" if state == "active" else "negative",
            "can_revoke": state == "active",
            "revoke_label": s.t("enrollment.disconnect"),
        }

    async def reload(self) -> None:
        s = self.session
        async with shown_errors(s):
            shown = await devices.enrolment_overview(s.store, s.actor)
            now = utc_now()
            self.codes.rows = [self._code_row(code, now) for code in shown.codes]
            self.devices.rows = [self._device_row(device) for device in shown.devices]
            self.codes.update()
            self.devices.update()

    async def _created(self, created: NewCode) -> None:
        self.created.show(created, self._when(created.expires_at))
        await self.reload()

    async def _ask_revoke_code(self, event: events.GenericEventArguments) -> None:
        row = event.args
        s = self.session
        code_id = int(row["id"])
        message = s.t("enrollment.confirm.code", prefix=row["prefix"], org=row["org"])

        async def revoke() -> None:
            async with shown_errors(s):
                done = await devices.revoke_code(s.store, s.actor, code_id=code_id)
                ui.notify(s.t("enrollment.code_revoked" if done else "enrollment.already"))
                await self.reload()

        self.confirm.ask(message, revoke)

    async def _ask_revoke_device(self, event: events.GenericEventArguments) -> None:
        row = event.args
        s = self.session
        device_id = int(row["id"])
        message = s.t("enrollment.confirm.device", host=row["host"], org=row["org"])

        async def revoke() -> None:
            async with shown_errors(s):
                done = await devices.revoke_device(s.store, s.actor, device_id=device_id)
                ui.notify(s.t("enrollment.device_revoked" if done else "enrollment.already"))
                await self.reload()

        self.confirm.ask(message, revoke)


class ConfirmDialog:
    def __init__(self, session: Session) -> None:
        self._action: Callable[[], Awaitable[None]] | None = None
        with ui.dialog() as self.dialog, ui.card().classes("w-96 gap-3"):
            self.message = ui.label().classes("text-body1")
            titled(self.dialog, self.message)
            with ui.row().classes("w-full justify-end gap-2"):
                ui.button(session.t("enrollment.new.cancel"), on_click=self.dialog.close).props(
                    "flat no-caps"
                ).mark("confirm-no")
                ui.button(session.t("enrollment.revoke"), on_click=self._confirm).props(
                    "unelevated no-caps color=negative"
                ).mark("confirm-yes")

    def ask(self, message: str, action: Callable[[], Awaitable[None]]) -> None:
        self.message.text = message
        self._action = action
        self.dialog.open()

    async def _confirm(self) -> None:
        action, self._action = self._action, None
        self.dialog.close()
        if action is not None:
            await action()


class NewCodeDialog:
    def __init__(
        self,
        session: Session,
        *,
        on_created: Callable[[NewCode], Awaitable[None]],
    ) -> None:
        self.session = session
        self.on_created = on_created
        s = session
        with ui.dialog() as self.dialog, ui.card().classes("w-96 gap-3"):
            titled(self.dialog, ui.label(s.t("enrollment.new.title")).classes("text-subtitle1"))
            self.org = (
                ui.select({}, label=s.t("enrollment.new.org"), with_input=True)
                .props("outlined dense")
                .classes("w-full")
                .mark("enroll-org")
            )
            self.uses = (
                ui.number(s.t("enrollment.new.uses"), value=1, min=1, max=MAX_CODE_USES, step=1)
                .props("outlined dense")
                .classes("w-full")
                .mark("enroll-uses")
            )
            self.days = (
                ui.number(s.t("enrollment.new.days"), value=7, min=1, max=MAX_CODE_DAYS, step=1)
                .props("outlined dense")
                .classes("w-full")
                .mark("enroll-days")
            )
            with ui.row().classes("w-full justify-end gap-2"):
                ui.button(s.t("enrollment.new.cancel"), on_click=self.dialog.close).props(
                    "flat no-caps"
                )
                ui.button(s.t("enrollment.new.create"), on_click=self.create).props(
                    "unelevated no-caps"
                ).mark("enroll-create")

    async def open(self) -> None:
        s = self.session
        async with shown_errors(s):
            choices = await devices.code_organisations(s.store, s.actor)
            if not choices:
                ui.notify(s.t("enrollment.new.no_orgs"), type="warning")
                return
            self.org.set_options({org.id: org.name for org in choices})
            self.dialog.open()

    def _whole(self, value: object, limit: int) -> int | None:
        if isinstance(value, int | float) and float(value).is_integer() and 1 <= value <= limit:
            return int(value)
        return None

    async def create(self) -> None:
        s = self.session
        org_id = self.org.value
        uses = self._whole(self.uses.value, MAX_CODE_USES)
        days = self._whole(self.days.value, MAX_CODE_DAYS)
        if not isinstance(org_id, int):
            ui.notify(s.t("enrollment.new.pick_org"), type="negative")
            return
        if uses is None:
            ui.notify(s.t("enrollment.new.bad_uses", limit=MAX_CODE_USES), type="negative")
            return
        if days is None:
            ui.notify(s.t("enrollment.new.bad_days", limit=MAX_CODE_DAYS), type="negative")
            return
        async with shown_errors(s):
            created = await devices.create_code(
                s.store, s.actor, org_id=org_id, max_uses=uses, days=days
            )
            self.dialog.close()
            await self.on_created(created)


class CreatedCodeDialog:
    """Shows a new code once. Closing it forgets the code: nothing on the page keeps it."""

    def __init__(self, session: Session) -> None:
        self.session = session
        s = session
        with ui.dialog().props("persistent") as self.dialog, ui.card().classes("w-[28rem] gap-3"):
            titled(self.dialog, ui.label(s.t("enrollment.created.title")).classes("text-subtitle1"))
            self.code = (
                ui.label()
                .classes("text-h4 font-mono tracking-wider self-center q-py-sm")
                .mark("enroll-code-value")
            )
            self.facts = ui.label().classes("text-body2")
            ui.label(s.t("enrollment.created.once")).classes("text-body2 text-negative")
            with ui.row().classes("w-full justify-end gap-2"):
                ui.button(
                    s.t("enrollment.created.copy"), icon="content_copy", on_click=self._copy
                ).props("flat no-caps")
                ui.button(s.t("enrollment.created.done"), on_click=self._close).props(
                    "unelevated no-caps"
                ).mark("enroll-done")

    def show(self, created: NewCode, expires: str) -> None:
        self.code.text = created.code
        self.facts.text = self.session.t(
            "enrollment.created.for", org=created.org_name, uses=created.max_uses, expires=expires
        )
        self.dialog.open()

    def _copy(self) -> None:
        ui.clipboard.write(self.code.text)
        ui.notify(self.session.t("enrollment.created.copied"))

    def _close(self) -> None:
        self.code.text = ""
        self.dialog.close()
