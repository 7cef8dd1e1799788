"""Helpers of the backup tests: a demo installation, its backups, and reading the file's parts."""

from __future__ import annotations

import hashlib
import struct
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

import apsw

from appliance.backup.format import HEADER_SIZE
from appliance.config import DataDir, Settings
from appliance.context import open_context
from appliance.demo import generate_demo
from appliance.services.installation import init_data_dir
from appliance.store.connection import open_connection
from appliance.store.keys import load_key

PASSPHRASE = "correct horse battery staple"
DEMO_NOW = datetime(2026, 11, 2, 9, 0, tzinfo=UTC)
# Small chunks, so that a small store makes a backup of many chunks (first, middle, last).
SMALL_CHUNK = 64 * 1024


def make_demo(root: Path, tickets: int = 80) -> DataDir:
    data_dir = DataDir(root)
    init_data_dir(data_dir, settings=Settings(lang="en"), admin_password="admin-password-1")
    ctx = open_context(data_dir)
    try:
        generate_demo(ctx.store, tickets=tickets, seed=3, now=DEMO_NOW)
        ctx.store.checkpoint()
    finally:
        ctx.close()
    return data_dir


def dump(data_dir: Path) -> dict[str, list[tuple[object, ...]]]:
    """Every row of every table (FTS tables and their shadow tables included), in rowid order."""
    conn = open_connection(data_dir / "tiketnitsa.db", load_key(data_dir), readonly=True)
    try:
        tables = [
            str(name)
            for (name,) in conn.execute(
                "SELECT name FROM sqlite_schema WHERE type = 'table'"
                " AND name NOT LIKE 'sqlite_%' ORDER BY name"
            )
        ]
        found: dict[str, list[tuple[object, ...]]] = {}
        for table in tables:
            order = "" if _without_rowid(conn, table) else " ORDER BY rowid"
            found[table] = [tuple(r) for r in conn.execute(f'SELECT * FROM "{table}"{order}')]
        return found
    finally:
        conn.close()


def _without_rowid(conn: apsw.Connection, table: str) -> bool:
    sql = conn.execute("SELECT sql FROM sqlite_schema WHERE name = ?", (table,)).fetchone()[0]
    return "WITHOUT ROWID" in str(sql).upper()


def blob_digests(data_dir: Path) -> dict[str, str]:
    conn = open_connection(data_dir / "tiketnitsa.db", load_key(data_dir), readonly=True)
    try:
        return {
            str(name): hashlib.sha256(bytes(data)).hexdigest()  # type: ignore[arg-type]
            for name, data in conn.execute("SELECT sha256, data FROM blobs")
        }
    finally:
        conn.close()


@dataclass(frozen=True)
class Chunk:
    offset: int  # of its length field
    end: int


def chunks(raw: bytes) -> list[Chunk]:
    found = []
    at = HEADER_SIZE
    while at < len(raw):
        (length,) = struct.unpack(">I", raw[at : at + 4])
        found.append(Chunk(at, at + 4 + length))
        at += 4 + length
    return found
