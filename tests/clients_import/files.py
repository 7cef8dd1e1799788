"""Spreadsheets as offices make them, for import tests: XLSX with real date and number cells,
CSV in the encodings and separators office software writes."""

from __future__ import annotations

import io
from collections.abc import Sequence
from datetime import date
from typing import Any

from openpyxl import Workbook

Rows = Sequence[Sequence[Any]]


def xlsx(rows: Rows, *, title: Sequence[str] = ()) -> bytes:
    """A workbook whose first sheet holds ``title`` lines (then a blank row) and ``rows``."""
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    if title:
        for line in title:
            sheet.append([line])
        sheet.append([])
    for row in rows:
        sheet.append(list(row))
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def csv_bytes(
    rows: Rows,
    *,
    encoding: str = "utf-8",
    bom: bool = False,
    delimiter: str = ";",
    title: Sequence[str] = (),
) -> bytes:
    """CSV text the way Excel writes it: dates as DD.MM.YYYY, ``\\r\\n`` line ends, quotes
    only where needed."""
    import csv

    out = io.StringIO(newline="")
    writer = csv.writer(out, delimiter=delimiter, lineterminator="\r\n")
    for line in title:
        writer.writerow([line])
    if title:
        writer.writerow([])
    for row in rows:
        writer.writerow([_as_text(cell) for cell in row])
    text = out.getvalue()
    data = text.encode(encoding)
    if bom and encoding == "utf-8":
        data = b"\xef\xbb\xbf" + data
    return data


def _as_text(cell: Any) -> str:
    if cell is None:
        return ""
    if isinstance(cell, date):
        return cell.strftime("%d.%m.%Y")
    return str(cell)


EQUIPMENT_HEADER = (
    "Тип",
    "Наименование",
    "Имя хоста",
    "IP-адрес",
    "MAC",
    "Серийный номер",
    "Кабинет",
)


def equipment_rows(count: int, *, start: int = 1) -> list[tuple[Any, ...]]:
    kinds = ("ПК", "Принтер", "Ноутбук", "Коммутатор", "ИБП")
    return [
        (
            kinds[n % len(kinds)],
            f"Устройство {n}",
            f"pc-{n:05d}",
            f"10.{n // 65536 % 256}.{n // 256 % 256}.{n % 256}",
            f"00:1A:2B:{n // 65536 % 256:02X}:{n // 256 % 256:02X}:{n % 256:02X}",
            n * 1000 + 7,  # a serial typed as a number
            f"Каб. {n % 40}",
        )
        for n in range(start, start + count)
    ]
