"""Mass deployment: ``liveviewer.toml`` enrols each user silently on first start.

An administrator puts one file beside the program (or in the system configuration directory)::

    [appliance]
    url = "https://helpdesk.office.lan:8443"
    enrolment_code = "ABCD-EFGH-JKLM-NPQR"     # tiketnitsa enroll-code create --uses 200 --days 365
    fingerprint = "5f1c…"                     # tiketnitsa doctor prints it

and every user who starts LiveViewer is enrolled without typing anything. The fingerprint is
checked against the certificate the appliance presents at that first contact, so a machine in
the middle cannot get itself pinned.

Where the file is looked for, first found wins: ``$LIVEVIEWER_CONFIG``; beside the executable
(the one-file build); the system configuration directory (Linux: ``/etc/xdg/LiveViewer``,
Windows: ``C:\\ProgramData\\LiveViewer\\LiveViewer``).

When the file names another appliance or another fingerprint than the current enrolment (the
certificate was replaced, the appliance moved), the user is enrolled again with it: that is
how an administrator re-points every machine by replacing one file.
"""

from __future__ import annotations

import logging
import os
import re
import sys
import tomllib
from dataclasses import dataclass
from pathlib import Path

import platformdirs

from client.config import APP_NAME, Enrolment, EnrolmentFileError, load_enrolment
from client.errors import LiveViewerError

CONFIG_ENV = "LIVEVIEWER_CONFIG"
CONFIG_FILE_NAME = "liveviewer.toml"
FINGERPRINT = re.compile(r"[0-9a-f]{64}")

log = logging.getLogger(__name__)


class DeployConfigError(LiveViewerError):
    key = "error.deploy_config"


@dataclass(frozen=True)
class DeployConfig:
    path: Path
    url: str
    enrolment_code: str
    fingerprint: str | None

    def differs_from(self, enrolment: Enrolment) -> bool:
        """Whether this file points elsewhere than ``enrolment`` (so the user enrols again)."""
        if self.url.rstrip("/") != enrolment.server_url:
            return True
        return self.fingerprint is not None and self.fingerprint != enrolment.server_fingerprint


def candidate_paths(environ: dict[str, str] | None = None) -> list[Path]:
    env = os.environ if environ is None else environ
    if env.get(CONFIG_ENV):
        return [Path(env[CONFIG_ENV]).expanduser()]  # explicit: nowhere else
    paths = []
    if getattr(sys, "frozen", False):
        paths.append(Path(sys.executable).resolve().parent / CONFIG_FILE_NAME)
    paths.append(Path(platformdirs.site_config_dir(APP_NAME)) / CONFIG_FILE_NAME)
    return paths


def normalise_fingerprint(value: str) -> str | None:
    """``AB:CD:…`` or ``abcd…`` → 64 lower-case hex digits, or None when it is not one."""
    cleaned = value.strip().lower().replace(":", "").replace(" ", "")
    return cleaned if FINGERPRINT.fullmatch(cleaned) else None


def parse(path: Path, text: str) -> DeployConfig:
    try:
        doc = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise DeployConfigError(path=str(path), problem=str(exc)) from None
    section = doc.get("appliance")
    if not isinstance(section, dict):
        raise DeployConfigError(path=str(path), problem="no [appliance] section")
    url, code = section.get("url"), section.get("enrolment_code")
    if not isinstance(url, str) or not url.strip():
        raise DeployConfigError(path=str(path), problem="url is missing")
    if not isinstance(code, str) or not code.strip():
        raise DeployConfigError(path=str(path), problem="enrolment_code is missing")
    raw_fingerprint = section.get("fingerprint")
    fingerprint = None
    if raw_fingerprint is not None:
        fingerprint = normalise_fingerprint(str(raw_fingerprint))
        if fingerprint is None:
            raise DeployConfigError(
                path=str(path), problem="fingerprint must be 64 hex digits (SHA-256)"
            )
    return DeployConfig(path, url.strip(), code.strip(), fingerprint)


def find_config(environ: dict[str, str] | None = None) -> DeployConfig | None:
    """The deployment file in force, or None when there is none."""
    for path in candidate_paths(environ):
        try:
            text = path.read_text(encoding="utf-8")
        except FileNotFoundError:
            continue
        except (OSError, UnicodeDecodeError) as exc:
            raise DeployConfigError(path=str(path), problem=str(exc)) from None
        return parse(path, text)
    return None


def config_stamp(environ: dict[str, str] | None = None) -> tuple[tuple[str, int, int], ...]:
    """What changes when a deployment file appears, changes or goes (the agent polls it)."""
    stamps = []
    for path in candidate_paths(environ):
        try:
            info = path.stat()
        except OSError:
            continue
        stamps.append((str(path), info.st_mtime_ns, info.st_size))
    return tuple(stamps)


def ensure_enrolled(home: Path, *, environ: dict[str, str] | None = None) -> Enrolment | None:
    """Enrol this user silently from the deployment file when they are not enrolled yet, or
    when the file points elsewhere than their enrolment. Returns the enrolment now in force.

    Raises ``LiveViewerError`` (unreachable, wrong code, certificate mismatch, bad file) only
    when there is no usable enrolment; with one, a failed re-enrolment is logged and the old
    enrolment kept (the agent tries again when the file changes or at its next start).
    """
    try:
        current = load_enrolment(home)
    except EnrolmentFileError:
        current = None  # damaged: enrolling again replaces it
    config = find_config(environ)
    if config is None or (current is not None and not config.differs_from(current)):
        return current
    from client.enroll import enroll  # httpx and pydantic: only when enrolling

    try:
        enrolment = enroll(
            config.url, config.enrolment_code, home, expected_fingerprint=config.fingerprint
        )
    except LiveViewerError as exc:
        if current is None:
            raise
        log.warning("re-enrolment from %s failed: %s", config.path, exc.message("en"))
        return current
    log.info("enrolled from %s as device %d", config.path, enrolment.device_id)
    return enrolment
