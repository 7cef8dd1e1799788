"""Keeping an open ticket screen current: when the ticket changes anywhere (another technician,
the client API, a command in another process), the app's change watcher emits an event within
its poll interval, and the screen reads the ticket again and redraws. The action form is not
redrawn, so what the technician is typing stays."""

from __future__ import annotations

from appliance.live import TicketChanges, ticket_changes
from appliance.ui.tickets.screen_state import TicketScreen


def follow_ticket(screen: TicketScreen) -> None:
    """Subscribe ``screen`` to changes of its ticket (call inside the page function: the
    subscription ends when the browser window goes away)."""

    async def on_change(changes: TicketChanges) -> None:
        if changes.touches(screen.ticket_id):
            await screen.reload_if_changed()

    ticket_changes().subscribe(on_change)
