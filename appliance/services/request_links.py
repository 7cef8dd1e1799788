"""Linking an unmatched client request to the client's card in one click (the ticket screen):
an existing person or computer, or new ones made from the request's facts. The card learns the
request's OS login, host name and MAC, so the next request from that PC matches by itself.

Needs ``WORK_TICKETS`` and ``MANAGE_CLIENTS`` (technicians, admins). Each link is one
transaction with its audit row.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TypeVar

import apsw

from appliance.domain.clock import utc_now
from appliance.domain.errors import Forbidden
from appliance.domain.permissions import Permission
from appliance.services.actor import Actor, acting_user
from appliance.services.types import Store
from appliance.store import audit, ticket_links
from appliance.store.equipment import COMPUTER_KINDS, list_equipment
from appliance.store.persons import list_persons
from appliance.store.ticket_links import RequestFacts

__all__ = ["RequestFacts", "RequestLinks"]

T = TypeVar("T")


@dataclass(frozen=True)
class RequestLinks:
    """What the ticket screen offers for an unmatched request."""

    facts: RequestFacts
    people: list[tuple[int, str]]  # the organisation's active people
    computers: list[tuple[int, str]]  # its active computers


async def request_links(store: Store, actor: Actor, *, ticket_id: int) -> RequestLinks:
    def read(conn: apsw.Connection) -> RequestLinks:
        acting_user(conn, actor, Permission.VIEW_TICKETS)
        facts = ticket_links.request_facts(conn, ticket_id)
        if facts.org_id is None:
            return RequestLinks(facts, [], [])
        people = [(p.id, p.full_name) for p in list_persons(conn, org_id=facts.org_id)]
        computers = [
            (e.id, f"{e.name} ({e.hostname})" if e.hostname else e.name)
            for e in list_equipment(conn, org_id=facts.org_id, kinds=COMPUTER_KINDS)
        ]
        return RequestLinks(facts, people, computers)

    return await store.read(read)


async def _linked(
    store: Store,
    actor: Actor,
    ticket_id: int,
    change: Callable[[apsw.Connection], T],
    *,
    action: str,
    detail: Callable[[T], str],
) -> T:
    def write(conn: apsw.Connection) -> T:
        acting_user(conn, actor, Permission.WORK_TICKETS, denied_key="workflow.not_permitted")
        user = acting_user(conn, actor, Permission.MANAGE_CLIENTS)
        if actor.user_id is not None and user is None:
            raise Forbidden("permission.denied")
        result = change(conn)
        audit.record(
            conn,
            user_id=actor.user_id,
            action=action,
            object_type="ticket",
            object_id=ticket_id,
            detail=detail(result),
            remote_addr=actor.audit_addr,
        )
        return result

    return await store.write(write)


async def link_person(store: Store, actor: Actor, *, ticket_id: int, person_id: int) -> str:
    """Link the ticket to an existing person; returns the OS login they were given ("" if none)."""
    return await _linked(
        store,
        actor,
        ticket_id,
        lambda conn: ticket_links.link_person(conn, ticket_id, person_id, now=utc_now()),
        action="ticket.link_person",
        detail=lambda login: f"person_id={person_id}; login_added={login or '—'}",
    )


async def link_equipment(
    store: Store, actor: Actor, *, ticket_id: int, equipment_id: int
) -> dict[str, str]:
    """Link the ticket to an existing computer; returns what the card took from the request."""
    return await _linked(
        store,
        actor,
        ticket_id,
        lambda conn: ticket_links.link_equipment(conn, ticket_id, equipment_id, now=utc_now()),
        action="ticket.link_equipment",
        detail=lambda changes: (
            f"equipment_id={equipment_id}; "
            + (", ".join(f"{k}={v}" for k, v in sorted(changes.items())) or "card unchanged")
        ),
    )


async def create_person(store: Store, actor: Actor, *, ticket_id: int, full_name: str) -> int:
    """A new person from the request (named ``full_name``, else by the OS login), linked."""
    return await _linked(
        store,
        actor,
        ticket_id,
        lambda conn: ticket_links.create_person_from_request(
            conn, ticket_id, full_name=full_name.strip(), now=utc_now()
        ),
        action="ticket.create_person",
        detail=lambda person_id: f"person_id={person_id}",
    )


async def create_equipment(store: Store, actor: Actor, *, ticket_id: int, name: str) -> int:
    """A new workstation from the request's host name, MAC, IP and OS, linked."""
    return await _linked(
        store,
        actor,
        ticket_id,
        lambda conn: ticket_links.create_equipment_from_request(
            conn, ticket_id, name=name.strip(), now=utc_now()
        ),
        action="ticket.create_equipment",
        detail=lambda equipment_id: f"equipment_id={equipment_id}",
    )
