"""Small formatting helpers of the ticket screen: times in the appliance's zone, durations,
sizes, and the SLA timer's colours (the same four as the list: green, amber, red, paused)."""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from appliance.domain.sla import SlaState
from appliance.i18n import t
from appliance.store.tickets import TicketDetail
from appliance.ui.ticket_list_rows import SLA_COLOURS as LIST_SLA_COLOURS

# The list's colours (Quasar names), so a ticket looks the same in both places; no plan is grey.
SLA_COLOURS = {**LIST_SLA_COLOURS, "none": "grey-5"}
# Clocks closer than this are treated as agreeing (transport and queueing take a moment).
CLOCK_TOLERANCE_SECONDS = 60


def zone(time_zone: str) -> ZoneInfo:
    try:
        return ZoneInfo(time_zone)
    except (ZoneInfoNotFoundError, ValueError):
        return ZoneInfo("UTC")


def when(moment: datetime | None, time_zone: str) -> str:
    """``dd.mm.yyyy hh:mm`` in the appliance's zone."""
    if moment is None:
        return ""
    return moment.astimezone(zone(time_zone)).strftime("%d.%m.%Y %H:%M")


def when_seconds(moment: datetime, time_zone: str) -> str:
    return moment.astimezone(zone(time_zone)).strftime("%d.%m.%Y %H:%M:%S")


def duration(seconds: int, lang: str) -> str:
    """A short human duration: "2 d 3 h", "1 h 05 min", "7 min", "40 s"."""
    seconds = abs(int(seconds))
    days, rest = divmod(seconds, 86_400)
    hours, rest = divmod(rest, 3_600)
    minutes, secs = divmod(rest, 60)
    if days:
        return t("ticket_screen.dur.days_hours", lang, d=days, h=hours)
    if hours:
        return t("ticket_screen.dur.hours_minutes", lang, h=hours, m=f"{minutes:02d}")
    if minutes:
        return t("ticket_screen.dur.minutes", lang, m=minutes)
    return t("ticket_screen.dur.seconds", lang, s=secs)


def size(n_bytes: int, lang: str) -> str:
    gib = n_bytes / 2**30
    if gib >= 1:
        return t("ticket_screen.size.gib", lang, n=f"{gib:.1f}")
    return t("ticket_screen.size.mib", lang, n=f"{n_bytes / 2**20:.0f}")


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
    if state.target is None and ticket.resolved_at and ticket.resolution_due_at:
        met = ticket.resolved_at <= ticket.resolution_due_at
        key = "ticket_screen.sla.met" if met else "ticket_screen.sla.missed"
        return t(key, lang), LIST_SLA_COLOURS["green" if met else "red"]
    return sla_text(state, lang), SLA_COLOURS[state.colour]


def clock_note(submitted: datetime, received: datetime, lang: str) -> str | None:
    """A note when the client's send time and the appliance's receive time disagree, or None.

    Sent before received is usually the outbox holding the request while the network was down
    (or a slow client clock); sent after received can only be a client clock running fast.
    """
    delta = int((received - submitted).total_seconds())
    if abs(delta) < CLOCK_TOLERANCE_SECONDS:
        return None
    if delta < 0:
        return t("ticket_screen.clock.ahead", lang, d=duration(-delta, lang))
    return t("ticket_screen.clock.later", lang, d=duration(delta, lang))
