"""CSV and XLSX bytes -> rows of cells, each with the line number a person sees in the file.

Spreadsheets as offices really export them: CSV in UTF-8 with or without a BOM, UTF-16 ("Unicode
text" from Excel), or Windows-1251; ``;`` (Russian Excel), ``,`` or tab between cells; a title or
blank lines above the header. XLSX read with openpyxl in read-only mode (streamed, so a big or
hostile file costs rows, not memory), first sheet, dates as date cells, numbers as numbers.

Limits keep a mistaken upload (a whole database dump, a zip bomb) from holding the appliance:
``MAX_BYTES``, ``MAX_ROWS``, ``MAX_COLUMNS``. Beyond them the file is refused, not truncated.
"""

from __future__ import annotations

import csv
import io
import zipfile
from dataclasses import dataclass
from datetime import date, datetime, time
from pathlib import PurePath

from appliance.domain.errors import InvalidInput

MAX_BYTES = 10 * 1024 * 1024
MAX_ROWS = 20_000
MAX_COLUMNS = 60
DELIMITERS = (";", "\t", ",")
_SNIFF_ROWS = 30

# A cell as read: text from CSV; text, number, date or nothing from XLSX.
Cell = str | int | float | date | datetime | time | bool | None


@dataclass(frozen=True)
class RawRow:
    line: int  # 1-based: the line in a CSV file, the row number in a sheet
    cells: tuple[Cell, ...]

    def is_blank(self) -> bool:
        return all(
            cell is None or (isinstance(cell, str) and not cell.strip()) for cell in self.cells
        )


@dataclass(frozen=True)
class RawTable:
    file_name: str
    rows: tuple[RawRow, ...]  # blank rows left out


def read_table(data: bytes, file_name: str) -> RawTable:
    """The rows of ``data``: XLSX when it is a zip (or named .xlsx), else CSV."""
    name = PurePath(file_name).name or "file"
    if len(data) > MAX_BYTES:
        raise InvalidInput("import.error.too_big", megabytes=MAX_BYTES // (1024 * 1024))
    if not data.strip():
        raise InvalidInput("import.error.empty_file")
    suffix = PurePath(name).suffix.lower()
    if suffix == ".xls" or data[:8] == b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1":
        raise InvalidInput("import.error.old_xls")
    if data[:4] == b"PK\x03\x04" or suffix in (".xlsx", ".xlsm"):
        rows = _read_xlsx(data)
    else:
        rows = _read_csv(decode_text(data))
    kept = tuple(row for row in rows if not row.is_blank())
    if not kept:
        raise InvalidInput("import.error.empty_file")
    return RawTable(file_name=name, rows=kept)


# -- CSV ----------------------------------------------------------------------------------------


def decode_text(data: bytes) -> str:
    """Text of a CSV file: by its BOM; else UTF-8 if it decodes; else Windows-1251, which is
    what Russian Excel writes by default (and which decodes any byte but 0x98)."""
    if data.startswith(b"\xef\xbb\xbf"):
        return data[3:].decode("utf-8", errors="replace")
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return data.decode("utf-16", errors="replace")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        return data.decode("cp1251", errors="replace")


def sniff_delimiter(text: str) -> str:
    """The separator that splits the first lines into the most cells, consistently: ``;`` in
    "Ромашка, ООО;10.0.0.1" is the separator even though a comma appears too."""
    lines = [line for line in text.splitlines() if line.strip()][:_SNIFF_ROWS]
    best, best_score = ",", (-1, -1)
    for delimiter in DELIMITERS:
        widths = [len(row) for row in csv.reader(lines, delimiter=delimiter)]
        wide = [width for width in widths if width > 1]
        if not wide:
            continue
        common = max(set(wide), key=wide.count)
        score = (wide.count(common), common)
        if score > best_score:
            best, best_score = delimiter, score
    return best


def _read_csv(text: str) -> list[RawRow]:
    delimiter = sniff_delimiter(text)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    rows: list[RawRow] = []
    start = 1
    try:
        for cells in reader:
            # A quoted cell may span lines: the row starts where the previous one ended.
            rows.append(RawRow(start, tuple(_unguard(cell) for cell in cells)))
            start = reader.line_num + 1
            _check_size(len(rows), len(cells))
    except csv.Error as error:
        raise InvalidInput("import.error.csv_broken", line=reader.line_num) from error
    return rows


def _unguard(cell: str) -> str:
    # What ``writing`` (and careful exporters) put before a formula-like text: '=SUM stays text.
    return cell[1:] if cell[:1] == "'" and cell[1:2] in ("=", "+", "-", "@") else cell


# -- XLSX ---------------------------------------------------------------------------------------


def _read_xlsx(data: bytes) -> list[RawRow]:
    # Imported here: openpyxl takes a while to import, and CSV does not need it.
    from openpyxl import load_workbook
    from openpyxl.utils.exceptions import InvalidFileException

    try:
        book = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except (zipfile.BadZipFile, InvalidFileException, KeyError, OSError, ValueError) as error:
        raise InvalidInput("import.error.xlsx_broken") from error
    try:
        sheet = book.worksheets[0] if book.worksheets else None
        if sheet is None:
            raise InvalidInput("import.error.empty_file")
        rows: list[RawRow] = []
        for number, cells in enumerate(sheet.iter_rows(values_only=True), start=1):
            values = tuple(_xlsx_value(value) for value in cells)
            # Trailing empty cells are formatting, not columns.
            while values and values[-1] is None:
                values = values[:-1]
            if values:
                rows.append(RawRow(number, values))
                _check_size(len(rows), len(values))
            elif number > MAX_ROWS * 2:
                # A sheet formatted down to row 1,048,576 is not data: stop at the blank tail.
                break
        return rows
    except (zipfile.BadZipFile, KeyError, ValueError, TypeError) as error:
        raise InvalidInput("import.error.xlsx_broken") from error
    finally:
        book.close()


def _xlsx_value(value: object) -> Cell:
    if value is None or isinstance(value, str | int | float | date | datetime | time | bool):
        if isinstance(value, str) and not value.strip():
            return None
        return value
    return str(value)


def _check_size(rows: int, columns: int) -> None:
    if rows > MAX_ROWS:
        raise InvalidInput("import.error.too_many_rows", limit=MAX_ROWS)
    if columns > MAX_COLUMNS:
        raise InvalidInput("import.error.too_many_columns", limit=MAX_COLUMNS)
