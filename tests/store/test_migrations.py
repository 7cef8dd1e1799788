"""Migrations: applied in order, each once, and a failing one leaves the store as it was."""

from __future__ import annotations

from pathlib import Path

import apsw
import pytest

from appliance.store.connection import open_connection
from appliance.store.keys import StoreKey
from appliance.store.migrate import (
    Migration,
    MigrationError,
    applied_versions,
    apply_migrations,
    bundled_migrations,
    migrations_in,
)


@pytest.fixture
def conn(tmp_path: Path, store_key: StoreKey) -> apsw.Connection:
    return open_connection(tmp_path / "m.db", store_key)


def tables(conn: apsw.Connection) -> set[str]:
    return {r[0] for r in conn.execute("SELECT name FROM sqlite_schema WHERE type = 'table'")}


def test_bundled_migrations_apply_in_order_and_record_themselves(conn: apsw.Connection) -> None:
    migrations = bundled_migrations()
    assert [m.version for m in migrations] == sorted(m.version for m in migrations)
    applied = apply_migrations(conn)
    assert applied == [m.version for m in migrations]
    assert applied_versions(conn) == set(applied)
    assert {"tickets", "ticket_actions", "users", "feed_events", "tickets_fts"} <= tables(conn)


def test_rerun_applies_nothing(conn: apsw.Connection) -> None:
    apply_migrations(conn)
    before = conn.execute("SELECT count(*) FROM schema_migrations").fetchone()
    assert apply_migrations(conn) == []
    assert conn.execute("SELECT count(*) FROM schema_migrations").fetchone() == before


def test_failing_migration_rolls_back_whole_and_stops(conn: apsw.Connection) -> None:
    migrations = [
        Migration(1, "first", "CREATE TABLE a(x INTEGER);"),
        # The first statement would succeed; the second fails: neither may remain.
        Migration(2, "broken", "CREATE TABLE b(x INTEGER); INSERT INTO missing VALUES (1);"),
        Migration(3, "after", "CREATE TABLE c(x INTEGER);"),
    ]
    with pytest.raises(MigrationError, match="0002_broken"):
        apply_migrations(conn, migrations)
    assert "a" in tables(conn)
    assert "b" not in tables(conn)
    assert "c" not in tables(conn)
    assert applied_versions(conn) == {1}


def test_fixed_migration_applies_on_next_run(conn: apsw.Connection) -> None:
    broken = [Migration(1, "one", "CREATE TABLE a(x); SELECT no_such_function();")]
    with pytest.raises(MigrationError):
        apply_migrations(conn, broken)
    assert apply_migrations(conn, [Migration(1, "one", "CREATE TABLE a(x);")]) == [1]


def test_migration_files_are_read_by_number_and_duplicates_refused(tmp_path: Path) -> None:
    folder = tmp_path / "migs"
    folder.mkdir()
    (folder / "0002_second.sql").write_text("CREATE TABLE two(x);")
    (folder / "0001_first.sql").write_text("CREATE TABLE one(x);")
    (folder / "README.txt").write_text("not a migration")
    assert [(m.version, m.name) for m in migrations_in(folder)] == [(1, "first"), (2, "second")]
    (folder / "0002_again.sql").write_text("CREATE TABLE again(x);")
    with pytest.raises(MigrationError, match="share number 0002"):
        migrations_in(folder)
