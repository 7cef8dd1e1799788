"""A consistent copy of the store for backups, and the checks a restored copy must pass.

The copy is made with SQLite's online backup API into a new database encrypted with another key
(same cipher: SQLite3MC refuses encrypted -> plain, and a plain copy would put the data on disk in
the clear). One ``step(-1)`` copies everything in one read transaction, so writers go on (WAL)
and the copy is one moment of the store; a copy made in small steps would restart each time a
writer commits and might never finish on a busy box.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from pathlib import Path

import apsw

from appliance.store.connection import check_key, open_connection, set_key
from appliance.store.db import Store
from appliance.store.keys import StoreKey


@dataclass(frozen=True)
class SnapshotFacts:
    """What a copy holds, for the manifest (at backup) and the comparison (at restore)."""

    schema_version: int
    row_counts: dict[str, int]
    blob_sha256: list[str] = field(default_factory=list)


class SnapshotFull(Exception):
    """The disk filled up while the copy was written."""


def copy_store(store: Store, dest: Path, dest_key: StoreKey) -> None:
    """Copy the live store into a new file ``dest`` encrypted with ``dest_key``."""
    source = open_connection(store.path, store.key)
    try:
        _copy_into(source, dest, dest_key)
    finally:
        source.close()


def copy_copy(source_path: Path, source_key: StoreKey, dest: Path, dest_key: StoreKey) -> None:
    """Re-encrypt a copy under another key by copying it page by page into a new file: one read
    and one write of every page, where ``PRAGMA rekey`` also journals every page it rewrites."""
    source = open_copy(source_path, source_key)
    try:
        _copy_into(source, dest, dest_key)
    finally:
        source.close()


def _copy_into(source: apsw.Connection, dest: Path, dest_key: StoreKey) -> None:
    target = apsw.Connection(str(dest), flags=apsw.SQLITE_OPEN_READWRITE | apsw.SQLITE_OPEN_CREATE)
    try:
        set_key(target, dest_key)
        try:
            with target.backup("main", source, "main") as copy:
                copy.step(-1)
        except apsw.FullError:
            raise SnapshotFull from None
    finally:
        target.close()


# The checks read every page, some more than once (integrity_check walks tables and indexes):
# decrypted pages kept in a big cache are not decrypted again.
CHECK_CACHE_KIB = 128 * 1024


def open_copy(path: Path, key: StoreKey) -> apsw.Connection:
    """A connection to a copy (no WAL switch, no migrations: it is looked at, not served)."""
    conn = apsw.Connection(str(path), flags=apsw.SQLITE_OPEN_READWRITE)
    try:
        set_key(conn, key)
        check_key(conn)
        conn.execute(f"PRAGMA cache_size = -{CHECK_CACHE_KIB}")
    except BaseException:
        conn.close()
        raise
    return conn


def integrity_problems(conn: apsw.Connection) -> list[str]:
    rows = conn.execute("PRAGMA integrity_check").fetchall()
    found = [str(r[0]) for r in rows]
    return [] if found == ["ok"] else found


def _tables(conn: apsw.Connection) -> list[str]:
    rows = conn.execute(
        "SELECT name FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite_%'"
        " ORDER BY name"
    ).fetchall()
    return [str(r[0]) for r in rows]


def facts(conn: apsw.Connection) -> SnapshotFacts:
    counts: dict[str, int] = {}
    for table in _tables(conn):
        # Names come from the schema itself, quoted as identifiers.
        quoted = '"' + table.replace('"', '""') + '"'
        counts[table] = int(conn.execute(f"SELECT count(*) FROM {quoted}").fetchall()[0][0])  # type: ignore[arg-type]
    version_row = conn.execute("SELECT max(version) FROM schema_migrations").fetchone()
    digests = [
        hashlib.sha256(bytes(data)).hexdigest()
        for (data,) in conn.execute("SELECT data FROM blobs ORDER BY sha256")
    ]
    return SnapshotFacts(
        schema_version=int(version_row[0] or 0),  # type: ignore[index]
        row_counts=counts,
        blob_sha256=digests,
    )
