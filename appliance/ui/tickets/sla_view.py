"""How a ticket's SLA timer, priority and status look, the same in the list and on the ticket
screen: Quasar colour names and the timer chip's words."""

from __future__ import annotations

from appliance.domain.sla import SlaState
from appliance.i18n import t
from appliance.services.ticket_screen import TicketDetail
from appliance.ui.common.format import duration

SLA_COLOURS = {
    "green": "positive",
    "amber": "orange-8",
    "red": "negative",
    "paused": "grey-6",
    "none": "grey-5",
}
PRIORITY_COLOURS = {"low": "blue-grey-4", "normal": "blue-7", "high": "orange-9", "urgent": "red-9"}
STATUS_COLOURS = {
    "new": "primary",
    "in_progress": "teal-8",
    "waiting": "brown-6",
    "resolved": "green-8",
    "closed": "grey-7",
}


def sla_text(state: SlaState, lang: str) -> str:
    """What the timer chip says: "Response: 1 h 05 min left", "Resolution: overdue by 7 min"."""
    if state.target is None:
        return t("workflow.sla.no_plan", lang)
    target = t(f"workflow.sla.{state.target}", lang)
    left = duration(state.seconds_left, lang)
    if state.colour == "paused":
        return t("ticket_screen.sla.paused", lang, target=target, left=left)
    if state.breached:
        return t("ticket_screen.sla.overdue", lang, target=target, left=left)
    return t("ticket_screen.sla.left", lang, target=target, left=left)


def sla_badge(state: SlaState, ticket: TicketDetail, lang: str) -> tuple[str, str]:
    """(text, colour) of the header's SLA chip: the running timer, or, once the ticket is
    resolved, whether the resolution target was met."""
    met = ticket.sla.resolution_met
    if state.target is None and met is not None:
        key = "ticket_screen.sla.met" if met else "ticket_screen.sla.missed"
        return t(key, lang), SLA_COLOURS["green" if met else "red"]
    return sla_text(state, lang), SLA_COLOURS[state.colour]
