"""``/reports/work``: the work report per organisation and period (``reports.work``), with a
chart of the hours per technician, additional work at the user's request in red."""

from __future__ import annotations

from appliance.reports.document import Document
from appliance.ui.common.session import Session
from appliance.ui.reports.route import report_route
from appliance.ui.reports.view import chart_box

RED = "#c62828"
BLUE = "#24527a"


def charts(session: Session, doc: Document) -> None:
    per_tech = sorted(doc.charts.get("technicians", []), key=lambda v: v[1])
    if not per_tech:
        return
    names = [name for name, _m, _x in per_tech]
    chart_box(
        {
            "tooltip": {"trigger": "axis"},
            "legend": {
                "top": 0,
                "data": [
                    session.t("reports.work.total_basic"),
                    session.t("reports.work.total_additional"),
                ],
            },
            "grid": {"left": 10, "right": 30, "top": 40, "bottom": 30},
            "xAxis": {"type": "value", "name": session.t("reports.unit.hours")},
            "yAxis": {"type": "category", "data": names},
            "series": [
                {
                    "name": session.t("reports.work.total_basic"),
                    "type": "bar",
                    "stack": "h",
                    "color": BLUE,
                    "data": [round((m - x) / 60, 2) for _n, m, x in per_tech],
                },
                {
                    "name": session.t("reports.work.total_additional"),
                    "type": "bar",
                    "stack": "h",
                    "color": RED,
                    "data": [round(x / 60, 2) for _n, _m, x in per_tech],
                },
            ],
        },
        "report-chart-work",
        "h-56",
    )


def register() -> None:
    report_route("work", charts)
