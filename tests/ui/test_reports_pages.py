"""The report pages and the home dashboard through NiceGUI's ``user`` fixture: each report with
its filters (figures from ``tests/reports/world.py``), the filter bar changing the address, the
export downloads and who may have them, the dashboard's parts per role."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
from nicegui import ui
from nicegui.testing.user import User

from appliance.context import AppContext
from appliance.store.backups import record_run
from appliance.store.licenses import create_license
from appliance.store.tickets import create_ticket
from tests.reports.world import INTERNAL_NOTE, INTERNAL_WORK, ReportWorld, build

MAY = "preset=custom&start=2024-05-01&end=2024-05-31"


@pytest.fixture
def world(ctx: AppContext) -> ReportWorld:
    return build(ctx.store)


def table_rows(user: User, key: str) -> list[dict[str, Any]]:
    (table,) = user.find(marker=f"report-table-{key}").elements
    assert isinstance(table, ui.table)
    return [row for row in table.rows if "_heading" not in row]


async def test_work_report_for_one_client(user: User, log_in, add_user, world: ReportWorld) -> None:
    await log_in(add_user("manager"))
    await user.open(f"/reports/work?{MAY}&org={world.romashka}")
    await user.should_see(marker="report-work")
    await user.should_see("Организация: ООО Ромашка")
    numbers = [row["number"] for row in table_rows(user, "tickets")]
    assert numbers == [str(world.numbers[t]) for t in ("T1", "T2", "T3")]
    actions = table_rows(user, "actions")
    red = [row["text"] for row in actions if row["_tone"] == "additional"]
    assert red == ["Подключили второй монитор по просьбе", "Заменили картридж дополнительно"]
    assert INTERNAL_NOTE not in repr(actions) and INTERNAL_WORK not in repr(actions)
    totals = {row["what"]: row["minutes"] for row in table_rows(user, "totals")}
    assert totals["Всего работ за период"] == "3 ч 20 мин"
    assert totals["Дополнительные работы по просьбе пользователя"] == "1 ч 30 мин"
    await user.should_see(marker="report-chart-work")


async def test_efficiency_page_says_how_it_counts(user: User, log_in, add_user, world) -> None:
    await log_in(add_user("manager"))
    await user.open(f"/reports/efficiency?{MAY}")
    await user.should_see(marker="report-notice")
    await user.should_see("в рабочих часах по календарю SLA-плана каждой заявки")
    (team,) = table_rows(user, "team")
    assert (team["tickets"], team["resp_median"], team["resp_p90"]) == (
        "4",
        "1 ч 22 мин",
        "2 ч 00 мин",
    )
    assert (team["resp_sla"], team["res_median"], team["res_p90"]) == ("67 %", "5 ч 00 мин", "1 д")
    await user.should_see(marker="report-chart-trend")


async def test_categories_and_sla_pages(user: User, log_in, add_user, world) -> None:
    await log_in(add_user("manager"))
    await user.open(f"/reports/categories?{MAY}")
    top = table_rows(user, "top")
    assert (top[0]["category"], top[0]["tickets"], top[0]["previous"]) == (
        "Печать › Замятие бумаги",
        "2",
        "1",
    )
    await user.should_see(marker="report-chart-top")
    await user.open(f"/reports/sla?{MAY}&priority=normal")
    breaches = table_rows(user, "breaches")
    assert [row["number"] for row in breaches] == [
        str(world.numbers["T2"]),
        str(world.numbers["T3"]),
    ]
    assert all(row["_tone"] == "alert" for row in breaches)
    await user.open(f"/reports/sla?{MAY}&priority=high")
    assert table_rows(user, "breaches") == []


async def test_the_filter_bar_reloads_with_the_new_filter(
    user: User, log_in, add_user, world
) -> None:
    await log_in(add_user("manager"))
    await user.open(f"/reports/work?{MAY}")
    assert len(table_rows(user, "tickets")) == 4  # T1..T4, both clients
    (select,) = user.find(marker="report-org").elements
    select.set_value(world.vasilek)  # type: ignore[attr-defined]
    await user.should_see("Организация: ООО Василёк")
    assert [row["number"] for row in table_rows(user, "tickets")] == [str(world.numbers["T4"])]
    (preset,) = user.find(marker="report-preset").elements
    preset.set_value("last_month")  # type: ignore[attr-defined]
    await user.should_see("Прошлый месяц")


async def test_custom_days_read_and_write_dd_mm_yyyy(user: User, log_in, add_user, world) -> None:
    # The appliance's own date format whatever the browser's language (a native date input
    # showed "05/01/2024" in an English browser); typed, or picked from the calendar.
    await log_in(add_user("manager"))
    await user.open(f"/reports/efficiency?{MAY}")
    (start,) = user.find(marker="report-start").elements
    (end,) = user.find(marker="report-end").elements
    assert (start.value, end.value) == ("01.05.2024", "31.05.2024")  # type: ignore[attr-defined]
    assert start.props["mask"] == "##.##.####"
    (calendar,) = [e for e in user.find(ui.date).elements if e.value == "01.05.2024"]
    assert calendar.props["locale"]["months"][4] == "Май"
    assert calendar.props["locale"]["firstDayOfWeek"] == 1
    end.set_value("15.05.2024")  # type: ignore[attr-defined]
    await user.should_see("Период: 01.05.2024 – 15.05.2024")
    (team,) = table_rows(user, "team")
    assert team["tickets"] == "2"  # T1, T2 (14 May); T3 (17 May) and T4 (21 May) are out
    (calendar,) = [e for e in user.find(ui.date).elements if e.value == "15.05.2024"]
    calendar.set_value("17.05.2024")  # picked from the calendar
    await user.should_see("Период: 01.05.2024 – 17.05.2024")
    (team,) = table_rows(user, "team")
    assert team["tickets"] == "3"


async def test_a_half_typed_day_changes_nothing(user: User, log_in, add_user, world) -> None:
    await log_in(add_user("manager"))
    await user.open(f"/reports/efficiency?{MAY}")
    (end,) = user.find(marker="report-end").elements
    end.set_value("15.05.2")  # type: ignore[attr-defined]  # not year 2
    end.set_value("")  # type: ignore[attr-defined]  # emptied: the period stays
    await user.should_see("Период: 01.05.2024 – 31.05.2024")
    (team,) = table_rows(user, "team")
    assert team["tickets"] == "4"


async def test_unreadable_filters_are_ignored(user: User, log_in, add_user, world) -> None:
    await log_in(add_user("manager"))
    await user.open("/reports/sla?preset=nonsense&org=abc&priority=critical&start=2024-99-01")
    await user.should_see(marker="report-sla")


@pytest.mark.parametrize("kind", ["work", "categories", "efficiency", "sla"])
async def test_a_technician_may_not_open_reports(user: User, log_in, add_user, kind) -> None:
    await log_in(add_user("technician"))
    await user.open(f"/reports/{kind}")
    await user.should_see(marker="forbidden")
    await user.should_not_see(marker=f"report-{kind}")


async def test_exports_are_for_those_who_may_read_reports(
    user: User, log_in, add_user, world: ReportWorld
) -> None:
    url = f"/reports/export/work.pdf?{MAY}&org={world.romashka}"
    assert (await user.http_client.get(url)).status_code == 401
    await log_in(add_user("technician", "tech"))
    assert (await user.http_client.get(url)).status_code == 403
    user.find(marker="shell-logout").click()
    await user.should_see(marker="login-name")
    await log_in(add_user("manager", "boss"))
    pdf = await user.http_client.get(url)
    assert pdf.status_code == 200
    assert pdf.headers["content-type"] == "application/pdf"
    assert "tiketnitsa-work-2024-05-01-2024-05-31.pdf" in pdf.headers["content-disposition"]
    assert pdf.content.startswith(b"%PDF-")
    csv = await user.http_client.get(f"/reports/export/work.csv?{MAY}&org={world.romashka}&sep=,")
    text = csv.content.decode("utf-8")
    assert text.startswith("\ufeff") and "ООО Ромашка" in text and "Когда,Кто" in text
    bad = await user.http_client.get(f"/reports/export/work.csv?{MAY}&sep=|")
    assert bad.status_code == 400
    assert "Разделитель CSV" in bad.json()["detail"]
    assert (await user.http_client.get("/reports/export/work.docx")).status_code == 404


async def test_the_export_buttons_link_the_current_filters(
    user: User, log_in, add_user, world
) -> None:
    await log_in(add_user("manager"))
    await user.open(f"/reports/work?{MAY}&org={world.romashka}")
    (button,) = user.find(marker="report-export-xlsx").elements
    assert button.props["href"] == (
        f"/reports/export/work.xlsx?preset=custom&start=2024-05-01&end=2024-05-31"
        f"&org={world.romashka}"
    )
    xlsx = await user.http_client.get(button.props["href"])
    assert xlsx.status_code == 200
    assert xlsx.content.startswith(b"PK")


# -- the home dashboard ---------------------------------------------------------------------------


async def test_managers_land_on_the_dashboard(user: User, log_in, add_user, world) -> None:
    await log_in(add_user("manager"))
    await user.should_see(marker="dash-status-new")
    response = await user.http_client.get("/", follow_redirects=False)
    assert response.headers["location"] == "/dashboard"
    await user.should_not_see(marker="dash-backup")  # admins only
    await user.should_not_see(marker="dash-queue")  # managers work no tickets


async def test_dashboard_parts(user: User, log_in, add_user, admin, ctx: AppContext, world) -> None:
    tech = add_user("technician", full_name="Техник Тестов")
    now = datetime.now(UTC)
    today = now.date()

    def seed(conn) -> None:  # type: ignore[no-untyped-def]
        create_license(
            conn,
            org_id=world.romashka,
            product="Касперский на 5 мест",
            seats=5,
            valid_until=today + timedelta(days=5),
        )
        create_license(
            conn,
            org_id=world.romashka,
            product="Далёкая лицензия",
            valid_until=today + timedelta(days=90),
        )
        create_ticket(
            conn,
            uuid=str(uuid.uuid4()),
            source="phone",
            description="Сегодняшняя заявка",
            submitted_at=now,
            received_at=now,
            org_id=world.romashka,
            assignee_id=tech.id,
        )
        record_run(
            conn,
            started_at=now - timedelta(hours=2),
            seconds=1.0,
            trigger="schedule",
            result="ok",
            file_name="a.tkbak",
        )
        record_run(
            conn,
            started_at=now - timedelta(hours=1),
            seconds=0.2,
            trigger="schedule",
            result="failed",
            error_text="Папка /mnt/backup недоступна",
        )

    ctx.store.write_sync(seed)
    await log_in(admin)
    await user.open("/dashboard")
    await user.should_see(marker="dash-backup-failed")
    await user.should_see("Папка /mnt/backup недоступна")
    await user.should_see("по расписанию")
    with user.scope(marker="dash-licenses"):
        await user.should_see("Касперский на 5 мест")
        await user.should_not_see("Далёкая лицензия")
    with user.scope(marker="dash-today"):
        await user.should_see("1")
    with user.scope(marker="dash-soon"):  # T0 and T3 are long overdue
        await user.should_see(f"№ {world.numbers['T0']}")
        await user.should_see("просрочено на")
    await user.should_see(marker="dash-intake-chart")
    user.find(marker="shell-logout").click()
    await user.should_see(marker="login-name")
    await log_in(tech)
    await user.open("/dashboard")
    with user.scope(marker="dash-queue"):
        await user.should_see("Сегодняшняя заявка")
    await user.should_not_see(marker="dash-backup-failed")


async def test_a_later_success_clears_the_backup_failure(user: User, log_in, admin, ctx) -> None:
    now = datetime.now(UTC)

    def seed(conn) -> None:  # type: ignore[no-untyped-def]
        record_run(
            conn,
            started_at=now - timedelta(hours=2),
            seconds=0.2,
            trigger="schedule",
            result="failed",
            error_text="диск полон",
        )
        record_run(
            conn,
            started_at=now - timedelta(hours=1),
            seconds=1.0,
            trigger="manual",
            result="ok",
            file_name="b.tkbak",
        )

    ctx.store.write_sync(seed)
    await log_in(admin)
    await user.open("/dashboard")
    await user.should_see(marker="dash-backup")
    await user.should_see("успешно")
    await user.should_not_see(marker="dash-backup-failed")


@pytest.mark.parametrize(
    ("text", "day"),
    [
        ("01.10.2026", "2026-10-01"),
        ("2026-10-01", "2026-10-01"),  # ISO, as code and the store write it
        ("29.02.2024", "2024-02-29"),
        ("29.02.2026", None),  # no such day
        ("01.10.2", None),  # half typed: not year 2
        ("", None),
        ("10/01/2026", None),
    ],
)
def test_shown_day(text: str, day: str | None) -> None:
    from appliance.ui.common.date_field import shown_day

    found = shown_day(text)
    assert (found.isoformat() if found else None) == day
