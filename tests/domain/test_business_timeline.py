"""``BusinessTimeline.between`` (the reports' fast business time) equals
``business_seconds_between`` (the SLA clock's), on calendars with lunch breaks, holidays, moved
working days, round-the-clock hours and a zone with DST, for spans from seconds to a year."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

from hypothesis import given, settings
from hypothesis import strategies as st

from appliance.domain.business_hours import (
    WEEKDAYS,
    BusinessCalendar,
    BusinessTimeline,
    business_seconds_between,
)

CALENDARS = [
    BusinessCalendar(
        "Europe/Moscow",
        {d: (("09:00", "13:00"), ("14:00", "18:00")) for d in WEEKDAYS[:5]},
        frozenset({date(2026, 1, 1), date(2026, 1, 2), date(2026, 5, 1)}),
        frozenset({date(2026, 11, 1)}),
    ),
    BusinessCalendar("Europe/Berlin", {d: (("08:00", "20:00"),) for d in WEEKDAYS[:6]}),
    BusinessCalendar.twenty_four_seven("America/New_York"),
    BusinessCalendar("Asia/Kolkata", {"sat": (("10:00", "14:00"),)}),
]
START = datetime(2025, 6, 1, tzinfo=UTC)
moments = st.integers(min_value=0, max_value=600 * 86_400).map(
    lambda s: START + timedelta(seconds=s, microseconds=s % 7 * 123_457)
)


@settings(max_examples=300, deadline=None)
@given(st.sampled_from(range(len(CALENDARS))), moments, moments)
def test_the_timeline_agrees_with_the_clock(index: int, a: datetime, b: datetime) -> None:
    cal = CALENDARS[index]
    timeline = BusinessTimeline(cal)
    assert timeline.between(a, b) == business_seconds_between(cal, a, b)


def test_one_timeline_answers_spans_in_any_order() -> None:
    cal = CALENDARS[0]
    timeline = BusinessTimeline(cal)
    spans = [
        (datetime(2026, 3, 2, 6, tzinfo=UTC), datetime(2026, 3, 3, 12, tzinfo=UTC)),
        (datetime(2025, 7, 1, tzinfo=UTC), datetime(2026, 7, 1, tzinfo=UTC)),  # a year
        (datetime(2024, 1, 9, 7, tzinfo=UTC), datetime(2024, 1, 9, 8, tzinfo=UTC)),  # earlier
        (datetime(2026, 3, 3, 12, tzinfo=UTC), datetime(2026, 3, 2, 6, tzinfo=UTC)),  # reversed
    ]
    for a, b in spans:
        assert timeline.between(a, b) == business_seconds_between(cal, a, b)
    # The first span by hand: Monday 2 March 09:00-18:00 Moscow (8 h with lunch) counted from
    # 09:00 Moscow = 06:00 UTC, and Tuesday until 15:00 Moscow: 4 h + 1 h.
    assert timeline.between(*spans[0]) == (8 + 5) * 3600


def test_a_spring_forward_day_whose_hours_overlap_in_utc() -> None:
    # Berlin moves 02:00 -> 03:00 on 29 March 2026: 02:30 does not exist and is read with the
    # winter offset (01:30 UTC), after 03:00 summer time (01:00 UTC), so the day's two intervals
    # overlap in UTC. The timeline must still give the clock's figure.
    cal = BusinessCalendar("Europe/Berlin", {"sun": (("01:00", "02:30"), ("03:00", "05:00"))})
    timeline = BusinessTimeline(cal)
    day = datetime(2026, 3, 28, 20, tzinfo=UTC)
    for hours in (1, 4, 5, 6, 30, 24 * 40):
        end = day + timedelta(hours=hours, minutes=17)
        assert timeline.between(day, end) == business_seconds_between(cal, day, end)


@settings(max_examples=200, deadline=None)
@given(
    st.sampled_from(range(len(CALENDARS))),
    st.integers(min_value=-(10**14), max_value=10**14),
    st.integers(min_value=-(10**14), max_value=10**14),
)
def test_microseconds_and_datetimes_give_the_same_figure(index: int, a_us: int, b_us: int) -> None:
    # The efficiency report reads moments as µs since the epoch (straight from SQL); the SLA
    # clock as datetimes. Moments up to about three years either side of START.
    cal = CALENDARS[index]
    base = START - datetime(1970, 1, 1, tzinfo=UTC)
    a = START + timedelta(microseconds=a_us)
    b = START + timedelta(microseconds=b_us)
    start_us = (base + timedelta(microseconds=a_us)) // timedelta(microseconds=1)
    end_us = (base + timedelta(microseconds=b_us)) // timedelta(microseconds=1)
    assert BusinessTimeline(cal).between_us(start_us, end_us) == business_seconds_between(cal, a, b)
