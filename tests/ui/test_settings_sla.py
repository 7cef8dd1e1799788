"""Settings -> SLA (NiceGUI ``user``): an admin creates a calendar, sets its hours, adds Russia's
public holidays in one click and edits days by hand, creates and edits a plan, and gives an
organisation a plan (its open ticket's due times follow). Bad input: a message, store unchanged."""

from __future__ import annotations

import uuid
from datetime import UTC, date, datetime

from nicegui.testing import User

from appliance.domain.sla import WEEKDAYS, BusinessCalendar
from appliance.store.organizations import create_organization
from appliance.store.sla import (
    SlaTargets,
    create_calendar,
    list_calendars,
    list_plans,
)
from appliance.store.tickets import create_ticket

OFFICE = BusinessCalendar("Europe/Moscow", {d: (("09:00", "18:00"),) for d in WEEKDAYS[:5]})


def calendars(ctx):
    return ctx.store.read_sync(list_calendars)


def plans(ctx):
    return ctx.store.read_sync(list_plans)


async def open_page(user: User, log_in, admin) -> None:
    await log_in(admin)
    await user.open("/settings/sla")
    await user.should_see("Рабочие календари")


def set_value(user: User, marker: str, value) -> None:
    (element,) = user.find(marker=marker).elements
    with user:
        element.value = value


async def test_calendar_created_hours_set_and_bad_hours_refused(
    user: User, log_in, admin, ctx
) -> None:
    await open_page(user, log_in, admin)
    user.find(marker="new-calendar").click()
    user.find(marker="new-calendar-name").type("Офис")
    user.find(marker="new-calendar-create").click()
    await user.should_see("Календарь создан")
    (info,) = calendars(ctx)
    assert info.calendar.week_hours["mon"] == (("09:00", "18:00"),)
    assert info.calendar.time_zone == "Europe/Moscow"

    set_value(user, f"hours-{info.id}-mon", "09:00-13:00, 14:00-18:00")
    set_value(user, f"hours-{info.id}-sat", "10:00-14:00")
    user.find(marker=f"save-calendar-{info.id}").click()
    await user.should_see("Сохранено")
    (info,) = calendars(ctx)
    assert info.calendar.week_hours["mon"] == (("09:00", "13:00"), ("14:00", "18:00"))
    assert info.calendar.week_hours["sat"] == (("10:00", "14:00"),)

    set_value(user, f"hours-{info.id}-tue", "9-18")
    user.find(marker=f"save-calendar-{info.id}").click()
    await user.should_see("Вт: «9-18» — нужно ЧЧ:ММ-ЧЧ:ММ")
    set_value(user, f"hours-{info.id}-tue", "")
    set_value(user, f"tz-{info.id}", "Mars/Olympus")
    user.find(marker=f"save-calendar-{info.id}").click()
    await user.should_see("Неизвестный часовой пояс «Mars/Olympus»")
    assert calendars(ctx) == [info]


async def test_public_holidays_in_one_click_then_by_hand(user: User, log_in, admin, ctx) -> None:
    cal_id = ctx.store.write_sync(lambda c: create_calendar(c, name="Офис", calendar=OFFICE))
    await open_page(user, log_in, admin)
    set_value(user, f"year-{cal_id}", 2026)
    await user.should_see("На 2026 год дат нет")
    user.find(marker=f"add-public-{cal_id}").click()
    await user.should_see("Добавлено дат")
    (info,) = calendars(ctx)
    assert date(2026, 1, 9) in info.calendar.holidays  # moved from 3 January
    assert date(2026, 12, 31) in info.calendar.holidays  # moved from 4 January
    await user.should_see(marker=f"day-{cal_id}-2026-01-09")

    user.find(marker=f"remove-day-{cal_id}-2026-12-31").click()
    await user.should_see("Дата удалена")
    assert date(2026, 12, 31) not in calendars(ctx)[0].calendar.holidays

    user.find(marker=f"new-day-{cal_id}").type("28.11.2026")
    set_value(user, f"new-day-kind-{cal_id}", "workday")
    user.find(marker=f"new-day-name-{cal_id}").type("Перенос")
    user.find(marker=f"add-day-{cal_id}").click()
    await user.should_see("Дата добавлена")
    (info,) = calendars(ctx)
    assert info.workday_names == {date(2026, 11, 28): "Перенос"}

    before = calendars(ctx)
    user.find(marker=f"new-day-{cal_id}").clear()
    user.find(marker=f"new-day-{cal_id}").type("31.02.2026")
    user.find(marker=f"add-day-{cal_id}").click()
    await user.should_see("не дата")
    set_value(user, f"country-{cal_id}", "XX")
    user.find(marker=f"add-public-{cal_id}").click()
    await user.should_see("Нет праздников для страны")
    assert calendars(ctx) == before


async def test_plan_created_edited_and_given_to_an_organisation(
    user: User, log_in, admin, ctx
) -> None:
    def seed(conn):  # type: ignore[no-untyped-def]
        cal = create_calendar(conn, name="Офис", calendar=OFFICE)
        org = create_organization(conn, name="Рога и копыта")
        received = datetime(2026, 3, 2, 7, 0, tzinfo=UTC)  # Monday 10:00 in Moscow
        create_ticket(
            conn,
            uuid=str(uuid.uuid4()),
            source="phone",
            description="Не печатает",
            submitted_at=received,
            received_at=received,
            org_id=org,
            priority="high",
        )
        return cal, org

    cal_id, org_id = ctx.store.write_sync(seed)
    await open_page(user, log_in, admin)
    user.find(marker="new-plan").click()
    user.find(marker="new-plan-name").type("Стандарт")
    set_value(user, "new-plan-calendar", cal_id)
    user.find(marker="new-plan-create").click()
    await user.should_see("План создан")
    (plan,) = plans(ctx)
    assert plan.is_default  # the first plan is the default
    assert plan.targets_for("high") == SlaTargets(60, 480)

    set_value(user, f"target-{plan.id}-high-response", 30)
    set_value(user, f"warn-{plan.id}", 80)
    set_value(user, f"pause-{plan.id}-in_progress", True)
    user.find(marker=f"save-plan-{plan.id}").click()
    await user.should_see("Сохранено")
    (plan,) = plans(ctx)
    assert plan.targets_for("high") == SlaTargets(30, 480)
    assert (plan.warn_percent, plan.pause_statuses) == (80, ("in_progress", "waiting"))

    set_value(user, f"target-{plan.id}-low-resolution", None)
    user.find(marker=f"save-plan-{plan.id}").click()
    await user.should_see("укажите оба срока или ни одного")
    assert plans(ctx) == [plan]

    # The organisation had no plan of its own (its ticket got no due times at reception).
    set_value(user, f"org-plan-{org_id}", plan.id)
    await user.should_see("Сроки пересчитаны у открытых заявок: 1")
    due = ctx.store.read_sync(
        lambda c: c.execute("SELECT response_due_at, sla_plan_id FROM tickets").fetchone()
    )
    assert due == ("2026-03-02T07:30:00.000000Z", plan.id)


async def test_a_technician_does_not_get_the_page(user: User, log_in, add_user) -> None:
    await log_in(add_user("technician", "ivanov"))
    await user.open("/settings/sla")
    await user.should_not_see(marker="new-calendar")


ICS = (
    "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nBEGIN:VEVENT\r\nDTSTART;VALUE=DATE:20270101\r\n"
    "DTEND;VALUE=DATE:20270109\r\nSUMMARY:Новогодние каникулы\r\nEND:VEVENT\r\n"
    "BEGIN:VEVENT\r\nDTSTART;VALUE=DATE:20270223\r\nSUMMARY:День защитника\\, Отечества\r\n"
    "END:VEVENT\r\nEND:VCALENDAR\r\n"
)


async def test_an_ics_file_imports_holidays_and_a_bad_file_changes_nothing(
    user: User, log_in, admin, ctx
) -> None:
    from nicegui import ui
    from nicegui.elements.upload_files import SmallFileUpload

    cal_id = ctx.store.write_sync(lambda c: create_calendar(c, name="Офис", calendar=OFFICE))
    await open_page(user, log_in, admin)
    (upload,) = user.find(marker=f"import-{cal_id}").elements
    assert isinstance(upload, ui.upload)
    with user:
        await upload.handle_uploads(
            [SmallFileUpload("2027.ics", "text/calendar", ICS.encode("utf-8"))]
        )
    await user.should_see("Добавлено дат: 9")
    (info,) = calendars(ctx)
    assert sorted(info.holiday_names) == [date(2027, 1, d) for d in range(1, 9)] + [
        date(2027, 2, 23)
    ]
    assert info.holiday_names[date(2027, 2, 23)] == "День защитника, Отечества"

    (upload,) = user.find(marker=f"import-{cal_id}").elements
    with user:
        await upload.handle_uploads(
            [SmallFileUpload("bad.csv", "text/csv", b"2027-05-01,holiday\n2027-05-02,maybe\n")]
        )
    await user.should_see("Строка 2: «maybe»")
    assert calendars(ctx) == [info]
