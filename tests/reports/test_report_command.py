"""``tiketnitsa report`` and ``tiketnitsa tickets list --json`` over the report world: the
efficiency figures recomputed from the ticket list come out the same as the report's; the
command writes each format whole; bad input gets one clear line and no file."""

from __future__ import annotations

import json
from datetime import date, datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from appliance.context import AppContext
from appliance.domain.sla import business_seconds_between
from appliance.reports.stats import median, percentile
from tests.commands.helpers import cli
from tests.reports.world import CALENDAR, ReportWorld, build

MSK = ZoneInfo("Europe/Moscow")


@pytest.fixture
def world(ctx: AppContext) -> ReportWorld:
    return build(ctx.store)


def _moment(text: str | None) -> datetime | None:
    return datetime.fromisoformat(text) if text else None


def test_efficiency_recomputed_from_the_ticket_list_is_the_same(
    capsys: pytest.CaptureFixture[str], world: ReportWorld, tmp_path: Path
) -> None:
    listed = cli(capsys, "tickets", "list", "--json")
    assert listed.code == 0, listed.err
    tickets = json.loads(listed.out)
    out = tmp_path / "eff.json"
    made = cli(
        capsys,
        "report",
        "efficiency",
        "--from",
        "2024-05-01",
        "--to",
        "2024-05-31",
        "--format",
        "json",
        "--out",
        str(out),
    )
    assert made.code == 0, made.err
    report = json.loads(out.read_text(encoding="utf-8"))
    (team,) = next(t for t in report["tables"] if t["key"] == "team")["rows"]
    team = team["values"]

    # By hand from the list: May (Moscow days), business time on the plan of Romashka's tickets
    # (the test knows the plan), calendar time for the others.
    in_may = [
        t
        for t in tickets
        if date(2024, 5, 1) <= _moment(t["received_at"]).astimezone(MSK).date() <= date(2024, 5, 31)
    ]
    response, resolution = [], []
    for t in in_may:
        received = _moment(t["received_at"])

        def took(
            end: datetime,
            start: datetime = received,
            on_plan: bool = t["organisation"] == "ООО Ромашка",
        ) -> int:
            if on_plan:
                return business_seconds_between(CALENDAR, start, end)
            return int((end - start).total_seconds())

        if t["first_response_at"]:
            response.append(took(_moment(t["first_response_at"])))
        if t["resolved_at"]:
            resolution.append(took(_moment(t["resolved_at"])))
    response_met = [t["sla_response_met"] for t in in_may if t["sla_response_met"] is not None]
    resolution_met = [
        t["sla_resolution_met"] for t in in_may if t["sla_resolution_met"] is not None
    ]

    assert team["tickets"] == len(in_may) == 4
    assert team["resp_median"] == median(response)
    assert team["resp_p90"] == percentile(response, 90)
    assert team["res_median"] == median(resolution)
    assert team["res_p90"] == percentile(resolution, 90)
    assert team["resolved"] == len(resolution)
    assert team["resp_sla"] == pytest.approx(sum(response_met) / len(response_met))
    assert team["res_sla"] == pytest.approx(sum(resolution_met) / len(resolution_met))
    # And the list's minutes match the work logged.
    by_number = {t["number"]: t for t in tickets}
    t2 = by_number[world.numbers["T2"]]
    assert (t2["minutes_total"], t2["minutes_additional"]) == (125, 60)
    assert (t2["assignee"], t2["person"], t2["priority"]) == ("anna", "Ирина Петрова", "normal")
    assert t2["category"] == "Печать › Замятие бумаги"
    assert (t2["sla_response_met"], t2["sla_resolution_met"]) == (False, True)


@pytest.mark.parametrize(
    ("fmt", "magic"),
    [("pdf", b"%PDF-"), ("xlsx", b"PK\x03\x04"), ("csv", "\ufeff".encode()), ("json", b"{")],
)
def test_each_format_is_written_whole(
    capsys: pytest.CaptureFixture[str], world: ReportWorld, tmp_path: Path, fmt: str, magic: bytes
) -> None:
    folder = tmp_path / "out"
    folder.mkdir()
    out = folder / f"work.{fmt}"
    made = cli(
        capsys,
        "report",
        "work",
        "--from",
        "2024-05-01",
        "--to",
        "2024-05-31",
        "--org",
        "ООО Ромашка",
        "--tech",
        "anna",
        "--format",
        fmt,
        "--out",
        str(out),
    )
    assert made.code == 0, made.err
    assert out.read_bytes().startswith(magic)
    assert [p.name for p in folder.iterdir()] == [out.name]  # no temporary file left


def test_tech_filter_reaches_the_report(
    capsys: pytest.CaptureFixture[str], world: ReportWorld, tmp_path: Path
) -> None:
    out = tmp_path / "work.json"
    cli(
        capsys,
        "report",
        "work",
        "--from",
        "2024-05-01",
        "--to",
        "2024-05-31",
        "--org",
        "ООО Ромашка",
        "--tech",
        "boris",
        "--format",
        "json",
        "--out",
        str(out),
    )
    report = json.loads(out.read_text(encoding="utf-8"))
    numbers = [r["values"]["number"] for r in report["tables"][1]["rows"]]
    assert numbers == [world.numbers["T3"]]
    assert "Организация: ООО Ромашка; Специалист: Борис Петров" in report["lines"]


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--from", "2024-13-01", "--to", "2024-05-31"], "Дата не распознана: 2024-13-01"),
        (["--from", "2024-05-31", "--to", "2024-05-01"], "Начало периода позже его конца"),
        (
            ["--from", "2024-05-01", "--to", "2024-05-31", "--org", "Нет такой"],
            "Нет организации «Нет такой»",
        ),
        (
            ["--from", "2024-05-01", "--to", "2024-05-31", "--tech", "ghost"],
            "Нет пользователя «ghost»",
        ),
        (["--from", "2020-01-01", "--to", "2024-05-31"], "Период длиннее"),
    ],
)
def test_bad_input_gets_one_line_and_no_file(
    capsys: pytest.CaptureFixture[str], world: ReportWorld, tmp_path: Path, args, message
) -> None:
    out = tmp_path / "r.pdf"
    made = cli(capsys, "report", "sla", *args, "--format", "pdf", "--out", str(out))
    assert made.code == 1
    assert message in made.err
    assert len(made.err.strip().splitlines()) == 1
    assert not out.exists()
