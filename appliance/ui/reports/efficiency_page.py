"""``/reports/efficiency``: first-response and resolution times (median, p90, share within SLA)
for the team and per technician, by week or month; time spent; backlog age
(``reports.efficiency``). The page says that the times are business time by each ticket's plan."""

from __future__ import annotations

from appliance.reports.document import Document
from appliance.ui.common.format import day
from appliance.ui.common.session import Session
from appliance.ui.reports.route import report_route
from appliance.ui.reports.view import chart_box


def _hours(seconds: float | None) -> float | None:
    return None if seconds is None else round(seconds / 3600, 2)


def charts(session: Session, doc: Document) -> None:
    trend = list(doc.charts.get("trend", []))
    response, resolution = (
        session.t("reports.ui.median_response"),
        session.t("reports.ui.median_resolution"),
    )
    tickets = session.t("reports.col.tickets")
    chart_box(
        {
            "tooltip": {"trigger": "axis"},
            "legend": {"top": 0, "data": [response, resolution, tickets]},
            "grid": {"left": 10, "right": 50, "top": 40, "bottom": 30},
            "xAxis": {"type": "category", "data": [day(start) for start, *_ in trend]},
            "yAxis": [
                {"type": "value", "name": session.t("reports.unit.hours")},
                {"type": "value", "name": tickets, "minInterval": 1},
            ],
            "series": [
                {
                    "name": response,
                    "type": "line",
                    "color": "#24527a",
                    "data": [_hours(r) for _s, r, _x, _n in trend],
                },
                {
                    "name": resolution,
                    "type": "line",
                    "color": "#c2410c",
                    "data": [_hours(x) for _s, _r, x, _n in trend],
                },
                {
                    "name": tickets,
                    "type": "bar",
                    "yAxisIndex": 1,
                    "color": "#cfd8e3",
                    "data": [n for *_rest, n in trend],
                },
            ],
        },
        "report-chart-trend",
    )


def register() -> None:
    report_route("efficiency", charts)
