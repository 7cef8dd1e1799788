"""One report page's route: ``/reports/<kind>`` under ``VIEW_REPORTS``, its filters from the
query string (``params``), drawn by ``view.show_report`` with the page's own charts."""

from __future__ import annotations

from nicegui import ui

from appliance.domain.permissions import Permission
from appliance.ui.common.guard import require_user
from appliance.ui.common.session import Session
from appliance.ui.reports.params import from_query
from appliance.ui.reports.view import ChartDrawer, show_report


def report_route(kind: str, charts: ChartDrawer) -> None:
    @ui.page(f"/reports/{kind}")
    @require_user(Permission.VIEW_REPORTS)
    async def report_page(
        session: Session,
        preset: str = "",
        start: str = "",
        end: str = "",
        org: str = "",
        tech: str = "",
        category: str = "",
        priority: str = "",
    ) -> None:
        params = from_query(
            preset=preset,
            start=start,
            end=end,
            org=org,
            tech=tech,
            category=category,
            priority=priority,
        )
        await show_report(session, kind, params, charts)
