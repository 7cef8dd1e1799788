"""The ticket state machine and the vocabulary of a ticket (statuses, priorities, sources, action
kinds). Pure: no I/O.

Transitions (anything else is refused with ``TransitionError``):

    from \\ to    new  in_progress  waiting  resolved  closed
    new           -    yes          yes      yes       -
    in_progress   -    -            yes      yes       -
    waiting       -    yes          -        yes       -
    resolved      -    yes (reopen) -        -         yes
    closed        -    yes (reopen) -        -         -

Taking a new ticket starts work on it (``status_on_take``); work in progress always has an
assignee: moving an unassigned ticket to 'in_progress' assigns whoever moved it
(``assignee_on_start``).

Nothing returns to 'new': once someone has touched a ticket it is no longer unseen. A ticket is
closed only after it was resolved, so every closed ticket has a resolution time for the reports.
A closed ticket is read-only except for reopening.

What a transition does (``effects``):
- to 'resolved': ``resolved_at`` = now; if nobody responded yet, the resolution is the first
  response (the client got an answer).
- to 'closed': ``closed_at`` = now.
- reopen (resolved/closed -> in_progress): ``resolved_at`` and ``closed_at`` cleared.
- SLA clock: runs in 'new' and 'in_progress', stands still in 'waiting', 'resolved', 'closed'.
  Entering a still status from a running one records ``sla_paused_since``; going back to a
  running one adds the business seconds stood still to the unmet due times (so time spent resolved
  before a reopen is not charged to the team either).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from appliance.domain.errors import InvalidInput

STATUSES = ("new", "in_progress", "waiting", "resolved", "closed")
OPEN_STATUSES = ("new", "in_progress", "waiting")
CLOCK_RUNS_IN = frozenset({"new", "in_progress"})
PRIORITIES = ("low", "normal", "high", "urgent")
SOURCES = ("client", "phone", "email", "technician")
VISIBILITIES = ("internal", "public")

# What a technician logs. The history kinds below are written by the store, never by hand.
WORK_KINDS = ("comment", "phone_call", "remote_session", "on_site", "other")
HISTORY_KINDS = (
    "created",
    "status",
    "assignment",
    "category",
    "priority",
    "client_message",
    "sla",
)
ACTION_KINDS = WORK_KINDS + HISTORY_KINDS

_TRANSITIONS: Mapping[str, tuple[str, ...]] = {
    "new": ("in_progress", "waiting", "resolved"),
    "in_progress": ("waiting", "resolved"),
    "waiting": ("in_progress", "resolved"),
    "resolved": ("in_progress", "closed"),
    "closed": ("in_progress",),
}


class TicketRuleError(InvalidInput):
    """A request that breaks a rule of tickets. ``key`` is an i18n key and ``values`` fill it, so
    each caller shows it in the reader's language: ``t(err.key, lang, **err.values)``."""


class TransitionError(TicketRuleError):
    """This status change is not allowed: 'workflow.not_allowed' or 'workflow.unknown_status'."""


def allowed_transitions(status: str) -> tuple[str, ...]:
    """The statuses a ticket in ``status`` may move to, in the order a menu shows them."""
    if status not in _TRANSITIONS:
        raise TransitionError("workflow.unknown_status", status=status)
    return _TRANSITIONS[status]


def check_transition(old: str, new: str) -> None:
    if new not in _TRANSITIONS:
        raise TransitionError("workflow.unknown_status", status=new)
    if new not in allowed_transitions(old):
        raise TransitionError("workflow.not_allowed", old=old, new=new)


def is_reopen(old: str, new: str) -> bool:
    return old in ("resolved", "closed") and new == "in_progress"


@dataclass(frozen=True)
class Effects:
    """What a transition does to the ticket's timestamps and SLA clock."""

    set_resolved_at: bool = False
    set_closed_at: bool = False
    clear_resolved_at: bool = False
    clear_closed_at: bool = False
    pause_clock: bool = False
    resume_clock: bool = False
    counts_as_response: bool = False


def effects(old: str, new: str) -> Effects:
    """Checks the transition, then says what it does."""
    check_transition(old, new)
    return Effects(
        set_resolved_at=new == "resolved",
        set_closed_at=new == "closed",
        clear_resolved_at=is_reopen(old, new),
        clear_closed_at=is_reopen(old, new),
        pause_clock=old in CLOCK_RUNS_IN and new not in CLOCK_RUNS_IN,
        resume_clock=old not in CLOCK_RUNS_IN and new in CLOCK_RUNS_IN,
        counts_as_response=new == "resolved",
    )


def status_on_take(status: str) -> str | None:
    """The status a ticket moves to when a technician takes it: a new ticket is being worked on
    from that moment ("Беру" means "I'm on it"); a ticket waiting for the client, resolved or
    closed keeps its status (taking it over is not working on it)."""
    return "in_progress" if status == "new" else None


def assignee_on_start(new_status: str, assignee_id: int | None, starter_id: int) -> int | None:
    """Who must be assigned when a ticket moves to ``new_status``: work in progress always has
    someone doing it, so starting work on an unassigned ticket gives it to the one who starts;
    None when the assignee stays as it is."""
    if new_status == "in_progress" and assignee_id is None:
        return starter_id
    return None


def is_read_only(status: str) -> bool:
    """A closed ticket takes no actions or edits; reopen it first."""
    return status == "closed"


def action_counts_as_response(kind: str, visibility: str) -> bool:
    """Whether a technician's action is a response to the client for the SLA.

    Every call, remote session, visit or other piece of work counts, and so does a comment the
    client can see. An internal comment does not: it is a note to colleagues that the client never
    sees, and counting it would let a one-word note stop the response clock.
    """
    if kind not in WORK_KINDS:
        return False
    return not (kind == "comment" and visibility == "internal")
