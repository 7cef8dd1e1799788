"""A report as an XLSX workbook (``reports.xlsx_writer``; openpyxl reads it back in the tests).

The first sheet holds the title and what the report covers; then one sheet per table, its
header row bold and frozen, an auto filter over it, real cells: counts and minutes as numbers,
business durations as time cells (``[h]:mm``), shares as percentages, days as dates and moments
as date-times in the report's zone. Work at the user's request is filled red (and its text red);
alerts (breaches) are red text; totals bold. Lines for readers only are left out.
"""

from __future__ import annotations

import re
from datetime import date, datetime
from zoneinfo import ZoneInfo

from appliance.i18n import t
from appliance.reports.document import Column, Document, Row, Value
from appliance.reports.xlsx_writer import Style, Workbook

RED_FILL_RGB = "FFFFC7CE"
_FORMATS = {
    "int": "0",
    "minutes": "0",
    "seconds": "[h]:mm",
    "percent": "0%",
    "date": "DD.MM.YYYY",
    "datetime": "DD.MM.YYYY HH:MM",
}
_WIDTH = {"int": 9, "minutes": 11, "seconds": 11, "percent": 10, "date": 12, "datetime": 17}
_TONE = {"": ("", ""), "additional": ("red", "red"), "alert": ("red", ""), "total": ("bold", "")}


def _sheet_title(title: str, used: set[str]) -> str:
    name = re.sub(r"[\[\]:*?/\\]", " ", title)[:31].strip() or "Sheet"
    base, n = name, 2
    while name.lower() in used:
        suffix = f" ({n})"
        name, n = base[: 31 - len(suffix)] + suffix, n + 1
    used.add(name.lower())
    return name


def _value(value: Value, column: Column, zone: ZoneInfo) -> Value:
    if value is None:
        return None
    if column.kind == "seconds":
        return float(value) / 86_400  # type: ignore[arg-type]
    if isinstance(value, datetime):
        return value.astimezone(zone).replace(tzinfo=None)
    if isinstance(value, date):
        return value
    return value


def _header(column: Column, lang: str) -> str:
    if column.kind == "minutes":
        return f"{column.title}, {t('reports.unit.minutes', lang)}"
    return column.title


def render(doc: Document) -> bytes:
    zone = ZoneInfo(doc.time_zone)
    book = Workbook()
    used: set[str] = set()
    cover = book.add_sheet(_sheet_title(t("reports.xlsx.cover", doc.lang), used), widths=(100,))
    book.append(cover, [doc.title], [book.style(Style(font="title"))])
    for line in (*doc.lines, doc.notice) if doc.notice else doc.lines:
        book.append(cover, [line], [0])
    header_style = book.style(Style(font="bold", fill="header", wrap=True))
    for table in doc.tables:
        widths = [_WIDTH.get(c.kind, max(12, min(60, int(14 * c.width)))) for c in table.columns]
        sheet = book.add_sheet(
            _sheet_title(table.title, used), widths=widths, frozen_header=True, auto_filter=True
        )
        book.append(
            sheet, [_header(c, doc.lang) for c in table.columns], [header_style] * len(widths)
        )
        styles = {
            tone: [
                book.style(
                    Style(
                        number_format=_FORMATS.get(c.kind, "General"),
                        font=font,
                        fill=fill,
                        wrap=c.kind == "text" and c.width >= 2,
                    )
                )
                for c in table.columns
            ]
            for tone, (font, fill) in _TONE.items()
        }
        for row in table.rows:
            if not row.print_only:
                book.append(sheet, _values(row, table.columns, zone), styles[row.tone])
    return book.save()


def _values(row: Row, columns: tuple[Column, ...], zone: ZoneInfo) -> list[Value]:
    return [_value(v, c, zone) for v, c in zip(row.values, columns, strict=True)]
