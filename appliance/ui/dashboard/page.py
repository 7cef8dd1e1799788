"""``/dashboard``: the home dashboard. Managers land here after signing in; everyone has it in
the navigation ("Обзор").

Open tickets by status (each a link to the filtered list), tickets breaching soon (SLA timer
amber or red, the calendar time to the due moment as the list shows it), today's intake, the
signed-in user's queue, licenses expiring within 30 days, the last seven days of intake as a
chart, and for admins the last backup and any backup failure not yet followed by a success.

Test markers: ``dash-status-<status>``, ``dash-today``, ``dash-queue``, ``dash-soon``,
``dash-licenses``, ``dash-intake-chart``, ``dash-backup``, ``dash-backup-failed``.
"""

from __future__ import annotations

from nicegui import ui

from appliance.domain.clock import from_db
from appliance.domain.permissions import Permission
from appliance.services.dashboard import Dashboard, dashboard
from appliance.ui.common.errors import shown_errors
from appliance.ui.common.format import day, duration, when, zone
from appliance.ui.common.frame import frame
from appliance.ui.common.guard import require_user
from appliance.ui.common.session import Session

PATH = "/dashboard"
_STATUS_COLOURS = {"new": "#c2410c", "in_progress": "#24527a", "waiting": "#5b6b7b"}


def register() -> None:
    @ui.page(PATH)
    @require_user(Permission.VIEW_TICKETS)
    async def dashboard_page(session: Session) -> None:
        with frame(session, active="dashboard", title=session.t("dash.title")):
            async with shown_errors(session):
                data = await dashboard(
                    session.store, session.actor, time_zone=session.ctx.settings.time_zone
                )
                draw(session, data)


def _card(title: str, value: object, link: str | None, marker: str, colour: str) -> None:
    with ui.card().props("flat bordered").classes("w-44 gap-0 p-3").mark(marker) as card:
        ui.label(title).classes("text-caption text-grey-7")
        ui.label(str(value)).classes("text-h4").style(f"color: {colour}")
    if link:
        card.classes("cursor-pointer").on("click", lambda: ui.navigate.to(link))


def draw(session: Session, data: Dashboard) -> None:
    t = session.t
    works = session.may(Permission.WORK_TICKETS)
    if data.shows_backups:
        _backups(session, data)
    with ui.row().classes("w-full gap-3"):
        for status, count in data.open_by_status.items():
            _card(
                t(f"status.{status}"),
                count,
                f"/tickets?view=all&status={status}",
                f"dash-status-{status}",
                _STATUS_COLOURS[status],
            )
        _card(t("dash.today"), data.today_intake, None, "dash-today", "#2e7d32")
        if works:
            _card(
                t("dash.my_queue"),
                data.queue_count,
                "/tickets?view=mine",
                "dash-queue-count",
                "#24527a",
            )
    with ui.row().classes("w-full gap-4 no-wrap items-start"):
        with ui.card().props("flat bordered").classes("flex-1 gap-1"):
            ui.label(t("dash.intake_week")).classes("text-subtitle1")
            ui.echart(
                {
                    "animation": False,
                    "tooltip": {"trigger": "axis"},
                    "grid": {"left": 36, "right": 12, "top": 16, "bottom": 26},
                    "xAxis": {
                        "type": "category",
                        "data": [day(d)[:5] for d, _ in data.intake_by_day],
                    },
                    "yAxis": {"type": "value", "minInterval": 1},
                    "series": [
                        {
                            "type": "bar",
                            "color": "#24527a",
                            "data": [n for _d, n in data.intake_by_day],
                        }
                    ],
                }
            ).classes("w-full h-56").mark("dash-intake-chart")
        with ui.card().props("flat bordered").classes("flex-1 gap-1").mark("dash-soon"):
            ui.label(t("dash.soon")).classes("text-subtitle1")
            if not data.breaching_soon:
                ui.label(t("dash.soon_none")).classes("text-body2 text-grey-7")
            for item in data.breaching_soon:
                left = (
                    duration((item.state.due - data.now).total_seconds(), session.lang)
                    if item.state.due
                    else ""
                )
                late = item.state.breached
                with ui.row().classes("w-full no-wrap items-center gap-2"):
                    ui.link(f"№ {item.ticket.number}", f"/tickets/{item.ticket.number}")
                    ui.label(_short(item.ticket.description)).classes("flex-1 text-body2 ellipsis")
                    ui.label(
                        t("sla.timer.overdue" if late else "sla.timer.left", time=left)
                    ).classes("text-caption " + ("text-negative" if late else "text-orange-9"))
    with ui.row().classes("w-full gap-4 no-wrap items-start"):
        if works:
            _queue(session, data)
        if data.licenses is not None:
            _licenses(session, data)


def _queue(session: Session, data: Dashboard) -> None:
    t = session.t
    with ui.card().props("flat bordered").classes("flex-1 gap-1").mark("dash-queue"):
        ui.label(t("dash.my_queue")).classes("text-subtitle1")
        if not data.queue:
            ui.label(t("dash.queue_none")).classes("text-body2 text-grey-7")
        for ticket in data.queue:
            with ui.row().classes("w-full no-wrap items-center gap-2"):
                ui.link(f"№ {ticket.number}", f"/tickets/{ticket.number}")
                ui.label(_short(ticket.description)).classes("flex-1 text-body2 ellipsis")
                ui.label(t(f"priority.{ticket.priority}")).classes("text-caption text-grey-8")
                ui.label(t(f"status.{ticket.status}")).classes("text-caption text-grey-8")


def _licenses(session: Session, data: Dashboard) -> None:
    t = session.t
    assert data.licenses is not None
    with ui.card().props("flat bordered").classes("flex-1 gap-1").mark("dash-licenses"):
        ui.label(t("dash.licenses")).classes("text-subtitle1")
        if not data.licenses:
            ui.label(t("dash.licenses_none")).classes("text-body2 text-grey-7")
        today = data.now.astimezone(zone(session.ctx.settings.time_zone)).date()
        for lic in data.licenses:
            with ui.row().classes("w-full no-wrap items-center gap-2"):
                ui.label(lic.product).classes("text-body2 text-weight-medium ellipsis")
                ui.label(lic.org_name).classes("flex-1 text-body2 text-grey-8 ellipsis")
                days = (lic.valid_until - today).days
                ui.label(t("dash.license_until", day=day(lic.valid_until), days=days)).classes(
                    "text-caption whitespace-nowrap "
                    + ("text-negative" if days <= 7 else "text-grey-8")
                )


def _short(text: str, limit: int = 70) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _backups(session: Session, data: Dashboard) -> None:
    t = session.t
    tz = session.ctx.settings.time_zone
    failure = data.last_backup_failure
    if failure is not None:
        with (
            ui.row()
            .classes("w-full items-center gap-2 no-wrap p-3 rounded bg-red-1 text-negative")
            .mark("dash-backup-failed")
        ):
            ui.icon("error", color="negative")
            ui.label(
                t(
                    "dash.backup_failed",
                    at=when(from_db(failure.started_at), tz),
                    trigger=t(f"dash.backup_trigger.{failure.trigger}"),
                    error=failure.error_text or "—",
                )
            ).classes("text-body2")
            ui.link(t("dash.backup_open"), "/settings/backups").classes("text-negative")
    last = data.last_backup
    with ui.row().classes("items-center gap-2").mark("dash-backup"):
        ui.icon("backup", color="positive" if last and last.result == "ok" else "grey")
        if last is None:
            ui.label(t("dash.backup_never")).classes("text-body2 text-grey-8")
        else:
            ui.label(
                t(
                    "dash.backup_last_ok" if last.result == "ok" else "dash.backup_last_failed",
                    at=when(from_db(last.started_at), tz),
                )
            ).classes("text-body2 text-grey-8")
