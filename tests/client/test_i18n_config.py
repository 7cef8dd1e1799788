from __future__ import annotations

import re
from pathlib import Path

import pytest

import client
from client.config import (
    Enrolment,
    EnrolmentFileError,
    home_dir,
    load_enrolment,
    normalise_server_url,
)
from client.i18n import LANGUAGES, STRINGS, detect_language, t

CLIENT_DIR = Path(client.__file__).parent


def test_every_key_has_every_language() -> None:
    for key, texts in STRINGS.items():
        assert set(texts) == set(LANGUAGES), key
        assert all(text.strip() for text in texts.values()), key


def test_every_key_used_in_the_code_exists() -> None:
    used = set()
    for path in CLIENT_DIR.glob("*.py"):
        used |= set(re.findall(r"""\bt\(\s*["']([a-z_]+\.[a-z_.]+)["']""", path.read_text()))
        used |= set(re.findall(r"""key = ["']([a-z_]+\.[a-z_.]+)["']""", path.read_text()))
    assert used, "the scan found nothing: the pattern is wrong"
    assert used - set(STRINGS) == set()


@pytest.mark.parametrize(
    ("environ", "expected"),
    [
        ({"LIVEVIEWER_LANG": "ru"}, "ru"),
        ({"LIVEVIEWER_LANG": "en", "LANG": "ru_RU.UTF-8"}, "en"),
        ({"LANG": "ru_RU.UTF-8"}, "ru"),
        ({"LC_ALL": "C", "LANG": "ru_RU.UTF-8"}, "en"),
        ({"LC_MESSAGES": "ru_RU", "LANG": "en_US.UTF-8"}, "ru"),
        ({"LIVEVIEWER_LANG": "de", "LANG": "ru_RU.UTF-8"}, "ru"),
        ({"LANG": "Russian_Russia.1251"}, "ru"),
        ({}, "en"),
    ],
)
def test_language_detection(environ: dict[str, str], expected: str) -> None:
    assert detect_language(environ) == expected


def test_t_formats_and_refuses_unknown_keys() -> None:
    assert t("window.accepted", "ru", number=17) == "Заявка № 17 принята."
    assert t("window.accepted", "en", number=17) == "Request No. 17 accepted."
    with pytest.raises(KeyError):
        t("window.nope", "en")


def test_home_dir_is_private_and_overridable(tmp_path: Path) -> None:
    target = tmp_path / "a" / "b"
    path = home_dir({"LIVEVIEWER_HOME": str(target)})
    assert path == target and oct(path.stat().st_mode & 0o777) == "0o700"


def test_damaged_enrolment_file_is_reported(tmp_path: Path) -> None:
    (tmp_path / "enrolment.json").write_text("{not json")
    with pytest.raises(EnrolmentFileError):
        load_enrolment(tmp_path)
    (tmp_path / "enrolment.json").write_text('{"server_url": "https://x"}')
    with pytest.raises(EnrolmentFileError):
        load_enrolment(tmp_path)


def test_enrolment_round_trip_hides_the_token(tmp_path: Path) -> None:
    enrolment = Enrolment("https://box:8443", 4, "sekret", "cd" * 32, "Org")
    enrolment.save(tmp_path)
    assert load_enrolment(tmp_path) == enrolment
    assert "sekret" not in repr(enrolment)
    assert list(tmp_path.iterdir()) == [tmp_path / "enrolment.json"]  # no temp file left


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ("https://helpdesk.local:8443", "https://helpdesk.local:8443"),
        ("https://helpdesk.local/", "https://helpdesk.local"),
        ("  https://10.0.0.5:8080  ", "https://10.0.0.5:8080"),
        ("http://127.0.0.1:8080", "http://127.0.0.1:8080"),
        ("http://localhost:8080/", "http://localhost:8080"),
        ("http://[::1]:8080", "http://[::1]:8080"),
        ("http://10.0.0.5:8080", None),  # plain http off loopback: never
        ("ftp://box", None),
        ("helpdesk.local:8443", None),
        ("https://", None),
        ("https://box:99999", None),
        ("https://box/api", None),
        ("https://user:pw@box", None),
        ("https://box?x=1", None),
    ],
)
def test_server_url_rules(url: str, expected: str | None) -> None:
    assert normalise_server_url(url) == expected
