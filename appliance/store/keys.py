"""The store's key file: where the database key (or how to derive it) lives, outside the database.

Two modes:
- ``raw``: a random 256-bit key kept in the key file (mode 0600). Opening costs nothing.
- ``passphrase``: the key file keeps only the Argon2id salt and parameters; the key is derived
  from a passphrase given at start (``TIKETNITSA_PASSPHRASE`` or a prompt). Stealing the data
  directory then yields nothing without the passphrase.

Either way the cipher is opened with a raw key, so SQLite3MC's own per-open KDF never runs.
"""

from __future__ import annotations

import json
import os
import secrets
from dataclasses import dataclass
from pathlib import Path

from argon2.low_level import Type, hash_secret_raw

from appliance.domain.errors import Unavailable

KEY_FILE_NAME = "store.key"
KEY_FILE_VERSION = 1

# Argon2id parameters for passphrase mode (RFC 9106 second recommended set, trimmed for a
# small office box: about 0.3 s and 64 MiB once per start).
ARGON2_TIME_COST = 3
ARGON2_MEMORY_KIB = 64 * 1024
ARGON2_PARALLELISM = 2


class KeyFileError(Unavailable):
    """The key file is missing, unreadable, or not one of ours."""


@dataclass(frozen=True)
class StoreKey:
    """A 32-byte key and the cipher scheme it is for. ``repr`` never shows the key."""

    key: bytes
    cipher: str

    def __repr__(self) -> str:
        return f"StoreKey(cipher={self.cipher!r}, key=<hidden>)"

    def pragma_value(self) -> str:
        # SQLite3MC accepts 'raw:<hex>' for every scheme we use; no KDF on open.
        return f"raw:{self.key.hex()}"


def key_path(data_dir: Path) -> Path:
    return data_dir / KEY_FILE_NAME


def _write_private(path: Path, text: str) -> None:
    # Created 0600 from the start: no window where the key is world-readable.
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(fd, "w", encoding="utf-8") as out:
        out.write(text)


def derive_key(
    passphrase: str, salt: bytes, *, time_cost: int, memory_kib: int, lanes: int
) -> bytes:
    return hash_secret_raw(
        passphrase.encode("utf-8"),
        salt,
        time_cost=time_cost,
        memory_cost=memory_kib,
        parallelism=lanes,
        hash_len=32,
        type=Type.ID,
    )


def create_key_file(data_dir: Path, *, cipher: str, passphrase: str | None = None) -> StoreKey:
    """Write a new key file and return the key. Refuses to overwrite an existing one."""
    path = key_path(data_dir)
    if path.exists():
        raise KeyFileError("keyfile.exists", path=path)
    if passphrase is None:
        key = secrets.token_bytes(32)
        doc = {"version": KEY_FILE_VERSION, "mode": "raw", "cipher": cipher, "key": key.hex()}
    else:
        salt = secrets.token_bytes(16)
        key = derive_key(
            passphrase,
            salt,
            time_cost=ARGON2_TIME_COST,
            memory_kib=ARGON2_MEMORY_KIB,
            lanes=ARGON2_PARALLELISM,
        )
        doc = {
            "version": KEY_FILE_VERSION,
            "mode": "passphrase",
            "cipher": cipher,
            "kdf": "argon2id",
            "salt": salt.hex(),
            "time_cost": ARGON2_TIME_COST,
            "memory_kib": ARGON2_MEMORY_KIB,
            "lanes": ARGON2_PARALLELISM,
        }
    _write_private(path, json.dumps(doc, indent=2) + "\n")
    return StoreKey(key=key, cipher=cipher)


def key_file_mode(data_dir: Path) -> str:
    """'raw' or 'passphrase', so callers know whether to ask for a passphrase."""
    return str(_read_doc(key_path(data_dir))["mode"])


def _read_doc(path: Path) -> dict[str, object]:
    try:
        doc = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise KeyFileError("keyfile.missing", path=path) from None
    except (OSError, ValueError, UnicodeDecodeError):
        raise KeyFileError("keyfile.unreadable", path=path) from None
    if not isinstance(doc, dict) or doc.get("version") != KEY_FILE_VERSION:
        raise KeyFileError("keyfile.foreign", path=path)
    return doc


def load_key(data_dir: Path, *, passphrase: str | None = None) -> StoreKey:
    """Read the key file; derive the key when it is in passphrase mode."""
    path = key_path(data_dir)
    doc = _read_doc(path)
    cipher = str(doc.get("cipher", ""))
    try:
        if doc["mode"] == "raw":
            key = bytes.fromhex(str(doc["key"]))
        elif doc["mode"] == "passphrase":
            if passphrase is None:
                raise KeyFileError("keyfile.needs_passphrase")
            key = derive_key(
                passphrase,
                bytes.fromhex(str(doc["salt"])),
                time_cost=int(str(doc["time_cost"])),
                memory_kib=int(str(doc["memory_kib"])),
                lanes=int(str(doc["lanes"])),
            )
        else:
            raise KeyFileError("keyfile.damaged", path=path)
    except (KeyError, ValueError):
        raise KeyFileError("keyfile.damaged", path=path) from None
    if len(key) != 32 or not cipher:
        raise KeyFileError("keyfile.damaged", path=path)
    return StoreKey(key=key, cipher=cipher)
