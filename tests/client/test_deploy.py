"""Reading ``liveviewer.toml``: what an administrator may write, and a clear sentence for what
they must not."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from client.deploy import (
    CONFIG_FILE_NAME,
    DeployConfigError,
    candidate_paths,
    find_config,
    normalise_fingerprint,
)

FP = "5F:1C" + ":AB" * 30


def write(path: Path, text: str) -> dict[str, str]:
    path.write_text(text, encoding="utf-8")
    return {"LIVEVIEWER_CONFIG": str(path)}


def test_a_complete_file(tmp_path: Path) -> None:
    env = write(
        tmp_path / "lv.toml",
        '[appliance]\nurl = "https://hd.lan:8443"\nenrolment_code = " AB-CD "\n'
        f'fingerprint = "{FP}"\n',
    )
    config = find_config(env)
    assert config is not None
    assert (config.url, config.enrolment_code) == ("https://hd.lan:8443", "AB-CD")
    assert config.fingerprint == "5f1c" + "ab" * 30


@pytest.mark.parametrize(
    ("text", "problem"),
    [
        ("url = ", "Invalid"),
        ('[other]\nurl = "x"\n', "no [appliance] section"),
        ('[appliance]\nenrolment_code = "x"\n', "url is missing"),
        ('[appliance]\nurl = "https://a"\n', "enrolment_code is missing"),
        ('[appliance]\nurl = "https://a"\nenrolment_code = "x"\nfingerprint = "12"\n', "64 hex"),
    ],
)
def test_a_broken_file_is_one_sentence_naming_it(tmp_path: Path, text: str, problem: str) -> None:
    env = write(tmp_path / "lv.toml", text)
    with pytest.raises(DeployConfigError) as raised:
        find_config(env)
    message = raised.value.message("en")
    assert str(tmp_path / "lv.toml") in message and problem in message
    assert "ask your administrator" in raised.value.message("en").lower()
    assert "администратор" in raised.value.message("ru")


def test_no_file_means_no_silent_enrolment(tmp_path: Path) -> None:
    assert find_config({"LIVEVIEWER_CONFIG": str(tmp_path / "absent.toml")}) is None


def test_the_one_file_program_looks_beside_itself_first(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(sys, "frozen", True, raising=False)
    monkeypatch.setattr(sys, "executable", str(tmp_path / "LiveViewer"))
    paths = candidate_paths({})
    assert paths[0] == tmp_path / CONFIG_FILE_NAME
    assert paths[1].name == CONFIG_FILE_NAME and "LiveViewer" in str(paths[1].parent)


def test_fingerprints_in_either_spelling() -> None:
    assert normalise_fingerprint("AB" * 32) == "ab" * 32
    assert normalise_fingerprint(":".join(["ab"] * 32)) == "ab" * 32
    assert normalise_fingerprint("zz" * 32) is None
