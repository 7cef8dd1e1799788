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
from datetime import datetime
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


Calendars = Mapping[int, BusinessTimeline]  # plan id -> its calendar's running total


def timelines(calendars: Mapping[int, BusinessCalendar]) -> Calendars:
    """Each plan's calendar as a running total of business time, for one report's measures
    (looked up by plan id: hashing a calendar per ticket cost more than measuring)."""
    return {plan_id: BusinessTimeline(cal) for plan_id, cal in calendars.items()}


def elapsed(clock: BusinessTimeline | None, start: datetime, end: datetime) -> int:
    """Business seconds on the plan's calendar (``business_seconds_between``'s figure, by a
    running total); calendar seconds without a plan."""
    if clock is None:
        return max(0, int((end - start).total_seconds()))
    return clock.between(start, end)


def response_seconds(ticket: TicketLike, calendars: Calendars) -> int | None:
    if ticket.first_response_at is None:
        return None
    cal = calendars.get(ticket.sla_plan_id) if ticket.sla_plan_id is not None else None
    return elapsed(cal, ticket.received_at, ticket.first_response_at)


def resolution_seconds(ticket: TicketLike, calendars: Calendars) -> int | None:
    if ticket.resolved_at is None:
        return None
    cal = calendars.get(ticket.sla_plan_id) if ticket.sla_plan_id is not None else None
    paused = ticket.paused_seconds if cal is not None else 0
    return max(0, elapsed(cal, ticket.received_at, ticket.resolved_at) - paused)


def _met(done: datetime | None, due: datetime | None, clock: datetime) -> bool | None:
    if due is None:
        return None
    if done is not None:
        return done <= due
    return False if clock > due else None


def clock_of(ticket: TicketLike, now: datetime) -> datetime:
    """Where the ticket's clock stands: now, or the moment it stopped."""
    return ticket.paused_since or now


def response_met(ticket: TicketLike, now: datetime) -> bool | None:
    return _met(ticket.first_response_at, ticket.response_due_at, clock_of(ticket, now))


def resolution_met(ticket: TicketLike, now: datetime) -> bool | None:
    done = ticket.resolved_at or ticket.closed_at
    return _met(done, ticket.resolution_due_at, clock_of(ticket, now))
