"""Categories: which services and problems the tickets were about, over time, per organisation
and per equipment kind; the top categories and their change against the previous period. Pure.

A ticket counts once, in the period it was received. "Change" compares with the period of the
same length just before (the previous month or quarter for a whole one).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence
from datetime import date, datetime
from typing import Protocol

from appliance.reports.document import Column, Document, Row, Table
from appliance.reports.period import bucket_start, buckets, local_day
from appliance.reports.scope import Scope

TOP = 10


class CategorisedTicket(Protocol):
    @property
    def category(self) -> str | None: ...
    @property
    def service(self) -> str | None: ...
    @property
    def org_name(self) -> str | None: ...
    @property
    def equipment_kind(self) -> str | None: ...
    @property
    def received_at(self) -> datetime: ...


def document(
    tickets: Sequence[CategorisedTicket], previous: Iterable[CategorisedTicket], scope: Scope
) -> Document:
    s = scope
    none = s.t("reports.no_category")
    now_counts = Counter(t.category or none for t in tickets)
    before = Counter(t.category or none for t in previous)
    labels = sorted(set(now_counts) | set(before), key=lambda k: (-now_counts[k], -before[k], k))
    top_rows = []
    for label in labels:
        current, earlier = now_counts[label], before[label]
        top_rows.append(
            Row(
                (
                    label,
                    current,
                    earlier,
                    current - earlier,
                    (current - earlier) / earlier if earlier else None,
                    current / len(tickets) if tickets else None,
                )
            )
        )
    top = Table(
        "top",
        s.t("reports.cat.top"),
        (
            Column("category", s.t("reports.col.category"), "text", 2.6),
            Column("tickets", s.t("reports.col.tickets"), "int"),
            Column("previous", s.t("reports.cat.col.previous"), "int"),
            Column("change", s.t("reports.cat.col.change"), "int"),
            Column("change_share", s.t("reports.cat.col.change_share"), "percent"),
            Column("share", s.t("reports.cat.col.share"), "percent"),
        ),
        (
            *top_rows,
            Row(
                (
                    s.t("reports.total"),
                    len(tickets),
                    sum(before.values()),
                    len(tickets) - sum(before.values()),
                    None,
                    None,
                ),
                tone="total",
            ),
        ),
    )

    bucket = s.period.bucket()
    starts = buckets(s.period, bucket)
    per_service: dict[str, Counter[date]] = {}
    for ticket in tickets:
        key = ticket.service or none
        per_service.setdefault(key, Counter())[
            bucket_start(local_day(ticket.received_at, s.zone), bucket)
        ] += 1
    services_sorted = sorted(per_service, key=lambda k: (-sum(per_service[k].values()), k))
    over_time = Table(
        "over_time",
        s.t("reports.cat.over_time_week" if bucket == "week" else "reports.cat.over_time_month"),
        (
            Column("service", s.t("reports.cat.col.service"), "text", 2.2),
            *(
                Column(
                    f"b{index}",
                    start.strftime("%d.%m" if bucket == "week" else "%m.%Y"),
                    "int",
                    0.7,
                )
                for index, start in enumerate(starts)
            ),
            Column("total", s.t("reports.total"), "int", 0.8),
        ),
        tuple(
            Row((name, *(per_service[name][b] for b in starts), sum(per_service[name].values())))
            for name in services_sorted
        ),
    )

    per_org = Counter((t.org_name or s.t("reports.no_org"), t.service or none) for t in tickets)
    organisations = Table(
        "organisations",
        s.t("reports.cat.organisations"),
        (
            Column("org", s.t("reports.col.org"), "text", 2),
            Column("service", s.t("reports.cat.col.service"), "text", 2),
            Column("tickets", s.t("reports.col.tickets"), "int"),
        ),
        tuple(
            Row((org, service, n))
            for (org, service), n in sorted(
                per_org.items(), key=lambda i: (i[0][0], -i[1], i[0][1])
            )
        ),
    )
    kinds = Counter(t.equipment_kind for t in tickets)
    equipment = Table(
        "equipment",
        s.t("reports.cat.equipment"),
        (
            Column("kind", s.t("reports.cat.col.kind"), "text", 2),
            Column("tickets", s.t("reports.col.tickets"), "int"),
        ),
        tuple(
            Row((s.t(f"ticket_screen.kind.{kind}") if kind else s.t("reports.cat.no_equipment"), n))
            for kind, n in sorted(kinds.items(), key=lambda i: (-i[1], i[0] or "~"))
        ),
    )
    return Document(
        kind="categories",
        title=s.t("reports.categories.title"),
        lines=(
            *s.header(),
            s.t(
                "reports.cat.previous_note",
                start=s.period.previous().start.strftime("%d.%m.%Y"),
                end=s.period.previous().end.strftime("%d.%m.%Y"),
            ),
        ),
        tables=(top, over_time, organisations, equipment),
        lang=s.lang,
        time_zone=s.zone.key,
        charts={
            "top": [(label, now_counts[label], before[label]) for label in labels[:TOP]],
            "over_time": {
                "buckets": starts,
                "series": [
                    (name, [per_service[name][b] for b in starts]) for name in services_sorted[:TOP]
                ],
            },
        },
    )
