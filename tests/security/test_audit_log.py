"""Settings -> Audit log: admins read who did what, when and from where, filter it, page through
it on the server, export it as CSV; reveals of secrets stand out; the log is append-only."""

from __future__ import annotations

import asyncio
import csv
import inspect
import io

import apsw
import pytest
from nicegui import ui
from nicegui.testing import User

from appliance.context import AppContext
from appliance.store import audit
from tests.conftest import Account


def seed(ctx: AppContext, rows: list[tuple[str, int | None, str, str, int | None, str, str]]):
    def write(conn):  # type: ignore[no-untyped-def]
        for row in rows:
            conn.execute(
                "INSERT INTO audit_log(at, user_id, action, object_type, object_id, detail,"
                " remote_addr) VALUES (?, ?, ?, ?, ?, ?, ?)",
                row,
            )

    ctx.store.write_sync(write)


def table(user: User) -> ui.table:
    (found,) = user.find(marker="audit-table").elements
    assert isinstance(found, ui.table)
    return found


async def until(condition, timeout: float = 5.0) -> None:  # type: ignore[no-untyped-def]
    deadline = asyncio.get_running_loop().time() + timeout
    while not condition():
        assert asyncio.get_running_loop().time() < deadline, "condition not met in time"
        await asyncio.sleep(0.02)


@pytest.fixture
def tech(add_user) -> Account:  # type: ignore[no-untyped-def]
    return add_user("technician", "ivan")


def test_the_log_is_append_only(ctx: AppContext) -> None:
    seed(ctx, [("2026-01-01T00:00:00.000000Z", None, "x.y", "", None, "", "")])
    for statement in ("UPDATE audit_log SET detail = 'rewritten'", "DELETE FROM audit_log"):
        with pytest.raises(apsw.ConstraintError, match="append-only"):
            ctx.store.write_sync(lambda conn, sql=statement: conn.execute(sql))
    assert ctx.store.read_sync(lambda conn: conn.execute("SELECT count(*) FROM audit_log").get)
    source = inspect.getsource(audit).upper()
    assert "UPDATE AUDIT_LOG" not in source and "DELETE FROM" not in source


async def test_admin_reads_filters_and_pages_the_log(
    user: User, log_in, admin: Account, tech: Account, ctx: AppContext
) -> None:
    rows = [
        (
            f"2026-03-0{1 + i % 5}T10:00:00.000000Z",
            tech.id,
            "ticket.update",
            "ticket",
            i,
            "",
            "10.0.0.5",
        )
        for i in range(120)
    ]
    rows.append(
        (
            "2026-03-04T12:00:00.000000Z",
            tech.id,
            "credential.reveal",
            "credential",
            7,
            "Router admin, ticket #12",
            "10.0.0.5",
        )
    )
    seed(ctx, rows)
    await log_in(admin)
    await user.open("/settings")
    user.find(marker="settings-audit").click()
    await user.should_see(marker="audit-table", retries=30)
    await until(lambda: table(user).pagination["rowsNumber"] == 122)  # and the admin's login
    assert len(table(user).rows) == 50
    newest = table(user).rows[0]
    assert newest["action"] == "login" and newest["who"] == admin.login

    # The reveal stands out: a word and an icon beside the action.
    reveal = next(row for row in table(user).rows if row["action"] == "credential.reveal")
    assert reveal["reveal"] is True and reveal["reveal_word"] == "Раскрытие секрета"
    assert (reveal["who"], reveal["object"], reveal["addr"]) == (
        tech.login,
        "credential #7",
        "10.0.0.5",
    )

    # Page 3 of 50 is read from the server: rows 101-122.
    # (the "request" event is what Quasar sends when the page buttons are pressed)
    user.find(marker="audit-table").trigger(
        "request", {"pagination": {"page": 3, "rowsPerPage": 50}}
    )
    await until(lambda: len(table(user).rows) == 22)

    # Filters: by user, by action, by period (local days, inclusive), by object.
    (select,) = user.find(marker="audit-user").elements
    select.value = tech.id
    await until(lambda: table(user).pagination["rowsNumber"] == 121)
    (action,) = user.find(marker="audit-action").elements
    action.value = "credential.reveal"
    await until(lambda: table(user).pagination["rowsNumber"] == 1)
    action.value = ""
    (since,) = user.find(marker="audit-from").elements
    (to,) = user.find(marker="audit-to").elements
    since.value = "2026-03-02"
    to.value = "2026-03-03"
    await until(lambda: table(user).pagination["rowsNumber"] == 48)
    (object_id,) = user.find(marker="audit-object-id").elements
    object_id.value = "6"
    await until(lambda: table(user).pagination["rowsNumber"] == 1)


async def test_csv_export_under_the_filter_is_audited(
    user: User, log_in, admin: Account, tech: Account, ctx: AppContext
) -> None:
    seed(
        ctx,
        [
            (
                "2026-03-04T12:00:00.000000Z",
                tech.id,
                "credential.reveal",
                "credential",
                7,
                '=HYPERLINK("http://x")',
                "10.0.0.5",
            ),
            ("2026-03-04T13:00:00.000000Z", tech.id, "ticket.update", "ticket", 1, "", ""),
        ],
    )
    await log_in(admin)
    answer = await user.http_client.get("/settings/audit.csv?action=credential.reveal")
    assert answer.status_code == 200
    assert answer.headers["content-type"].startswith("text/csv")
    lines = list(csv.reader(io.StringIO(answer.content.decode("utf-8-sig"))))
    assert lines[0] == [
        "id",
        "at_utc",
        "user",
        "action",
        "object_type",
        "object_id",
        "detail",
        "from",
    ]
    assert [line[2:6] for line in lines[1:]] == [
        [tech.login, "credential.reveal", "credential", "7"]
    ]
    assert lines[1][6] == '\'=HYPERLINK("http://x")'  # never a live formula in a spreadsheet
    exported = ctx.store.read_sync(
        lambda conn: conn.execute(
            "SELECT user_id, detail FROM audit_log WHERE action = 'audit.export'"
        ).fetchall()
    )
    assert exported == [(admin.id, "1 rows")]


async def test_only_admins_read_the_log(user: User, log_in, tech: Account) -> None:
    anonymous = await user.http_client.get("/settings/audit.csv")
    assert anonymous.status_code == 401
    await log_in(tech)
    assert (await user.http_client.get("/settings/audit.csv")).status_code == 403
    await user.open("/settings/audit")
    await user.should_not_see(marker="audit-table")
