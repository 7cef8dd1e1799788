"""The header's search across the appliance: clients, people, equipment, tickets, grouped.

Each group is searched only when the user may see it now (``VIEW_CLIENTS`` for the first three,
``VIEW_TICKETS`` for tickets); each returns at most ``PER_GROUP`` hits, so a one-letter query on
a big installation costs a few small reads.
"""

from __future__ import annotations

from dataclasses import dataclass

import apsw

from appliance.domain.errors import Forbidden
from appliance.domain.permissions import Permission
from appliance.domain.text_search import parse
from appliance.services.actor import Actor, acting_user
from appliance.services.types import Store
from appliance.store import global_search
from appliance.store.global_search import ClientHit, EquipmentHit, PersonHit, TicketHit

__all__ = ["ClientHit", "EquipmentHit", "Found", "PersonHit", "TicketHit", "search_everything"]

PER_GROUP = 5
MIN_CHARS = 2
MAX_CHARS = 100


@dataclass(frozen=True)
class Found:
    clients: tuple[ClientHit, ...] = ()
    people: tuple[PersonHit, ...] = ()
    equipment: tuple[EquipmentHit, ...] = ()
    tickets: tuple[TicketHit, ...] = ()

    @property
    def empty(self) -> bool:
        return not (self.clients or self.people or self.equipment or self.tickets)


def _may(conn: apsw.Connection, actor: Actor, permission: Permission) -> bool:
    try:
        acting_user(conn, actor, permission)
    except Forbidden:
        return False
    return True


async def search_everything(
    store: Store, actor: Actor, text: str, *, per_group: int = PER_GROUP
) -> Found:
    """What matches ``text`` (at least ``MIN_CHARS`` characters; a ticket number needs one)."""
    text = " ".join(text.split())[:MAX_CHARS]
    query = parse(text)
    if len(text) < MIN_CHARS and query.number is None:
        return Found()
    needle = text.casefold()
    per_group = max(1, min(per_group, 20))

    def read(conn: apsw.Connection) -> Found:
        acting_user(conn, actor, Permission.VIEW_TICKETS)  # every signed-in role; else refused
        found_clients: tuple[ClientHit, ...] = ()
        found_people: tuple[PersonHit, ...] = ()
        found_equipment: tuple[EquipmentHit, ...] = ()
        if _may(conn, actor, Permission.VIEW_CLIENTS) and len(text) >= MIN_CHARS:
            found_clients = tuple(global_search.clients(conn, needle, per_group))
            found_people = tuple(global_search.people(conn, needle, per_group))
            found_equipment = tuple(global_search.equipment(conn, needle, per_group))
        return Found(
            clients=found_clients,
            people=found_people,
            equipment=found_equipment,
            tickets=tuple(global_search.tickets(conn, query, per_group)),
        )

    return await store.read(read)
