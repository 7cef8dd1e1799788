"""``tiketnitsa tickets list``: every ticket, by number, as text or one streamed JSON array whose
content is what the store holds."""

from __future__ import annotations

import io
import json
import subprocess
import sys
from datetime import UTC, datetime

import pytest

from appliance.commands.tickets import FIELDS, write_json
from appliance.config import DataDir
from appliance.context import AppContext
from appliance.demo import generate_demo
from appliance.i18n import t
from appliance.store.tickets import create_ticket
from tests.commands.helpers import REPO, cli

NOW = datetime(2026, 11, 26, 21, 0, tzinfo=UTC)


def _expected(ctx: AppContext) -> list[dict[str, object]]:
    """Every record as the store holds it, read here on its own (the SLA flags as of now)."""
    now = datetime.now(UTC).isoformat(timespec="microseconds").replace("+00:00", "Z")

    def met(done: str | None, due: str | None, paused_since: str | None) -> bool | None:
        if due is None:
            return None
        if done is not None:
            return done <= due
        return False if (paused_since or now) > due else None

    def read(conn):  # type: ignore[no-untyped-def]
        tickets = conn.execute(
            "SELECT t.id, t.number, t.uuid, t.status, o.name, t.description, t.submitted_at,"
            " t.received_at, t.priority, t.category_id, u.login, p.full_name,"
            " t.first_response_at, t.resolved_at, t.closed_at, t.response_due_at,"
            " t.resolution_due_at, t.sla_paused_since"
            " FROM tickets AS t LEFT JOIN organizations AS o ON o.id = t.org_id"
            " LEFT JOIN users AS u ON u.id = t.assignee_id"
            " LEFT JOIN persons AS p ON p.id = t.person_id ORDER BY t.number"
        ).fetchall()
        names = {
            cid: (f"{parent} › {name}" if parent else name)
            for cid, name, parent in conn.execute(
                "SELECT c.id, c.name, parent.name FROM categories AS c"
                " LEFT JOIN categories AS parent ON parent.id = c.parent_id"
            )
        }
        result = []
        for ticket_id, *fields in tickets:
            shas = [
                row[0]
                for row in conn.execute(
                    "SELECT sha256 FROM ticket_attachments WHERE ticket_id = ? ORDER BY position",
                    (ticket_id,),
                )
            ]
            minutes = conn.execute(
                "SELECT minutes, additional_work FROM ticket_actions WHERE ticket_id = ?",
                (ticket_id,),
            ).fetchall()
            keys = (
                "number",
                "uuid",
                "status",
                "organisation",
                "description",
                "submitted_at",
                "received_at",
            )
            record = {**dict(zip(keys, fields[:7], strict=True)), "attachments": shas}
            (
                priority,
                category_id,
                login,
                person,
                responded,
                resolved,
                closed,
                response_due,
                resolution_due,
                paused_since,
            ) = fields[7:]
            record |= {
                "priority": priority,
                "category": names.get(category_id),
                "assignee": login,
                "person": person,
                "first_response_at": responded,
                "resolved_at": resolved,
                "closed_at": closed,
                "minutes_total": sum(m for m, _extra in minutes),
                "minutes_additional": sum(m for m, extra in minutes if extra),
                "sla_response_met": met(responded, response_due, paused_since),
                "sla_resolution_met": met(resolved or closed, resolution_due, paused_since),
            }
            result.append(record)
        return result

    return ctx.store.read_sync(read)


@pytest.fixture
def filled(ctx: AppContext) -> AppContext:
    generate_demo(ctx.store, tickets=120, seed=3, now=NOW)
    # One ticket with no organisation: its organisation is null, not a missing key.
    ctx.store.write_sync(
        lambda conn: create_ticket(
            conn,
            uuid="6f1d2c1e-0b7a-4c55-9a53-0e2f4d2b7c11",
            source="phone",
            description="Звонок с незнакомого номера",
            submitted_at=NOW,
            received_at=NOW,
        )
    )
    return ctx


def test_json_lists_every_ticket_as_the_store_holds_it(
    capsys: pytest.CaptureFixture[str], filled: AppContext
) -> None:
    outcome = cli(capsys, "tickets", "list", "--json")

    assert outcome.code == 0, outcome.err
    listed = json.loads(outcome.out)
    assert listed == _expected(filled)
    assert [item["number"] for item in listed] == list(range(1, 122))
    assert listed[-1]["organisation"] is None
    # The demo's client tickets carry screenshots, so the attachment column is exercised.
    assert any(item["attachments"] for item in listed)
    # The fields scripts and the reports need are there, filled where the demo fills them.
    assert all(list(item) == list(FIELDS) for item in listed)
    assert any(item["minutes_total"] for item in listed)
    assert any(item["minutes_additional"] for item in listed)
    assert {item["sla_response_met"] for item in listed} >= {True, False}


def test_json_of_an_empty_store_is_an_empty_array(
    capsys: pytest.CaptureFixture[str], ctx: AppContext
) -> None:
    outcome = cli(capsys, "tickets", "list", "--json")
    assert (outcome.code, json.loads(outcome.out)) == (0, [])


def test_json_is_written_row_by_row(filled: AppContext) -> None:
    class Recorder(io.StringIO):
        encoding = "utf-8"
        writes = 0

        def write(self, text: str) -> int:
            self.writes += 1
            return super().write(text)

    out = Recorder()
    count = write_json(filled.store, out)

    assert count == 121
    assert out.writes >= 2 * count  # one separator and one object per ticket, never one blob
    assert json.loads(out.getvalue()) == _expected(filled)


def test_json_stays_valid_on_a_terminal_without_utf8(filled: AppContext) -> None:
    raw = io.BytesIO()
    out = io.TextIOWrapper(raw, encoding="ascii")
    write_json(filled.store, out)
    out.flush()
    assert json.loads(raw.getvalue().decode("ascii")) == _expected(filled)


def test_text_lists_one_line_per_ticket(
    capsys: pytest.CaptureFixture[str], filled: AppContext
) -> None:
    outcome = cli(capsys, "tickets", "list")

    lines = outcome.out.splitlines()
    assert len(lines) == 121
    assert [int(line.split()[0]) for line in lines] == list(range(1, 122))
    assert t("status.new", "ru") in lines[-1]


def test_a_reader_that_stops_early_gets_no_traceback(ctx: AppContext, data_dir: DataDir) -> None:
    generate_demo(ctx.store, tickets=500, seed=4, now=NOW)
    whole = io.StringIO()
    write_json(ctx.store, whole)
    # Far more than a pipe holds (64 KiB), so the lister is still writing when 'head' leaves.
    assert len(whole.getvalue().encode()) > 3 * 65536

    lister = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "appliance.cli",
            "tickets",
            "list",
            "--json",
            "--data-dir",
            str(data_dir.path),
        ],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        cwd=REPO,
    )
    assert lister.stdout is not None and lister.stderr is not None
    head = lister.stdout.read(200)
    lister.stdout.close()
    code = lister.wait(timeout=60)

    assert head.startswith(b"[\n{")
    assert (code, lister.stderr.read()) == (0, b"")
