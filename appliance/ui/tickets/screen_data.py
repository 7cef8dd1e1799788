"""Everything the ticket screen shows, read in one snapshot (one read transaction), so the header,
the history and the client panel never disagree about the ticket's state."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

import apsw

from appliance.domain.sla import BusinessCalendar, SlaState, sla_state
from appliance.domain.workflow import allowed_transitions
from appliance.store.blobs import BlobInfo, blob_info
from appliance.store.ticket_panel import ClientPanel, client_panel
from appliance.store.credentials import may_reveal
from appliance.store.faq_match import FaqMatch, faq_for_text
from appliance.store.sla import load_plan
from appliance.store.ticket_choices import Choice, Service, assignee_choices, category_tree
from appliance.store.tickets import ActionRow, TicketDetail, get_ticket, ticket_history

FAQ_SHOWN = 5


@dataclass(frozen=True)
class ScreenData:
    ticket: TicketDetail
    history: list[ActionRow]
    panel: ClientPanel
    faq: list[FaqMatch]
    screenshots: list[BlobInfo]
    calendar: BusinessCalendar | None
    sla_plan_name: str | None
    transitions: tuple[str, ...]
    services: list[Service]
    assignees: list[Choice]
    may_reveal: bool

    @property
    def stamp(self) -> tuple[int, int]:
        return self.ticket.version, max((a.id for a in self.history), default=0)

    def sla(self, now: datetime) -> SlaState:
        t = self.ticket
        return sla_state(
            now=now,
            received_at=t.received_at,
            response_due=t.response_due_at,
            resolution_due=t.resolution_due_at,
            first_response_at=t.first_response_at,
            resolved_at=t.resolved_at,
            paused_since=t.sla_paused_since,
            cal=self.calendar,
            paused_seconds=t.sla_paused_seconds,
            closed_at=t.closed_at,
        )


def change_stamp(conn: apsw.Connection, ticket_id: int) -> tuple[int, int] | None:
    """(version, last history row id): what tells whether the screen's snapshot is current."""
    row = conn.execute(
        "SELECT t.version, (SELECT max(id) FROM ticket_actions WHERE ticket_id = t.id)"
        " FROM tickets AS t WHERE t.id = ?",
        (ticket_id,),
    ).fetchone()
    return (int(row[0]), int(row[1] or 0)) if row else None


def ticket_id_by_number(conn: apsw.Connection, number: int) -> int | None:
    row = conn.execute("SELECT id FROM tickets WHERE number = ?", (number,)).fetchone()
    return int(row[0]) if row else None


def load_screen(
    conn: apsw.Connection, ticket_id: int, *, user_id: int, today: date
) -> ScreenData | None:
    """The ticket screen's data; None if the ticket does not exist."""
    ticket = get_ticket(conn, ticket_id)
    if ticket is None:
        return None
    panel = client_panel(conn, ticket_id, today=today)
    assert panel is not None  # the ticket exists in this same snapshot
    plan = load_plan(conn, ticket.sla_plan_id) if ticket.sla_plan_id is not None else None
    shots = [info for sha in ticket.attachments if (info := blob_info(conn, sha)) is not None]
    return ScreenData(
        ticket=ticket,
        history=ticket_history(conn, ticket_id),
        panel=panel,
        faq=faq_for_text(conn, ticket.description, limit=FAQ_SHOWN),
        screenshots=shots,
        calendar=plan.calendar if plan else None,
        sla_plan_name=plan.name if plan else None,
        transitions=allowed_transitions(ticket.status),
        services=category_tree(conn, keep=ticket.category_id),
        assignees=assignee_choices(conn, keep=ticket.assignee_id),
        may_reveal=may_reveal(conn, user_id),
    )
