"""``tiketnitsa demo`` and ``tiketnitsa demo-run`` (what ``make run`` calls)."""

from __future__ import annotations

import importlib
import os
import re
import stat
import subprocess
import sys
import time
from pathlib import Path

import httpx
import pytest

from appliance.auth.passwords import verify_password
from appliance.commands.demo import CREDENTIALS_FILE, admin_line
from appliance.commands.init import ADMIN_PASSWORD_ENV
from appliance.commands.users import USER_PASSWORD_ENV
from appliance.config import DataDir, Settings
from appliance.context import AppContext, open_context
from appliance.i18n import t
from appliance.services.installation import init_data_dir
from appliance.store import users
from tests.commands.helpers import cli
from tests.conftest import free_port

NOW = "2026-11-26T21:00:00+00:00"


def _ticket_count(data_dir: DataDir) -> int:
    ctx = open_context(data_dir)
    try:
        return ctx.store.read_sync(
            lambda c: c.execute("SELECT count(*) FROM tickets").fetchone()[0]
        )
    finally:
        ctx.close()


# -- demo ------------------------------------------------------------------------------------------


def test_demo_fills_the_store_and_prints_the_demo_logins(
    capsys: pytest.CaptureFixture[str], ctx: AppContext
) -> None:
    outcome = cli(capsys, "demo", "--tickets", "150", "--seed", "2", "--now", NOW)

    assert outcome.code == 0, outcome.err
    lines = outcome.out.splitlines()
    assert lines[0].startswith("Демо-данные готовы за ")
    assert "заявок 150 (seed 2)" in lines[0]
    assert lines[1] == t("demo.staff_header", "ru")
    # Each printed login and password signs in.
    for line in lines[2:]:
        login, password, _role = (part.strip() for part in line.split("/"))
        found = ctx.store.read_sync(lambda conn, login=login: users.password_hash_of(conn, login))
        assert found is not None and verify_password(found[1], password), login
    assert len(lines) == 2 + 5
    assert "Заявки: 150 из 150" in outcome.err


def test_demo_refuses_a_store_that_holds_data(
    capsys: pytest.CaptureFixture[str], ctx: AppContext, data_dir: DataDir
) -> None:
    assert cli(capsys, "demo", "--tickets", "20", "--now", NOW).code == 0

    outcome = cli(capsys, "demo", "--tickets", "20", "--now", NOW)

    assert outcome.code == 1
    assert outcome.err == f"tiketnitsa: {t('demo.not_empty', 'ru', table='organizations')}\n"
    assert _ticket_count(data_dir) == 20


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["--now", "yesterday"], t("demo.bad_now", "ru")),
        (["--now", "2026-11-26T21:00"], t("demo.bad_now", "ru")),
        (["--tickets", "-5"], t("demo.bad_count", "ru", limit=1_000_000)),
    ],
    ids=["not-a-date", "no-zone", "negative"],
)
def test_demo_refuses_bad_options_before_writing(
    capsys: pytest.CaptureFixture[str], data_dir: DataDir, argv: list[str], message: str
) -> None:
    outcome = cli(capsys, "demo", *argv)
    assert (outcome.code, outcome.err) == (1, f"tiketnitsa: {message}\n")
    assert _ticket_count(data_dir) == 0


def _listing(capsys: pytest.CaptureFixture[str], root: Path, name: str, seed: int) -> str:
    directory = DataDir(root / name)
    init_data_dir(directory, settings=Settings(), admin_password="admin-password-1")
    path = str(directory.path)
    assert (
        cli(
            capsys,
            "demo",
            "--data-dir",
            path,
            "--tickets",
            "300",
            "--seed",
            str(seed),
            "--now",
            NOW,
        ).code
        == 0
    )
    outcome = cli(capsys, "tickets", "list", "--json", "--data-dir", path)
    assert outcome.code == 0
    return outcome.out


def test_the_same_seed_gives_the_same_tickets(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    first = _listing(capsys, tmp_path, "a", seed=11)
    again = _listing(capsys, tmp_path, "b", seed=11)
    other = _listing(capsys, tmp_path, "c", seed=12)

    assert first == again
    assert first != other
    assert first.count('"number"') == other.count('"number"') == 300


# -- demo-run --------------------------------------------------------------------------------------


def _demo_run(tmp_path: Path, data: Path, *, env: dict[str, str] | None = None) -> str:
    """Run ``demo-run`` until it serves, stop it, and return what it printed."""
    port = free_port()
    log_file = tmp_path / f"demo-run-{port}.log"
    # NiceGUI takes PYTEST_CURRENT_TEST for "running under pytest" and would not serve.
    base = {k: v for k, v in os.environ.items() if not k.startswith(("PYTEST_", "NICEGUI_"))}
    base.pop(ADMIN_PASSWORD_ENV, None)
    command = [
        sys.executable,
        "-m",
        "appliance.cli",
        "demo-run",
        "--data-dir",
        str(data),
        "--port",
        str(port),
        "--tickets",
        "150",
        "--now",
        NOW,
    ]
    with log_file.open("wb") as log:
        process = subprocess.Popen(
            command, stdout=log, stderr=subprocess.STDOUT, cwd=tmp_path, env={**base, **(env or {})}
        )
    try:
        deadline = time.monotonic() + 180
        while time.monotonic() < deadline:
            assert process.poll() is None, log_file.read_text()
            try:
                if (
                    httpx.get(f"http://127.0.0.1:{port}/api/v1/health", timeout=1).status_code
                    == 200
                ):
                    break
            except httpx.TransportError:
                time.sleep(0.2)
        else:
            pytest.fail(f"demo-run did not serve:\n{log_file.read_text()}")
    finally:
        process.terminate()
        try:
            process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
    output = log_file.read_text(encoding="utf-8")
    assert f"Откройте http://127.0.0.1:{port}/" in output
    return output


ADMIN_LINE = re.compile(r"^Администратор: логин admin, пароль (\S+)$", re.MULTILINE)


@pytest.mark.slow
def test_demo_run_creates_once_then_prints_the_same_password(tmp_path: Path) -> None:
    data = tmp_path / "var" / "demo"

    first = _demo_run(tmp_path, data)
    second = _demo_run(tmp_path, data)

    password = ADMIN_LINE.findall(first)
    assert len(password) == 1
    assert ADMIN_LINE.findall(second) == password
    assert "Создаю демо-установку" in first
    assert "Создаю демо-установку" not in second
    credentials = data / CREDENTIALS_FILE
    assert stat.S_IMODE(credentials.stat().st_mode) == 0o600
    directory = DataDir(data)
    assert _ticket_count(directory) == 150
    ctx = open_context(directory)
    try:
        found = ctx.store.read_sync(lambda conn: users.password_hash_of(conn, "admin"))
    finally:
        ctx.close()
    assert found is not None and verify_password(found[1], password[0])
    # Nothing left beside the data directory from building it.
    assert sorted(p.name for p in data.parent.iterdir()) == ["demo"]


def test_demo_run_does_not_print_a_password_changed_since(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    data = DataDir(tmp_path / "demo")
    monkeypatch.setattr(importlib.import_module("appliance.web"), "serve", lambda *a, **k: None)
    first = cli(capsys, "demo-run", "--data-dir", str(data.path), "--tickets", "10", "--now", NOW)
    assert ADMIN_LINE.search(first.out)

    monkeypatch.setenv(USER_PASSWORD_ENV, "changed-password-7")
    assert cli(capsys, "user", "passwd", "admin", "--data-dir", str(data.path)).code == 0

    assert admin_line(data, "ru") == t("demo.run.admin_changed", "ru", login="admin")


def test_demo_run_keeps_a_chosen_admin_password_out_of_the_file(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    served = []
    monkeypatch.setattr(
        importlib.import_module("appliance.web"), "serve", lambda *a, **k: served.append(k)
    )
    monkeypatch.setenv(ADMIN_PASSWORD_ENV, "chosen-password-9")
    data = tmp_path / "demo"

    outcome = cli(capsys, "demo-run", "--data-dir", str(data), "--tickets", "10", "--port", "8123")

    assert outcome.code == 0, outcome.err
    assert "Администратор: логин admin, пароль из $TIKETNITSA_ADMIN_PASSWORD" in outcome.out
    assert "Откройте http://127.0.0.1:8123/" in outcome.out
    assert "chosen-password-9" not in (data / CREDENTIALS_FILE).read_text()
    assert "chosen-password-9" not in outcome.out
    assert served == [{"host": "127.0.0.1", "port": 8123}]


def test_demo_run_refuses_a_directory_that_is_not_a_store(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    foreign = tmp_path / "photos"
    foreign.mkdir()
    (foreign / "cat.jpg").write_bytes(b"meow")

    outcome = cli(capsys, "demo-run", "--data-dir", str(foreign))

    assert outcome.code == 1
    assert outcome.err == f"tiketnitsa: {t('demo.run.not_ours', 'ru', path=foreign)}\n"
    assert [p.name for p in foreign.iterdir()] == ["cat.jpg"]


def test_an_interrupted_first_run_leaves_nothing_behind(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def disk_full(*args: object, **kwargs: object) -> None:
        raise OSError(28, "No space left on device")

    # Fault injection: the demo fails half-way, after init has made key, store and certificate.
    monkeypatch.setattr(
        importlib.import_module("appliance.commands.demo"), "generate_demo", disk_full
    )
    target = tmp_path / "demo"

    with pytest.raises(OSError, match="No space left"):
        cli(capsys, "demo-run", "--data-dir", str(target), "--tickets", "10")

    assert list(tmp_path.iterdir()) == []
