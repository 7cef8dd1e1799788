"""Numbered SQL migrations, each applied once, in order, in its own transaction.

A migration is a file ``NNNN_name.sql`` in ``appliance/store/migrations``. The table
``schema_migrations`` records what ran. A failing migration rolls back whole and stops the run,
leaving the store as the previous migration left it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import UTC, datetime
from importlib import resources
from pathlib import Path

import apsw

_NAME = re.compile(r"^(\d{4})_([a-z0-9_]+)\.sql$")


class MigrationError(Exception):
    """A migration failed; the store keeps the state before it."""


@dataclass(frozen=True)
class Migration:
    version: int
    name: str
    sql: str


def bundled_migrations() -> list[Migration]:
    folder = resources.files("appliance.store") / "migrations"
    return _collect((entry.name, entry.read_text(encoding="utf-8")) for entry in folder.iterdir())


def migrations_in(folder: Path) -> list[Migration]:
    return _collect((p.name, p.read_text(encoding="utf-8")) for p in folder.iterdir())


def _collect(files: object) -> list[Migration]:
    found: dict[int, Migration] = {}
    for file_name, sql in files:  # type: ignore[attr-defined]
        match = _NAME.match(file_name)
        if not match:
            continue
        version = int(match.group(1))
        if version in found:
            raise MigrationError(f"two migrations share number {version:04d}")
        found[version] = Migration(version, match.group(2), sql)
    return [found[v] for v in sorted(found)]


def _ensure_table(conn: apsw.Connection) -> None:
    conn.execute(
        "CREATE TABLE IF NOT EXISTS schema_migrations("
        " version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)"
    )


def applied_versions(conn: apsw.Connection) -> set[int]:
    _ensure_table(conn)
    return {row[0] for row in conn.execute("SELECT version FROM schema_migrations")}


def apply_migrations(conn: apsw.Connection, migrations: list[Migration] | None = None) -> list[int]:
    """Apply what has not run yet; return the versions applied now."""
    if migrations is None:
        migrations = bundled_migrations()
    done = applied_versions(conn)
    applied: list[int] = []
    for migration in migrations:
        if migration.version in done:
            continue
        try:
            with conn:  # one transaction per migration: all of it or none of it
                conn.execute(migration.sql)
                conn.execute(
                    "INSERT INTO schema_migrations(version, name, applied_at) VALUES (?, ?, ?)",
                    (migration.version, migration.name, datetime.now(UTC).isoformat()),
                )
        except apsw.Error as exc:
            raise MigrationError(
                f"migration {migration.version:04d}_{migration.name} failed: {exc}"
            ) from exc
        applied.append(migration.version)
    return applied
