from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from client.config import OUTBOX_FILE_NAME, Enrolment
from client.outbox import Outbox
from tests.client.fake_appliance import FakeAppliance
from tests.client.xvfb import shared_display


@pytest.fixture
def home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    path = tmp_path / "lv-home"
    path.mkdir(mode=0o700)
    monkeypatch.setenv("LIVEVIEWER_HOME", str(path))
    monkeypatch.setenv("LIVEVIEWER_LANG", "en")
    return path


@pytest.fixture
def outbox(home: Path) -> Iterator[Outbox]:
    with Outbox(home / OUTBOX_FILE_NAME) as box:
        yield box


@pytest.fixture
def fake() -> FakeAppliance:
    return FakeAppliance()


@pytest.fixture
def enrolment(home: Path, fake: FakeAppliance) -> Enrolment:
    enrolment = Enrolment(
        server_url="http://127.0.0.1:9",
        device_id=7,
        token=fake.token,
        server_fingerprint="ab" * 32,
        org_name="Roga i Kopyta",
    )
    enrolment.save(home)
    return enrolment


@pytest.fixture(scope="session")
def display() -> str:
    """DISPLAY of a private 1920×1080 Xvfb, shared by the tests of the process."""
    return shared_display(1920, 1080)


@pytest.fixture
def on_display(display: str, monkeypatch: pytest.MonkeyPatch) -> str:
    monkeypatch.setenv("DISPLAY", display)
    return display
