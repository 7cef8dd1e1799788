"""Russian non-working days for the demo's business calendars."""

from __future__ import annotations

from datetime import date

import pytest

from appliance.demo.holidays import russian_holidays


def test_2026_follows_the_production_calendar_with_its_transfers() -> None:
    days = russian_holidays(range(2026, 2027))
    assert {date(2026, 1, d) for d in range(1, 12)} <= set(days)  # 1-11 January
    for transferred in (date(2026, 1, 9), date(2026, 3, 9), date(2026, 5, 11), date(2026, 12, 31)):
        assert transferred in days
    assert days[date(2026, 6, 12)] == "День России"
    assert date(2026, 1, 12) not in days  # back to work on Monday the 12th


@pytest.mark.parametrize(
    ("holiday", "moved_to"),
    [
        (date(2027, 5, 1), date(2027, 5, 3)),  # Saturday -> Monday
        (date(2027, 5, 9), date(2027, 5, 10)),  # Sunday -> Monday
        (date(2027, 6, 12), date(2027, 6, 14)),  # Saturday -> Monday
    ],
)
def test_other_years_move_a_weekend_holiday_to_the_next_working_day(
    holiday: date, moved_to: date
) -> None:
    days = russian_holidays(range(2027, 2028))
    assert holiday in days and moved_to in days
    assert days[moved_to].startswith("Перенос")


def test_a_weekday_holiday_is_not_moved() -> None:
    days = russian_holidays(range(2027, 2028))
    assert date(2027, 11, 4) in days  # Thursday
    assert date(2027, 11, 5) not in days
    assert {date(2027, 1, d) for d in range(1, 9)} <= set(days)
