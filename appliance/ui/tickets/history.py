"""The ticket's history, newest first: logged work (with minutes, internal or visible to the
employee, additional work in red) and every change of status, assignee, category and priority
with who and when.

Test markers: ``history``, ``history-<id>``, ``additional-<id>``, ``visibility-<id>``.
"""

from __future__ import annotations

from nicegui import ui

from appliance.domain.workflow import WORK_KINDS
from appliance.services.ticket_screen import ActionRow
from appliance.ui.common.format import minutes_spent, when
from appliance.ui.common.session import Session
from appliance.ui.tickets import sla_warnings
from appliance.ui.tickets.body import section_title
from appliance.ui.tickets.screen_state import TicketScreen

KIND_ICONS = {
    "comment": "chat_bubble_outline",
    "phone_call": "call",
    "remote_session": "screen_share",
    "on_site": "directions_car",
    "other": "build",
    "created": "fiber_new",
    "status": "sync_alt",
    "assignment": "person",
    "category": "category",
    "priority": "priority_high",
    "client_message": "forum",
    "sla": "timer",
}


def history(screen: TicketScreen) -> None:
    box = ui.card().props("flat bordered").classes("w-full gap-2 px-4 py-3").mark("history")

    def draw() -> None:
        box.clear()
        s = screen.session
        with box:
            section_title(s.t("ticket_screen.history"), "history")
            for row in reversed(screen.data.history):
                entry(s, row, screen.time_zone)

    draw()
    screen.add_part(draw, shows=lambda d: d.history)


def change_text(session: Session, row: ActionRow) -> str:
    """One line for a history row written by the store (created, status, assignee...)."""
    t = session.t
    if row.kind == "created":
        return t("history.created") + " · " + t(f"ticket_screen.source.{row.new_value}")
    if row.kind in ("status", "priority"):
        prefix = "status" if row.kind == "status" else "priority"
        return t(
            f"history.{row.kind}",
            old=t(f"{prefix}.{row.old_value}") if row.old_value else t("history.none"),
            new=t(f"{prefix}.{row.new_value}") if row.new_value else t("history.none"),
        )
    if row.kind == "assignment":
        return t(
            "history.assignment",
            old=row.old_label or t("history.nobody"),
            new=row.new_label or t("history.nobody"),
        )
    if row.kind == "category":
        return t(
            "history.category",
            old=row.old_label or t("history.none"),
            new=row.new_label or t("history.none"),
        )
    if row.kind == "sla":
        return sla_warnings.history_text(session, row)
    return t(f"history.{row.kind}")


def entry(session: Session, row: ActionRow, time_zone: str) -> None:
    work = row.kind in WORK_KINDS or row.kind == "client_message"
    # Additional work is billed to the client: red, as in the reports. The client's own
    # messages are blue; everything else neutral. Internal vs public is the badge below.
    edge, background = "#bdbdbd", ""
    if row.additional_work:
        edge, background = "#e53935", "bg-red-1"
    elif row.kind == "client_message":
        edge, background = "#42a5f5", "bg-blue-1"
    elif row.kind in WORK_KINDS and row.visibility == "public":
        edge = "#1976d2"
    with (
        ui.row()
        .classes(f"w-full no-wrap gap-3 px-3 py-2 rounded {background}")
        .style(f"border-left: 4px solid {edge}")
        .mark(f"history-{row.id}")
    ):
        ui.icon(KIND_ICONS.get(row.kind, "circle"), color="grey-7").classes("mt-1")
        with ui.column().classes("gap-1 grow min-w-0"):
            with ui.row().classes("items-center gap-x-2 gap-y-0 text-body2"):
                ui.label(row.user_name or session.t("ticket_screen.client_or_system")).classes(
                    "text-weight-medium"
                )
                ui.label(when(row.created_at, time_zone)).classes("text-grey-7")
                if work:
                    ui.label(
                        session.t(f"action.{row.kind}")
                        if row.kind in WORK_KINDS
                        else session.t("history.client_message")
                    )
                    if row.minutes:
                        ui.label(minutes_spent(row.minutes, session.lang)).classes("text-grey-8")
                    if row.kind in WORK_KINDS:
                        public = row.visibility == "public"
                        ui.badge(
                            session.t(f"action.visibility.{row.visibility}"),
                            color="blue-7" if public else "grey-6",
                        ).props("outline").mark(f"visibility-{row.id}")
                    if row.additional_work:
                        ui.badge(session.t("ticket_screen.additional_work"), color="red-8").mark(
                            f"additional-{row.id}"
                        )
            if work:
                ui.label(row.text).classes("text-body1 whitespace-pre-wrap break-words")
            else:
                ui.label(change_text(session, row)).classes("text-body2 text-grey-9")
