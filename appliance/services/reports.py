"""Reports (``VIEW_REPORTS``): the four reports of ``appliance.reports`` computed over the rows
the store reads, their exports, and the counts of the Reports overview page.

    doc = await report_document(store, actor, ReportQuery("work", period, org_id=3),
                                lang="ru", time_zone="Europe/Moscow")
    export = await export_report(store, actor, query, "pdf", lang=..., time_zone=...)

Each call checks the actor afresh inside its read transaction; an export writes an audit row
("report.export": which report, format and period) since it carries clients' data off the box.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import apsw

from appliance.domain.clock import from_db, to_db, utc_now
from appliance.domain.errors import InvalidInput
from appliance.domain.permissions import Permission
from appliance.reports import (
    categories,
    efficiency,
    export_csv,
    export_json,
    export_pdf,
    export_xlsx,
    sla_report,
    work,
)
from appliance.reports.document import Document
from appliance.reports.measures import timelines
from appliance.reports.period import MAX_DAYS, Period
from appliance.reports.scope import Scope
from appliance.services.actor import Actor, acting_user
from appliance.services.audited import checked_read
from appliance.services.types import Store
from appliance.store import audit, report_counts, report_rows
from appliance.store.report_counts import Count
from appliance.store.report_rows import Choice, RowFilter
from appliance.store.sla import load_plans

__all__ = [
    "FORMATS",
    "KINDS",
    "Choice",
    "Count",
    "Export",
    "ReportChoices",
    "ReportQuery",
    "TicketCounts",
    "export_report",
    "report_choices",
    "report_document",
    "resolve_filter_names",
    "ticket_counts",
]

PERIOD_DAYS = 30
KINDS = ("work", "categories", "efficiency", "sla")
FORMATS = ("pdf", "xlsx", "csv", "json")
PRIORITIES = ("low", "normal", "high", "urgent")
_MEDIA = {
    "pdf": "application/pdf",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "csv": "text/csv; charset=utf-8",
    "json": "application/json",
}


@dataclass(frozen=True)
class TicketCounts:
    since: datetime
    days: int
    per_category: list[Count]  # most first; label None: no category
    per_status: list[Count]  # in the workflow's order

    @property
    def total(self) -> int:
        return sum(row.count for row in self.per_status)


async def ticket_counts(
    store: Store, actor: Actor, *, days: int = PERIOD_DAYS, now: datetime | None = None
) -> TicketCounts:
    since = to_db((now or utc_now()) - timedelta(days=days))
    return await checked_read(
        store,
        actor,
        Permission.VIEW_REPORTS,
        lambda conn: TicketCounts(
            from_db(since),
            days,
            report_counts.tickets_per_category(conn, since),
            report_counts.tickets_per_status(conn, since),
        ),
    )


@dataclass(frozen=True)
class ReportQuery:
    kind: str  # one of KINDS
    period: Period
    org_id: int | None = None
    tech_id: int | None = None
    category_id: int | None = None
    priority: str | None = None

    def check(self) -> None:
        if self.kind not in KINDS:
            raise InvalidInput("reports.error.kind", value=self.kind, allowed=", ".join(KINDS))
        if self.period.end < self.period.start:
            raise InvalidInput("reports.error.period_order")
        if self.period.days > MAX_DAYS:
            raise InvalidInput("reports.error.period_long", days=MAX_DAYS)
        if self.priority is not None and self.priority not in PRIORITIES:
            raise InvalidInput("reports.error.priority", value=self.priority)


@dataclass(frozen=True)
class ReportChoices:
    organisations: list[Choice]
    technicians: list[Choice]
    categories: list[Choice]


async def report_choices(store: Store, actor: Actor) -> ReportChoices:
    return await checked_read(
        store,
        actor,
        Permission.VIEW_REPORTS,
        lambda conn: ReportChoices(
            report_rows.organisation_choices(conn),
            report_rows.technician_choices(conn),
            report_rows.category_choices(conn),
        ),
    )


async def resolve_filter_names(
    store: Store, actor: Actor, *, org: str | None, tech: str | None
) -> tuple[int | None, int | None]:
    """An organisation's name and a technician's login (the command line's filters) as ids;
    a name the store does not know is refused."""

    def read(conn: apsw.Connection) -> tuple[int | None, int | None]:
        org_id = tech_id = None
        if org:
            org_id = report_rows.org_id_by_name(conn, org)
            if org_id is None:
                raise InvalidInput("reports.error.unknown_org", name=org)
        if tech:
            tech_id = report_rows.user_id_by_login(conn, tech)
            if tech_id is None:
                raise InvalidInput("reports.error.unknown_tech", login=tech)
        return org_id, tech_id

    return await checked_read(store, actor, Permission.VIEW_REPORTS, read)


def _name(choices: list[Choice], wanted: int | None) -> str | None:
    if wanted is None:
        return None
    return next((c.label for c in choices if c.id == wanted), f"#{wanted}")


def _filter(query: ReportQuery, period: Period, zone: ZoneInfo) -> RowFilter:
    since, until = period.bounds(zone)
    return RowFilter(
        since=to_db(since),
        until=to_db(until),
        org_id=query.org_id,
        tech_id=query.tech_id,
        category_id=query.category_id,
        priority=query.priority,
    )


def build_document(
    conn: apsw.Connection, query: ReportQuery, *, lang: str, time_zone: str, now: datetime
) -> Document:
    """The report computed over one read transaction (the caller checked the actor)."""
    query.check()
    zone = ZoneInfo(time_zone)
    technicians = report_rows.technician_choices(conn)
    scope = Scope(
        period=query.period,
        zone=zone,
        lang=lang,
        now=now,
        org=_name(report_rows.organisation_choices(conn), query.org_id),
        tech=_name(technicians, query.tech_id),
        category=_name(report_rows.category_choices(conn), query.category_id),
        priority=query.priority,
    )
    rows = _filter(query, query.period, zone)
    if query.kind == "work":
        return work.document(
            report_rows.worked_tickets(conn, rows), report_rows.work_actions(conn, rows), scope
        )
    if query.kind == "categories":
        previous = _filter(query, query.period.previous(), zone)
        return categories.document(
            report_rows.tickets(conn, rows), report_rows.tickets(conn, previous), scope
        )
    calendars = timelines({plan_id: plan.calendar for plan_id, plan in load_plans(conn).items()})
    if query.kind == "sla":
        return sla_report.document(report_rows.tickets(conn, rows), calendars, scope)
    result = efficiency.compute(
        report_rows.ticket_clocks(conn, rows),
        calendars,
        scope,
        names={choice.id: choice.label for choice in technicians},
        spent=report_rows.time_spent(conn, rows),
        open_now=report_rows.open_tickets(conn, rows),
    )
    return efficiency.document(result, scope)


async def report_document(
    store: Store,
    actor: Actor,
    query: ReportQuery,
    *,
    lang: str,
    time_zone: str,
    now: datetime | None = None,
) -> Document:
    moment = now or utc_now()
    return await checked_read(
        store,
        actor,
        Permission.VIEW_REPORTS,
        lambda conn: build_document(conn, query, lang=lang, time_zone=time_zone, now=moment),
    )


@dataclass(frozen=True)
class Export:
    content: bytes
    file_name: str
    media_type: str


_RENDER: dict[str, Callable[[Document], bytes]] = {
    "pdf": export_pdf.render,
    "xlsx": export_xlsx.render,
    "json": export_json.render,
}


def render(doc: Document, fmt: str, *, separator: str | None = None) -> bytes:
    if fmt == "csv":
        return export_csv.render(doc, separator)
    if fmt not in _RENDER:
        raise InvalidInput("reports.error.format", value=fmt, allowed=", ".join(FORMATS))
    return _RENDER[fmt](doc)


async def export_report(
    store: Store,
    actor: Actor,
    query: ReportQuery,
    fmt: str,
    *,
    lang: str,
    time_zone: str,
    separator: str | None = None,
    now: datetime | None = None,
) -> Export:
    """The report as a file in ``fmt`` (one of ``FORMATS``), its export audited."""
    if fmt not in FORMATS:
        raise InvalidInput("reports.error.format", value=fmt, allowed=", ".join(FORMATS))
    if separator is not None and separator not in export_csv.SEPARATORS:
        raise InvalidInput("reports.error.separator")
    doc = await report_document(store, actor, query, lang=lang, time_zone=time_zone, now=now)
    content = await asyncio.to_thread(render, doc, fmt, separator=separator)
    p = query.period

    def record(conn: apsw.Connection) -> None:
        acting_user(conn, actor, Permission.VIEW_REPORTS)
        audit.record(
            conn,
            user_id=actor.user_id,
            action="report.export",
            object_type="report",
            detail=f"{query.kind} {fmt} {p.start.isoformat()}..{p.end.isoformat()}"
            + (f" org={query.org_id}" if query.org_id is not None else "")
            + (f" tech={query.tech_id}" if query.tech_id is not None else ""),
            remote_addr=actor.audit_addr,
        )

    await store.write(record)
    name = f"tiketnitsa-{query.kind}-{p.start.isoformat()}-{p.end.isoformat()}.{fmt}"
    return Export(content, name, _MEDIA[fmt])
