"""The ``liveviewer`` command in-process: output, exit codes, and never the token."""

from __future__ import annotations

import json
from dataclasses import replace
from pathlib import Path

import httpx
import pytest

from client import __version__, cli
from client.config import Enrolment
from client.outbox import Outbox
from tests.client.fake_appliance import FakeAppliance
from tests.client.helpers import queue


@pytest.fixture
def wired(fake: FakeAppliance, monkeypatch: pytest.MonkeyPatch) -> FakeAppliance:
    """Route the agent's HTTP to the scripted appliance (the real one is in tests/e2e)."""
    import client.agent as agent_module

    monkeypatch.setattr(
        agent_module,
        "make_client",
        lambda base_url, **kw: httpx.Client(
            base_url=base_url,
            transport=fake.transport(),
            headers={"Authorization": f"Bearer {kw['token']}"},
        ),
    )
    return fake


def test_version(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exited:
        cli.main(["--version"])
    assert exited.value.code == 0
    assert capsys.readouterr().out.strip() == f"liveviewer {__version__}"


def test_status_when_not_enrolled(home: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert cli.main(["status"]) == 0
    out = capsys.readouterr().out
    assert f"Data: {home}" in out
    assert "not enrolled" in out
    assert "Queued: 0, rejected: 0, my requests: 0" in out


def test_status_json_never_shows_the_token(
    home: Path, enrolment: Enrolment, outbox: Outbox, capsys: pytest.CaptureFixture[str]
) -> None:
    done = queue(outbox, "first")
    outbox.complete(done.uuid, number=3, status="in_progress")
    queue(outbox, "second")
    assert cli.main(["status", "--json"]) == 0
    out = capsys.readouterr().out
    doc = json.loads(out)
    assert enrolment.token not in out
    assert doc["enrolled"] is True and doc["device_id"] == 7
    assert doc["queued"] == 1
    assert [(t["number"], t["status"]) for t in doc["tickets"]] == [
        (None, "queued"),
        (3, "in_progress"),
    ]
    assert cli.main(["status"]) == 0
    text = capsys.readouterr().out
    assert "No. 3" in text and "In progress" in text and enrolment.token not in text


def test_submit_without_enrolment_is_queued(home: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert cli.main(["submit", "--no-screenshot", "--text", "offline desk"]) == 0
    captured = capsys.readouterr()
    assert captured.out.strip().startswith("Queued: the request is saved")
    assert "not enrolled" in captured.err
    with Outbox(home / "outbox.db") as box:
        (item,) = box.pending()
        assert json.loads(item.payload)["description"] == "offline desk"


def test_submit_delivers_and_prints_the_number(
    home: Path, enrolment: Enrolment, wired: FakeAppliance, capsys: pytest.CaptureFixture[str]
) -> None:
    assert cli.main(["submit", "--no-screenshot", "--urgent", "--text", "printer"]) == 0
    assert capsys.readouterr().out.strip() == "1"
    (ticket,) = wired.tickets.values()
    assert ticket["submission"].urgent is True  # type: ignore[attr-defined]


def test_agent_once_exit_codes(
    home: Path,
    enrolment: Enrolment,
    wired: FakeAppliance,
    outbox: Outbox,
    capsys: pytest.CaptureFixture[str],
) -> None:
    queue(outbox, "one")
    queue(outbox, "two")
    wired.offline = True
    assert cli.main(["agent", "--once"]) == 3
    captured = capsys.readouterr()
    assert "still queued: 2" in captured.out and "cannot be reached" in captured.err

    wired.offline = False
    assert cli.main(["agent", "--once"]) == 0
    assert "Delivered: 2, rejected: 0, still queued: 0" in capsys.readouterr().out

    queue(outbox, "three")
    wired.token = "revoked"
    assert cli.main(["agent", "--once"]) == 1
    err = capsys.readouterr().err
    assert "does not recognise this computer" in err and enrolment.token not in err


def test_window_without_a_display_says_so(
    home: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.delenv("DISPLAY", raising=False)
    assert cli.main([]) == 1
    assert "No graphical display" in capsys.readouterr().err


def test_damaged_enrolment_is_one_line(home: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (home / "enrolment.json").write_text("garbage")
    assert cli.main(["agent", "--once"]) == 1
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "is damaged: enrol this computer again" in err


def test_russian_messages(
    home: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("LIVEVIEWER_LANG", "ru")
    assert cli.main(["agent", "--once"]) == 1
    assert "Компьютер не подключён" in capsys.readouterr().err


def test_submit_and_status_speak_the_locales_language_without_nested_quotes(
    home: Path,
    enrolment: Enrolment,
    outbox: Outbox,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Under a Russian locale ``submit`` said "queued" in English and ``status`` printed
    «…«Ромашка»»; the description was cut without a mark."""
    monkeypatch.setenv("LIVEVIEWER_LANG", "ru")
    monkeypatch.setattr(
        cli, "_enrolment", lambda _home: replace(enrolment, org_name="ООО «Ромашка»")
    )
    import client.agent as agent_module

    offline = httpx.MockTransport(lambda request: (_ for _ in ()).throw(httpx.ConnectError("x")))
    monkeypatch.setattr(
        agent_module,
        "make_client",
        lambda base_url, **kw: httpx.Client(base_url=base_url, transport=offline),
    )
    assert cli.main(["submit", "--no-screenshot", "--text", "x" * 100]) == 0
    out = capsys.readouterr().out
    assert out.strip() == "Заявка сохранена и будет отправлена, когда сервер станет доступен."
    assert cli.main(["status"]) == 0
    text = capsys.readouterr().out
    assert "ООО «Ромашка»)" in text and "««" not in text and "»»" not in text
    assert "Ожидает отправки" in text and "x" * 59 + "…" in text


def test_times_and_cut_texts_in_the_appliances_formats() -> None:
    from client.format import first_line, local_time

    assert first_line("Принтер\nне печатает", 40) == "Принтер…"
    assert first_line("a" * 10, 5) == "aaaa…"
    assert first_line("short", 40) == "short"
    shown = local_time("2026-11-30T07:05:00+00:00")
    assert len(shown) == 16 and shown[2] == "." and shown[5] == "." and shown[10] == " "
