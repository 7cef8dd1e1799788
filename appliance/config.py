"""The data directory and the appliance's settings file.

A data directory holds everything of one installation:

    config.json      host, port, default language, time zone, cipher (no secrets)
    store.key        the database key or its KDF parameters (0600)
    tiketnitsa.db    the encrypted store (+ -wal, -shm)
    tls/             the certificate made at init and its private key (0600)
    ui-secret        the secret that signs the web UI's session cookie (0600)
    ui-storage/      NiceGUI's per-user storage (user id and language only)
"""

from __future__ import annotations

import json
import os
import secrets
from dataclasses import asdict, dataclass
from pathlib import Path

from appliance.domain.errors import Unavailable

CONFIG_FILE_NAME = "config.json"
DATA_DIR_ENV = "TIKETNITSA_DATA"
PASSPHRASE_ENV = "TIKETNITSA_PASSPHRASE"  # noqa: S105 - a variable name
DEFAULT_HOST = "127.0.0.1"
DEFAULT_PORT = 8080
LANGUAGES = ("ru", "en")


class ConfigError(Unavailable):
    """The data directory or its settings are unusable."""


@dataclass
class Settings:
    host: str = DEFAULT_HOST
    port: int = DEFAULT_PORT
    lang: str = "ru"
    time_zone: str = "Europe/Moscow"
    cipher: str = "aegis"
    # Upload limit for screenshots and other blobs, bytes.
    max_blob_bytes: int = 20 * 1024 * 1024
    # Client API rate limit per device (and per address for enrolment): a token bucket,
    # generous enough that a laptop back from a week offline drains a backlog
    # of a hundred requests with screenshots at once; low enough to stop a runaway client.
    api_requests_per_minute: int = 600
    api_burst: int = 300


@dataclass(frozen=True)
class DataDir:
    path: Path

    @property
    def config_file(self) -> Path:
        return self.path / CONFIG_FILE_NAME

    @property
    def tls_dir(self) -> Path:
        return self.path / "tls"

    @property
    def cert_file(self) -> Path:
        return self.tls_dir / "cert.pem"

    @property
    def cert_key_file(self) -> Path:
        return self.tls_dir / "key.pem"

    @property
    def ui_secret_file(self) -> Path:
        return self.path / "ui-secret"

    @property
    def ui_storage_dir(self) -> Path:
        return self.path / "ui-storage"

    def exists(self) -> bool:
        return self.config_file.exists()

    def make_private(self) -> None:
        """Owner-only modes on the data directory and everything in it (0700 folders, 0600
        files): a copy, a restore or another umask must not leave the store, its journal, the
        settings, the certificate or the browsers' session storage readable by others."""
        if not self.path.is_dir():
            return
        for folder, _dirs, files in os.walk(self.path):
            _chmod(Path(folder), PRIVATE_DIR)
            for name in files:
                _chmod(Path(folder) / name, PRIVATE_FILE)

    def load_settings(self) -> Settings:
        try:
            raw = json.loads(self.config_file.read_text(encoding="utf-8"))
        except FileNotFoundError:
            raise ConfigError("config.not_initialised", path=self.path) from None
        except (OSError, ValueError):
            raise ConfigError("config.unreadable", path=self.config_file) from None
        known = {k: v for k, v in raw.items() if k in Settings.__dataclass_fields__}
        try:
            settings = Settings(**known)
        except TypeError as exc:
            raise ConfigError("config.bad_value", path=self.config_file, problem=exc) from None
        if settings.lang not in LANGUAGES:
            raise ConfigError(
                "config.bad_lang", path=self.config_file, choices=", ".join(LANGUAGES)
            )
        return settings

    def save_settings(self, settings: Settings) -> None:
        self.config_file.write_text(json.dumps(asdict(settings), indent=2) + "\n", encoding="utf-8")

    def ui_secret(self) -> str:
        """The per-installation cookie-signing secret, made on first use."""
        path = self.ui_secret_file
        if not path.exists():
            fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
            with os.fdopen(fd, "w") as out:
                out.write(secrets.token_urlsafe(48))
        return path.read_text().strip()


PRIVATE_DIR = 0o700
PRIVATE_FILE = 0o600
# Files the appliance creates are its own: serve, init and every command run with this umask.
PRIVATE_UMASK = 0o077


def _chmod(path: Path, mode: int) -> None:
    try:
        if not path.is_symlink() and (path.stat().st_mode & 0o777) != mode:
            path.chmod(mode)
    except FileNotFoundError:  # a -wal or -shm file SQLite removed meanwhile
        pass


def resolve_data_dir(cli_value: str | None) -> DataDir:
    value = cli_value or os.environ.get(DATA_DIR_ENV)
    if not value:
        raise ConfigError("config.no_data_dir", env=DATA_DIR_ENV)
    return DataDir(Path(value).expanduser().resolve())
