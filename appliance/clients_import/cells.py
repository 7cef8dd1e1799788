"""One cell -> one clean value: what a spreadsheet holds, read the way a person meant it.

Each parser takes the cell as read (text, number, date or nothing) and returns the value the
store keeps, or raises ``InvalidInput`` with a key that says what is wrong with it. Format rules
(IP, MAC, e-mail, phone, dates) are the domain's own validators, so an imported row obeys exactly
what the card's form obeys.
"""

from __future__ import annotations

import re
from datetime import date, datetime, time

from appliance.clients_import.reading import Cell
from appliance.domain.errors import InvalidInput

# Text dates as Russian and English office files write them.
_DATE_FORMATS = ("%d.%m.%Y", "%Y-%m-%d", "%d/%m/%Y", "%d.%m.%y", "%Y.%m.%d", "%d-%m-%Y")
_TRUE = {"1", "да", "д", "yes", "y", "true", "истина", "+", "x", "х", "v", "✓", "ключевой", "key"}
_NOT_WORD = re.compile(r"[^\w]+")
_FALSE = {"", "0", "нет", "н", "no", "n", "false", "ложь", "-", "—"}


def text(cell: Cell) -> str:
    """The cell as text: whole numbers without ``.0`` (a serial typed as a number), dates ISO."""
    if cell is None:
        return ""
    if isinstance(cell, bool):
        return "1" if cell else "0"
    if isinstance(cell, float):
        return str(int(cell)) if cell.is_integer() else repr(cell)
    if isinstance(cell, datetime):
        return cell.date().isoformat() if cell.time() == time() else cell.isoformat(sep=" ")
    if isinstance(cell, date | time):
        return cell.isoformat()
    return str(cell).strip()


def day(cell: Cell) -> date | None:
    """A date cell, or text in one of the usual formats; empty -> None."""
    if cell is None:
        return None
    if isinstance(cell, datetime):
        return cell.date()
    if isinstance(cell, date):
        return cell
    value = text(cell)
    if not value:
        return None
    value = value.split(" ")[0]  # "31.12.2026 0:00:00" from a CSV of date cells
    for layout in _DATE_FORMATS:
        try:
            return datetime.strptime(value, layout).date()
        except ValueError:
            continue
    raise InvalidInput("import.error.date", value=value)


def whole_number(cell: Cell, *, default: int | None = None) -> int | None:
    """A whole number >= 0 ("5", 5, 5.0, "5,0"); empty -> ``default``."""
    if cell is None or (isinstance(cell, str) and not cell.strip()):
        return default
    if isinstance(cell, bool):
        raise InvalidInput("import.error.number", value=text(cell))
    if isinstance(cell, int):
        number = cell
    elif isinstance(cell, float) and cell.is_integer():
        number = int(cell)
    else:
        value = text(cell).replace(",", ".").replace(" ", "").replace("\u00a0", "")
        try:
            as_float = float(value)
        except ValueError:
            raise InvalidInput("import.error.number", value=text(cell)) from None
        if not as_float.is_integer():
            raise InvalidInput("import.error.number", value=text(cell))
        number = int(as_float)
    if number < 0:
        raise InvalidInput("import.error.number", value=text(cell))
    return number


def flag(cell: Cell) -> bool:
    """Yes/no as people type it: да/нет, yes/no, 1/0, x, +; empty is no."""
    if isinstance(cell, bool):
        return cell
    value = text(cell).casefold()
    if value in _TRUE:
        return True
    if value in _FALSE:
        return False
    raise InvalidInput("import.error.flag", value=text(cell))


def words(cell: Cell) -> tuple[str, ...]:
    """Several names in one cell (OS logins): split at commas, semicolons, spaces or lines."""
    return tuple(part for part in re.split(r"[,;\s]+", text(cell)) if part)


def normalise_header(value: Cell) -> str:
    """A header as compared with the known names: lower case, ё as е, no punctuation."""
    folded = text(value).casefold().replace("ё", "е")
    return " ".join(_NOT_WORD.sub(" ", folded).split())
