"""What a LiveViewer device reads back: changes of its own tickets (the public FAQ it reads:
``appliance.store.faq.public_articles``).

Feed events are written by triggers (0001_schema.sql: number, status, reply) so every source of
change is seen; the cursor is ``feed_events.seq``, which only grows.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import datetime

import apsw

from appliance.domain.clock import from_db
from appliance.store.rows import fetch_all


@dataclass(frozen=True)
class DeviceFeedEvent:
    seq: int
    kind: str
    at: datetime
    ticket_uuid: str
    ticket_number: int
    status: str | None
    text: str | None
    action_id: int | None


@dataclass(frozen=True)
class FeedSlice:
    events: list[DeviceFeedEvent]
    next: int  # the cursor to ask with next time
    more: bool  # another page is waiting now


@dataclass(frozen=True)
class _StoredEvent:
    seq: int
    kind: str
    at: str
    payload: str

    def event(self) -> DeviceFeedEvent:
        doc = json.loads(str(self.payload))
        return DeviceFeedEvent(
            seq=int(self.seq),
            kind=self.kind,
            at=from_db(self.at),
            ticket_uuid=doc["uuid"],
            ticket_number=doc["number"],
            status=doc.get("status"),
            text=doc.get("text"),
            action_id=doc.get("action_id"),
        )


def device_events(conn: apsw.Connection, device_id: int, *, since: int, limit: int) -> FeedSlice:
    """Events of tickets sent from ``device_id`` with seq > ``since``, oldest first."""
    rows = fetch_all(
        conn,
        _StoredEvent,
        "SELECT f.seq AS seq, f.kind AS kind, f.at AS at, f.payload AS payload"
        " FROM feed_events AS f JOIN tickets AS t ON t.id = f.ticket_id"
        " WHERE t.device_id = ? AND f.seq > ? ORDER BY f.seq LIMIT ?",
        (device_id, since, limit + 1),
    )
    events = [row.event() for row in rows[:limit]]
    return FeedSlice(events, events[-1].seq if events else since, len(rows) > limit)
