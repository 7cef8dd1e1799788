"""The header's global search: a box whose drop-down lists, as you type, the clients, people,
equipment and tickets that match, grouped, each a link.

Keyboard: ↓/↑ move the highlight through the hits (wrapping), Enter opens the highlighted hit,
Esc closes the list. Enter with nothing highlighted keeps the box's older meaning: the ticket
list searched for the text (``/tickets?q=...``). Results of a slower, older query never replace
those of the newest one (a counter tags each query).

Links: a client opens its card (``/clients/{id}``); a person or a machine opens their client's
card on the People or Equipment tab; a ticket opens its screen.

Test markers: ``shell-search`` (the input), ``search-results`` (the drop-down),
``search-hit`` (each hit; the highlighted one also ``search-hit-active``), ``search-none``.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from urllib.parse import quote

from nicegui import ui

from appliance.services.global_search import Found, search_everything
from appliance.ui.common.session import Session

SUMMARY_CHARS = 70
_HIT_CLASSES = "w-full flex items-center gap-2 no-wrap px-2 py-1 rounded text-grey-9 no-underline"


@dataclass(frozen=True)
class Hit:
    group: str  # i18n key of the group's heading
    icon: str
    title: str
    detail: str
    url: str


def hits_of(session: Session, found: Found) -> list[Hit]:
    """The hits in the order shown (and walked by the arrow keys)."""
    hits: list[Hit] = []
    for org in found.clients:
        detail = org.short_name if org.active else session.t("search.archived")
        hits.append(Hit("search.group.clients", "business", org.name, detail, f"/clients/{org.id}"))
    for person in found.people:
        archived = "" if person.active else session.t("search.archived")
        detail = " · ".join(
            x
            for x in (person.position, person.email or person.phone, person.org_name, archived)
            if x
        )
        hits.append(
            Hit(
                "search.group.people",
                "person",
                person.full_name,
                detail,
                f"/clients/{person.org_id}?tab=people",
            )
        )
    for machine in found.equipment:
        archived = "" if machine.active else session.t("search.archived")
        shown = (machine.hostname, machine.ip, machine.serial, machine.org_name, archived)
        detail = " · ".join(x for x in shown if x)
        hits.append(
            Hit(
                "search.group.equipment",
                "computer",
                machine.name,
                detail,
                f"/clients/{machine.org_id}?tab=equipment",
            )
        )
    for ticket in found.tickets:
        summary = " ".join(ticket.description.split())
        if len(summary) > SUMMARY_CHARS:
            summary = summary[: SUMMARY_CHARS - 1] + "…"
        detail = " · ".join(
            x for x in (session.t(f"status.{ticket.status}"), ticket.org_name or "") if x
        )
        hits.append(
            Hit(
                "search.group.tickets",
                "confirmation_number",
                f"№ {ticket.number} — {summary}",
                detail,
                f"/tickets/{ticket.number}",
            )
        )
    return hits


@dataclass
class _State:
    hits: list[Hit] = field(default_factory=list)
    active: int = -1  # the highlighted hit, -1 for none
    seq: int = 0  # the newest query's number


def global_search_box(session: Session, initial: str = "") -> ui.input:
    state = _State()

    with ui.element("div").classes("relative ml-6"):
        box = (
            ui.input(placeholder=session.t("shell.search.placeholder"), value=initial)
            .props('dense dark standout="bg-white text-grey-9" clearable autocomplete=off')
            .classes("w-96")
            .mark("shell-search")
        )
        with box.add_slot("prepend"):
            ui.icon("search", size="xs")
        panel = (
            ui.card()
            .props("bordered")
            .classes("absolute left-0 w-[32rem] max-h-[70vh] overflow-auto p-1 gap-0 text-grey-9")
            .style("top: 100%; z-index: 3000")
            .mark("search-results")
        )
        # A click in the list must not blur the box first (the list would close under it).
        panel.on("mousedown", js_handler="(e) => e.preventDefault()")
        panel.set_visibility(False)

    def draw() -> None:
        panel.clear()
        panel.set_visibility(True)
        active = state.active
        with panel:
            if not state.hits:
                ui.label(session.t("search.none")).classes("text-body2 text-grey-7 p-2").mark(
                    "search-none"
                )
                return
            group = ""
            for index, hit in enumerate(state.hits):
                if hit.group != group:
                    group = hit.group
                    ui.label(session.t(group)).classes("text-overline text-grey-7 px-2 pt-1")
                link = ui.link(target=hit.url).classes(_HIT_CLASSES)
                marker = "search-hit search-hit-active" if index == active else "search-hit"
                if index == active:
                    link.classes("bg-blue-1")
                with link.mark(marker):
                    ui.icon(hit.icon, size="xs", color="grey-7")
                    with ui.column().classes("gap-0 min-w-0"):
                        ui.label(hit.title).classes("text-body2 ellipsis")
                        if hit.detail:
                            ui.label(hit.detail).classes("text-caption text-grey-7 ellipsis")

    async def lookup() -> None:
        state.seq = seq = state.seq + 1
        text = (box.value or "").strip()
        if not text:
            state.hits, state.active = [], -1
            panel.set_visibility(False)
            return
        found = await search_everything(session.store, session.actor, text)
        if seq != state.seq:
            return  # a newer query is under way: its answer is the one to show
        state.hits, state.active = hits_of(session, found), -1
        draw()

    def move(step: int) -> None:
        if not state.hits:
            return
        state.active = (state.active + step) % len(state.hits)
        draw()

    def enter() -> None:
        active = state.active
        if 0 <= active < len(state.hits):
            ui.navigate.to(state.hits[active].url)
            return
        text = (box.value or "").strip()
        ui.navigate.to(f"/tickets?q={quote(text)}" if text else "/tickets")

    def close() -> None:
        state.active = -1
        panel.set_visibility(False)

    box.on_value_change(lookup)
    box.on("keydown.down", lambda: move(1))
    box.on("keydown.up", lambda: move(-1))
    box.on("keydown.enter", enter)
    box.on("keydown.esc", close)
    box.on("blur", close)
    return box
