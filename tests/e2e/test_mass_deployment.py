"""Mass deployment against a real appliance over HTTPS: one ``liveviewer.toml`` (URL, a code for
many machines, the certificate's fingerprint) enrols each user silently on first start; a wrong
fingerprint enrols nobody; a running agent follows a new file without a restart."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from appliance.tls import create_certificate, fingerprint_of_pem
from client.config import load_enrolment
from tests.e2e.appliance_process import REPO, ApplianceProcess, run_liveviewer

pytestmark = pytest.mark.slow


@pytest.fixture
def tls_appliance(tmp_path: Path) -> Iterator[ApplianceProcess]:
    process = ApplianceProcess(tmp_path / "appliance")
    process.start(tls=True)
    try:
        yield process
    finally:
        process.stop()


def write_toml(path: Path, url: str, code: str, fingerprint: str) -> Path:
    # Written the way an admin would: colons and capitals, as other tools print fingerprints.
    shown = ":".join(fingerprint[i : i + 2] for i in range(0, 64, 2)).upper()
    path.write_text(
        f'[appliance]\nurl = "{url}"\nenrolment_code = "{code}"\nfingerprint = "{shown}"\n',
        encoding="utf-8",
    )
    return path


def liveviewer(home: Path, config: Path, *args: str) -> subprocess.CompletedProcess[str]:
    os.environ["LIVEVIEWER_CONFIG"] = str(config)
    try:
        return run_liveviewer(home, *args)
    finally:
        del os.environ["LIVEVIEWER_CONFIG"]


def fingerprint(appliance: ApplianceProcess) -> str:
    return fingerprint_of_pem(appliance.data_dir.cert_file.read_bytes())


def test_each_user_is_enrolled_silently_on_first_start(
    tls_appliance: ApplianceProcess, tmp_path: Path
) -> None:
    appliance = tls_appliance
    config = write_toml(
        tmp_path / "liveviewer.toml",
        appliance.base_url,
        appliance.enrolment_code(uses=50),
        fingerprint(appliance),
    )
    devices = []
    for user in ("ivanova", "petrov"):
        home = tmp_path / user
        sent = liveviewer(home, config, "submit", "--no-screenshot", "--text", f"from {user}")
        assert sent.returncode == 0, sent.stderr
        enrolment = load_enrolment(home)
        assert enrolment is not None and enrolment.server_fingerprint == fingerprint(appliance)
        (ticket,) = appliance.tickets(enrolment.device_id)
        assert ticket.description == f"from {user}" and ticket.number == int(sent.stdout)
        devices.append(enrolment.device_id)
    assert devices[0] != devices[1]  # one device per user and machine, one code for all
    # The second start does not enrol again.
    again = liveviewer(tmp_path / "ivanova", config, "status", "--json")
    assert again.returncode == 0 and f'"device_id": {devices[0]}' in again.stdout


def test_a_wrong_fingerprint_enrols_nobody_and_keeps_the_request(
    tls_appliance: ApplianceProcess, tmp_path: Path
) -> None:
    appliance = tls_appliance
    config = write_toml(
        tmp_path / "liveviewer.toml", appliance.base_url, appliance.enrolment_code(), "ab" * 32
    )
    home = tmp_path / "user"
    sent = liveviewer(home, config, "submit", "--no-screenshot", "--text", "printer jammed")
    assert "not the one liveviewer.toml names" in sent.stderr
    assert "Traceback" not in sent.stderr
    assert sent.stdout.startswith("Queued")  # saved, sent once someone fixes the file
    assert load_enrolment(home) is None
    assert appliance.ticket_count() == 0


def test_a_running_agent_follows_a_new_deployment_file(
    tls_appliance: ApplianceProcess, tmp_path: Path
) -> None:
    appliance = tls_appliance
    config = write_toml(
        tmp_path / "liveviewer.toml",
        appliance.base_url,
        appliance.enrolment_code(),
        fingerprint(appliance),
    )
    home = tmp_path / "user"
    env = {k: v for k, v in os.environ.items() if k not in ("PYTEST_CURRENT_TEST", "DISPLAY")}
    env.update(
        {"LIVEVIEWER_HOME": str(home), "LIVEVIEWER_LANG": "en", "LIVEVIEWER_CONFIG": str(config)}
    )
    log = (tmp_path / "agent.log").open("w")
    agent = subprocess.Popen(
        [sys.executable, "-m", "client.cli", "agent"], env=env, cwd=REPO, stdout=log, stderr=log
    )
    try:
        first = wait_for(lambda: load_enrolment(home))
        # The certificate is replaced: the old pin refuses the new appliance.
        appliance.stop()
        appliance.data_dir.cert_file.unlink()
        appliance.data_dir.cert_key_file.unlink()
        create_certificate(
            appliance.data_dir.cert_file, appliance.data_dir.cert_key_file, host="127.0.0.1"
        )
        appliance.start(tls=True)
        refused = liveviewer(home, config, "submit", "--no-screenshot", "--text", "after renewal")
        assert refused.returncode == 1 and "certificate changed" in refused.stderr
        assert appliance.ticket_count() == 0
        # The admin pushes the file with the new fingerprint; the agent keeps running.
        write_toml(config, appliance.base_url, appliance.enrolment_code(), fingerprint(appliance))
        second = wait_for(
            lambda: (e := load_enrolment(home)) and e.device_id != first.device_id and e
        )
        assert second.server_fingerprint == fingerprint(appliance)
        tickets = wait_for(lambda: appliance.tickets(second.device_id))
        assert [t.description for t in tickets] == ["after renewal"]
        assert agent.poll() is None  # the same process did it
    finally:
        agent.terminate()
        agent.wait(timeout=15)
        log.close()
    output = (tmp_path / "agent.log").read_text()
    assert "the enrolment changed" in output and "Traceback" not in output


def wait_for(probe, timeout: float = 60.0):  # type: ignore[no-untyped-def]
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        value = probe()
        if value:
            return value
        time.sleep(0.2)
    raise AssertionError(f"not within {timeout} s")
