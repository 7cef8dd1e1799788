"""The card's Devices tab: this client's enrolled LiveViewer PCs (host name, user, enrolled,
last seen) and, for admins, revoking one and making a new enrolment code for this client (the
same services as Settings → Enrolment).

Test markers: ``devices-table``, ``devices-new-code``, ``devices-code-uses``,
``devices-code-days``, ``devices-code-create``, ``device-revoke-<id>``, ``enroll-code-value``.
"""

from __future__ import annotations

from nicegui import ui

from appliance.domain.permissions import Permission
from appliance.services import devices
from appliance.services.devices import MAX_CODE_DAYS, MAX_CODE_USES, Device
from appliance.ui.clients.card import Card, toolbar
from appliance.ui.common.errors import shown_errors
from appliance.ui.common.format import when
from appliance.ui.settings.enrollment_page import CreatedCodeDialog


def _whole(value: object, limit: int) -> int | None:
    if isinstance(value, int | float) and float(value).is_integer() and 1 <= value <= limit:
        return int(value)
    return None


async def draw(card: Card) -> None:
    s, t = card.session, card.t
    tz = s.ctx.settings.time_zone
    admin = s.may(Permission.MANAGE_SETTINGS)
    box = ui.column().classes("w-full gap-0")
    created = CreatedCodeDialog(s) if admin else None

    async def redraw() -> None:
        found = await devices.list_org_devices(s.store, s.actor, org_id=card.org_id)
        box.clear()
        with box:
            if not found:
                ui.label(t("cards.dev.none")).classes("text-body2 text-grey-7 q-pa-md")
            for device in found:
                _device(device)

    def _device(device: Device) -> None:
        with (
            ui.row()
            .classes("w-full items-center gap-x-4 gap-y-0 px-3 py-2 border-b")
            .mark(f"device-{device.id}")
        ):
            ui.icon("computer", color="grey-5" if device.revoked_at else "primary")
            with ui.column().classes("gap-0 grow basis-0 min-w-[12rem]"):
                ui.label(device.hostname or "—").classes("text-body2 text-weight-medium font-mono")
                ui.label(device.os_user or "—").classes("text-caption text-grey-7")
            ui.label(t("cards.dev.enrolled", at=when(device.enrolled_at, tz))).classes(
                "text-caption text-grey-8 min-w-[12rem]"
            )
            seen = when(device.last_seen_at, tz) if device.last_seen_at else t("cards.dev.never")
            ui.label(t("cards.dev.seen", at=seen)).classes("text-caption text-grey-8 min-w-[12rem]")
            if device.revoked_at is not None:
                ui.badge(t("cards.dev.revoked"), color="grey-7").props("outline")
            elif admin:
                ui.button(t("cards.dev.revoke"), on_click=lambda d=device: confirm_revoke(d)).props(
                    "flat dense no-caps color=negative"
                ).mark(f"device-revoke-{device.id}")

    def confirm_revoke(device: Device) -> None:
        async def revoke() -> None:
            dialog.close()
            async with shown_errors(s):
                await devices.revoke_device(s.store, s.actor, device_id=device.id)
                await redraw()

        with ui.dialog() as dialog, ui.card().classes("w-96 gap-3"):
            ui.label(t("cards.dev.revoke_confirm", host=device.hostname or "—")).classes(
                "text-body1"
            )
            with ui.row().classes("w-full justify-end gap-2"):
                ui.button(t("cards.form.cancel"), on_click=dialog.close).props("flat no-caps")
                ui.button(t("cards.dev.revoke"), on_click=revoke).props(
                    "unelevated no-caps color=negative"
                ).mark("device-revoke-confirm")
        dialog.open()

    code_dialog = ui.dialog()
    with toolbar(card, "devices-toolbar"):
        ui.label(t("cards.dev.title")).classes("text-subtitle2 text-grey-8")
        ui.space()
        if admin:
            ui.button(t("cards.dev.new_code"), icon="qr_code", on_click=code_dialog.open).props(
                "unelevated no-caps dense"
            ).classes("px-3").mark("devices-new-code")
    box.move(target_index=-1)

    if admin and created is not None:
        with code_dialog, ui.card().classes("w-96 gap-3"):
            ui.label(t("cards.dev.new_code_for", org=card.org.name)).classes("text-subtitle1")
            uses = (
                ui.number(t("enrollment.new.uses"), value=1, min=1, max=MAX_CODE_USES, step=1)
                .props("outlined dense")
                .classes("w-full")
                .mark("devices-code-uses")
            )
            days = (
                ui.number(t("enrollment.new.days"), value=7, min=1, max=MAX_CODE_DAYS, step=1)
                .props("outlined dense")
                .classes("w-full")
                .mark("devices-code-days")
            )

            async def make() -> None:
                n_uses = _whole(uses.value, MAX_CODE_USES)
                n_days = _whole(days.value, MAX_CODE_DAYS)
                if n_uses is None:
                    ui.notify(t("enrollment.new.bad_uses", limit=MAX_CODE_USES), type="negative")
                    return
                if n_days is None:
                    ui.notify(t("enrollment.new.bad_days", limit=MAX_CODE_DAYS), type="negative")
                    return
                async with shown_errors(s):
                    code = await devices.create_code(
                        s.store, s.actor, org_id=card.org_id, max_uses=n_uses, days=n_days
                    )
                    code_dialog.close()
                    created.show(code, when(code.expires_at, tz))

            with ui.row().classes("w-full justify-end gap-2"):
                ui.button(t("cards.form.cancel"), on_click=code_dialog.close).props("flat no-caps")
                ui.button(t("enrollment.new.create"), on_click=make).props(
                    "unelevated no-caps"
                ).mark("devices-code-create")
    card.redraws["devices"] = redraw
    await redraw()
