"""Rows -> a spreadsheet file (XLSX or CSV) that ``reading`` reads back the same.

CSV is written as Russian Excel expects it (UTF-8 with a BOM, ``;`` between cells), which
LibreOffice and English Excel open too. Dates go to XLSX as date cells and to CSV as ISO text.
Cells that a spreadsheet would run as a formula (``=``, ``+``, ``-``, ``@`` first) are written
as text with a leading apostrophe in CSV, so an exported card cannot carry a formula injection;
``openpyxl`` writes strings as strings already.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Sequence
from datetime import date
from pathlib import PurePath

from appliance.domain.errors import InvalidInput

FORMATS = ("xlsx", "csv")
ExportCell = str | int | date | None


def format_of(file_name: str) -> str:
    suffix = PurePath(file_name).suffix.lower().lstrip(".")
    if suffix not in FORMATS:
        raise InvalidInput("import.error.export_format", name=PurePath(file_name).name)
    return suffix


def write_table(
    fmt: str, headers: Sequence[str], rows: Sequence[Sequence[ExportCell]], *, sheet_title: str
) -> bytes:
    return write_xlsx(headers, rows, sheet_title) if fmt == "xlsx" else write_csv(headers, rows)


def write_csv(headers: Sequence[str], rows: Sequence[Sequence[ExportCell]]) -> bytes:
    out = io.StringIO(newline="")
    writer = csv.writer(out, delimiter=";", lineterminator="\r\n")
    writer.writerow(headers)
    for row in rows:
        writer.writerow([_csv_cell(cell) for cell in row])
    return ("\ufeff" + out.getvalue()).encode("utf-8")


def _csv_cell(cell: ExportCell) -> str:
    if cell is None:
        return ""
    if isinstance(cell, date):
        return cell.isoformat()
    text = str(cell)
    if text[:1] in ("=", "+", "-", "@") and not _is_number(text):
        return "'" + text
    return text


def _is_number(text: str) -> bool:
    try:
        float(text)
    except ValueError:
        return False
    return True


def write_xlsx(headers: Sequence[str], rows: Sequence[Sequence[ExportCell]], title: str) -> bytes:
    from openpyxl import Workbook

    book = Workbook(write_only=True)
    sheet = book.create_sheet(title=title[:31] or "Sheet")
    sheet.append(list(headers))
    for row in rows:
        sheet.append(list(row))
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()
