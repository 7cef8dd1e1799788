"""SLA clock: due times on a business calendar, pause while waiting for the client, and the timer
state shown beside every ticket. Pure: no I/O.

The clock runs while a ticket is 'new' or 'in_progress' and stands still otherwise (see
``appliance.domain.workflow``). When it stands still the ticket remembers since when
(``paused_since``); when it runs again the business seconds it stood still are added to each due
time not yet met, so the budget left is what it was when the clock stopped.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Literal

from appliance.domain.business_hours import (
    WEEKDAYS,
    BusinessCalendar,
    CalendarError,
    add_business_seconds,
    business_seconds_between,
)

__all__ = [
    "AMBER_BELOW",
    "WEEKDAYS",
    "BusinessCalendar",
    "CalendarError",
    "SlaClock",
    "SlaState",
    "add_business_seconds",
    "business_seconds_between",
    "crossed_thresholds",
    "due_times",
    "recompute_due",
    "resume_shift",
    "shift_due_times",
    "sla_state",
    "used_business_seconds",
]

# Amber when less than this fraction of the target's budget is left.
AMBER_BELOW = 0.25

Target = Literal["response", "resolution"]
Colour = Literal["green", "amber", "red", "paused", "none"]


def due_times(
    cal: BusinessCalendar,
    received_at: datetime,
    *,
    response_minutes: int,
    resolution_minutes: int,
    paused_seconds: int = 0,
) -> tuple[datetime, datetime]:
    """(response due, resolution due), UTC. ``paused_seconds`` already stood still are added."""
    if response_minutes <= 0 or resolution_minutes <= 0:
        raise ValueError("SLA targets must be positive numbers of minutes")
    return (
        add_business_seconds(cal, received_at, response_minutes * 60 + paused_seconds),
        add_business_seconds(cal, received_at, resolution_minutes * 60 + paused_seconds),
    )


def resume_shift(cal: BusinessCalendar, paused_since: datetime, now: datetime) -> int:
    """Business seconds the clock stood still: what to add to due times and paused seconds."""
    return business_seconds_between(cal, paused_since, now)


def shift_due_times(
    cal: BusinessCalendar,
    *,
    shift_seconds: int,
    response_due: datetime | None,
    resolution_due: datetime | None,
    first_response_at: datetime | None,
    resolved_at: datetime | None,
) -> tuple[datetime | None, datetime | None]:
    """Due times after the clock stood still for ``shift_seconds``; a met target keeps its due."""

    def shifted(due: datetime | None, met: datetime | None) -> datetime | None:
        if due is None or met is not None or shift_seconds <= 0:
            return due
        return add_business_seconds(cal, due, shift_seconds)

    return shifted(response_due, first_response_at), shifted(resolution_due, resolved_at)


@dataclass(frozen=True, slots=True)
class SlaState:
    """What the timer beside a ticket shows.

    ``seconds_left`` is business seconds to the due time, negative (or 0 just after) once it has
    passed; ``breached`` says the due instant is behind us. ``fraction_left`` is of the target's
    whole budget. While paused the values are those of the moment the clock stopped.
    """

    target: Target | None
    due: datetime | None
    seconds_left: int
    fraction_left: float
    colour: Colour
    breached: bool


_NONE = SlaState(None, None, 0, 0.0, "none", False)


def sla_state(
    *,
    now: datetime,
    received_at: datetime,
    response_due: datetime | None,
    resolution_due: datetime | None,
    first_response_at: datetime | None,
    resolved_at: datetime | None,
    paused_since: datetime | None,
    cal: BusinessCalendar | None,
    paused_seconds: int = 0,
    closed_at: datetime | None = None,
) -> SlaState:
    """The next target (response until the first response, then resolution) and its timer.

    ``paused_seconds`` is the business time the clock already stood still (it was added to the due
    times, so it is taken out of the budget). No plan (``cal`` None or no due times), or a
    resolved/closed ticket, gives target None and colour 'none'.
    """
    if cal is None or resolved_at is not None or closed_at is not None:
        return _NONE
    if first_response_at is None and response_due is not None:
        target: Target = "response"
        due = response_due
    elif resolution_due is not None:
        target, due = "resolution", resolution_due
    else:
        return _NONE
    clock = paused_since if paused_since is not None else now
    breached = clock >= due
    if breached:
        seconds_left = -business_seconds_between(cal, due, clock)
    else:
        seconds_left = business_seconds_between(cal, clock, due)
    budget = business_seconds_between(cal, received_at, due) - paused_seconds
    fraction = seconds_left / budget if budget > 0 else 0.0
    if paused_since is not None:
        colour: Colour = "paused"
    elif breached:
        colour = "red"
    elif fraction < AMBER_BELOW:
        colour = "amber"
    else:
        colour = "green"
    return SlaState(target, due, seconds_left, min(fraction, 1.0), colour, breached)


@dataclass(frozen=True, slots=True)
class SlaClock:
    """A ticket's SLA clock as stored: when it was received, its due times, the moments that meet
    them, and the time it stood still. The one type every ticket row (list, screen, change)
    carries; ``state`` is the timer it shows."""

    received_at: datetime
    response_due_at: datetime | None
    resolution_due_at: datetime | None
    first_response_at: datetime | None
    resolved_at: datetime | None
    closed_at: datetime | None
    paused_since: datetime | None
    paused_seconds: int

    def state(self, now: datetime, calendar: BusinessCalendar | None) -> SlaState:
        """The timer at ``now`` on the plan's ``calendar`` (None: no plan, no timer)."""
        return sla_state(
            now=now,
            received_at=self.received_at,
            response_due=self.response_due_at,
            resolution_due=self.resolution_due_at,
            first_response_at=self.first_response_at,
            resolved_at=self.resolved_at,
            paused_since=self.paused_since,
            cal=calendar,
            paused_seconds=self.paused_seconds,
            closed_at=self.closed_at,
        )

    @property
    def resolution_met(self) -> bool | None:
        """Whether the resolution was in time; None while unresolved or without a due time."""
        if self.resolved_at is None or self.resolution_due_at is None:
            return None
        return self.resolved_at <= self.resolution_due_at


# -- recomputation and warnings (configurable plans) --------------------------------------------


def used_business_seconds(
    cal: BusinessCalendar, *, received_at: datetime, clock_at: datetime, paused_seconds: int
) -> int:
    """Business seconds the clock has run from reception to ``clock_at`` (now, or the moment it
    stopped if it stands still), the time it stood still taken out."""
    return max(0, business_seconds_between(cal, received_at, clock_at) - paused_seconds)


def recompute_due(
    old_cal: BusinessCalendar,
    new_cal: BusinessCalendar,
    *,
    received_at: datetime,
    clock_at: datetime,
    paused_seconds: int,
    target_seconds: int,
) -> datetime:
    """The due time of a target after the plan, calendar or priority changed.

    The business time already used (measured on the calendar it ran on, ``old_cal``, without the
    time the clock stood still) is kept: what is left of the new target runs on ``new_cal`` from
    ``clock_at``. A target the used time already exceeds is due when the used time reached it, a
    moment in the past, so the ticket shows as breached rather than getting a fresh budget (the
    mistake GLPI made restarting the clock; its pauses were also lost).
    """
    used = used_business_seconds(
        old_cal, received_at=received_at, clock_at=clock_at, paused_seconds=paused_seconds
    )
    if target_seconds > used:
        return add_business_seconds(new_cal, clock_at, target_seconds - used)
    return add_business_seconds(old_cal, received_at, target_seconds + paused_seconds)


Threshold = Literal["warning", "breach"]


def crossed_thresholds(
    clock: SlaClock, cal: BusinessCalendar | None, now: datetime, warn_percent: int
) -> list[tuple[Target, Threshold]]:
    """The thresholds the running target has crossed at ``now``: 'warning' once ``warn_percent``
    of its budget is used, 'breach' once its due time has passed. A clock that stands still
    crosses nothing new."""
    if clock.paused_since is not None:
        return []
    state = clock.state(now, cal)
    if state.target is None:
        return []
    found: list[tuple[Target, Threshold]] = []
    if state.breached or (1.0 - state.fraction_left) * 100 >= warn_percent:
        found.append((state.target, "warning"))
    if state.breached:
        found.append((state.target, "breach"))
    return found
