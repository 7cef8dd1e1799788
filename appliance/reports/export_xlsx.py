"""A report as an XLSX workbook (openpyxl, write-only: a month of 5,000 tickets in well under
two seconds).

The first sheet holds the title and what the report covers; then one sheet per table, its
header row bold and frozen, an auto filter over it, real cells: counts and minutes as numbers,
business durations as time cells (``[h]:mm``), shares as percentages, days as dates and moments
as date-times in the report's zone. Work at the user's request is filled red (and its text red);
alerts (breaches) are red text; totals bold. Lines for readers only are left out.
"""

from __future__ import annotations

import io
import re
from datetime import date, datetime
from zoneinfo import ZoneInfo

from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter

from appliance.i18n import t
from appliance.reports.document import Column, Document, Row, Value

RED = "C00000"
RED_FILL = PatternFill("solid", fgColor="FFC7CE")
_BOLD = Font(bold=True)
_RED_FONT = Font(color=RED)
_RED_BOLD = Font(color=RED, bold=True)
_HEADER_FILL = PatternFill("solid", fgColor="DCE6F1")
_WRAP = Alignment(wrap_text=True, vertical="top")
_FORMATS = {
    "int": "0",
    "minutes": "0",
    "seconds": "[h]:mm",
    "percent": "0%",
    "date": "DD.MM.YYYY",
    "datetime": "DD.MM.YYYY HH:MM",
}
_WIDTH = {"int": 9, "minutes": 11, "seconds": 11, "percent": 10, "date": 12, "datetime": 17}


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
    book = Workbook(write_only=True)
    used: set[str] = set()
    cover = book.create_sheet(_sheet_title(t("reports.xlsx.cover", doc.lang), used))
    cover.column_dimensions["A"].width = 100
    title = WriteOnlyCell(cover, doc.title)
    title.font = Font(bold=True, size=14)
    cover.append([title])
    for line in (*doc.lines, doc.notice) if doc.notice else doc.lines:
        cover.append([line])
    for table in doc.tables:
        sheet = book.create_sheet(_sheet_title(table.title, used))
        for index, column in enumerate(table.columns, start=1):
            width = _WIDTH.get(column.kind, max(12, min(60, int(14 * column.width))))
            sheet.column_dimensions[get_column_letter(index)].width = width
        sheet.freeze_panes = "A2"
        header = []
        for column in table.columns:
            cell = WriteOnlyCell(sheet, _header(column, doc.lang))
            cell.font = _BOLD
            cell.fill = _HEADER_FILL
            header.append(cell)
        sheet.append(header)
        rows = [row for row in table.rows if not row.print_only]
        for row in rows:
            sheet.append(_cells(sheet, row, table.columns, zone))
        last = get_column_letter(len(table.columns))
        sheet.auto_filter.ref = f"A1:{last}{len(rows) + 1}"
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def _cells(sheet: object, row: Row, columns: tuple[Column, ...], zone: ZoneInfo) -> list[object]:
    cells = []
    for value, column in zip(row.values, columns, strict=True):
        cell = WriteOnlyCell(sheet, _value(value, column, zone))
        number_format = _FORMATS.get(column.kind)
        if number_format and value is not None:
            cell.number_format = number_format
        if column.kind == "text" and column.width >= 2:
            cell.alignment = _WRAP
        if row.tone == "additional":
            cell.fill = RED_FILL
            cell.font = _RED_FONT
        elif row.tone == "alert":
            cell.font = _RED_FONT
        elif row.tone == "total":
            cell.font = _BOLD
        cells.append(cell)
    return cells
