"""``/reports/sla``: SLA compliance per organisation and priority, with the breaches listed
(``reports.sla_report``)."""

from __future__ import annotations

from appliance.reports.document import Document
from appliance.ui.common.session import Session
from appliance.ui.reports.route import report_route
from appliance.ui.reports.view import chart_box


def _percent(value: float | None) -> float | None:
    return None if value is None else round(value * 100, 1)


def charts(session: Session, doc: Document) -> None:
    rows = list(doc.charts.get("priorities", []))
    response = session.t("reports.sla.col.resp_share")
    resolution = session.t("reports.sla.col.res_share")
    chart_box(
        {
            "tooltip": {"trigger": "axis"},
            "legend": {"top": 0, "data": [response, resolution]},
            "grid": {"left": 10, "right": 20, "top": 40, "bottom": 30},
            "xAxis": {
                "type": "category",
                "data": [session.t(f"priority.{p}") for p, _a, _b in rows],
            },
            "yAxis": {"type": "value", "max": 100, "name": "%"},
            "series": [
                {
                    "name": response,
                    "type": "bar",
                    "color": "#24527a",
                    "data": [_percent(a) for _p, a, _b in rows],
                },
                {
                    "name": resolution,
                    "type": "bar",
                    "color": "#2e7d32",
                    "data": [_percent(b) for _p, _a, b in rows],
                },
            ],
        },
        "report-chart-sla",
        "h-60",
    )


def register() -> None:
    report_route("sla", charts)
