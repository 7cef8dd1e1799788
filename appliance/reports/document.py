"""What every report gives its exporters and its page: a titled document of tables.

A report (``work``, ``categories``, ``efficiency``, ``sla``) is computed once into a ``Document``;
the PDF, XLSX and CSV exporters and the page's tables all render that one value, so the figures
are the same wherever they are read. Cells keep their type (numbers, dates, durations) so that
the spreadsheet gets real number and date cells and the PDF gets text in the report's language.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any, Literal

# text: str; int: a count; minutes: whole minutes logged; seconds: a duration (business time);
# percent: a share 0..1; date / datetime: a day / an aware moment (shown in the report's zone).
Kind = Literal["text", "int", "minutes", "seconds", "percent", "date", "datetime"]
Value = str | int | float | date | datetime | None
# additional: work at the user's request (red text, red fill in a spreadsheet);
# alert: a figure to notice (red text only); total: a total line (bold).
Tone = Literal["", "additional", "alert", "total"]


@dataclass(frozen=True)
class Column:
    key: str
    title: str
    kind: Kind = "text"
    width: float = 1.0  # share of the page's width in the PDF, relative to the others


@dataclass(frozen=True)
class Row:
    values: tuple[Value, ...]
    tone: Tone = ""
    # A heading the PDF and the page print above this row when it differs from the previous
    # row's (the ticket an action belongs to); spreadsheets have the columns for it.
    group: str | None = None
    # A line for readers only (a subtotal inside a list): spreadsheets and CSV leave it out, so
    # their rows stay one kind each and filter and sum cleanly.
    print_only: bool = False


@dataclass(frozen=True)
class Table:
    key: str
    title: str
    columns: tuple[Column, ...]
    rows: tuple[Row, ...]
    note: str = ""
    # False: the PDF leaves this table out because its rows' group headings already say it all
    # (the work report's tickets, one heading per ticket above its work).
    in_pdf: bool = True

    def column_values(self, key: str) -> list[Value]:
        index = [c.key for c in self.columns].index(key)
        return [row.values[index] for row in self.rows]


@dataclass(frozen=True)
class Document:
    kind: str  # work | categories | efficiency | sla
    title: str
    lines: tuple[str, ...]  # period, filters, how figures are counted
    tables: tuple[Table, ...]
    lang: str
    time_zone: str
    charts: dict[str, Any] = field(default_factory=dict)
    notice: str = (
        ""  # how the figures are counted, which the page highlights  # data the page draws, by name
    )

    def table(self, key: str) -> Table:
        for table in self.tables:
            if table.key == key:
                return table
        raise KeyError(key)
