"""``/settings/sla`` (admins): business calendars, SLA plans and each organisation's plan.

Calendars: time zone, working hours per weekday (several intervals a day, "09:00-13:00,
14:00-18:00"), and per year the holidays and moved working days: a country's public holidays in
one click (python-holidays, with the government's transfers), a CSV/ICS file, or by hand.
Plans: calendar (or 24×7), response and resolution targets per priority in business minutes,
warning share, the statuses that stop the clock, the default plan. Organisations: a plan each
(or the default). Every change goes through ``appliance.services.sla``; a change that moves due
times recomputes the open tickets and says how many moved.

Test markers: ``new-calendar``, ``calendar-<id>``, ``tz-<id>``, ``hours-<id>-<day>``,
``save-calendar-<id>``, ``year-<id>``, ``country-<id>``, ``add-public-<id>``, ``day-<id>-<date>``,
``remove-day-<id>-<date>``, ``new-day-<id>``, ``new-day-kind-<id>``, ``new-day-name-<id>``,
``add-day-<id>``, ``import-<id>``; ``new-plan``, ``plan-<id>``, ``plan-calendar-<id>``,
``target-<id>-<priority>-<response|resolution>``, ``warn-<id>``, ``pause-<id>-<status>``,
``default-<id>``, ``save-plan-<id>``; ``org-plan-<org id>``; dialogs ``new-calendar-name``,
``new-calendar-tz``, ``new-calendar-create``, ``new-plan-name``, ``new-plan-calendar``,
``new-plan-create``.
"""

from __future__ import annotations

from collections.abc import Awaitable
from datetime import date, datetime
from typing import Any

from nicegui import events, ui

from appliance.domain.calendar_days import check_time_zone, parse_intervals
from appliance.domain.errors import AppError, InvalidInput
from appliance.domain.permissions import Permission
from appliance.domain.sla import WEEKDAYS, BusinessCalendar, CalendarError
from appliance.domain.workflow import PRIORITIES
from appliance.services import sla
from appliance.services.sla import CalendarInfo, SlaPlan, SlaTargets
from appliance.ui.common.a11y import accessible_upload, icon_button, named, titled
from appliance.ui.common.errors import notify_error
from appliance.ui.common.frame import frame
from appliance.ui.common.guard import require_user
from appliance.ui.common.session import Session

PATH = "/settings/sla"
_TWENTY_FOUR_SEVEN = "24x7"
# New plans start from these targets (business minutes), then the admin edits them.
_STARTER_TARGETS = {
    "low": SlaTargets(8 * 60, 5 * 8 * 60),
    "normal": SlaTargets(4 * 60, 3 * 8 * 60),
    "high": SlaTargets(60, 8 * 60),
    "urgent": SlaTargets(30, 4 * 60),
}
_MAX_UPLOAD = 2_000_000


def register() -> None:
    @ui.page(PATH)
    @require_user(Permission.MANAGE_SETTINGS)
    async def sla_page(session: Session) -> None:
        with frame(session, active="settings", title=session.t("slaui.title")):
            page = SlaPage(session)
            await page.show()


def hours_text(intervals: tuple[tuple[str, str], ...]) -> str:
    return ", ".join(f"{a}-{b}" for a, b in intervals)


class SlaPage:
    def __init__(self, session: Session) -> None:
        self.session = session
        self.calendars: list[CalendarInfo] = []
        self.plans: list[SlaPlan] = []
        self.years: dict[int, int] = {}
        self.show = ui.refreshable(self._draw)
        self._new_calendar = self._new_calendar_dialog()
        self._new_plan = self._new_plan_dialog()

    async def reload(self) -> None:
        await self.show.refresh()

    async def _attempt(self, change: Awaitable[Any], done_key: str, **values: object) -> bool:
        s = self.session
        try:
            result = await change
        except AppError as error:
            notify_error(s, error)
            return False
        tickets = getattr(result, "tickets", None)
        if isinstance(result, tuple):  # (dates, Recomputed) from the imports
            values["days"] = result[0]
            tickets = result[1].tickets
        ui.notify(s.t(done_key, **values), type="positive")
        if tickets:
            ui.notify(s.t("slaui.recomputed", tickets=tickets), type="info")
        await self.reload()
        return True

    async def _draw(self) -> None:
        s = self.session
        self.calendars = await sla.list_calendars(s.store, s.actor)
        self.plans = await sla.list_plans(s.store, s.actor)
        orgs = await sla.list_org_plans(s.store, s.actor)
        with ui.row().classes("w-full items-center"):
            ui.label(s.t("slaui.calendars")).classes("text-subtitle1 text-weight-medium")
            ui.space()
            ui.button(
                s.t("slaui.new_calendar"), icon="add", on_click=self._new_calendar.open
            ).props("unelevated no-caps").mark("new-calendar")
        if not self.calendars:
            ui.label(s.t("slaui.no_calendars")).classes("text-grey-7")
        for info in self.calendars:
            self._calendar_card(info)
        with ui.row().classes("w-full items-center mt-4"):
            ui.label(s.t("slaui.plans")).classes("text-subtitle1 text-weight-medium")
            ui.space()
            ui.button(s.t("slaui.new_plan"), icon="add", on_click=self._open_new_plan).props(
                "unelevated no-caps"
            ).mark("new-plan")
        if not self.plans:
            ui.label(s.t("slaui.no_plans")).classes("text-grey-7")
        for plan in self.plans:
            self._plan_card(plan)
        ui.label(s.t("slaui.orgs")).classes("text-subtitle1 text-weight-medium mt-4")
        self._orgs_table(orgs)

    # -- calendars -------------------------------------------------------------------------------

    def _calendar_card(self, info: CalendarInfo) -> None:
        s = self.session
        cal_id = info.id
        with ui.card().props("flat bordered").classes("w-full gap-2").mark(f"calendar-{cal_id}"):
            with ui.row().classes("w-full items-center gap-4"):
                ui.label(info.name).classes("text-subtitle1")
                tz = (
                    ui.input(s.t("slaui.time_zone"), value=info.calendar.time_zone)
                    .props("outlined dense")
                    .classes("w-56")
                    .mark(f"tz-{cal_id}")
                )
            hours: dict[str, ui.input] = {}
            with ui.grid(columns=4).classes("w-full gap-2"):
                for day in WEEKDAYS:
                    hours[day] = (
                        ui.input(
                            s.t(f"slaui.day.{day}"),
                            value=hours_text(info.calendar.week_hours[day]),
                            placeholder=s.t("slaui.day_off"),
                        )
                        .props("outlined dense")
                        .mark(f"hours-{cal_id}-{day}")
                    )
            ui.label(s.t("slaui.hours_hint")).classes("text-caption text-grey-7")
            ui.button(
                s.t("slaui.save"),
                icon="save",
                on_click=lambda: self._save_calendar(info, tz.value, hours),
            ).props("unelevated no-caps dense").mark(f"save-calendar-{cal_id}")
            ui.separator()
            self._days(info)

    async def _save_calendar(
        self, info: CalendarInfo, time_zone: str, hours: dict[str, ui.input]
    ) -> None:
        s = self.session
        try:
            week = {
                day: parse_intervals(s.t(f"slaui.day.{day}"), str(hours[day].value or ""))
                for day in WEEKDAYS
            }
            calendar = BusinessCalendar(
                check_time_zone(str(time_zone or "")),
                week,
                info.calendar.holidays,
                info.calendar.workdays,
            )
        except CalendarError as error:
            notify_error(s, InvalidInput("sla.error.calendar_bad", reason=str(error)))
            return
        except AppError as error:
            notify_error(s, error)
            return
        names = {**info.holiday_names, **info.workday_names}
        await self._attempt(
            sla.update_calendar(
                s.store, s.actor, calendar_id=info.id, calendar=calendar, holiday_names=names
            ),
            "slaui.saved",
        )

    def _days(self, info: CalendarInfo) -> None:
        s = self.session
        cal_id = info.id
        this_year = datetime.now().year
        year = self.years.get(cal_id, this_year)
        with ui.row().classes("w-full items-center gap-3"):
            ui.label(s.t("slaui.days")).classes("text-body1 text-weight-medium")
            ui.select(
                list(range(this_year - 1, this_year + 3)),
                value=year,
                on_change=lambda e: self._pick_year(cal_id, e),
            ).props("outlined dense").mark(f"year-{cal_id}")
            country = (
                ui.input(s.t("slaui.country"), value=_installation_country(s))
                .props("outlined dense maxlength=3")
                .classes("w-24")
                .mark(f"country-{cal_id}")
            )
            ui.button(
                s.t("slaui.add_public"),
                icon="event_available",
                on_click=lambda: self._add_public(cal_id, str(country.value or ""), year),
            ).props("outline no-caps dense").mark(f"add-public-{cal_id}")
            accessible_upload(
                label=s.t("slaui.import_file"),
                auto_upload=True,
                max_file_size=_MAX_UPLOAD,
                on_upload=lambda e: self._import(cal_id, e),
            ).props("accept=.csv,.ics,text/csv,text/calendar dense flat bordered").classes(
                "w-64"
            ).mark(f"import-{cal_id}")
        days = sorted(
            [(d, "holiday", n) for d, n in info.holiday_names.items() if d.year == year]
            + [(d, "workday", n) for d, n in info.workday_names.items() if d.year == year]
        )
        with ui.column().classes("w-full gap-0"):
            if not days:
                ui.label(s.t("slaui.no_days", year=year)).classes("text-grey-7")
            for day, day_kind, day_name in days:
                with ui.row().classes("items-center gap-3").mark(f"day-{cal_id}-{day.isoformat()}"):
                    ui.label(day.strftime("%d.%m.%Y")).classes("w-24")
                    ui.badge(
                        s.t(f"slaui.kind.{day_kind}"),
                        color="red-7" if day_kind == "holiday" else "teal-7",
                    ).props("outline")
                    ui.label(day_name or "—").classes("text-grey-8")
                    icon_button(
                        "delete",
                        s.t("a11y.remove_day", day=day.strftime("%d.%m.%Y")),
                        lambda d=day: self._attempt(
                            sla.remove_day(s.store, s.actor, calendar_id=cal_id, day=d),
                            "slaui.day_removed",
                        ),
                        props="flat dense round size=sm",
                    ).mark(f"remove-day-{cal_id}-{day.isoformat()}")
        with ui.row().classes("items-center gap-2"):
            new_day = (
                ui.input(s.t("slaui.date"), placeholder="2027-01-01")
                .props("outlined dense")
                .classes("w-36")
                .mark(f"new-day-{cal_id}")
            )
            kind = (
                ui.select(
                    {"holiday": s.t("slaui.kind.holiday"), "workday": s.t("slaui.kind.workday")},
                    value="holiday",
                )
                .props("outlined dense")
                .classes("w-52")
                .mark(f"new-day-kind-{cal_id}")
            )
            name = (
                ui.input(s.t("slaui.day_name"))
                .props("outlined dense")
                .classes("w-64")
                .mark(f"new-day-name-{cal_id}")
            )
            ui.button(
                s.t("slaui.add_day"),
                icon="add",
                on_click=lambda: self._add_day(cal_id, new_day.value, kind.value, name.value),
            ).props("outline no-caps dense").mark(f"add-day-{cal_id}")

    async def _pick_year(self, cal_id: int, event: events.ValueChangeEventArguments) -> None:
        self.years[cal_id] = int(event.value)
        await self.reload()

    async def _add_public(self, cal_id: int, country: str, year: int) -> None:
        s = self.session
        await self._attempt(
            sla.add_public_holidays(
                s.store, s.actor, calendar_id=cal_id, country=country, year=year, lang=s.lang
            ),
            "slaui.imported",
        )

    async def _add_day(self, cal_id: int, text: Any, kind: Any, name: Any) -> None:
        s = self.session
        try:
            day = _parse_date(str(text or ""))
        except AppError as error:
            notify_error(s, error)
            return
        self.years[cal_id] = day.year
        await self._attempt(
            sla.set_day(
                s.store,
                s.actor,
                calendar_id=cal_id,
                day=day,
                kind=str(kind),
                name=str(name or ""),
            ),
            "slaui.day_added",
        )

    async def _import(self, cal_id: int, event: events.UploadEventArguments) -> None:
        s = self.session
        file = event.file
        raw = await file.read()
        try:
            text = raw.decode("utf-8-sig")
        except UnicodeDecodeError:
            notify_error(s, InvalidInput("sla.error.import_encoding"))
            return
        await self._attempt(
            sla.import_file(s.store, s.actor, calendar_id=cal_id, file_name=file.name, text=text),
            "slaui.imported",
        )

    def _new_calendar_dialog(self) -> ui.dialog:
        s = self.session
        with ui.dialog() as dialog, ui.card().classes("w-96 gap-3"):
            titled(dialog, ui.label(s.t("slaui.new_calendar")).classes("text-subtitle1"))
            name = ui.input(s.t("slaui.name")).props("outlined dense").classes("w-full")
            name.mark("new-calendar-name")
            tz = ui.input(s.t("slaui.time_zone"), value=s.ctx.settings.time_zone)
            tz.props("outlined dense").classes("w-full").mark("new-calendar-tz")
            ui.label(s.t("slaui.new_calendar_hint")).classes("text-caption text-grey-7")
            with ui.row().classes("w-full justify-end gap-2"):
                ui.button(s.t("slaui.cancel"), on_click=dialog.close).props("flat no-caps")

                async def create() -> None:
                    try:
                        calendar = BusinessCalendar(
                            check_time_zone(str(tz.value or "")),
                            {d: (("09:00", "18:00"),) for d in WEEKDAYS[:5]},
                        )
                    except CalendarError as error:
                        notify_error(s, InvalidInput("sla.error.calendar_bad", reason=str(error)))
                        return
                    except AppError as error:
                        notify_error(s, error)
                        return
                    change = sla.create_calendar(
                        s.store, s.actor, name=str(name.value or ""), calendar=calendar
                    )
                    if await self._attempt(change, "slaui.calendar_created"):
                        dialog.close()

                ui.button(s.t("slaui.create"), on_click=create).props("unelevated no-caps").mark(
                    "new-calendar-create"
                )
        return dialog

    # -- plans -----------------------------------------------------------------------------------

    def _calendar_options(self) -> dict[Any, str]:
        options: dict[Any, str] = {info.id: info.name for info in self.calendars}
        if sla.TWENTY_FOUR_SEVEN not in options.values():
            options[_TWENTY_FOUR_SEVEN] = sla.TWENTY_FOUR_SEVEN
        return options

    async def _calendar_id(self, value: Any) -> int:
        if value == _TWENTY_FOUR_SEVEN:
            s = self.session
            return await sla.twenty_four_seven_calendar(s.store, s.actor)
        if not isinstance(value, int):
            raise InvalidInput("sla.error.calendar_unknown")
        return value

    def _plan_card(self, plan: SlaPlan) -> None:
        s = self.session
        pid = plan.id
        with ui.card().props("flat bordered").classes("w-full gap-2").mark(f"plan-{pid}"):
            with ui.row().classes("w-full items-center gap-4"):
                ui.label(plan.name).classes("text-subtitle1")
                if plan.is_default:
                    ui.badge(s.t("slaui.default_badge"), color="primary").props("outline")
                calendar = (
                    ui.select(self._calendar_options(), value=plan.calendar_id)
                    .props(f"outlined dense label='{s.t('slaui.calendar')}'")
                    .classes("w-56")
                    .mark(f"plan-calendar-{pid}")
                )
                warn = (
                    ui.number(s.t("slaui.warn"), value=plan.warn_percent, min=1, max=99, step=5)
                    .props("outlined dense suffix=%")
                    .classes("w-36")
                    .mark(f"warn-{pid}")
                )
                default = ui.checkbox(s.t("slaui.is_default"), value=plan.is_default).mark(
                    f"default-{pid}"
                )
            inputs: dict[tuple[str, str], ui.number] = {}
            with ui.grid(columns=3).classes("gap-x-4 gap-y-1 items-center"):
                ui.label(s.t("slaui.priority")).classes("text-caption text-grey-7")
                ui.label(s.t("slaui.response_min")).classes("text-caption text-grey-7")
                ui.label(s.t("slaui.resolution_min")).classes("text-caption text-grey-7")
                for priority in PRIORITIES:
                    target = plan.targets_for(priority)
                    ui.label(s.t(f"priority.{priority}"))
                    for which in ("response", "resolution"):
                        minutes = (
                            getattr(target, f"{which}_minutes") if target is not None else None
                        )
                        inputs[(priority, which)] = named(
                            ui.number(value=minutes, min=1, step=15, format="%d")
                            .props("outlined dense")
                            .classes("w-36")
                            .mark(f"target-{pid}-{priority}-{which}"),
                            f"{s.t(f'priority.{priority}')}: {s.t(f'slaui.{which}_min')}",
                        )
            with ui.row().classes("items-center gap-3"):
                ui.label(s.t("slaui.pause")).classes("text-body2")
                pauses = {
                    status: ui.checkbox(
                        s.t(f"status.{status}"), value=status in plan.pause_statuses
                    ).mark(f"pause-{pid}-{status}")
                    for status in sla.PAUSABLE_STATUSES
                }
            ui.button(
                s.t("slaui.save"),
                icon="save",
                on_click=lambda: self._save_plan(
                    plan, calendar.value, warn.value, default.value, inputs, pauses
                ),
            ).props("unelevated no-caps dense").mark(f"save-plan-{pid}")

    async def _save_plan(
        self,
        plan: SlaPlan,
        calendar_value: Any,
        warn: Any,
        is_default: Any,
        inputs: dict[tuple[str, str], ui.number],
        pauses: dict[str, ui.checkbox],
    ) -> None:
        s = self.session
        try:
            targets = _targets(inputs)
            warn_percent = _whole(warn)
            calendar_id = await self._calendar_id(calendar_value)
        except AppError as error:
            notify_error(s, error)
            return
        await self._attempt(
            sla.update_plan(
                s.store,
                s.actor,
                plan_id=plan.id,
                calendar_id=calendar_id if calendar_id != plan.calendar_id else None,
                targets=targets if targets != dict(plan.targets) else None,
                warn_percent=warn_percent if warn_percent != plan.warn_percent else None,
                pause_statuses=tuple(st for st, box in pauses.items() if box.value),
                is_default=bool(is_default) if bool(is_default) != plan.is_default else None,
            ),
            "slaui.saved",
        )

    def _open_new_plan(self) -> None:
        self._new_plan_calendar.set_options(self._calendar_options())
        first = next(iter(self._calendar_options()))
        self._new_plan_calendar.value = first
        self._new_plan.open()

    def _new_plan_dialog(self) -> ui.dialog:
        s = self.session
        with ui.dialog() as dialog, ui.card().classes("w-96 gap-3"):
            titled(dialog, ui.label(s.t("slaui.new_plan")).classes("text-subtitle1"))
            name = ui.input(s.t("slaui.name")).props("outlined dense").classes("w-full")
            name.mark("new-plan-name")
            self._new_plan_calendar = (
                ui.select({}, label=s.t("slaui.calendar"))
                .props("outlined dense")
                .classes("w-full")
                .mark("new-plan-calendar")
            )
            ui.label(s.t("slaui.new_plan_hint")).classes("text-caption text-grey-7")
            with ui.row().classes("w-full justify-end gap-2"):
                ui.button(s.t("slaui.cancel"), on_click=dialog.close).props("flat no-caps")

                async def create() -> None:
                    try:
                        calendar_id = await self._calendar_id(self._new_plan_calendar.value)
                    except AppError as error:
                        notify_error(s, error)
                        return
                    change = sla.create_plan(
                        s.store,
                        s.actor,
                        name=str(name.value or ""),
                        calendar_id=calendar_id,
                        targets=_STARTER_TARGETS,
                        is_default=not self.plans,
                    )
                    if await self._attempt(change, "slaui.plan_created"):
                        dialog.close()

                ui.button(s.t("slaui.create"), on_click=create).props("unelevated no-caps").mark(
                    "new-plan-create"
                )
        return dialog

    # -- organisations ---------------------------------------------------------------------------

    def _orgs_table(self, orgs: list[sla.OrgPlan]) -> None:
        s = self.session
        if not orgs:
            ui.label(s.t("slaui.no_orgs")).classes("text-grey-7")
            return
        options: dict[int, str] = {0: s.t("slaui.default_plan")}
        options.update({plan.id: plan.name for plan in self.plans})
        with (
            ui.element("q-markup-table")
            .props("flat bordered dense separator=horizontal")
            .classes("w-full")
            .mark("orgs-table")
        ):
            with ui.element("thead"), ui.element("tr"):
                for key in ("slaui.org", "slaui.open_tickets", "slaui.plan"):
                    with ui.element("th").classes("text-left"):
                        ui.label(s.t(key))
            with ui.element("tbody"):
                for org in orgs:
                    with ui.element("tr"):
                        with ui.element("td"):
                            ui.label(org.name)
                        with ui.element("td"):
                            ui.label(str(org.open_tickets))
                        with ui.element("td"):
                            ui.select(
                                options,
                                value=org.sla_plan_id or 0,
                                on_change=lambda e, o=org: self._set_org_plan(o, e.value),
                            ).props("outlined dense").classes("w-64").mark(f"org-plan-{org.id}")

    async def _set_org_plan(self, org: sla.OrgPlan, value: Any) -> None:
        s = self.session
        plan_id = int(value) or None
        if plan_id == org.sla_plan_id:
            return
        await self._attempt(
            sla.set_org_plan(s.store, s.actor, org_id=org.id, plan_id=plan_id),
            "slaui.org_plan_set",
            name=org.name,
        )


# The installation's country from its time zone, for the one-click holidays; the admin can type
# another code. Russia's zones (and anything not listed) give RU.
_ZONE_COUNTRIES = {
    "Europe/Minsk": "BY",
    "Asia/Almaty": "KZ",
    "Asia/Tashkent": "UZ",
    "Asia/Bishkek": "KG",
    "Asia/Yerevan": "AM",
    "Asia/Tbilisi": "GE",
    "Asia/Baku": "AZ",
    "Europe/Kyiv": "UA",
    "Europe/Berlin": "DE",
    "Europe/London": "GB",
}


def _installation_country(session: Session) -> str:
    return _ZONE_COUNTRIES.get(session.ctx.settings.time_zone, "RU")


def _parse_date(text: str) -> date:
    text = text.strip()
    for pattern in ("%Y-%m-%d", "%d.%m.%Y"):
        try:
            return datetime.strptime(text, pattern).date()
        except ValueError:
            continue
    raise InvalidInput("slaui.bad_date", value=text[:40])


def _whole(value: Any) -> int:
    if value is None or float(value) != int(value):
        raise InvalidInput("sla.error.warn_percent")
    return int(value)


def _targets(inputs: dict[tuple[str, str], ui.number]) -> dict[str, SlaTargets]:
    """Targets of the priorities with both fields filled; one filled alone is an error."""
    targets: dict[str, SlaTargets] = {}
    for priority in PRIORITIES:
        response = inputs[(priority, "response")].value
        resolution = inputs[(priority, "resolution")].value
        if response is None and resolution is None:
            continue
        if response is None or resolution is None:
            raise InvalidInput("slaui.target_half", priority=priority)
        if float(response) != int(response) or float(resolution) != int(resolution):
            raise InvalidInput("sla.error.target_not_positive", priority=priority)
        targets[priority] = SlaTargets(int(response), int(resolution))
    return targets
