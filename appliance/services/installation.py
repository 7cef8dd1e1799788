"""A new installation (``tiketnitsa init``, ``demo-run``): data directory, key, store, TLS,
first admin. The ciphers a store may use are named here for the command's options."""

from __future__ import annotations

import secrets
from dataclasses import dataclass

from appliance.auth.passwords import hash_password
from appliance.config import ConfigError, DataDir, Settings
from appliance.i18n import t
from appliance.store import Store
from appliance.store.connection import DEFAULT_CIPHER, SUPPORTED_CIPHERS
from appliance.store.keys import create_key_file
from appliance.store.users import create_user
from appliance.tls import create_certificate

__all__ = ["DEFAULT_CIPHER", "SUPPORTED_CIPHERS", "InitResult", "init_data_dir"]


@dataclass(frozen=True)
class InitResult:
    admin_login: str
    admin_password: str
    password_generated: bool
    fingerprint: str


def init_data_dir(
    data_dir: DataDir,
    *,
    settings: Settings,
    admin_login: str = "admin",
    admin_password: str | None = None,
    passphrase: str | None = None,
    cipher: str = DEFAULT_CIPHER,
) -> InitResult:
    """Create everything of a new installation. Refuses to touch an existing one."""
    path = data_dir.path
    if data_dir.exists() or (path / "store.key").exists() or (path / "tiketnitsa.db").exists():
        raise ConfigError("init.exists", path=path)
    path.mkdir(parents=True, exist_ok=True, mode=0o700)
    settings.cipher = cipher
    key = create_key_file(path, cipher=cipher, passphrase=passphrase)
    generated = admin_password is None
    password = admin_password or secrets.token_urlsafe(12)
    with Store.open(path, key) as store:
        store.write_sync(
            lambda conn: create_user(
                conn,
                login=admin_login,
                password_hash=hash_password(password),
                role="admin",
                # The role's name in the installation's language, not English in a Russian UI.
                full_name=t("role.admin", settings.lang),
                lang=settings.lang,
            )
        )
    fingerprint = create_certificate(data_dir.cert_file, data_dir.cert_key_file, host=settings.host)
    data_dir.ui_secret()
    # Written last: its presence marks a complete installation.
    data_dir.save_settings(settings)
    data_dir.make_private()
    return InitResult(admin_login, password, generated, fingerprint)


def disk_full(store: Store) -> bool:
    """Whether the last write failed for lack of disk space (admins see a banner meanwhile)."""
    return store.disk_full
