"""What every report page shares: the frame, the links between the reports, the filter bar, the
report's header lines, its export buttons (downloads from ``export_route``), and its tables.

A report page module gives its kind and a function drawing its charts from the computed
``Document``; ``show_report`` does the rest. Cells go through ``ui/common/format.py``: moments
in the appliance's zone, minutes logged as "1 ч 05 мин", business durations as "2 д 3 ч".
Red rows (work at the user's request, breaches) are coloured by a row slot; text stays text.

Test markers: ``report-<kind>`` (the page), ``report-table-<table key>``,
``report-export-pdf|xlsx|csv``, ``report-tab-<kind>``, ``report-lines``.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime
from typing import Any

from nicegui import ui

from appliance.domain.clock import utc_now
from appliance.reports.document import Column, Document, Table, Value
from appliance.services.reports import KINDS, report_choices, report_document
from appliance.ui.common.errors import shown_errors
from appliance.ui.common.format import day, duration, minutes_spent, when
from appliance.ui.common.frame import frame
from appliance.ui.common.session import Session
from appliance.ui.common.tables import friendly_empty
from appliance.ui.reports.filters import FilterBar
from appliance.ui.reports.params import ReportParams, today_in

# A table on screen shows this many rows; the export has them all.
SCREEN_ROWS = 500
EXPORT_PATH = "/reports/export/{kind}.{fmt}"

_ROW_SLOT = r"""
<q-tr v-if="props.row._heading" :props="props" class="tk-group">
  <q-td colspan="100%" class="text-weight-medium">{{ props.row._heading }}</q-td>
</q-tr>
<q-tr v-else :props="props" :class="props.row._tone ? 'tk-' + props.row._tone : ''">
  <q-td v-for="col in props.cols" :key="col.name" :props="props">{{ col.value }}</q-td>
</q-tr>
"""
_CSS = """
.tk-report tr.tk-group td { background: #e8eef5; color: #14304a; }
.tk-report tr.tk-additional td { background: #ffe4e6; color: #b00020; }
.tk-report tr.tk-alert td { color: #b00020; }
.tk-report tr.tk-total td { font-weight: 600; }
"""

ChartDrawer = Callable[[Session, Document], None]


def cell(value: Value, column: Column, session: Session) -> str:
    tz = session.ctx.settings.time_zone
    if value is None or value == "":
        return "—" if column.kind in ("seconds", "percent") else ""
    if column.kind == "minutes":
        return minutes_spent(int(value), session.lang)  # type: ignore[arg-type]
    if column.kind == "seconds":
        return duration(float(value), session.lang)  # type: ignore[arg-type]
    if column.kind == "percent":
        return f"{round(float(value) * 100)} %"  # type: ignore[arg-type]
    if isinstance(value, datetime):
        return when(value, tz)
    if isinstance(value, date):
        return day(value)
    return str(value)


def table_view(session: Session, table: Table) -> None:
    ui.label(table.title).classes("text-subtitle1 text-grey-9 mt-2")
    columns = [
        {
            "name": c.key,
            "label": c.title,
            "field": c.key,
            "align": "right" if c.kind in ("int", "minutes", "seconds", "percent") else "left",
        }
        for c in table.columns
    ]
    rows: list[dict[str, Any]] = []
    heading: str | None = None
    for index, row in enumerate(table.rows[:SCREEN_ROWS]):
        if row.group is not None and row.group != heading:
            heading = row.group
            rows.append({"id": f"h{index}", "_heading": heading})
        values = {
            c.key: cell(v, c, session) for c, v in zip(table.columns, row.values, strict=True)
        }
        rows.append({"id": index, "_tone": row.tone, **values})
    view = (
        ui.table(columns=columns, rows=rows, row_key="id", pagination=0)
        .props("dense flat bordered wrap-cells hide-bottom")
        .classes("w-full tk-report")
        .mark(f"report-table-{table.key}")
    )
    view.add_slot("body", _ROW_SLOT)
    friendly_empty(view, session.t("reports.none"))
    if len(table.rows) > SCREEN_ROWS:
        ui.label(
            session.t("reports.ui.truncated", shown=SCREEN_ROWS, total=len(table.rows))
        ).classes("text-caption text-grey-7")
    if table.note:
        ui.label(table.note).classes("text-caption text-grey-7")


def report_tabs(session: Session, active: str) -> None:
    with ui.row().classes("gap-1"):
        ui.link(session.t("reports.ui.overview"), "/reports").classes(
            "px-3 py-1 rounded text-grey-8 no-underline"
        ).mark("report-tab-overview")
        for kind in KINDS:
            link = ui.link(session.t(f"reports.ui.tab.{kind}"), f"/reports/{kind}").classes(
                "px-3 py-1 rounded no-underline"
            )
            link.classes("bg-primary text-white" if kind == active else "text-primary")
            link.mark(f"report-tab-{kind}")


def export_buttons(kind: str, params: ReportParams, session: Session) -> None:
    """Links (Quasar buttons with ``href``) to the downloads, carrying the page's filters."""
    for fmt, icon in (("pdf", "picture_as_pdf"), ("xlsx", "grid_on"), ("csv", "description")):
        url = EXPORT_PATH.format(kind=kind, fmt=fmt) + "?" + params.encoded()
        button = ui.button(fmt.upper(), icon=icon).props("outline dense no-caps")
        button.props["href"] = url
        button.props["download"] = ""
        button.classes("px-2").mark(f"report-export-{fmt}")


async def show_report(
    session: Session, kind: str, params: ReportParams, charts: ChartDrawer
) -> None:
    now = utc_now()
    tz = session.ctx.settings.time_zone
    query = params.query(kind, today_in(tz, now))
    with frame(session, active="reports", title=session.t(f"reports.ui.tab.{kind}")):
        ui.add_css(_CSS)
        report_tabs(session, kind)
        async with shown_errors(session):
            choices = await report_choices(session.store, session.actor)

            def reload(changed: ReportParams) -> None:
                ui.navigate.to(f"/reports/{kind}?{changed.encoded()}")

            FilterBar(session, choices, params, query.period, reload).build()
            doc = await report_document(
                session.store, session.actor, query, lang=session.lang, time_zone=tz, now=now
            )
            with ui.row().classes("w-full items-start no-wrap gap-2").mark(f"report-{kind}"):
                with ui.column().classes("gap-0 flex-1").mark("report-lines"):
                    for line in doc.lines:
                        ui.label(line).classes("text-body2 text-grey-8")
                export_buttons(kind, params, session)
            if doc.notice:
                with (
                    ui.row()
                    .classes("w-full items-center gap-2 no-wrap p-2 rounded bg-blue-1")
                    .mark("report-notice")
                ):
                    ui.icon("schedule", color="primary")
                    ui.label(doc.notice).classes("text-body2")
            charts(session, doc)
            for table in doc.tables:
                table_view(session, table)


def chart_box(options: dict[str, Any], marker: str, height: str = "h-72") -> None:
    # Axis labels (long category names) inside the chart's box, the legend on top. No
    # animation: a report is read, not watched (and a screenshot or a print then shows it whole).
    options["grid"] = {"containLabel": True, **options.get("grid", {})}
    options["animation"] = False
    ui.echart(options).classes(f"w-full {height}").mark(marker)
