"""The ``settings`` table: small named values the installation keeps inside the store (the demo's
marker, say), and how much the store holds, for commands that must know before they write."""

from __future__ import annotations

import apsw

# Tables a caller may ask about; names go into SQL, so only these are accepted.
COUNTED_TABLES = frozenset(
    {"organizations", "persons", "equipment", "tickets", "categories", "sla_plans"}
)


def set_setting(conn: apsw.Connection, key: str, value: str) -> None:
    conn.execute(
        "INSERT INTO settings(key, value) VALUES (?, ?)"
        " ON CONFLICT(key) DO UPDATE SET value = excluded.value",
        (key, value),
    )


def get_setting(conn: apsw.Connection, key: str) -> str | None:
    row = conn.execute("SELECT value FROM settings WHERE key = ?", (key,)).fetchone()
    return str(row[0]) if row else None


def row_count(conn: apsw.Connection, table: str) -> int:
    if table not in COUNTED_TABLES:
        raise ValueError(f"not a counted table: {table!r}")
    (count,) = conn.execute(f"SELECT count(*) FROM {table}").fetchall()[0]
    return int(count)  # type: ignore[arg-type]


def first_non_empty(conn: apsw.Connection, tables: tuple[str, ...]) -> str | None:
    """The first of ``tables`` holding a row, or None when all are empty."""
    for table in tables:
        if table not in COUNTED_TABLES:
            raise ValueError(f"not a counted table: {table!r}")
        if conn.execute(f"SELECT 1 FROM {table} LIMIT 1").fetchone():
            return table
    return None
