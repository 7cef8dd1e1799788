"""Business-time arithmetic: concrete cases a help desk relies on, and properties on random
calendars checked against a plain interval-by-interval reference."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from appliance.domain.sla import (
    WEEKDAYS,
    BusinessCalendar,
    CalendarError,
    add_business_seconds,
    business_seconds_between,
)

MSK = ZoneInfo("Europe/Moscow")
BERLIN = ZoneInfo("Europe/Berlin")
HOUR = 3600

WORKDAYS_9_18 = {day: (("09:00", "18:00"),) for day in WEEKDAYS[:5]}


def moscow(holidays: frozenset[date] = frozenset()) -> BusinessCalendar:
    return BusinessCalendar("Europe/Moscow", WORKDAYS_9_18, holidays)


def at(zone: ZoneInfo, *args: int) -> datetime:
    return datetime(*args, tzinfo=zone)


# -- concrete cases ------------------------------------------------------------------------------


def test_within_one_working_day() -> None:
    start = at(MSK, 2024, 5, 14, 10, 0)  # Tuesday
    due = add_business_seconds(moscow(), start, HOUR)
    assert due == at(MSK, 2024, 5, 14, 11, 0)
    assert due.tzinfo == UTC


def test_friday_evening_ticket_is_due_on_monday() -> None:
    friday_evening = at(MSK, 2024, 5, 17, 20, 15)
    assert add_business_seconds(moscow(), friday_evening, HOUR) == at(MSK, 2024, 5, 20, 10, 0)


def test_friday_afternoon_budget_carries_over_the_weekend() -> None:
    start = at(MSK, 2024, 5, 17, 17, 30)
    assert add_business_seconds(moscow(), start, 4 * HOUR) == at(MSK, 2024, 5, 20, 12, 30)
    assert business_seconds_between(moscow(), start, at(MSK, 2024, 5, 20, 12, 30)) == 4 * HOUR


def test_budget_ending_exactly_at_closing_time_lands_at_closing_time() -> None:
    start = at(MSK, 2024, 5, 17, 17, 0)
    assert add_business_seconds(moscow(), start, HOUR) == at(MSK, 2024, 5, 17, 18, 0)


def test_start_before_opening_counts_from_opening() -> None:
    early = at(MSK, 2024, 5, 14, 6, 45)
    assert add_business_seconds(moscow(), early, 30 * 60) == at(MSK, 2024, 5, 14, 9, 30)
    assert business_seconds_between(moscow(), early, at(MSK, 2024, 5, 14, 9, 0)) == 0


def test_holiday_is_skipped() -> None:
    cal = moscow(frozenset({date(2024, 5, 20)}))  # the Monday
    friday_evening = at(MSK, 2024, 5, 17, 20, 0)
    assert add_business_seconds(cal, friday_evening, HOUR) == at(MSK, 2024, 5, 21, 10, 0)
    whole_holiday = (at(MSK, 2024, 5, 20, 0, 0), at(MSK, 2024, 5, 21, 0, 0))
    assert business_seconds_between(cal, *whole_holiday) == 0


def test_lunch_break_is_not_business_time() -> None:
    cal = BusinessCalendar(
        "Europe/Moscow", {d: (("09:00", "13:00"), ("14:00", "18:00")) for d in WEEKDAYS[:5]}
    )
    start = at(MSK, 2024, 5, 14, 12, 30)
    assert add_business_seconds(cal, start, HOUR) == at(MSK, 2024, 5, 14, 14, 30)
    assert business_seconds_between(cal, start, at(MSK, 2024, 5, 14, 14, 30)) == HOUR


def test_a_week_of_business_time_is_a_calendar_week() -> None:
    start = at(MSK, 2024, 5, 14, 11, 0)
    assert add_business_seconds(moscow(), start, 45 * HOUR) == at(MSK, 2024, 5, 21, 11, 0)


def test_long_span_across_months() -> None:
    start = at(MSK, 2024, 1, 1, 0, 0)  # Monday
    # 52 working weeks of 45 hours end at closing time on the Friday of the 52nd week.
    due = add_business_seconds(moscow(), start, 52 * 45 * HOUR)
    assert due == at(MSK, 2024, 12, 27, 18, 0)
    assert business_seconds_between(moscow(), start, due) == 52 * 45 * HOUR


def test_berlin_spring_forward_weekend_shifts_utc_offset() -> None:
    cal = BusinessCalendar("Europe/Berlin", WORKDAYS_9_18)
    friday = at(BERLIN, 2024, 3, 29, 17, 0)  # CET, +01:00; clocks go forward on Sunday 31st
    due = add_business_seconds(cal, friday, 2 * HOUR)
    assert due == at(BERLIN, 2024, 4, 1, 10, 0)
    assert due == datetime(2024, 4, 1, 8, 0, tzinfo=UTC)  # CEST, +02:00


def test_twenty_four_seven_in_berlin_counts_real_time_over_dst() -> None:
    cal = BusinessCalendar.twenty_four_seven("Europe/Berlin")
    start = at(BERLIN, 2024, 3, 30, 12, 0)
    due = add_business_seconds(cal, start, 24 * HOUR)
    assert due == at(BERLIN, 2024, 3, 31, 13, 0)  # the 31st has 23 hours
    assert due - start == timedelta(hours=24)


def test_all_day_sunday_on_fall_back_day_has_25_hours() -> None:
    cal = BusinessCalendar("Europe/Berlin", {"sun": (("00:00", "24:00"),)})
    day = (at(BERLIN, 2024, 10, 27, 0, 0), at(BERLIN, 2024, 10, 28, 0, 0))
    assert business_seconds_between(cal, *day) == 25 * HOUR
    ordinary = (at(BERLIN, 2024, 11, 3, 0, 0), at(BERLIN, 2024, 11, 4, 0, 0))
    assert business_seconds_between(cal, *ordinary) == 24 * HOUR


def test_twenty_four_seven_utc_is_plain_time() -> None:
    cal = BusinessCalendar.twenty_four_seven()
    start = datetime(2024, 2, 28, 23, 59, 59, 250_000, tzinfo=UTC)
    assert add_business_seconds(cal, start, 86_400 * 3 + 7) == start + timedelta(days=3, seconds=7)


def test_zero_seconds_is_the_start_itself() -> None:
    start = at(MSK, 2024, 5, 18, 3, 0)  # a Saturday night
    assert add_business_seconds(moscow(), start, 0) == start


def test_between_is_zero_when_end_is_not_after_start() -> None:
    start = at(MSK, 2024, 5, 14, 10, 0)
    assert business_seconds_between(moscow(), start, start) == 0
    assert business_seconds_between(moscow(), start, start - timedelta(hours=5)) == 0


def test_calendar_without_working_hours_is_refused_clearly() -> None:
    empty = BusinessCalendar("Europe/Moscow", {})
    with pytest.raises(CalendarError, match="no working hours"):
        add_business_seconds(empty, at(MSK, 2024, 5, 14, 10, 0), 60)
    assert business_seconds_between(empty, at(MSK, 2024, 5, 1, 0, 0), at(MSK, 2024, 6, 1)) == 0


def test_naive_datetimes_are_refused() -> None:
    with pytest.raises(ValueError, match="naive"):
        add_business_seconds(moscow(), datetime(2024, 5, 14, 10, 0), 60)


def test_negative_seconds_are_refused() -> None:
    with pytest.raises(ValueError, match="negative"):
        add_business_seconds(moscow(), at(MSK, 2024, 5, 14, 10, 0), -1)


@pytest.mark.parametrize(
    ("zone", "hours", "message"),
    [
        ("Mars/Olympus", WORKDAYS_9_18, "unknown time zone"),
        ("Europe/Moscow", {"monday": (("09:00", "18:00"),)}, "unknown weekday"),
        ("Europe/Moscow", {"mon": (("18:00", "09:00"),)}, "ends before it starts"),
        ("Europe/Moscow", {"mon": (("09:00", "09:00"),)}, "ends before it starts"),
        ("Europe/Moscow", {"mon": (("9am", "18:00"),)}, "not a time"),
        ("Europe/Moscow", {"mon": (("09:00", "24:30"),)}, "between 00:00 and 24:00"),
        ("Europe/Moscow", {"mon": (("09:60", "18:00"),)}, "between 00:00 and 24:00"),
    ],
)
def test_bad_calendars_are_refused(zone: str, hours: dict, message: str) -> None:
    with pytest.raises(CalendarError, match=message):
        BusinessCalendar(zone, hours)


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("{not json", "not valid JSON"),
        ("[1, 2]", "must be an object"),
        ('{"mon": "09:00-18:00"}', "list of"),
        ('{"mon": [["09:00"]]}', "list of"),
    ],
)
def test_bad_calendar_json_is_refused(text: str, message: str) -> None:
    with pytest.raises(CalendarError, match=message):
        BusinessCalendar.from_json("Europe/Moscow", text)


def test_json_round_trip_and_merged_overlaps() -> None:
    cal = BusinessCalendar.from_json(
        "Europe/Moscow",
        '{"mon": [["13:00", "18:00"], ["09:00", "14:00"]], "sat": [], "sun": []}',
        [date(2024, 1, 1)],
    )
    assert cal.week_hours["mon"] == (("09:00", "18:00"),)
    again = BusinessCalendar.from_json(cal.time_zone, cal.to_json(), cal.holidays)
    assert again == cal
    assert hash(again) == hash(cal)


# -- properties on random calendars --------------------------------------------------------------

ZONES = [
    "UTC",
    "Europe/Moscow",
    "Europe/Berlin",
    "America/New_York",
    "America/Havana",  # clocks change at midnight
    "Australia/Lord_Howe",  # half-hour DST
    "Asia/Kathmandu",  # +05:45
]


@st.composite
def calendars(draw: st.DrawFn) -> BusinessCalendar:
    week: dict[str, tuple[tuple[str, str], ...]] = {}
    for day in WEEKDAYS:
        quarters = draw(st.lists(st.integers(0, 96), max_size=6, unique=True).map(sorted))
        pairs = list(zip(quarters[::2], quarters[1::2], strict=False))
        week[day] = tuple(
            (f"{a * 15 // 60:02d}:{a * 15 % 60:02d}", f"{b * 15 // 60:02d}:{b * 15 % 60:02d}")
            for a, b in pairs
        )
    holidays = draw(st.frozensets(st.dates(date(2023, 1, 1), date(2027, 12, 31)), max_size=25))
    cal = BusinessCalendar(draw(st.sampled_from(ZONES)), week, holidays)
    assume(cal.has_working_hours)
    return cal


moments = st.datetimes(
    min_value=datetime(2023, 1, 1), max_value=datetime(2026, 12, 31), timezones=st.just(UTC)
)
whole_second_moments = moments.map(lambda m: m.replace(microsecond=0))
spans = st.integers(0, 21 * 86_400)


def reference_between(cal: BusinessCalendar, start: datetime, end: datetime) -> int:
    """Straight from the definition: every interval of every local day, converted on its own."""
    zone = ZoneInfo(cal.time_zone)
    total = timedelta()
    day = start.astimezone(zone).date() - timedelta(days=1)
    while day <= end.astimezone(zone).date() + timedelta(days=1):
        if day not in cal.holidays:
            for a, b in cal.week_hours[WEEKDAYS[day.weekday()]]:
                lo, hi = (_wall(zone, day, text) for text in (a, b))
                lo, hi = max(lo, start), min(hi, end)
                if hi > lo:
                    total += hi - lo
        day += timedelta(days=1)
    return int(total.total_seconds() // 1)


def _wall(zone: ZoneInfo, day: date, text: str) -> datetime:
    hours, minutes = (int(x) for x in text.split(":"))
    if hours == 24:
        day, hours = day + timedelta(days=1), 0
    return datetime(day.year, day.month, day.day, hours, minutes, tzinfo=zone).astimezone(UTC)


@settings(max_examples=200, deadline=None)
@given(calendars(), moments, spans)
def test_between_undoes_add(cal: BusinessCalendar, start: datetime, seconds: int) -> None:
    due = add_business_seconds(cal, start, seconds)
    assert due >= start
    assert business_seconds_between(cal, start, due) == seconds


@settings(max_examples=200, deadline=None)
@given(calendars(), whole_second_moments, spans)
def test_between_matches_the_definition(cal: BusinessCalendar, start: datetime, span: int) -> None:
    end = start + timedelta(seconds=span)
    assert business_seconds_between(cal, start, end) == reference_between(cal, start, end)


@settings(max_examples=200, deadline=None)
@given(calendars(), moments, spans, spans)
def test_add_is_monotonic_and_additive(
    cal: BusinessCalendar, start: datetime, s1: int, s2: int
) -> None:
    low, high = sorted((s1, s2))
    assert add_business_seconds(cal, start, low) <= add_business_seconds(cal, start, high)
    step = add_business_seconds(cal, start, s1)
    assert add_business_seconds(cal, step, s2) == add_business_seconds(cal, start, s1 + s2)


@settings(max_examples=200, deadline=None)
@given(calendars(), whole_second_moments, spans, spans)
def test_between_adds_up_over_a_split(
    cal: BusinessCalendar, first: datetime, to_middle: int, to_last: int
) -> None:
    middle = first + timedelta(seconds=to_middle)
    last = middle + timedelta(seconds=to_last)
    whole = business_seconds_between(cal, first, last)
    parts = business_seconds_between(cal, first, middle) + business_seconds_between(
        cal, middle, last
    )
    assert whole == parts
    assert whole <= int((last - first).total_seconds())
