"""How a ticket's SLA timer, priority and status look, the same in the list and on the ticket
screen: Quasar colour names and the timer chip's words."""

from __future__ import annotations

from datetime import datetime

from appliance.domain.sla import SlaState
from appliance.i18n import t
from appliance.services.ticket_screen import TicketDetail
from appliance.ui.common.format import duration

# Names of the theme's colours (ui/common/theme.py: each at WCAG AA with white text).
SLA_COLOURS = {
    "green": "sla-ok",
    "amber": "sla-warn",
    "red": "sla-breach",
    "paused": "sla-paused",
    "none": "sla-none",
}
PRIORITY_COLOURS = {
    "low": "prio-low",
    "normal": "prio-normal",
    "high": "prio-high",
    "urgent": "prio-urgent",
}
STATUS_COLOURS = {
    "new": "st-new",
    "in_progress": "st-progress",
    "waiting": "st-waiting",
    "resolved": "st-resolved",
    "closed": "st-closed",
}


def seconds_to_due(state: SlaState, now: datetime) -> int:
    """Calendar seconds from ``now`` to the due moment (negative once it passed).

    The one quantity the list and the header show, and the one the list sorts by ("Горят
    сроки" orders by the due moment): plans differ in working hours, so business time left is
    not comparable across tickets, while "due in 2 h" / "overdue by 3 d" is, and it is what the
    due time the hint names says. The colour still follows the plan's business budget.
    """
    assert state.due is not None
    return int((state.due - now).total_seconds())


def timer_phrase(state: SlaState, now: datetime, lang: str) -> str:
    """ "2 h 05 min left", "overdue by 3 d", "paused": the same words in the list and header."""
    if state.colour == "paused" or state.due is None:
        return t("sla.timer.paused", lang)
    seconds = seconds_to_due(state, now)
    if state.breached or seconds <= 0:
        return t("sla.timer.overdue", lang, time=duration(seconds, lang))
    return t("sla.timer.left", lang, time=duration(seconds, lang))


def sla_text(state: SlaState, now: datetime, lang: str) -> str:
    """What the header's chip says: "Response: 1 h 05 min left", "Resolution: overdue by 3 d"."""
    if state.target is None:
        return t("workflow.sla.no_plan", lang)
    target = t(f"workflow.sla.{state.target}", lang)
    return t("sla.timer.with_target", lang, target=target, phrase=timer_phrase(state, now, lang))


def sla_badge(state: SlaState, ticket: TicketDetail, now: datetime, lang: str) -> tuple[str, str]:
    """(text, colour) of the header's SLA chip: the running timer, or, once the ticket is
    resolved, whether the resolution target was met."""
    met = ticket.sla.resolution_met
    if state.target is None and met is not None:
        key = "ticket_screen.sla.met" if met else "ticket_screen.sla.missed"
        return t(key, lang), SLA_COLOURS["green" if met else "red"]
    return sla_text(state, now, lang), SLA_COLOURS[state.colour]
