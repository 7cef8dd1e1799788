"""SLA warnings in the technicians' windows, and the SLA lines of a ticket's history.

``follow(session)`` (called by the list and the ticket screen) subscribes the page to the SLA
checker (``appliance.sla_watch``): a ticket that crosses its plan's warning share or its due time
shows a notification in its assignee's open windows, or, while nobody is assigned, in those of
everyone who works tickets. The checker records each crossing once, so each window sees it once.

``mark(row, cells, lang)`` adds the warning to the list row's SLA chip; ``history_text`` words
the history rows of kind 'sla' (due times recomputed, with why; a breach).

Test markers: ``sla-notice-<ticket number>-<threshold>``.
"""

from __future__ import annotations

import json
from datetime import datetime
from typing import Any

from nicegui import ui

from appliance.domain.clock import from_db
from appliance.domain.permissions import Permission
from appliance.i18n import t
from appliance.services.sla_alerts import SlaNotice
from appliance.services.ticket_screen import ActionRow
from appliance.sla_watch import sla_checker
from appliance.ui.common.format import when
from appliance.ui.common.session import Session

MAX_SHOWN = 5


def concerns(session: Session, notice: SlaNotice) -> bool:
    if notice.assignee_id is not None:
        return notice.assignee_id == session.user.id
    return session.may(Permission.WORK_TICKETS)


def follow(session: Session) -> None:
    """Show this page's user the SLA warnings meant for them (subscribed inside the page, so
    unsubscribed when the window goes away)."""
    checker = sla_checker()
    if checker is None:
        return

    def show(notices: list[SlaNotice]) -> None:
        mine = [notice for notice in notices if concerns(session, notice)]
        # Many at once (the first check after an upgrade, the start of a working day): a few
        # by name and one line for the rest, not a wall of notifications.
        for notice in mine[:MAX_SHOWN]:
            _notify(session, notice)
        if len(mine) > MAX_SHOWN:
            ui.notification(
                session.t("sla.notice.more", count=len(mine) - MAX_SHOWN),
                type="warning",
                position="top-right",
                timeout=None,
                close_button=session.t("sla.notice.close"),
            )

    checker.event.subscribe(show)


def _notify(session: Session, notice: SlaNotice) -> None:
    zone = session.ctx.settings.time_zone
    text = session.t(
        f"sla.notice.{notice.threshold}",
        number=notice.number,
        target=session.t(f"workflow.sla.{notice.target}"),
        percent=notice.warn_percent,
        due=when(notice.due_at, zone) if notice.due_at else "—",
        summary=notice.summary[:80],
    )
    breach = notice.threshold == "breach"
    ui.notification(
        text,
        type="negative" if breach else "warning",
        position="top-right",
        timeout=None,
        close_button=session.t("sla.notice.close"),
        multi_line=True,
    ).mark(f"sla-notice-{notice.number}-{notice.threshold}")


def mark(row: Any, cells: dict[str, str], lang: str) -> dict[str, str]:
    """The list row's SLA chip with the warning sent for its running target, if any."""
    notice = getattr(row, "sla_notice", None)
    if notice and cells.get("sla_text"):
        label = t(f"sla.notice.mark_{notice}", lang)
        cells["sla_text"] = "⚠ " + cells["sla_text"]
        cells["sla_hint"] = f"{label} · {cells['sla_hint']}"
    return cells


def history_text(session: Session, row: ActionRow) -> str:
    """One line for an 'sla' history row (``appliance.store.sla_recompute``/``sla_notices``)."""
    zone = session.ctx.settings.time_zone
    new = _dues(row.new_value)
    if row.text.startswith("breach_"):
        target = row.text.removeprefix("breach_")
        due = new.get(target)
        return session.t(f"history.sla.{row.text}", due=when(due, zone) if due else "—")
    old = _dues(row.old_value)
    moves = []
    for target in ("response", "resolution"):
        if old.get(target) != new.get(target):
            moves.append(
                session.t(
                    "history.sla.move",
                    target=session.t(f"workflow.sla.{target}"),
                    old=when(old[target], zone) if old.get(target) else "—",
                    new=when(new[target], zone) if new.get(target) else "—",
                )
            )
    reason = session.t(f"history.sla.reason.{row.text}") if row.text else ""
    return session.t("history.sla", reason=reason, moves="; ".join(moves) or "—")


def _dues(value: str | None) -> dict[str, datetime | None]:
    try:
        doc = json.loads(value) if value else {}
    except ValueError:
        return {}
    if not isinstance(doc, dict):
        return {}
    return {k: from_db(v) if isinstance(v, str) else None for k, v in doc.items()}
