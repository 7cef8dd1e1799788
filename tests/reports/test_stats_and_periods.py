"""Medians, nearest-rank percentiles, shares and report periods, checked on values worked out
by hand."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from appliance.reports.period import LocalDays, Period, bucket_start, buckets, preset_period
from appliance.reports.stats import median, percentile, share


@pytest.mark.parametrize(
    ("values", "expected"),
    [([], None), ([5], 5.0), ([3, 1, 2], 2.0), ([4, 1, 3, 2], 2.5), ([10, 10, 40, 20], 15.0)],
)
def test_median_is_the_middle_value_or_the_mean_of_the_two(values, expected) -> None:
    assert median(values) == expected


@pytest.mark.parametrize(
    ("values", "p", "expected"),
    [
        ([], 90, None),
        ([7], 90, 7.0),
        (list(range(1, 11)), 90, 9.0),  # the ninth smallest of ten
        (list(range(1, 12)), 90, 10.0),  # ceil(9.9) = 10th of eleven
        ([1800, 7200, 2700], 90, 7200.0),  # ceil(2.7) = 3rd
        ([18000, 14400], 90, 18000.0),
        ([5, 1, 3], 50, 3.0),
    ],
)
def test_percentile_is_nearest_rank(values, p, expected) -> None:
    assert percentile(values, p) == expected


def test_share_of_nothing_is_none() -> None:
    assert share(0, 0) is None
    assert share(2, 3) == pytest.approx(2 / 3)


@pytest.mark.parametrize(
    ("preset", "today", "start", "end"),
    [
        ("this_month", date(2024, 5, 14), date(2024, 5, 1), date(2024, 5, 31)),
        ("last_month", date(2024, 5, 14), date(2024, 4, 1), date(2024, 4, 30)),
        ("last_month", date(2024, 1, 3), date(2023, 12, 1), date(2023, 12, 31)),
        ("quarter", date(2024, 5, 14), date(2024, 4, 1), date(2024, 6, 30)),
        ("quarter", date(2024, 12, 31), date(2024, 10, 1), date(2024, 12, 31)),
        ("this_month", date(2024, 2, 10), date(2024, 2, 1), date(2024, 2, 29)),
    ],
)
def test_presets(preset, today, start, end) -> None:
    assert preset_period(preset, today) == Period(start, end)


def test_previous_period_is_the_previous_month_quarter_or_same_length() -> None:
    assert Period(date(2024, 3, 1), date(2024, 3, 31)).previous() == Period(
        date(2024, 2, 1), date(2024, 2, 29)
    )
    assert Period(date(2024, 4, 1), date(2024, 6, 30)).previous() == Period(
        date(2024, 1, 1), date(2024, 3, 31)
    )
    assert Period(date(2024, 5, 10), date(2024, 5, 16)).previous() == Period(
        date(2024, 5, 3), date(2024, 5, 9)
    )


def test_bounds_are_local_midnights_in_utc() -> None:
    since, until = Period(date(2024, 5, 1), date(2024, 5, 31)).bounds(ZoneInfo("Europe/Moscow"))
    assert since == datetime(2024, 4, 30, 21, 0, tzinfo=UTC)
    assert until == datetime(2024, 5, 31, 21, 0, tzinfo=UTC)


def test_buckets_are_weeks_from_monday_or_months() -> None:
    may = Period(date(2024, 5, 1), date(2024, 5, 31))
    assert may.bucket() == "week"
    assert buckets(may, "week")[0] == date(2024, 4, 29)
    assert len(buckets(may, "week")) == 5
    quarter = Period(date(2024, 4, 1), date(2024, 6, 30))
    assert quarter.bucket() == "month"
    assert buckets(quarter, "month") == [date(2024, 4, 1), date(2024, 5, 1), date(2024, 6, 1)]
    assert bucket_start(date(2024, 5, 19), "week") == date(2024, 5, 13)


@settings(max_examples=300, deadline=None)
@given(
    st.sampled_from(
        [
            "Europe/Moscow",
            "Europe/Berlin",
            "Asia/Kathmandu",
            "America/St_Johns",
            "Australia/Lord_Howe",
        ]
    ),
    st.integers(min_value=0, max_value=3 * 366 * 86_400 * 1_000_000),
)
def test_local_days_of_microseconds_match_the_zone(zone_name: str, offset_us: int) -> None:
    # The efficiency report buckets 100,000 tickets by local day from microseconds, with the
    # zone's offset looked up once an hour: it must agree with converting each moment, on clock
    # changes (Berlin), quarter-hour zones (Kathmandu), half-hour ones (St John's) and a
    # half-hour DST (Lord Howe).
    zone = ZoneInfo(zone_name)
    days = LocalDays(zone)
    start = datetime(2025, 1, 1, tzinfo=UTC)
    moment = start + timedelta(microseconds=offset_us)
    moment_us = (moment - datetime(1970, 1, 1, tzinfo=UTC)) // timedelta(microseconds=1)
    assert days.ordinal(moment_us) == moment.astimezone(zone).toordinal()


def test_local_days_across_a_clock_change_at_midnight() -> None:
    # Havana moves its clocks at midnight: 00:00 local is 05:00 UTC in winter, and on the night
    # of 8 March 2026 the hour 00:00-01:00 does not exist; minute by minute around it.
    zone = ZoneInfo("America/Havana")
    days = LocalDays(zone)
    change = datetime(2026, 3, 8, 4, 0, tzinfo=UTC)
    for minute in range(0, 180):
        near = change + timedelta(minutes=minute, microseconds=minute)
        near_us = (near - datetime(1970, 1, 1, tzinfo=UTC)) // timedelta(microseconds=1)
        assert days.ordinal(near_us) == near.astimezone(zone).toordinal(), near
