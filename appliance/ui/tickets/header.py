"""The ticket screen's header: number, status, priority, category, assignee, the SLA timer with
both due times, and the client's and the appliance's times of the request.

Someone who may work tickets edits status, priority, category and assignee right here (each
change is one write with the version seen, recorded in the history by the store); a manager sees
the same fields as text.

Test markers: ``ticket-number``, ``ticket-status``, ``ticket-priority``, ``ticket-category``,
``ticket-assignee``, ``ticket-sla``, ``ticket-submitted``, ``ticket-received``, ``clock-note``,
``status-to-<status>``, ``priority-select``, ``service-select``, ``problem-select``,
``assignee-select``, ``take-it``.
"""

from __future__ import annotations

from nicegui import ui

from appliance.domain.workflow import PRIORITIES, is_read_only, is_reopen
from appliance.services.tickets import (
    assign_ticket,
    change_status,
    set_category,
    set_priority,
    take_ticket,
)
from appliance.ui.common.a11y import Heading
from appliance.ui.common.format import clock_note, when, when_seconds
from appliance.ui.tickets.screen_state import TicketScreen
from appliance.ui.tickets.sla_view import PRIORITY_COLOURS, STATUS_COLOURS, sla_badge

SLA_TICK_SECONDS = 15


def status_button_key(old: str, new: str) -> str:
    return "workflow.reopen" if is_reopen(old, new) else f"ticket_screen.to.{new}"


def header(screen: TicketScreen) -> None:
    """Build the header card; it redraws itself whenever the screen reloads."""
    box = ui.card().props("flat bordered").classes("w-full gap-2 px-4 py-3").mark("ticket-header")
    sla_chip: list[ui.badge] = []

    def draw() -> None:
        box.clear()
        sla_chip.clear()
        with box:
            _title_row(screen, sla_chip)
            _fields_row(screen)
            _times_row(screen)

    def tick() -> None:
        # The timer counts down between reloads without reading the store again.
        if sla_chip:
            now = screen.now()
            text, colour = sla_badge(screen.data.sla(now), screen.data.ticket, now, screen.lang)
            sla_chip[0].set_text(text)
            sla_chip[0].props(f"color={colour}")

    draw()
    screen.add_part(draw, shows=lambda d: (d.ticket, d.transitions, d.services, d.assignees))
    ui.timer(SLA_TICK_SECONDS, tick)


def _title_row(screen: TicketScreen, sla_chip: list[ui.badge]) -> None:
    t, s = screen.data.ticket, screen.session
    with ui.row().classes("w-full items-center gap-3"):
        Heading(s.t("ticket_screen.number", number=t.number)).classes(
            "text-h5 text-weight-medium text-grey-9"
        ).style("margin: 0").mark("ticket-number")
        ui.badge(s.t(f"status.{t.status}"), color=STATUS_COLOURS.get(t.status, "muted")).classes(
            "text-body2 px-2 py-1"
        ).mark("ticket-status")
        ui.badge(
            s.t("ticket_screen.priority_badge", priority=s.t(f"priority.{t.priority}")),
            color=PRIORITY_COLOURS.get(t.priority, "muted"),
        ).props("outline").classes("text-body2 px-2 py-1").mark("ticket-priority")
        now = screen.now()
        text, colour = sla_badge(screen.data.sla(now), t, now, screen.lang)
        chip = ui.badge(text, color=colour).classes("text-body2 px-2 py-1").mark("ticket-sla")
        if screen.data.sla_plan_name:
            chip.tooltip(
                s.t("ticket_screen.sla_plan", plan=screen.data.sla_plan_name)
                + " · "
                + s.t("sla.timer.calendar_note")
            )
        sla_chip.append(chip)
        ui.space()
        who = t.org_name or s.t("ticket_screen.unknown_client")
        if t.person_name:
            who = f"{who} · {t.person_name}"
        ui.label(who).classes("text-subtitle1 text-grey-8")
        ui.label(s.t(f"ticket_screen.source.{t.source}")).classes("text-caption text-grey-6")


def _field(label: str) -> ui.column:
    col = ui.column().classes("gap-0")
    with col:
        ui.label(label).classes("text-caption text-grey-7")
    return col


def _fields_row(screen: TicketScreen) -> None:
    with ui.row().classes("w-full items-end gap-x-4 gap-y-2"):
        if screen.can_work:
            _status_actions(screen)
            _priority_select(screen)
            _category_selects(screen)
            _assignee_select(screen)
        else:
            _read_only_fields(screen)


def _read_only_fields(screen: TicketScreen) -> None:
    t, s = screen.data.ticket, screen.session
    for label_key, text, marker in (
        ("ticket_screen.category", t.category_name or s.t("ticket_screen.none"), "ticket-category"),
        (
            "ticket_screen.assignee",
            t.assignee_name or s.t("ticket_screen.unassigned"),
            "ticket-assignee",
        ),
    ):
        with _field(s.t(label_key)):
            ui.label(text).classes("text-body1").mark(marker)


def _status_actions(screen: TicketScreen) -> None:
    t, s = screen.data.ticket, screen.session

    async def move(new: str) -> None:
        await screen.change(
            lambda version: change_status(
                s.store, s.actor, ticket_id=t.id, new_status=new, expected_version=version
            ),
            done="ticket_screen.saved",
        )

    with _field(s.t("ticket_screen.status")), ui.row().classes("gap-1"):
        for new in screen.data.transitions:
            ui.button(
                s.t(status_button_key(t.status, new)),
                on_click=lambda _, new=new: move(new),
            ).props("unelevated dense no-caps padding='2px 10px'").classes(
                f"bg-{STATUS_COLOURS.get(new, 'grey')}"
            ).mark(f"status-to-{new}")


def _priority_select(screen: TicketScreen) -> None:
    t, s = screen.data.ticket, screen.session

    async def on_change(event: object) -> None:
        new = getattr(event, "value", None)
        if new == t.priority or new is None:
            return
        await screen.change(
            lambda version: set_priority(
                s.store, s.actor, ticket_id=t.id, priority=new, expected_version=version
            ),
            done="ticket_screen.saved",
        )

    with _field(s.t("ticket_screen.priority")):
        ui.select(
            {p: s.t(f"priority.{p}") for p in PRIORITIES}, value=t.priority, on_change=on_change
        ).props("dense outlined options-dense").classes("w-32").mark("priority-select").set_enabled(
            not is_read_only(t.status)
        )


def _category_selects(screen: TicketScreen) -> None:
    t, s = screen.data.ticket, screen.session
    services = {svc.id: svc for svc in screen.data.services}
    current_service: int | None = None
    current_problem: int | None = None
    if t.category_id in services:
        current_service = t.category_id
    else:
        for svc in screen.data.services:
            if any(p.id == t.category_id for p in svc.problems):
                current_service, current_problem = svc.id, t.category_id

    async def save(category_id: int | None) -> None:
        if category_id == t.category_id:
            return
        await screen.change(
            lambda version: set_category(
                s.store, s.actor, ticket_id=t.id, category_id=category_id, expected_version=version
            ),
            done="ticket_screen.saved",
        )

    async def service_changed(event: object) -> None:
        service_id = getattr(event, "value", None)
        service = services.get(service_id) if service_id is not None else None
        problem.set_options(
            {p.id: p.label for p in service.problems} if service else {}, value=None
        )
        # A service with problems waits for the problem; one without is the category itself.
        if service is None or not service.problems:
            await save(service_id)

    async def problem_changed(event: object) -> None:
        problem_id = getattr(event, "value", None)
        if problem_id is not None:
            await save(problem_id)

    open_ticket = not is_read_only(t.status)
    with _field(s.t("ticket_screen.category")), ui.row().classes("gap-1 no-wrap") as row:
        if t.category_name:
            row.tooltip(t.category_name)
        ui.select(
            {svc.id: svc.name for svc in screen.data.services},
            value=current_service,
            on_change=service_changed,
            label=s.t("ticket_screen.service"),
            clearable=True,
        ).props("dense outlined options-dense").classes("w-48").mark("service-select").set_enabled(
            open_ticket
        )
        shown = services[current_service].problems if current_service in services else ()
        problem = (
            ui.select(
                {p.id: p.label for p in shown},
                value=current_problem,
                on_change=problem_changed,
                label=s.t("ticket_screen.problem"),
            )
            .props("dense outlined options-dense")
            .classes("w-56")
            .mark("problem-select")
        )
        problem.set_enabled(open_ticket)
        if current_problem is not None:
            # The whole name on hover, should a long one still not fit.
            problem.tooltip(next(p.label for p in shown if p.id == current_problem))


def _assignee_select(screen: TicketScreen) -> None:
    t, s = screen.data.ticket, screen.session
    nobody = 0  # a select option cannot be None; 0 is never a user id

    async def save(assignee_id: int | None) -> None:
        if assignee_id == t.assignee_id:
            return
        await screen.change(
            lambda version: assign_ticket(
                s.store, s.actor, ticket_id=t.id, assignee_id=assignee_id, expected_version=version
            ),
            done="ticket_screen.saved",
        )

    async def take() -> None:
        await screen.change(
            lambda version: take_ticket(s.store, s.actor, ticket_id=t.id, expected_version=version),
            done="ticket_screen.saved",
        )

    async def on_change(event: object) -> None:
        value = getattr(event, "value", nobody)
        await save(None if value in (nobody, None) else int(value))

    options = {nobody: s.t("ticket_screen.unassigned")} | {
        a.id: a.label for a in screen.data.assignees
    }
    open_ticket = not is_read_only(t.status)
    with _field(s.t("ticket_screen.assignee")), ui.row().classes("gap-1 items-center no-wrap"):
        chosen = (
            ui.select(options, value=t.assignee_id or nobody, on_change=on_change)
            .props("dense outlined options-dense")
            .classes("w-56")
            .mark("assignee-select")
        )
        chosen.set_enabled(open_ticket)
        if t.assignee_name:
            chosen.tooltip(t.assignee_name)
        if open_ticket and t.assignee_id != s.user.id:
            ui.button(
                s.t("ticket_screen.take_it"),
                icon="back_hand",
                on_click=take,
            ).props("unelevated dense no-caps color=primary padding='2px 10px'").mark("take-it")


def _times_row(screen: TicketScreen) -> None:
    t, s, tz = screen.data.ticket, screen.session, screen.time_zone
    with ui.row().classes("w-full items-center gap-x-5 gap-y-0 text-body2 text-grey-8"):
        ui.label(s.t("ticket_screen.submitted_at", at=when_seconds(t.submitted_at, tz))).mark(
            "ticket-submitted"
        )
        ui.label(s.t("ticket_screen.received_at", at=when_seconds(t.received_at, tz))).mark(
            "ticket-received"
        )
        note = clock_note(t.submitted_at, t.received_at, screen.lang)
        if note:
            with ui.row().classes("items-center gap-1 no-wrap text-orange-9").mark("clock-note"):
                ui.icon("schedule", size="xs")
                ui.label(note)
        if t.response_due_at:
            ui.label(s.t("ticket_screen.response_due", at=when(t.response_due_at, tz)))
        if t.first_response_at:
            ui.label(s.t("ticket_screen.first_response", at=when(t.first_response_at, tz))).mark(
                "ticket-first-response"
            )
        if t.resolution_due_at:
            ui.label(s.t("ticket_screen.resolution_due", at=when(t.resolution_due_at, tz)))
        if t.resolved_at:
            ui.label(s.t("ticket_screen.resolved", at=when(t.resolved_at, tz)))
