"""A table with its header found: which row names the columns, and the rows of data below it.

The header is not always on line 1: an export often starts with a title ("Оборудование ООО
Ромашка, на 01.11.2026") and a blank line. The header is the row among the first ``HEADER_SCAN``
whose cells name the most known fields of the kind; when none does, the first row.
"""

from __future__ import annotations

from dataclasses import dataclass

from appliance.clients_import.cells import normalise_header, text
from appliance.clients_import.kinds import fields_of, header_words
from appliance.clients_import.reading import RawRow, RawTable

HEADER_SCAN = 15


@dataclass(frozen=True)
class Sheet:
    file_name: str
    header_line: int
    headers: tuple[str, ...]  # as written in the file ("" for a column without a name)
    rows: tuple[RawRow, ...]  # the data rows, below the header

    def column_label(self, index: int) -> str:
        """How a person finds the column: its header, else its spreadsheet letter."""
        name = self.headers[index] if index < len(self.headers) else ""
        return name or column_letter(index)


def column_letter(index: int) -> str:
    """0 -> A, 25 -> Z, 26 -> AA: the letters a spreadsheet shows above the column."""
    letters = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        letters = chr(ord("A") + rest) + letters
    return letters


def known_headers(kind: str) -> set[str]:
    return {word for field in fields_of(kind) for word in header_words(field)}


def find_sheet(kind: str, table: RawTable) -> Sheet:
    known = known_headers(kind)
    best_index, best_hits = 0, 0
    for index, row in enumerate(table.rows[:HEADER_SCAN]):
        hits = sum(1 for cell in row.cells if normalise_header(cell) in known)
        if hits > best_hits:
            best_index, best_hits = index, hits
    header = table.rows[best_index]
    data = table.rows[best_index + 1 :]
    width = max([len(header.cells), *(len(row.cells) for row in data)])
    headers = tuple(text(cell) for cell in header.cells) + ("",) * (width - len(header.cells))
    return Sheet(
        file_name=table.file_name, header_line=header.line, headers=headers, rows=tuple(data)
    )
