"""Ticket categories (table categories): two levels, a service and its problems.

The schema's triggers refuse a third level; ``create_category`` refuses it first with a sentence
for people. Categories are archived (``active = 0``), never deleted: tickets keep theirs.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import apsw

from appliance.domain.errors import Conflict, InvalidInput
from appliance.store.edits import required_text, update_columns
from appliance.store.rows import fetch_all, fetch_one

# "Service › Problem" for a problem (alias c, its parent alias parent), the name for a service.
LABEL_SQL = "CASE WHEN parent.id IS NULL THEN c.name ELSE parent.name || ' › ' || c.name END"


@dataclass(frozen=True)
class Category:
    id: int
    parent_id: int | None  # None: a service
    name: str
    label: str  # "Service › Problem", or the service's name
    active: bool

    @classmethod
    def from_row(cls, **row: Any) -> Category:
        return cls(**{**row, "active": bool(row["active"])})


_SELECT = (
    f"SELECT c.id AS id, c.parent_id AS parent_id, c.name AS name, {LABEL_SQL} AS label,"
    " c.active AS active FROM categories AS c LEFT JOIN categories AS parent"
    " ON parent.id = c.parent_id"
)


def _check_name(
    conn: apsw.Connection, name: str, parent_id: int | None, *, other_than: int | None = None
) -> str:
    name = required_text(name, "clients.error.category_name_empty")
    taken = conn.execute(
        "SELECT 1 FROM categories WHERE name = ? AND parent_id IS ? AND id IS NOT ?",
        (name, parent_id, other_than),
    ).fetchone()
    if taken:
        raise Conflict("clients.error.category_name_taken", name=name)
    return name


def create_category(conn: apsw.Connection, *, name: str, parent_id: int | None = None) -> int:
    """A service (no ``parent_id``) or a problem of service ``parent_id``; returns its id."""
    if parent_id is not None:
        parent = get_category(conn, parent_id)
        if parent is None:
            raise InvalidInput("clients.error.category_parent_unknown")
        if parent.parent_id is not None:
            raise InvalidInput("clients.error.category_depth")
    name = _check_name(conn, name, parent_id)
    conn.execute("INSERT INTO categories(parent_id, name) VALUES (?, ?)", (parent_id, name))
    return conn.last_insert_rowid()


def rename_category(conn: apsw.Connection, category_id: int, *, name: str) -> None:
    current = get_category(conn, category_id)
    parent_id = current.parent_id if current is not None else None
    name = _check_name(conn, name, parent_id, other_than=category_id)
    update_columns(
        conn,
        "categories",
        category_id,
        {"name": name},
        editable=("name",),
        missing_key="clients.error.category_missing",
    )


def archive_category(conn: apsw.Connection, category_id: int, *, active: bool = False) -> None:
    """Offer the category no more for new choices (``active=True`` offers it again)."""
    update_columns(
        conn,
        "categories",
        category_id,
        {"active": int(active)},
        editable=("active",),
        missing_key="clients.error.category_missing",
    )


def get_category(conn: apsw.Connection, category_id: int) -> Category | None:
    return fetch_one(conn, Category.from_row, f"{_SELECT} WHERE c.id = ?", (category_id,))


def list_categories(conn: apsw.Connection, *, include_archived: bool = False) -> list[Category]:
    """Each service followed by its problems, by name."""
    where = "" if include_archived else " WHERE c.active = 1"
    return fetch_all(
        conn,
        Category.from_row,
        f"{_SELECT}{where} ORDER BY coalesce(parent.name, c.name) COLLATE NOCASE,"
        " c.parent_id IS NOT NULL, c.name COLLATE NOCASE",
    )
