"""Plain errors from the command line: an existing store is never re-initialised, and a wrong or
damaged key is one sentence and exit code 1, never a traceback."""

from __future__ import annotations

import json
import os

import pytest

from appliance.cli import EXIT_CODES
from appliance.config import DataDir
from appliance.store.keys import key_path
from tests.commands.helpers import cli, cli_process


def _store_files(data_dir: DataDir) -> dict[str, bytes]:
    return {
        path.name: path.read_bytes()
        for path in sorted(data_dir.path.iterdir())
        if path.is_file() and not path.name.startswith("tiketnitsa.db")
    }


@pytest.mark.parametrize("install_lang", ["en"])
def test_init_refuses_a_directory_that_holds_a_store(
    capsys: pytest.CaptureFixture[str], data_dir: DataDir
) -> None:
    before = _store_files(data_dir)
    db_before = (data_dir.path / "tiketnitsa.db").stat().st_size

    outcome = cli(capsys, "init", "--data-dir", str(data_dir.path))

    assert outcome.code == EXIT_CODES["unavailable"]
    assert "already holds a Tiketnitsa store" in outcome.err
    assert _store_files(data_dir) == before  # key, config, secret untouched
    assert (data_dir.path / "tiketnitsa.db").stat().st_size == db_before


def _replace_key(data_dir: DataDir, key_hex: str) -> None:
    path = key_path(data_dir.path)
    doc = json.loads(path.read_text())
    doc["key"] = key_hex
    path.write_text(json.dumps(doc))


@pytest.mark.parametrize(
    ("install_lang", "message"),
    [
        ("en", "tiketnitsa: wrong key, or not a Tiketnitsa store\n"),
        ("ru", "tiketnitsa: неверный ключ, или это не хранилище Тикетницы\n"),
    ],
)
@pytest.mark.parametrize("command", [["tickets", "list"], ["user", "list"], ["demo"]])
def test_a_wrong_key_is_a_plain_error_without_traceback(
    data_dir: DataDir, command: list[str], message: str
) -> None:
    _replace_key(data_dir, os.urandom(32).hex())  # well-formed, but not this store's key

    outcome = cli_process(*command, "--data-dir", str(data_dir.path))

    assert outcome.code == EXIT_CODES["unavailable"]
    assert outcome.err == message  # in the installation's language
    assert outcome.out == ""


@pytest.mark.parametrize(
    ("damage", "message"),
    [
        (lambda path: path.write_text("{not json"), "is unreadable or damaged"),
        (lambda path: path.unlink(), "not found: is this a Tiketnitsa data directory?"),
        (
            lambda path: path.write_text(
                '{"version": 1, "mode": "raw", "cipher": "aegis", "key": "zz"}'
            ),
            "is damaged",
        ),
    ],
    ids=["garbage", "missing", "bad-hex"],
)
@pytest.mark.parametrize("install_lang", ["en"])
def test_a_damaged_key_file_is_a_plain_error(data_dir: DataDir, damage, message: str) -> None:  # type: ignore[no-untyped-def]
    damage(key_path(data_dir.path))

    outcome = cli_process("tickets", "list", "--data-dir", str(data_dir.path))

    assert outcome.code == EXIT_CODES["unavailable"]
    assert outcome.err.startswith("tiketnitsa: key file ")
    assert message in outcome.err
    assert "Traceback" not in outcome.err


def test_the_data_dir_comes_from_the_environment(
    capsys: pytest.CaptureFixture[str], data_dir: DataDir
) -> None:
    # data_dir sets $TIKETNITSA_DATA; no --data-dir on the command line.
    outcome = cli(capsys, "user", "list")
    assert outcome.code == 0
    assert outcome.out.splitlines()[1].startswith("admin ")
