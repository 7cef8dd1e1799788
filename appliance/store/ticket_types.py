"""What the ticket queries take and give: result types and errors. Import them from
``appliance.store.tickets``.

Errors (each carries an i18n ``key`` and ``values``; ``str(err)`` is the key and values, for logs):

    TicketRuleError (InvalidInput)        appliance.domain.workflow
    +-- TransitionError                   status change not allowed
    +-- TicketInputError                  bad input: nothing was written
    |   +-- UnknownAttachment             an attachment the store does not hold
    +-- TicketReadOnlyError               the ticket is closed
    TicketPermissionError (Forbidden)     the user may not work tickets
    TicketNotFoundError (NotFound)        no ticket with that id
    StaleTicketError (Stale)              changed by someone else since ``expected_version``
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from appliance.domain.clock import from_db, from_db_or_none
from appliance.domain.errors import Forbidden, NotFound, Stale
from appliance.domain.sla import SlaClock
from appliance.domain.workflow import TicketRuleError


class TicketInputError(TicketRuleError):
    """Bad input for a ticket (key 'ticket_input.*'). The store is unchanged."""


class UnknownAttachment(TicketInputError):
    """An attachment names a blob the store does not hold (key 'ticket_input.bad_attachment')."""

    def __init__(self, sha256: str) -> None:
        super().__init__("ticket_input.bad_attachment", value=sha256)
        self.sha256 = sha256


class TicketReadOnlyError(TicketRuleError):
    """A closed ticket takes no actions or edits (key 'workflow.read_only')."""


class TicketPermissionError(Forbidden):
    """The user may not work tickets (key 'workflow.not_permitted')."""


class TicketNotFoundError(NotFound):
    def __init__(self, ticket_id: int) -> None:
        super().__init__("workflow.not_found", ticket_id=ticket_id)


class StaleTicketError(Stale):
    """Someone else changed the ticket after the caller read it. Nothing was written; show the
    ticket again (``current_version`` is the version to base the next attempt on)."""

    def __init__(self, ticket_id: int, expected_version: int, current_version: int) -> None:
        super().__init__("workflow.stale", ticket_id=ticket_id)
        self.ticket_id = ticket_id
        self.expected_version = expected_version
        self.current_version = current_version


@dataclass(frozen=True)
class CreatedTicket:
    id: int
    number: int
    uuid: str
    created: bool  # False: the uuid was known; this is the existing ticket, nothing changed


@dataclass(frozen=True)
class TicketRef:
    id: int
    number: int
    uuid: str
    content_hash: str
    status: str
    version: int


@dataclass(frozen=True)
class Changed:
    """The outcome of a change: the ticket's version now (base the next change on it) and the
    history row written, if any (None when the change was a no-op)."""

    ticket_id: int
    version: int
    action_id: int | None


@dataclass(frozen=True)
class TicketDetail:
    id: int
    number: int
    uuid: str
    content_hash: str
    org_id: int | None
    org_name: str | None
    person_id: int | None
    person_name: str | None
    equipment_id: int | None
    equipment_name: str | None
    device_id: int | None
    source: str
    description: str
    contact_phone: str
    priority: str
    status: str
    category_id: int | None
    category_name: str | None  # "Service / Problem", or "Service" for a top-level category
    assignee_id: int | None
    assignee_name: str | None
    created_by: int | None
    created_by_name: str | None
    machine_facts: dict[str, Any]
    sla_plan_id: int | None
    submitted_at: datetime
    sla: SlaClock
    updated_at: datetime
    version: int
    attachments: tuple[str, ...]  # blob sha256s, in the order sent

    # The clock's moments by the names the tickets table gives them.
    @property
    def received_at(self) -> datetime:
        return self.sla.received_at

    @property
    def first_response_at(self) -> datetime | None:
        return self.sla.first_response_at

    @property
    def resolved_at(self) -> datetime | None:
        return self.sla.resolved_at

    @property
    def closed_at(self) -> datetime | None:
        return self.sla.closed_at

    @property
    def response_due_at(self) -> datetime | None:
        return self.sla.response_due_at

    @property
    def resolution_due_at(self) -> datetime | None:
        return self.sla.resolution_due_at

    @property
    def sla_paused_since(self) -> datetime | None:
        return self.sla.paused_since

    @property
    def sla_paused_seconds(self) -> int:
        return self.sla.paused_seconds


@dataclass(frozen=True)
class ActionRow:
    """One line of a ticket's history. For history kinds ``old_value``/``new_value`` hold what
    changed (status/priority names, user/category ids as text); ``old_label``/``new_label`` are
    names for people and categories, and the raw value otherwise."""

    id: int
    ticket_id: int
    user_id: int | None
    user_name: str | None
    created_at: datetime
    kind: str
    text: str
    minutes: int
    additional_work: bool
    visibility: str
    old_value: str | None
    new_value: str | None
    old_label: str | None
    new_label: str | None


# The columns of the tickets table that make a ticket's SLA clock, as rows name them.
SLA_CLOCK_COLUMNS = (
    "received_at",
    "response_due_at",
    "resolution_due_at",
    "first_response_at",
    "resolved_at",
    "closed_at",
    "sla_paused_since",
    "sla_paused_seconds",
)


def take_sla_clock(columns: dict[str, Any]) -> SlaClock:
    """The SLA clock of a ticket row, its columns (``SLA_CLOCK_COLUMNS``) taken out of
    ``columns``: every ticket row type carries the clock as one value."""
    moment = from_db_or_none
    return SlaClock(
        received_at=from_db(columns.pop("received_at")),
        response_due_at=moment(columns.pop("response_due_at")),
        resolution_due_at=moment(columns.pop("resolution_due_at")),
        first_response_at=moment(columns.pop("first_response_at")),
        resolved_at=moment(columns.pop("resolved_at")),
        closed_at=moment(columns.pop("closed_at")),
        paused_since=moment(columns.pop("sla_paused_since")),
        paused_seconds=int(columns.pop("sla_paused_seconds")),
    )
