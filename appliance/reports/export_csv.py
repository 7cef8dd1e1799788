"""A report as CSV: UTF-8 with a byte-order mark (so Excel reads the Cyrillic), ``;``-separated
with decimal commas for Russian Excel by default, or ``,`` with decimal points as chosen.

Every table of the report in turn, each under a line with its title and a header line, separated
by an empty line. Numbers stay numbers: minutes as whole minutes, business durations in hours
(two decimals), shares in percent; dates ``dd.mm.yyyy``, moments ``dd.mm.yyyy hh:mm`` in the
report's zone. Lines for readers only (subtotals inside a list) are left out.
"""

from __future__ import annotations

import csv
import io
from datetime import date, datetime
from zoneinfo import ZoneInfo

from appliance.i18n import t
from appliance.reports.cells import DATE_FORMAT, TIME_FORMAT
from appliance.reports.document import Column, Document, Value

SEPARATORS = (";", ",")


def default_separator(lang: str) -> str:
    return ";" if lang == "ru" else ","


def _header(column: Column, lang: str) -> str:
    if column.kind == "minutes":
        return f"{column.title} ({t('reports.unit.minutes', lang)})"
    if column.kind == "seconds":
        return f"{column.title} ({t('reports.unit.hours', lang)})"
    if column.kind == "percent":
        return f"{column.title} (%)"
    return column.title


def _cell(value: Value, column: Column, zone: ZoneInfo, comma: bool) -> str:
    if value is None:
        return ""
    if column.kind == "seconds":
        text = f"{float(value) / 3600:.2f}"  # type: ignore[arg-type]
    elif column.kind == "percent":
        text = f"{float(value) * 100:.1f}"  # type: ignore[arg-type]
    elif isinstance(value, datetime):
        return value.astimezone(zone).strftime(TIME_FORMAT)
    elif isinstance(value, date):
        return value.strftime(DATE_FORMAT)
    elif isinstance(value, float):
        text = f"{value:.2f}"
    else:
        return str(value)
    return text.replace(".", ",") if comma else text


def render(doc: Document, separator: str | None = None) -> bytes:
    sep = separator or default_separator(doc.lang)
    if sep not in SEPARATORS:
        raise ValueError(f"separator must be one of {SEPARATORS}")
    zone = ZoneInfo(doc.time_zone)
    out = io.StringIO()
    writer = csv.writer(out, delimiter=sep, lineterminator="\r\n")
    writer.writerow([doc.title])
    for line in (*doc.lines, doc.notice) if doc.notice else doc.lines:
        writer.writerow([line])
    for table in doc.tables:
        writer.writerow([])
        writer.writerow([table.title])
        writer.writerow([_header(c, doc.lang) for c in table.columns])
        for row in table.rows:
            if row.print_only:
                continue
            writer.writerow(
                [
                    _cell(v, c, zone, sep == ";")
                    for v, c in zip(row.values, table.columns, strict=True)
                ]
            )
        if table.note:
            writer.writerow([table.note])
    return ("\ufeff" + out.getvalue()).encode("utf-8")
