"""The home dashboard (``VIEW_TICKETS``): the landing page for managers and a tab for everyone.

Open tickets by status, the tickets breaching soon (their SLA timer amber or red), today's
intake and the last seven days', the signed-in user's queue, licenses expiring within 30 days
(``VIEW_CLIENTS``) and, for admins (``MANAGE_SETTINGS``), the last backup and the last failure
of one (a scheduled backup that failed is recorded in ``backup_runs`` like any other, and shows
here until a later backup succeeds).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

import apsw

from appliance.domain.clock import from_db, to_db, utc_now
from appliance.domain.permissions import Permission, allowed
from appliance.domain.sla import SlaClock, SlaState
from appliance.services.actor import Actor, acting_user
from appliance.services.types import Store
from appliance.store import dashboard_rows
from appliance.store.dashboard_rows import BackupResult, ExpiringLicense
from appliance.store.report_rows import TicketFacts
from appliance.store.sla import load_plans

__all__ = ["BackupResult", "Dashboard", "DueTicket", "ExpiringLicense", "dashboard"]

LICENSE_DAYS = 30
INTAKE_DAYS = 7
SOON_LIMIT = 10
# Candidates for "breaching soon": next due time within a day (calendar); the plan's business
# clock then decides which are amber or red.
SOON_WINDOW = timedelta(days=1)


@dataclass(frozen=True)
class DueTicket:
    ticket: TicketFacts
    state: SlaState


@dataclass(frozen=True)
class Dashboard:
    now: datetime
    open_by_status: dict[str, int]  # new, in_progress, waiting (zeros included)
    breaching_soon: list[DueTicket]
    today_intake: int
    intake_by_day: list[tuple[date, int]]  # the last INTAKE_DAYS local days, oldest first
    queue_count: int
    queue: list[TicketFacts]
    licenses: list[ExpiringLicense] | None  # None: the user may not see clients
    last_backup: BackupResult | None
    last_backup_failure: BackupResult | None  # only while no later backup succeeded
    shows_backups: bool


def _soon(conn: apsw.Connection, now: datetime) -> list[DueTicket]:
    plans = load_plans(conn)
    found: list[DueTicket] = []
    for ticket in dashboard_rows.due_soonest(conn, before=to_db(now + SOON_WINDOW)):
        plan = plans.get(ticket.sla_plan_id) if ticket.sla_plan_id is not None else None
        if plan is None:
            continue
        clock = SlaClock(
            received_at=ticket.received_at,
            response_due_at=ticket.response_due_at,
            resolution_due_at=ticket.resolution_due_at,
            first_response_at=ticket.first_response_at,
            resolved_at=ticket.resolved_at,
            closed_at=ticket.closed_at,
            paused_since=ticket.paused_since,
            paused_seconds=ticket.paused_seconds,
        )
        state = clock.state(now, plan.calendar)
        if state.colour in ("amber", "red"):
            found.append(DueTicket(ticket, state))
    found.sort(key=lambda d: d.state.seconds_left)
    return found[:SOON_LIMIT]


async def dashboard(
    store: Store, actor: Actor, *, time_zone: str, now: datetime | None = None
) -> Dashboard:
    moment = now or utc_now()
    zone = ZoneInfo(time_zone)
    today = moment.astimezone(zone).date()
    first_day = today - timedelta(days=INTAKE_DAYS - 1)

    def read(conn: apsw.Connection) -> Dashboard:
        user = acting_user(conn, actor, Permission.VIEW_TICKETS)
        role = user.role if user is not None else "admin"  # the command line is the admin
        reveal = user.can_reveal_credentials if user is not None else False

        def may(permission: Permission) -> bool:
            return allowed(role, permission, can_reveal_credentials=reveal)

        counts = {status: 0 for status in dashboard_rows.OPEN_STATUSES}
        counts.update({row.status: row.count for row in dashboard_rows.open_by_status(conn)})
        since = datetime.combine(first_day, time(), zone)
        per_day = {first_day + timedelta(days=i): 0 for i in range(INTAKE_DAYS)}
        for received in dashboard_rows.received_since(conn, to_db(since)):
            day = from_db(received).astimezone(zone).date()
            if day in per_day:
                per_day[day] += 1
        queue_count, queue = dashboard_rows.queue_of(conn, user.id) if user is not None else (0, [])
        licenses = (
            dashboard_rows.licenses_expiring(
                conn, first=today, last=today + timedelta(days=LICENSE_DAYS)
            )
            if may(Permission.VIEW_CLIENTS)
            else None
        )
        backups = may(Permission.MANAGE_SETTINGS)
        last = dashboard_rows.last_backup(conn) if backups else None
        failure = None
        if backups:
            failed = dashboard_rows.last_backup(conn, result="failed")
            succeeded = dashboard_rows.last_backup(conn, result="ok")
            if failed is not None and (
                succeeded is None or succeeded.started_at < failed.started_at
            ):
                failure = failed
        return Dashboard(
            now=moment,
            open_by_status=counts,
            breaching_soon=_soon(conn, moment),
            today_intake=per_day[today],
            intake_by_day=sorted(per_day.items()),
            queue_count=queue_count,
            queue=queue,
            licenses=licenses,
            last_backup=last,
            last_backup_failure=failure,
            shows_backups=backups,
        )

    return await store.read(read)
