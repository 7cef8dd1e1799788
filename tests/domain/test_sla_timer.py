"""The SLA timer beside a ticket, due times, and the pause while waiting for the client."""

from __future__ import annotations

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from appliance.domain.sla import (
    WEEKDAYS,
    BusinessCalendar,
    SlaState,
    add_business_seconds,
    due_times,
    resume_shift,
    shift_due_times,
    sla_state,
)

MSK = ZoneInfo("Europe/Moscow")
CAL = BusinessCalendar("Europe/Moscow", {d: (("09:00", "18:00"),) for d in WEEKDAYS[:5]})
HOUR = 3600


def at(*args: int) -> datetime:
    return datetime(*args, tzinfo=MSK)


RECEIVED = at(2024, 5, 14, 10, 0)  # Tuesday
RESPONSE_DUE, RESOLUTION_DUE = due_times(
    CAL, RECEIVED, response_minutes=60, resolution_minutes=8 * 60
)


def state(now: datetime, **overrides: object) -> SlaState:
    args: dict[str, object] = {
        "now": now,
        "received_at": RECEIVED,
        "response_due": RESPONSE_DUE,
        "resolution_due": RESOLUTION_DUE,
        "first_response_at": None,
        "resolved_at": None,
        "paused_since": None,
        "cal": CAL,
    }
    args.update(overrides)
    return sla_state(**args)  # type: ignore[arg-type]


def test_due_times_follow_the_calendar() -> None:
    assert at(2024, 5, 14, 11, 0) == RESPONSE_DUE
    # Eight hours from 10:00 use up Tuesday exactly: due at closing time, not next morning.
    assert at(2024, 5, 14, 18, 0) == RESOLUTION_DUE


def test_due_times_refuse_non_positive_targets() -> None:
    with pytest.raises(ValueError, match="positive"):
        due_times(CAL, RECEIVED, response_minutes=0, resolution_minutes=60)


def test_fresh_ticket_is_green_on_the_response_target() -> None:
    s = state(RECEIVED + timedelta(minutes=10))
    assert (s.target, s.due, s.colour, s.breached) == ("response", RESPONSE_DUE, "green", False)
    assert s.seconds_left == 50 * 60
    assert s.fraction_left == pytest.approx(50 / 60)


def test_amber_below_a_quarter_left() -> None:
    assert state(RECEIVED + timedelta(minutes=44)).colour == "green"  # 16/60 = 26.7 % left
    amber = state(RECEIVED + timedelta(minutes=46))
    assert (amber.colour, amber.seconds_left) == ("amber", 14 * 60)


def test_red_with_negative_business_seconds_when_breached() -> None:
    s = state(RESPONSE_DUE + timedelta(minutes=30))
    assert (s.colour, s.breached, s.seconds_left) == ("red", True, -30 * 60)
    assert s.fraction_left == pytest.approx(-0.5)


def test_overdue_time_counts_business_hours_only() -> None:
    # Due Tuesday 11:00; seen on Wednesday 10:00: 7 h on Tuesday + 1 h on Wednesday overdue.
    s = state(at(2024, 5, 15, 10, 0))
    assert s.seconds_left == -8 * HOUR


def test_after_first_response_the_resolution_target_counts() -> None:
    responded = at(2024, 5, 14, 10, 30)
    s = state(at(2024, 5, 14, 15, 0), first_response_at=responded)
    assert (s.target, s.due, s.colour) == ("resolution", RESOLUTION_DUE, "green")
    assert s.seconds_left == 3 * HOUR
    assert s.fraction_left == pytest.approx(3 / 8)
    assert state(at(2024, 5, 14, 17, 0), first_response_at=responded).colour == "amber"


def test_resolved_or_closed_or_no_plan_shows_nothing() -> None:
    later = at(2024, 6, 1, 12, 0)
    for s in (
        state(later, resolved_at=later),
        state(later, closed_at=later),
        state(later, cal=None),
        state(later, response_due=None, resolution_due=None),
    ):
        assert (s.target, s.due, s.colour, s.seconds_left) == (None, None, "none", 0)


def test_paused_timer_stands_at_the_moment_it_stopped() -> None:
    paused = RECEIVED + timedelta(minutes=20)
    for now in (paused, paused + timedelta(hours=3), paused + timedelta(days=9)):
        s = state(now, paused_since=paused)
        assert (s.colour, s.target, s.breached) == ("paused", "response", False)
        assert s.seconds_left == 40 * 60


def test_budget_excludes_time_already_paused() -> None:
    # Paused for 2 business hours earlier: both dues were moved by 2 h.
    response_due, resolution_due = due_times(
        CAL, RECEIVED, response_minutes=60, resolution_minutes=480, paused_seconds=2 * HOUR
    )
    assert response_due == at(2024, 5, 14, 13, 0)
    s = state(
        at(2024, 5, 14, 12, 30),
        response_due=response_due,
        resolution_due=resolution_due,
        paused_seconds=2 * HOUR,
    )
    assert s.seconds_left == 30 * 60
    assert s.fraction_left == pytest.approx(0.5)


def test_resume_shift_counts_only_business_time_paused() -> None:
    # Paused Friday 17:00, resumed Monday 10:00: 1 h on Friday and 1 h on Monday.
    assert resume_shift(CAL, at(2024, 5, 17, 17, 0), at(2024, 5, 20, 10, 0)) == 2 * HOUR


def test_shift_moves_only_unmet_due_times() -> None:
    response, resolution = shift_due_times(
        CAL,
        shift_seconds=2 * HOUR,
        response_due=RESPONSE_DUE,
        resolution_due=RESOLUTION_DUE,
        first_response_at=at(2024, 5, 14, 10, 5),
        resolved_at=None,
    )
    assert response == RESPONSE_DUE
    assert resolution == add_business_seconds(CAL, RESOLUTION_DUE, 2 * HOUR)
    assert resolution == at(2024, 5, 15, 11, 0)


def test_pause_then_resume_keeps_the_budget_left() -> None:
    # 20 minutes in, the ticket waits for the client until the next morning.
    paused = RECEIVED + timedelta(minutes=20)
    resumed = at(2024, 5, 15, 9, 30)
    left_before = state(paused).seconds_left
    shift = resume_shift(CAL, paused, resumed)
    response_due, resolution_due = shift_due_times(
        CAL,
        shift_seconds=shift,
        response_due=RESPONSE_DUE,
        resolution_due=RESOLUTION_DUE,
        first_response_at=None,
        resolved_at=None,
    )
    after = state(
        resumed, response_due=response_due, resolution_due=resolution_due, paused_seconds=shift
    )
    assert after.seconds_left == left_before == 40 * 60
    assert after.fraction_left == pytest.approx(40 / 60)
    assert after.colour == "green"
