"""``tiketnitsa doctor``: what is wrong with this installation, and what to do about it.

Each check gives a ``Finding``: ``ok``, ``warn`` (works, but act soon), ``fail`` (broken or
unsafe now) or ``unknown`` (cannot tell here, e.g. no systemd). The command prints them in the
installation's language and exits non-zero when any is ``warn`` or ``fail``.

Permissions are checked before the store is opened: opening it tightens the modes of the data
directory (``DataDir.make_private``), which would hide what was wrong.
"""

from __future__ import annotations

import os
import shutil
import stat
import subprocess
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from pathlib import Path

import apsw
from cryptography import x509

from appliance.config import DataDir
from appliance.context import open_context
from appliance.domain.clock import from_db, to_db, utc_now
from appliance.domain.errors import AppError
from appliance.domain.permissions import Permission
from appliance.services.actor import Actor, acting_user
from appliance.store import health
from appliance.store.keys import key_path
from appliance.tls import fingerprint_of_pem

OK = "ok"
WARN = "warn"
FAIL = "fail"
UNKNOWN = "unknown"
PROBLEMS = (WARN, FAIL)

SERVICE_NAME = "tiketnitsa"
# Free space: below the first the store will soon refuse writes; below the second, plan now.
DISK_FAIL_BYTES = 512 * 1024**2
DISK_WARN_BYTES = 2 * 1024**3
CERT_WARN_DAYS = 30
# A nightly backup older than this means the schedule stopped working.
BACKUP_MAX_AGE = timedelta(hours=36)
# Clients whose clock is off by more than this get misleading times on their requests.
CLOCK_SKEW_LIMIT = timedelta(minutes=5)
CLOCK_WINDOW = timedelta(days=30)
# Per device, the largest (client time - appliance time) of its recent submissions: a request
# queued offline arrives late, which only makes the difference smaller, so the largest is the
# one closest to the clock's real offset.
SKEW_SAMPLES = 10


@dataclass(frozen=True)
class Finding:
    check: str
    status: str
    key: str
    values: dict[str, object] = field(default_factory=dict)
    fix_key: str = ""
    fix_values: dict[str, object] = field(default_factory=dict)
    # Why the store could not be opened: the error the other commands would have shown.
    error: AppError | None = None


def _mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def check_data_dir(data_dir: DataDir) -> Finding:
    path = data_dir.path
    if not path.is_dir():
        return Finding("data_dir", FAIL, "doctor.data_dir_missing", {"path": path})
    entries = [path] + [
        Path(folder) / name for folder, dirs, files in os.walk(path) for name in [*dirs, *files]
    ]
    open_to_others = [p for p in entries if not p.is_symlink() and _mode(p) & 0o077]
    if open_to_others:
        shown = ", ".join(str(p.relative_to(path)) for p in open_to_others[:5])
        return Finding(
            "data_dir",
            FAIL,
            "doctor.data_dir_open",
            {"path": path, "count": len(open_to_others), "files": shown},
            "doctor.fix_chmod_dir",
            {"path": path},
        )
    return Finding("data_dir", OK, "doctor.data_dir_ok", {"path": path})


def check_key_file(data_dir: DataDir) -> Finding:
    key = key_path(data_dir.path)
    if not key.is_file():
        return Finding("key_file", FAIL, "doctor.key_missing", {"path": key})
    mode = _mode(key)
    if mode & 0o077:
        return Finding(
            "key_file",
            FAIL,
            "doctor.key_open",
            {"path": key, "mode": f"{mode:04o}"},
            "doctor.fix_chmod_file",
            {"path": key},
        )
    owner, dir_owner = key.stat().st_uid, data_dir.path.stat().st_uid
    if owner != dir_owner:
        return Finding(
            "key_file",
            FAIL,
            "doctor.key_owner",
            {"path": key, "owner": owner, "dir_owner": dir_owner},
            "doctor.fix_chown",
            {"path": key, "dir": data_dir.path},
        )
    return Finding("key_file", OK, "doctor.key_ok", {"path": key, "mode": f"{mode:04o}"})


def check_disk(data_dir: DataDir) -> Finding:
    usage = shutil.disk_usage(data_dir.path)
    values: dict[str, object] = {
        "free": f"{usage.free / 1024**3:.1f}",
        "total": f"{usage.total / 1024**3:.1f}",
        "path": data_dir.path,
    }
    if usage.free < DISK_FAIL_BYTES:
        return Finding("disk", FAIL, "doctor.disk_low", values, "doctor.fix_disk")
    if usage.free < DISK_WARN_BYTES:
        return Finding("disk", WARN, "doctor.disk_low", values, "doctor.fix_disk")
    return Finding("disk", OK, "doctor.disk_ok", values)


def check_certificate(data_dir: DataDir, now: datetime) -> Finding:
    path = data_dir.cert_file
    try:
        pem = path.read_bytes()
        cert = x509.load_pem_x509_certificate(pem)
    except FileNotFoundError:
        return Finding("certificate", FAIL, "doctor.cert_missing", {"path": path})
    except (OSError, ValueError):
        return Finding("certificate", FAIL, "doctor.cert_unreadable", {"path": path})
    fingerprint = fingerprint_of_pem(pem)
    until = cert.not_valid_after_utc
    values: dict[str, object] = {
        "fingerprint": fingerprint,
        "until": f"{until:%Y-%m-%d}",
        "days": (until - now).days,
    }
    if now < cert.not_valid_before_utc:
        values["since"] = f"{cert.not_valid_before_utc:%Y-%m-%d %H:%M}"
        return Finding("certificate", FAIL, "doctor.cert_not_yet", values, "doctor.fix_clock")
    if now >= until:
        return Finding("certificate", FAIL, "doctor.cert_expired", values, "doctor.fix_cert")
    if until - now < timedelta(days=CERT_WARN_DAYS):
        return Finding("certificate", WARN, "doctor.cert_expiring", values, "doctor.fix_cert")
    return Finding("certificate", OK, "doctor.cert_ok", values)


def _hours(delta: timedelta) -> int:
    return int(delta.total_seconds() // 3600)


def backup_finding(last: health.LastBackup | None, now: datetime) -> Finding:
    if last is None:
        return Finding("backup", WARN, "doctor.backup_never", {}, "doctor.fix_backup")
    age = now - from_db(last.started_at)
    values: dict[str, object] = {
        "hours": _hours(age),
        "when": f"{from_db(last.started_at):%Y-%m-%d %H:%M}",
        "file": last.file_name,
    }
    if age > BACKUP_MAX_AGE:
        return Finding("backup", WARN, "doctor.backup_old", values, "doctor.fix_backup")
    return Finding("backup", OK, "doctor.backup_ok", values)


def clock_finding(submissions: list[health.ClientSubmission]) -> Finding:
    samples: dict[int, list[timedelta]] = {}
    names: dict[int, str] = {}
    for row in submissions:  # newest first
        seen = samples.setdefault(row.device_id, [])
        if len(seen) < SKEW_SAMPLES:
            seen.append(from_db(row.submitted_at) - from_db(row.received_at))
            names[row.device_id] = row.hostname or f"#{row.device_id}"
    if not samples:
        return Finding("clock", OK, "doctor.clock_no_clients")
    offsets = {device: max(values) for device, values in samples.items()}
    off = sorted(
        ((device, delta) for device, delta in offsets.items() if abs(delta) > CLOCK_SKEW_LIMIT),
        key=lambda item: -abs(item[1]),
    )
    if off:
        shown = ", ".join(
            f"{names[device]} ({int(delta.total_seconds() // 60):+d} min)"
            for device, delta in off[:5]
        )
        return Finding(
            "clock",
            WARN,
            "doctor.clock_skew",
            {"count": len(off), "machines": shown, "limit": int(CLOCK_SKEW_LIMIT.seconds // 60)},
            "doctor.fix_clock_clients",
        )
    return Finding("clock", OK, "doctor.clock_ok", {"count": len(samples)})


def store_findings(data_dir: DataDir, actor: Actor, now: datetime) -> list[Finding]:
    """The checks that need the store; one ``fail`` when it cannot be opened."""
    try:
        ctx = open_context(data_dir)
    except AppError as error:
        return [
            Finding("store", FAIL, "doctor.store_unopened", fix_key="doctor.fix_store", error=error)
        ]
    try:
        since = to_db(now - CLOCK_WINDOW)

        def read(
            conn: apsw.Connection,
        ) -> tuple[health.LastBackup | None, list[health.ClientSubmission]]:
            acting_user(conn, actor, Permission.MANAGE_SETTINGS)
            return (
                health.last_successful_backup(conn),
                health.recent_client_submissions(conn, since=since),
            )

        last, submissions = ctx.store.read_sync(read)
    finally:
        ctx.close()
    return [
        Finding("store", OK, "doctor.store_ok"),
        backup_finding(last, now),
        clock_finding(submissions),
    ]


def _systemctl_state(name: str) -> tuple[str, str] | None:
    """(LoadState, ActiveState) of the unit, or None when systemd is not running here."""
    systemctl = shutil.which("systemctl")
    if systemctl is None or not Path("/run/systemd/system").is_dir():
        return None
    try:
        out = subprocess.run(  # noqa: S603 - a fixed argv, the path found by which()
            [systemctl, "show", "--property=LoadState,ActiveState", name],
            capture_output=True,
            text=True,
            timeout=10,
            check=False,
        ).stdout
    except (OSError, subprocess.TimeoutExpired):
        return None
    props = dict(line.split("=", 1) for line in out.splitlines() if "=" in line)
    return props.get("LoadState", ""), props.get("ActiveState", "")


def service_finding(state: tuple[str, str] | None) -> Finding:
    if state is None:
        return Finding("service", UNKNOWN, "doctor.service_unknown", {"name": SERVICE_NAME})
    load, active = state
    values: dict[str, object] = {"name": SERVICE_NAME, "state": active}
    if load == "not-found":
        return Finding("service", UNKNOWN, "doctor.service_not_installed", values)
    if active == "active":
        return Finding("service", OK, "doctor.service_ok", values)
    return Finding("service", FAIL, "doctor.service_down", values, "doctor.fix_service", values)


def diagnose(
    data_dir: DataDir,
    *,
    actor: Actor,
    now: datetime | None = None,
    service_state: Callable[[str], tuple[str, str] | None] = _systemctl_state,
) -> list[Finding]:
    """Every check, in the order the admin reads them."""
    now = now or utc_now()
    if not data_dir.exists():
        return [Finding("data_dir", FAIL, "doctor.not_initialised", {"path": data_dir.path})]
    findings = [check_data_dir(data_dir), check_key_file(data_dir)]  # before opening: see above
    findings += [check_disk(data_dir), check_certificate(data_dir, now)]
    findings += store_findings(data_dir, actor, now)
    findings.append(service_finding(service_state(SERVICE_NAME)))
    return findings


def has_problems(findings: list[Finding]) -> bool:
    return any(finding.status in PROBLEMS for finding in findings)
