"""Properties of configurable SLA arithmetic (hypothesis), and hand-computed cases on Russia's
production calendar: the New Year holidays and a moved working Saturday.

The properties: adding business time is monotonic and additive; a pause never brings a due time
earlier; a 24×7 calendar is wall-clock arithmetic; days on which the clocks change and holidays
count as the people working them see them; a recomputation after a plan change keeps the
business time already used (and the time the clock stood still).
"""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

from hypothesis import assume, given, settings
from hypothesis import strategies as st

from appliance.domain.calendar_days import public_days
from appliance.domain.sla import (
    WEEKDAYS,
    BusinessCalendar,
    SlaClock,
    add_business_seconds,
    business_seconds_between,
    crossed_thresholds,
    recompute_due,
    resume_shift,
    shift_due_times,
    used_business_seconds,
)

MSK = ZoneInfo("Europe/Moscow")
HOUR = 3600
OFFICE_HOURS = {d: (("09:00", "13:00"), ("14:00", "18:00")) for d in WEEKDAYS[:5]}

RU_2026 = public_days("RU", 2026)
RU_2025 = public_days("RU", 2025)


def russia(*years: dict[date, tuple[str, str]]) -> BusinessCalendar:
    holidays = {d for y in years for d, (kind, _) in y.items() if kind == "holiday"}
    workdays = {d for y in years for d, (kind, _) in y.items() if kind == "workday"}
    return BusinessCalendar("Europe/Moscow", OFFICE_HOURS, frozenset(holidays), frozenset(workdays))


RU = russia(RU_2025, RU_2026)


def msk(*args: int) -> datetime:
    return datetime(*args, tzinfo=MSK)


# -- hand-computed cases on the Russian calendar ----------------------------------------------


def test_the_package_carries_russias_transfers() -> None:
    # Decree for 2026: 3 Jan (Sat) -> 9 Jan (Fri), 4 Jan (Sun) -> 31 Dec (Thu).
    assert RU_2026[date(2026, 1, 9)][0] == "holiday"
    assert RU_2026[date(2026, 12, 31)][0] == "holiday"
    # Decree for 2025: Saturday 1 November is worked (for Monday 3 November).
    assert RU_2025[date(2025, 11, 1)][0] == "workday"
    assert RU_2025[date(2025, 11, 3)][0] == "holiday"


def test_new_year_holidays_are_skipped() -> None:
    # Received on Tuesday 30 Dec 2025 at 17:00 with 8 business hours to go: 1 h on the 30th;
    # 31 Dec 2025 is a day off moved from 5 January, 1-11 January 2026 are off (9 Jan moved from
    # 3 Jan, 10-11 a weekend); Monday 12 January: 09-13 (4 h) and 14-17 (3 h) -> 17:00.
    assert RU_2025[date(2025, 12, 31)][0] == "holiday"
    due = add_business_seconds(RU, msk(2025, 12, 30, 17, 0), 8 * HOUR)
    assert due == msk(2026, 1, 12, 17, 0)
    # 16 hours: 1 + 8 (12 Jan) + 7 (13 Jan) -> Tuesday 13 January 17:00.
    assert add_business_seconds(RU, msk(2025, 12, 30, 17, 0), 16 * HOUR) == msk(2026, 1, 13, 17, 0)
    # Without the transfer to 9 January (a normal Friday) 16 hours end on 12 January 17:00.
    plain = BusinessCalendar(
        "Europe/Moscow",
        OFFICE_HOURS,
        frozenset(d for d in RU.holidays if d != date(2026, 1, 9)),
    )
    assert add_business_seconds(plain, msk(2025, 12, 30, 17, 0), 16 * HOUR) == msk(
        2026, 1, 12, 17, 0
    )


def test_a_moved_working_saturday_is_worked() -> None:
    # Friday 31 Oct 2025, 17:00, 4 business hours: 1 h on Friday, then Saturday 1 November is a
    # working day (09:00-13:00, 14:00-18:00): 3 h more -> Saturday 12:00. Monday 3 Nov and
    # Tuesday 4 Nov (Unity Day) are off.
    assert add_business_seconds(RU, msk(2025, 10, 31, 17, 0), 4 * HOUR) == msk(2025, 11, 1, 12, 0)
    # 10 hours: 1 (Fri) + 8 (Sat) + 1 -> Wednesday 5 November 10:00.
    assert add_business_seconds(RU, msk(2025, 10, 31, 17, 0), 10 * HOUR) == msk(2025, 11, 5, 10, 0)
    assert business_seconds_between(RU, msk(2025, 11, 1, 0, 0), msk(2025, 11, 2, 0, 0)) == 8 * HOUR


# -- properties -----------------------------------------------------------------------------

moments = st.datetimes(
    min_value=datetime(2024, 1, 1), max_value=datetime(2027, 12, 31), timezones=st.just(UTC)
)
seconds = st.integers(min_value=0, max_value=400 * HOUR)
hours_of_day = st.lists(
    st.tuples(st.integers(0, 23), st.integers(1, 8)), min_size=0, max_size=3
).map(
    lambda spans: tuple(
        (f"{a:02d}:00", f"{min(a + n, 24):02d}:00") for a, n in spans if min(a + n, 24) > a
    )
)
zones = st.sampled_from(["Europe/Moscow", "Europe/Berlin", "America/New_York", "UTC"])


@st.composite
def calendars(draw: st.DrawFn) -> BusinessCalendar:
    week = {day: draw(hours_of_day) for day in WEEKDAYS}
    if not any(week.values()):
        week["mon"] = (("09:00", "18:00"),)
    days = st.dates(min_value=date(2024, 1, 1), max_value=date(2027, 12, 31))
    holidays = frozenset(draw(st.lists(days, max_size=20)))
    workdays = frozenset(draw(st.lists(days, max_size=10)))
    return BusinessCalendar(draw(zones), week, holidays, workdays)


@settings(max_examples=150, deadline=None)
@given(calendars(), moments, seconds, seconds)
def test_adding_is_monotonic_and_additive(
    cal: BusinessCalendar, start: datetime, a: int, b: int
) -> None:
    first = add_business_seconds(cal, start, a)
    both = add_business_seconds(cal, start, a + b)
    assert first <= both  # monotonic
    # Additive: a + b from the start is b more from where a ended.
    assert add_business_seconds(cal, first, b) == both or b == 0
    assert business_seconds_between(cal, start, both) == a + b


@settings(max_examples=150, deadline=None)
@given(calendars(), moments, st.integers(1, 200 * HOUR), st.integers(0, 30 * 24 * HOUR))
def test_a_pause_never_brings_a_due_time_earlier(
    cal: BusinessCalendar, received: datetime, target: int, pause_len: int
) -> None:
    due = add_business_seconds(cal, received, target)
    paused_since = received + timedelta(seconds=target // 2)
    shift = resume_shift(cal, paused_since, paused_since + timedelta(seconds=pause_len))
    response, resolution = shift_due_times(
        cal,
        shift_seconds=shift,
        response_due=due,
        resolution_due=due,
        first_response_at=None,
        resolved_at=None,
    )
    assert response is not None and response >= due
    assert resolution == response


@settings(max_examples=150, deadline=None)
@given(zones, moments, seconds)
def test_twenty_four_seven_is_wall_clock(zone: str, start: datetime, s: int) -> None:
    cal = BusinessCalendar.twenty_four_seven(zone)
    assert add_business_seconds(cal, start, s) == start + timedelta(seconds=s)
    assert business_seconds_between(cal, start, start + timedelta(seconds=s)) == s


@settings(max_examples=100, deadline=None)
@given(calendars(), moments)
def test_holidays_have_no_business_time_and_workdays_have_a_working_days_hours(
    cal: BusinessCalendar, start: datetime
) -> None:
    zone = ZoneInfo(cal.time_zone)
    for day in list(cal.holidays)[:5]:
        begin = datetime(day.year, day.month, day.day, tzinfo=zone)
        assert business_seconds_between(cal, begin, begin + timedelta(hours=24)) == 0
    for day in list(cal.workdays)[:5]:
        if cal.week_hours[WEEKDAYS[day.weekday()]]:
            continue  # a day with hours of its own keeps them
        begin = datetime(day.year, day.month, day.day, tzinfo=zone)
        end = datetime.combine(day + timedelta(days=1), datetime.min.time(), tzinfo=zone)
        worked = business_seconds_between(cal, begin, end)
        working = next(
            (cal.week_hours[d] for d in WEEKDAYS[:5] if cal.week_hours[d]),
            next(cal.week_hours[d] for d in WEEKDAYS if cal.week_hours[d]),
        )
        expected = sum(_hm(b) - _hm(a) for a, b in working)
        # On a day the clocks change an interval across the change is an hour off.
        assert abs(worked - expected) in (0, HOUR)


def _hm(text: str) -> int:
    h, m = text.split(":")
    return int(h) * 3600 + int(m) * 60


def test_dst_day_counts_the_hours_really_worked() -> None:
    # Berlin, 31 March 2024: clocks jump 02:00 -> 03:00. A 00:00-06:00 shift lasts 5 hours.
    cal = BusinessCalendar("Europe/Berlin", {"sun": (("00:00", "06:00"),)})
    berlin = ZoneInfo("Europe/Berlin")
    day = datetime(2024, 3, 31, tzinfo=berlin)
    assert business_seconds_between(cal, day, day + timedelta(hours=23)) == 5 * HOUR
    # 27 October 2024: 03:00 -> 02:00, the same shift lasts 7 hours.
    day = datetime(2024, 10, 27, tzinfo=berlin)
    assert business_seconds_between(cal, day, day + timedelta(hours=25)) == 7 * HOUR


@settings(max_examples=150, deadline=None)
@given(
    calendars(),
    calendars(),
    moments,
    st.integers(0, 100 * HOUR),
    st.integers(0, 20 * HOUR),
    st.integers(60, 200 * HOUR),
)
def test_recomputation_keeps_the_business_time_used(
    old: BusinessCalendar,
    new: BusinessCalendar,
    received: datetime,
    elapsed: int,
    paused: int,
    target: int,
) -> None:
    now = received + timedelta(seconds=elapsed)
    assume(business_seconds_between(old, received, now) >= paused)
    used = used_business_seconds(old, received_at=received, clock_at=now, paused_seconds=paused)
    due = recompute_due(
        old, new, received_at=received, clock_at=now, paused_seconds=paused, target_seconds=target
    )
    if target > used:
        # What is left of the new target runs on the new calendar from now.
        assert due >= now
        assert business_seconds_between(new, now, due) == target - used
    else:
        # Already over the new target: due when the used time reached it (in the past).
        assert due <= now
        assert (
            used_business_seconds(old, received_at=received, clock_at=due, paused_seconds=paused)
            == target
        )


def test_recomputation_on_the_same_calendar_equals_computing_afresh() -> None:
    received = msk(2026, 2, 2, 10, 0)
    now = msk(2026, 2, 3, 12, 0)
    paused = 2 * HOUR
    due = recompute_due(
        RU, RU, received_at=received, clock_at=now, paused_seconds=paused, target_seconds=16 * HOUR
    )
    assert due == add_business_seconds(RU, received, 16 * HOUR + paused)


def test_warning_then_breach_thresholds() -> None:
    cal = BusinessCalendar.twenty_four_seven("UTC")
    received = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)
    clock = SlaClock(
        received_at=received,
        response_due_at=received + timedelta(hours=1),
        resolution_due_at=received + timedelta(hours=8),
        first_response_at=None,
        resolved_at=None,
        closed_at=None,
        paused_since=None,
        paused_seconds=0,
    )
    assert crossed_thresholds(clock, cal, received + timedelta(minutes=44), 75) == []
    assert crossed_thresholds(clock, cal, received + timedelta(minutes=45), 75) == [
        ("response", "warning")
    ]
    assert crossed_thresholds(clock, cal, received + timedelta(minutes=61), 75) == [
        ("response", "warning"),
        ("response", "breach"),
    ]
    # A clock that stands still crosses nothing new.
    stopped = SlaClock(
        received_at=received,
        response_due_at=clock.response_due_at,
        resolution_due_at=clock.resolution_due_at,
        first_response_at=None,
        resolved_at=None,
        closed_at=None,
        paused_since=received + timedelta(minutes=10),
        paused_seconds=0,
    )
    assert crossed_thresholds(stopped, cal, received + timedelta(minutes=61), 75) == []
