"""What the ticket forms offer to choose from: categories (service > problem), assignees, and the
organisation / person / equipment pickers of a ticket taken by phone."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import apsw

from appliance.domain.permissions import ROLES, Permission, allowed
from appliance.store.rows import fetch_all


@dataclass(frozen=True)
class Choice:
    id: int
    label: str


@dataclass(frozen=True)
class Service:
    """A top-level category and its problems."""

    id: int
    name: str
    problems: tuple[Choice, ...]


def category_tree(conn: apsw.Connection, *, keep: int | None = None) -> list[Service]:
    """Active services with their active problems, by name. ``keep`` (the ticket's current
    category) is included even if it was deactivated since, so the form can still show it."""
    rows: list[tuple[Any, ...]] = conn.execute(
        "SELECT id, parent_id, name FROM categories WHERE active = 1 OR id = ?"
        " OR id = (SELECT parent_id FROM categories WHERE id = ?)"
        " ORDER BY name COLLATE NOCASE, id",
        (keep, keep),
    ).fetchall()
    problems: dict[int, list[Choice]] = {}
    for cid, parent, name in rows:
        if parent is not None:
            problems.setdefault(parent, []).append(Choice(cid, name))
    return [
        Service(cid, name, tuple(problems.get(cid, ())))
        for cid, parent, name in rows
        if parent is None
    ]


def assignee_choices(conn: apsw.Connection, *, keep: int | None = None) -> list[Choice]:
    """Active users who may work tickets, by name; ``keep`` (the current assignee) even if not."""
    workers = [r for r in ROLES if allowed(r, Permission.WORK_TICKETS)]
    marks = ", ".join("?" for _ in workers)
    return fetch_all(
        conn,
        Choice,
        "SELECT id, COALESCE(NULLIF(full_name, ''), login) AS label FROM users"
        f" WHERE (active = 1 AND role IN ({marks})) OR id = ?"
        " ORDER BY label COLLATE NOCASE, id",
        (*workers, keep),
    )


def organization_choices(conn: apsw.Connection) -> list[Choice]:
    return fetch_all(
        conn,
        Choice,
        "SELECT id, name AS label FROM organizations WHERE active = 1 ORDER BY name COLLATE NOCASE",
    )


def person_choices(conn: apsw.Connection, org_id: int) -> list[Choice]:
    def choice(*, id: int, full_name: str, position: str) -> Choice:
        return Choice(id, f"{full_name} — {position}" if position else full_name)

    return fetch_all(
        conn,
        choice,
        "SELECT id, full_name, position FROM persons WHERE org_id = ? AND active = 1"
        " ORDER BY full_name COLLATE NOCASE",
        (org_id,),
    )


def equipment_choices(
    conn: apsw.Connection, org_id: int, *, person_id: int | None = None
) -> list[Choice]:
    """The org's equipment; the person's own first when a person is given."""

    def choice(*, id: int, name: str, hostname: str) -> Choice:
        return Choice(id, f"{name} ({hostname})" if hostname else name)

    return fetch_all(
        conn,
        choice,
        "SELECT id, name, hostname FROM equipment WHERE org_id = ?"
        " ORDER BY CASE WHEN person_id = ? THEN 0 ELSE 1 END, name COLLATE NOCASE, id",
        (org_id, person_id),
    )


def person_phone(conn: apsw.Connection, person_id: int) -> str:
    row = conn.execute("SELECT phone FROM persons WHERE id = ?", (person_id,)).fetchone()
    return str(row[0]) if row else ""
