"""Cells as text, for the PDF, the CSV and the command line's JSON: one wording with the page
(the duration keys of ``format.*`` in the catalogue). Dates read ``dd.mm.yyyy``, moments
``dd.mm.yyyy hh:mm`` in the report's zone, minutes "1 ч 05 мин", shares "95 %". Pure."""

from __future__ import annotations

from datetime import date, datetime
from zoneinfo import ZoneInfo

from appliance.i18n import t
from appliance.reports.document import Kind, Value

DATE_FORMAT = "%d.%m.%Y"
TIME_FORMAT = "%d.%m.%Y %H:%M"


_MINUTES: dict[tuple[int, str], str] = {}  # a month's work report shows the same few hundred


def minutes_text(minutes: int, lang: str) -> str:
    key = (max(0, int(minutes)), lang)
    found = _MINUTES.get(key)
    if found is None:
        hours, mins = divmod(key[0], 60)
        if hours:
            found = t("format.duration.hours", lang, h=hours, m=mins)
        else:
            found = t("format.duration.minutes", lang, m=mins)
        if len(_MINUTES) < 10_000:
            _MINUTES[key] = found
    return found


def seconds_text(seconds: float, lang: str) -> str:
    """A business duration: days and hours from a day on, hours and minutes below."""
    seconds = abs(int(seconds))
    days, rest = divmod(seconds, 86_400)
    hours, rest = divmod(rest, 3600)
    if days:
        return t("format.duration.days", lang, d=days, h=hours)
    if hours:
        return t("format.duration.hours", lang, h=hours, m=rest // 60)
    return t("format.duration.minutes", lang, m=rest // 60)


def percent_text(value: float) -> str:
    return f"{round(value * 100)} %"


def cell_text(value: Value, kind: Kind, lang: str, zone: ZoneInfo) -> str:
    if value is None or value == "":
        return ""
    if kind == "minutes":
        return minutes_text(int(value), lang)  # type: ignore[arg-type]
    if kind == "seconds":
        return seconds_text(float(value), lang)  # type: ignore[arg-type]
    if kind == "percent":
        return percent_text(float(value))  # type: ignore[arg-type]
    if isinstance(value, datetime):
        return value.astimezone(zone).strftime(TIME_FORMAT)
    if isinstance(value, date):
        return value.strftime(DATE_FORMAT)
    return str(value)
