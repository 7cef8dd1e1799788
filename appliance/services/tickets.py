"""Working tickets: the changes a technician makes on the ticket screen, a ticket taken by
phone, the new-ticket form's choices, and the command line's list of every ticket.

Each change runs in ONE write transaction: the acting user is read afresh there
(``acting_user``: a technician disabled or made a manager a second ago is refused), then the
store makes the change based on the version the user saw (``Stale`` when the ticket moved on) and
writes the history row that is the ticket's audit trail. The screen's reads are in
``appliance.services.ticket_screen``, the list's in ``appliance.services.ticket_list``.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import datetime
from typing import Any, TypeVar

import apsw

from appliance.domain.clock import utc_now
from appliance.domain.errors import Forbidden
from appliance.domain.permissions import Permission
from appliance.domain.workflow import assignee_on_start, status_on_take
from appliance.services.actor import Actor, acting_user
from appliance.services.types import Store
from appliance.store import tickets as ticket_store
from appliance.store.ticket_choices import (
    Choice,
    Service,
    category_tree,
    equipment_choices,
    organization_choices,
    person_choices,
    person_phone,
)
from appliance.store.ticket_export import EXPORT_FIELDS, ticket_records
from appliance.store.tickets import ACTION_MINUTES_MAX, Changed, CreatedTicket

__all__ = [
    "ACTION_MINUTES_MAX",
    "EXPORT_FIELDS",
    "Changed",
    "Choice",
    "CreatedTicket",
    "NewTicketChoices",
    "PersonDefaults",
    "Service",
    "add_action",
    "assign_ticket",
    "change_status",
    "create_phone_ticket",
    "export_tickets_sync",
    "new_ticket_choices",
    "org_choices_for_new_ticket",
    "person_defaults",
    "set_category",
    "set_priority",
    "take_ticket",
]

T = TypeVar("T")
NOT_PERMITTED = "workflow.not_permitted"


def _worker_id(conn: apsw.Connection, actor: Actor) -> int:
    """The acting technician's id, read now; the history names who made each change, so the
    command line (no user) works no tickets."""
    user = acting_user(conn, actor, Permission.WORK_TICKETS, denied_key=NOT_PERMITTED)
    if user is None:
        raise Forbidden(NOT_PERMITTED)
    return user.id


async def _work(
    store: Store, actor: Actor, change: Callable[[apsw.Connection, int], Changed]
) -> Changed:
    """Run ``change(conn, technician_id)`` in one write, the technician read afresh inside it.
    The store writes the ticket's history row (who, when, what) in the same transaction: that is
    a ticket change's audit."""
    return await store.write(lambda conn: change(conn, _worker_id(conn, actor)))


async def change_status(
    store: Store, actor: Actor, *, ticket_id: int, new_status: str, expected_version: int
) -> Changed:
    """Move the ticket; starting work on an unassigned ticket also assigns the one who starts
    it (``workflow.assignee_on_start``), in the same transaction."""

    def change(conn: apsw.Connection, user_id: int) -> Changed:
        assignee = ticket_store.current_ticket(conn, ticket_id, expected_version).assignee_id
        changed = ticket_store.change_status(
            conn,
            ticket_id=ticket_id,
            new_status=new_status,
            user_id=user_id,
            expected_version=expected_version,
        )
        starter = assignee_on_start(new_status, assignee, user_id)
        if starter is None or changed.action_id is None:
            return changed
        return ticket_store.assign(
            conn,
            ticket_id=ticket_id,
            assignee_id=starter,
            user_id=user_id,
            expected_version=changed.version,
        )

    return await _work(store, actor, change)


async def assign_ticket(
    store: Store, actor: Actor, *, ticket_id: int, assignee_id: int | None, expected_version: int
) -> Changed:
    """Give the ticket to ``assignee_id`` (None: to nobody)."""
    return await _work(
        store,
        actor,
        lambda conn, user_id: ticket_store.assign(
            conn,
            ticket_id=ticket_id,
            assignee_id=assignee_id,
            user_id=user_id,
            expected_version=expected_version,
        ),
    )


async def take_ticket(
    store: Store, actor: Actor, *, ticket_id: int, expected_version: int
) -> Changed:
    """Give the ticket to the acting technician; a new ticket taken is in work from then on
    (``workflow.status_on_take``). Both in one transaction, each with its history row."""

    def change(conn: apsw.Connection, user_id: int) -> Changed:
        changed = ticket_store.assign(
            conn,
            ticket_id=ticket_id,
            assignee_id=user_id,
            user_id=user_id,
            expected_version=expected_version,
        )
        status = ticket_store.current_ticket(conn, ticket_id, changed.version).status
        moved_to = status_on_take(status)
        if moved_to is None:
            return changed
        return ticket_store.change_status(
            conn,
            ticket_id=ticket_id,
            new_status=moved_to,
            user_id=user_id,
            expected_version=changed.version,
        )

    return await _work(store, actor, change)


async def set_category(
    store: Store, actor: Actor, *, ticket_id: int, category_id: int | None, expected_version: int
) -> Changed:
    return await _work(
        store,
        actor,
        lambda conn, user_id: ticket_store.set_category(
            conn,
            ticket_id=ticket_id,
            category_id=category_id,
            user_id=user_id,
            expected_version=expected_version,
        ),
    )


async def set_priority(
    store: Store, actor: Actor, *, ticket_id: int, priority: str, expected_version: int
) -> Changed:
    return await _work(
        store,
        actor,
        lambda conn, user_id: ticket_store.set_priority(
            conn,
            ticket_id=ticket_id,
            priority=priority,
            user_id=user_id,
            expected_version=expected_version,
        ),
    )


async def add_action(
    store: Store,
    actor: Actor,
    *,
    ticket_id: int,
    kind: str,
    text: str,
    minutes: int,
    additional_work: bool,
    visibility: str,
    expected_version: int | None,
) -> Changed:
    """Log a piece of work on the ticket (see ``appliance.store.ticket_change.add_action``)."""
    return await _work(
        store,
        actor,
        lambda conn, user_id: ticket_store.add_action(
            conn,
            ticket_id=ticket_id,
            user_id=user_id,
            kind=kind,
            text=text,
            minutes=minutes,
            additional_work=additional_work,
            visibility=visibility,
            expected_version=expected_version,
        ),
    )


# -- a ticket taken by phone ------------------------------------------------------------------


@dataclass(frozen=True)
class NewTicketChoices:
    organisations: list[Choice]
    services: list[Service]


@dataclass(frozen=True)
class PersonDefaults:
    phone: str
    equipment: list[Choice]


async def new_ticket_choices(store: Store, actor: Actor) -> NewTicketChoices:
    """The organisations and categories the new-ticket form offers."""

    def read(conn: apsw.Connection) -> NewTicketChoices:
        acting_user(conn, actor, Permission.CREATE_TICKETS)
        return NewTicketChoices(organization_choices(conn), category_tree(conn))

    return await store.read(read)


async def org_choices_for_new_ticket(
    store: Store, actor: Actor, *, org_id: int
) -> tuple[list[Choice], list[Choice]]:
    """(people, equipment) of the organisation, for the form's lists."""

    def read(conn: apsw.Connection) -> tuple[list[Choice], list[Choice]]:
        acting_user(conn, actor, Permission.CREATE_TICKETS)
        return person_choices(conn, org_id), equipment_choices(conn, org_id)

    return await store.read(read)


async def person_defaults(
    store: Store, actor: Actor, *, org_id: int, person_id: int
) -> PersonDefaults:
    """The person's phone and the equipment to offer first when the person is picked."""

    def read(conn: apsw.Connection) -> PersonDefaults:
        acting_user(conn, actor, Permission.CREATE_TICKETS)
        return PersonDefaults(
            person_phone(conn, person_id), equipment_choices(conn, org_id, person_id=person_id)
        )

    return await store.read(read)


async def create_phone_ticket(
    store: Store,
    actor: Actor,
    *,
    uuid: str,
    org_id: int,
    person_id: int,
    equipment_id: int | None,
    contact_phone: str,
    description: str,
    priority: str,
    category_id: int | None,
    assign_to_me: bool,
    now: datetime | None = None,
) -> CreatedTicket:
    """File a request taken by phone (source 'phone'), by the acting user, optionally given to
    them. The form's ``uuid`` makes a second press of Create the same ticket."""
    at = now or utc_now()

    def write(conn: apsw.Connection) -> CreatedTicket:
        user = acting_user(conn, actor, Permission.CREATE_TICKETS)
        user_id = user.id if user is not None else None
        return ticket_store.create_ticket(
            conn,
            uuid=uuid,
            source="phone",
            submitted_at=at,
            received_at=at,
            created_by=user_id,
            org_id=org_id,
            person_id=person_id,
            equipment_id=equipment_id,
            contact_phone=contact_phone,
            description=description,
            priority=priority,
            category_id=category_id,
            assignee_id=user_id if assign_to_me else None,
        )

    return await store.write(write)


# -- the command line's list ------------------------------------------------------------------


def export_tickets_sync(
    store: Store, actor: Actor, consume: Callable[[Iterator[dict[str, Any]]], T]
) -> T:
    """Run ``consume`` over every ticket (fields ``EXPORT_FIELDS``), ordered by number, inside one
    read transaction: one consistent snapshot, streamed, never one list in memory."""

    def read(conn: apsw.Connection) -> T:
        acting_user(conn, actor, Permission.VIEW_TICKETS)
        return consume(ticket_records(conn))

    return store.read_sync(read)
