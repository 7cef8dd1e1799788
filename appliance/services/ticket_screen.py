"""The ticket screen's reads: everything it shows in one snapshot, the stamp that says whether
that snapshot is still current, a ticket's id by its number, and its screenshots.

One read transaction per screen load, so the header, the history and the client panel never
disagree about the ticket's state. Each read checks the actor's right to view tickets afresh.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

import apsw

from appliance.domain.permissions import Permission
from appliance.domain.sla import BusinessCalendar, SlaState
from appliance.domain.workflow import allowed_transitions
from appliance.services import faq_search
from appliance.services.actor import Actor, acting_user
from appliance.services.types import Store
from appliance.store.blobs import BlobInfo, attached_blob_data, blob_info
from appliance.store.credentials import may_reveal
from appliance.store.faq import Article
from appliance.store.sla import load_plan
from appliance.store.ticket_choices import Choice, Service, assignee_choices, category_tree
from appliance.store.ticket_panel import (
    ClientPanel,
    CredentialCard,
    EquipmentCard,
    LicenseCard,
    PastTicket,
    client_panel,
)
from appliance.store.tickets import (
    ActionRow,
    TicketDetail,
    change_stamp,
    get_ticket,
    ticket_history,
    ticket_id_by_number,
)

__all__ = [
    "FAQ_SHOWN",
    "ActionRow",
    "Article",
    "BlobInfo",
    "Choice",
    "ClientPanel",
    "CredentialCard",
    "EquipmentCard",
    "LicenseCard",
    "PastTicket",
    "ScreenData",
    "Service",
    "TicketDetail",
    "attached_screenshot",
    "find_ticket_id",
    "load_screen",
    "screen_stamp",
]

FAQ_SHOWN = 5


@dataclass(frozen=True)
class ScreenData:
    ticket: TicketDetail
    history: list[ActionRow]
    panel: ClientPanel
    faq: list[Article]
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
        return self.ticket.sla.state(now, self.calendar)


def _screen(conn: apsw.Connection, actor: Actor, ticket_id: int, today: date) -> ScreenData | None:
    user = acting_user(conn, actor, Permission.VIEW_TICKETS)
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
        faq=faq_search.suggest(
            conn,
            ticket.description,
            category_id=ticket.category_id,
            org_id=ticket.org_id,
            limit=FAQ_SHOWN,
        ),
        screenshots=shots,
        calendar=plan.calendar if plan else None,
        sla_plan_name=plan.name if plan else None,
        transitions=allowed_transitions(ticket.status),
        services=category_tree(conn, keep=ticket.category_id),
        assignees=assignee_choices(conn, keep=ticket.assignee_id),
        may_reveal=user is None or may_reveal(conn, user.id),
    )


async def load_screen(
    store: Store, actor: Actor, *, ticket_id: int, today: date
) -> ScreenData | None:
    """The ticket screen's data (``today`` in the installation's zone, for license expiry);
    None if the ticket does not exist."""
    return await store.read(lambda conn: _screen(conn, actor, ticket_id, today))


async def screen_stamp(store: Store, actor: Actor, *, ticket_id: int) -> tuple[int, int] | None:
    """(version, last history row id) of the ticket now: equal to ``ScreenData.stamp`` while
    the screen shows what the store holds."""

    def read(conn: apsw.Connection) -> tuple[int, int] | None:
        acting_user(conn, actor, Permission.VIEW_TICKETS)
        return change_stamp(conn, ticket_id)

    return await store.read(read)


async def find_ticket_id(store: Store, actor: Actor, *, number: int) -> int | None:
    """The id of ticket ``number``; None if there is none."""

    def read(conn: apsw.Connection) -> int | None:
        acting_user(conn, actor, Permission.VIEW_TICKETS)
        return ticket_id_by_number(conn, number)

    return await store.read(read)


async def attached_screenshot(store: Store, actor: Actor, *, sha256: str) -> bytes | None:
    """The bytes of a screenshot some ticket refers to; None for any other blob."""

    def read(conn: apsw.Connection) -> bytes | None:
        acting_user(conn, actor, Permission.VIEW_TICKETS)
        return attached_blob_data(conn, sha256)

    return await store.read(read)
