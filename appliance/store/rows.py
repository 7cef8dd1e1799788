"""Mapping query results to named row types by column name, never by position."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any, TypeVar

import apsw

R = TypeVar("R")


def _names(cursor: apsw.Cursor) -> tuple[str, ...]:
    return tuple(column[0] for column in cursor.getdescription())


def fetch_all(
    conn: apsw.Connection, make: Callable[..., R], sql: str, params: Sequence[Any] = ()
) -> list[R]:
    """Every row of ``sql`` as ``make(**{column: value})``."""
    cursor = conn.execute(sql, params)
    try:
        names = _names(cursor)
    except apsw.ExecutionCompleteError:  # no rows: apsw has no description then
        return []
    return [make(**dict(zip(names, row, strict=True))) for row in cursor]


def fetch_one(
    conn: apsw.Connection, make: Callable[..., R], sql: str, params: Sequence[Any] = ()
) -> R | None:
    """The first row of ``sql`` as ``make(**{column: value})``, or None."""
    rows = fetch_all(conn, make, sql, params)
    return rows[0] if rows else None
