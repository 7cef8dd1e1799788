"""The doorbell of live updates: what changed in tickets since a sequence number, and pruning.

The app's change watcher (``appliance.live``) is the only caller. It acts for the appliance
itself, not for a user: it reads which tickets changed (ids and kinds, no content), and every
page it wakes reads the ticket through its own user's service call.
"""

from __future__ import annotations

from appliance.services.types import Store
from appliance.store.changes import TicketChange, changes_after, last_change_seq, prune_changes

__all__ = ["TicketChange", "changes_since", "latest_change", "prune_old_changes"]


async def latest_change(store: Store) -> int:
    """The sequence number of the newest change (0 when there is none)."""
    return await store.read(last_change_seq)


async def changes_since(store: Store, seq: int) -> list[TicketChange]:
    """The changes after ``seq``, oldest first (a bounded slice)."""
    return await store.read(lambda conn: changes_after(conn, seq))


async def prune_old_changes(store: Store) -> int:
    """Drop all but the newest changes; returns how many went."""
    return await store.write(prune_changes)
