"""The Reports page's data (``VIEW_REPORTS``): tickets received over the last days, per
category and per status."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from appliance.domain.clock import from_db, to_db, utc_now
from appliance.domain.permissions import Permission
from appliance.services.actor import Actor
from appliance.services.audited import checked_read
from appliance.services.types import Store
from appliance.store import report_counts
from appliance.store.report_counts import Count

__all__ = ["Count", "TicketCounts"]

PERIOD_DAYS = 30


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
