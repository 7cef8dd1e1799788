"""``tiketnitsa doctor`` on a real installation (init, real encrypted store, real certificate):
it names what is wrong, says how to fix it, and exits non-zero until it is fixed."""

from __future__ import annotations

import asyncio
import json
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from appliance.config import DataDir
from appliance.context import open_context
from appliance.services import doctor
from appliance.services.actor import Actor
from appliance.services.ingest import submit_ticket
from appliance.store.devices import DeviceAuth, create_code, enroll, token_owner
from appliance.store.health import ClientSubmission
from appliance.store.organizations import create_organization
from appliance.tls import fingerprint_of_pem
from sync.hashing import content_hash
from sync.wire import TicketSubmission
from tests.api.support import submission
from tests.commands.helpers import cli, cli_process

NOW = datetime.now(UTC)  # when the module was imported: fine for spans of hours or days


@pytest.fixture
def data(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> Path:
    path = tmp_path / "data"
    assert cli(capsys, "init", "--data-dir", str(path), "--lang", "en").code == 0
    return path


def no_systemd(name: str) -> None:
    return None


def by_check(findings: list[doctor.Finding]) -> dict[str, doctor.Finding]:
    return {finding.check: finding for finding in findings}


def make_backup(data: Path, capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    secret = tmp_path / "pass.txt"
    secret.write_text("correct horse battery staple 42\n")
    outcome = cli(
        capsys,
        "backup",
        "create",
        "--data-dir",
        str(data),
        "--out",
        str(tmp_path / "b.tkbak"),
        "--passphrase-file",
        str(secret),
    )
    assert outcome.code == 0, outcome.err


def test_a_fresh_install_reports_every_check_and_asks_for_a_backup(
    data: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    outcome = cli(capsys, "doctor", "--data-dir", str(data))
    fingerprint = fingerprint_of_pem((data / "tls" / "cert.pem").read_bytes())
    assert outcome.code == 1  # no backup yet: something to fix
    out = outcome.out
    assert "[ok] Data directory" in out and "[ok] Key file" in out and "mode 0600" in out
    assert "[ok] Free disk" in out
    assert "[ok] Certificate: valid until" in out and fingerprint in out
    assert "[!!] Backup: no successful backup yet" in out
    assert "To fix: turn on the schedule in Settings → Backups" in out
    assert "[ok] Client clocks" in out
    assert "Service:" in out  # no systemd in the test box: "unknown", not an error
    assert "Some things need fixing" in out


def test_after_a_backup_everything_is_fine_and_the_exit_code_is_zero(
    data: Path, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    make_backup(data, capsys, tmp_path)
    findings = doctor.diagnose(DataDir(data), actor=Actor.cli(), service_state=no_systemd)
    found = by_check(findings)
    assert found["backup"].status == doctor.OK and found["backup"].values["hours"] == 0
    assert found["service"].status == doctor.UNKNOWN
    assert not doctor.has_problems(findings)
    # A day and a half later the same backup is too old.
    later = doctor.diagnose(
        DataDir(data), actor=Actor.cli(), now=NOW + timedelta(hours=40), service_state=no_systemd
    )
    assert by_check(later)["backup"].key == "doctor.backup_old"
    assert doctor.has_problems(later)


def test_a_key_file_readable_by_others_fails_with_the_chmod_to_run(
    data: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (data / "store.key").chmod(0o644)
    outcome = cli_process("doctor", "--data-dir", str(data))
    assert outcome.code == 1
    assert f"[XX] Key file: {data / 'store.key'} has mode 0644" in outcome.out
    assert f"To fix: sudo chmod 600 {data / 'store.key'}" in outcome.out
    assert outcome.err == ""  # a report, not a traceback


def test_a_data_directory_open_to_others_is_named(data: Path) -> None:
    (data / "tls").chmod(0o755)
    found = by_check(doctor.diagnose(DataDir(data), actor=Actor.cli(), service_state=no_systemd))
    assert found["data_dir"].status == doctor.FAIL
    assert found["data_dir"].values["files"] == "tls"
    assert found["data_dir"].fix_key == "doctor.fix_chmod_dir"


def test_an_expired_or_expiring_certificate_is_reported_with_its_fingerprint(data: Path) -> None:
    # Now, not the module's NOW: the certificate was made minutes ago (valid from five minutes
    # before), and under make test's workers this module may have been imported long before.
    now = datetime.now(UTC)
    fingerprint = fingerprint_of_pem((data / "tls" / "cert.pem").read_bytes())
    for years, key, status in [
        (20, "doctor.cert_expired", doctor.FAIL),
        (0, "doctor.cert_ok", doctor.OK),
    ]:
        found = by_check(
            doctor.diagnose(
                DataDir(data),
                actor=Actor.cli(),
                now=now + timedelta(days=365 * years),
                service_state=no_systemd,
            )
        )
        assert (found["certificate"].key, found["certificate"].status) == (key, status)
        assert found["certificate"].values["fingerprint"] == fingerprint
    until = datetime.strptime(str(found["certificate"].values["until"]), "%Y-%m-%d")
    soon = until.replace(tzinfo=UTC) - timedelta(days=10)
    expiring = by_check(
        doctor.diagnose(DataDir(data), actor=Actor.cli(), now=soon, service_state=no_systemd)
    )
    assert expiring["certificate"].status == doctor.WARN


def test_a_store_that_cannot_be_opened_is_one_clear_failure(data: Path) -> None:
    (data / "store.key").write_text(json.dumps({"version": 1, "mode": "raw", "key": "00"}))
    findings = doctor.diagnose(DataDir(data), actor=Actor.cli(), service_state=no_systemd)
    store = by_check(findings)["store"]
    assert store.status == doctor.FAIL and store.error is not None
    assert "backup" not in by_check(findings)  # not guessed when the store is closed


def _device(data: Path) -> tuple[DeviceAuth, object]:
    ctx = open_context(DataDir(data))

    def write(conn) -> str:  # type: ignore[no-untyped-def]
        org_id = create_organization(conn, name="Рога и копыта")
        code = create_code(conn, org_id=org_id, max_uses=1, days=1, now=NOW)
        return enroll(conn, code=code.code, hostname="ACC-01", os_user="ivanova", now=NOW).token

    token = ctx.store.write_sync(write)
    device = ctx.store.read_sync(lambda conn: token_owner(conn, token))
    assert device is not None
    return device, ctx


@pytest.mark.parametrize(
    ("ahead", "problem"), [(timedelta(minutes=42), True), (timedelta(0), False)]
)
def test_a_client_whose_clock_is_off_is_named(data: Path, ahead: timedelta, problem: bool) -> None:
    device, ctx = _device(data)
    try:
        wire = TicketSubmission.model_validate(submission(submitted_at=(NOW + ahead).isoformat()))
        asyncio.run(
            submit_ticket(
                ctx.store,  # type: ignore[attr-defined]
                device,
                submission=wire,
                content_hash=content_hash(wire),
                received_at=NOW,
            )
        )
    finally:
        ctx.close()  # type: ignore[attr-defined]
    clock = by_check(doctor.diagnose(DataDir(data), actor=Actor.cli(), service_state=no_systemd))[
        "clock"
    ]
    if problem:
        assert clock.status == doctor.WARN
        assert clock.values["machines"] == "ACC-01 (+42 min)"
    else:
        assert (clock.status, clock.values["count"]) == (doctor.OK, 1)


def test_a_request_delivered_late_is_not_mistaken_for_a_slow_clock() -> None:
    sent = NOW - timedelta(hours=30)  # queued offline for 30 hours, then delivered
    rows = [
        ClientSubmission(1, "LAPTOP", sent.isoformat(), NOW.isoformat()),
        ClientSubmission(1, "LAPTOP", NOW.isoformat(), NOW.isoformat()),
    ]
    assert doctor.clock_finding(rows).status == doctor.OK
    assert doctor.clock_finding(rows[:1]).status == doctor.WARN  # only the late one: can't tell


def test_the_service_state() -> None:
    assert doctor.service_finding(None).status == doctor.UNKNOWN
    assert doctor.service_finding(("not-found", "inactive")).status == doctor.UNKNOWN
    assert doctor.service_finding(("loaded", "active")).status == doctor.OK
    down = doctor.service_finding(("loaded", "failed"))
    assert down.status == doctor.FAIL and down.fix_key == "doctor.fix_service"


def test_doctor_speaks_russian_for_a_russian_installation(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "ru"
    assert cli(capsys, "init", "--data-dir", str(path), "--lang", "ru").code == 0
    outcome = cli(capsys, "doctor", "--data-dir", str(path))
    assert outcome.code == 1
    assert "[ok] Файл ключа" in outcome.out
    assert "ни одной удачной резервной копии" in outcome.out
    assert "Есть что исправить" in outcome.out


def test_doctor_on_a_directory_that_is_not_an_installation(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    outcome = cli(capsys, "doctor", "--data-dir", str(tmp_path))
    assert outcome.code == 1
    assert "is not initialised" in outcome.out
