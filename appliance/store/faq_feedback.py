"""What readers do with FAQ articles: views, "this helped" on a ticket, "this solved it" from
LiveViewer; the pictures articles show; and the rows the search index is built from."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

import apsw

from appliance.domain.clock import to_db
from appliance.domain.errors import NotFound
from appliance.store.rows import fetch_all


def _require(conn: apsw.Connection, article_id: int) -> None:
    if conn.execute("SELECT 1 FROM faq_articles WHERE id = ?", (article_id,)).fetchone() is None:
        raise NotFound("clients.error.faq_missing")


def count_view(conn: apsw.Connection, article_id: int) -> None:
    # A counter only: updated_at (and so the devices' FAQ version) stays as it is.
    conn.execute("UPDATE faq_articles SET view_count = view_count + 1 WHERE id = ?", (article_id,))


def mark_helped(
    conn: apsw.Connection, article_id: int, ticket_id: int, *, user_id: int | None, now: datetime
) -> bool:
    """Link the article to the ticket it helped with; True when new (it counts once per
    ticket)."""
    _require(conn, article_id)
    if conn.execute("SELECT 1 FROM tickets WHERE id = ?", (ticket_id,)).fetchone() is None:
        raise NotFound("faq.error.ticket_missing")
    conn.execute(
        "INSERT OR IGNORE INTO faq_helped(article_id, ticket_id, user_id, at) VALUES (?, ?, ?, ?)",
        (article_id, ticket_id, user_id, to_db(now)),
    )
    if conn.changes() == 0:
        return False
    conn.execute(
        "UPDATE faq_articles SET helped_count = helped_count + 1 WHERE id = ?", (article_id,)
    )
    return True


def helped_on(conn: apsw.Connection, ticket_id: int) -> set[int]:
    """The articles marked as having helped with this ticket."""
    return {
        int(row[0])
        for row in conn.execute(
            "SELECT article_id FROM faq_helped WHERE ticket_id = ?", (ticket_id,)
        )
    }


def record_solved(
    conn: apsw.Connection, uuid: str, article_id: int, *, device_id: int, now: datetime
) -> bool:
    """An employee's "this solved it — don't send", once per ``uuid`` however often the PC
    sends it. True when counted now; an article deleted or hidden since, or one never sent to
    this device, is not counted (but the uuid is kept, so a resend does not try again)."""
    conn.execute(
        "INSERT OR IGNORE INTO faq_solved(uuid, article_id, device_id, at) VALUES (?, ?, ?, ?)",
        (uuid, article_id, device_id, to_db(now)),
    )
    if conn.changes() == 0:
        return False
    # Only an article this device could have been sent counts (public, for all or its own).
    conn.execute(
        "UPDATE faq_articles SET solved_count = solved_count + 1 WHERE id = ? AND public = 1"
        " AND (org_id IS NULL OR org_id = (SELECT org_id FROM devices WHERE id = ?))",
        (article_id, device_id),
    )
    return conn.changes() > 0


def add_image(conn: apsw.Connection, sha256: str) -> None:
    """Mark a stored blob as an FAQ picture (readable by everyone who may read the FAQ)."""
    conn.execute("INSERT OR IGNORE INTO faq_blobs(sha256) VALUES (?)", (sha256,))


def image_data(conn: apsw.Connection, sha256: str) -> bytes | None:
    row = conn.execute(
        "SELECT b.data FROM blobs AS b JOIN faq_blobs AS f ON f.sha256 = b.sha256"
        " WHERE b.sha256 = ?",
        (sha256,),
    ).fetchone()
    return bytes(row[0]) if row else None


# -- what the search index is built from -------------------------------------------------------


@dataclass(frozen=True)
class IndexRow:
    id: int
    title: str
    body: str
    tags: str
    category_id: int | None
    public: int
    org_id: int | None
    helped_count: int
    view_count: int


def index_stamp(conn: apsw.Connection) -> tuple[int, int, int, str]:
    """Changes whenever an article is added, saved or deleted (its counters aside): the cached
    index is built again then."""
    row = conn.execute(
        "SELECT count(*), coalesce(sum(id), 0), coalesce(sum(version), 0),"
        " coalesce(max(updated_at), '') FROM faq_articles"
    ).fetchone()
    assert row is not None
    return int(row[0]), int(row[1]), int(row[2]), str(row[3])


def index_rows(conn: apsw.Connection) -> list[IndexRow]:
    return fetch_all(
        conn,
        IndexRow,
        "SELECT id, title, body, tags, category_id, public, org_id, helped_count, view_count"
        " FROM faq_articles",
    )


def counters(conn: apsw.Connection) -> dict[int, tuple[int, int]]:
    """Each article's (helped + solved, views): "most helpful first" without a query."""
    return {
        int(r[0]): (int(r[1]), int(r[2]))
        for r in conn.execute(
            "SELECT id, helped_count + solved_count, view_count FROM faq_articles"
        )
    }


def public_actions(conn: apsw.Connection, ticket_id: int) -> list[str]:
    """The texts of a ticket's actions meant for the client (never its internal notes), oldest
    first: what "make an article from this ticket" starts from."""
    return [
        str(row[0])
        for row in conn.execute(
            "SELECT text FROM ticket_actions WHERE ticket_id = ? AND visibility = 'public'"
            " AND text != '' AND kind IN ('comment', 'phone_call', 'remote_session', 'on_site',"
            " 'other') ORDER BY created_at, id",
            (ticket_id,),
        )
    ]


def ticket_for_draft(conn: apsw.Connection, ticket_id: int) -> tuple[str, int | None] | None:
    """A ticket's description and category, or None when there is no such ticket."""
    row = conn.execute(
        "SELECT description, category_id FROM tickets WHERE id = ?", (ticket_id,)
    ).fetchone()
    return (str(row[0]), row[1]) if row else None


def category_id_by_label(conn: apsw.Connection, label: str) -> int | None:
    """A category named ``"Service › Problem"`` (or ``/`` between), or a service by its name."""
    wanted = " › ".join(part.strip() for part in label.replace("/", "›").split("›")).casefold()
    for cid, name, parent in conn.execute(
        "SELECT c.id, c.name, parent.name FROM categories AS c"
        " LEFT JOIN categories AS parent ON parent.id = c.parent_id"
    ):
        full = f"{parent} › {name}" if parent else str(name)
        if full.casefold() == wanted:
            return int(cid)
    return None


def org_id_by_name(conn: apsw.Connection, name: str) -> int | None:
    row = conn.execute(
        "SELECT id FROM organizations WHERE lower(name) = lower(?) OR"
        " (short_name != '' AND lower(short_name) = lower(?))",
        (name, name),
    ).fetchone()
    return int(row[0]) if row else None


def article_id_by_title(conn: apsw.Connection, title: str) -> int | None:
    row = conn.execute(
        "SELECT id FROM faq_articles WHERE title = ? ORDER BY id LIMIT 1", (title,)
    ).fetchone()
    return int(row[0]) if row else None
