"""``/reports/export/{kind}.{fmt}``: a report as a download (PDF, XLSX, CSV), for the export
buttons of the report pages. The same check as the pages (``VIEW_REPORTS``: 401 without a
session, 403 without the right), the filters from the query string as the page has them, and the
export audited by the service. ``sep`` chooses the CSV separator (";" by default in Russian).
"""

from __future__ import annotations

from typing import Annotated
from urllib.parse import quote

from fastapi import Depends, Response
from fastapi.responses import JSONResponse
from nicegui import app

from appliance.domain.clock import utc_now
from appliance.domain.errors import AppError
from appliance.domain.permissions import Permission
from appliance.services.reports import KINDS, export_report
from appliance.ui.common.guard import http_session
from appliance.ui.common.session import Session
from appliance.ui.reports.params import from_query, today_in

ReportsSession = Annotated[Session, Depends(http_session(Permission.VIEW_REPORTS))]
DOWNLOADS = ("pdf", "xlsx", "csv")


def register() -> None:
    @app.get("/reports/export/{kind}.{fmt}", include_in_schema=False)
    async def report_export(
        session: ReportsSession,
        kind: str,
        fmt: str,
        preset: str = "",
        start: str = "",
        end: str = "",
        org: str = "",
        tech: str = "",
        category: str = "",
        priority: str = "",
        sep: str = "",
    ) -> Response:
        if kind not in KINDS or fmt not in DOWNLOADS:
            return JSONResponse({"detail": session.t("reports.ui.no_such_export")}, 404)
        params = from_query(
            preset=preset,
            start=start,
            end=end,
            org=org,
            tech=tech,
            category=category,
            priority=priority,
        )
        tz = session.ctx.settings.time_zone
        now = utc_now()
        try:
            export = await export_report(
                session.store,
                session.actor,
                params.query(kind, today_in(tz, now)),
                fmt,
                lang=session.lang,
                time_zone=tz,
                separator=sep or None,
                now=now,
            )
        except AppError as error:
            status = {"forbidden": 403, "not_found": 404}.get(error.kind, 400)
            return JSONResponse({"detail": session.t(error.key, **error.values)}, status)
        return Response(
            content=export.content,
            media_type=export.media_type,
            headers={
                "Content-Disposition": f"attachment; filename*=UTF-8''{quote(export.file_name)}",
                "Cache-Control": "no-store",
            },
        )
