"""The manifest: what a backup holds, sealed first in its body.

The body's plaintext is ``u32 length || manifest JSON || the snapshot file``. The snapshot file is
the store copied with SQLite's backup API into a database encrypted under a throwaway key; that
key travels only here, inside the sealed manifest. The installation's files (config, TLS
certificate and private key, the web session secret) travel here too; the store key never does.
"""

from __future__ import annotations

import base64
import json
import struct
from dataclasses import asdict, dataclass, field

from appliance.backup.format import BackupError

# The files of a data directory a restored box needs, relative to it. store.key is not one:
# the restored store gets a fresh key.
CARRIED_FILES = ("config.json", "tls/cert.pem", "tls/key.pem", "ui-secret")
PRIVATE_FILES = frozenset({"tls/key.pem", "ui-secret"})
_LEN = struct.Struct(">I")
MAX_MANIFEST_BYTES = 512 * 1024 * 1024


@dataclass
class Manifest:
    app_version: str
    schema_version: int
    created_at: str
    cipher: str
    snapshot_key: str  # hex of the throwaway key the snapshot file is encrypted with
    snapshot_size: int
    row_counts: dict[str, int]
    blob_sha256: list[str]
    files: dict[str, str] = field(default_factory=dict)  # relative path -> base64

    def __repr__(self) -> str:
        return f"Manifest(app={self.app_version}, schema={self.schema_version}, <secrets hidden>)"

    def file_bytes(self, name: str) -> bytes:
        return base64.b64decode(self.files[name])

    def to_bytes(self) -> bytes:
        raw = json.dumps(asdict(self), sort_keys=True).encode("utf-8")
        return _LEN.pack(len(raw)) + raw

    @classmethod
    def from_json(cls, raw: bytes, *, newest_schema: int) -> Manifest:
        """The manifest; a newer appliance's (a schema beyond ``newest_schema``, fields this one
        does not know) is refused as such, not as damage."""
        try:
            doc = json.loads(raw)
            schema = int(doc["schema_version"])
        except (ValueError, TypeError, KeyError):
            # Authenticated, yet not ours: written by something else with our key.
            raise BackupError("backup.damaged") from None
        if schema > newest_schema:
            raise BackupError("backup.newer_version", version=str(doc.get("app_version", "?")))
        try:
            return cls(**{k: v for k, v in doc.items() if k in cls.__dataclass_fields__})
        except TypeError:
            raise BackupError("backup.damaged") from None


def encode_file(data: bytes) -> str:
    return base64.b64encode(data).decode("ascii")


LENGTH_SIZE = _LEN.size


def manifest_length(prefix: bytes | bytearray) -> int:
    (length,) = _LEN.unpack(prefix[:LENGTH_SIZE])
    if length > MAX_MANIFEST_BYTES:
        raise BackupError("backup.damaged")
    return int(length)
