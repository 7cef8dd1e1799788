"""``/tickets/new``: a technician takes a request by phone and files it for the caller.

Pick the organisation, then its person (the list follows the organisation), optionally the
machine, say what the problem is, set priority and category; the ticket is created with source
'phone', given to the technician if asked, and opened.

The form holds one uuid from the moment it is built: pressing Create twice (or a retry after a
dropped connection) yields the same ticket, never two.

Test markers: ``new-org``, ``new-person``, ``new-equipment``, ``new-phone``, ``new-description``,
``new-priority``, ``new-service``, ``new-problem``, ``new-assign-me``, ``new-create``.
"""

from __future__ import annotations

import uuid as uuid_lib

from nicegui import ui

from appliance.domain.errors import AppError, Forbidden, InvalidInput
from appliance.domain.permissions import Permission
from appliance.domain.workflow import PRIORITIES
from appliance.services.tickets import (
    create_phone_ticket,
    new_ticket_choices,
    org_choices_for_new_ticket,
    person_defaults,
)
from appliance.ui.common.errors import notify_error
from appliance.ui.common.frame import frame
from appliance.ui.common.guard import require_user
from appliance.ui.common.session import Session

FIELD = "w-full"


def register() -> None:
    @ui.page("/tickets/new")
    @require_user(Permission.CREATE_TICKETS)
    async def new_ticket_page(session: Session) -> None:
        await new_ticket_form(session)


async def new_ticket_form(session: Session) -> None:
    s = session
    choices = await new_ticket_choices(s.store, s.actor)
    orgs, services = choices.organisations, choices.services
    services_by_id = {svc.id: svc for svc in services}
    form_uuid = str(uuid_lib.uuid4())

    with (
        frame(s, active="tickets", title=s.t("ticket_screen.new.title")),
        ui.card().props("flat bordered").classes("w-full max-w-3xl gap-3 px-5 py-4"),
    ):
        ui.label(s.t("ticket_screen.new.hint")).classes("text-body2 text-grey-8")
        org = (
            ui.select(
                {o.id: o.label for o in orgs},
                label=s.t("ticket_screen.new.org"),
                with_input=True,
            )
            .props("outlined dense")
            .classes(FIELD)
            .mark("new-org")
        )
        with ui.row().classes("w-full gap-3 no-wrap"):
            person = (
                ui.select({}, label=s.t("ticket_screen.new.person"), with_input=True)
                .props("outlined dense")
                .classes("grow")
                .mark("new-person")
            )
            phone = (
                ui.input(s.t("ticket_screen.new.phone"))
                .props("outlined dense")
                .classes("w-56")
                .mark("new-phone")
            )
        equipment = (
            ui.select({}, label=s.t("ticket_screen.new.equipment"), clearable=True)
            .props("outlined dense")
            .classes(FIELD)
            .mark("new-equipment")
        )
        description = (
            ui.textarea(s.t("ticket_screen.new.description"))
            .props("outlined autogrow")
            .classes(FIELD)
            .mark("new-description")
        )
        with ui.row().classes("w-full gap-3 items-center"):
            priority = (
                ui.select(
                    {p: s.t(f"priority.{p}") for p in PRIORITIES},
                    value="normal",
                    label=s.t("ticket_screen.priority"),
                )
                .props("outlined dense")
                .classes("w-40")
                .mark("new-priority")
            )
            service = (
                ui.select(
                    {svc.id: svc.name for svc in services},
                    label=s.t("ticket_screen.service"),
                    clearable=True,
                )
                .props("outlined dense")
                .classes("w-52")
                .mark("new-service")
            )
            problem = (
                ui.select({}, label=s.t("ticket_screen.problem"), clearable=True)
                .props("outlined dense")
                .classes("w-52")
                .mark("new-problem")
            )
        with ui.row().classes("w-full items-center"):
            assign_me = ui.checkbox(s.t("ticket_screen.new.assign_me"), value=True).mark(
                "new-assign-me"
            )
            ui.space()
            create = (
                ui.button(s.t("ticket_screen.new.create"), icon="add")
                .props("unelevated no-caps color=primary")
                .mark("new-create")
            )

    async def org_changed() -> None:
        org_id = org.value
        people, kit = (
            await org_choices_for_new_ticket(s.store, s.actor, org_id=org_id)
            if org_id is not None
            else ([], [])
        )
        person.set_options({p.id: p.label for p in people}, value=None)
        equipment.set_options({e.id: e.label for e in kit}, value=None)

    async def person_changed() -> None:
        person_id, org_id = person.value, org.value
        if person_id is None or org_id is None:
            return
        found = await person_defaults(s.store, s.actor, org_id=org_id, person_id=person_id)
        if found.phone and not phone.value:
            phone.set_value(found.phone)
        equipment.set_options({e.id: e.label for e in found.equipment}, value=equipment.value)

    def service_changed() -> None:
        chosen = services_by_id.get(service.value) if service.value is not None else None
        problem.set_options({p.id: p.label for p in chosen.problems} if chosen else {}, value=None)

    org.on_value_change(org_changed)
    person.on_value_change(person_changed)
    service.on_value_change(service_changed)

    async def submit() -> None:
        if not s.may(Permission.CREATE_TICKETS):
            notify_error(s, Forbidden("permission.denied"))
            return
        if org.value is None or person.value is None:
            notify_error(s, InvalidInput("ticket_screen.new.need_person"))
            return
        try:
            created = await create_phone_ticket(
                s.store,
                s.actor,
                uuid=form_uuid,
                org_id=org.value,
                person_id=person.value,
                equipment_id=equipment.value,
                contact_phone=(phone.value or "").strip(),
                description=description.value or "",
                priority=priority.value,
                category_id=problem.value if problem.value is not None else service.value,
                assign_to_me=bool(assign_me.value),
            )
        except AppError as err:
            notify_error(s, err)
            return
        create.disable()
        ui.navigate.to(f"/tickets/{created.number}")

    create.on_click(submit)
