"""The work report: what an outsourcer sends its client with the invoice. Pure.

Per organisation and period: each ticket received in the period or worked on in it (number,
dates, person, description, category, status) and every piece of work logged in the period
(who, when, kind, text, minutes); totals per ticket, per technician and for the period. Work
flagged "additional work at the user's request" is red and has its own subtotal.

What the client may read: an action visible to the client shows its text; an internal action
that took time is listed by kind and minutes with its text withheld (the time is billed, the
note stays ours); an internal action without minutes (an internal note) is left out entirely.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Protocol

from appliance.reports.cells import DATE_FORMAT, minutes_text
from appliance.reports.document import Column, Document, Row, Table
from appliance.reports.scope import Scope


class WorkTicket(Protocol):
    @property
    def id(self) -> int: ...
    @property
    def number(self) -> int: ...
    @property
    def org_name(self) -> str | None: ...
    @property
    def person_name(self) -> str | None: ...
    @property
    def description(self) -> str: ...
    @property
    def category(self) -> str | None: ...
    @property
    def status(self) -> str: ...
    @property
    def received_at(self) -> datetime: ...
    @property
    def resolved_at(self) -> datetime | None: ...


class Action(Protocol):
    @property
    def ticket_id(self) -> int: ...
    @property
    def user_id(self) -> int | None: ...
    @property
    def user_name(self) -> str | None: ...
    @property
    def created_at(self) -> datetime: ...
    @property
    def kind(self) -> str: ...
    @property
    def text(self) -> str: ...
    @property
    def minutes(self) -> int: ...
    @property
    def additional_work(self) -> bool: ...
    @property
    def public(self) -> bool: ...


def for_client(action: Action) -> bool:
    """Whether the action appears in the client's report at all."""
    return action.public or action.minutes > 0


@dataclass(frozen=True)
class Totals:
    minutes: int
    additional: int
    tickets: int
    actions: int


def totals(tickets: Sequence[WorkTicket], actions: Iterable[Action]) -> Totals:
    shown = [a for a in actions if for_client(a)]
    return Totals(
        minutes=sum(a.minutes for a in shown),
        additional=sum(a.minutes for a in shown if a.additional_work),
        tickets=len(tickets),
        actions=len(shown),
    )


def document(tickets: Sequence[WorkTicket], actions: Sequence[Action], scope: Scope) -> Document:
    s = scope
    shown = [a for a in actions if for_client(a)]
    by_ticket: dict[int, list[Action]] = {}
    for action in shown:
        by_ticket.setdefault(action.ticket_id, []).append(action)
    withheld = s.t("reports.work.internal_text")
    yes = s.t("reports.yes")

    ticket_rows: list[Row] = []
    action_rows: list[Row] = []
    for ticket in tickets:
        worked = by_ticket.get(ticket.id, [])
        minutes = sum(a.minutes for a in worked)
        extra = sum(a.minutes for a in worked if a.additional_work)
        status = s.t(f"status.{ticket.status}")
        ticket_rows.append(
            Row(
                (
                    ticket.number,
                    ticket.received_at,
                    ticket.resolved_at,
                    ticket.person_name or "",
                    ticket.description,
                    ticket.category or s.t("reports.no_category"),
                    status,
                    minutes,
                    extra,
                ),
            )
        )
        heading = s.t(
            "reports.work.ticket_heading",
            number=ticket.number,
            day=ticket.received_at.astimezone(s.zone).strftime(DATE_FORMAT),
            person=ticket.person_name or "—",
            category=ticket.category or s.t("reports.no_category"),
            status=status
            + (
                " " + ticket.resolved_at.astimezone(s.zone).strftime(DATE_FORMAT)
                if ticket.resolved_at
                else ""
            ),
            description=" ".join(ticket.description.split())[:160],
        )
        for action in worked:
            action_rows.append(
                Row(
                    (
                        ticket.number,
                        action.created_at,
                        action.user_name or "",
                        s.t(f"action.{action.kind}"),
                        action.text if action.public else withheld,
                        action.minutes,
                        yes if action.additional_work else "",
                    ),
                    tone="additional" if action.additional_work else "",
                    group=heading,
                )
            )
        if worked:
            action_rows.append(
                Row(
                    (
                        ticket.number,
                        None,
                        "",
                        s.t("reports.work.ticket_total"),
                        "",
                        minutes,
                        s.t("reports.work.of_which", minutes=minutes_text(extra, s.lang))
                        if extra
                        else "",
                    ),
                    tone="total",
                    group=heading,
                    print_only=True,
                )
            )

    per_tech: dict[int | None, tuple[str, int, int]] = {}
    for action in shown:
        name, m, x = per_tech.get(action.user_id, (action.user_name or "—", 0, 0))
        per_tech[action.user_id] = (
            name,
            m + action.minutes,
            x + (action.minutes if action.additional_work else 0),
        )
    total = totals(tickets, shown)
    ticket_columns = (
        Column("number", s.t("reports.col.number"), "int", 0.55),
        Column("received", s.t("reports.col.received"), "datetime", 1.05),
        Column("resolved", s.t("reports.col.resolved"), "datetime", 1.05),
        Column("person", s.t("reports.col.person"), "text", 1.2),
        Column("description", s.t("reports.col.description"), "text", 2.6),
        Column("category", s.t("reports.col.category"), "text", 1.3),
        Column("status", s.t("reports.col.status"), "text", 0.8),
        Column("minutes", s.t("reports.col.minutes"), "minutes", 0.9),
        Column("additional", s.t("reports.col.minutes_additional"), "minutes", 0.9),
    )
    action_columns = (
        Column("number", s.t("reports.col.number"), "int", 0.55),
        Column("when", s.t("reports.col.when"), "datetime", 1.05),
        Column("who", s.t("reports.col.who"), "text", 1.1),
        Column("kind", s.t("reports.col.kind"), "text", 1.0),
        Column("text", s.t("reports.col.text"), "text", 3.6),
        Column("minutes", s.t("reports.col.minutes"), "minutes", 0.9),
        Column("additional", s.t("reports.col.additional"), "text", 0.9),
    )
    summary = Table(
        "totals",
        s.t("reports.work.totals"),
        (
            Column("what", s.t("reports.col.what"), "text", 3),
            Column("minutes", s.t("reports.col.minutes"), "minutes", 1),
        ),
        (
            Row((s.t("reports.work.total_period"), total.minutes), tone="total"),
            Row((s.t("reports.work.total_basic"), total.minutes - total.additional)),
            Row((s.t("reports.work.total_additional"), total.additional), tone="alert"),
        ),
    )
    technicians = Table(
        "technicians",
        s.t("reports.work.per_technician"),
        (
            Column("who", s.t("reports.col.who"), "text", 2),
            Column("minutes", s.t("reports.col.minutes"), "minutes", 1),
            Column("additional", s.t("reports.col.minutes_additional"), "minutes", 1),
        ),
        tuple(
            Row((name, m, x))
            for name, m, x in sorted(per_tech.values(), key=lambda v: (-v[1], v[0]))
        ),
    )
    return Document(
        kind="work",
        title=s.t("reports.work.title"),
        lines=(
            *s.header(),
            s.t("reports.work.counts", tickets=total.tickets, actions=total.actions),
            s.t("reports.work.red_note"),
        ),
        tables=(
            summary,
            Table(
                "tickets",
                s.t("reports.work.tickets"),
                ticket_columns,
                tuple(ticket_rows),
                in_pdf=False,
            ),
            Table("actions", s.t("reports.work.actions"), action_columns, tuple(action_rows)),
            technicians,
        ),
        lang=s.lang,
        time_zone=s.zone.key,
        charts={
            "technicians": [(name, m, x) for name, m, x in per_tech.values()],
        },
    )
