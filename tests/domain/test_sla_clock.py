"""``SlaClock``: the one value every ticket row carries for its SLA, and the timer it shows."""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime
from zoneinfo import ZoneInfo

from appliance.domain.sla import WEEKDAYS, BusinessCalendar, SlaClock, due_times, sla_state

MSK = ZoneInfo("Europe/Moscow")
CAL = BusinessCalendar("Europe/Moscow", {d: (("09:00", "18:00"),) for d in WEEKDAYS[:5]})
RECEIVED = datetime(2024, 5, 14, 10, 0, tzinfo=MSK)
RESPONSE_DUE, RESOLUTION_DUE = due_times(CAL, RECEIVED, response_minutes=60, resolution_minutes=480)
CLOCK = SlaClock(
    received_at=RECEIVED,
    response_due_at=RESPONSE_DUE,
    resolution_due_at=RESOLUTION_DUE,
    first_response_at=None,
    resolved_at=None,
    closed_at=None,
    paused_since=None,
    paused_seconds=0,
)


def test_the_clock_shows_what_sla_state_computes() -> None:
    for clock in (
        CLOCK,
        replace(CLOCK, first_response_at=datetime(2024, 5, 14, 10, 30, tzinfo=MSK)),
        replace(CLOCK, paused_since=datetime(2024, 5, 14, 10, 45, tzinfo=MSK), paused_seconds=60),
    ):
        for hour in (10, 11, 17):
            now = datetime(2024, 5, 14, hour, 15, tzinfo=MSK)
            assert clock.state(now, CAL) == sla_state(
                now=now,
                received_at=clock.received_at,
                response_due=clock.response_due_at,
                resolution_due=clock.resolution_due_at,
                first_response_at=clock.first_response_at,
                resolved_at=clock.resolved_at,
                paused_since=clock.paused_since,
                cal=CAL,
                paused_seconds=clock.paused_seconds,
                closed_at=clock.closed_at,
            )
    assert CLOCK.state(RECEIVED, None).target is None  # no plan, no timer


def test_resolution_met_only_once_resolved_with_a_due_time() -> None:
    assert CLOCK.resolution_met is None
    assert replace(CLOCK, resolved_at=datetime(2024, 5, 14, 17, 0, tzinfo=MSK)).resolution_met
    late = replace(CLOCK, resolved_at=datetime(2024, 5, 15, 9, 30, tzinfo=MSK))
    assert late.resolution_met is False
    assert replace(late, resolution_due_at=None).resolution_met is None
