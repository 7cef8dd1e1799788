"""The one short form for logging work on a ticket: kind, text, minutes, "additional work at the
user's request", and whether the employee sees it in LiveViewer.

The form is built once and never redrawn by a reload, so what the technician typed survives a
live update and a refused (stale) save; it is cleared only after the action was written.

Test markers: ``action-form``, ``action-kind``, ``action-text``, ``action-minutes``,
``action-additional``, ``action-visibility``, ``action-save``, ``action-closed-note``,
``read-only-note``.
"""

from __future__ import annotations

from nicegui import ui

from appliance.domain.errors import InvalidInput
from appliance.domain.workflow import VISIBILITIES, WORK_KINDS, is_read_only
from appliance.services.tickets import ACTION_MINUTES_MAX, add_action
from appliance.ui.tickets.body import section_title
from appliance.ui.tickets.screen_state import TicketScreen

MINUTE_PRESETS = (5, 15, 30, 60)
# The chosen visibility: white on #37474f is 9.9:1 (WCAG AA asks 4.5:1); the theme's light
# "secondary" grey it had left "Видно клиенту" hard to read.
VISIBILITY_COLOUR = "blue-grey-8"


def parse_minutes(value: object) -> int | None:
    """The number field's value as whole minutes (empty is 0); None when it is not one."""
    if value is None or value == "":
        return 0
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return value
    if isinstance(value, float) and value.is_integer():
        return int(value)
    return None


def action_form(screen: TicketScreen) -> None:
    s = screen.session
    if not screen.can_work:
        with ui.card().props("flat bordered").classes("w-full px-4 py-2 bg-grey-2"):
            ui.label(s.t("ticket_screen.read_only_role")).classes("text-body2 text-grey-8").mark(
                "read-only-note"
            )
        return

    with ui.card().props("flat bordered").classes("w-full gap-2 px-4 py-3").mark("action-form"):
        section_title(s.t("ticket_screen.log_action"), "edit_note")
        closed_note = (
            ui.label(s.t("workflow.read_only"))
            .classes("text-body2 text-orange-9")
            .mark("action-closed-note")
        )
        kind = (
            ui.toggle({k: s.t(f"action.{k}") for k in WORK_KINDS}, value="comment")
            .props("dense no-caps unelevated toggle-color=primary")
            .classes("border rounded")
            .mark("action-kind")
        )
        text = (
            ui.textarea(placeholder=s.t("ticket_screen.action_placeholder"))
            .props("outlined autogrow dense")
            .classes("w-full")
            .mark("action-text")
        )
        with ui.row().classes("w-full items-center gap-x-4 gap-y-2"):
            minutes = (
                ui.number(
                    label=s.t("action.minutes"),
                    min=0,
                    max=ACTION_MINUTES_MAX,
                    step=5,
                    format="%d",
                )
                .props("dense outlined")
                .classes("w-28")
                .mark("action-minutes")
            )
            with ui.row().classes("gap-1"):
                for preset in MINUTE_PRESETS:
                    ui.button(
                        f"+{preset}",
                        on_click=lambda _, p=preset: minutes.set_value(
                            (parse_minutes(minutes.value) or 0) + p
                        ),
                    ).props("flat dense no-caps size=sm color=grey-8")
            additional = (
                ui.checkbox(s.t("action.additional_work"))
                .classes("text-red-9")
                .mark("action-additional")
            )
            visibility = (
                ui.toggle(
                    {v: s.t(f"action.visibility.{v}") for v in VISIBILITIES}, value="internal"
                )
                .props(f"dense no-caps unelevated toggle-color={VISIBILITY_COLOUR}")
                .classes("border rounded")
                .mark("action-visibility")
            )
            ui.space()
            save = (
                ui.button(s.t("ticket_screen.save_action"), icon="send")
                .props("unelevated no-caps color=primary")
                .mark("action-save")
            )

    async def submit() -> None:
        spent = parse_minutes(minutes.value)
        if spent is None:
            screen.refuse(InvalidInput("ticket_input.bad_minutes", limit=ACTION_MINUTES_MAX))
            return
        body = text.value or ""
        chosen_kind, chosen_visibility = kind.value, visibility.value
        extra = bool(additional.value)
        ticket_id = screen.ticket_id
        saved = await screen.change(
            lambda version: add_action(
                s.store,
                s.actor,
                ticket_id=ticket_id,
                kind=chosen_kind,
                text=body,
                minutes=spent,
                additional_work=extra,
                visibility=chosen_visibility,
                expected_version=version,
            ),
            done="ticket_screen.action_saved",
        )
        if saved:
            text.set_value("")
            minutes.set_value(None)
            additional.set_value(False)
            visibility.set_value("internal")
            kind.set_value("comment")

    save.on_click(submit)

    def follow_status() -> None:
        closed = is_read_only(screen.data.ticket.status)
        closed_note.set_visibility(closed)
        save.set_enabled(not closed)

    follow_status()
    screen.add_part(follow_status, shows=lambda d: d.ticket.status)
