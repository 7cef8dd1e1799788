"""A fresh installation (no demo data) set up for SLA from the command line, then a request from
an enrolled device through the ingest service: the due times skip the holidays; a plan change
moves the open ticket's due times, keeping the business time already used, with a history line.
Bad input changes nothing."""

from __future__ import annotations

import asyncio
import json
from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from appliance.context import AppContext
from appliance.services import sla
from appliance.services.actor import Actor
from appliance.services.ingest import submit_ticket
from appliance.services.sla import SlaTargets
from appliance.store.devices import create_code, enroll, token_owner
from appliance.store.organizations import create_organization
from appliance.store.tickets import ticket_history
from sync.hashing import content_hash
from sync.wire import TicketSubmission
from tests.api.support import submission
from tests.commands.helpers import cli

MSK = ZoneInfo("Europe/Moscow")
HOURS = "mon-fri=09:00-13:00,14:00-18:00"
# Days off the 2027 decree may add; a company's own file (CSV) for the year the package lacks.
CSV_2027 = "date,kind,name\n" + "".join(
    f"2027-01-{d:02d},holiday,Новогодние каникулы\n" for d in range(1, 11)
)


def msk(*args: int) -> datetime:
    return datetime(*args, tzinfo=MSK)


def tickets_row(ctx: AppContext, ticket_id: int) -> tuple[str, str, int]:
    return ctx.store.read_sync(
        lambda c: c.execute(
            "SELECT response_due_at, resolution_due_at, sla_plan_id FROM tickets WHERE id = ?",
            (ticket_id,),
        ).fetchone()
    )


def stored(moment: datetime) -> str:
    return moment.astimezone(ZoneInfo("UTC")).strftime("%Y-%m-%dT%H:%M:%S.%fZ")


@pytest.fixture
def org_device(ctx: AppContext) -> object:
    now = msk(2026, 12, 1, 9, 0)

    def write(conn):  # type: ignore[no-untyped-def]
        org_id = create_organization(conn, name="Рога и копыта")
        code = create_code(conn, org_id=org_id, max_uses=1, days=1, now=now)
        return enroll(conn, code=code.code, hostname="ACC-01", os_user="ivanova", now=now).token

    token = ctx.store.write_sync(write)
    return ctx.store.read_sync(lambda conn: token_owner(conn, token))


def test_fresh_install_calendar_holidays_plan_org_request_and_plan_change(
    ctx: AppContext, org_device: object, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert (
        cli(
            capsys, "sla", "calendar", "add", "Офис", "--tz", "Europe/Moscow", "--hours", HOURS
        ).code
        == 0
    )
    done = cli(
        capsys,
        "sla",
        "holidays",
        "import",
        "--country",
        "RU",
        "--year",
        "2026",
        "--calendar",
        "Офис",
    )
    assert done.code == 0, done.err
    csv_file = tmp_path / "2027.csv"
    csv_file.write_text(CSV_2027, encoding="utf-8")
    done = cli(capsys, "sla", "holidays", "import", str(csv_file), "--calendar", "Офис")
    assert done.code == 0, done.err
    assert "10" in done.out  # dates imported
    done = cli(
        capsys, "sla", "plan", "add", "Стандарт", "--calendar", "Офис", "--target", "normal=4h/16h"
    )
    assert done.code == 0, done.err
    done = cli(capsys, "org", "set", "Рога и копыта", "--plan", "Стандарт")
    assert done.code == 0, done.err
    listing = cli(capsys, "sla", "plan", "list").out
    assert "Стандарт" in listing and "normal=240/960" in listing

    # Wednesday 30 Dec 2026, 16:00 Moscow: 2 h that day; 31 Dec is off (moved from 4 Jan), then
    # 1-10 January 2027 (the file); Monday 11 January: response (4 h) at 11:00, resolution
    # (16 h = 2 + 8 + 6) on Tuesday 12 January at 16:00.
    received = msk(2026, 12, 30, 16, 0)
    doc = submission()  # a person at a PC asks: priority normal (urgent: False)
    wire = TicketSubmission.model_validate(doc)
    made = asyncio.run(
        submit_ticket(
            ctx.store,
            org_device,  # type: ignore[arg-type]
            submission=wire,
            content_hash=content_hash(wire),
            received_at=received,
        )
    )
    ticket_id = ctx.store.read_sync(
        lambda c: c.execute("SELECT id FROM tickets WHERE number = ?", (made.number,)).fetchone()[0]
    )
    response, resolution, plan_id = tickets_row(ctx, ticket_id)
    assert (response, resolution) == (
        stored(msk(2027, 1, 11, 11, 0)),
        stored(msk(2027, 1, 12, 16, 0)),
    )

    # A day later (31 Dec 12:00, 2 business hours used) the plan gets tighter: 3 h / 8 h. What is
    # left (1 h, 6 h) runs from now on the calendar: 11 Jan 10:00 and 11 Jan 16:00.
    moved = asyncio.run(
        sla.update_plan(
            ctx.store,
            Actor.cli(),
            plan_id=plan_id,
            targets={"normal": SlaTargets(180, 480)},
            now=msk(2026, 12, 31, 12, 0),
        )
    )
    assert moved.tickets == 1
    response, resolution, _ = tickets_row(ctx, ticket_id)
    assert (response, resolution) == (
        stored(msk(2027, 1, 11, 10, 0)),
        stored(msk(2027, 1, 11, 16, 0)),
    )
    last = ctx.store.read_sync(lambda conn: ticket_history(conn, ticket_id))[-1]
    assert (last.kind, last.text) == ("sla", "plan")
    assert json.loads(last.old_value or "{}")["response"] == stored(msk(2027, 1, 11, 11, 0))
    assert json.loads(last.new_value or "{}")["resolution"] == stored(msk(2027, 1, 11, 16, 0))


def test_bad_input_is_refused_and_changes_nothing(
    ctx: AppContext, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert (
        cli(
            capsys, "sla", "calendar", "add", "Офис", "--tz", "Europe/Moscow", "--hours", HOURS
        ).code
        == 0
    )
    before = cli(capsys, "sla", "calendar", "list").out
    bad = tmp_path / "bad.csv"
    bad.write_text("2027-01-01,holiday\n2027-13-01,holiday\n", encoding="utf-8")
    done = cli(capsys, "sla", "holidays", "import", str(bad), "--calendar", "Офис")
    assert done.code == 1 and "2027-13-01" in done.err
    done = cli(capsys, "sla", "calendar", "add", "Ночь", "--tz", "Mars/Olympus", "--hours", HOURS)
    assert done.code == 1
    done = cli(capsys, "sla", "plan", "add", "X", "--calendar", "Офис", "--target", "normal=abc/1h")
    assert done.code == 1 and "abc" in done.err
    done = cli(
        capsys,
        "sla",
        "holidays",
        "import",
        "--country",
        "XX",
        "--year",
        "2027",
        "--calendar",
        "Офис",
    )
    assert done.code == 1
    done = cli(capsys, "org", "set", "Нет такой", "--plan", "default")
    assert done.code == 3
    assert cli(capsys, "sla", "calendar", "list").out == before
    assert cli(capsys, "sla", "plan", "list").out.count("\n") == 1  # the header only


def test_plan_set_from_the_command_line_recomputes_and_says_so(
    ctx: AppContext, org_device: object, capsys: pytest.CaptureFixture[str]
) -> None:
    cli(capsys, "sla", "calendar", "add", "Офис", "--tz", "Europe/Moscow", "--hours", HOURS)
    cli(capsys, "sla", "plan", "add", "Стандарт", "--calendar", "Офис", "--target", "normal=4h/16h")
    cli(capsys, "org", "set", "Рога и копыта", "--plan", "Стандарт")
    doc = submission()
    wire = TicketSubmission.model_validate(doc)
    asyncio.run(
        submit_ticket(
            ctx.store,
            org_device,  # type: ignore[arg-type]
            submission=wire,
            content_hash=content_hash(wire),
            received_at=msk(2026, 12, 1, 10, 0),
        )
    )
    done = cli(
        capsys,
        "sla",
        "plan",
        "set",
        "Стандарт",
        "--target",
        "normal=1h/8h",
        "--warn",
        "80",
        "--no-pause",
        "--default",
    )
    assert done.code == 0, done.err
    assert "пересчитано открытых заявок: 1" in done.out
    listing = cli(capsys, "sla", "plan", "list").out
    assert "Стандарт *" in listing and "80%" in listing and "normal=60/480" in listing
    done = cli(capsys, "sla", "plan", "set", "Нет такого", "--warn", "50")
    assert done.code == 3
    done = cli(capsys, "sla", "plan", "set", "Стандарт", "--warn", "150")
    assert done.code == 1
    assert "80%" in cli(capsys, "sla", "plan", "list").out
