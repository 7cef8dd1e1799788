"""Holidays and moved working days for a calendar: from the ``holidays`` package (a country's
public holidays for a year, with the government's transfers) or from a file (CSV or ICS), for
countries the package lacks or a company's own days off. Pure: parses text, no I/O.

Every source gives ``{date: (kind, name)}`` with kind 'holiday' or 'workday' (a date worked
although it is a weekend: a Saturday the working day was moved to).

CSV: one date a line, ``date,kind[,name]``; the date as YYYY-MM-DD or DD.MM.YYYY; kind is
holiday/workday (also: выходной/рабочий, off/work, h/w); a header line and blank or '#' lines are
skipped. ICS: each VEVENT's all-day DTSTART (``DTSTART;VALUE=DATE:20270101``), through its
DTEND (exclusive) when given, is a holiday named by its SUMMARY.
"""

from __future__ import annotations

import csv
import io
import re
from datetime import date, datetime, timedelta

from appliance.domain.errors import InvalidInput

Days = dict[date, tuple[str, str]]

# A file of more dates than this is not a holiday list.
MAX_DAYS = 5000
_KINDS = {
    "holiday": "holiday",
    "h": "holiday",
    "off": "holiday",
    "выходной": "holiday",
    "праздник": "holiday",
    "workday": "workday",
    "w": "workday",
    "work": "workday",
    "рабочий": "workday",
}


def public_days(country: str, year: int, lang: str = "ru") -> Days:
    """The public holidays of ``country`` (ISO code such as RU) in ``year`` with the moved days
    off ('Day off (substituted from ...)') and the weekend days worked instead (workdays)."""
    import holidays  # the package is large; only settings and the CLI need it

    code = country.strip().upper()
    if not 1900 <= year <= 2200:
        raise InvalidInput("sla.error.year", year=year)
    try:
        found = holidays.country_holidays(code, years=year, language=lang)
    except NotImplementedError:
        try:  # a language the country's data lacks: its own names then
            found = holidays.country_holidays(code, years=year)
        except NotImplementedError:
            raise InvalidInput("sla.error.country_unknown", country=country) from None
    days: Days = {day: ("holiday", str(name)) for day, name in found.items()}
    for day in sorted(getattr(found, "weekend_workdays", ())):
        if day.year == year and day not in days:
            days[day] = ("workday", "")
    return days


def parse_file(name: str, text: str) -> Days:
    """A CSV or ICS file's days (ICS when the name ends .ics or the text starts BEGIN:VCALENDAR)."""
    if name.lower().endswith(".ics") or text.lstrip().upper().startswith("BEGIN:VCALENDAR"):
        days = parse_ics(text)
    else:
        days = parse_csv(text)
    if not days:
        raise InvalidInput("sla.error.import_empty")
    return days


def _date(text: str, line: int) -> date:
    text = text.strip()
    for pattern in ("%Y-%m-%d", "%d.%m.%Y"):
        try:
            return datetime.strptime(text, pattern).date()
        except ValueError:
            continue
    raise InvalidInput("sla.error.import_date", line=line, value=text[:40])


def parse_csv(text: str) -> Days:
    days: Days = {}
    for number, row in enumerate(csv.reader(io.StringIO(text)), start=1):
        cells = [cell.strip() for cell in row]
        if not cells or not cells[0] or cells[0].startswith("#"):
            continue
        if number == 1 and not cells[0][:1].isdigit():
            continue  # a header line
        if len(cells) < 2:
            raise InvalidInput("sla.error.import_kind", line=number, value="")
        day = _date(cells[0], number)
        kind = _KINDS.get(cells[1].casefold())
        if kind is None:
            raise InvalidInput("sla.error.import_kind", line=number, value=cells[1][:40])
        days[day] = (kind, ",".join(cells[2:]).strip()[:200])
        if len(days) > MAX_DAYS:
            raise InvalidInput("sla.error.import_too_many", limit=MAX_DAYS)
    return days


_DATE_VALUE = re.compile(r"^(\d{8})")


def _unfold(text: str) -> list[str]:
    lines: list[str] = []
    for raw in text.splitlines():
        if raw[:1] in (" ", "\t") and lines:
            lines[-1] += raw[1:]
        else:
            lines.append(raw.rstrip("\r"))
    return lines


def parse_ics(text: str) -> Days:
    days: Days = {}
    event: dict[str, str] | None = None
    for number, line in enumerate(_unfold(text), start=1):
        head, _, value = line.partition(":")
        name = head.split(";", 1)[0].upper()
        if line.upper() == "BEGIN:VEVENT":
            event = {}
        elif line.upper() == "END:VEVENT" and event is not None:
            if "DTSTART" in event:
                start = _ics_date(event["DTSTART"], number)
                end = _ics_date(event["DTEND"], number) if "DTEND" in event else start
                day = start
                while True:
                    days[day] = ("holiday", event.get("SUMMARY", "").replace("\\,", ",")[:200])
                    day += timedelta(days=1)
                    if day >= end or len(days) > MAX_DAYS:
                        break
                if len(days) > MAX_DAYS:
                    raise InvalidInput("sla.error.import_too_many", limit=MAX_DAYS)
            event = None
        elif event is not None and name in ("DTSTART", "DTEND", "SUMMARY"):
            event[name] = value.strip()
    return days


def _ics_date(value: str, line: int) -> date:
    match = _DATE_VALUE.match(value)
    if not match:
        raise InvalidInput("sla.error.import_date", line=line, value=value[:40])
    try:
        return datetime.strptime(match.group(1), "%Y%m%d").date()
    except ValueError:
        raise InvalidInput("sla.error.import_date", line=line, value=value[:40]) from None


_HHMM = re.compile(r"^([01]?\d|2[0-4]):([0-5]\d)$")


def parse_intervals(day: str, text: str) -> tuple[tuple[str, str], ...]:
    """A weekday's hours as typed: ``09:00-13:00, 14:00-18:00`` (empty: a day off)."""
    spans = []
    for part in filter(None, (p.strip() for p in text.replace(";", ",").split(","))):
        start, dash, end = (x.strip() for x in part.partition("-"))
        a, b = _HHMM.match(start), _HHMM.match(end)
        if not dash or a is None or b is None:
            raise InvalidInput("sla.error.bad_hours", day=day, value=part[:40])
        if (int(a[1]), int(a[2])) >= (int(b[1]), int(b[2])) or int(b[1]) * 60 + int(b[2]) > 1440:
            raise InvalidInput("sla.error.bad_hours", day=day, value=part[:40])
        spans.append((f"{int(a[1]):02d}:{a[2]}", f"{int(b[1]):02d}:{b[2]}"))
    return tuple(spans)


def check_time_zone(name: str) -> str:
    from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

    name = name.strip()
    try:
        ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        raise InvalidInput("sla.error.time_zone", zone=name[:60]) from None
    return name
