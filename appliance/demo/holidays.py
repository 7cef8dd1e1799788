"""Russian public holidays (non-working days) for the demo's business calendars.

2026 follows the government's production calendar, with its transfers (3 Jan -> 9 Jan,
4 Jan -> 31 Dec). For 2027 only the Labour Code rule is applied (art. 112: a holiday falling on a
weekend moves to the next working day; New Year holidays are moved by a decree not yet known), so
its list is the statutory days plus those moves.
"""

from __future__ import annotations

from datetime import date, timedelta

_NAMES = {
    (1, 1): "Новогодние каникулы",
    (1, 7): "Рождество Христово",
    (2, 23): "День защитника Отечества",
    (3, 8): "Международный женский день",
    (5, 1): "Праздник Весны и Труда",
    (5, 9): "День Победы",
    (6, 12): "День России",
    (11, 4): "День народного единства",
}

_PRODUCTION_CALENDAR_2026 = {
    **{date(2026, 1, d): "Новогодние каникулы" for d in range(1, 12) if d != 7},
    date(2026, 1, 7): "Рождество Христово",
    date(2026, 2, 23): "День защитника Отечества",
    date(2026, 3, 9): "Перенос: Международный женский день",
    date(2026, 5, 1): "Праздник Весны и Труда",
    date(2026, 5, 11): "Перенос: День Победы",
    date(2026, 6, 12): "День России",
    date(2026, 11, 4): "День народного единства",
    date(2026, 12, 31): "Перенос выходного дня с 4 января",
}


def _statutory(year: int) -> dict[date, str]:
    days: dict[date, str] = {}
    for day in range(1, 9):
        days[date(year, 1, day)] = _NAMES[(1, 7)] if day == 7 else _NAMES[(1, 1)]
    for (month, day), name in _NAMES.items():
        if month == 1:
            continue
        holiday = date(year, month, day)
        days[holiday] = name
        moved = holiday
        while moved.weekday() >= 5 or (moved != holiday and moved in days):
            moved += timedelta(days=1)
        if moved != holiday:
            days[moved] = f"Перенос: {name}"
    return days


def russian_holidays(years: range) -> dict[date, str]:
    """Non-working days (including weekend ones, harmless to a weekday calendar) by date."""
    days: dict[date, str] = {}
    for year in years:
        days.update(_PRODUCTION_CALENDAR_2026 if year == 2026 else _statutory(year))
    return days
