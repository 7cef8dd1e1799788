"""What the reports measure on one ticket: response and resolution time in business time, and
whether each SLA target was met. Pure.

Business time runs on the calendar of the ticket's own SLA plan (its working hours, holidays and
zone); a ticket without a plan is measured in calendar time. The resolution time leaves out the
business time the clock stood still waiting for the client (``paused_seconds``), as the SLA
clock does; the response time is from reception to the first response.

A target is met when its moment came by the due time, missed when it came later or when the due
time has passed without it (the clock running, or stopped after the due time), and undecided
(None) otherwise or without a due time.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Protocol

from appliance.domain.business_hours import BusinessTimeline
from appliance.domain.sla import BusinessCalendar


class TicketLike(Protocol):
    """The ticket facts the measures read (``appliance.store.report_rows.TicketFacts``)."""

    @property
    def sla_plan_id(self) -> int | None: ...
    @property
    def received_at(self) -> datetime: ...
    @property
    def first_response_at(self) -> datetime | None: ...
    @property
    def resolved_at(self) -> datetime | None: ...
    @property
    def closed_at(self) -> datetime | None: ...
    @property
    def response_due_at(self) -> datetime | None: ...
    @property
    def resolution_due_at(self) -> datetime | None: ...
    @property
    def paused_since(self) -> datetime | None: ...
    @property
    def paused_seconds(self) -> int: ...


class ClockLike(Protocol):
    """The same facts with every moment as UTC microseconds since the epoch: what the
    efficiency report reads straight from SQL for 100,000 tickets (a datetime per moment costs
    more than the measure). ``clock`` turns a ``TicketLike`` into one."""

    @property
    def sla_plan_id(self) -> int | None: ...
    @property
    def received_us(self) -> int: ...
    @property
    def first_response_us(self) -> int | None: ...
    @property
    def resolved_us(self) -> int | None: ...
    @property
    def closed_us(self) -> int | None: ...
    @property
    def response_due_us(self) -> int | None: ...
    @property
    def resolution_due_us(self) -> int | None: ...
    @property
    def paused_since_us(self) -> int | None: ...
    @property
    def paused_seconds(self) -> int: ...


@dataclass(frozen=True, slots=True)
class Clock:
    sla_plan_id: int | None
    received_us: int
    first_response_us: int | None
    resolved_us: int | None
    closed_us: int | None
    response_due_us: int | None
    resolution_due_us: int | None
    paused_since_us: int | None
    paused_seconds: int


_EPOCH = datetime(1970, 1, 1, tzinfo=UTC)
_ONE_US = timedelta(microseconds=1)


def to_us(moment: datetime) -> int:
    return (moment - _EPOCH) // _ONE_US


def _us(moment: datetime | None) -> int | None:
    return None if moment is None else to_us(moment)


def clock(ticket: TicketLike) -> Clock:
    return Clock(
        ticket.sla_plan_id,
        to_us(ticket.received_at),
        _us(ticket.first_response_at),
        _us(ticket.resolved_at),
        _us(ticket.closed_at),
        _us(ticket.response_due_at),
        _us(ticket.resolution_due_at),
        _us(ticket.paused_since),
        ticket.paused_seconds,
    )


Calendars = Mapping[int, BusinessTimeline]  # plan id -> its calendar's running total


def timelines(calendars: Mapping[int, BusinessCalendar]) -> Calendars:
    """Each plan's calendar as a running total of business time, for one report's measures
    (looked up by plan id: hashing a calendar per ticket cost more than measuring)."""
    return {plan_id: BusinessTimeline(cal) for plan_id, cal in calendars.items()}


def elapsed(timeline: BusinessTimeline | None, start_us: int, end_us: int) -> int:
    """Business seconds on the plan's calendar (``business_seconds_between``'s figure, by a
    running total); calendar seconds without a plan."""
    if timeline is None:
        return max(0, (end_us - start_us) // 1_000_000)
    return timeline.between_us(start_us, end_us)


def _met(done: int | None, due: int | None, clock_us: int) -> bool | None:
    if due is None:
        return None
    if done is not None:
        return done <= due
    return False if clock_us > due else None


def stopped_at(ticket: ClockLike, now_us: int) -> int:
    """Where the ticket's clock stands: now, or the moment it stopped."""
    return ticket.paused_since_us if ticket.paused_since_us is not None else now_us


def response_met(ticket: ClockLike, now_us: int) -> bool | None:
    return _met(ticket.first_response_us, ticket.response_due_us, stopped_at(ticket, now_us))


def resolution_met(ticket: ClockLike, now_us: int) -> bool | None:
    done = ticket.resolved_us if ticket.resolved_us is not None else ticket.closed_us
    return _met(done, ticket.resolution_due_us, stopped_at(ticket, now_us))


Measured = tuple[int | None, int | None, bool | None, bool | None]


def measure(ticket: ClockLike, calendars: Calendars, now_us: int) -> Measured:
    """(response seconds, resolution seconds, response met, resolution met) of one ticket.

    The response time runs from reception to the first response; the resolution time to the
    resolution, less the time the clock stood still waiting for the client (business time by
    the plan, so without a plan nothing is taken off). A time is None until its moment came.
    One function for the four figures: the efficiency report asks for them 100,000 times."""
    plan = ticket.sla_plan_id
    timeline = calendars.get(plan) if plan is not None else None
    received, first, resolved = ticket.received_us, ticket.first_response_us, ticket.resolved_us
    if timeline is None:
        response = None if first is None else max(0, (first - received) // 1_000_000)
        resolution = None if resolved is None else max(0, (resolved - received) // 1_000_000)
    else:
        response = None if first is None else timeline.between_us(received, first)
        resolution = None
        if resolved is not None:
            resolution = max(0, timeline.between_us(received, resolved) - ticket.paused_seconds)
    stopped = stopped_at(ticket, now_us)
    done = resolved if resolved is not None else ticket.closed_us
    return (
        response,
        resolution,
        _met(first, ticket.response_due_us, stopped),
        _met(done, ticket.resolution_due_us, stopped),
    )
