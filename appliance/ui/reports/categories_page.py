"""``/reports/categories``: tickets per category and service over time, per organisation and
equipment kind, the top categories against the previous period (``reports.categories``)."""

from __future__ import annotations

from datetime import date

from nicegui import ui

from appliance.reports.document import Document
from appliance.ui.common.format import day
from appliance.ui.common.session import Session
from appliance.ui.reports.route import report_route
from appliance.ui.reports.view import chart_box


def charts(session: Session, doc: Document) -> None:
    top = list(doc.charts.get("top", []))
    over = doc.charts.get("over_time", {})
    with ui.row().classes("w-full no-wrap gap-4"):
        with ui.column().classes("flex-1"):
            labels = [label for label, _n, _p in reversed(top)]
            chart_box(
                {
                    "tooltip": {"trigger": "axis"},
                    "legend": {
                        "data": [
                            session.t("reports.ui.this_period"),
                            session.t("reports.cat.col.previous"),
                        ]
                    },
                    "grid": {"left": 10, "right": 20, "top": 40, "bottom": 30},
                    "xAxis": {"type": "value", "minInterval": 1},
                    "yAxis": {"type": "category", "data": labels},
                    "series": [
                        {
                            "name": session.t("reports.ui.this_period"),
                            "type": "bar",
                            "color": "#24527a",
                            "data": [n for _l, n, _p in reversed(top)],
                        },
                        {
                            "name": session.t("reports.cat.col.previous"),
                            "type": "bar",
                            "color": "#9fb3c8",
                            "data": [p for _l, _n, p in reversed(top)],
                        },
                    ],
                },
                "report-chart-top",
            )
        with ui.column().classes("flex-1"):
            starts: list[date] = list(over.get("buckets", []))
            chart_box(
                {
                    "tooltip": {"trigger": "axis"},
                    "legend": {"top": 0, "type": "scroll"},
                    "grid": {"left": 10, "right": 20, "top": 40, "bottom": 30},
                    "xAxis": {"type": "category", "data": [day(s) for s in starts]},
                    "yAxis": {"type": "value", "minInterval": 1},
                    "series": [
                        {"name": name, "type": "bar", "stack": "all", "data": counts}
                        for name, counts in over.get("series", [])
                    ],
                },
                "report-chart-over-time",
            )


def register() -> None:
    report_route("categories", charts)
