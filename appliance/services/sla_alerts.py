"""The SLA checker's one step: record and return the warning thresholds open tickets crossed.

Run by the appliance itself (``appliance.sla_watch``), not on a user's behalf: there is no actor
to check, and what it writes (a notice row, a breach line in the history) is the clock's doing.
"""

from __future__ import annotations

from datetime import datetime

from appliance.services.types import Store
from appliance.store.sla_notices import SlaNotice, record_crossings

__all__ = ["SlaNotice", "check_crossings"]


async def check_crossings(store: Store, now: datetime) -> list[SlaNotice]:
    return await store.write(lambda conn: record_crossings(conn, now))
