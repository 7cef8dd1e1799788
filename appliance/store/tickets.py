"""The ticket aggregate's face: every public name of the ticket store modules, in one place.

Callers outside the store (services, the demo generator, tests) import from here; the modules
behind it say what they hold:

    ticket_types       row types and errors
    ticket_create      create_ticket (numbering, idempotency by uuid, SLA due times)
    ticket_intake      a device's submission: matching person and workstation, resends
    ticket_read        one ticket, its history, lookups by uuid and number, the change stamp
    ticket_change      assignee, category, priority, logged actions (optimistic versions)
    ticket_status      moving through the workflow, with the SLA clock
    ticket_list        the list: a page of a view, sorting, paging and counts
    ticket_list_where  the list's views and filters as a WHERE clause
    ticket_panel       what the ticket screen shows about the client
    ticket_choices     choices for the forms (organisations, people, categories, assignees)
    ticket_export      every ticket, streamed, for the command line

The schema's triggers write ``ticket_changes`` (open windows refresh) and ``feed_events`` (the
LiveViewer feed: number, status, public replies) for every write made by these modules.
"""

from __future__ import annotations

from appliance.store.ticket_change import (
    ACTION_MINUTES_MAX,
    add_action,
    assign,
    set_category,
    set_priority,
)
from appliance.store.ticket_create import DESCRIPTION_MAX, create_ticket
from appliance.store.ticket_read import (
    change_stamp,
    find_by_number,
    find_by_uuid,
    get_ticket,
    normalise_uuid,
    require_ticket,
    ticket_history,
    ticket_id_by_number,
)
from appliance.store.ticket_status import change_status
from appliance.store.ticket_types import (
    ActionRow,
    Changed,
    CreatedTicket,
    StaleTicketError,
    TicketDetail,
    TicketInputError,
    TicketNotFoundError,
    TicketPermissionError,
    TicketReadOnlyError,
    TicketRef,
    UnknownAttachment,
)
from appliance.store.ticket_versioning import CurrentTicket, current_ticket

__all__ = [
    "ACTION_MINUTES_MAX",
    "DESCRIPTION_MAX",
    "ActionRow",
    "Changed",
    "CreatedTicket",
    "CurrentTicket",
    "StaleTicketError",
    "TicketDetail",
    "TicketInputError",
    "TicketNotFoundError",
    "TicketPermissionError",
    "TicketReadOnlyError",
    "TicketRef",
    "UnknownAttachment",
    "add_action",
    "assign",
    "change_stamp",
    "change_status",
    "create_ticket",
    "current_ticket",
    "find_by_number",
    "find_by_uuid",
    "get_ticket",
    "normalise_uuid",
    "require_ticket",
    "set_category",
    "set_priority",
    "ticket_history",
    "ticket_id_by_number",
]
