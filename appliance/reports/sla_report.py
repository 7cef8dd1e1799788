"""SLA compliance per organisation and priority, with the breaches listed. Pure.

Over the tickets received in the period that have SLA due times: a target is met, missed or not
yet decided as ``reports.measures`` says (an open ticket past its due time has missed it).
"Overdue by" is business time on the ticket's plan from the due time to the moment the target
was met, or to now (or to when the clock stopped) if it still is not.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime
from typing import Protocol

from appliance.reports.document import Column, Document, Row, Table, Value
from appliance.reports.measures import (
    Calendars,
    TicketLike,
    clock,
    elapsed,
    resolution_met,
    response_met,
    stopped_at,
    to_us,
)
from appliance.reports.scope import Scope
from appliance.reports.stats import share

PRIORITY_ORDER = ("urgent", "high", "normal", "low")


class SlaTicket(TicketLike, Protocol):
    @property
    def number(self) -> int: ...
    @property
    def org_name(self) -> str | None: ...
    @property
    def priority(self) -> str: ...
    @property
    def status(self) -> str: ...
    @property
    def assignee(self) -> str | None: ...


@dataclass
class Compliance:
    tickets: int = 0
    with_targets: int = 0
    response_met: int = 0
    response_decided: int = 0
    resolution_met: int = 0
    resolution_decided: int = 0
    breaches: int = 0


@dataclass(frozen=True)
class Breach:
    number: int
    org: str | None
    priority: str
    target: str  # response | resolution
    due: datetime
    done: datetime | None
    overdue_seconds: int
    status: str
    assignee: str | None


def compute(
    tickets: Iterable[SlaTicket], calendars: Calendars, now: datetime
) -> tuple[dict[tuple[str | None, str], Compliance], list[Breach]]:
    groups: dict[tuple[str | None, str], Compliance] = {}
    breaches: list[Breach] = []
    now_us = to_us(now)
    for ticket in tickets:
        group = groups.setdefault((ticket.org_name, ticket.priority), Compliance())
        group.tickets += 1
        if ticket.response_due_at is None and ticket.resolution_due_at is None:
            continue
        group.with_targets += 1
        cal = calendars.get(ticket.sla_plan_id) if ticket.sla_plan_id is not None else None
        moments = clock(ticket)
        for target, met, due, done in (
            (
                "response",
                response_met(moments, now_us),
                ticket.response_due_at,
                ticket.first_response_at,
            ),
            (
                "resolution",
                resolution_met(moments, now_us),
                ticket.resolution_due_at,
                ticket.resolved_at or ticket.closed_at,
            ),
        ):
            if met is None or due is None:
                continue
            if target == "response":
                group.response_decided += 1
                group.response_met += met
            else:
                group.resolution_decided += 1
                group.resolution_met += met
            if not met:
                group.breaches += 1
                breaches.append(
                    Breach(
                        ticket.number,
                        ticket.org_name,
                        ticket.priority,
                        target,
                        due,
                        done,
                        elapsed(
                            cal,
                            to_us(due),
                            to_us(done) if done else stopped_at(moments, now_us),
                        ),
                        ticket.status,
                        ticket.assignee,
                    )
                )
    breaches.sort(key=lambda b: (b.due, b.number, b.target))
    return groups, breaches


def document(tickets: Iterable[SlaTicket], calendars: Calendars, scope: Scope) -> Document:
    s = scope
    groups, breaches = compute(tickets, calendars, s.now)
    no_org = s.t("reports.no_org")
    order = sorted(
        groups.items(),
        key=lambda item: ((item[0][0] or "~").lower(), PRIORITY_ORDER.index(item[0][1])),
    )
    total = Compliance()
    rows = []
    for (org, priority), c in order:
        for name in vars(total):
            setattr(total, name, getattr(total, name) + getattr(c, name))
        rows.append(Row(_values(org or no_org, s.t(f"priority.{priority}"), c)))
    rows.append(Row(_values(s.t("reports.total"), "", total), tone="total"))
    compliance = Table(
        "compliance",
        s.t("reports.sla.compliance"),
        (
            Column("org", s.t("reports.col.org"), "text", 2),
            Column("priority", s.t("reports.col.priority"), "text", 0.9),
            Column("tickets", s.t("reports.col.tickets"), "int", 0.7),
            Column("with_targets", s.t("reports.sla.col.with_targets"), "int", 0.8),
            Column("resp_met", s.t("reports.sla.col.resp_met"), "int", 0.8),
            Column("resp_share", s.t("reports.sla.col.resp_share"), "percent", 0.8),
            Column("res_met", s.t("reports.sla.col.res_met"), "int", 0.8),
            Column("res_share", s.t("reports.sla.col.res_share"), "percent", 0.8),
            Column("breaches", s.t("reports.sla.col.breaches"), "int", 0.8),
        ),
        tuple(rows),
    )
    listed = Table(
        "breaches",
        s.t("reports.sla.breaches"),
        (
            Column("number", s.t("reports.col.number"), "int", 0.6),
            Column("org", s.t("reports.col.org"), "text", 1.6),
            Column("priority", s.t("reports.col.priority"), "text", 0.8),
            Column("target", s.t("reports.sla.col.target"), "text", 0.9),
            Column("due", s.t("reports.sla.col.due"), "datetime", 1.1),
            Column("done", s.t("reports.sla.col.done"), "datetime", 1.1),
            Column("overdue", s.t("reports.sla.col.overdue"), "seconds", 1),
            Column("status", s.t("reports.col.status"), "text", 0.8),
            Column("assignee", s.t("reports.col.assignee"), "text", 1.1),
        ),
        tuple(
            Row(
                (
                    b.number,
                    b.org or no_org,
                    s.t(f"priority.{b.priority}"),
                    s.t(f"reports.sla.target.{b.target}"),
                    b.due,
                    b.done,
                    b.overdue_seconds,
                    s.t(f"status.{b.status}"),
                    b.assignee or "",
                ),
                tone="alert",
            )
            for b in breaches
        ),
    )
    return Document(
        kind="sla",
        title=s.t("reports.sla.title"),
        lines=tuple(s.header()),
        notice=s.t("reports.sla.note"),
        tables=(compliance, listed),
        lang=s.lang,
        time_zone=s.zone.key,
        charts={
            "priorities": [
                (
                    p,
                    share(
                        sum(c.response_met for (o, q), c in groups.items() if q == p),
                        sum(c.response_decided for (o, q), c in groups.items() if q == p),
                    ),
                    share(
                        sum(c.resolution_met for (o, q), c in groups.items() if q == p),
                        sum(c.resolution_decided for (o, q), c in groups.items() if q == p),
                    ),
                )
                for p in PRIORITY_ORDER
            ],
        },
    )


def _values(org: str, priority: str, c: Compliance) -> tuple[Value, ...]:
    return (
        org,
        priority,
        c.tickets,
        c.with_targets,
        c.response_met,
        share(c.response_met, c.response_decided),
        c.resolution_met,
        share(c.resolution_met, c.resolution_decided),
        c.breaches,
    )
