"""Reading and pruning ``ticket_changes``, the doorbell table that triggers fill on every change
of a ticket (see appliance/live.py for who listens)."""

from __future__ import annotations

from dataclasses import dataclass

import apsw

from appliance.store.rows import fetch_all

MAX_ROWS_PER_POLL = 5_000  # a bulk import is passed on in slices, not in one huge event
# Open windows start from the newest seq, so old rows are useless; the newest KEEP_CHANGES stay
# for a watcher that fell behind.
KEEP_CHANGES = 10_000


@dataclass(frozen=True, slots=True)
class TicketChange:
    seq: int
    ticket_id: int
    kind: str  # 'created' | 'updated' | 'action'


def last_change_seq(conn: apsw.Connection) -> int:
    row = conn.execute("SELECT max(seq) FROM ticket_changes").fetchone()
    return int(row[0] or 0) if row is not None else 0


def changes_after(
    conn: apsw.Connection, seq: int, limit: int = MAX_ROWS_PER_POLL
) -> list[TicketChange]:
    # A range seek on the rowid: as cheap as max(seq) when nothing changed, and it brings the new
    # rows in the same round trip when something did. Writers are serialised by SQLite, so seq
    # values become visible in order and nothing below the last one seen can appear later.
    return fetch_all(
        conn,
        TicketChange,
        "SELECT seq, ticket_id, kind FROM ticket_changes WHERE seq > ? ORDER BY seq LIMIT ?",
        (seq, limit),
    )


def prune_changes(conn: apsw.Connection, keep: int = KEEP_CHANGES) -> int:
    """Delete all but the newest ``keep`` rows of ticket_changes; return how many went."""
    newest = last_change_seq(conn)
    conn.execute("DELETE FROM ticket_changes WHERE seq <= ?", (newest - keep,))
    return conn.changes()
