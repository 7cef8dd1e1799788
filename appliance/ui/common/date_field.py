"""A date field that reads and writes dd.mm.yyyy, the appliance's date format, in any browser.

The browser's own date input (``type=date``) shows the browser's locale: "10/01/2026" in an
English browser, beside "01.10.2026" everywhere else on the page, and a Russian office's
English-language PCs are common. This field is a text input masked ``##.##.####`` (typed
digits only), with Quasar's calendar behind a named button for those who would rather pick,
its month and day names in the session's language and weeks starting on Monday.

The field holds the text shown; ``shown_day`` reads it (also ISO text, which code may set).
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime
from typing import Any

from nicegui import ui

from appliance.i18n import t
from appliance.ui.common.a11y import icon_button

SHOWN_FORMAT = "%d.%m.%Y"


def shown(value: date | str | None) -> str:
    """The field's text for a day (or for ISO text, as the store gives it)."""
    if isinstance(value, date):
        return value.strftime(SHOWN_FORMAT)
    day = shown_day(value or "")
    return day.strftime(SHOWN_FORMAT) if day else (value or "")


def shown_day(text: str | None) -> date | None:
    """The day a whole ``dd.mm.yyyy`` (or ISO ``yyyy-mm-dd``) text names; None otherwise,
    including a text still being typed ("01.10.2" is not year 2)."""
    text = (text or "").strip()
    for pattern in (SHOWN_FORMAT, "%Y-%m-%d"):
        if len(text) == 10:
            try:
                return datetime.strptime(text, pattern).date()
            except ValueError:
                continue
    return None


def calendar_locale(lang: str) -> dict[str, object]:
    """Quasar's QDate ``locale``: day and month names from the catalogue; Monday first."""
    return {
        "days": t("date.days", lang).split(","),
        "daysShort": t("date.days_short", lang).split(","),
        "months": t("date.months", lang).split(","),
        "monthsShort": t("date.months_short", lang).split(","),
        "firstDayOfWeek": 1,
        "format24h": True,
    }


def date_field(
    label: str,
    value: date | str | None,
    lang: str,
    *,
    on_change: Callable[[date | None], Any] | None = None,
    disabled: bool = False,
    readonly: bool = False,
) -> ui.input:
    """The field (``ui.input``; style and mark it as any other). ``on_change`` gets the day each
    time the field comes to hold a whole date (typed to its last digit, picked from the
    calendar, or set by code), and None when it is emptied; a half-typed date says nothing.
    Disabled or read-only, its calendar button is disabled too."""
    field = ui.input(label, value=shown(value), placeholder=t("date.placeholder", lang))
    field.props("mask=##.##.#### stack-label")
    if disabled:
        field.props("disable")
    if readonly:
        field.props("readonly")
    with field.add_slot("append"):
        button = icon_button("event", t("date.pick", lang))
        if disabled or readonly:
            button.props("disable")
        with button, ui.menu() as menu:
            calendar = ui.date(value=field.value or None, mask="DD.MM.YYYY")
            calendar.props["locale"] = calendar_locale(lang)
            calendar.props("minimal")

    def picked(text: str | None) -> None:
        if text and text != field.value:
            field.value = text  # and so on_change, below
        menu.close()

    def changed(text: str | None) -> Any:
        day = shown_day(text)
        if day is not None and calendar.value != day.strftime(SHOWN_FORMAT):
            calendar.value = day.strftime(SHOWN_FORMAT)
        if on_change is None:
            return None
        if day is not None:
            return on_change(day)
        if not (text or "").strip():
            return on_change(None)
        return None

    calendar.on_value_change(lambda e: picked(e.value))
    field.on_value_change(lambda e: changed(e.value))
    return field
