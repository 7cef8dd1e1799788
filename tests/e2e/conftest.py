"""Fixtures of the delivery end-to-end tests: a real appliance process, a LiveViewer home per
device, and a private Xvfb screen (so ``liveviewer submit`` captures a real screen)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.client.xvfb import shared_display
from tests.e2e.appliance_process import ApplianceProcess
from tests.server_log import assert_no_exceptions


@pytest.fixture(scope="module")
def appliance(tmp_path_factory: pytest.TempPathFactory) -> Iterator[ApplianceProcess]:
    """One appliance per test module (starting one takes seconds); each test enrols its own
    device, so per-device checks stay independent. Running when a test starts."""
    process = ApplianceProcess(tmp_path_factory.mktemp("appliance"))
    process.start()
    try:
        yield process
    finally:
        process.stop()


@pytest.fixture
def running(
    appliance: ApplianceProcess, request: pytest.FixtureRequest
) -> Iterator[ApplianceProcess]:
    """The module's appliance, (re)started if a previous test left it stopped; its log is
    printed if the test fails."""
    if appliance.process is None:
        appliance.start()
    start = len(appliance.output())
    yield appliance
    if appliance.process is None:
        appliance.start()
    report = getattr(request.node, "rep_call", None)
    if report is not None and report.failed:
        print(f"--- tiketnitsa serve output ---\n{appliance.output()[-5000:]}")
    elif report is not None:
        # What the appliance logged during this test: an exception there fails the test.
        assert_no_exceptions(appliance.output()[start:], "the appliance")


@pytest.fixture
def lv_home(tmp_path: Path) -> Path:
    home = tmp_path / "liveviewer"
    home.mkdir(mode=0o700)
    return home


@pytest.fixture(scope="session")
def screen() -> str:
    # Smaller than the benchmark's 1920×1080 to keep fifty captures quick under load.
    return shared_display(1280, 720)
