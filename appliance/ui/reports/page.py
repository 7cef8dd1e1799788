"""``/reports``: the overview: links to the four reports (work, categories, efficiency, SLA:
``/reports/<kind>``, each with filters, charts and exports) and the tickets received in the last
30 days, per category and per status.

Test markers: ``report-categories``, ``report-statuses``.
"""

from __future__ import annotations

from nicegui import ui

from appliance.domain.permissions import Permission
from appliance.services.reports import KINDS, PERIOD_DAYS, ticket_counts
from appliance.ui.common.format import when
from appliance.ui.common.frame import frame
from appliance.ui.common.guard import require_user
from appliance.ui.common.session import Session
from appliance.ui.common.tables import column, simple_table
from appliance.ui.reports.view import report_tabs


def register() -> None:
    @ui.page("/reports")
    @require_user(Permission.VIEW_REPORTS)
    async def reports_page(session: Session) -> None:
        counts = await ticket_counts(session.store, session.actor, days=PERIOD_DAYS)
        per_category, per_status = counts.per_category, counts.per_status
        with frame(session, active="reports", title=session.t("shell.reports.title")):
            report_tabs(session, "overview")
            with ui.row().classes("w-full gap-3"):
                for kind in KINDS:
                    with (
                        ui.link(target=f"/reports/{kind}")
                        .classes("no-underline text-grey-9")
                        .mark(f"report-card-{kind}"),
                        ui.card().props("flat bordered").classes("w-64 h-32 gap-1"),
                    ):
                        ui.label(session.t(f"reports.ui.tab.{kind}")).classes(
                            "text-subtitle1 text-primary"
                        )
                        ui.label(session.t(f"reports.ui.about.{kind}")).classes(
                            "text-caption text-grey-8"
                        )
            ui.label(
                session.t(
                    "shell.reports.period",
                    days=counts.days,
                    since=when(counts.since, session.ctx.settings.time_zone),
                    total=counts.total,
                )
            ).classes("text-body2 text-grey-8")
            with ui.row().classes("w-full gap-4 items-start no-wrap"):
                with ui.column().classes("flex-1 gap-2"):
                    ui.label(session.t("shell.reports.by_category")).classes("text-subtitle1")
                    rows = [
                        {
                            "id": index,
                            "label": row.label or session.t("shell.reports.no_category"),
                            "count": row.count,
                        }
                        for index, row in enumerate(per_category)
                    ]
                    _counts_table(session, rows, "shell.reports.col.category", "report-categories")
                with ui.column().classes("w-80 gap-2"):
                    ui.label(session.t("shell.reports.by_status")).classes("text-subtitle1")
                    rows = [
                        {
                            "id": row.label,
                            "label": session.t(f"status.{row.label}"),
                            "count": row.count,
                        }
                        for row in per_status
                    ]
                    _counts_table(session, rows, "shell.reports.col.status", "report-statuses")


def _counts_table(
    session: Session, rows: list[dict[str, object]], label_key: str, marker: str
) -> None:
    columns = [
        column("label", session.t(label_key)),
        column("count", session.t("shell.reports.col.count"), align="right", style="width: 6rem"),
    ]
    simple_table(columns, rows, empty=session.t("shell.reports.none"), marker=marker)
