"""Read-only summaries for the first screens of the technicians' window: clients with their
counts, FAQ articles, and ticket counts by category and status.

Small on purpose: client cards and full reports get their own query modules.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import apsw

_OPEN = "('new', 'in_progress', 'waiting')"


# "Service › Problem" for a two-level category, the name alone for a service.
_CATEGORY_LABEL = "CASE WHEN parent.id IS NULL THEN c.name ELSE parent.name || ' › ' || c.name END"


@dataclass(frozen=True)
class OrganizationSummary:
    id: int
    name: str
    short_name: str
    people: int
    equipment: int
    open_tickets: int


def organizations_overview(conn: apsw.Connection) -> list[OrganizationSummary]:
    rows = conn.execute(
        "SELECT o.id, o.name, o.short_name,"
        " (SELECT count(*) FROM persons AS p WHERE p.org_id = o.id AND p.active = 1),"
        " (SELECT count(*) FROM equipment AS e WHERE e.org_id = o.id),"
        f" (SELECT count(*) FROM tickets AS t WHERE t.org_id = o.id AND t.status IN {_OPEN})"
        " FROM organizations AS o WHERE o.active = 1 ORDER BY o.name COLLATE NOCASE"
    )
    return [OrganizationSummary(*row) for row in rows]


@dataclass(frozen=True)
class FaqArticle:
    id: int
    title: str
    body: str
    category: str | None
    public: bool
    updated_at: str


def _faq_rows(conn: apsw.Connection, where: str, params: Sequence[object]) -> list[FaqArticle]:
    rows = conn.execute(
        f"SELECT f.id, f.title, f.body, {_CATEGORY_LABEL}, f.public, f.updated_at"
        " FROM faq_articles AS f"
        " LEFT JOIN categories AS c ON c.id = f.category_id"
        " LEFT JOIN categories AS parent ON parent.id = c.parent_id"
        f" {where}",
        tuple(params),
    )
    return [FaqArticle(r[0], r[1], r[2], r[3], bool(r[4]), r[5]) for r in rows]


def latest_faq_articles(conn: apsw.Connection, limit: int = 50) -> list[FaqArticle]:
    return _faq_rows(conn, "ORDER BY f.updated_at DESC, f.id DESC LIMIT ?", (limit,))


def faq_articles_by_ids(conn: apsw.Connection, ids: Sequence[int]) -> list[FaqArticle]:
    """The articles with these ids, in the order given (e.g. search ranking)."""
    if not ids:
        return []
    marks = ", ".join("?" for _ in ids)
    found = {a.id: a for a in _faq_rows(conn, f"WHERE f.id IN ({marks})", ids)}
    return [found[i] for i in ids if i in found]


def faq_article_count(conn: apsw.Connection) -> int:
    return int(conn.execute("SELECT count(*) FROM faq_articles").get)


@dataclass(frozen=True)
class Count:
    label: str | None  # None: tickets without a category
    count: int


def tickets_per_category(conn: apsw.Connection, since: str) -> list[Count]:
    """Tickets received at or after ``since`` (stored time text) per category, most first."""
    rows = conn.execute(
        f"SELECT CASE WHEN c.id IS NULL THEN NULL ELSE {_CATEGORY_LABEL} END AS label, count(*)"
        " FROM tickets AS t"
        " LEFT JOIN categories AS c ON c.id = t.category_id"
        " LEFT JOIN categories AS parent ON parent.id = c.parent_id"
        " WHERE t.received_at >= ? GROUP BY label ORDER BY count(*) DESC, label",
        (since,),
    )
    return [Count(*row) for row in rows]


def tickets_per_status(conn: apsw.Connection, since: str) -> list[Count]:
    """Tickets received at or after ``since`` per status, in the statuses' workflow order."""
    rows = conn.execute(
        "SELECT status, count(*) FROM tickets WHERE received_at >= ? GROUP BY status"
        " ORDER BY CASE status WHEN 'new' THEN 0 WHEN 'in_progress' THEN 1"
        " WHEN 'waiting' THEN 2 WHEN 'resolved' THEN 3 ELSE 4 END",
        (since,),
    )
    return [Count(*row) for row in rows]
