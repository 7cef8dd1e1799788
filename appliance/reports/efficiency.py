"""Efficiency: first-response and resolution time (median, 90th percentile, share within SLA)
for the team, per technician and per week or month; time spent per technician; backlog age.
Pure: computed from the rows ``appliance.store.report_rows`` reads.

Counted over the tickets received in the period: a response time for each ticket that has had a
first response, a resolution time for each that is resolved (measures in ``reports.measures``:
business time by the ticket's plan). A technician's figures are those of the tickets assigned to
them. Time spent is the minutes logged in the period, by who logged them. The backlog is the
tickets open now, by calendar age since reception.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import Protocol

from appliance.reports.document import Column, Document, Kind, Row, Table, Value
from appliance.reports.measures import (
    Calendars,
    ClockLike,
    Measured,
    TicketLike,
    measure,
    to_us,
)
from appliance.reports.period import LocalDays, bucket_start, buckets
from appliance.reports.scope import Scope
from appliance.reports.stats import median, percentile, share


class AssignedTicket(ClockLike, Protocol):
    @property
    def assignee_id(self) -> int | None: ...


class Spent(Protocol):
    @property
    def user_id(self) -> int | None: ...
    @property
    def user_name(self) -> str | None: ...
    @property
    def minutes(self) -> int: ...
    @property
    def minutes_additional(self) -> int: ...
    @property
    def actions(self) -> int: ...


@dataclass
class Figures:
    """Response and resolution figures of a group of tickets; the durations sorted."""

    tickets: int = 0
    response: list[int] = field(default_factory=list)
    resolution: list[int] = field(default_factory=list)
    response_met: int = 0
    response_decided: int = 0
    resolution_met: int = 0
    resolution_decided: int = 0

    @classmethod
    def of(cls, measured: Sequence[Measured]) -> Figures:
        # One pass per figure over plain tuples: a method call per ticket and group cost more
        # than the measuring (100,000 tickets, each in three groups).
        response_decided = [m[2] for m in measured if m[2] is not None]
        resolution_decided = [m[3] for m in measured if m[3] is not None]
        response = [m[0] for m in measured if m[0] is not None]
        resolution = [m[1] for m in measured if m[1] is not None]
        response.sort()
        resolution.sort()
        return cls(
            tickets=len(measured),
            response=response,
            resolution=resolution,
            response_met=sum(response_decided),
            response_decided=len(response_decided),
            resolution_met=sum(resolution_decided),
            resolution_decided=len(resolution_decided),
        )

    @property
    def response_share(self) -> float | None:
        return share(self.response_met, self.response_decided)

    @property
    def resolution_share(self) -> float | None:
        return share(self.resolution_met, self.resolution_decided)


# Backlog ages: (upper bound in days, i18n key); the last has no bound.
AGE_BANDS = (
    (1, "reports.eff.age.day"),
    (3, "reports.eff.age.3d"),
    (7, "reports.eff.age.week"),
    (30, "reports.eff.age.month"),
    (None, "reports.eff.age.older"),
)


@dataclass
class Efficiency:
    team: Figures
    technicians: dict[int | None, tuple[str | None, Figures]]
    trend: dict[date, Figures]
    spent: list[Spent]
    backlog: list[int]  # per age band, in AGE_BANDS order
    backlog_ages: list[float]  # days, of every open ticket


def compute(
    tickets: Iterable[AssignedTicket],
    calendars: Calendars,
    scope: Scope,
    names: Mapping[int, str] | None = None,
    spent: Sequence[Spent] = (),
    open_now: Iterable[TicketLike] = (),
) -> Efficiency:
    bucket = scope.period.bucket()
    now = scope.now
    now_us = to_us(now)
    days = LocalDays(scope.zone)
    bucket_of: dict[int, date] = {}  # local day ordinal -> its bucket's first day
    everyone: list[Measured] = []
    per_tech: dict[int | None, list[Measured]] = {}
    per_bucket: dict[date, list[Measured]] = {b: [] for b in buckets(scope.period, bucket)}
    for ticket in tickets:
        measured = measure(ticket, calendars, now_us)
        everyone.append(measured)
        key = ticket.assignee_id
        group = per_tech.get(key)
        if group is None:
            group = per_tech[key] = []
        group.append(measured)
        day = days.ordinal(ticket.received_us)
        start = bucket_of.get(day)
        if start is None:
            start = bucket_of[day] = bucket_start(date.fromordinal(day), bucket)
        per_bucket.setdefault(start, []).append(measured)
    team = Figures.of(everyone)
    known = names or {}
    techs = {
        key: (known.get(key) if key is not None else None, Figures.of(group))
        for key, group in per_tech.items()
    }
    trend = {start: Figures.of(group) for start, group in per_bucket.items()}
    bands = [0] * len(AGE_BANDS)
    ages: list[float] = []
    for waiting in open_now:
        age = max(0.0, (now - waiting.received_at).total_seconds() / 86_400)
        ages.append(age)
        for index, (bound, _key) in enumerate(AGE_BANDS):
            if bound is None or age < bound:
                bands[index] += 1
                break
    return Efficiency(team, techs, dict(sorted(trend.items())), list(spent), bands, ages)


def _p50(values: Sequence[int]) -> float | None:
    return median(values)


def _p90(values: Sequence[int]) -> float | None:
    return percentile(values, 90)


def document(result: Efficiency, scope: Scope) -> Document:
    s = scope
    dur: Kind = "seconds"
    figure_columns = (
        Column("tickets", s.t("reports.col.tickets"), "int", 0.7),
        Column("resp_median", s.t("reports.eff.col.resp_median"), dur),
        Column("resp_p90", s.t("reports.eff.col.resp_p90"), dur),
        Column("resp_sla", s.t("reports.eff.col.resp_sla"), "percent", 0.8),
        Column("resolved", s.t("reports.eff.col.resolved"), "int", 0.7),
        Column("res_median", s.t("reports.eff.col.res_median"), dur),
        Column("res_p90", s.t("reports.eff.col.res_p90"), dur),
        Column("res_sla", s.t("reports.eff.col.res_sla"), "percent", 0.8),
    )

    def figures(f: Figures) -> tuple[Value, ...]:
        return (
            f.tickets,
            _p50(f.response),
            _p90(f.response),
            f.response_share,
            len(f.resolution),
            _p50(f.resolution),
            _p90(f.resolution),
            f.resolution_share,
        )

    team = Table(
        "team",
        s.t("reports.eff.team"),
        (Column("who", s.t("reports.eff.col.who"), "text", 1.4), *figure_columns),
        (Row((s.t("reports.eff.whole_team"), *figures(result.team)), tone="total"),),
    )
    spent_by_user = {row.user_id: row.minutes for row in result.spent}
    tech_rows = sorted(
        result.technicians.items(),
        key=lambda item: (item[0] is None, (item[1][0] or "").lower()),
    )
    technicians = Table(
        "technicians",
        s.t("reports.eff.technicians"),
        (
            Column("who", s.t("reports.eff.col.who"), "text", 1.4),
            *figure_columns,
            Column("minutes", s.t("reports.eff.col.spent"), "minutes"),
        ),
        tuple(
            Row(
                (
                    name or s.t("reports.unassigned"),
                    *figures(f),
                    spent_by_user.get(uid, 0) if uid is not None else None,
                )
            )
            for uid, (name, f) in tech_rows
        ),
    )
    trend = Table(
        "trend",
        s.t("reports.eff.trend_week" if s.period.bucket() == "week" else "reports.eff.trend_month"),
        (Column("from", s.t("reports.col.from"), "date", 0.9), *figure_columns),
        tuple(Row((start, *figures(f))) for start, f in result.trend.items()),
    )
    spent = Table(
        "spent",
        s.t("reports.eff.spent"),
        (
            Column("who", s.t("reports.eff.col.who"), "text", 1.6),
            Column("minutes", s.t("reports.col.minutes"), "minutes"),
            Column("additional", s.t("reports.col.minutes_additional"), "minutes"),
            Column("actions", s.t("reports.col.actions"), "int", 0.7),
        ),
        tuple(
            Row(
                (
                    r.user_name or s.t("reports.unassigned"),
                    r.minutes,
                    r.minutes_additional,
                    r.actions,
                )
            )
            for r in result.spent
        ),
    )
    backlog = Table(
        "backlog",
        s.t("reports.eff.backlog"),
        (
            Column("age", s.t("reports.eff.col.age"), "text", 1.6),
            Column("tickets", s.t("reports.col.tickets"), "int"),
        ),
        (
            *(
                Row((s.t(key), count))
                for (_bound, key), count in zip(AGE_BANDS, result.backlog, strict=True)
            ),
            Row((s.t("reports.total"), sum(result.backlog)), tone="total"),
        ),
        note=s.t("reports.eff.backlog_note", days=_median_days(result.backlog_ages)),
    )
    return Document(
        kind="efficiency",
        title=s.t("reports.efficiency.title"),
        lines=tuple(s.header()),
        notice=s.t("reports.eff.business_time"),
        tables=(team, technicians, trend, spent, backlog),
        lang=s.lang,
        time_zone=s.zone.key,
        charts={
            "trend": [
                (start, _p50(f.response), _p50(f.resolution), f.tickets)
                for start, f in result.trend.items()
            ],
        },
    )


def _median_days(ages: Sequence[float]) -> str:
    found = median(ages)
    return "—" if found is None else f"{found:.1f}"
