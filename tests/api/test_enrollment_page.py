"""The admin page for enrolment codes and devices (NiceGUI ``user`` fixture, real store)."""

from __future__ import annotations

import asyncio
import re

from nicegui import ui
from nicegui.testing import User

from appliance.domain.clock import utc_now
from appliance.store.devices import code_hash, create_code, enroll, token_owner
from tests.api.support import add_org

CODE = re.compile(r"^[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}$")


def only(user: User, marker: str):
    (element,) = user.find(marker=marker).elements
    return element


async def until(condition, timeout: float = 5.0) -> None:
    """Wait for a handler running in the background (the user fixture does not await them)."""
    deadline = asyncio.get_running_loop().time() + timeout
    while not condition():
        assert asyncio.get_running_loop().time() < deadline, "condition not met in time"
        await asyncio.sleep(0.02)


def rows(user: User, marker: str) -> list[dict]:
    table = only(user, marker)
    assert isinstance(table, ui.table)
    return table.rows


def audit_actions(ctx, user_id: int) -> list[tuple[str, str]]:
    return ctx.store.read_sync(
        lambda conn: conn.execute(
            "SELECT action, object_type FROM audit_log WHERE user_id = ? AND action LIKE '%e.%'"
            " AND (action LIKE 'enrollment_code.%' OR action LIKE 'device.%') ORDER BY id",
            (user_id,),
        ).fetchall()
    )


async def test_admin_makes_a_code_sees_it_once_and_revokes_it(
    user: User, log_in, admin, ctx
) -> None:
    org = ctx.store.write_sync(lambda conn: add_org(conn, "ООО «Ромашка»", login="a", hostname="h"))
    await log_in(admin)
    await user.open("/settings")
    user.find(marker="settings-enrollment").click()
    await user.should_see("Подключение компьютеров (LiveViewer)", retries=30)
    assert rows(user, "codes-table") == []

    user.find(marker="enroll-new").click()
    await until(lambda: only(user, "enroll-org").options)
    only(user, "enroll-org").value = org.id
    only(user, "enroll-uses").value = 3
    only(user, "enroll-days").value = 10
    user.find(marker="enroll-create").click()
    await user.should_see("Для «ООО «Ромашка»»: до 3 компьютеров", retries=30)
    await user.should_see("Запишите или передайте код сейчас")
    code = only(user, "enroll-code-value").text
    assert CODE.match(code)

    stored = ctx.store.read_sync(
        lambda conn: conn.execute(
            "SELECT id, code_hash, max_uses, created_by FROM enrollment_codes"
        ).fetchall()
    )
    assert [(h, uses, by) for _, h, uses, by in stored] == [(code_hash(code), 3, admin.id)]
    (listed,) = rows(user, "codes-table")
    assert listed["code"] == f"{code[:4]}-…"
    assert code not in repr(listed)
    assert (listed["org"], listed["uses"], listed["state"]) == (
        "ООО «Ромашка»",
        "0 из 3",
        "Действует",
    )

    user.find(marker="enroll-done").click()
    assert only(user, "enroll-code-value").text == ""  # the page forgets it

    user.find(marker="codes-table").trigger("revoke", listed)
    await user.should_see("Отозвать код")
    user.find(marker="confirm-yes").click()
    await user.should_see("Код отозван", retries=30)
    (revoked,) = rows(user, "codes-table")
    assert revoked["state"] == "Отозван"
    assert revoked["can_revoke"] is False
    assert audit_actions(ctx, admin.id) == [
        ("enrollment_code.create", "enrollment_code"),
        ("enrollment_code.revoke", "enrollment_code"),
    ]


async def test_admin_revokes_a_device_and_its_token_stops_working(
    user: User, log_in, admin, ctx
) -> None:
    def seed(conn):
        org = add_org(conn, "Acme", login="ivanova", hostname="ACC-01")
        code = create_code(conn, org_id=org.id, max_uses=5, days=1, now=utc_now())
        return enroll(conn, code=code.code, hostname="ACC-01", os_user="ivanova", now=utc_now())

    device = ctx.store.write_sync(seed)
    await log_in(admin)
    await user.open("/settings/enrollment")
    await user.should_see("Устройства", retries=30)
    (row,) = rows(user, "devices-table")
    assert (row["host"], row["os_user"], row["org"]) == ("ACC-01", "ivanova", "Acme")
    assert (row["state"], row["last_seen"]) == ("Подключено", "ещё не было")

    user.find(marker="devices-table").trigger("revoke", row)
    await user.should_see("Отключить компьютер «ACC-01» (Acme)?")
    user.find(marker="confirm-no").click()
    assert ctx.store.read_sync(lambda conn: token_owner(conn, device.token)).revoked is False

    user.find(marker="devices-table").trigger("revoke", row)
    user.find(marker="confirm-yes").click()
    await user.should_see("Устройство отключено", retries=30)
    assert ctx.store.read_sync(lambda conn: token_owner(conn, device.token)).revoked is True
    assert rows(user, "devices-table")[0]["state"] == "Отключено"
    assert audit_actions(ctx, admin.id) == [("device.revoke", "device")]


async def test_a_code_needs_an_organisation_and_sane_numbers(
    user: User, log_in, admin, ctx
) -> None:
    await log_in(admin)
    await user.open("/settings/enrollment")
    user.find(marker="enroll-new").click()
    await user.should_see("Сначала добавьте организацию-клиента.", retries=30)

    org = ctx.store.write_sync(lambda conn: add_org(conn, "Acme", login="a", hostname="h"))
    user.find(marker="enroll-new").click()
    await until(lambda: only(user, "enroll-org").options)
    user.find(marker="enroll-create").click()
    await user.should_see("Выберите организацию.")
    only(user, "enroll-org").value = org.id
    only(user, "enroll-uses").value = 0
    user.find(marker="enroll-create").click()
    await user.should_see("Число подключений — от 1 до 1000.")
    only(user, "enroll-uses").value = 1
    only(user, "enroll-days").value = 2.5
    user.find(marker="enroll-create").click()
    await user.should_see("Срок — от 1 до 365 дней.")
    count = ctx.store.read_sync(
        lambda conn: conn.execute("SELECT count(*) FROM enrollment_codes").fetchone()[0]
    )
    assert count == 0


async def test_a_technician_may_not_open_it(user: User, log_in, add_user) -> None:
    technician = add_user("technician")
    await log_in(technician)
    await user.open("/settings/enrollment")
    await user.should_see(marker="forbidden")
    await user.should_not_see(marker="enroll-new")


def audit_rows(ctx) -> list[tuple]:
    return ctx.store.read_sync(lambda conn: conn.execute("SELECT * FROM audit_log").fetchall())


async def test_a_disabled_admin_cannot_make_or_revoke_codes_from_a_page_opened_before(
    user: User, log_in, admin, add_user, ctx
) -> None:
    """Hardening H1: admin2 opens Settings -> Enrolment, is disabled from the command line, and
    the open page can neither make a code nor revoke one; nothing is written or audited."""
    from appliance.services import accounts
    from appliance.services.actor import Actor

    admin2 = add_user("admin", "admin2")

    def seed(conn):
        org = add_org(conn, "Acme", login="a", hostname="h")
        create_code(conn, org_id=org.id, max_uses=1, days=1, now=utc_now())
        return org

    org = ctx.store.write_sync(seed)
    await log_in(admin2)
    await user.open("/settings/enrollment")
    await user.should_see("Коды подключения", retries=30)
    (listed,) = rows(user, "codes-table")
    user.find(marker="enroll-new").click()
    await until(lambda: only(user, "enroll-org").options)

    await accounts.set_account_active(ctx.store, Actor.cli(), user_id=admin2.id, active=False)
    before = audit_rows(ctx)
    codes_before = ctx.store.read_sync(
        lambda conn: conn.execute("SELECT * FROM enrollment_codes").fetchall()
    )

    refused = "Ваша учётная запись отключена или удалена"
    only(user, "enroll-org").value = org.id
    user.find(marker="enroll-create").click()
    await until(lambda: sum(refused in m for m in user.notify.messages) == 1)

    user.find(marker="codes-table").trigger("revoke", listed)
    await user.should_see("Отозвать код")
    user.find(marker="confirm-yes").click()
    await until(lambda: sum(refused in m for m in user.notify.messages) >= 2)

    after = ctx.store.read_sync(
        lambda conn: conn.execute("SELECT * FROM enrollment_codes").fetchall()
    )
    assert after == codes_before  # no new code, the old one not revoked
    assert audit_rows(ctx) == before
