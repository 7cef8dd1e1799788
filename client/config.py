"""Where LiveViewer keeps its files, and the enrolment.

The home directory (``platformdirs`` user data dir ``LiveViewer``, or ``$LIVEVIEWER_HOME``) is
private to the user (0700) and holds:

    outbox.db        the local queue and the cache of "my requests" (client/outbox.py)
    enrolment.json   server URL, device id, bearer token, pinned certificate fingerprint (0600)

The token is a secret: it is never printed or logged (``Enrolment.__repr__`` hides it).
"""

from __future__ import annotations

import json
import os
import tempfile
from dataclasses import asdict, dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

import platformdirs

HOME_ENV = "LIVEVIEWER_HOME"
APP_NAME = "LiveViewer"
ENROLMENT_FILE_NAME = "enrolment.json"
OUTBOX_FILE_NAME = "outbox.db"
LOOPBACK_HOSTS = ("127.0.0.1", "localhost", "::1", "[::1]")


class EnrolmentFileError(Exception):
    """The enrolment file exists but cannot be read as one."""

    def __init__(self, path: Path) -> None:
        super().__init__(str(path))
        self.path = path


def home_dir(environ: dict[str, str] | None = None) -> Path:
    """The user's LiveViewer directory, created private (0700) if missing."""
    env = os.environ if environ is None else environ
    override = env.get(HOME_ENV)
    path = Path(override).expanduser() if override else Path(platformdirs.user_data_dir(APP_NAME))
    path.mkdir(parents=True, exist_ok=True, mode=0o700)
    if os.name == "posix":
        # mkdir's mode is masked by umask and ignored for an existing dir: set it explicitly.
        path.chmod(0o700)
    return path


@dataclass(frozen=True)
class Enrolment:
    server_url: str
    device_id: int
    token: str = field(repr=False)
    server_fingerprint: str
    org_name: str = ""

    @property
    def uses_tls(self) -> bool:
        return urlsplit(self.server_url).scheme == "https"

    def save(self, home: Path) -> Path:
        """Write atomically with mode 0600 (never readable by other users, even briefly)."""
        target = home / ENROLMENT_FILE_NAME
        fd, tmp = tempfile.mkstemp(prefix=".enrolment-", dir=home)
        try:
            if os.name == "posix":
                os.fchmod(fd, 0o600)
            with os.fdopen(fd, "w", encoding="utf-8") as out:
                json.dump(asdict(self), out, indent=2)
                out.flush()
                os.fsync(out.fileno())
            os.replace(tmp, target)
        except BaseException:
            Path(tmp).unlink(missing_ok=True)
            raise
        return target


def load_enrolment(home: Path) -> Enrolment | None:
    """The saved enrolment, or None when this machine is not enrolled."""
    path = home / ENROLMENT_FILE_NAME
    try:
        raw = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        return None
    except (OSError, ValueError):
        raise EnrolmentFileError(path) from None
    try:
        return Enrolment(
            server_url=str(raw["server_url"]),
            device_id=int(raw["device_id"]),
            token=str(raw["token"]),
            server_fingerprint=str(raw["server_fingerprint"]),
            org_name=str(raw.get("org_name", "")),
        )
    except (KeyError, TypeError, ValueError):
        raise EnrolmentFileError(path) from None


def normalise_server_url(url: str) -> str | None:
    """``scheme://host[:port]`` without a trailing slash, or None when unusable.

    https is required except on loopback, where plain http is allowed (a test or a single-box
    setup: nothing crosses a network there).
    """
    try:
        parts = urlsplit(url.strip())
        port = parts.port
    except ValueError:
        return None
    host = parts.hostname
    if parts.scheme not in ("http", "https") or not host:
        return None
    if parts.query or parts.fragment or parts.username or parts.password:
        return None
    if parts.path not in ("", "/"):
        return None
    if parts.scheme == "http" and host not in LOOPBACK_HOSTS:
        return None
    netloc = f"[{host}]" if ":" in host else host
    if port is not None:
        netloc = f"{netloc}:{port}"
    return f"{parts.scheme}://{netloc}"
