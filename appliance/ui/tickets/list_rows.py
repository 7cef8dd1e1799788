"""Turning list rows into table cells: relative and local times, badges, and the SLA timer.

Everything here is plain text for ``{{ }}`` interpolation in the table's template (Vue escapes
it), so user text can never become markup. ``refresh_clock`` recomputes only what time changes
(the timer and "5 min ago") for the rows already on screen, without touching the database.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime
from typing import Any
from zoneinfo import ZoneInfo

from appliance.domain.sla import BusinessCalendar, SlaState
from appliance.i18n import t
from appliance.services.ticket_list import TicketRow
from appliance.ui.common.format import ago, when
from appliance.ui.tickets import sla_warnings
from appliance.ui.tickets.sla_view import (
    PRIORITY_COLOURS,
    SLA_COLOURS,
    STATUS_COLOURS,
    timer_phrase,
)

EMPTY = "—"


def state_of(row: TicketRow, now: datetime, calendars: Mapping[int, BusinessCalendar]) -> SlaState:
    calendar = calendars.get(row.calendar_id) if row.calendar_id is not None else None
    return row.sla.state(now, calendar)


def sla_cells(
    row: TicketRow,
    now: datetime,
    calendars: Mapping[int, BusinessCalendar],
    lang: str,
    zone: ZoneInfo,
) -> dict[str, str]:
    """The timer's text, colour and hover text, with the SLA warning sent (if any)."""
    return sla_warnings.mark(row, _timer_cells(row, now, calendars, lang, zone), lang)


def _timer_cells(
    row: TicketRow,
    now: datetime,
    calendars: Mapping[int, BusinessCalendar],
    lang: str,
    zone: ZoneInfo,
) -> dict[str, str]:
    """The timer's text, colour and hover text; all empty when the ticket has no running SLA."""
    state = state_of(row, now, calendars)
    if state.colour == "none" or state.due is None:
        return {"sla_text": "", "sla_colour": "", "sla_hint": ""}
    due_hint = t(f"ticket_list.timer.{state.target}", lang, due=when(state.due, zone))
    if state.colour == "paused":
        since = when(row.paused_since, zone) if row.paused_since else ""
        hint = t("ticket_list.timer.paused_hint", lang, since=since) + " · " + due_hint
        return {
            "sla_text": t("ticket_list.timer.paused", lang),
            "sla_colour": SLA_COLOURS["paused"],
            "sla_hint": hint,
        }
    text = timer_phrase(state, now, lang)
    hint = due_hint + " · " + t("sla.timer.calendar_note", lang)
    return {"sla_text": text, "sla_colour": SLA_COLOURS[state.colour], "sla_hint": hint}


def cells(
    row: TicketRow,
    *,
    now: datetime,
    calendars: Mapping[int, BusinessCalendar],
    lang: str,
    zone: ZoneInfo,
) -> dict[str, Any]:
    """One table row: every value is text or a number, shown escaped by the template."""
    return {
        "id": row.id,
        "number": row.number,
        "href": f"/tickets/{row.number}",
        "received": ago(row.received_at, now, lang),
        "received_abs": when(row.received_at, zone),
        "org": row.org_name or EMPTY,
        "person": row.person_name or EMPTY,
        "summary": row.summary,
        "category": row.category or EMPTY,
        "priority": t(f"priority.{row.priority}", lang),
        "priority_colour": PRIORITY_COLOURS.get(row.priority, "muted"),
        "status": t(f"status.{row.status}", lang),
        "status_colour": STATUS_COLOURS.get(row.status, "muted"),
        "assignee": row.assignee_name or EMPTY,
        "sel": False,
        **sla_cells(row, now, calendars, lang, zone),
    }


def refresh_clock(
    shown: list[dict[str, Any]],
    rows: Mapping[int, TicketRow],
    *,
    now: datetime,
    calendars: Mapping[int, BusinessCalendar],
    lang: str,
    zone: ZoneInfo,
) -> bool:
    """Bring the time-dependent cells of ``shown`` up to ``now``; True if any text changed."""
    changed = False
    for cell in shown:
        row = rows.get(cell["id"])
        if row is None:
            continue
        fresh = {
            "received": ago(row.received_at, now, lang),
            **sla_cells(row, now, calendars, lang, zone),
        }
        for key, value in fresh.items():
            if cell.get(key) != value:
                cell[key] = value
                changed = True
    return changed
