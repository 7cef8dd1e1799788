"""Shared pieces of the client-side aggregates' writes: partial updates and name checks.

``update_columns`` takes only columns the aggregate names as editable, so a caller's keyword can
never reach SQL as an identifier it did not mean.
"""

from __future__ import annotations

from collections.abc import Collection, Mapping

import apsw

from appliance.domain.errors import InvalidInput, NotFound


def required_text(value: str, key: str, field: str | None = None) -> str:
    """``value`` stripped; ``InvalidInput(key)`` when nothing is left (naming ``field``, the
    column, so a form can show the sentence under it)."""
    text = value.strip()
    if not text:
        raise InvalidInput(key, field=field) if field is not None else InvalidInput(key)
    return text


def update_columns(
    conn: apsw.Connection,
    table: str,
    row_id: int,
    changes: Mapping[str, object],
    *,
    editable: Collection[str],
    missing_key: str,
) -> None:
    """Set ``changes`` (column -> value) on row ``row_id`` of ``table``."""
    unknown = set(changes) - set(editable)
    if unknown:
        raise InvalidInput("clients.error.field_unknown", fields=", ".join(sorted(unknown)))
    if conn.execute(f"SELECT 1 FROM {table} WHERE id = ?", (row_id,)).fetchone() is None:
        raise NotFound(missing_key)
    if not changes:
        return
    columns = list(changes)
    assignments = ", ".join(f"{column} = ?" for column in columns)
    conn.execute(
        f"UPDATE {table} SET {assignments} WHERE id = ?",
        (*(changes[column] for column in columns), row_id),
    )
