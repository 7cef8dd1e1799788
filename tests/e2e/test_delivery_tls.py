"""End to end over HTTPS: enrolment pins the appliance's certificate; a changed certificate is
refused with one clear line, and nothing is sent or lost. Also the other one-line errors of
``liveviewer`` against a real appliance."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from appliance.tls import create_certificate, fingerprint_of_pem
from client.config import OUTBOX_FILE_NAME, load_enrolment
from client.outbox import Outbox
from tests.e2e.appliance_process import ApplianceProcess, run_liveviewer

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def tls_appliance(tmp_path_factory: pytest.TempPathFactory) -> Iterator[ApplianceProcess]:
    process = ApplianceProcess(tmp_path_factory.mktemp("tls-appliance"))
    process.start(tls=True)
    try:
        yield process
    finally:
        process.stop()


def one_line_error(stderr: str) -> str:
    lines = [line for line in stderr.splitlines() if line.strip()]
    assert len(lines) == 1, stderr
    assert "Traceback" not in stderr
    return lines[0]


def test_changed_certificate_is_refused_and_nothing_is_lost(
    tls_appliance: ApplianceProcess, lv_home: Path
) -> None:
    appliance = tls_appliance
    assert appliance.base_url.startswith("https://")
    enrolled = run_liveviewer(lv_home, "enroll", appliance.base_url, appliance.enrolment_code())
    assert enrolled.returncode == 0, enrolled.stderr
    enrolment = load_enrolment(lv_home)
    assert enrolment is not None
    assert enrolment.server_fingerprint == fingerprint_of_pem(
        appliance.data_dir.cert_file.read_bytes()
    )

    sent = run_liveviewer(lv_home, "submit", "--no-screenshot", "--text", "over TLS")
    assert sent.returncode == 0, sent.stderr
    number = int(sent.stdout.strip())
    assert [t.number for t in appliance.tickets(enrolment.device_id)] == [number]

    # Someone replaces the appliance's certificate (or stands in the middle with another one).
    appliance.stop()
    appliance.data_dir.cert_file.unlink()
    appliance.data_dir.cert_key_file.unlink()
    create_certificate(
        appliance.data_dir.cert_file, appliance.data_dir.cert_key_file, host="127.0.0.1"
    )
    appliance.start(tls=True)

    refused = run_liveviewer(lv_home, "submit", "--no-screenshot", "--text", "after the change")
    assert refused.returncode == 1
    assert refused.stdout.startswith("Queued: the request is saved")
    line = one_line_error(refused.stderr)
    assert "certificate changed" in line and "ask your administrator" in line

    agent = run_liveviewer(lv_home, "agent", "--once")
    assert agent.returncode == 1
    assert "certificate changed" in agent.stderr and "Traceback" not in agent.stderr
    with Outbox(lv_home / OUTBOX_FILE_NAME) as box:
        (item,) = box.pending()
        assert "after the change" in item.payload
    assert [t.number for t in appliance.tickets(enrolment.device_id)] == [number]
    assert enrolment.token not in refused.stderr + agent.stderr + enrolled.stdout


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        (("enroll", "http://10.0.0.5:8080", "CODE"), "Bad server address"),
        (("enroll", "https://127.0.0.1:1", "CODE"), "cannot be reached"),
        (("enroll", "{url}", "NOT-A-CODE"), "enrolment code was not accepted"),
        (("agent", "--once"), "not enrolled"),
        (("submit", "--text", "   "), "write a few words"),
    ],
)
def test_errors_are_one_clear_line(
    tls_appliance: ApplianceProcess, lv_home: Path, args: tuple[str, ...], expected: str
) -> None:
    result = run_liveviewer(lv_home, *(a.format(url=tls_appliance.base_url) for a in args))
    assert result.returncode == 1
    assert expected in one_line_error(result.stderr)
    assert load_enrolment(lv_home) is None
