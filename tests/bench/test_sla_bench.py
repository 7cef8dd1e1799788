"""How much the live SLA timers cost: ``sla_state`` for a 50-row page (computed every second),
beside a wall-clock countdown of the same rows measured in the same run; and business-time
arithmetic over a year beside the same over a day."""

from __future__ import annotations

import random
import time
from collections.abc import Callable
from datetime import UTC, datetime, timedelta

from appliance.domain.sla import (
    WEEKDAYS,
    BusinessCalendar,
    add_business_seconds,
    business_seconds_between,
    due_times,
    sla_state,
)

OFFICE = BusinessCalendar(
    "Europe/Moscow",
    {d: (("09:00", "13:00"), ("14:00", "18:00")) for d in WEEKDAYS[:5]},
    frozenset(datetime(2025, 1, d).date() for d in range(1, 9)),
)
NOW = datetime(2025, 3, 12, 11, 30, tzinfo=UTC)


def _page() -> list[dict[str, object]]:
    """50 open tickets: most recent, some paused, some overdue by days or months."""
    rng = random.Random(7)
    rows = []
    for i in range(50):
        age = timedelta(hours=rng.uniform(0, 72)) if i < 35 else timedelta(days=rng.uniform(5, 180))
        received = NOW - age
        response_due, resolution_due = due_times(
            OFFICE, received, response_minutes=60, resolution_minutes=480
        )
        rows.append(
            {
                "received_at": received,
                "response_due": response_due,
                "resolution_due": resolution_due,
                "first_response_at": received + timedelta(minutes=20) if i % 2 else None,
                "resolved_at": None,
                "paused_since": NOW - timedelta(hours=1) if i % 7 == 0 else None,
            }
        )
    return rows


def _best_of(fn: Callable[[], object], repeat: int = 7, number: int = 20) -> float:
    best = float("inf")
    for _ in range(repeat):
        start = time.perf_counter()
        for _ in range(number):
            fn()
        best = min(best, (time.perf_counter() - start) / number)
    return best


def test_sla_timers_for_a_page() -> None:
    rows = _page()

    def timers() -> None:
        for row in rows:
            sla_state(now=NOW, cal=OFFICE, **row)  # type: ignore[arg-type]

    def wall_clock() -> None:
        for row in rows:
            due = row["response_due"] if row["first_response_at"] is None else row["resolution_due"]
            left = (due - NOW).total_seconds()  # type: ignore[operator]
            _ = left / (due - row["received_at"]).total_seconds()  # type: ignore[operator]

    page = _best_of(timers)
    baseline = _best_of(wall_clock)
    print(
        f"\nsla_state, 50-row page: {page * 1e3:.2f} ms; wall-clock countdown of the same rows:"
        f" {baseline * 1e3:.3f} ms; ratio {page / baseline:.0f}x;"
        f" share of a one-second tick: {page * 100:.2f} %"
    )
    # Every second, for every open window: it must stay a small part of the tick.
    assert page < 0.05


def test_business_time_over_a_year() -> None:
    start = datetime(2025, 1, 13, 10, 0, tzinfo=UTC)
    day, year = 8 * 3600, 250 * 8 * 3600
    one_day = _best_of(lambda: add_business_seconds(OFFICE, start, day), number=200)
    one_year = _best_of(lambda: add_business_seconds(OFFICE, start, year), number=20)
    end = add_business_seconds(OFFICE, start, year)
    between_year = _best_of(lambda: business_seconds_between(OFFICE, start, end), number=20)

    def cold_year() -> None:
        # A calendar fresh from the store: no day of it computed yet.
        fresh = BusinessCalendar(OFFICE.time_zone, OFFICE.week_hours, OFFICE.holidays)
        add_business_seconds(fresh, start, year)

    cold = _best_of(cold_year, number=5)
    print(
        f"\nadd_business_seconds: 1 business day {one_day * 1e6:.1f} us,"
        f" 1 business year {one_year * 1e6:.0f} us (ratio {one_year / one_day:.0f}x for 250x"
        f" the time), {cold * 1e6:.0f} us on a calendar just loaded;"
        f" business_seconds_between over that year {between_year * 1e6:.0f} us"
    )
    assert cold < 0.05
