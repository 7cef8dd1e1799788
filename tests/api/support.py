"""Helpers for the API tests: seeding the store, making images, snapshotting what the store
holds, and building submissions."""

from __future__ import annotations

import io
import struct
import uuid
import zlib
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any

import apsw
from PIL import Image

from appliance.domain.clock import utc_now
from appliance.store.devices import create_code, revoke_code
from appliance.store.equipment import create_equipment
from appliance.store.organizations import create_organization
from appliance.store.persons import create_person
from sync.hashing import sha256_hex


def png_bytes(width: int = 64, height: int = 48, seed: int = 0) -> bytes:
    image = Image.new("RGB", (width, height), ((seed * 37) % 256, (seed * 11) % 256, 200))
    image.putpixel((0, 0), (seed % 256, (seed >> 8) % 256, (seed >> 16) % 256))
    out = io.BytesIO()
    image.save(out, "PNG")
    return out.getvalue()


def image_bytes(fmt: str, width: int = 32, height: int = 32) -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (width, height), (10, 120, 30)).save(out, fmt)
    return out.getvalue()


def _chunk(kind: bytes, data: bytes) -> bytes:
    return (
        struct.pack(">I", len(data))
        + kind
        + data
        + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)
    )


def bomb_png(width: int = 100_000, height: int = 100_000) -> bytes:
    """A valid-looking PNG of a few hundred bytes that declares ``width`` x ``height`` pixels:
    decoding it would take width * height * 3 bytes (30 GB by default)."""
    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    rows = zlib.compress(b"\x00" * (1 + 3 * min(width, 4096)) * 8, 9)
    return (
        b"\x89PNG\r\n\x1a\n"
        + _chunk(b"IHDR", header)
        + _chunk(b"IDAT", rows)
        + _chunk(b"IEND", b"")
    )


def truncated_png() -> bytes:
    """A real PNG cut short in the middle of its pixel data."""
    data = png_bytes(400, 300, seed=99)
    return data[: len(data) // 2]


def submission(**changes: Any) -> dict[str, Any]:
    doc: dict[str, Any] = {
        "uuid": str(uuid.uuid4()),
        "submitted_at": datetime.now(UTC).isoformat(),
        "description": "The printer in room 12 prints blank pages",
        "phone": "+7 900 000-00-00",
        "urgent": False,
        "machine_facts": {
            "hostname": "ACC-01",
            "os": "Windows 11 Pro",
            "os_user": "ivanova",
            "ips": ["192.168.1.20"],
            "macs": ["00:11:22:33:44:55"],
            "uptime_seconds": 3600,
            "free_disk_bytes": 50_000_000_000,
            "screens": [{"x": 0, "y": 0, "width": 1920, "height": 1080}],
        },
        "attachments": [],
    }
    doc.update(changes)
    return doc


# -- seeding ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class Org:
    id: int
    name: str
    person_id: int
    equipment_id: int


def add_org(conn: apsw.Connection, name: str, *, login: str, hostname: str) -> Org:
    org_id = create_organization(conn, name=name)
    person_id = create_person(conn, org_id=org_id, full_name=f"Person of {name}", logins=[login])
    equipment_id = create_equipment(
        conn,
        org_id=org_id,
        kind="workstation",
        name=f"PC of {name}",
        hostname=hostname,
        person_id=person_id,
    )
    return Org(org_id, name, person_id, equipment_id)


@dataclass(frozen=True)
class Codes:
    valid: str
    expired: str
    revoked: str
    used_up: str


def add_codes(conn: apsw.Connection, org_id: int) -> Codes:
    """One code in each state enrolment distinguishes."""
    now = utc_now()
    valid = create_code(conn, org_id=org_id, max_uses=1000, days=30, now=now)
    expired = create_code(conn, org_id=org_id, max_uses=5, days=1, now=now - timedelta(days=2))
    revoked = create_code(conn, org_id=org_id, max_uses=5, days=30, now=now)
    revoke_code(conn, revoked.id, now=now)
    used_up = create_code(conn, org_id=org_id, max_uses=1, days=30, now=now)
    conn.execute("UPDATE enrollment_codes SET uses = 1 WHERE id = ?", (used_up.id,))
    return Codes(valid.code, expired.code, revoked.code, used_up.code)


# -- what the store holds --------------------------------------------------------------------

_COUNTED = (
    "tickets",
    "ticket_attachments",
    "ticket_actions",
    "feed_events",
    "blobs",
    "devices",
    "audit_log",
)


def snapshot(conn: apsw.Connection) -> dict[str, object]:
    """Everything a bad request could have changed, in one read."""
    state: dict[str, object] = {
        table: conn.execute(f"SELECT count(*) FROM {table}").fetchone()[0] for table in _COUNTED
    }
    state["ticket_number"] = conn.execute(
        "SELECT value FROM counters WHERE name = 'ticket_number'"
    ).fetchone()[0]
    state["code_uses"] = conn.execute("SELECT sum(uses) FROM enrollment_codes").fetchone()[0]
    state["ticket_hashes"] = conn.execute(
        "SELECT group_concat(uuid || content_hash) FROM tickets"
    ).fetchone()[0]
    return state


def sha(data: bytes) -> str:
    return sha256_hex(data)
